"""Writes to interventions: lifecycle moves, supporters, links, decisions, delivery; the rules."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from convenor.core.models import AuditEvent
from convenor.evidence.choices import QualityRating
from convenor.governance.choices import BodyKind
from convenor.interventions import services
from convenor.interventions.choices import DeliveryStatus, InterventionStage, SupportForm
from convenor.interventions.models import Intervention, StageChange, Support
from tests.engagement.factories import ActivityFactory, ContributionFactory, StatementFactory
from tests.evidence.factories import EvidenceItemFactory
from tests.governance.factories import BodyFactory
from tests.interventions.conftest import AS_OF
from tests.interventions.factories import DeliveryMilestoneFactory
from tests.meetings.factories import DecisionFactory, MeetingFactory
from tests.stakeholders.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def test_create_records_the_first_lifecycle_step(world):
    intervention = services.intervention_create(
        actor=world.member,
        priority=world.priority,
        title="Skills passport",
        description="A passport.",
        stage=InterventionStage.WORKED_UP,
    )
    change = StageChange.objects.get(intervention=intervention)
    assert (change.from_stage, change.to_stage) == ("", "worked_up")
    assert change.reason == "Created as Worked up."
    assert change.actor == world.member and change.at == AS_OF
    assert AuditEvent.objects.filter(verb="created", target_id=str(intervention.pk)).exists()


def test_stage_change_records_who_when_why(world):
    change = services.intervention_stage_change(
        actor=world.staff,
        intervention=world.intervention,
        to_stage=InterventionStage.TESTED,
        reason="Tested at the towns roundtable.",
    )
    world.intervention.refresh_from_db()
    assert world.intervention.stage == "tested"
    assert (change.from_stage, change.to_stage, change.actor, change.at) == (
        "idea",
        "tested",
        world.staff,
        AS_OF,
    )
    assert change.reason == "Tested at the towns roundtable."
    event = AuditEvent.objects.get(verb="moved")
    assert event.detail == {
        "from": "idea",
        "to": "tested",
        "reason": "Tested at the towns roundtable.",
    }


@pytest.mark.parametrize("reason", ["", "   \n"])
def test_stage_change_needs_a_reason(world, reason):
    with pytest.raises(ValidationError) as error:
        services.intervention_stage_change(
            actor=world.staff, intervention=world.intervention, to_stage="tested", reason=reason
        )
    assert error.value.message_dict == {"reason": ["Say why it moves to this stage."]}
    world.intervention.refresh_from_db()
    assert world.intervention.stage == "idea" and not StageChange.objects.exists()


def test_stage_change_to_the_same_stage_is_refused(world):
    with pytest.raises(ValidationError):
        services.intervention_stage_change(
            actor=world.staff, intervention=world.intervention, to_stage="idea", reason="x"
        )


def test_parking_keeps_the_reason_and_unparking_clears_it(world):
    services.intervention_stage_change(
        actor=world.staff,
        intervention=world.intervention,
        to_stage=InterventionStage.PARKED,
        reason="No partner can lead it yet.",
    )
    world.intervention.refresh_from_db()
    assert world.intervention.parked_reason == "No partner can lead it yet."
    services.intervention_stage_change(
        actor=world.staff, intervention=world.intervention, to_stage="worked_up", reason="Back."
    )
    world.intervention.refresh_from_db()
    assert world.intervention.parked_reason == ""
    assert StageChange.objects.filter(intervention=world.intervention).count() == 2


def test_support_once_per_organisation(world):
    organisation = OrganisationFactory()
    services.support_add(
        actor=world.staff,
        intervention=world.intervention,
        organisation=organisation,
        given_on=datetime.date(2019, 6, 1),
        form=SupportForm.VOTE,
    )
    with pytest.raises(ValidationError) as error:
        services.support_add(
            actor=world.staff,
            intervention=world.intervention,
            organisation=organisation,
            given_on=datetime.date(2019, 6, 2),
        )
    assert "organisation" in error.value.message_dict
    assert Support.objects.count() == 1
    services.support_remove(actor=world.staff, support=Support.objects.get())
    assert not Support.objects.exists()
    assert AuditEvent.objects.filter(verb="deleted").count() == 1


def test_links_of_the_same_strategy_are_set(world):
    item = EvidenceItemFactory(strategy=world.strategy)
    activity = ActivityFactory(strategy=world.strategy)
    contribution = ContributionFactory(activity=activity, priorities=[world.priority])
    statement = StatementFactory(strategy=world.strategy, priority=world.priority)
    changed = services.intervention_links_set(
        actor=world.member,
        intervention=world.intervention,
        evidence_items=[item],
        activities=[activity],
        contributions=[contribution],
        statements=[statement],
    )
    assert sorted(changed) == ["activities", "contributions", "evidence_items", "statements"]
    assert list(world.intervention.evidence_items.all()) == [item]


def test_links_to_another_strategy_are_refused(world):
    foreign_item = EvidenceItemFactory()
    foreign_contribution = ContributionFactory()
    with pytest.raises(ValidationError) as error:
        services.intervention_links_set(
            actor=world.staff,
            intervention=world.intervention,
            evidence_items=[foreign_item],
            activities=[ActivityFactory()],
            contributions=[foreign_contribution],
            statements=[StatementFactory()],
        )
    assert set(error.value.message_dict) == {
        "evidence_items",
        "activities",
        "contributions",
        "statements",
    }
    assert not world.intervention.evidence_items.exists()


def test_compelling_decision_must_be_a_steering_group_of_the_strategy(world):
    steering = BodyFactory(strategy=world.strategy, kind=BodyKind.STEERING_GROUP)
    good = DecisionFactory(meeting=MeetingFactory(body=steering))
    board = DecisionFactory(
        meeting=MeetingFactory(body=BodyFactory(strategy=world.strategy, kind=BodyKind.BOARD))
    )
    foreign = DecisionFactory(
        meeting=MeetingFactory(body=BodyFactory(kind=BodyKind.STEERING_GROUP))
    )
    for decision in (board, foreign):
        with pytest.raises(ValidationError):
            services.intervention_update(
                actor=world.staff, intervention=world.intervention, compelling_decision=decision
            )
    world.intervention.refresh_from_db()
    assert world.intervention.compelling_decision is None
    assert services.intervention_update(
        actor=world.staff, intervention=world.intervention, compelling_decision=good
    ) == ["compelling_decision"]


def test_milestones_and_progress_only_once_agreed(world):
    with pytest.raises(ValidationError) as error:
        services.milestone_add(
            actor=world.staff,
            intervention=world.intervention,
            title="Fund open",
            due_on=datetime.date(2020, 4, 1),
        )
    assert error.value.messages == [services.NOT_IN_DELIVERY_MESSAGE]
    with pytest.raises(ValidationError):
        services.progress_update_add(
            actor=world.staff, intervention=world.intervention, status="on_track", text="Fine."
        )
    world.intervention.stage = InterventionStage.AGREED
    world.intervention.save()
    milestone = services.milestone_add(
        actor=world.staff,
        intervention=world.intervention,
        title="Fund open",
        due_on=datetime.date(2020, 4, 1),
    )
    services.milestone_done(actor=world.staff, milestone=milestone)
    milestone.refresh_from_db()
    assert milestone.done_on == AS_OF.date()
    update = services.progress_update_add(
        actor=world.staff,
        intervention=world.intervention,
        status=DeliveryStatus.AT_RISK,
        text="Slow.",
    )
    assert (update.reported_on, update.author) == (AS_OF.date(), world.staff)


def test_milestone_edit_and_delete(world):
    milestone = DeliveryMilestoneFactory(intervention=world.intervention)
    assert services.milestone_update(
        actor=world.staff, milestone=milestone, title="Renamed", due_on=milestone.due_on
    ) == ["title"]
    services.milestone_delete(actor=world.staff, milestone=milestone)
    assert not world.intervention.milestones.exists()


def test_delete_takes_its_history(world):
    services.intervention_delete(actor=world.staff, intervention=world.intervention)
    assert not Intervention.objects.exists()


def test_free_text_is_stored_exactly(world, naughty_strings):
    for text in naughty_strings[:200]:
        if not text.strip():
            continue
        intervention = services.intervention_create(
            actor=world.staff, priority=world.priority, title=text[:200], description=text
        )
        intervention.refresh_from_db()
        assert intervention.description == text


def test_evidence_rated_good_makes_it_evidence_based(world):
    from convenor.interventions.four_tests import evidence_based_test

    item = EvidenceItemFactory(
        strategy=world.strategy, quality=QualityRating.GOOD, quality_reason="Robust."
    )
    services.intervention_links_set(
        actor=world.member, intervention=world.intervention, evidence_items=[item]
    )
    assert evidence_based_test(Intervention.objects.get(pk=world.intervention.pk)).met
