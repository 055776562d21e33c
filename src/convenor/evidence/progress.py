"""How far each priority's evidence has come, counted for the staff dashboard.

Selectors in all but name: each function makes one query whatever the number of priorities,
items or briefs (every count is a correlated subquery in the database).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Func, IntegerField, OuterRef, QuerySet, Subquery

from convenor.core import clock
from convenor.evidence.choices import BRIEF_CLOSED
from convenor.evidence.models import EvidenceItem, ProjectBrief
from convenor.strategy.models import LineOfEnquiry, Priority, Strategy


@dataclass(frozen=True)
class PriorityEvidence:
    """One priority's evidence: items informing it, lines answered by evidence, briefs."""

    evidence_items: int
    evidenced_lines: int
    open_briefs: int
    overdue_briefs: int


def _count(queryset: QuerySet[Any], column: str = "pk") -> Subquery:
    """A correlated subquery counting the distinct values of `column` in `queryset`."""
    counted = queryset.order_by().annotate(
        counted=Func(
            F(column),
            function="COUNT",
            template="COUNT(DISTINCT %(expressions)s)",
            output_field=IntegerField(),
        )
    )
    return Subquery(counted.values("counted"), output_field=IntegerField())


def priority_evidence(
    *, strategy: Strategy, today: datetime.date | None = None
) -> dict[int, PriorityEvidence]:
    """Each priority of `strategy`, by primary key, with its evidence counted (one query).

    Open briefs are those neither delivered nor cancelled; overdue ones are open briefs whose
    due date has passed.
    """
    today = today or clock.today()
    open_briefs = ProjectBrief.objects.filter(priority=OuterRef("pk")).exclude(
        status__in=BRIEF_CLOSED
    )
    items = EvidenceItem.objects.filter(priorities=OuterRef("pk"))
    evidenced = LineOfEnquiry.objects.filter(priority=OuterRef("pk"), evidence_items__isnull=False)
    rows = (
        Priority.objects.filter(strategy=strategy)
        .order_by()
        .annotate(
            items=_count(items),
            lines=_count(evidenced),
            open_briefs=_count(open_briefs),
            overdue_briefs=_count(open_briefs.filter(due_on__lt=today)),
        )
        .values_list("pk", "items", "lines", "open_briefs", "overdue_briefs")
    )
    return {
        pk: PriorityEvidence(
            evidence_items=items or 0,
            evidenced_lines=lines or 0,
            open_briefs=open_count or 0,
            overdue_briefs=overdue or 0,
        )
        for pk, items, lines, open_count, overdue in rows
    }


def strategy_evidence_total(*, strategy: Strategy) -> int:
    """How many evidence items the strategy has, whatever priorities they inform (one query)."""
    return EvidenceItem.objects.filter(strategy=strategy).aggregate(total=Count("pk"))["total"]
