"""Insight's services: copying what was said, tags, themes, opinion groups, "you said, we did"
and the queue of analyses."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django_tasks_db.models import DBTaskResult

from convenor.core.models import AuditEvent
from convenor.engagement.choices import ContentStatus, VoteChoice
from convenor.insights import services
from convenor.insights.choices import RunStatus, TagMethod, TagStatus, TextKind, ThemeScope
from convenor.insights.models import OpinionRun, PriorityTag, Text, Theme, ThemeRun, YouSaid
from convenor.interventions.choices import InterventionStage
from convenor.stakeholders.choices import OrganisationKind
from tests.accounts.factories import StaffUserFactory
from tests.engagement.factories import (
    ActivityFactory,
    CommentFactory,
    ContributionFactory,
    DiscussionFactory,
    DocumentFactory,
    ParagraphFactory,
    ParagraphVersionFactory,
    PostFactory,
    StatementFactory,
    VoteFactory,
)
from tests.governance.factories import BodyFactory
from tests.insights.factories import (
    PriorityTagFactory,
    TextFactory,
    ThemeFactory,
    ThemeRunFactory,
)
from tests.insights.test_themes import BROADBAND, HOUSING, TRANSPORT
from tests.interventions.factories import InterventionFactory, StageChangeFactory
from tests.meetings.factories import DecisionFactory, MeetingFactory
from tests.stakeholders.factories import OrganisationFactory, PersonFactory
from tests.strategy.factories import LineOfEnquiryFactory, PriorityFactory, StrategyFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
ANALYSIS_TASK = "convenor.insights.tasks.analysis_task"


def priorities_of(strategy):
    """Three priorities with words of their own, as the keyword baseline reads them."""
    housing = PriorityFactory(
        strategy=strategy,
        number=1,
        title="Housing supply",
        summary="More homes that people can afford to rent or buy.",
    )
    LineOfEnquiryFactory(priority=housing, question="Where should new homes be built?")
    mobility = PriorityFactory(
        strategy=strategy,
        number=2,
        title="Smart mobility",
        summary="Buses, trains and cycling that get people to work.",
    )
    skills = PriorityFactory(
        strategy=strategy,
        number=3,
        title="Workforce and skills",
        summary="Training, apprenticeships and colleges for the skills employers need.",
    )
    return housing, mobility, skills


def tags_of(text: Text) -> list[tuple[int, str, str]]:
    return sorted(
        PriorityTag.objects.filter(text=text).values_list("priority__number", "status", "method")
    )


# --- texts_sync -------------------------------------------------------------------------------


@pytest.fixture
def said():
    """A strategy where something of every kind was said, and some not yet to be read."""
    strategy = StrategyFactory()
    housing, mobility, _skills = priorities_of(strategy)
    activity = ActivityFactory(strategy=strategy)
    council = OrganisationFactory(kind=OrganisationKind.COUNCIL)
    contribution = ContributionFactory(
        activity=activity,
        text="We need homes for key workers.",
        author=PersonFactory(organisation=council),
        priorities=[housing],
    )
    paragraph = ParagraphFactory(document=DocumentFactory(strategy=strategy))
    version = ParagraphVersionFactory(paragraph=paragraph)
    published = CommentFactory(version=version, text="Paragraph 2 forgets the buses.")
    pending = CommentFactory(version=version, text="Waiting", status=ContentStatus.PENDING)
    hidden = CommentFactory(version=version, text="Rude", status=ContentStatus.HIDDEN)
    post = PostFactory(
        discussion=DiscussionFactory(strategy=strategy, priority=mobility),
        text="Trains are too full.",
    )
    PostFactory(
        discussion=DiscussionFactory(strategy=strategy), text="Hidden", status=ContentStatus.HIDDEN
    )
    return {
        "strategy": strategy,
        "housing": housing,
        "mobility": mobility,
        "council": council,
        "contribution": contribution,
        "paragraph": paragraph,
        "published": published,
        "pending": pending,
        "hidden": hidden,
        "post": post,
    }


def test_texts_sync_copies_contributions_published_comments_and_posts(said):
    count = services.texts_sync(strategy=said["strategy"])

    assert count == 3
    texts = Text.objects.filter(strategy=said["strategy"]).order_by("kind")
    assert [(t.kind, t.text) for t in texts] == [
        (TextKind.COMMENT, "Paragraph 2 forgets the buses."),
        (TextKind.CONTRIBUTION, "We need homes for key workers."),
        (TextKind.POST, "Trains are too full."),
    ]
    contribution = texts.get(kind=TextKind.CONTRIBUTION)
    assert contribution.contribution == said["contribution"]
    assert (contribution.author_kind, contribution.area) == ("council", said["council"].area)
    assert contribution.author_label == said["contribution"].author.name
    assert contribution.said_on == datetime.date(2019, 6, 12)
    comment = texts.get(kind=TextKind.COMMENT)
    assert (comment.comment, comment.window) == (said["published"], said["paragraph"].document)
    assert texts.get(kind=TextKind.POST).post == said["post"]


def test_texts_sync_makes_recorded_priorities_confirmed_tags(said):
    services.texts_sync(strategy=said["strategy"])

    contribution = Text.objects.get(kind=TextKind.CONTRIBUTION)
    post = Text.objects.get(kind=TextKind.POST)
    assert tags_of(contribution) == [(1, TagStatus.CONFIRMED, TagMethod.RECORDED)]
    assert tags_of(post) == [(2, TagStatus.CONFIRMED, TagMethod.RECORDED)]
    assert tags_of(Text.objects.get(kind=TextKind.COMMENT)) == []


def test_texts_sync_updates_edited_texts_and_removes_gone_ones(said):
    services.texts_sync(strategy=said["strategy"])
    contribution_text = Text.objects.get(kind=TextKind.CONTRIBUTION)
    comment_text = Text.objects.get(kind=TextKind.COMMENT)
    PriorityTagFactory(text=comment_text, priority=said["mobility"])
    said["contribution"].text = "We need homes for nurses."
    said["contribution"].save()
    said["published"].status = ContentStatus.HIDDEN  # hidden by a moderator since
    said["published"].save()
    said["post"].delete()
    said["pending"].status = ContentStatus.PUBLISHED
    said["pending"].save()

    count = services.texts_sync(strategy=said["strategy"])

    assert count == 2
    assert sorted(Text.objects.values_list("kind", "text")) == [
        (TextKind.COMMENT, "Waiting"),
        (TextKind.CONTRIBUTION, "We need homes for nurses."),
    ]
    # The edited text keeps its row (and its confirmed tag); the hidden comment's tags go too.
    assert Text.objects.get(kind=TextKind.CONTRIBUTION).pk == contribution_text.pk
    assert tags_of(contribution_text) == [(1, TagStatus.CONFIRMED, TagMethod.RECORDED)]
    assert not PriorityTag.objects.filter(text_id=comment_text.pk).exists()


def test_texts_sync_twice_changes_nothing(said):
    services.texts_sync(strategy=said["strategy"])
    before = sorted(Text.objects.values_list("pk", "text"))
    tags = sorted(PriorityTag.objects.values_list("pk", "status"))

    services.texts_sync(strategy=said["strategy"])

    assert sorted(Text.objects.values_list("pk", "text")) == before
    assert sorted(PriorityTag.objects.values_list("pk", "status")) == tags


def test_texts_sync_confirms_a_suggestion_that_is_recorded_later(said):
    """A priority first suggested by the tagger, then recorded with the contribution by staff,
    is confirmed: the recording is staff's decision."""
    contribution = ContributionFactory(
        activity=said["contribution"].activity, text="Bungalows for older people."
    )
    services.texts_sync(strategy=said["strategy"])
    text = Text.objects.get(contribution=contribution)
    PriorityTagFactory(text=text, priority=said["housing"], confidence=0.4)
    contribution.priorities.set([said["housing"]])

    services.texts_sync(strategy=said["strategy"])

    assert tags_of(text) == [(1, TagStatus.CONFIRMED, TagMethod.RECORDED)]


