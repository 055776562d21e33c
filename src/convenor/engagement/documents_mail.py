"""Reaction window mail: a reply to one's comment, and a window opening on a followed priority.

Only participants who chose immediate mail get these; the weekly digest is not built yet, so
"weekly" and "none" send nothing for now. Mail goes out once the transaction commits, one
message each, with the one-click unsubscribe link, and never to a person who was erased, opted
out of contact or has no address: `recipients_contactable` is asked when the list is drawn up
and again just before each message is addressed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core import mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from convenor.engagement.choices import NotificationChoice, ParticipantStatus
from convenor.engagement.documents_selectors import shown_name
from convenor.engagement.joining_selectors import unsubscribe_url
from convenor.engagement.models import Comment, Document, Participant
from convenor.stakeholders.models import Person
from convenor.stakeholders.privacy import reason_not_contactable, recipients_contactable

logger = logging.getLogger(__name__)

REPLY = "documents_reply"
WINDOW_OPENED = "documents_window_opened"


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
    # A subject is a mail header: a line break in a title must not end it.
    return " ".join(text.split())


def _absolute(path: str) -> str:
    return f"{settings.CONVENOR_SITE_URL}{path}"


def document_url(document: Document) -> str:
    """The absolute address of a document's public page."""
    return _absolute(
        reverse("documents:document_detail", args=[document.strategy.slug, document.pk])
    )


def _immediate_participants(
    participants: Iterable[Participant],
) -> tuple[list[Participant], list[SkippedRecipient]]:
    chosen = [p for p in participants if p.notifications == NotificationChoice.IMMEDIATE]
    contactable = {person.pk for person in recipients_contactable(p.person for p in chosen)}
    skipped = []
    for participant in chosen:
        if participant.person_id not in contactable:
            reason = reason_not_contactable(participant.person) or ""
            skipped.append(SkippedRecipient(person=participant.person, reason=reason))
            logger.info("Not emailing person %s: %s", participant.person_id, reason)
    return [p for p in chosen if p.person_id in contactable], skipped


def _participants(document: Document, person_ids: Iterable[int] | None = None) -> list[Participant]:
    queryset = Participant.objects.filter(
        sounding_board__strategy_id=document.strategy_id, status=ParticipantStatus.MEMBER
    ).select_related("person", "sounding_board__strategy")
    if person_ids is not None:
        queryset = queryset.filter(person_id__in=list(person_ids))
    return list(queryset.order_by("person__name", "pk"))


def reply_notify(*, reply: Comment) -> MailRecipients:
    """Email the author of the comment replied to (if they want immediate mail), on commit."""
    parent = Comment.objects.select_related("author", "version__paragraph__document__strategy").get(
        pk=reply.parent_id or 0
    )
    if parent.author_id == reply.author_id:
        return MailRecipients(recipients=(), skipped=())
    document = parent.version.paragraph.document
    participants, skipped = _immediate_participants(_participants(document, [parent.author_id]))
    if participants:
        reply_pk = reply.pk

        # robust: the reply is committed by now; a mail server failure is logged by Django rather
        # than turning the participant's page into an error.
        def send_reply_mail() -> None:
            _reply_send_now(reply_pk=reply_pk)

        transaction.on_commit(send_reply_mail, robust=True)
    return MailRecipients(recipients=tuple(p.person for p in participants), skipped=tuple(skipped))


def window_opened_notify(*, document: Document) -> MailRecipients:
    """Email members following one of the document's priorities that its window is open."""
    priority_ids = list(document.priorities.values_list("pk", flat=True))
    followers = Person.objects.filter(relationship__priorities__in=priority_ids).values_list(
        "pk", flat=True
    )
    participants, skipped = _immediate_participants(_participants(document, set(followers)))
    if participants:
        document_pk = document.pk
        person_pks = [p.person_id for p in participants]

        def send_window_mail() -> None:
            _window_send_now(document_pk=document_pk, person_pks=person_pks)

        transaction.on_commit(send_window_mail, robust=True)
    return MailRecipients(recipients=tuple(p.person for p in participants), skipped=tuple(skipped))


def _message(
    *, template: str, context: dict[str, object], to: str, connection: object
) -> mail.EmailMultiAlternatives:
    context = {**context, "site_url": settings.CONVENOR_SITE_URL}
    with timezone.override("Europe/London"):
        subject = _one_line(render_to_string(f"engagement/mail/{template}_subject.txt", context))
        text = render_to_string(f"engagement/mail/{template}.txt", context)
        html = render_to_string(f"engagement/mail/{template}.html", context)
    message = mail.EmailMultiAlternatives(
        subject=subject, body=text, to=[to], connection=connection
    )
    message.attach_alternative(html, "text/html")
    return message


def _send(
    template: str, document: Document, participants: list[Participant], extra: dict[str, object]
) -> None:
    connection = mail.get_connection()
    # Checked again at sending: someone may have opted out or been erased meanwhile.
    contactable = {p.pk for p in recipients_contactable(x.person for x in participants)}
    messages = [
        _message(
            template=template,
            context={
                **extra,
                "document": document,
                "document_url": document_url(document),
                "person": participant.person,
                "unsubscribe_url": unsubscribe_url(participant),
            },
            to=participant.person.email,
            connection=connection,
        )
        for participant in participants
        if participant.person_id in contactable
        and participant.notifications == NotificationChoice.IMMEDIATE
    ]
    if messages:
        connection.send_messages(messages)  # type: ignore[attr-defined]


def _reply_send_now(*, reply_pk: int) -> None:
    reply = (
        Comment.objects.select_related(
            "author", "parent__author", "version__paragraph__document__strategy"
        )
        .filter(pk=reply_pk)
        .first()
    )
    if reply is None or reply.parent is None:
        return
    document = reply.version.paragraph.document
    participants = _participants(document, [reply.parent.author_id])
    name_shown = (
        Participant.objects.filter(
            sounding_board__strategy_id=document.strategy_id, person_id=reply.author_id
        )
        .values_list("name_shown", flat=True)
        .first()
    )
    context = {
        "reply": reply,
        "comment": reply.parent,
        "paragraph": reply.version.paragraph,
        "author_name": shown_name(reply.author, name_shown),
    }
    _send(REPLY, document, participants, context)


def _window_send_now(*, document_pk: int, person_pks: list[int]) -> None:
    document = Document.objects.select_related("strategy").filter(pk=document_pk).first()
    if document is None:
        return
    _send(WINDOW_OPENED, document, _participants(document, person_pks), {})
