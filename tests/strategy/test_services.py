"""Writes to strategies: validation, the one current stage, and the audit trail."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from convenor.core.models import AuditEvent
from convenor.strategy import services
from convenor.strategy.choices import StageStatus
from convenor.strategy.models import Stage
from tests.accounts.factories import StaffUserFactory
from tests.stakeholders.factories import AreaFactory
from tests.strategy.factories import (
    LineOfEnquiryFactory,
    PriorityFactory,
    StageFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db


def test_creating_a_current_stage_completes_the_current_one_in_the_same_transaction():
    actor = StaffUserFactory()
    strategy = StrategyFactory()
    develop = StageFactory(strategy=strategy, name="Develop", order=2, status=StageStatus.CURRENT)

    engage = services.stage_create(
        actor=actor,
        strategy=strategy,
        order=3,
        name="Engage",
        starts_on=datetime.date(2019, 4, 1),
        ends_on=datetime.date(2019, 8, 31),
        status=StageStatus.CURRENT,
    )

    develop.refresh_from_db()
    assert (develop.status, engage.status) == (StageStatus.COMPLETE, StageStatus.CURRENT)
    assert list(AuditEvent.objects.order_by("id").values_list("verb", "target_repr", "actor")) == [
        ("changed", "Develop", actor.pk),
        ("created", "Engage", actor.pk),
    ]


def test_a_refused_current_stage_leaves_the_previous_one_current():
    strategy = StrategyFactory()
    develop = StageFactory(strategy=strategy, name="Develop", order=2, status=StageStatus.CURRENT)
    engage = StageFactory(strategy=strategy, name="Engage", order=3)

    with pytest.raises(ValidationError) as error:
        services.stage_update(
            stage=engage,
            actor=None,
            data={"status": StageStatus.CURRENT, "ends_on": datetime.date(2018, 1, 1)},
        )

    assert error.value.message_dict == {"ends_on": ["A stage cannot end before it starts."]}
    assert dict(Stage.objects.values_list("name", "status")) == {
        "Develop": StageStatus.CURRENT,
        "Engage": StageStatus.NOT_STARTED,
    }
    assert AuditEvent.objects.count() == 0
    develop.refresh_from_db()
    assert develop.status == StageStatus.CURRENT


def test_an_update_that_changes_nothing_records_nothing():
    stage = StageFactory(name="Develop")
    services.stage_update(stage=stage, actor=None, data={"name": "Develop"})
    assert AuditEvent.objects.count() == 0


def test_update_refuses_fields_it_does_not_own():
    stage = StageFactory()
    with pytest.raises(ValueError, match="Cannot update strategy here"):
        services.stage_update(stage=stage, actor=None, data={"strategy": StrategyFactory()})


def test_strategy_update_records_a_change_of_areas():
    actor = StaffUserFactory()
    strategy = StrategyFactory()
    guildford = AreaFactory(name="Guildford")

    services.strategy_update(strategy=strategy, actor=actor, data={"areas": [guildford]})

    assert list(strategy.areas.all()) == [guildford]
    event = AuditEvent.objects.get()
    assert (event.actor, event.verb, event.detail) == (actor, "changed", {"fields": ["areas"]})


def test_a_new_line_of_enquiry_goes_last():
    priority = PriorityFactory()
    LineOfEnquiryFactory(priority=priority, order=4)
    line = services.line_of_enquiry_create(actor=None, priority=priority, question="Why?")
    assert line.order == 5


def test_a_stage_number_already_taken_is_refused_on_the_order_field():
    existing = StageFactory(order=1)
    with pytest.raises(ValidationError) as error:
        services.stage_create(
            actor=None,
            strategy=existing.strategy,
            order=1,
            name="Another",
            starts_on=datetime.date(2019, 1, 1),
            ends_on=datetime.date(2019, 2, 1),
        )
    assert error.value.message_dict == {
        "order": ["Another stage is number 1. Choose another number."]
    }


def test_deleting_a_priority_is_recorded_with_what_it_was():
    actor = StaffUserFactory()
    priority = PriorityFactory(number=3, title="Towns")
    services.priority_delete(priority=priority, actor=actor)
    event = AuditEvent.objects.get()
    assert (event.actor, event.verb, event.target_repr) == (actor, "deleted", "3. Towns")