def test_texts_sync_reads_only_its_own_strategy(said):
    ContributionFactory(text="Another strategy's contribution")

    assert services.texts_sync(strategy=said["strategy"]) == 3
    assert not Text.objects.filter(text="Another strategy's contribution").exists()


# --- tags ------------------------------------------------------------------------------------


@pytest.fixture
def tagged_world():
    strategy = StrategyFactory()
    housing, mobility, skills = priorities_of(strategy)
    activity = ActivityFactory(strategy=strategy)
    texts = [
        "Please build more homes to rent.",
        "The buses and trains are late every day.",
        "Apprenticeships and training at the colleges.",
        "Homes near the station, and buses to get to work.",
    ]
    for text in texts:
        ContributionFactory(activity=activity, text=text)
    services.texts_sync(strategy=strategy)
    return strategy, (housing, mobility, skills), list(Text.objects.order_by("pk"))


def test_tags_suggest_uses_the_priorities_words_without_confirmed_tags(tagged_world):
    strategy, _priorities, texts = tagged_world

    method = services.tags_suggest(strategy=strategy)

    assert method == TagMethod.KEYWORDS
    assert [tags_of(text) for text in texts] == [
        [(1, TagStatus.SUGGESTED, TagMethod.KEYWORDS)],
        [(2, TagStatus.SUGGESTED, TagMethod.KEYWORDS)],
        [(3, TagStatus.SUGGESTED, TagMethod.KEYWORDS)],
        [
            (1, TagStatus.SUGGESTED, TagMethod.KEYWORDS),
            (2, TagStatus.SUGGESTED, TagMethod.KEYWORDS),
        ],
    ]
    confidences = PriorityTag.objects.values_list("confidence", flat=True)
    assert all(0 < c <= 1 for c in confidences)


