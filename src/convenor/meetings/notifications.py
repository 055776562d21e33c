"""Meeting mail: invitations and papers-published notices, each carrying the meeting's .ics.

Mail goes out only once the transaction that asked for it commits (a rolled-back invitation
sends nothing), one message per recipient, and never to a person who opted out of contact or
has no email address: each function returns, and logs, whom it left out and why.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.utils import timezone

from convenor.core import clock
from convenor.governance.models import Membership
from convenor.governance.selectors import membership_current_q
from convenor.meetings import calendar
from convenor.meetings.calendar import LONDON, CalendarMethod
from convenor.meetings.choices import InvitationRole
from convenor.meetings.models import Invitation, Meeting, Paper
from convenor.stakeholders.models import Person
from convenor.stakeholders.privacy import reason_not_contactable, recipients_contactable

logger = logging.getLogger(__name__)


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


def _split_recipients(people: Iterable[Person], *, notice: str, meeting: Meeting) -> MailRecipients:
    people = list(people)
    recipients = recipients_contactable(people)
    contactable = {person.pk for person in recipients}
    skipped: list[SkippedRecipient] = []
    for person in people:
        if person.pk not in contactable:
            reason = reason_not_contactable(person) or ""
            skipped.append(SkippedRecipient(person=person, reason=reason))
            logger.info(
                "Not sending the %s for meeting %s to person %s: %s",
                notice,
                meeting.pk,
                person.pk,
                reason,
            )
    return MailRecipients(recipients=tuple(recipients), skipped=tuple(skipped))


def _one_line(text: str) -> str:
    # A subject is a mail header: a line break in a meeting's title must not end it.
    return " ".join(text.split())


def meeting_when(meeting: Meeting) -> str:
    """The meeting's date and times in London: "Wednesday 22 May 2019, 10:00 to 12:00"."""
    starts = timezone.localtime(meeting.starts_at, LONDON)
    ends = timezone.localtime(meeting.ends_at, LONDON)
    start_text = f"{starts:%A} {starts.day} {starts:%B %Y, %H:%M}"
    if ends.date() == starts.date():
        return f"{start_text} to {ends:%H:%M}"
    return f"{start_text} to {ends:%A} {ends.day} {ends:%B %Y, %H:%M}"


def meeting_bodies_text(meeting: Meeting) -> str:
    """The convening body, and the bodies it meets with in a joint session."""
    joint = [body.name for body in meeting.joint_bodies.all()]
    if not joint:
        return meeting.body.name
    return f"{meeting.body.name}, in a joint session with {', '.join(joint)}"


def _meeting_context(meeting: Meeting) -> dict[str, Any]:
    return {
        "meeting": meeting,
        "when": meeting_when(meeting),
        "bodies": meeting_bodies_text(meeting),
        # Every recipient takes part in the meeting, so confidential items are theirs to see.
        "agenda_items": list(meeting.agenda_items.all()),
        "meeting_url": calendar.meeting_page_url(meeting),
        "site_url": settings.CONVENOR_SITE_URL,
    }


def _message(
    *,
    template: str,
    context: dict[str, Any],
    to: str,
    ics: bytes,
    ics_filename: str,
    ics_method: CalendarMethod,
    connection: Any,
) -> mail.EmailMultiAlternatives:
    context = {**context, "ics_filename": ics_filename}
    with timezone.override(LONDON):
        subject = _one_line(render_to_string(f"meetings/email/{template}_subject.txt", context))
        text = render_to_string(f"meetings/email/{template}.txt", context)
        html = render_to_string(f"meetings/email/{template}.html", context)
    message = mail.EmailMultiAlternatives(
        subject=subject, body=text, to=[to], connection=connection
    )
    message.attach_alternative(html, "text/html")
    message.attach(ics_filename, ics.decode(), f"text/calendar; method={ics_method}")
    return message


# Invitations


