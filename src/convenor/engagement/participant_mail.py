"""What every mail to sounding board participants shares: who may get it, and how it is built.

Each module that sends mail still asks `recipients_contactable` itself just before addressing
(the mail guard test holds every sending module to it); this module draws up the list, skipping
and logging those who cannot be contacted, and renders a message from a template trio with the
participant's one-click unsubscribe link in the body and in the List-Unsubscribe header.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import mail
from django.template.loader import render_to_string
from django.utils import timezone

from convenor.engagement.choices import NotificationChoice, ParticipantStatus
from convenor.engagement.joining_selectors import unsubscribe_url
from convenor.engagement.models import Participant
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


def one_line(text: str) -> str:
    """Text made one line: a subject is a mail header, a line break in a title must not end it."""
    return " ".join(text.split())


def absolute_url(path: str) -> str:
    """The address of a path on this site, for a link in a mail."""
    return f"{settings.CONVENOR_SITE_URL}{path}"


def members_of(*, strategy_id: int, person_ids: Iterable[int] | None = None) -> list[Participant]:
    """The current members of a strategy's sounding board (of those people, if given)."""
    queryset = Participant.objects.filter(
        sounding_board__strategy_id=strategy_id, status=ParticipantStatus.MEMBER
    ).select_related("person", "sounding_board__strategy")
    if person_ids is not None:
        queryset = queryset.filter(person_id__in=list(person_ids))
    return list(queryset.order_by("person__name", "pk"))


def contactable_split(
    participants: Iterable[Participant], *, choice: str = NotificationChoice.IMMEDIATE
) -> tuple[list[Participant], list[SkippedRecipient]]:
    """Of the participants who chose this kind of mail, those we may email, and those skipped."""
    chosen = [p for p in participants if p.notifications == choice]
    contactable = {person.pk for person in recipients_contactable(p.person for p in chosen)}
    skipped = []
    for participant in chosen:
        if participant.person_id not in contactable:
            reason = reason_not_contactable(participant.person) or ""
            skipped.append(SkippedRecipient(person=participant.person, reason=reason))
            logger.info("Not emailing person %s: %s", participant.person_id, reason)
    return [p for p in chosen if p.person_id in contactable], skipped


def participant_message(
    *, template: str, context: dict[str, Any], participant: Participant, connection: Any = None
) -> mail.EmailMultiAlternatives:
    """A message to a participant from engagement/mail/<template>{_subject.txt,.txt,.html}."""
    link = unsubscribe_url(participant)
    context = {
        **context,
        "person": participant.person,
        "unsubscribe_url": link,
        "site_url": settings.CONVENOR_SITE_URL,
    }
    with timezone.override("Europe/London"):
        subject = one_line(render_to_string(f"engagement/mail/{template}_subject.txt", context))
        text = render_to_string(f"engagement/mail/{template}.txt", context)
        html = render_to_string(f"engagement/mail/{template}.html", context)
    message = mail.EmailMultiAlternatives(
        subject=subject, body=text, to=[participant.person.email], connection=connection
    )
    message.attach_alternative(html, "text/html")
    message.extra_headers["List-Unsubscribe"] = f"<{link}>"
    return message