def test_tags_suggest_keeps_decisions_and_replaces_suggestions(tagged_world):
    strategy, (housing, mobility, _skills), texts = tagged_world
    services.tags_suggest(strategy=strategy)
    staff = StaffUserFactory()
    confirmed = services.tag_decide(
        tag=PriorityTag.objects.get(text=texts[0], priority=housing), actor=staff, confirm=True
    )
    rejected = services.tag_decide(
        tag=PriorityTag.objects.get(text=texts[3], priority=mobility), actor=staff, confirm=False
    )
    old_suggestion = PriorityTag.objects.get(text=texts[1], priority=mobility)

    services.tags_suggest(strategy=strategy)

    confirmed.refresh_from_db()
    rejected.refresh_from_db()
    assert (confirmed.status, confirmed.decided_by) == (TagStatus.CONFIRMED, staff)
    assert (rejected.status, rejected.decided_by) == (TagStatus.REJECTED, staff)
    # The rejected pair is not suggested again; the other suggestions are new rows.
    assert tags_of(texts[3]) == [
        (1, TagStatus.SUGGESTED, TagMethod.KEYWORDS),
        (2, TagStatus.REJECTED, TagMethod.KEYWORDS),
    ]
    assert not PriorityTag.objects.filter(pk=old_suggestion.pk).exists()
    assert tags_of(texts[1]) == [(2, TagStatus.SUGGESTED, TagMethod.KEYWORDS)]


def test_tags_suggest_learns_once_enough_tags_are_confirmed(tagged_world):
    strategy, (housing, mobility, skills), _texts = tagged_world
    activity = ActivityFactory(strategy=strategy)
    for number in range(14):
        ContributionFactory(activity=activity, text=f"Bungalows {number}", priorities=[housing])
        ContributionFactory(activity=activity, text=f"Minibuses {number}", priorities=[mobility])
        ContributionFactory(activity=activity, text=f"Bricklayers {number}", priorities=[skills])
    asked = ContributionFactory(activity=activity, text="More bungalows please.")
    services.texts_sync(strategy=strategy)

    method = services.tags_suggest(strategy=strategy)

    assert method == TagMethod.CLASSIFIER
    assert tags_of(Text.objects.get(contribution=asked)) == [
        (1, TagStatus.SUGGESTED, TagMethod.CLASSIFIER)
    ]