def invitations_notify(*, meeting: Meeting, invitations: Iterable[Invitation]) -> MailRecipients:
    """Email each invitee their invitation with the meeting's .ics (METHOD:REQUEST), on commit.

    Returns whom the invitations go to and whom they skip (opted out, or no email address).
    """
    invitation_pks = [invitation.pk for invitation in invitations]
    chosen = list(
        Invitation.objects.filter(meeting=meeting, pk__in=invitation_pks)
        .select_related("person")
        .order_by("person__name", "pk")
    )
    outcome = _split_recipients(
        (invitation.person for invitation in chosen), notice="invitation", meeting=meeting
    )
    recipient_pks = {person.pk for person in outcome.recipients}
    to_send = [invitation.pk for invitation in chosen if invitation.person_id in recipient_pks]
    if to_send:
        # robust: the invitations are committed by now; a mail server failure is logged by
        # Django rather than turning the page that sent them into an error.

        def send_invitations() -> None:
            _invitations_send_now(meeting_pk=meeting.pk, invitation_pks=to_send)

        # A named function, not a functools.partial: Django logs a robust callback's failure by
        # its __qualname__, which a partial lacks (Django ticket #36487).
        transaction.on_commit(send_invitations, robust=True)
    return outcome


def _invitations_send_now(*, meeting_pk: int, invitation_pks: list[int]) -> None:
    meeting = calendar.meeting_for_calendar_get(pk=meeting_pk)
    if meeting is None:
        return
    invitations = (
        Invitation.objects.filter(meeting=meeting, pk__in=invitation_pks)
        .select_related("person")
        .order_by("person__name", "pk")
    )
    context = _meeting_context(meeting)
    connection = mail.get_connection()
    messages = []
    # Checked again at sending: someone may have opted out while the transaction ran.
    contactable = {person.pk for person in recipients_contactable(i.person for i in invitations)}
    for invitation in invitations:
        if invitation.person_id not in contactable:
            continue
        ics = calendar.meetings_calendar(
            meetings=[meeting],
            method=CalendarMethod.REQUEST,
            include_confidential=True,
            invitation=invitation,
        ).to_ical()
        messages.append(
            _message(
                template="invitation",
                context={
                    **context,
                    "person": invitation.person,
                    "invitation": invitation,
                    "is_invited_expert": invitation.role == InvitationRole.INVITED_EXPERT,
                },
                to=invitation.person.email,
                ics=ics,
                ics_filename="invitation.ics",
                ics_method=CalendarMethod.REQUEST,
                connection=connection,
            )
        )
    connection.send_messages(messages)


# Papers published


def papers_notice_people(*, meeting: Meeting) -> list[Person]:
    """The invitees and current members of every body taking part, each once, by name."""
    body_ids = [meeting.body_id, *meeting.joint_bodies.values_list("pk", flat=True)]
    members = Membership.objects.filter(
        membership_current_q(today=clock.today()), body_id__in=body_ids
    ).values("person_id")
    invitees = Invitation.objects.filter(meeting=meeting).values("person_id")
    return list(
        Person.objects.filter(Q(pk__in=members) | Q(pk__in=invitees)).order_by("name", "pk")
    )


def papers_published_notify(*, meeting: Meeting) -> MailRecipients:
    """Tell the invitees and members that the meeting's papers are out, with its .ics, on commit.

    Returns whom the notice goes to and whom it skips (opted out, or no email address).
    """
    outcome = _split_recipients(
        papers_notice_people(meeting=meeting), notice="papers notice", meeting=meeting
    )
    person_pks = [person.pk for person in outcome.recipients]
    if person_pks:

        def send_papers_notices() -> None:
            _papers_notice_send_now(meeting_pk=meeting.pk, person_pks=person_pks)

        transaction.on_commit(send_papers_notices, robust=True)
    return outcome


def _papers_notice_send_now(*, meeting_pk: int, person_pks: list[int]) -> None:
    meeting = calendar.meeting_for_calendar_get(pk=meeting_pk)
    if meeting is None:
        return
    papers = list(
        Paper.objects.filter(meeting=meeting)
        .select_related("agenda_item")
        .order_by(F("agenda_item__order").asc(nulls_first=True), "title", "pk")
    )
    # Everyone on this list takes part, so the .ics shows the whole agenda.
    ics = calendar.meetings_calendar(
        meetings=[meeting], method=CalendarMethod.PUBLISH, include_confidential=True
    ).to_ical()
    context = {**_meeting_context(meeting), "papers": papers}
    connection = mail.get_connection()
    messages = [
        _message(
            template="papers_published",
            context={**context, "person": person},
            to=person.email,
            ics=ics,
            ics_filename=calendar.meeting_ics_filename(meeting),
            ics_method=CalendarMethod.PUBLISH,
            connection=connection,
        )
        for person in recipients_contactable(
            Person.objects.filter(pk__in=person_pks).order_by("name", "pk")
        )
    ]
    connection.send_messages(messages)
