"""Statement mail: telling a member that the statement they submitted has been published.

Sent once the moderation that published it commits, and only if the member asked for mail as
things happen: "none" sends nothing, and "weekly" members read of it in their digest
(digest_mail.py, which finds the publication by its moderated_at: no queue is needed).
`recipients_contactable` is asked just before the message is addressed, so an erased, opted-out
or emailless person gets nothing. Every message carries the participant's one-click unsubscribe
link.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse

from convenor.engagement.calendar import site_url
from convenor.engagement.choices import NotificationChoice, ParticipantStatus
from convenor.engagement.joining_selectors import unsubscribe_url
from convenor.engagement.models import Participant, Statement
from convenor.stakeholders.privacy import recipients_contactable

logger = logging.getLogger(__name__)

PUBLISHED = "statements_published"


def _one_line(text: str) -> str:
    # A subject is a mail header: a line break in the statement must not end it.
    return " ".join(text.split())


def statement_published_notify(*, statement: Statement) -> None:
    """Email the statement's author that it is published, once the transaction commits."""
    statement_pk = statement.pk

    # A named function, not a partial: Django logs a robust callback's failure by its name.
    def send_statement_published_mail() -> None:
        _send_now(statement_pk=statement_pk)

    transaction.on_commit(send_statement_published_mail, robust=True)


def _participant_of(statement: Statement) -> Participant | None:
    if statement.submitted_by_id is None:
        return None
    return (
        Participant.objects.select_related("person", "sounding_board__strategy")
        .filter(
            sounding_board__strategy_id=statement.strategy_id,
            person_id=statement.submitted_by_id,
            status=ParticipantStatus.MEMBER,
        )
        .first()
    )


def _send_now(*, statement_pk: int) -> None:
    statement = Statement.objects.select_related("strategy").filter(pk=statement_pk).first()
    if statement is None or statement.submitted_by_id is None:
        return
    participant = _participant_of(statement)
    if participant is None:
        return
    if participant.notifications != NotificationChoice.IMMEDIATE:
        # "none" wants no mail; "weekly" gets it in the digest (digest_mail.py).
        logger.info(
            "Not emailing participant %s about statement %s: they chose %s mail",
            participant.pk,
            statement.pk,
            participant.notifications,
        )
        return
    if not recipients_contactable([participant.person]):
        return
    person = participant.person
    context = {
        "person": person,
        "statement": statement,
        "strategy": statement.strategy,
        "vote_url": site_url(reverse("statements:vote", args=[statement.strategy.slug])),
        "unsubscribe_url": unsubscribe_url(participant),
        "site_url": settings.CONVENOR_SITE_URL,
    }
    subject = _one_line(render_to_string(f"engagement/mail/{PUBLISHED}_subject.txt", context))
    text = render_to_string(f"engagement/mail/{PUBLISHED}.txt", context)
    html = render_to_string(f"engagement/mail/{PUBLISHED}.html", context)
    message = mail.EmailMultiAlternatives(subject=subject, body=text, to=[person.email])
    message.attach_alternative(html, "text/html")
    message.extra_headers["List-Unsubscribe"] = f"<{context['unsubscribe_url']}>"
    message.send()
