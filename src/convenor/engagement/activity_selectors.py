"""Reads for the staff pages of activities: lists with their counts, the hub, contributions."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from convenor.core import clock
from convenor.engagement.choices import ActivityAttendance, Rsvp
from convenor.engagement.models import (
    Activity,
    ActivityInvitation,
    ActivityMaterial,
    Contribution,
    FollowUp,
)
from convenor.governance.models import Body
from convenor.stakeholders.models import Person
from convenor.strategy.models import Priority, Strategy

UPCOMING, PAST = "upcoming", "past"

# How many of the latest contributions the hub shows before linking to all of them.
HUB_CONTRIBUTIONS = 5


def _count_of(queryset: QuerySet[Any]) -> Coalesce:
    """A correlated count of `queryset` rows per activity (one subquery, no row multiplication)."""
    counted = (
        queryset.filter(activity=OuterRef("pk"))
        .order_by()
        .values("activity")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def activity_staff_list(
    *,
    strategy: Strategy,
    query: str = "",
    kind: str = "",
    status: str = "",
    priority: Priority | None = None,
    when: str = "",
    now: datetime.datetime | None = None,
) -> QuerySet[Activity]:
    """A strategy's activities matching the search and filters, with invited/attended/said counts.

    Upcoming ones come soonest first; otherwise the newest come first.
    """
    now = now or clock.now()
    activities = Activity.objects.filter(strategy=strategy)
    if query:
        activities = activities.filter(title__icontains=query)
    if kind:
        activities = activities.filter(kind=kind)
    if status:
        activities = activities.filter(status=status)
    if priority is not None:
        activities = activities.filter(priorities=priority)
    if when == UPCOMING:
        activities = activities.filter(starts_at__gte=now).order_by("starts_at", "pk")
    elif when == PAST:
        activities = activities.filter(starts_at__lt=now).order_by("-starts_at", "-pk")
    else:
        activities = activities.order_by("-starts_at", "-pk")
    return activities.select_related("body").annotate(
        invited_count=_count_of(ActivityInvitation.objects.all()),
        attended_count=_count_of(
            ActivityInvitation.objects.filter(attendance=ActivityAttendance.ATTENDED)
        ),
        contribution_count=_count_of(Contribution.objects.all()),
    )


def activity_for_hub(*, strategy: Strategy, pk: int) -> QuerySet[Activity]:
    """The activity a staff page is about, with its host, organising body and priorities."""
    return (
        Activity.objects.filter(strategy=strategy, pk=pk)
        .select_related("strategy", "host__organisation", "body")
        .prefetch_related(Prefetch("priorities", queryset=Priority.objects.order_by("number")))
    )


def activity_materials(*, activity: Activity) -> QuerySet[ActivityMaterial]:
    """An activity's materials, by title."""
    return ActivityMaterial.objects.filter(activity=activity).order_by("title", "pk")


def activity_follow_ups(*, activity: Activity) -> QuerySet[FollowUp]:
    """An activity's follow-up actions: open ones first, by due date, with who owns each."""
    return (
        FollowUp.objects.filter(activity=activity)
        .select_related("owner")
        .order_by("is_done", "due_on", "pk")
    )


def activity_invitation_summary(*, activity: Activity) -> dict[str, int]:
    """How many people are invited, and how many replied each way and came (one query)."""
    return ActivityInvitation.objects.filter(activity=activity).aggregate(
        invited=Count("pk"),
        accepted=Count("pk", filter=Q(response=Rsvp.ACCEPTED)),
        declined=Count("pk", filter=Q(response=Rsvp.DECLINED)),
        pending=Count("pk", filter=Q(response=Rsvp.PENDING)),
        waiting=Count("pk", filter=Q(response=Rsvp.WAITING)),
        attended=Count("pk", filter=Q(attendance=ActivityAttendance.ATTENDED)),
        absent=Count("pk", filter=Q(attendance=ActivityAttendance.ABSENT)),
        not_recorded=Count("pk", filter=Q(attendance=ActivityAttendance.NOT_RECORDED)),
    )


def activity_contributions(
    *,
    activity: Activity,
    query: str = "",
    kind: str = "",
    priority: Priority | None = None,
) -> QuerySet[Contribution]:
    """An activity's contributions matching the filters, newest first, with authors and tags."""
    contributions = Contribution.objects.filter(activity=activity)
    if query:
        contributions = contributions.filter(text__icontains=query)
    if kind:
        contributions = contributions.filter(kind=kind)
    if priority is not None:
        contributions = contributions.filter(priorities=priority)
    return (
        contributions.select_related("author", "recorded_by")
        .prefetch_related(Prefetch("priorities", queryset=Priority.objects.order_by("number")))
        .order_by("-made_on", "-pk")
    )


def strategy_priorities(*, strategy: Strategy) -> QuerySet[Priority]:
    """A strategy's priorities in number order, for checkboxes and filters."""
    return Priority.objects.filter(strategy=strategy).order_by("number")


def strategy_bodies(*, strategy: Strategy) -> QuerySet[Body]:
    """A strategy's bodies by name, to choose an organising body from."""
    return Body.objects.filter(strategy=strategy).order_by("name")


def people_to_choose(*, keep: Person | None = None) -> QuerySet[Person]:
    """People of the register one may name as host, owner or author: erased people are not,
    unless already named (`keep`), so that editing a record does not lose who it names."""
    people = Person.objects.select_related("organisation").order_by("name", "pk")
    if keep is None:
        return people.filter(erased_at__isnull=True)
    return people.filter(Q(erased_at__isnull=True) | Q(pk=keep.pk))