def test_tag_decide_records_who_and_the_audit_event(tagged_world):
    strategy, (housing, _mobility, _skills), texts = tagged_world
    services.tags_suggest(strategy=strategy)
    staff = StaffUserFactory()
    tag = PriorityTag.objects.get(text=texts[0], priority=housing)

    services.tag_decide(tag=tag, actor=staff, confirm=False)

    tag.refresh_from_db()
    assert (tag.status, tag.decided_by) == (TagStatus.REJECTED, staff)
    assert tag.decided_at is not None
    event = AuditEvent.objects.get()
    assert (event.actor, event.verb, event.target_id) == (
        staff,
        "rejected priority tag",
        str(texts[0].pk),
    )
    assert event.detail == {"priority": 1, "was": "suggested"}


def test_tag_add_confirms_a_priority_nobody_suggested(tagged_world):
    _strategy, (_housing, _mobility, skills), texts = tagged_world
    staff = StaffUserFactory()

    tag = services.tag_add(text=texts[0], priority=skills, actor=staff)

    assert (tag.status, tag.method, tag.confidence, tag.decided_by) == (
        TagStatus.CONFIRMED,
        TagMethod.RECORDED,
        1.0,
        staff,
    )
    event = AuditEvent.objects.get()
    # Nobody suggested it: the trail says the tag is new.
    assert (event.verb, event.detail) == (
        "confirmed priority tag",
        {"priority": 3, "was": "new"},
    )


def test_tag_add_confirms_a_rejected_suggestion(tagged_world):
    strategy, (housing, _mobility, _skills), texts = tagged_world
    services.tags_suggest(strategy=strategy)
    staff = StaffUserFactory()
    rejected = services.tag_decide(
        tag=PriorityTag.objects.get(text=texts[0], priority=housing), actor=staff, confirm=False
    )

    tag = services.tag_add(text=texts[0], priority=housing, actor=staff)

    assert (tag.pk, tag.status, tag.method) == (rejected.pk, TagStatus.CONFIRMED, "keywords")
    assert list(AuditEvent.objects.order_by("pk").values_list("verb", "detail")) == [
        ("rejected priority tag", {"priority": 1, "was": "suggested"}),
        ("confirmed priority tag", {"priority": 1, "was": "rejected"}),
    ]


def test_tag_add_refuses_another_strategys_priority_and_changes_nothing(tagged_world):
    _strategy, _priorities, texts = tagged_world
    elsewhere = PriorityFactory()

    with pytest.raises(ValidationError) as raised:
        services.tag_add(text=texts[0], priority=elsewhere, actor=StaffUserFactory())

    assert raised.value.message_dict == {"priority": ["Choose a priority of this strategy."]}
    assert not PriorityTag.objects.exists()
    assert not AuditEvent.objects.exists()


# --- themes ----------------------------------------------------------------------------------


@pytest.fixture
def themed():
    """Thirty contributions on three topics, housing by businesses, transport by councils and
    broadband by voluntary groups, each kind from one area."""
    strategy = StrategyFactory()
    activity = ActivityFactory(strategy=strategy)
    for texts, kind, area in (
        (HOUSING, OrganisationKind.BUSINESS, "Guildford"),
        (TRANSPORT, OrganisationKind.COUNCIL, "Basingstoke and Deane"),
        (BROADBAND, OrganisationKind.VOLUNTARY, "Waverley"),
    ):
        organisation = OrganisationFactory(kind=kind, area__name=area)
        for text in texts:
            author = PersonFactory(organisation=organisation)
            ContributionFactory(activity=activity, text=text, author=author)
    services.texts_sync(strategy=strategy)
    return strategy


