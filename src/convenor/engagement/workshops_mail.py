"""Workshop mail: a place confirmed, a place given from the waiting list, the reminder before.

Each message carries the activity's .ics (engagement.calendar) and the workshop's page. These
are about a place the person asked for, so they go whatever the participant chose for news
mail, but never to a person who was erased, opted out of contact or has no address:
`recipients_contactable` is asked when the list is drawn up and again just before each message
is addressed. A sounding board member's message carries their one-click unsubscribe link.
Mail goes out once the transaction commits.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from convenor.engagement import calendar
from convenor.engagement.calendar import LONDON, CalendarMethod
from convenor.engagement.invitation_selectors import rsvp_url
from convenor.engagement.models import Activity, ActivityInvitation
from convenor.engagement.participant_mail import (
    MailRecipients,
    SkippedRecipient,
    absolute_url,
    members_of,
    one_line,
    participant_message,
)
from convenor.stakeholders.privacy import reason_not_contactable, recipients_contactable

logger = logging.getLogger(__name__)

PLACE_CONFIRMED = "workshops_place_confirmed"
PLACE_GIVEN = "workshops_place_given"
REMINDER = "workshops_reminder"


def workshop_url(activity: Activity) -> str:
    """The absolute address of the workshop's public page."""
    return absolute_url(
        reverse("workshops:workshop_detail", args=[activity.strategy.slug, activity.pk])
    )


def _split(
    invitations: Iterable[ActivityInvitation], template: str
) -> tuple[list[ActivityInvitation], list[SkippedRecipient]]:
    chosen = list(invitations)
    contactable = {p.pk for p in recipients_contactable(i.person for i in chosen)}
    skipped = []
    for invitation in chosen:
        if invitation.person_id not in contactable:
            reason = reason_not_contactable(invitation.person) or ""
            skipped.append(SkippedRecipient(person=invitation.person, reason=reason))
            logger.info(
                "Not sending the %s to person %s: %s", template, invitation.person_id, reason
            )
    return [i for i in chosen if i.person_id in contactable], skipped


def _notify(invitations: Iterable[ActivityInvitation], template: str) -> MailRecipients:
    to_send, skipped = _split(invitations, template)
    if to_send:
        pks = [invitation.pk for invitation in to_send]

        # robust: the places are committed by now; a mail server failure is logged by Django
        # rather than turning the member's page into an error.
        def send_workshop_mail() -> None:
            _send_now(invitation_pks=pks, template=template)

        transaction.on_commit(send_workshop_mail, robust=True)
    return MailRecipients(recipients=tuple(i.person for i in to_send), skipped=tuple(skipped))


def place_confirmed_notify(
    *, activity: Activity, invitations: Iterable[ActivityInvitation]
) -> MailRecipients:
    """Email each person that their place is booked, with the .ics, on commit."""
    return _notify(invitations, PLACE_CONFIRMED)


def place_given_notify(
    *, activity: Activity, invitations: Iterable[ActivityInvitation]
) -> MailRecipients:
    """Email each person taken off the waiting list that they now have a place, on commit."""
    return _notify(invitations, PLACE_GIVEN)


def reminders_notify(*, invitations: Iterable[ActivityInvitation]) -> MailRecipients:
    """Email each person coming their reminder with the .ics, on commit."""
    return _notify(invitations, REMINDER)


def _message(
    *, template: str, context: dict[str, Any], invitation: ActivityInvitation, connection: Any
) -> mail.EmailMultiAlternatives:
    participant = context.pop("participant", None)
    if participant is not None:
        message = participant_message(
            template=template, context=context, participant=participant, connection=connection
        )
    else:
        # Invited by staff, not a member: no sounding board mail to unsubscribe from.
        context = {**context, "person": invitation.person}
        with timezone.override(LONDON):
            subject = one_line(render_to_string(f"engagement/mail/{template}_subject.txt", context))
            text = render_to_string(f"engagement/mail/{template}.txt", context)
            html = render_to_string(f"engagement/mail/{template}.html", context)
        message = mail.EmailMultiAlternatives(
            subject=subject, body=text, to=[invitation.person.email], connection=connection
        )
        message.attach_alternative(html, "text/html")
    ics = calendar.activity_calendar(
        activity=invitation.activity, method=CalendarMethod.PUBLISH, rsvp_url=context["url"]
    ).to_ical()
    message.attach(
        calendar.activity_ics_filename(invitation.activity),
        ics.decode(),
        f"text/calendar; method={CalendarMethod.PUBLISH}",
    )
    return message


def _send_now(*, invitation_pks: list[int], template: str) -> None:
    invitations = list(
        ActivityInvitation.objects.filter(pk__in=invitation_pks)
        .select_related("person", "activity__strategy")
        .order_by("pk")
    )
    if not invitations:
        return
    members = {}
    for strategy_id in {i.activity.strategy_id for i in invitations}:
        people = [i.person_id for i in invitations if i.activity.strategy_id == strategy_id]
        for participant in members_of(strategy_id=strategy_id, person_ids=people):
            members[(strategy_id, participant.person_id)] = participant
    connection = mail.get_connection()
    # Checked again at sending: someone may have opted out or been erased meanwhile.
    contactable = {p.pk for p in recipients_contactable(i.person for i in invitations)}
    messages = []
    for invitation in invitations:
        if invitation.person_id not in contactable:
            continue
        activity = invitation.activity
        context = {
            "activity": activity,
            "kind": activity.get_kind_display(),
            "when": calendar.activity_when(activity),
            # A staff invitation to an activity not open for sign-up is answered by its link.
            "url": workshop_url(activity) if activity.is_open_for_sign_up else rsvp_url(invitation),
            "site_url": settings.CONVENOR_SITE_URL,
            "participant": members.get((activity.strategy_id, invitation.person_id)),
        }
        messages.append(
            _message(
                template=template, context=context, invitation=invitation, connection=connection
            )
        )
    if messages:
        connection.send_messages(messages)  # type: ignore[attr-defined]
