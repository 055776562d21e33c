"""The governance criteria of the stage gates (strategy.gates): every priority has a lead body."""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from convenor.governance.models import BodyPriority
from convenor.strategy.choices import StageKind
from convenor.strategy.gates import CriterionResult, criterion_register, priorities_lacking
from convenor.strategy.models import Strategy


def every_priority_has_a_lead_body(strategy: Strategy) -> CriterionResult:
    """Set up: every priority has a body marked as its lead body (one query)."""
    return priorities_lacking(
        strategy=strategy,
        has=Exists(BodyPriority.objects.filter(priority=OuterRef("pk"), leads=True)),
        label="Every priority has a lead body",
        missing="has no lead body",
    )


def governance_gates_register() -> None:
    """Register them (called from the app's ready())."""
    criterion_register(kind=StageKind.SET_UP, criterion=every_priority_has_a_lead_body)