def test_themes_compute_keeps_the_themes_with_counts_and_quotes(themed):
    run = services.themes_compute(strategy=themed)

    assert (run.status, run.scope, run.text_count) == (RunStatus.DONE, ThemeScope.STRATEGY, 30)
    assert run.finished_at is not None
    themes = list(run.themes.order_by("number"))
    assert [(t.number, t.terms[:3], t.size, t.label) for t in themes] == [
        (1, ["rents", "homes", "young"], 10, ""),
        (2, ["station", "trains", "bus"], 10, ""),
        (3, ["broadband", "rural", "villages"], 10, ""),
    ]
    assert [t.by_kind for t in themes] == [{"business": 10}, {"council": 10}, {"voluntary": 10}]
    assert [t.by_area for t in themes] == [
        {"Guildford": 10},
        {"Basingstoke and Deane": 10},
        {"Waverley": 10},
    ]
    quotes = themes[0].quotes.select_related("text")
    assert len(quotes) == 3
    assert all(quote.text.text in HOUSING for quote in quotes)


def test_themes_compute_carries_labels_to_the_matching_theme(themed):
    first = services.themes_compute(strategy=themed)
    staff = StaffUserFactory()
    services.theme_relabel(theme=first.themes.get(number=2), label=" Getting to work ", actor=staff)
    activity = ActivityFactory(strategy=themed)
    ContributionFactory(activity=activity, text="The bus to the station never comes.")
    services.texts_sync(strategy=themed)

    second = services.themes_compute(strategy=themed)

    assert second.text_count == 31
    assert [(t.terms[0], t.label) for t in second.themes.order_by("number")] == [
        ("station", "Getting to work"),
        ("rents", ""),
        ("broadband", ""),
    ]
    event = AuditEvent.objects.get(verb="relabelled theme")
    assert event.detail == {"from": "", "to": "Getting to work"}


def test_themes_compute_keeps_the_latest_three_runs_of_a_scope(themed):
    runs = [services.themes_compute(strategy=themed) for _ in range(4)]
    window = ThemeRunFactory(
        strategy=themed, scope=ThemeScope.WINDOW, window=DocumentFactory(strategy=themed)
    )

    latest = services.themes_compute(strategy=themed)

    kept = set(ThemeRun.objects.filter(strategy=themed).values_list("pk", flat=True))
    assert kept == {runs[2].pk, runs[3].pk, latest.pk, window.pk}
    assert services.RUNS_KEPT == 3


def test_themes_compute_of_too_few_texts_has_no_themes():
    text = TextFactory()

    run = services.themes_compute(strategy=text.strategy)

    assert (run.status, run.text_count, run.themes.count()) == (RunStatus.DONE, 1, 0)


# --- opinion groups --------------------------------------------------------------------------


@pytest.fixture
def voted():
    """Two camps of four on s1 and s2, all agreeing with s4; s3 hidden by a moderator.

    Camp A: two businesses, a council, a university. Camp B: two voluntary groups, a council, a
    government department (an "other" type).
    """
    strategy = StrategyFactory()
    s1, s2, s3, s4 = (
        StatementFactory(strategy=strategy, text="Build on the green belt."),
        StatementFactory(strategy=strategy, text="Protect every field."),
        StatementFactory(strategy=strategy, text="Hidden", status=ContentStatus.HIDDEN),
        StatementFactory(strategy=strategy, text="Fix the buses."),
    )
    camps = (
        (
            (OrganisationKind.BUSINESS, OrganisationKind.BUSINESS, OrganisationKind.COUNCIL,
             OrganisationKind.UNIVERSITY),
            {s1: VoteChoice.AGREE, s2: VoteChoice.DISAGREE, s3: VoteChoice.AGREE},
        ),
        (
            (OrganisationKind.VOLUNTARY, OrganisationKind.VOLUNTARY, OrganisationKind.COUNCIL,
             OrganisationKind.GOVERNMENT),
            {s1: VoteChoice.DISAGREE, s2: VoteChoice.AGREE, s3: VoteChoice.DISAGREE},
        ),
    )  # fmt: skip
    for kinds, choices in camps:
        for kind in kinds:
            person = PersonFactory(organisation=OrganisationFactory(kind=kind))
            for statement, choice in [*choices.items(), (s4, VoteChoice.AGREE)]:
                VoteFactory(statement=statement, person=person, choice=choice)
    intervention = InterventionFactory(priority=PriorityFactory(strategy=strategy))
    intervention.statements.set([s1, s4])
    return strategy, (s1, s2, s3, s4), intervention


