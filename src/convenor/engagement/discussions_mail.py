"""Discussion mail: a reply to one's post, and a discussion opened on a followed priority.

Only participants who chose immediate mail get these. Mail goes out once the transaction
commits, one message each, with the one-click unsubscribe link, and never to a person who was
erased, opted out of contact or has no address: `recipients_contactable` is asked when the list
is drawn up and again just before each message is addressed.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core import mail
from django.db import transaction
from django.urls import reverse

from convenor.engagement.choices import NotificationChoice
from convenor.engagement.documents_selectors import shown_name
from convenor.engagement.models import Discussion, Participant, Post
from convenor.engagement.participant_mail import (
    MailRecipients,
    absolute_url,
    contactable_split,
    members_of,
    participant_message,
)
from convenor.stakeholders.models import Person
from convenor.stakeholders.privacy import recipients_contactable

REPLY = "discussions_reply"
OPENED = "discussions_opened"
NOBODY = MailRecipients(recipients=(), skipped=())


def discussion_url(discussion: Discussion) -> str:
    """The absolute address of a discussion's public page."""
    return absolute_url(
        reverse("discussions:discussion_detail", args=[discussion.strategy.slug, discussion.pk])
    )


def _members(discussion: Discussion, person_ids: Iterable[int] | None = None) -> list[Participant]:
    return members_of(strategy_id=discussion.strategy_id, person_ids=person_ids)


def _on_commit(send: object, participants: list[Participant], skipped: list) -> MailRecipients:  # type: ignore[type-arg]
    if participants:
        # robust: what was posted is committed by now; a mail server failure is logged rather
        # than turning the page into an error.
        transaction.on_commit(send, robust=True)  # type: ignore[arg-type]
    return MailRecipients(recipients=tuple(p.person for p in participants), skipped=tuple(skipped))


def reply_notify(*, reply: Post) -> MailRecipients:
    """Email the author of the post replied to (if they want immediate mail), on commit."""
    parent = Post.objects.select_related("author", "discussion").get(pk=reply.parent_id or 0)
    if parent.author_id == reply.author_id:
        return NOBODY
    participants, skipped = contactable_split(_members(parent.discussion, [parent.author_id]))
    reply_pk = reply.pk
    return _on_commit(lambda: _reply_send_now(reply_pk=reply_pk), participants, skipped)


def opened_notify(*, discussion: Discussion) -> MailRecipients:
    """Email members following the discussion's priority (all members if it has none)."""
    followers: Iterable[int] | None = None
    if discussion.priority_id is not None:
        followers = set(
            Person.objects.filter(relationship__priorities=discussion.priority_id).values_list(
                "pk", flat=True
            )
        )
    participants, skipped = contactable_split(_members(discussion, followers))
    discussion_pk, person_pks = discussion.pk, [p.person_id for p in participants]
    return _on_commit(
        lambda: _opened_send_now(discussion_pk=discussion_pk, person_pks=person_pks),
        participants,
        skipped,
    )


def _send(
    template: str,
    discussion: Discussion,
    participants: list[Participant],
    extra: dict[str, object],
) -> None:
    connection = mail.get_connection()
    # Checked again at sending: someone may have opted out or been erased meanwhile.
    contactable = {p.pk for p in recipients_contactable(x.person for x in participants)}
    context = {**extra, "discussion": discussion, "discussion_url": discussion_url(discussion)}
    messages = [
        participant_message(
            template=template, context=context, participant=participant, connection=connection
        )
        for participant in participants
        if participant.person_id in contactable
        and participant.notifications == NotificationChoice.IMMEDIATE
    ]
    if messages:
        connection.send_messages(messages)  # type: ignore[attr-defined]


def _reply_send_now(*, reply_pk: int) -> None:
    reply = (
        Post.objects.select_related("author", "parent__author", "discussion__strategy")
        .filter(pk=reply_pk)
        .first()
    )
    if reply is None or reply.parent is None:
        return
    discussion = reply.discussion
    name_shown = (
        Participant.objects.filter(
            sounding_board__strategy_id=discussion.strategy_id, person_id=reply.author_id
        )
        .values_list("name_shown", flat=True)
        .first()
    )
    context = {
        "reply": reply,
        "post": reply.parent,
        "author_name": shown_name(reply.author, name_shown),
    }
    _send(REPLY, discussion, _members(discussion, [reply.parent.author_id]), context)


def _opened_send_now(*, discussion_pk: int, person_pks: list[int]) -> None:
    discussion = (
        Discussion.objects.select_related("strategy", "priority").filter(pk=discussion_pk).first()
    )
    if discussion is None:
        return
    _send(OPENED, discussion, _members(discussion, person_pks), {})
