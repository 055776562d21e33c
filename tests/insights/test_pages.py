"""Insight's staff pages through HTTP: the strategy's, a priority's and a window's insight with
their themes, charts, quotes, waiting suggestions, coverage and opinion groups; running the
analysis again; relabelling a theme; the tagging queue; "you said, we did"; and each page's
query count at two sizes of data.

The world is made with factories, so every figure on the pages is known exactly."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from html import unescape
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from convenor.accounts.models import User
from convenor.core.models import AuditEvent
from convenor.engagement.models import Document
from convenor.insights import services
from convenor.insights.charts import MAP_PADDING, MAP_SIZE, bar_chart, opinion_map
from convenor.insights.choices import RunStatus, TagMethod, TagStatus, TextKind, ThemeScope
from convenor.insights.models import (
    OpinionRun,
    PriorityTag,
    Text,
    Theme,
    ThemeRun,
    YouSaid,
)
from convenor.interventions.models import Intervention, StageChange
from convenor.meetings.models import Decision
from convenor.stakeholders.choices import OrganisationKind
from convenor.strategy.models import Priority, Strategy
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.engagement.factories import (
    ActivityFactory,
    ContributionFactory,
    DocumentFactory,
    StatementFactory,
    VoteFactory,
)
from tests.governance.factories import BodyFactory
from tests.insights.factories import (
    OpinionRunFactory,
    PriorityTagFactory,
    TextFactory,
    ThemeFactory,
    ThemeQuoteFactory,
    ThemeRunFactory,
)
from tests.interventions.factories import InterventionFactory, StageChangeFactory
from tests.meetings.factories import DecisionFactory, MeetingFactory
from tests.stakeholders.factories import AreaFactory, OrganisationFactory, PersonFactory
from tests.strategy.factories import PriorityFactory, StrategyFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
RUN_AT = datetime.datetime(2019, 6, 14, 10, 30, tzinfo=LONDON)


@dataclass
class World:
    """A strategy with two priorities, a window, staff and an outsider, texts and their tags,
    a finished theme run of the strategy with two themes, a decision and an intervention change
    that may answer them, and a finished opinion run with two groups."""

    strategy: Strategy
    digital: Priority
    housing: Priority
    window: Document
    staff: User
    outsider: User
    texts: list[Text]
    suggested: PriorityTag
    run: ThemeRun
    broadband: Theme
    homes: Theme
    decision: Decision
    change: StageChange
    intervention: Intervention
    opinion: OpinionRun


def opinion_result(intervention_id: int) -> dict[str, Any]:
    """An opinion run's result in the shape services.opinion_summary writes, two groups of
    three: group 1 agrees that broadband comes first, group 2 disagrees; all agree on skills."""
    kinds_1 = {"business": 2, "council": 1, "university": 0, "community": 0, "other": 0}
    kinds_2 = {"business": 0, "council": 1, "university": 1, "community": 1, "other": 0}
    return {
        "groups": [
            {
                "number": 1,
                "size": 3,
                "kinds": kinds_1,
                "representative": [
                    {
                        "statement": "11",
                        "text": "Gigabit broadband should come first",
                        "direction": "agree",
                        "agree": 3,
                        "disagree": 0,
                        "passed": 0,
                        "seen": 3,
                        "share": 0.8,
                    }
                ],
            },
            {
                "number": 2,
                "size": 3,
                "kinds": kinds_2,
                "representative": [
                    {
                        "statement": "11",
                        "text": "Gigabit broadband should come first",
                        "direction": "disagree",
                        "agree": 0,
                        "disagree": 2,
                        "passed": 1,
                        "seen": 3,
                        "share": 0.6,
                    }
                ],
            },
        ],
        "points": [
            [-1.0, 0.5, 0],
            [-0.8, 0.4, 0],
            [-0.9, 0.6, 0],
            [1.0, -0.5, 1],
            [0.9, -0.4, 1],
            [0.8, -0.6, 1],
        ],
        "consensus": [
            {
                "statement": "12",
                "text": "Digital skills matter to every employer",
                "direction": "agree",
                "score": 0.64,
            }
        ],
        "divisive": [
            {"statement": "11", "text": "Gigabit broadband should come first", "gap": 0.6}
        ],
        "statements": {},
        "interventions": [
            {
                "id": intervention_id,
                "title": "Gigabit vouchers",
                "stage": "Idea",
                "statements": ["11"],
                "by_group": [[3, 0, 0], [0, 2, 1]],
                "by_kind": {
                    "business": [2, 0, 0],
                    "council": [1, 1, 0],
                    "university": [0, 1, 0],
                    "community": [0, 0, 1],
                    "other": [0, 0, 0],
                },
            }
        ],
        "silhouettes": {"2": 0.8},
        "seconds": 0.01,
    }


def make_world() -> World:
    strategy = StrategyFactory(name="Enterprise M3 LIS", slug="em3")
    digital = PriorityFactory(strategy=strategy, number=1, title="Digital connectivity")
    housing = PriorityFactory(strategy=strategy, number=2, title="Homes for workers")
    window = DocumentFactory(strategy=strategy, title="Draft early beta: your reactions")
    guildford = AreaFactory(name="Guildford")
    business = OrganisationFactory(name="Acme Ltd", kind=OrganisationKind.BUSINESS, area=guildford)
    activity = ActivityFactory(strategy=strategy)

    def said(body: str, label: str, day: int, **extra: Any) -> Text:
        contribution = ContributionFactory(
            activity=activity, text=body, author=PersonFactory(organisation=business)
        )
        return TextFactory(
            contribution=contribution,
            text=body,
            author_label=label,
            author_kind=OrganisationKind.BUSINESS,
            area=guildford,
            said_on=datetime.date(2019, 5, day),
            **extra,
        )

    texts = [
        said("Rural broadband is too slow for our firm.", "Acme Ltd", 10),
        said("Young staff cannot afford to rent near us.", "Anonymous", 11),
        said("Fibre to every village, please.", "Jo Bloggs", 12),
    ]
    suggested = PriorityTagFactory(
        text=texts[0], priority=digital, confidence=0.62, method=TagMethod.KEYWORDS
    )
    PriorityTagFactory(
        text=texts[1],
        priority=housing,
        confidence=1.0,
        method=TagMethod.RECORDED,
        status=TagStatus.CONFIRMED,
    )
    run = ThemeRunFactory(strategy=strategy, requested_at=RUN_AT, finished_at=RUN_AT, text_count=3)
    broadband = ThemeFactory(
        run=run,
        number=1,
        terms=["broadband", "rural", "fibre", "village"],
        size=2,
        by_kind={"business": 2},
        by_area={"Guildford": 2},
    )
    homes = ThemeFactory(
        run=run,
        number=2,
        terms=["rent", "young", "staff"],
        size=1,
        by_kind={"council": 1, "unknown": 2},
        by_area={"Guildford": 1, "Unknown": 2},
    )
    ThemeQuoteFactory(theme=broadband, text=texts[0], weight=0.9)
    ThemeQuoteFactory(theme=broadband, text=texts[2], weight=0.7)
    ThemeQuoteFactory(theme=homes, text=texts[1], weight=0.8)
    board = BodyFactory(strategy=strategy, name="Enterprise M3 Board")
    meeting = MeetingFactory(
        body=board,
        strategy=strategy,
        starts_at=datetime.datetime(2019, 5, 22, 10, 0, tzinfo=LONDON),
    )
    decision = DecisionFactory(meeting=meeting, text="the rural broadband plan")
    intervention = InterventionFactory(priority=digital, title="Gigabit vouchers")
    change = StageChangeFactory(
        intervention=intervention,
        at=datetime.datetime(2019, 6, 3, 12, 0, tzinfo=LONDON),
        reason="Partners asked for it.",
    )
    opinion = OpinionRunFactory(
        strategy=strategy,
        finished_at=RUN_AT,
        participants=6,
        statements=2,
        group_count=2,
        result=opinion_result(intervention.pk),
    )
    return World(
        strategy=strategy,
        digital=digital,
        housing=housing,
        window=window,
        staff=StaffUserFactory(name="Kevin Lloyd"),
        outsider=UserFactory(name="Olive Outsider"),
        texts=texts,
        suggested=suggested,
        run=run,
        broadband=broadband,
        homes=homes,
        decision=decision,
        change=change,
        intervention=intervention,
        opinion=opinion,
    )


@pytest.fixture
def world() -> World:
    return make_world()


def url(world: World, name: str, *args: Any) -> str:
    return reverse(f"insights_staff:{name}", args=[world.strategy.slug, *args])


def text(response) -> str:
    return unescape(response.content.decode())


def plain(response) -> str:
    """The page's words without markup, each run of spaces as one (and none before a comma or
    full stop that follows a link)."""
    words = " ".join(re.sub(r"<[^>]+>", " ", text(response)).split())
    return re.sub(r" ([,.])", r"\1", words)


# --- the strategy's insight page ---------------------------------------------------------------


def test_the_strategy_page_shows_each_theme_with_its_figures_chart_and_quotes(client, world):
    client.force_login(world.staff)
    response = client.get(url(world, "strategy"))
    assert response.status_code == 200
    page = plain(response)
    assert "Insight: Enterprise M3 LIS" in page
    assert "Last run: 14 June 2019, 10:30, reading 3 texts." in page
    assert "2 themes in the 3 texts of the strategy, largest first." in page
    assert "Theme 1: broadband, rural, fibre" in page
    assert "Top terms broadband, rural, fibre, village Texts 2" in page
    assert "Theme 2: rent, young, staff" in page
    # The chart and its table carry the same figures.
    assert (
        "Texts in theme 1 by stakeholder type Business: 2 texts." in page
    )  # the SVG's title and text alternative
    assert "Texts in theme 2 by stakeholder type Not known: 2 texts; Council: 1 text." in page
    assert "Stakeholder type Texts Not known 2 Council 1" in page
    assert "Texts in theme 2 by area Area Texts Unknown 2 Guildford 1" in page
    html = response.content.decode()
    assert html.count('role="img"') == 3  # two theme charts and the opinion map
    # Quotes, best first, with who said them, the kind of text and the date.
    assert (
        "Rural broadband is too slow for our firm. Acme Ltd, contribution to an activity, "
        "10 May 2019 Fibre to every village, please. Jo Bloggs, contribution to an activity, "
        "12 May 2019"
    ) in page
    assert f"?theme={world.broadband.pk}" in html
    assert url(world, "theme_label", world.broadband.pk) in html


def test_the_strategy_page_links_to_priorities_windows_tags_you_said_and_exports(client, world):
    client.force_login(world.staff)
    html = client.get(url(world, "strategy")).content.decode()
    for address in (
        url(world, "priority", 1),
        url(world, "priority", 2),
        url(world, "window", world.window.pk),
        url(world, "tags"),
        url(world, "you_said"),
        url(world, "export", "themes", "csv"),
        url(world, "export", "tags", "xlsx"),
        url(world, "export", "groups", "csv"),
    ):
        assert f'href="{address}"' in html, address


def test_the_strategy_page_shows_waiting_suggestions_and_coverage(client, world):
    client.force_login(world.staff)
    page = plain(client.get(url(world, "strategy")))
    assert "The surest 1 of 1 suggestion waiting" in page
    assert (
        "Rural broadband is too slow for our firm. 1. Digital connectivity 62% "
        "Words of the priority Confirm priority 1 for this text Reject priority 1 for this text"
    ) in page
    # Coverage, from engagement's reader: the three contributors of Acme Ltd.
    assert "Engaged on the strategy: 1 organisation, 3 people, 3 contributions." in page
    assert "No council has contributed" in page
    assert (
        "Engaged by organisation type Organisation type Organisations engaged People engaged"
        in (page)
    )


def test_the_strategy_page_shows_opinion_groups_map_and_tables(client, world):
    client.force_login(world.staff)
    response = client.get(url(world, "strategy"))
    page = plain(response)
    assert "6 participants who voted on enough of the 2 statements, in 2 groups." in page
    assert (
        "6 people in 2 groups: group 1 (circles), 3 people; group 2 (squares), 3 people. "
        "People placed close together voted alike."
    ) in page
    assert "Group 1: 3 people Group 2: 3 people" in page  # the map's legend
    assert (
        "Group People Business Council University Community Other "
        "Group 1 (circles) 3 2 1 0 0 0 Group 2 (squares) 3 0 1 1 1 0"
    ) in page
    assert "Gigabit broadband should come first 80% agree 3 0 0" in page
    assert "Gigabit broadband should come first 60% disagree 0 2 1" in page
    assert "Digital skills matter to every employer Agrees 64%" in page
    assert "Gigabit broadband should come first 60 percentage points" in page
    assert (
        "Votes on the 1 statement about Gigabit vouchers (Idea) Votes of Agreed Disagreed Passed "
        "Opinion group 1 3 0 0 Opinion group 2 0 2 1 Business 2 0 0 Council 1 1 0 "
        "University 0 1 0 Community 0 0 1 Other 0 0 0"
    ) in page
    html = response.content.decode()
    assert html.count('<path d="M') == 6 + 2  # six participants and two legend markers


def test_empty_states_say_why_there_are_no_themes_or_groups(client, world):
    ThemeRun.objects.all().delete()
    OpinionRun.objects.all().delete()
    client.force_login(world.staff)
    page = plain(client.get(url(world, "strategy")))
    assert (
        "No themes yet The analysis has not run on the strategy yet. Themes need at least 6 "
        "texts, and the strategy has 3 texts so far."
    ) in page
    assert "Last run: never." in page
    assert "Run the analysis again now" in page
    assert "No opinion groups yet" in page
    assert "The votes have not been counted yet." in page

    ThemeRunFactory(strategy=world.strategy, finished_at=RUN_AT, text_count=3)
    page = plain(client.get(url(world, "strategy")))
    assert "No themes yet Themes need at least 6 texts, and the strategy has 3 texts." in page


def test_a_waiting_or_running_analysis_is_announced_and_the_status_polls(client, world):
    client.force_login(world.staff)
    queued = ThemeRun.objects.create(
        strategy=world.strategy,
        scope=ThemeScope.STRATEGY,
        requested_at=datetime.datetime(2019, 6, 14, 11, 0, tzinfo=LONDON),
    )
    response = client.get(url(world, "strategy"))
    page = plain(response)
    assert "A new run is waiting (asked for 14 June 2019, 11:00)." in page
    assert 'hx-trigger="every 10s"' in response.content.decode()
    assert "Run the analysis again now" not in page
    ThemeRun.objects.filter(pk=queued.pk).update(status=RunStatus.RUNNING)
    assert "A new run is running" in plain(client.get(url(world, "strategy")))
    ThemeRun.objects.filter(pk=queued.pk).update(
        status=RunStatus.FAILED, error="No memory left", finished_at=RUN_AT
    )
    response = client.get(url(world, "strategy"))
    assert "The last run failed (14 June 2019, 10:30): No memory left" in plain(response)
    assert 'hx-trigger="every 10s"' not in response.content.decode()


def test_run_the_analysis_again_queues_one_run_and_says_so(client, world):
    client.force_login(world.staff)
    response = client.post(url(world, "run"), {"next": url(world, "priority", 1)})
    assert response.status_code == 302
    assert response.url == url(world, "priority", 1)
    queued = ThemeRun.objects.get(status=RunStatus.QUEUED)
    assert (queued.strategy, queued.scope) == (world.strategy, ThemeScope.STRATEGY)
    page = plain(client.get(response.url))
    assert "The analysis will run again shortly" in page
    assert "A new run is waiting" in page
    # Again while it waits: still one run; and a `next` elsewhere goes to the strategy's page.
    response = client.post(url(world, "run"), {"next": "https://example.org/"})
    assert response.url == url(world, "strategy")
    assert ThemeRun.objects.filter(status=RunStatus.QUEUED).count() == 1
    assert client.get(url(world, "run")).status_code == 405


# --- a priority's and a window's insight pages -------------------------------------------------


def test_the_priority_page_shows_its_own_themes_waiting_tags_and_coverage(client, world):
    priority_run = ThemeRunFactory(
        strategy=world.strategy,
        scope=ThemeScope.PRIORITY,
        priority=world.digital,
        finished_at=RUN_AT,
        text_count=7,
    )
    ThemeFactory(run=priority_run, number=1, terms=["gigabit", "vouchers"], size=7)
    client.force_login(world.staff)
    response = client.get(url(world, "priority", 1))
    page = plain(response)
    assert "Insight on priority 1: Digital connectivity" in page
    assert "1 theme in the 7 texts of priority 1" in page
    assert "Theme 1: gigabit, vouchers" in page
    assert "broadband, rural" not in page  # the strategy's themes are not this page's
    assert "The surest 1 of 1 suggestion waiting" in page
    assert "Engaged on priority 1: 0 organisations, 0 people, 0 contributions." in page
    assert "No council has contributed to priority 1" in page
    html = response.content.decode()
    assert f'href="{url(world, "tags")}?priority=1&amp;status=suggested"' in html
    assert "Opinion groups" not in page
    assert client.get(url(world, "priority", 9)).status_code == 404


def test_the_priority_page_without_a_run_counts_its_texts(client, world):
    client.force_login(world.staff)
    page = plain(client.get(url(world, "priority", 2)))
    assert "No themes yet The analysis has not run on priority 2 yet." in page
    assert "No suggestion is waiting for a decision." in page
    ThemeRunFactory(
        strategy=world.strategy,
        scope=ThemeScope.PRIORITY,
        priority=world.housing,
        finished_at=RUN_AT,
        text_count=1,
    )
    page = plain(client.get(url(world, "priority", 2)))
    # One text carries a confirmed tag of priority 2.
    assert "Themes need at least 6 texts, and priority 2 has 1 text." in page


def test_the_window_page_shows_its_themes_and_the_strategys_coverage(client, world):
    window_run = ThemeRunFactory(
        strategy=world.strategy,
        scope=ThemeScope.WINDOW,
        window=world.window,
        finished_at=RUN_AT,
        text_count=6,
    )
    ThemeFactory(run=window_run, number=1, terms=["narrative", "draft"], size=6, by_kind={})
    Text.objects.filter(pk=world.texts[0].pk).update(window=world.window)
    client.force_login(world.staff)
    page = plain(client.get(url(world, "window", world.window.pk)))
    assert "Insight on Draft early beta: your reactions" in page
    assert "Theme 1: narrative, draft" in page
    assert "1 theme in the 6 texts of this window" in page
    assert "The surest 1 of 1 suggestion waiting" in page
    assert "Engaged on the strategy: 1 organisation, 3 people, 3 contributions." in page
    other = DocumentFactory()
    assert client.get(url(world, "window", other.pk)).status_code == 404


# --- relabelling a theme -----------------------------------------------------------------------


def test_relabel_a_theme_then_back_to_its_top_terms(client, world):
    client.force_login(world.staff)
    address = url(world, "theme_label", world.broadband.pk)
    form = plain(client.get(address))
    assert "Relabel the theme “broadband, rural, fibre”" in form
    assert "Leave it blank to title the theme by its top terms: broadband, rural, fibre." in form
    response = client.post(address, {"label": "  Rural broadband  "})
    assert response.status_code == 302
    assert response.url == f"{url(world, 'strategy')}#theme-{world.broadband.pk}"
    world.broadband.refresh_from_db()
    assert (world.broadband.label, world.broadband.labelled_by) == ("Rural broadband", world.staff)
    event = AuditEvent.objects.get(verb="relabelled theme")
    assert (event.actor, event.detail) == (world.staff, {"from": "", "to": "Rural broadband"})
    page = plain(client.get(response.url))
    assert "Relabelled theme 1: “Rural broadband”." in page
    assert "Theme 1: Rural broadband" in page
    assert "Labelled by Kevin Lloyd" in page
    client.post(address, {"label": ""})
    world.broadband.refresh_from_db()
    assert world.broadband.label == ""
    assert "Theme 1 is titled by its top terms again: broadband, rural, fibre." in plain(
        client.get(url(world, "strategy"))
    )
    assert AuditEvent.objects.filter(verb="relabelled theme").count() == 2


def test_a_label_too_long_is_refused_and_kept(client, world):
    client.force_login(world.staff)
    typed = "Broadband " * 13
    response = client.post(url(world, "theme_label", world.broadband.pk), {"label": typed})
    assert response.status_code == 200
    page = text(response)
    assert "There is a problem" in page
    assert "Keep the label to 120 characters or fewer" in page
    assert f'value="{typed}"' in page
    world.broadband.refresh_from_db()
    assert world.broadband.label == ""
    assert not AuditEvent.objects.filter(verb="relabelled theme").exists()


def test_a_priority_theme_relabelled_goes_back_to_the_priority_page(client, world):
    priority_run = ThemeRunFactory(
        strategy=world.strategy, scope=ThemeScope.PRIORITY, priority=world.housing
    )
    theme = ThemeFactory(run=priority_run, number=1)
    client.force_login(world.staff)
    response = client.post(url(world, "theme_label", theme.pk), {"label": "Rents"})
    assert response.url == f"{url(world, 'priority', 2)}#theme-{theme.pk}"
    other = ThemeFactory()
    assert client.get(url(world, "theme_label", other.pk)).status_code == 404


# --- the tagging queue -------------------------------------------------------------------------


def test_the_queue_lists_texts_with_their_tags_newest_first(client, world):
    client.force_login(world.staff)
    page = plain(client.get(url(world, "tags")))
    assert "3 texts." in page
    assert page.index("Fibre to every village") < page.index("Young staff cannot afford")
    assert page.index("Young staff cannot afford") < page.index("Rural broadband is too slow")
    assert (
        "1. Digital connectivity Suggested 62% Words of the priority "
        "Confirm priority 1 for this text Reject priority 1 for this text"
    ) in page
    assert "2. Homes for workers Confirmed 100% Tagged by staff Reject priority 2" in page
    assert "No priority yet." in page  # the third text


def test_the_queue_filters_by_priority_status_kind_and_words(client, world):
    client.force_login(world.staff)

    def found(**query: str) -> str:
        return plain(client.get(url(world, "tags"), query))

    assert "1 text matches the search." in found(priority="1")
    assert "Rural broadband" in found(priority="1", status="suggested")
    assert "No text matches the search." in found(priority="1", status="confirmed")
    page = found(status="untagged")
    assert "1 text matches the search." in page and "Fibre to every village" in page
    page = found(priority="2", status="untagged")
    assert "2 texts match the search." in page
    assert "Young staff" not in page
    assert "No text matches the search." in found(kind=TextKind.COMMENT)
    page = found(q="VILLAGE")
    assert "1 text matches the search." in page and "Fibre to every village" in page
    # A filter that is not a choice is refused and shows everything.
    page = found(priority="99")
    assert "Select a valid choice." in page


def test_the_queue_pages_25_texts_at_a_time(client, world):
    for day in range(25):
        TextFactory(
            contribution__activity__strategy=world.strategy,
            text=f"Extra text {day}",
            said_on=datetime.date(2019, 4, 1) + datetime.timedelta(days=day),
        )
    client.force_login(world.staff)
    page = plain(client.get(url(world, "tags")))
    assert "Showing 1 to 25 of 28" in page
    assert "Extra text 0" not in page
    second = plain(client.get(url(world, "tags"), {"page": "2"}))
    assert "Showing 26 to 28 of 28" in second
    assert "Extra text 1" in second and "Extra text 0" in second


def test_confirm_and_reject_go_back_to_the_filtered_queue_with_a_message(client, world):
    client.force_login(world.staff)
    back = f"{url(world, 'tags')}?priority=1&status=suggested"
    decide = url(world, "tag_decide", world.suggested.pk)
    response = client.post(decide, {"decision": "confirm", "next": back})
    assert response.status_code == 302 and response.url == back
    world.suggested.refresh_from_db()
    assert (world.suggested.status, world.suggested.decided_by) == (
        TagStatus.CONFIRMED,
        world.staff,
    )
    event = AuditEvent.objects.get(verb="confirmed priority tag")
    assert event.detail == {"priority": 1, "was": "suggested"}
    assert "Confirmed priority 1 for “Rural broadband is too slow for our firm.”." in plain(
        client.get(back)
    )
    client.post(decide, {"decision": "reject", "next": back})
    world.suggested.refresh_from_db()
    assert world.suggested.status == TagStatus.REJECTED
    assert AuditEvent.objects.filter(verb="rejected priority tag").count() == 1


def test_a_bad_decision_changes_nothing_and_says_why(client, world):
    client.force_login(world.staff)
    response = client.post(
        url(world, "tag_decide", world.suggested.pk), {"decision": "maybe"}, follow=True
    )
    assert "Choose to confirm or reject the priority" in plain(response)
    world.suggested.refresh_from_db()
    assert world.suggested.status == TagStatus.SUGGESTED
    assert not AuditEvent.objects.exists()
    other = PriorityTagFactory()
    response = client.post(url(world, "tag_decide", other.pk), {"decision": "confirm"})
    assert response.status_code == 404


def test_add_a_priority_to_a_text(client, world):
    client.force_login(world.staff)
    fibre = world.texts[2]
    back = f"{url(world, 'tags')}?q=fibre"
    address = url(world, "tag_add", fibre.pk)
    response = client.post(address, {"priority": "", "next": back}, follow=True)
    assert "Choose the priority to add" in plain(response)
    response = client.post(address, {"priority": "7", "next": back}, follow=True)
    assert "Choose a priority of this strategy" in plain(response)
    assert not PriorityTag.objects.filter(text=fibre).exists()
    response = client.post(address, {"priority": "1", "next": back})
    assert response.url == back
    tag = PriorityTag.objects.get(text=fibre)
    assert (tag.priority, tag.status, tag.method, tag.confidence, tag.decided_by) == (
        world.digital,
        TagStatus.CONFIRMED,
        TagMethod.RECORDED,
        1.0,
        world.staff,
    )
    assert AuditEvent.objects.get(verb="confirmed priority tag").detail == {
        "priority": 1,
        "was": "new",
    }
    assert "Tagged “Fibre to every village, please.” with priority 1." in plain(client.get(back))


# --- you said, we did --------------------------------------------------------------------------


def test_link_a_theme_to_a_decision_with_the_generated_wording(client, world):
    client.force_login(world.staff)
    address = f"{url(world, 'you_said_add')}?theme={world.broadband.pk}"
    form = plain(client.get(address))
    assert "Theme broadband, rural, fibre Top terms broadband, rural, fibre, village" in form
    assert "Enterprise M3 Board, 22 May 2019: NOTE the rural broadband plan" in form
    assert "Gigabit vouchers: moved to idea on 3 June 2019" in form
    response = client.post(address, {"answer": f"decision-{world.decision.pk}", "we_did": ""})
    assert response.status_code == 302
    link = YouSaid.objects.get()
    assert response.url == f"{url(world, 'you_said')}#you-said-{link.pk}"
    assert (link.theme, link.said, link.decision, link.stage_change, link.created_by) == (
        world.broadband,
        "broadband, rural, fibre",
        world.decision,
        None,
        world.staff,
    )
    assert link.we_did == "Enterprise M3 Board, 22 May 2019: note the rural broadband plan"
    assert AuditEvent.objects.get(verb="linked you said, we did").actor == world.staff
    page = plain(client.get(response.url))
    assert "Linked “broadband, rural, fibre” to what was done." in page
    assert (
        "broadband, rural, fibre A theme Enterprise M3 Board, 22 May 2019: note the rural "
        "broadband plan Decision of Enterprise M3 Board, 22 May 2019"
    ) in page


def test_link_a_text_to_an_intervention_change_in_our_own_words(client, world):
    client.force_login(world.staff)
    address = f"{url(world, 'you_said_add')}?text={world.texts[0].pk}"
    assert "Rural broadband is too slow for our firm. Acme Ltd" in plain(client.get(address))
    response = client.post(
        address, {"answer": f"change-{world.change.pk}", "we_did": " Vouchers for rural firms. "}
    )
    assert response.status_code == 302
    link = YouSaid.objects.get()
    assert (link.text, link.said, link.stage_change, link.we_did) == (
        world.texts[0],
        "Rural broadband is too slow for our firm.",
        world.change,
        "Vouchers for rural firms.",
    )
    page = plain(client.get(url(world, "you_said")))
    assert "Vouchers for rural firms. Change to Gigabit vouchers, 3 June 2019" in page


def test_the_link_form_refuses_a_missing_or_foreign_answer_and_keeps_what_was_typed(client, world):
    client.force_login(world.staff)
    address = f"{url(world, 'you_said_add')}?theme={world.broadband.pk}"
    response = client.post(address, {"answer": "", "we_did": "Kept words"})
    page = text(response)
    assert response.status_code == 200
    assert "Choose the decision or intervention change that answers it" in page
    assert "Kept words</textarea>" in page
    foreign = DecisionFactory()
    response = client.post(address, {"answer": f"decision-{foreign.pk}", "we_did": "Kept"})
    assert "Choose a decision or intervention change of this strategy" in text(response)
    assert not YouSaid.objects.exists()
    assert not AuditEvent.objects.exists()
    # Nothing to link: no theme or text named, or one of another strategy.
    assert client.get(url(world, "you_said_add")).status_code == 404
    assert client.get(f"{url(world, 'you_said_add')}?theme={ThemeFactory().pk}").status_code == 404
    assert client.get(f"{url(world, 'you_said_add')}?text=abc").status_code == 404


def test_remove_a_link_after_asking(client, world):
    link = services.you_said_link(
        strategy=world.strategy, actor=world.staff, theme=world.homes, decision=world.decision
    )
    client.force_login(world.staff)
    address = url(world, "you_said_delete", link.pk)
    page = plain(client.get(address))
    assert "Delete “you said, we did” link “rent, young, staff → Enterprise M3 Board" in page
    assert "Nothing else is deleted with it." in page
    response = client.post(address)
    assert response.url == url(world, "you_said")
    assert not YouSaid.objects.exists()
    assert AuditEvent.objects.filter(verb="removed you said, we did").count() == 1
    assert "Nothing is linked yet." in plain(client.get(url(world, "you_said")))


# --- a world built by the services, end to end -------------------------------------------------


def test_pages_show_what_the_services_computed_from_contributions_and_votes(client, world):
    """Twelve contributions on two topics and two camps of voters, through texts_sync,
    tags_suggest, themes_compute and opinion_compute, as the background task runs them."""
    ThemeRun.objects.all().delete()
    OpinionRun.objects.all().delete()
    Text.objects.all().delete()
    activity = ActivityFactory(strategy=world.strategy)
    for index in range(6):
        ContributionFactory(
            activity=activity, text=f"Rural broadband and fibre for village firms {index}"
        )
        ContributionFactory(
            activity=activity, text=f"Affordable rent homes for young staff {index}"
        )
    statements = [
        StatementFactory(strategy=world.strategy, text=f"Statement {i}") for i in range(4)
    ]
    for person in range(8):
        voter = PersonFactory()
        camp = person % 2
        for index, statement in enumerate(statements):
            agrees = (index % 2 == camp) or index == 3
            VoteFactory(statement=statement, person=voter, choice="agree" if agrees else "disagree")
    services.texts_sync(strategy=world.strategy)
    services.tags_suggest(strategy=world.strategy)
    run = services.themes_compute(strategy=world.strategy)
    opinion = services.opinion_compute(strategy=world.strategy)
    client.force_login(world.staff)
    page = plain(client.get(url(world, "strategy")))
    themes = list(run.themes.order_by("number"))
    assert len(themes) == 2
    assert f"{len(themes)} themes in the 15 texts of the strategy" in page
    for theme in themes:
        assert f"Theme {theme.number}: {theme.title}" in page
    assert opinion.group_count == 2
    assert "8 participants who voted on enough of the 4 statements, in 2 groups." in page
    assert "8 people in 2 groups: group 1 (circles), 4 people; group 2 (squares), 4 people." in (
        page
    )


# --- query counts ------------------------------------------------------------------------------


def grow(world: World, size: int) -> None:
    """`size` more of everything the strategy page shows: texts with tags and quotes, themes,
    priorities, windows, opinion groups' points and interventions."""
    runs = [
        world.run,
        ThemeRunFactory(strategy=world.strategy, scope=ThemeScope.PRIORITY, priority=world.digital),
        ThemeRunFactory(strategy=world.strategy, scope=ThemeScope.WINDOW, window=world.window),
    ]
    for index in range(size):
        priority = PriorityFactory(strategy=world.strategy, number=10 + index)
        DocumentFactory(strategy=world.strategy)
        body = TextFactory(contribution__activity__strategy=world.strategy, text=f"More {index}")
        PriorityTagFactory(text=body, priority=priority, confidence=0.5)
        PriorityTagFactory(text=body, priority=world.digital, confidence=0.5)
        Text.objects.filter(pk=body.pk).update(window=world.window)
        for run in runs:
            theme = ThemeFactory(run=run, number=10 + index, by_kind={"business": index + 1})
            ThemeQuoteFactory(theme=theme, text=body)
        ContributionFactory(activity__strategy=world.strategy)
    result = world.opinion.result
    result["points"] += [[0.1 * i, 0.2, i % 2] for i in range(size)]
    result["interventions"] += [
        {**result["interventions"][0], "title": f"Intervention {i}"} for i in range(size)
    ]
    OpinionRun.objects.filter(pk=world.opinion.pk).update(result=result)