def test_opinion_compute_finds_the_camps_and_who_is_in_them(voted):
    strategy, (s1, s2, _s3, s4), _intervention = voted

    run = services.opinion_compute(strategy=strategy)

    assert (run.status, run.participants, run.statements, run.group_count) == (
        RunStatus.DONE,
        8,
        4,
        2,
    )
    groups = run.result["groups"]
    assert [(g["number"], g["size"], g["kinds"]) for g in groups] == [
        (1, 4, {"business": 2, "council": 1, "university": 1, "community": 0, "other": 0}),
        (2, 4, {"business": 0, "council": 1, "university": 0, "community": 2, "other": 1}),
    ]
    assert [
        (r["statement"], r["direction"], r["agree"], r["seen"]) for r in groups[0]["representative"]
    ] == [
        (str(s1.pk), "agree", 4, 4),
        (str(s2.pk), "disagree", 0, 4),
    ]
    assert [(c["statement"], c["direction"], c["text"]) for c in run.result["consensus"]] == [
        (str(s4.pk), "agree", "Fix the buses.")
    ]
    assert [d["statement"] for d in run.result["divisive"]] == [str(s1.pk), str(s2.pk)]
    assert len(run.result["points"]) == 8
    assert sorted(run.result) == [
        "consensus",
        "divisive",
        "groups",
        "interventions",
        "points",
        "seconds",
        "silhouettes",
        "statements",
        "types",
    ]


def test_opinion_compute_reads_the_votes_by_stakeholder_type_as_it_reads_groups(voted):
    strategy, (_s1, _s2, s3, _s4), _intervention = voted

    types = services.opinion_compute(strategy=strategy).result["types"]

    assert [(g["type"], g["size"]) for g in types["groups"]] == [
        ("business", 2),
        ("council", 2),
        ("university", 1),
        ("community", 2),
        ("other", 1),
    ]
    reported = [r["statement"] for g in types["groups"] for r in g["representative"]]
    reported += [c["statement"] for c in types["consensus"]]
    reported += [d["statement"] for d in types["divisive"]]
    assert str(s3.pk) not in reported


def test_opinion_compute_breaks_votes_down_by_stakeholder_type(voted):
    strategy, (s1, _s2, _s3, s4), intervention = voted

    result = services.opinion_compute(strategy=strategy).result

    # [agree, disagree, pass] per stakeholder type.
    assert result["statements"][str(s1.pk)]["by_kind"] == {
        "business": [2, 0, 0],
        "council": [1, 1, 0],
        "university": [1, 0, 0],
        "community": [0, 2, 0],
        "other": [0, 1, 0],
    }
    assert result["statements"][str(s1.pk)]["by_group"] == [[4, 0, 0], [0, 4, 0]]
    (linked,) = result["interventions"]
    assert (linked["id"], linked["statements"]) == (intervention.pk, [str(s1.pk), str(s4.pk)])
    assert linked["by_group"] == [[8, 0, 0], [4, 4, 0]]
    assert linked["by_kind"]["community"] == [2, 2, 0]


def test_opinion_compute_zeroes_a_moderated_statement(voted):
    strategy, (_s1, _s2, s3, _s4), _intervention = voted

    result = services.opinion_compute(strategy=strategy).result

    # Its votes are zeroed for the grouping, left out of every count, and it is never reported.
    assert str(s3.pk) not in result["statements"]
    reported = [r["statement"] for g in result["groups"] for r in g["representative"]]
    reported += [c["statement"] for c in result["consensus"]]
    reported += [d["statement"] for d in result["divisive"]]
    assert str(s3.pk) not in reported


