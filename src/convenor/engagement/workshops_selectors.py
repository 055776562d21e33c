"""Reads for workshop sign-up: workshops open to book, places taken, the waiting list in order.

A workshop is any activity open for sign-up. A place is an invitation that is accepted; the
waiting list is the invitations waiting, in the order their owners asked (`responded_at`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet
from django.urls import reverse

from convenor.core import clock
from convenor.engagement.choices import ActivityStatus, Rsvp
from convenor.engagement.models import Activity, ActivityInvitation
from convenor.engagement.sharing import ShareSuggestion, share_suggestion
from convenor.stakeholders.models import Person
from convenor.strategy.models import Priority, Strategy

REMINDER_WINDOW = datetime.timedelta(days=2)


def _with_counts(activities: QuerySet[Activity]) -> QuerySet[Activity]:
    return activities.annotate(
        places_taken=Count("invitations", filter=Q(invitations__response=Rsvp.ACCEPTED)),
        waiting_count=Count("invitations", filter=Q(invitations__response=Rsvp.WAITING)),
    )


def workshops_open(*, strategy: Strategy) -> QuerySet[Activity]:
    """Upcoming activities open for sign-up, soonest first, with places taken and priorities."""
    activities = Activity.objects.filter(
        strategy=strategy, is_open_for_sign_up=True, starts_at__gt=clock.now()
    ).exclude(status=ActivityStatus.CANCELLED)
    return (
        _with_counts(activities)
        .prefetch_related(Prefetch("priorities", queryset=Priority.objects.order_by("number")))
        .order_by("starts_at", "pk")
    )


def workshop_get(*, strategy: Strategy, pk: int) -> Activity | None:
    """An activity open for sign-up (past or cancelled ones too, shown closed), with counts."""
    activities = Activity.objects.filter(strategy=strategy, pk=pk, is_open_for_sign_up=True)
    return (
        _with_counts(activities)
        .select_related("strategy")
        .prefetch_related(Prefetch("priorities", queryset=Priority.objects.order_by("number")))
        .first()
    )


def sign_up_closed_reason(activity: Activity) -> str:
    """Why nobody can book or cancel a place now; empty while sign-up is open."""
    if not activity.is_open_for_sign_up:
        return "This activity is not open for sign-up."
    if activity.status == ActivityStatus.CANCELLED:
        return "This workshop was cancelled."
    if activity.starts_at <= clock.now():
        return "This workshop has started: sign-up is closed."
    return ""


def places_left(activity: Activity, taken: int) -> int | None:
    """Free places given how many are taken; None when there is no limit."""
    if activity.capacity is None:
        return None
    return max(0, activity.capacity - taken)


@dataclass(frozen=True)
class Booking:
    """A person's place at a workshop: their invitation and, when waiting, their position."""

    invitation: ActivityInvitation | None
    position: int | None


def waiting_order(queryset: QuerySet[ActivityInvitation]) -> QuerySet[ActivityInvitation]:
    """Invitations in waiting-list order: who asked first comes first."""
    return queryset.order_by("responded_at", "pk")


def booking_of(*, activity: Activity, person: Person) -> Booking:
    """The person's invitation to the activity, and their place on the waiting list (2 queries)."""
    invitation = ActivityInvitation.objects.filter(activity=activity, person=person).first()
    position = None
    if invitation is not None and invitation.response == Rsvp.WAITING:
        ahead = ActivityInvitation.objects.filter(activity=activity, response=Rsvp.WAITING).filter(
            Q(responded_at__lt=invitation.responded_at)
            | Q(responded_at=invitation.responded_at, pk__lt=invitation.pk)
        )
        position = ahead.count() + 1
    return Booking(invitation=invitation, position=position)


def sign_ups(*, activity: Activity) -> dict[str, list[ActivityInvitation]]:
    """Who is coming (by name), the waiting list in order, and who cancelled (one query)."""
    invitations = waiting_order(
        ActivityInvitation.objects.filter(
            activity=activity, response__in=[Rsvp.ACCEPTED, Rsvp.WAITING, Rsvp.DECLINED]
        ).select_related("person__organisation")
    )
    grouped: dict[str, list[ActivityInvitation]] = {
        Rsvp.ACCEPTED: [],
        Rsvp.WAITING: [],
        Rsvp.DECLINED: [],
    }
    for invitation in invitations:
        grouped[invitation.response].append(invitation)
    grouped[Rsvp.ACCEPTED].sort(key=lambda i: (i.person.name.casefold(), i.pk))
    return {
        "coming": grouped[Rsvp.ACCEPTED],
        "waiting": grouped[Rsvp.WAITING],
        "cancelled": grouped[Rsvp.DECLINED],
    }


def reminders_due(*, activity: Activity | None = None) -> QuerySet[ActivityInvitation]:
    """People coming to an activity starting within two days who have not been reminded."""
    now = clock.now()
    invitations = ActivityInvitation.objects.filter(
        response=Rsvp.ACCEPTED,
        reminded_at__isnull=True,
        activity__starts_at__gt=now,
        activity__starts_at__lte=now + REMINDER_WINDOW,
    ).exclude(activity__status=ActivityStatus.CANCELLED)
    if activity is not None:
        invitations = invitations.filter(activity=activity)
    return invitations.select_related("person", "activity__strategy").order_by(
        "activity__starts_at", "activity_id", "person__name", "pk"
    )


def workshop_share(activity: Activity) -> ShareSuggestion | None:
    """For staff: the LinkedIn share of the workshop's public page, while sign-up is open."""
    if sign_up_closed_reason(activity):
        return None
    path = reverse("workshops:workshop_detail", args=[activity.strategy.slug, activity.pk])
    return share_suggestion(
        url=f"{settings.CONVENOR_SITE_URL}{path}",
        invitation=f"Come to our {activity.get_kind_display().lower()}",
        title=activity.title,
        strategy_name=activity.strategy.name,
        closes_at=activity.starts_at,
        closes_label="Book a place before",
    )
