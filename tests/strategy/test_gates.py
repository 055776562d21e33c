"""Stage gates: each criterion met and unmet, moving on (with and without a reason), the page."""

from __future__ import annotations

import datetime
import html

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from convenor.core.models import AuditEvent
from convenor.evidence.choices import BriefStatus, QualityRating
from convenor.governance.choices import BodyKind
from convenor.interventions.choices import CostBand, InterventionStage, Timescale
from convenor.meetings.choices import DecisionOutcome
from convenor.strategy.choices import StageKind, StageStatus
from convenor.strategy.gates import criteria_for, stage_gate
from convenor.strategy.models import Stage, StageTransition
from convenor.strategy.services import stage_advance
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.evidence.factories import EvidenceItemFactory, ProjectBriefFactory
from tests.governance.factories import BodyFactory, BodyPriorityFactory, MembershipFactory
from tests.interventions.factories import InterventionFactory, SupportFactory
from tests.meetings.factories import DecisionFactory, MeetingFactory
from tests.stakeholders.factories import OrganisationFactory, PersonFactory
from tests.strategy.factories import (
    LineOfEnquiryFactory,
    PriorityFactory,
    StageFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def strategy():
    return StrategyFactory(lead_organisation=OrganisationFactory(name="The LEP"))


@pytest.fixture
def towns(strategy):
    return PriorityFactory(
        strategy=strategy, number=1, title="The vitality of towns", short_title="Towns"
    )


@pytest.fixture
def skills(strategy):
    return PriorityFactory(strategy=strategy, number=2, title="Skills")


def start_at(strategy, kind, following=True):
    """A strategy at a current stage of `kind`, with a stage after it (unless `following`)."""
    current = StageFactory(
        strategy=strategy, order=1, name="This stage", kind=kind, status=StageStatus.CURRENT
    )
    nxt = None
    if following:
        nxt = StageFactory(
            strategy=strategy,
            order=2,
            name="Next stage",
            starts_on=datetime.date(2019, 4, 1),
            ends_on=datetime.date(2019, 6, 30),
        )
    return current, nxt


def result(strategy, label_start):
    """The current stage's criterion whose label starts with `label_start`."""
    gate = stage_gate(strategy)
    return next(r for r in gate.results if r.label.startswith(label_start))


def passing_intervention(priority, **fields):
    """An intervention of `priority` meeting all four tests."""
    strategy = priority.strategy
    steering = BodyFactory(strategy=strategy, kind=BodyKind.STEERING_GROUP)
    decision = DecisionFactory(
        meeting=MeetingFactory(body=steering), outcome=DecisionOutcome.AS_ASKED
    )
    intervention = InterventionFactory(
        priority=priority,
        stage=fields.pop("stage", InterventionStage.SUPPORTED),
        compelling_decision=decision,
        lead_partner=OrganisationFactory(),
        cost_band=CostBand.TO_1M,
        timescale=Timescale.ONE_TO_3_YEARS,
        **fields,
    )
    SupportFactory(intervention=intervention)
    SupportFactory(intervention=intervention)
    item = EvidenceItemFactory(
        strategy=strategy, quality=QualityRating.GOOD, quality_reason="A sound method."
    )
    intervention.evidence_items.add(item)
    return intervention


# The registry


def test_each_stage_kind_has_its_criteria_from_each_app():
    names = {kind: [c.__name__ for c in criteria_for(kind)] for kind in StageKind.values}
    assert names == {
        "set_up": ["every_priority_has_a_line_of_enquiry", "every_priority_has_a_lead_body"],
        "develop": [
            "every_priority_has_a_project_brief",
            "every_priority_has_an_evidenced_line_of_enquiry",
        ],
        "engage": ["every_priority_has_a_tested_intervention"],
        "assemble": ["every_priority_has_an_intervention_meeting_the_tests"],
        "agree": ["every_priority_has_an_agreed_intervention"],
        "publish": [],
        "other": [],
    }


def test_a_strategy_without_priorities_does_not_meet_every_priority_criteria(strategy):
    start_at(strategy, StageKind.SET_UP)
    r = result(strategy, "Every priority has at least one line of enquiry")
    assert (r.met, r.blockers) == (False, ["The strategy has no priorities yet."])


# Set up


def test_set_up_lines_of_enquiry_unmet_names_the_priority(strategy, towns, skills):
    start_at(strategy, StageKind.SET_UP)
    LineOfEnquiryFactory(priority=towns)
    r = result(strategy, "Every priority has at least one line of enquiry")
    assert (r.met, r.blockers) == (False, ["Priority 2 (Skills) has no line of enquiry"])


def test_set_up_lines_of_enquiry_met(strategy, towns, skills):
    start_at(strategy, StageKind.SET_UP)
    LineOfEnquiryFactory(priority=towns)
    LineOfEnquiryFactory(priority=skills)
    r = result(strategy, "Every priority has at least one line of enquiry")
    assert (r.met, r.blockers) == (True, [])


def test_set_up_lead_body_unmet_when_bodies_steer_but_none_leads(strategy, towns, skills):
    start_at(strategy, StageKind.SET_UP)
    BodyPriorityFactory(body=BodyFactory(strategy=strategy), priority=towns, leads=True)
    BodyPriorityFactory(body=BodyFactory(strategy=strategy), priority=skills, leads=False)
    r = result(strategy, "Every priority has a lead body")
    assert (r.met, r.blockers) == (False, ["Priority 2 (Skills) has no lead body"])


def test_set_up_lead_body_met(strategy, towns, skills):
    start_at(strategy, StageKind.SET_UP)
    for priority in (towns, skills):
        BodyPriorityFactory(body=BodyFactory(strategy=strategy), priority=priority, leads=True)
    assert result(strategy, "Every priority has a lead body").met


# Develop


def test_develop_brief_unmet_when_the_only_brief_is_cancelled(strategy, towns, skills):
    start_at(strategy, StageKind.DEVELOP)
    ProjectBriefFactory(priority=towns, status=BriefStatus.DRAFT)
    ProjectBriefFactory(priority=skills, status=BriefStatus.CANCELLED)
    r = result(strategy, "Every priority has a project brief")
    assert (r.met, r.blockers) == (False, ["Priority 2 (Skills) has no project brief"])


def test_develop_brief_met(strategy, towns, skills):
    start_at(strategy, StageKind.DEVELOP)
    ProjectBriefFactory(priority=towns, status=BriefStatus.DELIVERED)
    ProjectBriefFactory(priority=skills, status=BriefStatus.COMMISSIONED)
    assert result(strategy, "Every priority has a project brief").met


def test_develop_evidenced_line_unmet_when_evidence_informs_the_priority_only(
    strategy, towns, skills
):
    start_at(strategy, StageKind.DEVELOP)
    answered = LineOfEnquiryFactory(priority=towns)
    LineOfEnquiryFactory(priority=skills)
    EvidenceItemFactory(strategy=strategy).lines_of_enquiry.add(answered)
    # Informing the priority is not answering one of its questions.
    EvidenceItemFactory(strategy=strategy).priorities.add(skills)
    r = result(strategy, "Every priority has at least one line of enquiry answered")
    assert (r.met, r.blockers) == (
        False,
        ["Priority 2 (Skills) has no line of enquiry answered by an evidence item"],
    )


def test_develop_evidenced_line_met(strategy, towns, skills):
    start_at(strategy, StageKind.DEVELOP)
    item = EvidenceItemFactory(strategy=strategy)
    item.lines_of_enquiry.add(LineOfEnquiryFactory(priority=towns))
    item.lines_of_enquiry.add(LineOfEnquiryFactory(priority=skills))
    assert result(strategy, "Every priority has at least one line of enquiry answered").met


# Engage


def test_engage_tested_unmet_when_only_worked_up_or_parked(strategy, towns, skills):
    start_at(strategy, StageKind.ENGAGE)
    InterventionFactory(priority=towns, stage=InterventionStage.TESTED)
    InterventionFactory(priority=skills, stage=InterventionStage.WORKED_UP)
    InterventionFactory(priority=skills, stage=InterventionStage.PARKED, parked_reason="Later.")
    r = result(strategy, "Every priority has at least one intervention tested")
    assert (r.met, r.blockers) == (
        False,
        ["Priority 2 (Skills) has no intervention tested in engagement yet"],
    )


def test_engage_tested_met_by_tested_or_further_on(strategy, towns, skills):
    start_at(strategy, StageKind.ENGAGE)
    InterventionFactory(priority=towns, stage=InterventionStage.TESTED)
    InterventionFactory(priority=skills, stage=InterventionStage.IN_DELIVERY)
    assert result(strategy, "Every priority has at least one intervention tested").met


# Assemble


def test_assemble_four_tests_unmet_when_one_test_fails(strategy, towns, skills):
    start_at(strategy, StageKind.ASSEMBLE)
    passing_intervention(towns)
    failing = passing_intervention(skills)
    failing.timescale = ""  # no longer practical
    failing.save()
    r = result(strategy, "Every priority has at least one intervention that is compelling")
    assert (r.met, r.blockers) == (
        False,
        ["Priority 2 (Skills) has no intervention meeting all four tests"],
    )


def test_assemble_four_tests_unmet_when_the_passing_one_is_parked(strategy, towns):
    start_at(strategy, StageKind.ASSEMBLE)
    passing_intervention(towns, stage=InterventionStage.PARKED, parked_reason="Not now.")
    r = result(strategy, "Every priority has at least one intervention that is compelling")
    assert (r.met, r.blockers) == (
        False,
        ["Priority 1 (Towns) has no intervention meeting all four tests"],
    )


def test_assemble_four_tests_met(strategy, towns, skills):
    start_at(strategy, StageKind.ASSEMBLE)
    passing_intervention(towns)
    passing_intervention(skills)
    InterventionFactory(priority=skills)  # an idea beside it changes nothing
    assert result(strategy, "Every priority has at least one intervention that is compelling").met


# Agree


def test_agree_unmet_when_only_supported(strategy, towns, skills):
    start_at(strategy, StageKind.AGREE)
    InterventionFactory(priority=towns, stage=InterventionStage.AGREED)
    InterventionFactory(priority=skills, stage=InterventionStage.SUPPORTED)
    r = result(strategy, "Every priority has at least one intervention agreed")
    assert (r.met, r.blockers) == (
        False,
        ["Priority 2 (Skills) has no intervention agreed with Government"],
    )


def test_agree_met_by_agreed_or_in_delivery(strategy, towns, skills):
    start_at(strategy, StageKind.AGREE)
    InterventionFactory(priority=towns, stage=InterventionStage.AGREED)
    InterventionFactory(priority=skills, stage=InterventionStage.IN_DELIVERY)
    assert result(strategy, "Every priority has at least one intervention agreed").met


# Publish, other, and the last stage


@pytest.mark.parametrize("kind", [StageKind.PUBLISH, StageKind.OTHER])
def test_publish_and_other_have_no_criteria(strategy, towns, kind):
    start_at(strategy, kind)
    gate = stage_gate(strategy)
    assert (gate.results, gate.all_met, gate.can_move_on) == ([], True, True)


def test_the_last_stage_has_no_next_stage_and_moving_on_is_refused(strategy, towns):
    current, _ = start_at(strategy, StageKind.PUBLISH, following=False)
    gate = stage_gate(strategy)
    assert (gate.current, gate.next_stage, gate.is_last, gate.can_move_on) == (
        current,
        None,
        True,
        False,
    )
    with pytest.raises(ValidationError) as refused:
        stage_advance(strategy=strategy, actor=StaffUserFactory(), reason="Because.")
    assert refused.value.messages == [
        "This stage is the last stage: there is no stage to move on to."
    ]
    assert StageTransition.objects.count() == 0


def test_with_no_current_stage_the_next_is_the_first_not_complete(strategy):
    StageFactory(strategy=strategy, order=1, name="Done", status=StageStatus.COMPLETE)
    second = StageFactory(strategy=strategy, order=2, name="To come")
    gate = stage_gate(strategy)
    assert (gate.current, gate.next_stage, gate.results) == (None, second, [])


# Query counts


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize(
    ("kind", "queries"),
    [
        (StageKind.SET_UP, 3),
        (StageKind.DEVELOP, 3),
        (StageKind.ENGAGE, 2),
        (StageKind.ASSEMBLE, 5),
        (StageKind.AGREE, 2),
        (StageKind.PUBLISH, 1),
    ],
)
def test_the_gate_makes_a_fixed_number_of_queries(
    strategy, size, kind, queries, django_assert_num_queries
):
    start_at(strategy, kind)
    for number in range(1, size + 1):
        priority = PriorityFactory(strategy=strategy, number=number)
        LineOfEnquiryFactory(priority=priority)
        ProjectBriefFactory(priority=priority)
        InterventionFactory(priority=priority, stage=InterventionStage.TESTED)
    passing_intervention(priority)
    with django_assert_num_queries(queries):
        stage_gate(strategy)


# Moving on


def statuses(strategy):
    return list(
        Stage.objects.filter(strategy=strategy).order_by("order").values_list("status", flat=True)
    )


def test_moving_on_with_every_criterion_met_needs_no_reason(strategy, towns):
    current, nxt = start_at(strategy, StageKind.ENGAGE)
    InterventionFactory(priority=towns, stage=InterventionStage.TESTED)
    staff = StaffUserFactory()
    transition = stage_advance(strategy=strategy, actor=staff)
    assert statuses(strategy) == [StageStatus.COMPLETE, StageStatus.CURRENT]
    transition.refresh_from_db()
    assert (
        transition.from_stage,
        transition.to_stage,
        transition.actor,
        transition.unmet_criteria,
        transition.reason,
        transition.was_overridden,
    ) == (current, nxt, staff, [], "", False)
    event = AuditEvent.objects.get(verb="moved to the next stage")
    assert (event.actor, event.target_repr, event.detail) == (
        staff,
        strategy.name,
        {"from_stage": "This stage", "to_stage": "Next stage", "unmet_criteria": [], "reason": ""},
    )


def test_moving_on_blocked_without_a_reason_is_refused_and_changes_nothing(strategy, towns):
    start_at(strategy, StageKind.ENGAGE)
    events = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        stage_advance(strategy=strategy, actor=StaffUserFactory(), reason="   ")
    assert refused.value.message_dict == {
        "reason": [
            "The exit criteria are not met: Priority 1 (Towns) has no intervention tested in "
            "engagement yet. Say why the strategy should move on regardless, or meet them first."
        ]
    }
    assert statuses(strategy) == [StageStatus.CURRENT, StageStatus.NOT_STARTED]
    assert StageTransition.objects.count() == 0
    assert AuditEvent.objects.count() == events


def test_moving_on_blocked_with_a_reason_records_the_override(strategy, towns, skills):
    start_at(strategy, StageKind.ENGAGE)
    InterventionFactory(priority=towns, stage=InterventionStage.TESTED)
    staff = StaffUserFactory()
    transition = stage_advance(
        strategy=strategy, actor=staff, reason="  Government asked us to move on.  "
    )
    assert statuses(strategy) == [StageStatus.COMPLETE, StageStatus.CURRENT]
    transition.refresh_from_db()
    assert (transition.unmet_criteria, transition.reason, transition.was_overridden) == (
        ["Priority 2 (Skills) has no intervention tested in engagement yet"],
        "Government asked us to move on.",
        True,
    )
    event = AuditEvent.objects.get(verb="moved to the next stage regardless")
    assert event.detail["reason"] == "Government asked us to move on."


def test_moving_on_with_no_current_stage_starts_the_first(strategy):
    first = StageFactory(strategy=strategy, order=1, name="First")
    transition = stage_advance(strategy=strategy, actor=StaffUserFactory())
    first.refresh_from_db()
    assert (first.status, transition.from_stage, transition.to_stage) == (
        StageStatus.CURRENT,
        None,
        first,
    )


def test_moving_on_without_stages_is_refused(strategy):
    with pytest.raises(ValidationError) as refused:
        stage_advance(strategy=strategy, actor=StaffUserFactory())
    assert refused.value.messages == [
        "This strategy has no stage to move on to: add its stages first."
    ]


# The page


def advance_url(strategy):
    return reverse("strategy_staff:stage_advance", args=[strategy.slug])


def steering_member(priority):
    """A user who is a current member of a body steering `priority` (not staff)."""
    body = BodyFactory(strategy=priority.strategy)
    BodyPriorityFactory(body=body, priority=priority)
    user = UserFactory()
    MembershipFactory(body=body, person=PersonFactory(user=user))
    return user


def test_the_page_sends_anonymous_people_to_sign_in(client, strategy, towns):
    start_at(strategy, StageKind.ENGAGE)
    response = client.post(advance_url(strategy), {"reason": "Go."})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert statuses(strategy) == [StageStatus.CURRENT, StageStatus.NOT_STARTED]


@pytest.mark.parametrize("method", ["get", "post"])
def test_a_member_of_a_steering_body_may_not_move_on(client, strategy, towns, method):
    start_at(strategy, StageKind.ENGAGE)
    client.force_login(steering_member(towns))
    response = getattr(client, method)(advance_url(strategy), {"reason": "Go."})
    assert response.status_code == 403
    assert statuses(strategy) == [StageStatus.CURRENT, StageStatus.NOT_STARTED]
    assert StageTransition.objects.count() == 0


def test_the_page_shows_the_gate_with_its_blockers(client, strategy, towns):
    start_at(strategy, StageKind.ENGAGE)
    client.force_login(StaffUserFactory())
    response = client.get(advance_url(strategy))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="govuk-heading-l">Move on to Next stage</h1>' in page
    assert "Every priority has at least one intervention tested in engagement" in page
    assert "Priority 1 (Towns) has no intervention tested in engagement yet" in page
    assert "Move on regardless" in page


def test_posting_blocked_without_a_reason_shows_the_error_and_changes_nothing(
    client, strategy, towns
):
    start_at(strategy, StageKind.ENGAGE)
    client.force_login(StaffUserFactory())
    response = client.post(advance_url(strategy), {"reason": ""})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert "Say why the strategy should move on regardless" in page
    assert statuses(strategy) == [StageStatus.CURRENT, StageStatus.NOT_STARTED]


def test_posting_with_a_reason_moves_on(client, strategy, towns):
    start_at(strategy, StageKind.ENGAGE)
    client.force_login(StaffUserFactory())
    response = client.post(advance_url(strategy), {"reason": "Agreed at the board."})
    assert response.status_code == 302
    assert (
        response["Location"]
        == reverse("strategy_staff:strategy_edit", args=[strategy.slug]) + "#stages"
    )
    assert statuses(strategy) == [StageStatus.COMPLETE, StageStatus.CURRENT]
    assert StageTransition.objects.get().reason == "Agreed at the board."


def test_the_last_stage_page_says_there_is_nothing_to_move_on_to(client, strategy):
    start_at(strategy, StageKind.PUBLISH, following=False)
    client.force_login(StaffUserFactory())
    page = client.get(advance_url(strategy)).content.decode()
    assert "This stage is the last stage: there is no stage to move on to." in page
    assert "<form" not in page.split("<main", 1)[1]


def test_hostile_reasons_are_stored_exactly_and_shown_escaped(
    client, strategy, towns, naughty_strings
):
    client.force_login(StaffUserFactory())
    dashboard = reverse("dashboard:dashboard", args=[strategy.slug])
    # A blank reason is refused (tested above); the dashboard lists the last 20 moves, so they
    # are checked there 20 at a time.
    texts = [text for text in naughty_strings if text.strip()]
    order = 0
    for first in range(0, len(texts), 20):
        stored = []
        for text in texts[first : first + 20]:
            Stage.objects.filter(strategy=strategy).delete()
            order += 2
            start_at_orders(strategy, order)
            response = client.post(advance_url(strategy), {"reason": text})
            assert response.status_code in (200, 302), text
            if response.status_code == 302:
                transition = StageTransition.objects.order_by("-pk").first()
                assert transition.reason == text.strip(), text
                stored.append(text.strip())
        page = client.get(dashboard)
        assert page.status_code == 200
        for text in stored:
            assert html.escape(text) in page.content.decode(), text


def start_at_orders(strategy, order):
    """A current Engage stage and one after it, at fresh order numbers."""
    StageFactory(
        strategy=strategy,
        order=order,
        name="This stage",
        kind=StageKind.ENGAGE,
        status=StageStatus.CURRENT,
    )
    StageFactory(strategy=strategy, order=order + 1, name="Next stage")


@pytest.mark.parametrize("size", [3, 30])
def test_the_page_makes_a_fixed_number_of_queries(
    client, strategy, size, django_assert_num_queries
):
    start_at(strategy, StageKind.DEVELOP)
    for number in range(1, size + 1):
        priority = PriorityFactory(strategy=strategy, number=number)
        LineOfEnquiryFactory(priority=priority)
        ProjectBriefFactory(priority=priority)
    client.force_login(StaffUserFactory())
    with django_assert_num_queries(STAGE_ADVANCE_QUERIES):
        response = client.get(advance_url(strategy))
    assert response.status_code == 200


# Session and user (2), the strategy (1), the stages (1), Develop's two criteria (2), the
# navigation's strategy (1).
STAGE_ADVANCE_QUERIES = 7