QUERIES = {
    "strategy": 23,
    "priority": 21,
    "window": 21,
    "tags": 8,
    "you_said": 5,
}


@pytest.mark.parametrize("size", [2, 12])
@pytest.mark.parametrize("page", sorted(QUERIES))
def test_each_page_makes_the_same_number_of_queries_at_any_size(
    client, world, django_assert_num_queries, page, size
):
    grow(world, size)
    for index in range(size):
        services.you_said_link(
            strategy=world.strategy,
            actor=world.staff,
            theme=world.broadband,
            decision=world.decision,
            we_did=f"Did {index}",
        )
    args = {"priority": [1], "window": [world.window.pk]}.get(page, [])
    client.force_login(world.staff)
    with django_assert_num_queries(QUERIES[page]):
        response = client.get(url(world, page, *args))
    assert response.status_code == 200


# --- the charts' geometry ----------------------------------------------------------------------


def test_bars_are_scaled_to_the_longest_with_the_same_figures_in_words():
    chart = bar_chart([("Business", 4), ("Council", 1), ("A very long stakeholder type name", 2)])
    assert chart is not None
    assert [(bar.label, bar.value, bar.width) for bar in chart.bars] == [
        ("Business", 4, 310.0),
        ("Council", 1, 77.5),
        ("A very long stakeholder typ…", 2, 155.0),
    ]
    assert [bar.y for bar in chart.bars] == [10.0, 36.0, 62.0]
    assert chart.description == (
        "Business: 4 texts; Council: 1 text; A very long stakeholder type name: 2 texts."
    )
    assert bar_chart([]) is None


def test_the_opinion_map_fits_the_square_and_gives_each_group_a_shape_and_colour():
    chart = opinion_map([[-2.0, 0.0, 0], [2.0, 0.0, 1], [2.0, 1.0, 1]], [1, 2])
    assert chart is not None
    assert [(g.number, g.size, g.colour, g.shape) for g in chart.groups] == [
        (1, 1, "#1d70b8", "circle"),
        (2, 2, "#d4351c", "square"),
    ]
    # The widest spread (4 across) fills the square less its padding, and the same scale
    # (328 / 4 a unit) runs up, centred: y = 0 is 41 below the middle, since up is +y.
    left, right, low = MAP_PADDING, MAP_SIZE - MAP_PADDING, MAP_SIZE / 2 + 41
    assert chart.groups[0].paths == (f"M{left - 5:g} {low:g}a5 5 0 1 0 10 0a5 5 0 1 0 -10 0Z",)
    assert chart.groups[1].paths[0] == (f"M{right - 4.25:g} {low - 4.25:g}h8.5v8.5h-8.5Z")
    assert chart.description == (
        "3 people in 2 groups: group 1 (circles), 1 person; group 2 (squares), 2 people. "
        "People placed close together voted alike."
    )
    assert opinion_map([], []) is None
