"""Writes to reaction windows: documents and their text, comments, replies, reactions, flags.

Every function validates inside one transaction; staff changes and moderation record an audit
event. A revision never moves a comment: each stays on the paragraph version it was made on.
Nothing a participant writes is dropped: a document with comments cannot be deleted.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone

from convenor.accounts.models import User
from convenor.core.events import SAID, event_announce
from convenor.core.models import AuditEvent
from convenor.core.services import audit_event_record, record_delete, record_save, record_update
from convenor.engagement import documents_mail
from convenor.engagement.choices import ContentStatus, Moderation, ParagraphReaction
from convenor.engagement.models import (
    Comment,
    CommentFlag,
    Document,
    ModeratedContent,
    Paragraph,
    ParagraphVersion,
    Post,
    Reaction,
)
from convenor.evidence.choices import Visibility
from convenor.evidence.models import EvidenceItem
from convenor.stakeholders.models import Person
from convenor.strategy.models import Priority, Strategy

Actor = User | AnonymousUser | None

DOCUMENT_FIELDS = frozenset(
    {
        "title",
        "summary",
        "priorities",
        "opens_at",
        "closes_at",
        "moderation",
        "key",
        "evidence_item",
    }
)
HEADING_PREFIX = "## "
# Posting limit: comments and replies per person in a rolling minute.
POSTING_LIMIT = 10
POSTING_PERIOD = datetime.timedelta(minutes=1)
ANNOUNCED_VERB = "announced the window"
RESEARCH_NOT_PUBLIC_MESSAGE = "Make the evidence item public before opening a comment window on it."


# The text: paragraphs separated by blank lines, "## " starting a section heading


@dataclass(frozen=True)
class ParsedParagraph:
    """One paragraph of typed text, with the section heading shown above it (or "")."""

    heading: str
    text: str


def document_text_parse(text: str) -> list[ParsedParagraph]:
    """Split typed text into paragraphs: blank lines part them, "## " lines head the next one."""
    paragraphs: list[ParsedParagraph] = []
    heading = ""
    lines: list[str] = []

    def flush() -> None:
        nonlocal heading
        body = "\n".join(lines).strip()
        if body:
            paragraphs.append(ParsedParagraph(heading=heading, text=body))
            heading = ""
        lines.clear()

    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        if line.startswith(HEADING_PREFIX) or line.strip() == HEADING_PREFIX.strip():
            flush()
            # A heading with no paragraph under it yet joins the next heading: keep the latest.
            heading = line[len(HEADING_PREFIX) :].strip()
        elif not line.strip():
            flush()
        else:
            lines.append(line.rstrip())
    flush()
    return paragraphs


def document_text_render(paragraphs: Iterable[tuple[str, str]]) -> str:
    """The typed form of (heading, text) pairs: the inverse of `document_text_parse`."""
    blocks = []
    for heading, text in paragraphs:
        blocks.append(f"{HEADING_PREFIX}{heading}\n{text}" if heading else text)
    return "\n\n".join(blocks)


def _text_check(text: str) -> list[ParsedParagraph]:
    parsed = document_text_parse(text)
    if not parsed:
        raise ValidationError({"text": "Enter the text of the document"})
    for item in parsed:
        if len(item.heading) > Paragraph._meta.get_field("heading").max_length:  # type: ignore[operator]
            raise ValidationError({"text": "A section heading must be 200 characters or fewer"})
    return parsed


# Documents


def _priorities_check(*, strategy: Strategy, priorities: Iterable[Priority]) -> None:
    foreign = [p for p in priorities if p.strategy_id != strategy.pk]
    if foreign:
        raise ValidationError(
            {"priorities": [f"{p} is a priority of another strategy." for p in foreign]}
        )


def _evidence_item_check(*, strategy: Strategy, item: EvidenceItem | None) -> None:
    if item is not None and item.strategy_id != strategy.pk:
        raise ValidationError({"evidence_item": "This research belongs to another strategy."})


@transaction.atomic
def document_create(
    *,
    actor: Actor,
    strategy: Strategy,
    title: str,
    text: str,
    summary: str = "",
    priorities: Iterable[Priority] = (),
    opens_at: datetime.datetime | None = None,
    closes_at: datetime.datetime | None = None,
    moderation: str = Moderation.POST,
    key: str = "",
    evidence_item: EvidenceItem | None = None,
) -> Document:
    """Create a document with its text split into paragraphs, each at version 1.

    With `evidence_item`, the document is a comment window on that research.
    """
    return _document_save(
        actor=actor,
        strategy=strategy,
        parsed=_text_check(text),
        title=title,
        summary=summary,
        priorities=priorities,
        opens_at=opens_at,
        closes_at=closes_at,
        moderation=moderation,
        key=key,
        evidence_item=evidence_item,
    )


def _document_save(
    *,
    actor: Actor,
    strategy: Strategy,
    parsed: list[ParsedParagraph],
    title: str,
    summary: str,
    priorities: Iterable[Priority],
    opens_at: datetime.datetime | None,
    closes_at: datetime.datetime | None,
    moderation: str,
    key: str = "",
    evidence_item: EvidenceItem | None = None,
) -> Document:
    """Save a document and its parsed paragraphs, each at version 1."""
    priorities = list(priorities)
    _priorities_check(strategy=strategy, priorities=priorities)
    _evidence_item_check(strategy=strategy, item=evidence_item)
    document = record_save(
        instance=Document(
            strategy=strategy,
            key=key,
            title=title,
            summary=summary,
            opens_at=opens_at,
            closes_at=closes_at,
            moderation=moderation,
            evidence_item=evidence_item,
        ),
        actor=actor,
    )
    document.priorities.set(priorities)
    for order, item in enumerate(parsed, start=1):
        paragraph = Paragraph.objects.create(document=document, order=order, heading=item.heading)
        ParagraphVersion.objects.create(paragraph=paragraph, number=1, text=item.text)
    return document


@transaction.atomic
def document_update(*, actor: Actor, document: Document, **data: Any) -> list[str]:
    """Change a document's details or window (not its text); return the fields that changed."""
    if "priorities" in data:
        _priorities_check(strategy=document.strategy, priorities=data["priorities"])
    if "evidence_item" in data:
        _evidence_item_check(strategy=document.strategy, item=data["evidence_item"])
    _, changed = record_update(instance=document, actor=actor, data=data, fields=DOCUMENT_FIELDS)
    return changed


