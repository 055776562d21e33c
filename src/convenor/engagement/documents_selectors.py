"""Reads for reaction windows: documents with their paragraphs, comments, counts and queues.

Each page's number of queries is fixed whatever the number of comments: comments are fetched
in one query per page (at most FIRST_COMMENTS per paragraph on the document page, picked with
a window function), replies in one more, and counts are grouped in the database.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, OuterRef, Prefetch, Q, QuerySet, Subquery, Window
from django.db.models.functions import RowNumber

from convenor.engagement.choices import (
    ContentStatus,
    NameShown,
    ParagraphReaction,
    ParticipantStatus,
)
from convenor.engagement.models import (
    Comment,
    CommentFlag,
    Document,
    Paragraph,
    ParagraphVersion,
    Participant,
    Post,
    Reaction,
)
from convenor.evidence.models import EvidenceItem
from convenor.stakeholders.models import Person
from convenor.strategy.models import Strategy

# Comments shown under each paragraph on the document page; the rest are on its own page.
FIRST_COMMENTS = 20
HIDDEN_PLACEHOLDER = "A comment was hidden by a moderator"


def shown_name(person: Person, name_shown: str | None) -> str:
    """A participant's name as they chose to show it beside what they write."""
    if person.erased_at is not None:
        return "A former participant"
    if name_shown == NameShown.INITIALS:
        return "".join(part[0].upper() + "." for part in person.name.split() if part) or "?"
    if name_shown == NameShown.FULL_NAME_AND_ORGANISATION and person.organisation_id:
        return f"{person.name}, {person.organisation}"
    return person.name


def participant_of(*, user: Any, strategy: Strategy) -> Participant | None:
    """The signed-in person's place on the strategy's sounding board, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Participant.objects.filter(sounding_board__strategy=strategy, person__user=user)
        .select_related("person")
        .first()
    )


def person_of(user: Any) -> Person | None:
    """The register's person linked to a signed-in account, if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Person.objects.filter(user=user).first()


# Documents


def document_public_list(*, strategy: Strategy, now: datetime.datetime) -> list[Document]:
    """Documents whose window has opened, open ones first, with published comment counts."""
    documents: list[Document] = list(
        Document.objects.filter(strategy=strategy, opens_at__lte=now)
        .select_related("evidence_item")
        .annotate(
            comment_count=Count(
                "paragraphs__versions__comments",
                filter=Q(paragraphs__versions__comments__status=ContentStatus.PUBLISHED),
            )
        )
    )
    for document in documents:
        document.is_open = document.closes_at is None or now < document.closes_at  # type: ignore[attr-defined]
    documents.sort(key=lambda d: (not d.is_open, -(d.opens_at.timestamp() if d.opens_at else 0)))  # type: ignore[attr-defined]
    return documents


def document_get(*, strategy: Strategy, pk: int) -> Document | None:
    """One document of a strategy, with its strategy (for the rules) and its research loaded."""
    return (
        Document.objects.filter(strategy=strategy, pk=pk)
        .select_related("strategy", "evidence_item")
        .first()
    )


def document_staff_list(*, strategy: Strategy) -> QuerySet[Document]:
    """Every document of a strategy, with comment counts by status, for staff."""
    return _with_comment_counts(Document.objects.filter(strategy=strategy))


def research_windows(*, item: EvidenceItem) -> QuerySet[Document]:
    """The comment windows on one research item, newest first, with comment counts by status."""
    return _with_comment_counts(Document.objects.filter(evidence_item=item)).order_by(
        "-opens_at", "pk"
    )


def _with_comment_counts(documents: QuerySet[Document]) -> QuerySet[Document]:
    """Documents with their comments (and replies) counted by status, and their research."""
    comments = "paragraphs__versions__comments"
    return documents.select_related("evidence_item").annotate(
        published_count=Count(
            comments, filter=Q(**{f"{comments}__status": ContentStatus.PUBLISHED})
        ),
        pending_count=Count(comments, filter=Q(**{f"{comments}__status": ContentStatus.PENDING})),
        hidden_count=Count(comments, filter=Q(**{f"{comments}__status": ContentStatus.HIDDEN})),
    )


