"""Reads for the staff area's strategy pages, with their joins done."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from convenor.core.models import AuditEvent
from convenor.strategy.models import LineOfEnquiry, Milestone, Priority, Stage, Strategy


def strategy_staff_list(*, query: str = "") -> QuerySet[Strategy]:
    """Every strategy, public or not, matching `query` in its name or area."""
    strategies = Strategy.objects.order_by("name")
    if query:
        strategies = strategies.filter(Q(name__icontains=query) | Q(area_name__icontains=query))
    return strategies


def audit_events_recent(*, limit: int = 20) -> QuerySet[AuditEvent]:
    """The latest changes anyone made, newest first, with who made them."""
    return AuditEvent.objects.select_related("actor", "target_type").order_by("-at", "-id")[:limit]


def strategy_stages(*, strategy: Strategy) -> QuerySet[Stage]:
    """A strategy's stages in timetable order."""
    return Stage.objects.filter(strategy=strategy).order_by("order")


def strategy_milestones(*, strategy: Strategy) -> QuerySet[Milestone]:
    """A strategy's milestones by date, with their stage."""
    return (
        Milestone.objects.filter(strategy=strategy)
        .select_related("stage")
        .order_by("date", "title")
    )


def strategy_priorities(*, strategy: Strategy) -> QuerySet[Priority]:
    """A strategy's priorities by number, with the bodies steering each and a count of enquiries.

    The bodies come through the `steering` relation that governance declares, by name, so this
    app does not import governance (which depends on it).
    """
    return (
        Priority.objects.filter(strategy=strategy)
        .annotate(enquiry_count=Count("lines_of_enquiry", distinct=True))
        .prefetch_related("steering__body")
        .order_by("number")
    )


def strategy_bodies(*, strategy: Strategy) -> QuerySet:
    """A strategy's bodies by name, with how many members each has had."""
    return (
        strategy.bodies.all()  # type: ignore[attr-defined]
        .annotate(membership_count=Count("memberships", distinct=True))
        .order_by("name")
    )


def priority_lines_of_enquiry(*, priority: Priority) -> QuerySet[LineOfEnquiry]:
    """A priority's lines of enquiry in order."""
    return LineOfEnquiry.objects.filter(priority=priority).order_by("order", "id")