def research_paragraphs(summary: str) -> list[ParsedParagraph]:
    """A research summary's paragraphs, split at blank lines; a summary has no headings."""
    paragraphs: list[ParsedParagraph] = []
    lines: list[str] = []
    for line in [*summary.replace("\r\n", "\n").replace("\r", "\n").split("\n"), ""]:
        if line.strip():
            lines.append(line.rstrip())
        elif lines:
            paragraphs.append(ParsedParagraph(heading="", text="\n".join(lines).strip()))
            lines.clear()
    return paragraphs


@transaction.atomic
def research_window_open(
    *,
    actor: Actor,
    item: EvidenceItem,
    opens_at: datetime.datetime | None,
    closes_at: datetime.datetime | None,
    moderation: str = Moderation.POST,
) -> Document:
    """Open a research item for comments: a document with its title, summary and priorities.

    Its paragraphs are the summary's paragraphs, so people comment on what the research found.
    The window is public, so the item must be public too.
    """
    if item.visibility != Visibility.PUBLIC:
        raise ValidationError(RESEARCH_NOT_PUBLIC_MESSAGE)
    parsed = research_paragraphs(item.summary)
    if not parsed:
        raise ValidationError("This research has no summary to comment on: add one first.")
    return _document_save(
        actor=actor,
        strategy=item.strategy,
        parsed=parsed,
        title=item.title,
        summary=item.summary,
        priorities=list(item.priorities.all()),
        opens_at=opens_at,
        closes_at=closes_at,
        moderation=moderation,
        evidence_item=item,
    )


@dataclass(frozen=True)
class RevisionResult:
    """What a revision did, counted."""

    changed: int
    unchanged: int
    added: int
    removed: int


@transaction.atomic
def document_revise(*, actor: Actor, document: Document, text: str) -> RevisionResult:
    """Replace the text, matching paragraphs by order; comments stay on their versions.

    A changed paragraph gets a new version, an unchanged one keeps its version, a paragraph past
    the end of the new text is marked removed (its comments stay readable), new ones are added.
    """
    parsed = _text_check(text)
    existing = {
        paragraph.order: paragraph
        for paragraph in Paragraph.objects.select_for_update()
        .filter(document=document)
        .prefetch_related("versions")
    }
    changed = unchanged = added = removed = 0
    for order, item in enumerate(parsed, start=1):
        paragraph = existing.get(order)
        if paragraph is None:
            paragraph = Paragraph.objects.create(
                document=document, order=order, heading=item.heading
            )
            ParagraphVersion.objects.create(paragraph=paragraph, number=1, text=item.text)
            added += 1
            continue
        versions = list(paragraph.versions.all())
        current = versions[-1] if versions else None
        fields = []
        if paragraph.heading != item.heading:
            paragraph.heading = item.heading
            fields.append("heading")
        if paragraph.is_removed:
            paragraph.is_removed = False
            fields.append("is_removed")
        if fields:
            paragraph.save(update_fields=fields)
        if current is None or current.text != item.text:
            ParagraphVersion.objects.create(
                paragraph=paragraph, number=(current.number + 1 if current else 1), text=item.text
            )
            changed += 1
        else:
            unchanged += 1
    for order, paragraph in existing.items():
        if order > len(parsed) and not paragraph.is_removed:
            paragraph.is_removed = True
            paragraph.save(update_fields=["is_removed"])
            removed += 1
    result = RevisionResult(changed=changed, unchanged=unchanged, added=added, removed=removed)
    audit_event_record(
        actor=actor,
        verb="revised",
        target=document,
        detail={"changed": changed, "unchanged": unchanged, "added": added, "removed": removed},
    )
    return result