def document_text(*, document: Document) -> str:
    """The current text as staff type it: paragraphs apart, "## " before section headings."""
    # Imported here: the services import the mail module, which imports these selectors.
    from convenor.engagement.documents_services import document_text_render

    pairs = []
    for paragraph in paragraphs_with_versions(document=document):
        if paragraph.is_removed:
            continue
        pairs.append((paragraph.heading, paragraph.current_version.text))  # type: ignore[attr-defined]
    return document_text_render(pairs)


def paragraphs_with_versions(*, document: Document) -> list[Paragraph]:
    """A document's paragraphs in order, each with its versions and `current_version` set."""
    paragraphs = list(
        Paragraph.objects.filter(document=document).prefetch_related(
            Prefetch("versions", queryset=ParagraphVersion.objects.order_by("number"))
        )
    )
    for paragraph in paragraphs:
        versions = list(paragraph.versions.all())
        paragraph.current_version = versions[-1] if versions else None  # type: ignore[attr-defined]
        paragraph.version_list = versions  # type: ignore[attr-defined]
    return paragraphs


# Comments, as one reader may see them


def _visible(*, person: Person | None, is_moderator: bool) -> Q:
    """Comments a reader sees: published and hidden (as a placeholder), their own, or all."""
    if is_moderator:
        return Q()
    visible = Q(status__in=[ContentStatus.PUBLISHED, ContentStatus.HIDDEN])
    if person is not None:
        visible |= Q(author=person)
    return visible


def _with_names(queryset: QuerySet[Comment], strategy: Strategy) -> QuerySet[Comment]:
    name_shown = Participant.objects.filter(
        sounding_board__strategy=strategy, person=OuterRef("author")
    ).values("name_shown")[:1]
    return queryset.select_related("author__organisation", "version").annotate(
        author_name_shown=Subquery(name_shown)
    )


def _decorate(
    comment: Comment, *, person: Person | None, is_moderator: bool, current: dict[int, int]
) -> None:
    attrs: Any = comment
    attrs.is_own = person is not None and comment.author_id == person.pk
    attrs.shows_text = comment.status != ContentStatus.HIDDEN or attrs.is_own or is_moderator
    attrs.author_shown = shown_name(comment.author, getattr(comment, "author_name_shown", None))
    attrs.on_earlier_version = (
        current.get(comment.version.paragraph_id, comment.version_id) != comment.version_id
    )


def _replies_prefetch(*, visible: Q, strategy: Strategy) -> Prefetch:
    return Prefetch(
        "replies",
        queryset=_with_names(Comment.objects.filter(visible), strategy).order_by(
            "created_at", "pk"
        ),
        to_attr="visible_replies",
    )


@dataclass
class ParagraphView:
    """One paragraph as a reader sees it: current text, its comments, counts, their reaction."""

    paragraph: Paragraph
    current_version: ParagraphVersion | None
    comments: list[Comment] = field(default_factory=list)
    comment_count: int = 0
    support_count: int = 0
    concern_count: int = 0
    my_reaction: str | None = None

    @property
    def more_comments(self) -> bool:
        """Whether the paragraph has comments beyond those shown on the document page."""
        return self.comment_count > len(self.comments)


