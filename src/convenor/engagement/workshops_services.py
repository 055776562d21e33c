"""Writes for workshop sign-up: booking and cancelling places, the waiting list, reminders.

Every write that can take a place locks the activity's row first (select_for_update), so two
people booking the last place at once are served one after the other and the capacity is never
exceeded. Mail (place confirmed, place given from the waiting list, reminders) goes out through
convenor.engagement.workshops_mail once the transaction commits.
"""

from __future__ import annotations

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction

from convenor.accounts.models import User
from convenor.core import clock
from convenor.core.services import audit_event_record
from convenor.engagement import workshops_mail
from convenor.engagement.choices import ActivityStatus, InvitedVia, Rsvp
from convenor.engagement.models import Activity, ActivityInvitation
from convenor.engagement.workshops_selectors import (
    reminders_due,
    sign_up_closed_reason,
    waiting_order,
)
from convenor.stakeholders.models import Person

Actor = User | AnonymousUser | None


def _locked(activity: Activity) -> Activity:
    # The row lock that serialises every booking of this activity (a no-op on SQLite, whose
    # writes are serialised by the database lock anyway).
    return Activity.objects.select_for_update().select_related("strategy").get(pk=activity.pk)


def _has_room(activity: Activity) -> bool:
    if activity.capacity is None:
        return True
    taken = ActivityInvitation.objects.filter(activity=activity, response=Rsvp.ACCEPTED).count()
    return taken < activity.capacity


def _reply_set(invitation: ActivityInvitation, response: str) -> None:
    invitation.response = response
    invitation.responded_at = clock.now()
    invitation.full_clean(validate_unique=False, validate_constraints=False)
    if invitation.pk is None:
        invitation.save()
    else:
        invitation.save(update_fields=["response", "responded_at", "updated_at"])


def reply_under_capacity(*, invitation: ActivityInvitation, response: str) -> str:
    """Record a reply, putting a "coming" on the waiting list when the activity is full.

    The caller holds the activity's row lock. Returns the reply recorded. Someone who gives up
    their place hands it to the first on the waiting list.
    """
    was = invitation.response
    if response == Rsvp.ACCEPTED:
        if was in (Rsvp.ACCEPTED, Rsvp.WAITING):
            # Already coming or waiting: asking again keeps their place in the queue.
            return was
        if not _has_room(invitation.activity):
            response = Rsvp.WAITING
    _reply_set(invitation, response)
    if was == Rsvp.ACCEPTED and response != Rsvp.ACCEPTED:
        _promote(activity=invitation.activity, actor=None)
    return response


@transaction.atomic
def place_book(*, activity: Activity, person: Person, actor: Actor) -> ActivityInvitation:
    """Book the person a place (or a place on the waiting list when the workshop is full)."""
    activity = _locked(activity)
    reason = sign_up_closed_reason(activity)
    if reason:
        raise ValidationError(reason)
    invitation = (
        ActivityInvitation.objects.select_for_update()
        .filter(activity=activity, person=person)
        .first()
    )
    if invitation is None:
        invitation = ActivityInvitation(
            activity=activity, person=person, invited_via=InvitedVia.SIGN_UP
        )
    invitation.activity = activity
    was = invitation.response if invitation.pk else None
    response = reply_under_capacity(invitation=invitation, response=Rsvp.ACCEPTED)
    if response != was:
        audit_event_record(
            actor=actor,
            verb="booked a place" if response == Rsvp.ACCEPTED else "joined the waiting list",
            target=activity,
            detail={"invitation": invitation.pk, "person": person.pk, "response": response},
        )
        if response == Rsvp.ACCEPTED:
            workshops_mail.place_confirmed_notify(activity=activity, invitations=[invitation])
    return invitation


