"""Activity mail: invitations and reminders, each with the activity's .ics and the RSVP link.

Mail goes out only once the transaction that asked for it commits (a rolled-back invitation
sends nothing), one message per invitee, and never to a person who was erased, opted out of
contact or has no email address: `recipients_contactable` is asked when the list is drawn up
and again just before each message is addressed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from convenor.engagement import calendar
from convenor.engagement.calendar import LONDON, CalendarMethod
from convenor.engagement.invitation_selectors import rsvp_url
from convenor.engagement.models import Activity, ActivityInvitation
from convenor.stakeholders.models import Person
from convenor.stakeholders.privacy import reason_not_contactable, recipients_contactable

logger = logging.getLogger(__name__)

INVITATION = "invitation"
REMINDER = "reminder"


@dataclass(frozen=True)
class SkippedRecipient:
    """A person who was not emailed, and why."""

    person: Person
    reason: str


@dataclass(frozen=True)
class MailRecipients:
    """Whom a notice is addressed to (sent once the transaction commits), and whom it skips."""

    recipients: tuple[Person, ...]
    skipped: tuple[SkippedRecipient, ...]


def _one_line(text: str) -> str:
    # A subject is a mail header: a line break in an activity's title must not end it.
    return " ".join(text.split())


def _invitations_of(activity: Activity, pks: Iterable[int]) -> list[ActivityInvitation]:
    return list(
        ActivityInvitation.objects.filter(activity=activity, pk__in=list(pks))
        .select_related("person")
        .order_by("person__name", "pk")
    )


def _notify(
    *, activity: Activity, invitations: Iterable[ActivityInvitation], template: str
) -> MailRecipients:
    chosen = _invitations_of(activity, (invitation.pk for invitation in invitations))
    people = [invitation.person for invitation in chosen]
    recipients = recipients_contactable(people)
    contactable = {person.pk for person in recipients}
    skipped = []
    for person in people:
        if person.pk not in contactable:
            reason = reason_not_contactable(person) or ""
            skipped.append(SkippedRecipient(person=person, reason=reason))
            logger.info(
                "Not sending the %s for activity %s to person %s: %s",
                template,
                activity.pk,
                person.pk,
                reason,
            )
    to_send = [invitation.pk for invitation in chosen if invitation.person_id in contactable]
    if to_send:
        activity_pk = activity.pk

        # robust: the invitations are committed by now; a mail server failure is logged by
        # Django rather than turning the page that sent them into an error. A named function,
        # not a partial: Django logs a robust callback's failure by its __qualname__.
        def send_activity_mail() -> None:
            _send_now(activity_pk=activity_pk, invitation_pks=to_send, template=template)

        transaction.on_commit(send_activity_mail, robust=True)
    return MailRecipients(recipients=tuple(recipients), skipped=tuple(skipped))


def invitations_notify(
    *, activity: Activity, invitations: Iterable[ActivityInvitation]
) -> MailRecipients:
    """Email each invitee their invitation with the activity's .ics (METHOD:REQUEST), on commit.

    Returns whom the invitations go to and whom they skip (erased, opted out, no address).
    """
    return _notify(activity=activity, invitations=invitations, template=INVITATION)


def reminders_notify(
    *, activity: Activity, invitations: Iterable[ActivityInvitation]
) -> MailRecipients:
    """Email each invitee a reminder to reply, with the .ics again, on commit."""
    return _notify(activity=activity, invitations=invitations, template=REMINDER)


def mail_context(activity: Activity) -> dict[str, Any]:
    """What every activity mail shows about the activity."""
    return {
        "activity": activity,
        "kind": activity.get_kind_display(),
        "when": calendar.activity_when(activity),
        "site_url": settings.CONVENOR_SITE_URL,
    }


def _message(
    *,
    template: str,
    context: dict[str, Any],
    to: str,
    ics: bytes,
    ics_filename: str,
    connection: Any,
) -> mail.EmailMultiAlternatives:
    context = {**context, "ics_filename": ics_filename}
    with timezone.override(LONDON):
        subject = _one_line(render_to_string(f"engagement/mail/{template}_subject.txt", context))
        text = render_to_string(f"engagement/mail/{template}.txt", context)
        html = render_to_string(f"engagement/mail/{template}.html", context)
    message = mail.EmailMultiAlternatives(
        subject=subject, body=text, to=[to], connection=connection
    )
    message.attach_alternative(html, "text/html")
    message.attach(ics_filename, ics.decode(), f"text/calendar; method={CalendarMethod.REQUEST}")
    return message


def _send_now(*, activity_pk: int, invitation_pks: list[int], template: str) -> None:
    activity = Activity.objects.select_related("strategy").filter(pk=activity_pk).first()
    if activity is None:
        return
    invitations = _invitations_of(activity, invitation_pks)
    context = mail_context(activity)
    connection = mail.get_connection()
    messages = []
    # Checked again at sending: someone may have opted out or been erased meanwhile.
    contactable = {person.pk for person in recipients_contactable(i.person for i in invitations)}
    for invitation in invitations:
        if invitation.person_id not in contactable:
            continue
        link = rsvp_url(invitation)
        ics = calendar.activity_calendar(
            activity=activity,
            method=CalendarMethod.REQUEST,
            invitation=invitation,
            rsvp_url=link,
        ).to_ical()
        messages.append(
            _message(
                template=template,
                context={**context, "person": invitation.person, "rsvp_url": link},
                to=invitation.person.email,
                ics=ics,
                ics_filename="invitation.ics",
                connection=connection,
            )
        )
    connection.send_messages(messages)
