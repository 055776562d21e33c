"""Reaction window mail: a reply to one's comment, and a window opening on a followed priority.

Only participants who chose immediate mail get these; those who chose "weekly" read of the same
replies and windows in their digest (digest_mail.py), and "none" sends nothing. Mail goes out
once the transaction commits, one message each, with the one-click unsubscribe link, and never
to a person who was erased, opted out of contact or has no address: `recipients_contactable` is
asked when the list is drawn up and again just before each message is addressed.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from django.core import mail
from django.db import transaction
from django.urls import reverse

from convenor.engagement.choices import NotificationChoice
from convenor.engagement.documents_selectors import shown_name
from convenor.engagement.models import Comment, Document, Participant
from convenor.engagement.participant_mail import (
    MailRecipients,
    absolute_url,
    contactable_split,
    members_of,
    participant_message,
)
from convenor.stakeholders.models import Person
from convenor.stakeholders.privacy import recipients_contactable

logger = logging.getLogger(__name__)

REPLY = "documents_reply"
WINDOW_OPENED = "documents_window_opened"


def document_url(document: Document) -> str:
    """The absolute address of a document's public page."""
    return absolute_url(
        reverse("documents:document_detail", args=[document.strategy.slug, document.pk])
    )


def _participants(document: Document, person_ids: Iterable[int] | None = None) -> list[Participant]:
    return members_of(strategy_id=document.strategy_id, person_ids=person_ids)


def reply_notify(*, reply: Comment) -> MailRecipients:
    """Email the author of the comment replied to (if they want immediate mail), on commit."""
    parent = Comment.objects.select_related("author", "version__paragraph__document__strategy").get(
        pk=reply.parent_id or 0
    )
    if parent.author_id == reply.author_id:
        return MailRecipients(recipients=(), skipped=())
    document = parent.version.paragraph.document
    participants, skipped = contactable_split(_participants(document, [parent.author_id]))
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
    participants, skipped = contactable_split(_participants(document, set(followers)))
    if participants:
        document_pk = document.pk
        person_pks = [p.person_id for p in participants]

        def send_window_mail() -> None:
            _window_send_now(document_pk=document_pk, person_pks=person_pks)

        transaction.on_commit(send_window_mail, robust=True)
    return MailRecipients(recipients=tuple(p.person for p in participants), skipped=tuple(skipped))


def _send(
    template: str, document: Document, participants: list[Participant], extra: dict[str, object]
) -> None:
    connection = mail.get_connection()
    # Checked again at sending: someone may have opted out or been erased meanwhile.
    contactable = {p.pk for p in recipients_contactable(x.person for x in participants)}
    messages = [
        participant_message(
            template=template,
            context={**extra, "document": document, "document_url": document_url(document)},
            participant=participant,
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
