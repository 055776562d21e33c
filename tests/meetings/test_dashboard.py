"""The staff home's panel of transparency deadlines and overdue actions, per strategy.

The clock is stopped at noon on Monday 13 May 2019, a week before the board meeting of 22 May.
"""

import datetime
import re

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from convenor.meetings.choices import ActionStatus, MeetingStatus
from convenor.meetings.models import Action
from convenor.meetings.panels import staff_deadlines_panel
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.governance.factories import BodyFactory
from tests.meetings.factories import ActionFactory, MeetingFactory
from tests.meetings.scenes import at, scene_build
from tests.strategy.factories import StrategyFactory

pytestmark = pytest.mark.django_db

D = datetime.date
NOW = at(2019, 5, 13, 12)


@pytest.fixture
def frozen(monkeypatch):
    """Stop the clock (timezone.now, and so localdate) at NOW."""
    monkeypatch.setattr("django.utils.timezone.now", lambda: NOW)
    return NOW


@pytest.fixture
def scene(frozen):
    scene = scene_build()
    board = scene.board

    def meeting(title, day, **fields):
        return MeetingFactory(
            body=board, title=title, starts_at=at(*day), ends_at=at(*day, 12), **fields
        )

    # Papers. Wed 22 May: clear days 15-21 May, due Tue 14 May: due soon.
    meeting("Papers due soon", (2019, 5, 22, 10))
    # Mon 20 May: clear days 13-17 May, due Sun 12 May: overdue.
    meeting("Papers overdue", (2019, 5, 20, 10))
    # Fri 28 Jun: due Thu 20 Jun, beyond the next 14 days.
    meeting("Papers not yet due", (2019, 6, 28, 10))
    meeting("Papers out already", (2019, 5, 21, 10), papers_published_at=at(2019, 5, 10, 9))
    meeting(
        "Cancelled before papers",
        (2019, 5, 21, 14),
        status=MeetingStatus.CANCELLED,
        cancellation_reason="Moved",
    )
    # Minutes. Fri 3 May: ten clear working days (6 May a bank holiday) end Mon 20 May: due.
    meeting("Minutes due", (2019, 5, 3, 10), status=MeetingStatus.HELD)
    # Thu 18 Apr: past Easter and 6 May, the tenth working day is Tue 7 May: overdue.
    meeting("Minutes overdue", (2019, 4, 18, 10), status=MeetingStatus.HELD)
    meeting("Minutes out already", (2019, 4, 10, 10), minutes_published_at=at(2019, 4, 12, 9))
    # A closed body's meeting, and a joint session with it, have no public deadlines.
    MeetingFactory(body=scene.closed, title="Zanzibar unpublished", starts_at=at(2019, 5, 22, 10))
    joint = meeting("Wombat joint unpublished", (2019, 5, 22, 14))
    joint.joint_bodies.set([scene.closed])

    # Actions.
    ActionFactory(meeting=scene.board_meeting, description="Open, overdue", due_on=D(2019, 5, 10))
    ActionFactory(
        meeting=scene.board_meeting,
        description="In progress, overdue",
        due_on=D(2019, 5, 1),
        status=ActionStatus.IN_PROGRESS,
    )
    ActionFactory(
        meeting=scene.board_meeting,
        description="Done late",
        due_on=D(2019, 5, 1),
        status=ActionStatus.DONE,
    )
    ActionFactory(meeting=scene.board_meeting, description="Due next week", due_on=D(2019, 5, 20))
    ActionFactory(
        meeting=None,
        strategy=scene.strategy,
        description="From no meeting, overdue",
        due_on=D(2019, 5, 12),
    )
    return scene


def panel_of(page: str) -> str:
    """The deadlines panel: from its heading to the next panel's or section's heading."""
    start = page.index('id="deadlines"')
    return page[start : page.index("<h2", start)]


def hub(scene, title: str) -> str:
    meeting = scene.strategy.meetings.get(title=title)
    return reverse("meetings_staff:meeting_hub", args=[scene.strategy.slug, meeting.pk])


def test_papers_due_soon_or_overdue(client, scene):
    client.force_login(scene.staff)

    panel = panel_of(client.get(reverse("strategy_staff:home")).content.decode())
    papers = panel[panel.index("Papers to publish") : panel.index("Minutes to publish")]

    rows = papers.split('<tr class="govuk-table__row">')[2:]
    assert [row[row.index('">', row.index("href")) + 2 : row.index("</a>")] for row in rows] == [
        "Papers overdue",
        "Papers due soon",
    ]
    assert f'href="{hub(scene, "Papers overdue")}"' in rows[0]
    assert (
        '<td class="govuk-table__cell">12 May 2019 <strong class="govuk-tag govuk-tag--red">'
        "Overdue</strong></td>" in rows[0]
    )
    assert '<td class="govuk-table__cell">20 May 2019</td>' in rows[0]
    assert (
        '<td class="govuk-table__cell">14 May 2019 <strong class="govuk-tag govuk-tag--yellow">'
        "Due soon</strong></td>" in rows[1]
    )