def document_paragraph_views(
    *, document: Document, person: Person | None, is_moderator: bool
) -> list[ParagraphView]:
    """Every paragraph of a document with its first comments (and their replies) and counts.

    A fixed number of queries: paragraphs with versions, top-level comments (at most
    FIRST_COMMENTS per paragraph, by a window function), their replies, comment counts, reaction
    counts and the reader's own reactions.
    """
    paragraphs = paragraphs_with_versions(document=document)
    current: dict[int, int] = {}
    for p in paragraphs:
        version = getattr(p, "current_version", None)
        if version is not None:
            current[p.pk] = version.pk
    visible = _visible(person=person, is_moderator=is_moderator)
    top_level = _with_names(
        Comment.objects.filter(visible, version__paragraph__document=document, parent__isnull=True),
        document.strategy,
    ).annotate(
        position=Window(
            RowNumber(),
            partition_by=[F("version__paragraph_id")],
            order_by=[F("created_at").asc(), F("pk").asc()],
        )
    )
    comments = list(
        top_level.filter(position__lte=FIRST_COMMENTS)
        .prefetch_related(_replies_prefetch(visible=visible, strategy=document.strategy))
        .order_by("created_at", "pk")
    )
    counts = dict(
        Comment.objects.filter(visible, version__paragraph__document=document, parent__isnull=True)
        .values_list("version__paragraph_id")
        .annotate(n=Count("pk"))
        .values_list("version__paragraph_id", "n")
    )
    reactions: dict[int, dict[str, int]] = defaultdict(dict)
    for paragraph_id, kind, n in (
        Reaction.objects.filter(paragraph__document=document)
        .values_list("paragraph_id", "kind")
        .annotate(n=Count("pk"))
        .values_list("paragraph_id", "kind", "n")
    ):
        reactions[paragraph_id][kind] = n
    mine: dict[int, str] = {}
    if person is not None:
        mine = dict(
            Reaction.objects.filter(paragraph__document=document, person=person).values_list(
                "paragraph_id", "kind"
            )
        )
    views = {
        p.pk: ParagraphView(
            paragraph=p,
            current_version=p.current_version,  # type: ignore[attr-defined]
            comment_count=counts.get(p.pk, 0),
            support_count=reactions[p.pk].get(ParagraphReaction.SUPPORT, 0),
            concern_count=reactions[p.pk].get(ParagraphReaction.CONCERN, 0),
            my_reaction=mine.get(p.pk),
        )
        for p in paragraphs
    }
    for comment in comments:
        _decorate(comment, person=person, is_moderator=is_moderator, current=current)
        for reply in comment.visible_replies:  # type: ignore[attr-defined]
            _decorate(reply, person=person, is_moderator=is_moderator, current=current)
        views[comment.version.paragraph_id].comments.append(comment)
    return list(views.values())


def paragraph_comments(
    *, paragraph: Paragraph, person: Person | None, is_moderator: bool
) -> QuerySet[Comment]:
    """Every top-level comment on a paragraph (any version) a reader sees, with replies."""
    visible = _visible(person=person, is_moderator=is_moderator)
    return (
        _with_names(
            Comment.objects.filter(visible, version__paragraph=paragraph, parent__isnull=True),
            paragraph.document.strategy,
        )
        .prefetch_related(_replies_prefetch(visible=visible, strategy=paragraph.document.strategy))
        .order_by("created_at", "pk")
    )


def comments_decorate(
    comments: list[Comment], *, paragraph: Paragraph, person: Person | None, is_moderator: bool
) -> None:
    """Mark each comment and reply with what the reader may see of it (for a page of them)."""
    versions = list(paragraph.versions.order_by("number"))
    current = {paragraph.pk: versions[-1].pk} if versions else {}
    for comment in comments:
        _decorate(comment, person=person, is_moderator=is_moderator, current=current)
        for reply in comment.visible_replies:  # type: ignore[attr-defined]
            _decorate(reply, person=person, is_moderator=is_moderator, current=current)


def paragraph_get(*, document: Document, pk: int) -> Paragraph | None:
    """One paragraph of a document, with its document and strategy."""
    return (
        Paragraph.objects.filter(document=document, pk=pk)
        .select_related("document__strategy")
        .prefetch_related(
            Prefetch("versions", queryset=ParagraphVersion.objects.order_by("number"))
        )
        .first()
    )


def comment_get(*, document: Document, pk: int) -> Comment | None:
    """One comment on a document, with what the permission rules and pages need."""
    return (
        Comment.objects.filter(version__paragraph__document=document, pk=pk)
        .select_related("version__paragraph__document__strategy", "author", "parent")
        .first()
    )


# Staff


@dataclass
class ParagraphCounts:
    """What staff see per paragraph: comments by status, reactions, open flags."""

    paragraph: Paragraph
    published: int = 0
    pending: int = 0
    hidden: int = 0
    support: int = 0
    concern: int = 0
    flags: int = 0