def document_delete(*, actor: Actor, document: Document) -> None:
    """Delete a document that nobody has commented on (comments are never dropped)."""
    if Comment.objects.filter(version__paragraph__document=document).exists():
        raise ValidationError(
            "This document has comments, so it cannot be deleted: close its window instead."
        )
    record_delete(instance=document, actor=actor)


def document_was_announced(*, document: Document) -> bool:
    """Whether staff have announced the window to the people following its priorities."""
    return AuditEvent.objects.filter(
        verb=ANNOUNCED_VERB,
        target_id=str(document.pk),
        target_type=ContentType.objects.get_for_model(Document),
    ).exists()


@transaction.atomic
def document_announce(*, actor: Actor, document: Document) -> documents_mail.MailRecipients:
    """Email the sounding board members who follow the document's priorities, once."""
    # Lock the document so two presses of the button cannot both announce it.
    Document.objects.select_for_update().filter(pk=document.pk).first()
    if document_was_announced(document=document):
        raise ValidationError("This window has already been announced.")
    recipients = documents_mail.window_opened_notify(document=document)
    audit_event_record(
        actor=actor,
        verb=ANNOUNCED_VERB,
        target=document,
        detail={"recipients": len(recipients.recipients), "skipped": len(recipients.skipped)},
    )
    return recipients


# What participants write


class PostingLimitReached(Exception):
    """A person has posted as many comments as the limit allows in the last minute."""

    def __init__(self, retry_at: datetime.datetime) -> None:
        super().__init__("Posting limit reached")
        self.retry_at = retry_at


def posting_limit_check(person: Person) -> None:
    """Raise PostingLimitReached if the person's comments and discussion posts fill the limit.

    One limit for everything a person writes on the sounding board: comments, replies and posts
    count together, so moving from a document to a discussion does not reset it. The caller
    locks the person's row first.
    """
    # Comments and posts record the real moment they were made (created_at), not the demo
    # clock, so the rolling minute is measured in real time too.
    since = timezone.now() - POSTING_PERIOD
    recent = sorted(
        [
            *Comment.objects.filter(author=person, created_at__gt=since)
            .order_by("-created_at")
            .values_list("created_at", flat=True)[:POSTING_LIMIT],
            *Post.objects.filter(author=person, created_at__gt=since)
            .order_by("-created_at")
            .values_list("created_at", flat=True)[:POSTING_LIMIT],
        ],
        reverse=True,
    )[:POSTING_LIMIT]
    if len(recent) >= POSTING_LIMIT:
        raise PostingLimitReached(retry_at=recent[-1] + POSTING_PERIOD)


def _comment_text_check(text: str) -> str:
    if not text.strip():
        raise ValidationError({"text": "Enter your comment"})
    return text


def _new_status(document: Document) -> str:
    if document.moderation == Moderation.PRE:
        return ContentStatus.PENDING
    return ContentStatus.PUBLISHED


@transaction.atomic
def comment_create(*, author: Person, version: ParagraphVersion, text: str) -> Comment:
    """Comment on one version of a paragraph: pending under pre-moderation, else published."""
    _comment_text_check(text)
    # Locking the author's row serialises one person's posts, so the limit cannot be outrun.
    Person.objects.select_for_update().filter(pk=author.pk).first()
    posting_limit_check(author)
    comment = Comment(
        version=version,
        author=author,
        text=text,
        status=_new_status(version.paragraph.document),
    )
    comment.full_clean()
    comment.save()
    event_announce(name=SAID, strategy_id=version.paragraph.document.strategy_id)
    return comment


@transaction.atomic
def reply_create(*, author: Person, parent: Comment, text: str) -> Comment:
    """Reply to a comment (one level: a reply to a reply answers its comment), on its version."""
    _comment_text_check(text)
    # Read afresh: the comment may have been moderated since the page showed it.
    parent = Comment.objects.select_related("version__paragraph__document", "author").get(
        pk=parent.parent_id or parent.pk
    )
    if parent.status != ContentStatus.PUBLISHED:
        raise ValidationError({"text": "This comment cannot be replied to."})
    Person.objects.select_for_update().filter(pk=author.pk).first()
    posting_limit_check(author)
    reply = Comment(
        version=parent.version,
        parent=parent,
        author=author,
        text=text,
        status=_new_status(parent.version.paragraph.document),
    )
    reply.full_clean()
    reply.save()
    event_announce(name=SAID, strategy_id=parent.version.paragraph.document.strategy_id)
    if reply.status == ContentStatus.PUBLISHED:
        documents_mail.reply_notify(reply=reply)
    return reply


