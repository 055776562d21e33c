"""The shared write path: validation before saving, and an audit event for each change."""

import pytest
from django.core.exceptions import ValidationError

from convenor.core.models import AuditEvent
from convenor.core.services import record_delete, record_save
from convenor.strategy.models import Stage
from tests.accounts.factories import StaffUserFactory
from tests.strategy.factories import StageFactory, StrategyFactory

pytestmark = pytest.mark.django_db


def test_record_save_validates_and_audits_creation_and_change():
    actor = StaffUserFactory()
    strategy = StrategyFactory()
    stage = Stage(
        strategy=strategy, order=1, name="Develop", starts_on="2019-01-01", ends_on="2019-04-30"
    )
    record_save(instance=stage, actor=actor)
    stage.focus = "Detailed work on interventions"
    record_save(instance=stage, actor=actor, changed=["focus"])

    events = list(AuditEvent.objects.order_by("id").values_list("verb", "target_repr", "detail"))
    assert events == [("created", "Develop", {}), ("changed", "Develop", {"fields": ["focus"]})]
    assert AuditEvent.objects.filter(actor=actor).count() == 2


def test_record_save_refuses_invalid_rows_and_writes_nothing():
    stage = StageFactory.build(
        strategy=StrategyFactory(), starts_on="2019-05-01", ends_on="2019-04-01"
    )
    with pytest.raises(ValidationError) as error:
        record_save(instance=stage, actor=None)
    assert "A stage cannot end before it starts." in str(error.value)
    assert Stage.objects.count() == 0
    assert AuditEvent.objects.count() == 0


def test_record_delete_keeps_what_was_removed_in_the_audit_trail():
    stage = StageFactory(name="Assemble")
    record_delete(instance=stage, actor=None)
    assert not Stage.objects.exists()
    assert AuditEvent.objects.get().target_repr == "Assemble"