def test_minutes_due_or_overdue(client, scene):
    client.force_login(scene.staff)

    panel = panel_of(client.get(reverse("strategy_staff:home")).content.decode())
    minutes = panel[panel.index("Minutes to publish") : panel.index("Overdue actions")]

    rows = minutes.split('<tr class="govuk-table__row">')[2:]
    assert len(rows) == 2
    assert "Minutes overdue</a>" in rows[0]
    assert f'href="{hub(scene, "Minutes overdue")}"' in rows[0]
    assert '7 May 2019 <strong class="govuk-tag govuk-tag--red">Overdue</strong>' in rows[0]
    assert "Minutes due</a>" in rows[1]
    assert '20 May 2019 <strong class="govuk-tag govuk-tag--yellow">Due</strong>' in rows[1]


def test_overdue_actions(client, scene):
    client.force_login(scene.staff)

    panel = panel_of(client.get(reverse("strategy_staff:home")).content.decode())
    actions = panel[panel.index("Overdue actions") :]

    rows = actions.split('<tr class="govuk-table__row">')[2:]
    descriptions = [re.sub(r"<[^>]+>", "|", row).strip("| \n").split("|")[0] for row in rows]
    assert descriptions == ["In progress, overdue", "Open, overdue", "From no meeting, overdue"]
    # An action of a meeting links to its edit page, where its owner's progress is recorded.
    in_progress = Action.objects.get(description="In progress, overdue")
    edit = reverse(
        "meetings_staff:action_edit",
        args=[scene.strategy.slug, scene.board_meeting.pk, in_progress.pk],
    )
    assert f'href="{edit}"' in rows[0]
    assert "Enterprise M3 Board meeting" in rows[0]
    assert "1 May 2019 <strong" in rows[0]
    assert "href" not in rows[2]


def test_nothing_of_closed_bodies_or_published_or_cancelled_meetings(client, scene):
    client.force_login(scene.staff)

    panel = panel_of(client.get(reverse("strategy_staff:home")).content.decode())

    for absent in (
        "Papers not yet due",
        "Papers out already",
        "Cancelled before papers",
        "Minutes out already",
        "Zanzibar",
        "Wombat",
        "Done late",
        "Due next week",
    ):
        assert absent not in panel


def test_each_strategy_has_its_own_section(client, scene):
    other = StrategyFactory(name="Another strategy")
    ActionFactory(
        meeting=MeetingFactory(body=BodyFactory(strategy=other), starts_at=at(2019, 3, 1)),
        description="Another strategy's overdue action",
        due_on=D(2019, 4, 1),
    )
    client.force_login(scene.staff)

    panel = panel_of(client.get(reverse("strategy_staff:home")).content.decode())

    another = panel.index('<h3 class="govuk-heading-m">Another strategy</h3>')
    em3 = panel.index('<h3 class="govuk-heading-m">Enterprise M3 Local Industrial Strategy</h3>')
    assert another < em3
    assert another < panel.index("Another strategy&#x27;s overdue action") < em3


def test_nothing_due_says_so(client, frozen):
    client.force_login(StaffUserFactory(password=None))

    panel = panel_of(client.get(reverse("strategy_staff:home")).content.decode())

    assert "Nothing is due: no papers due in the next 14 days" in panel


def test_the_panel_is_for_staff_only(frozen):
    request = RequestFactory().get("/staff/")
    request.user = UserFactory(password=None)
    assert staff_deadlines_panel(request) is None


# --- Query counts -------------------------------------------------------------------------------


def grow(scene, times: int) -> None:
    """More public meetings due papers and minutes, more overdue actions, more strategies."""
    for n in range(times):
        strategy = StrategyFactory()
        body = BodyFactory(strategy=strategy, is_public=True)
        MeetingFactory(body=body, starts_at=at(2019, 5, 21 + n % 5), ends_at=at(2019, 5, 26))
        past = MeetingFactory(
            body=body, starts_at=at(2019, 4, 1 + n), ends_at=at(2019, 4, 1 + n, 12)
        )
        ActionFactory(meeting=past, due_on=D(2019, 5, 1))
        ActionFactory(meeting=scene.board_meeting, due_on=D(2019, 5, 2 + n))


def panel_render_queries(scene) -> int:
    request = RequestFactory().get("/staff/")
    request.user = scene.staff
    with CaptureQueriesContext(connection) as queries:
        panel = staff_deadlines_panel(request)
        assert panel is not None
        render_to_string(panel.template_name, {"panel": panel.context})
    return len(queries.captured_queries)


@pytest.mark.parametrize("times", [1, 10])
def test_the_panel_makes_two_queries_whatever_the_data(scene, times):
    grow(scene, times)
    # Public meetings with papers or minutes outstanding (with strategy and body); overdue
    # actions (with strategy, meeting and owner).
    assert panel_render_queries(scene) == 2


def test_the_staff_home_makes_as_many_queries_for_ten_times_the_data(client, scene):
    client.force_login(scene.staff)
    url = reverse("strategy_staff:home")

    def count() -> int:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries.captured_queries)

    grow(scene, 1)
    small = count()
    grow(scene, 9)
    assert count() == small
