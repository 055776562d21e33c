"""How far each priority's interventions have come, counted for the staff dashboard.

Selectors in all but name: one grouped query, whatever the number of interventions.
"""

from __future__ import annotations

from django.db.models import Count

from convenor.interventions.choices import LIFECYCLE, InterventionStage
from convenor.interventions.models import Intervention
from convenor.strategy.models import Strategy

# The dashboard's columns: the lifecycle in order, then parked.
STAGE_COLUMNS: list[InterventionStage] = [*LIFECYCLE, InterventionStage.PARKED]


def priority_intervention_stages(*, strategy: Strategy) -> dict[int, dict[str, int]]:
    """Per priority (by primary key), how many interventions are at each stage (one query).

    Every stage of STAGE_COLUMNS is present for a priority that has interventions, zeros
    included; a priority with none is absent.
    """
    rows = (
        Intervention.objects.filter(priority__strategy=strategy)
        .order_by()
        .values_list("priority_id", "stage")
        .annotate(count=Count("pk"))
    )
    counts: dict[int, dict[str, int]] = {}
    for priority_id, stage, count in rows:
        by_stage = counts.setdefault(priority_id, {str(column): 0 for column in STAGE_COLUMNS})
        by_stage[stage] = count
    return counts