def document_hub_counts(*, document: Document) -> list[ParagraphCounts]:
    """Per paragraph: comments (and replies) published, pending and hidden; reactions; flags."""
    rows = {p.pk: ParagraphCounts(paragraph=p) for p in paragraphs_with_versions(document=document)}
    for paragraph_id, status, n in (
        Comment.objects.filter(version__paragraph__document=document)
        .values_list("version__paragraph_id", "status")
        .annotate(n=Count("pk"))
        .values_list("version__paragraph_id", "status", "n")
    ):
        setattr(rows[paragraph_id], status, n)
    for paragraph_id, kind, n in (
        Reaction.objects.filter(paragraph__document=document)
        .values_list("paragraph_id", "kind")
        .annotate(n=Count("pk"))
        .values_list("paragraph_id", "kind", "n")
    ):
        setattr(rows[paragraph_id], kind, n)
    for paragraph_id, n in (
        CommentFlag.objects.filter(
            comment__version__paragraph__document=document, resolved_at__isnull=True
        )
        .values_list("comment__version__paragraph_id")
        .annotate(n=Count("pk"))
        .values_list("comment__version__paragraph_id", "n")
    ):
        rows[paragraph_id].flags = n
    return list(rows.values())


def moderation_queue(*, strategy: Strategy) -> QuerySet[Comment]:
    """Comments waiting for moderation or with open flags, oldest first, with flag counts."""
    return (
        Comment.objects.filter(version__paragraph__document__strategy=strategy)
        .annotate(open_flag_count=Count("flags", filter=Q(flags__resolved_at__isnull=True)))
        .filter(Q(status=ContentStatus.PENDING) | Q(open_flag_count__gt=0))
        .select_related("author", "version__paragraph__document")
        .order_by("created_at", "pk")
    )


def moderation_items(*, strategy: Strategy) -> list[Comment | Post]:
    """The one moderation queue: comments and discussion posts waiting or flagged, oldest first.

    Each item has `open_flag_count`, and `is_post` to tell a discussion post from a comment. The
    queue is short by nature, so the two lists are merged in Python: two queries, whatever its
    length, and no count query for the pages.
    """
    posts = (
        Post.objects.filter(discussion__strategy=strategy)
        .annotate(open_flag_count=Count("flags", filter=Q(flags__resolved_at__isnull=True)))
        .filter(Q(status=ContentStatus.PENDING) | Q(open_flag_count__gt=0))
        .select_related("author", "discussion")
    )
    items: list[Comment | Post] = [*moderation_queue(strategy=strategy), *posts]
    for item in items:
        item.is_post = isinstance(item, Post)  # type: ignore[union-attr]
    return sorted(items, key=lambda item: (item.created_at, item.is_post, item.pk))  # type: ignore[union-attr]


def moderation_counts(
    *, strategy: Strategy, items: list[Comment | Post] | None = None
) -> dict[str, int]:
    """How many comments and posts wait for moderation, and how many have open flags."""
    if items is None:
        items = moderation_items(strategy=strategy)
    return {
        "pending": sum(1 for item in items if item.status == ContentStatus.PENDING),
        "flagged": sum(1 for item in items if getattr(item, "open_flag_count", 0) > 0),
    }


def comment_for_moderation(*, strategy: Strategy, pk: int) -> Comment | None:
    """One comment of a strategy with its paragraph, author, parent and flags, for a moderator."""
    return (
        Comment.objects.filter(version__paragraph__document__strategy=strategy, pk=pk)
        .select_related(
            "author", "parent__author", "version__paragraph__document__strategy", "moderated_by"
        )
        .prefetch_related(
            Prefetch(
                "flags",
                queryset=CommentFlag.objects.select_related("person").order_by("created_at"),
            )
        )
        .first()
    )


def member_count(*, strategy: Strategy) -> int:
    """Current members of the strategy's sounding board."""
    return Participant.objects.filter(
        sounding_board__strategy=strategy, status=ParticipantStatus.MEMBER
    ).count()
