"""Reads for the staff area's body pages, with their joins done."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from convenor.governance.models import Body, BodyPriority, Membership
from convenor.strategy.models import Strategy


def body_staff_list(*, strategy: Strategy, query: str = "") -> QuerySet[Body]:
    """A strategy's bodies matching `query` in their name or themes, with membership counts."""
    bodies = Body.objects.filter(strategy=strategy)
    if query:
        bodies = bodies.filter(Q(name__icontains=query) | Q(themes__icontains=query))
    return (
        bodies.select_related("reports_to")
        .annotate(membership_count=Count("memberships", distinct=True))
        .order_by("name")
    )


def body_steering(*, body: Body) -> QuerySet[BodyPriority]:
    """The priorities a body steers, by number."""
    return (
        BodyPriority.objects.filter(body=body)
        .select_related("priority")
        .order_by("priority__number")
    )


def body_memberships(*, body: Body) -> QuerySet[Membership]:
    """A body's memberships, current and ended, with the person and organisations."""
    return (
        Membership.objects.filter(body=body)
        .select_related("person", "person__organisation", "representing")
        .order_by("ends_on", "person__name", "role")
    )