@transaction.atomic
def place_cancel(*, activity: Activity, person: Person, actor: Actor) -> ActivityInvitation:
    """Give up a place or leave the waiting list; a freed place goes to the first waiting."""
    activity = _locked(activity)
    reason = sign_up_closed_reason(activity)
    if reason:
        raise ValidationError(reason)
    invitation = (
        ActivityInvitation.objects.select_for_update()
        .filter(activity=activity, person=person, response__in=[Rsvp.ACCEPTED, Rsvp.WAITING])
        .first()
    )
    if invitation is None:
        raise ValidationError("You have no place to cancel at this workshop.")
    invitation.activity = activity
    was = invitation.response
    reply_under_capacity(invitation=invitation, response=Rsvp.DECLINED)
    audit_event_record(
        actor=actor,
        verb="cancelled a place" if was == Rsvp.ACCEPTED else "left the waiting list",
        target=activity,
        detail={"invitation": invitation.pk, "person": person.pk},
    )
    return invitation


def _promote(*, activity: Activity, actor: Actor) -> list[ActivityInvitation]:
    if activity.status == ActivityStatus.CANCELLED or activity.starts_at <= clock.now():
        return []
    waiting = waiting_order(
        ActivityInvitation.objects.select_for_update().filter(
            activity=activity, response=Rsvp.WAITING
        )
    )
    if activity.capacity is not None:
        taken = ActivityInvitation.objects.filter(activity=activity, response=Rsvp.ACCEPTED)
        free = max(0, activity.capacity - taken.count())
        waiting = waiting[:free]
    promoted = list(waiting)
    for invitation in promoted:
        # responded_at is kept: it still says when they asked.
        invitation.response = Rsvp.ACCEPTED
        invitation.save(update_fields=["response", "updated_at"])
    if promoted:
        audit_event_record(
            actor=actor,
            verb="gave places from the waiting list",
            target=activity,
            detail={"people": [invitation.person_id for invitation in promoted]},
        )
        workshops_mail.place_given_notify(activity=activity, invitations=promoted)
    return promoted


@transaction.atomic
def waiting_list_promote(*, activity: Activity, actor: Actor) -> list[ActivityInvitation]:
    """Give every free place to the first on the waiting list, in order, and email them."""
    return _promote(activity=_locked(activity), actor=actor)


def capacity_check(*, activity: Activity, capacity: int | None) -> None:
    """Refuse fewer places than people already coming: nobody loses a place they were given."""
    if capacity is None:
        return
    taken = ActivityInvitation.objects.filter(activity=activity, response=Rsvp.ACCEPTED).count()
    if capacity < taken:
        raise ValidationError(
            {"capacity": f"{taken} people are already coming: enter at least {taken} places"}
        )


@transaction.atomic
def reminders_send(*, actor: Actor, activity: Activity | None = None) -> list[ActivityInvitation]:
    """Remind everyone coming to an activity starting within two days, once each, by email.

    Without an activity: every activity (the cron command). Those we may not email are not
    marked reminded, so a reminder reaches them if they may be contacted again in time.
    """
    due = list(reminders_due(activity=activity).select_for_update(of=("self",)))
    sent = workshops_mail.reminders_notify(invitations=due)
    reminded_ids = {person.pk for person in sent.recipients}
    reminded = [invitation for invitation in due if invitation.person_id in reminded_ids]
    now = clock.now()
    ActivityInvitation.objects.filter(pk__in=[i.pk for i in reminded]).update(
        reminded_at=now, updated_at=now
    )
    for invitation in reminded:
        invitation.reminded_at = now
    by_activity: dict[int, list[int]] = {}
    for invitation in reminded:
        by_activity.setdefault(invitation.activity_id, []).append(invitation.person_id)
    for invitation in reminded:
        if by_activity.get(invitation.activity_id) is not None:
            audit_event_record(
                actor=actor,
                verb="sent workshop reminders",
                target=invitation.activity,
                detail={"reminded": by_activity.pop(invitation.activity_id)},
            )
    return reminded