@transaction.atomic
def reaction_set(*, person: Person, paragraph: Paragraph, kind: str | None) -> Reaction | None:
    """Set, change or (kind None) remove a person's support or concern on a paragraph."""
    if kind is None:
        Reaction.objects.filter(paragraph=paragraph, person=person).delete()
        return None
    if kind not in ParagraphReaction.values:
        raise ValidationError({"kind": "Choose support or concern"})
    reaction, _ = Reaction.objects.update_or_create(
        paragraph=paragraph, person=person, defaults={"kind": kind}
    )
    return reaction


@transaction.atomic
def comment_flag(*, person: Person, comment: Comment, reason: str = "") -> tuple[CommentFlag, bool]:
    """Report a comment to the moderators; a second report by the same person updates the reason.

    Returns the flag and whether it is new.
    """
    try:
        with transaction.atomic():
            flag, created = CommentFlag.objects.get_or_create(
                comment=comment, person=person, defaults={"reason": reason}
            )
    except IntegrityError:
        flag, created = CommentFlag.objects.get(comment=comment, person=person), False
    if not created:
        flag.reason = reason or flag.reason
        flag.resolved_at = None
        flag.save(update_fields=["reason", "resolved_at", "updated_at"])
    return flag, created


# Moderation

PUBLISH = "publish"
HIDE = "hide"
RESTORE = "restore"
NOTE = "note"
DISMISS_FLAGS = "dismiss_flags"
MODERATION_ACTIONS = (PUBLISH, HIDE, RESTORE, NOTE, DISMISS_FLAGS)


def content_moderate(
    *,
    actor: Actor,
    content: ModeratedContent,
    flags: QuerySet[Any],
    action: str,
    reason: str = "",
    note: str | None = None,
) -> str:
    """Apply a moderation action to a comment or post the caller has locked; return its old status.

    Hiding needs a reason (the author sees it); every action but a note resolves the open `flags`
    (a moderator has looked at it) and the action is recorded in the audit trail.
    """
    if action not in MODERATION_ACTIONS:
        raise ValidationError({"action": "Choose what to do with it"})
    was = content.status
    now = timezone.now()
    if action == HIDE:
        if not reason.strip():
            raise ValidationError({"reason": "Enter the reason, which the author will see"})
        content.status = ContentStatus.HIDDEN
        content.moderation_reason = reason
    elif action in (PUBLISH, RESTORE):
        content.status = ContentStatus.PUBLISHED
        content.moderation_reason = ""
    if note is not None:
        content.moderator_note = note
    if action != NOTE:
        content.moderated_at = now
        content.moderated_by = actor if isinstance(actor, User) else None
    content.full_clean()
    content.save()
    flags_resolved = 0
    if action != NOTE:
        flags_resolved = flags.filter(resolved_at__isnull=True).update(resolved_at=now)
    audit_event_record(
        actor=actor,
        verb=f"moderated ({action.replace('_', ' ')})",
        target=content,
        detail={
            "from": was,
            "to": content.status,
            "flags_resolved": flags_resolved,
            **({"reason": reason} if action == HIDE else {}),
        },
    )
    return was


@transaction.atomic
def comment_moderate(
    *,
    actor: Actor,
    comment: Comment,
    action: str,
    reason: str = "",
    note: str | None = None,
) -> Comment:
    """Publish, hide (with a reason for the author), restore, note, or dismiss flags; audited.

    Every action but a note resolves the comment's open flags: a moderator has looked at it.
    """
    comment = Comment.objects.select_for_update().get(pk=comment.pk)
    was = content_moderate(
        actor=actor,
        content=comment,
        flags=CommentFlag.objects.filter(comment=comment),
        action=action,
        reason=reason,
        note=note,
    )
    if was != comment.status:  # published or hidden: what insight reads has changed
        strategy_id = (
            Comment.objects.filter(pk=comment.pk)
            .values_list("version__paragraph__document__strategy_id", flat=True)
            .get()
        )
        event_announce(name=SAID, strategy_id=strategy_id)
    # A reply held for moderation tells the author it answers only once others can read it.
    published_now = was == ContentStatus.PENDING and comment.status == ContentStatus.PUBLISHED
    if published_now and comment.parent_id is not None:
        documents_mail.reply_notify(reply=comment)
    return comment