def test_opinion_compute_with_too_few_voters_keeps_an_empty_run():
    statement = StatementFactory()
    VoteFactory(statement=statement)

    run = services.opinion_compute(strategy=statement.strategy)

    assert (run.status, run.participants, run.group_count) == (RunStatus.DONE, 0, 0)
    assert run.result["groups"] == []


def test_opinion_compute_keeps_the_latest_three_runs(voted):
    strategy, _statements, _intervention = voted

    runs = [services.opinion_compute(strategy=strategy) for _ in range(4)]

    kept = list(OpinionRun.objects.filter(strategy=strategy).order_by("pk"))
    assert kept == runs[1:]


# --- you said, we did ------------------------------------------------------------------------


@pytest.fixture
def answered():
    strategy = StrategyFactory()
    body = BodyFactory(strategy=strategy, name="Joint Leaders' Board")
    meeting = MeetingFactory(body=body, starts_at=datetime.datetime(2019, 6, 5, 10, tzinfo=LONDON))
    decision = DecisionFactory(meeting=meeting, text=" the revised housing priority ")
    intervention = InterventionFactory(
        priority=PriorityFactory(strategy=strategy),
        title="Key worker homes",
        stage=InterventionStage.TESTED,
    )
    change = StageChangeFactory(
        intervention=intervention,
        at=datetime.datetime(2019, 6, 20, 23, 30, tzinfo=datetime.UTC),
        reason=" Partners backed it at the workshop. ",
    )
    theme = ThemeFactory(run=ThemeRunFactory(strategy=strategy), label="Homes for key workers")
    return {
        "strategy": strategy,
        "decision": decision,
        "change": change,
        "theme": theme,
        "staff": StaffUserFactory(),
    }


def test_we_did_text_of_a_decision_and_of_a_change(answered):
    assert services.we_did_text(decision=answered["decision"]) == (
        "Joint Leaders' Board, 5 June 2019: note the revised housing priority"
    )
    # 23:30 UTC on 20 June is 21 June in London.
    assert services.we_did_text(stage_change=answered["change"]) == (
        "Key worker homes: moved to tested in engagement on 21 June 2019. "
        "Partners backed it at the workshop."
    )
    assert services.we_did_text() == ""


def test_you_said_link_keeps_the_theme_title_and_the_answer(answered):
    link = services.you_said_link(
        strategy=answered["strategy"],
        actor=answered["staff"],
        theme=answered["theme"],
        decision=answered["decision"],
    )

    assert (link.said, link.we_did, link.created_by) == (
        "Homes for key workers",
        "Joint Leaders' Board, 5 June 2019: note the revised housing priority",
        answered["staff"],
    )
    event = AuditEvent.objects.get()
    assert (event.verb, event.target_id) == ("linked you said, we did", str(link.pk))


def test_you_said_link_takes_staffs_own_words_for_what_was_done(answered):
    text = TextFactory(contribution__activity__strategy=answered["strategy"])

    link = services.you_said_link(
        strategy=answered["strategy"],
        actor=answered["staff"],
        text=text,
        stage_change=answered["change"],
        we_did="  We funded it.  ",
    )

    assert (link.said, link.we_did) == (text.text, "We funded it.")


