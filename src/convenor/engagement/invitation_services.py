"""Writes for invitations: inviting an audience, reminders, replies, attendance and walk-ins.

Every function runs in one transaction and records an audit event. Mail goes through
convenor.engagement.notifications, which sends it only after the transaction commits and never
to anyone erased, opted out or without an email address.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction

from convenor.accounts.models import User
from convenor.core import clock
from convenor.core.services import audit_event_record, record_delete, record_update
from convenor.engagement import notifications, workshops_services
from convenor.engagement.choices import ActivityAttendance, ActivityStatus, InvitedVia, Rsvp
from convenor.engagement.invitation_selectors import audience_preview, invitations_to_remind
from convenor.engagement.models import Activity, ActivityInvitation, Segment
from convenor.governance.models import Body
from convenor.stakeholders.models import Person
from convenor.stakeholders.privacy import recipients_contactable

Actor = User | AnonymousUser | None

CANCELLED_MESSAGE = "This activity was cancelled."


@dataclass(frozen=True)
class InvitationRun:
    """What one invite run did: the invitations it created, and whom it emailed."""

    created: list[ActivityInvitation]
    emailed: list[ActivityInvitation]


def _status_set(*, activity: Activity, actor: Actor, status: ActivityStatus) -> None:
    record_update(instance=activity, actor=actor, data={"status": status}, fields={"status"})


def _not_cancelled_check(activity: Activity, doing: str) -> None:
    if activity.status == ActivityStatus.CANCELLED:
        raise ValidationError(f"{CANCELLED_MESSAGE} {doing}")


@transaction.atomic
def invitations_send(
    *,
    activity: Activity,
    actor: Actor,
    bodies: Iterable[Body] = (),
    segments: Iterable[Segment] = (),
    people: Iterable[Person] = (),
) -> InvitationRun:
    """Invite everyone the audience reaches who is not invited yet, and email those we may.

    People already invited are left as they are (nobody is emailed twice by a second run).
    The activity moves from planned to invitations sent.
    """
    activity = Activity.objects.select_for_update().get(pk=activity.pk)
    _not_cancelled_check(activity, "Nobody can be invited to it.")
    preview = audience_preview(activity=activity, bodies=bodies, segments=segments, people=people)
    if not preview.to_invite:
        raise ValidationError("Everyone in this audience is already invited: nobody to add.")
    now = clock.now()
    emailable = {invitee.person.pk for invitee in preview.to_email}
    invitations = []
    for invitee in preview.to_invite:
        invitation = ActivityInvitation(
            activity=activity,
            person=invitee.person,
            invited_via=invitee.via,
            sent_at=now if invitee.person.pk in emailable else None,
        )
        invitation.full_clean(validate_unique=False, validate_constraints=False)
        invitations.append(invitation)
    created = ActivityInvitation.objects.bulk_create(invitations)
    emailed = [invitation for invitation in created if invitation.sent_at is not None]
    audit_event_record(
        actor=actor,
        verb="sent invitations",
        target=activity,
        detail={
            "invited": [invitation.person_id for invitation in created],
            "emailed": [invitation.person_id for invitation in emailed],
        },
    )
    if activity.status == ActivityStatus.PLANNED:
        _status_set(activity=activity, actor=actor, status=ActivityStatus.INVITATIONS_SENT)
    if emailed:
        notifications.invitations_notify(activity=activity, invitations=emailed)
    return InvitationRun(created=created, emailed=emailed)


def reminders_check(activity: Activity) -> None:
    """Refuse reminders for an activity that was cancelled or has already taken place."""
    _not_cancelled_check(activity, "Nobody can be reminded about it.")
    if activity.starts_at <= clock.now():
        raise ValidationError("This activity has already started: it is too late to remind.")


@transaction.atomic
def invitations_remind(*, activity: Activity, actor: Actor) -> list[ActivityInvitation]:
    """Email a reminder to every invitee sent an invitation who has not replied, if we may."""
    reminders_check(activity)
    pending = list(invitations_to_remind(activity=activity))
    contactable = {person.pk for person in recipients_contactable(i.person for i in pending)}
    to_remind = [invitation for invitation in pending if invitation.person_id in contactable]
    if not to_remind:
        raise ValidationError("There is nobody to remind: everyone emailed has replied.")
    audit_event_record(
        actor=actor,
        verb="sent reminders",
        target=activity,
        detail={"reminded": [invitation.person_id for invitation in to_remind]},
    )
    notifications.reminders_notify(activity=activity, invitations=to_remind)
    return to_remind


@transaction.atomic
def invitation_respond(*, invitation: ActivityInvitation, response: str) -> ActivityInvitation:
    """Record an invitee's reply through their signed link (nobody is signed in).

    "Coming" to an activity whose places are all taken puts them on its waiting list.
    """
    # The activity's row first, as workshop bookings lock it: places are counted under it.
    activity = Activity.objects.select_for_update().get(pk=invitation.activity_id)
    invitation = (
        ActivityInvitation.objects.select_for_update()
        .select_related("activity__strategy", "person")
        .get(pk=invitation.pk)
    )
    if activity.status == ActivityStatus.CANCELLED:
        raise ValidationError(f"{CANCELLED_MESSAGE} Replies are no longer taken.")
    if response not in (Rsvp.ACCEPTED, Rsvp.DECLINED):
        raise ValidationError({"response": "Say whether you are coming."})
    response = workshops_services.reply_under_capacity(invitation=invitation, response=response)
    # On the activity, by ids only: the invitation's own label carries the person's name.
    audit_event_record(
        actor=None,
        verb="invitee replied",
        target=invitation.activity,
        detail={"invitation": invitation.pk, "person": invitation.person_id, "response": response},
    )
    return invitation


def invitation_delete_check(*, invitation: ActivityInvitation) -> None:
    """Refuse to remove the invitation of someone recorded as having attended."""
    if invitation.attendance == ActivityAttendance.ATTENDED:
        raise ValidationError(
            f"{invitation.person.name} attended: their invitation is part of the record and "
            "cannot be removed. Change their attendance first if it was recorded by mistake."
        )


@transaction.atomic
def invitation_delete(*, invitation: ActivityInvitation, actor: Actor) -> None:
    """Withdraw an invitation made by mistake; refused for someone recorded as having attended."""
    invitation_delete_check(invitation=invitation)
    record_delete(instance=invitation, actor=actor)


def _mark_held_if_past(*, activity: Activity, actor: Actor) -> None:
    if activity.starts_at <= clock.now() and activity.status in (
        ActivityStatus.PLANNED,
        ActivityStatus.INVITATIONS_SENT,
    ):
        _status_set(activity=activity, actor=actor, status=ActivityStatus.HELD)


@transaction.atomic
def attendance_record(
    *, activity: Activity, actor: Actor, attendance: Mapping[ActivityInvitation, str]
) -> list[ActivityInvitation]:
    """Record who came and who did not; returns the invitations that changed.

    Recording attendance of an activity that has started marks it as held.
    """
    strangers = [inv for inv in attendance if inv.activity_id != activity.pk]
    if strangers:
        raise ValidationError(f"{strangers[0].person} is not invited to this activity.")
    changed = []
    for invitation, value in attendance.items():
        if invitation.attendance == value:
            continue
        invitation.attendance = value
        invitation.full_clean(validate_unique=False, validate_constraints=False)
        invitation.save(update_fields=["attendance", "updated_at"])
        changed.append(invitation)
    if changed:
        audit_event_record(
            actor=actor,
            verb="recorded attendance",
            target=activity,
            detail={
                "attendance": {
                    str(invitation.person_id): invitation.attendance for invitation in changed
                }
            },
        )
    _mark_held_if_past(activity=activity, actor=actor)
    return changed


@transaction.atomic
def walk_in_add(*, activity: Activity, actor: Actor, person: Person) -> ActivityInvitation:
    """Record that someone who was not invited came: an invitation marked attended, no email."""
    _not_cancelled_check(activity, "Nobody can be recorded as attending it.")
    if person.erased_at is not None:
        raise ValidationError({"person": "This person's record was erased."})
    if ActivityInvitation.objects.filter(activity=activity, person=person).exists():
        raise ValidationError(
            {"person": f"{person.name} is already invited: record their attendance in the list."}
        )
    invitation = ActivityInvitation(
        activity=activity,
        person=person,
        invited_via=InvitedVia.HAND_PICKED,
        attendance=ActivityAttendance.ATTENDED,
    )
    invitation.full_clean()
    invitation.save()
    audit_event_record(
        actor=actor,
        verb="recorded a walk-in",
        target=activity,
        detail={"invitation": invitation.pk, "person": person.pk},
    )
    _mark_held_if_past(activity=activity, actor=actor)
    return invitation
