"""Writes to discussions: the discussions staff open, members' threads, replies and flags.

Discussions work as a document's window does (engagement.documents_services is the model and
lends its helpers): pre- or post-moderation, one posting limit shared with comments, flags,
hiding with a reason shown to the author, restoring, a moderators' note, and an audit event for
every staff change. Nothing a participant writes is dropped: a discussion with posts cannot be
deleted.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from convenor.core.events import SAID, event_announce
from convenor.core.models import AuditEvent
from convenor.core.services import audit_event_record, record_delete, record_save, record_update
from convenor.engagement import discussions_mail
from convenor.engagement.choices import ContentStatus, Moderation
from convenor.engagement.documents_services import (
    Actor,
    PostingLimitReached,
    content_moderate,
    posting_limit_check,
)
from convenor.engagement.models import Discussion, Post, PostFlag
from convenor.engagement.participant_mail import MailRecipients
from convenor.stakeholders.models import Person
from convenor.strategy.models import Priority, Strategy

__all__ = ["PostingLimitReached"]

DISCUSSION_FIELDS = frozenset(
    {"title", "prompt", "priority", "opens_at", "closes_at", "moderation", "key"}
)
ANNOUNCED_VERB = "announced the discussion"


def _priority_check(*, strategy: Strategy, priority: Priority | None) -> None:
    if priority is not None and priority.strategy_id != strategy.pk:
        raise ValidationError({"priority": f"{priority} is a priority of another strategy."})


def discussion_create(
    *,
    actor: Actor,
    strategy: Strategy,
    title: str,
    prompt: str,
    priority: Priority | None = None,
    opens_at: datetime.datetime | None = None,
    closes_at: datetime.datetime | None = None,
    moderation: str = Moderation.POST,
    key: str = "",
) -> Discussion:
    """Open a discussion on a topic (a priority's, or the whole strategy's) between two moments."""
    _priority_check(strategy=strategy, priority=priority)
    return record_save(
        instance=Discussion(
            strategy=strategy,
            key=key,
            title=title,
            prompt=prompt,
            priority=priority,
            opens_at=opens_at,
            closes_at=closes_at,
            moderation=moderation,
        ),
        actor=actor,
    )


def discussion_update(*, actor: Actor, discussion: Discussion, **data: Any) -> list[str]:
    """Change a discussion's topic, prompt, priority, window or moderation; return what changed."""
    if "priority" in data:
        _priority_check(strategy=discussion.strategy, priority=data["priority"])
    _, changed = record_update(
        instance=discussion, actor=actor, data=data, fields=DISCUSSION_FIELDS
    )
    return changed


def discussion_delete(*, actor: Actor, discussion: Discussion) -> None:
    """Delete a discussion nobody has posted in (posts are never dropped)."""
    if Post.objects.filter(discussion=discussion).exists():
        raise ValidationError(
            "This discussion has posts, so it cannot be deleted: close it instead."
        )
    record_delete(instance=discussion, actor=actor)


def discussion_was_announced(*, discussion: Discussion) -> bool:
    """Whether staff have announced the discussion to the members following its priority."""
    return AuditEvent.objects.filter(
        verb=ANNOUNCED_VERB,
        target_id=str(discussion.pk),
        target_type=ContentType.objects.get_for_model(Discussion),
    ).exists()


@transaction.atomic
def discussion_announce(*, actor: Actor, discussion: Discussion) -> MailRecipients:
    """Email the members who follow the discussion's priority that it is open, once."""
    # Lock the discussion so two presses of the button cannot both announce it.
    Discussion.objects.select_for_update().filter(pk=discussion.pk).first()
    if discussion_was_announced(discussion=discussion):
        raise ValidationError("This discussion has already been announced.")
    recipients = discussions_mail.opened_notify(discussion=discussion)
    audit_event_record(
        actor=actor,
        verb=ANNOUNCED_VERB,
        target=discussion,
        detail={"recipients": len(recipients.recipients), "skipped": len(recipients.skipped)},
    )
    return recipients


# What members write


def _new_post(*, discussion: Discussion, author: Person, text: str, parent: Post | None) -> Post:
    if not text.strip():
        raise ValidationError({"text": "Enter your post"})
    # Locking the author's row serialises one person's posts, so the limit cannot be outrun.
    Person.objects.select_for_update().filter(pk=author.pk).first()
    posting_limit_check(author)
    post = Post(
        discussion=discussion,
        parent=parent,
        author=author,
        text=text,
        status=ContentStatus.PENDING
        if discussion.moderation == Moderation.PRE
        else ContentStatus.PUBLISHED,
    )
    post.full_clean()
    post.save()
    event_announce(name=SAID, strategy_id=discussion.strategy_id)
    return post


@transaction.atomic
def thread_start(*, author: Person, discussion: Discussion, text: str) -> Post:
    """Start a thread: pending under pre-moderation, else published at once."""
    return _new_post(discussion=discussion, author=author, text=text, parent=None)


@transaction.atomic
def reply_create(*, author: Person, parent: Post, text: str) -> Post:
    """Reply within a thread (a reply to a reply answers its thread); its author may be emailed."""
    # Read afresh: the post may have been moderated since the page showed it.
    parent = Post.objects.select_related("discussion", "author").get(
        pk=parent.parent_id or parent.pk
    )
    if parent.status != ContentStatus.PUBLISHED:
        raise ValidationError({"text": "This post cannot be replied to."})
    reply = _new_post(discussion=parent.discussion, author=author, text=text, parent=parent)
    if reply.status == ContentStatus.PUBLISHED:
        discussions_mail.reply_notify(reply=reply)
    return reply


@transaction.atomic
def post_flag(*, person: Person, post: Post, reason: str = "") -> tuple[PostFlag, bool]:
    """Report a post to the moderators; a second report by the same person updates the reason."""
    try:
        with transaction.atomic():
            flag, created = PostFlag.objects.get_or_create(
                post=post, person=person, defaults={"reason": reason}
            )
    except IntegrityError:
        flag, created = PostFlag.objects.get(post=post, person=person), False
    if not created:
        flag.reason = reason or flag.reason
        flag.resolved_at = None
        flag.save(update_fields=["reason", "resolved_at", "updated_at"])
    return flag, created


@transaction.atomic
def post_moderate(
    *, actor: Actor, post: Post, action: str, reason: str = "", note: str | None = None
) -> Post:
    """Publish, hide (with a reason for the author), restore, note, or dismiss flags; audited."""
    post = Post.objects.select_for_update().get(pk=post.pk)
    was = content_moderate(
        actor=actor,
        content=post,
        flags=PostFlag.objects.filter(post=post),
        action=action,
        reason=reason,
        note=note,
    )
    if was != post.status:  # published or hidden: what insight reads has changed
        event_announce(name=SAID, strategy_id=post.discussion.strategy_id)
    # A reply held for moderation tells the author it answers only once others can read it.
    if was == ContentStatus.PENDING and post.status == ContentStatus.PUBLISHED and post.parent_id:
        discussions_mail.reply_notify(reply=post)
    return post