@pytest.mark.parametrize(
    ("case", "errors"),
    [
        (
            "nothing",
            {
                "said": ["Choose a theme or a contribution."],
                "answer": ["Choose one decision or one intervention change that answers it."],
            },
        ),
        (
            "both",
            {
                "said": ["Choose a theme or a contribution."],
                "answer": ["Choose one decision or one intervention change that answers it."],
            },
        ),
        ("other theme", {"said": ["Choose a theme of this strategy."]}),
        ("other text", {"said": ["Choose a contribution to this strategy."]}),
        ("other decision", {"answer": ["Choose a decision of a body steering this strategy."]}),
        ("other change", {"answer": ["Choose a change to one of this strategy's interventions."]}),
    ],
)
def test_you_said_link_validation_changes_nothing(answered, case, errors):
    strategy, theme, decision = answered["strategy"], answered["theme"], answered["decision"]
    arguments = {
        "nothing": {},
        "both": {
            "theme": theme,
            "text": TextFactory(contribution__activity__strategy=strategy),
            "decision": decision,
            "stage_change": answered["change"],
        },
        "other theme": {"theme": ThemeFactory(), "decision": decision},
        "other text": {"text": TextFactory(), "decision": decision},
        "other decision": {"theme": theme, "decision": DecisionFactory()},
        "other change": {"theme": theme, "stage_change": StageChangeFactory()},
    }[case]

    with pytest.raises(ValidationError) as raised:
        services.you_said_link(strategy=strategy, actor=answered["staff"], **arguments)

    assert raised.value.message_dict == errors
    assert not YouSaid.objects.exists()
    assert not AuditEvent.objects.exists()


def test_you_said_delete_is_recorded(answered):
    link = services.you_said_link(
        strategy=answered["strategy"],
        actor=answered["staff"],
        theme=answered["theme"],
        decision=answered["decision"],
    )

    services.you_said_delete(link=link, actor=answered["staff"])

    assert not YouSaid.objects.exists()
    assert list(AuditEvent.objects.order_by("pk").values_list("verb", flat=True)) == [
        "linked you said, we did",
        "removed you said, we did",
    ]


def test_a_linked_theme_recomputed_away_leaves_the_link_readable(answered):
    link = services.you_said_link(
        strategy=answered["strategy"],
        actor=answered["staff"],
        theme=answered["theme"],
        decision=answered["decision"],
    )

    Theme.objects.filter(pk=answered["theme"].pk).delete()

    link.refresh_from_db()
    assert (link.theme, link.said) == (None, "Homes for key workers")


# --- the queue of analyses -------------------------------------------------------------------


def test_analysis_request_queues_once_while_a_run_waits():
    strategy = StrategyFactory()

    first = services.analysis_request(strategy_id=strategy.pk)
    second = services.analysis_request(strategy_id=strategy.pk)

    assert second == first
    assert (first.status, first.scope) == (RunStatus.QUEUED, ThemeScope.STRATEGY)
    (task,) = DBTaskResult.objects.filter(task_path=ANALYSIS_TASK)
    assert task.args_kwargs == {"args": [], "kwargs": {"run_id": first.pk}}


def test_analysis_request_queues_again_once_the_waiting_run_has_started():
    strategy = StrategyFactory()
    first = services.analysis_request(strategy_id=strategy.pk)
    ThemeRun.objects.filter(pk=first.pk).update(status=RunStatus.RUNNING)

    second = services.analysis_request(strategy_id=strategy.pk)

    assert second.pk != first.pk
    assert DBTaskResult.objects.filter(task_path=ANALYSIS_TASK).count() == 2


def test_analysis_run_queued_runs_everything_once(themed):
    run = services.analysis_request(strategy_id=themed.pk)

    assert services.analysis_run_queued(run=run) == RunStatus.DONE
    assert services.analysis_run_queued(run=run) == "taken"

    run.refresh_from_db()
    assert (run.status, run.text_count, run.themes.count()) == (RunStatus.DONE, 30, 3)
    assert OpinionRun.objects.filter(strategy=themed, status=RunStatus.DONE).count() == 1


def test_analysis_run_queued_keeps_a_failure_on_the_run(monkeypatch):
    strategy = StrategyFactory()
    run = services.analysis_request(strategy_id=strategy.pk)

    def broken(**kwargs):
        raise RuntimeError("tagger exploded")

    monkeypatch.setattr(services, "tags_suggest", broken)

    with pytest.raises(RuntimeError, match="tagger exploded"):
        services.analysis_run_queued(run=run)

    run.refresh_from_db()
    assert (run.status, run.error) == (RunStatus.FAILED, "tagger exploded")
    assert run.finished_at is not None
