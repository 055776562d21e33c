"""Reads of project briefs: a strategy's briefs filtered, one brief, a priority's, the overdue.

A brief is overdue when its due date has passed (by core.clock's today) and it is neither
delivered nor cancelled; every list annotates `is_overdue` so pages flag it without a query
per row.
"""

from __future__ import annotations

import datetime

from django.db.models import BooleanField, Case, F, Q, QuerySet, Value, When

from convenor.core import clock
from convenor.evidence.choices import BRIEF_CLOSED
from convenor.evidence.models import EvidenceItem, ProjectBrief
from convenor.strategy.models import Priority, Strategy

# Soonest due first and undated briefs last, the same on SQLite and PostgreSQL.
DUE_FIRST = F("due_on").asc(nulls_last=True)


def _overdue_condition(today: datetime.date) -> Q:
    return Q(due_on__lt=today) & ~Q(status__in=BRIEF_CLOSED)


def _with_overdue(queryset: QuerySet[ProjectBrief]) -> QuerySet[ProjectBrief]:
    return queryset.annotate(
        is_overdue=Case(
            When(_overdue_condition(clock.today()), then=Value(True)),
            default=Value(False),
            output_field=BooleanField(),
        )
    )


def brief_list(
    *,
    strategy: Strategy,
    priority: Priority | None = None,
    status: str = "",
    overdue_only: bool = False,
) -> QuerySet[ProjectBrief]:
    """A strategy's briefs by priority and due date, filtered, each with its priority loaded."""
    briefs = ProjectBrief.objects.filter(priority__strategy=strategy)
    if priority is not None:
        briefs = briefs.filter(priority=priority)
    if status:
        briefs = briefs.filter(status=status)
    if overdue_only:
        briefs = briefs.filter(_overdue_condition(clock.today()))
    return (
        _with_overdue(briefs)
        .select_related("priority")
        .order_by("priority__number", DUE_FIRST, "title", "pk")
    )


def briefs_overdue(*, strategy: Strategy) -> QuerySet[ProjectBrief]:
    """A strategy's overdue briefs, longest overdue first, with their priorities (dashboard)."""
    return (
        _with_overdue(
            ProjectBrief.objects.filter(
                _overdue_condition(clock.today()), priority__strategy=strategy
            )
        )
        .select_related("priority")
        .order_by("due_on", "priority__number", "title", "pk")
    )


def priority_briefs(*, priority: Priority) -> QuerySet[ProjectBrief]:
    """A priority's briefs by due date (undated last), flagged overdue where they are."""
    return _with_overdue(ProjectBrief.objects.filter(priority=priority)).order_by(
        DUE_FIRST, "title", "pk"
    )


def brief_get(*, strategy: Strategy, pk: int) -> ProjectBrief | None:
    """One brief of a strategy with its priority and strategy loaded, flagged if overdue."""
    return (
        _with_overdue(ProjectBrief.objects.filter(priority__strategy=strategy, pk=pk))
        .select_related("priority__strategy")
        .first()
    )


def brief_evidence_items(*, brief: ProjectBrief) -> QuerySet[EvidenceItem]:
    """The evidence items delivered under a brief, newest first."""
    return brief.evidence_items.order_by("-published_on", "title", "pk")
