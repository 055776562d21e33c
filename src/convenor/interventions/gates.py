"""The intervention criteria of the stage gates (strategy.gates): tested, passing, agreed."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q

from convenor.interventions.choices import InterventionStage, stages_from
from convenor.interventions.four_tests import interventions_for_tests, meets_all_tests
from convenor.interventions.models import Intervention
from convenor.strategy.choices import StageKind
from convenor.strategy.gates import CriterionResult, criterion_register, priorities_lacking
from convenor.strategy.models import Strategy


def _has_intervention_at(stages: list[InterventionStage]) -> Exists:
    """The condition, on Priority, of having an intervention at one of `stages`."""
    return Exists(Intervention.objects.filter(priority=OuterRef("pk"), stage__in=stages))


def every_priority_has_a_tested_intervention(strategy: Strategy) -> CriterionResult:
    """Engage: every priority has an intervention tested in engagement or further on (one query)."""
    return priorities_lacking(
        strategy=strategy,
        has=_has_intervention_at(stages_from(InterventionStage.TESTED)),
        label="Every priority has at least one intervention tested in engagement",
        missing="has no intervention tested in engagement yet",
    )


def every_priority_has_an_intervention_meeting_the_tests(strategy: Strategy) -> CriterionResult:
    """Assemble: every priority has an intervention meeting all four tests (four queries).

    The tests are read in Python from what is linked (interventions.four_tests), over every
    intervention of the strategy fetched at once; parked ones do not count.
    """
    interventions = interventions_for_tests(
        Intervention.objects.filter(priority__strategy=strategy).exclude(
            stage=InterventionStage.PARKED
        )
    )
    passing = {item.priority_id for item in interventions if meets_all_tests(item)}
    return priorities_lacking(
        strategy=strategy,
        has=Q(pk__in=sorted(passing)),
        label=(
            "Every priority has at least one intervention that is compelling, supported, "
            "evidence based and practical"
        ),
        missing="has no intervention meeting all four tests",
    )


def every_priority_has_an_agreed_intervention(strategy: Strategy) -> CriterionResult:
    """Agree: every priority has an intervention agreed with Government or in delivery."""
    return priorities_lacking(
        strategy=strategy,
        has=_has_intervention_at([InterventionStage.AGREED, InterventionStage.IN_DELIVERY]),
        label="Every priority has at least one intervention agreed with Government",
        missing="has no intervention agreed with Government",
    )


def interventions_gates_register() -> None:
    """Register them (called from the app's ready())."""
    criterion_register(kind=StageKind.ENGAGE, criterion=every_priority_has_a_tested_intervention)
    criterion_register(
        kind=StageKind.ASSEMBLE, criterion=every_priority_has_an_intervention_meeting_the_tests
    )
    criterion_register(kind=StageKind.AGREE, criterion=every_priority_has_an_agreed_intervention)
