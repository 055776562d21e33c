"""Reads for discussions: the list with counts, threads with their replies, the staff hub.

Each page's number of queries is fixed whatever the number of posts: a page of threads is one
query, their replies one more (prefetched), and counts are grouped in the database. A reader
sees published posts, a placeholder for hidden ones, and their own posts whatever their state;
moderators see everything.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery

from convenor.engagement.choices import ContentStatus

# The same rule as for comments: published and hidden (as a placeholder), one's own, or all.
from convenor.engagement.documents_selectors import _visible, participant_of, person_of, shown_name
from convenor.engagement.models import Discussion, Participant, Post, PostFlag
from convenor.stakeholders.models import Person
from convenor.strategy.models import Priority, Strategy

__all__ = ["participant_of", "person_of"]

PUBLISHED = Q(posts__status=ContentStatus.PUBLISHED)


def window_state(discussion: Discussion, now: datetime.datetime) -> dict[str, bool]:
    """Whether a discussion is open now, closed, or not yet open."""
    has_opened = discussion.opens_at is not None and discussion.opens_at <= now
    is_closed = discussion.closes_at is not None and now >= discussion.closes_at
    return {
        "has_opened": has_opened,
        "is_open": has_opened and not is_closed,
        "is_closed": is_closed,
    }


def discussion_public_list(
    *, strategy: Strategy, now: datetime.datetime, priority: Priority | None = None
) -> QuerySet[Discussion]:
    """Discussions that have opened, newest first, with published thread and post counts."""
    discussions = Discussion.objects.filter(strategy=strategy, opens_at__lte=now)
    if priority is not None:
        discussions = discussions.filter(priority=priority)
    return (
        discussions.select_related("priority")
        .annotate(
            post_count=Count("posts", filter=PUBLISHED),
            thread_count=Count("posts", filter=PUBLISHED & Q(posts__parent__isnull=True)),
        )
        .order_by("-opens_at", "title", "pk")
    )


def discussion_priorities(*, strategy: Strategy, now: datetime.datetime) -> list[Priority]:
    """The priorities that opened discussions are tied to, to filter the list by."""
    return list(
        Priority.objects.filter(
            discussions__strategy=strategy, discussions__opens_at__lte=now
        ).distinct()
    )


def discussion_get(*, strategy: Strategy, pk: int) -> Discussion | None:
    """One discussion of a strategy, with its strategy and priority loaded."""
    return (
        Discussion.objects.filter(strategy=strategy, pk=pk)
        .select_related("strategy", "priority")
        .first()
    )


def _with_names(queryset: QuerySet[Post], strategy: Strategy) -> QuerySet[Post]:
    name_shown = Participant.objects.filter(
        sounding_board__strategy=strategy, person=OuterRef("author")
    ).values("name_shown")[:1]
    return queryset.select_related("author__organisation").annotate(
        author_name_shown=Subquery(name_shown)
    )


def threads(*, discussion: Discussion, person: Person | None, is_moderator: bool) -> QuerySet[Post]:
    """The posts that start threads, oldest first, each with the replies the reader sees."""
    visible = _visible(person=person, is_moderator=is_moderator)
    replies = _with_names(Post.objects.filter(visible), discussion.strategy).order_by(
        "created_at", "pk"
    )
    return (
        _with_names(
            Post.objects.filter(visible, discussion=discussion, parent__isnull=True),
            discussion.strategy,
        )
        .prefetch_related(Prefetch("replies", queryset=replies, to_attr="visible_replies"))
        .order_by("created_at", "pk")
    )


def _decorate(post: Post, *, person: Person | None, is_moderator: bool) -> None:
    attrs: Any = post
    attrs.is_own = person is not None and post.author_id == person.pk
    attrs.shows_text = post.status != ContentStatus.HIDDEN or attrs.is_own or is_moderator
    attrs.author_shown = shown_name(post.author, getattr(post, "author_name_shown", None))


def posts_decorate(posts: list[Post], *, person: Person | None, is_moderator: bool) -> None:
    """Mark each thread and its replies with what the reader may see of them."""
    for post in posts:
        _decorate(post, person=person, is_moderator=is_moderator)
        for reply in getattr(post, "visible_replies", []):
            _decorate(reply, person=person, is_moderator=is_moderator)


def post_get(*, discussion: Discussion, pk: int) -> Post | None:
    """One post of a discussion, with its author and the shown name for the pages."""
    return (
        _with_names(Post.objects.filter(discussion=discussion, pk=pk), discussion.strategy)
        .select_related("parent")
        .first()
    )


# Staff


def discussion_staff_list(*, strategy: Strategy) -> QuerySet[Discussion]:
    """Every discussion of a strategy with its threads, replies and waiting posts counted."""
    return (
        Discussion.objects.filter(strategy=strategy)
        .select_related("priority")
        .annotate(
            thread_count=Count("posts", filter=Q(posts__parent__isnull=True)),
            reply_count=Count("posts", filter=Q(posts__parent__isnull=False)),
            pending_count=Count("posts", filter=Q(posts__status=ContentStatus.PENDING)),
        )
        .order_by("-opens_at", "title", "pk")
    )


@dataclass(frozen=True)
class HubCounts:
    """What staff see of a discussion at a glance."""

    threads: int
    replies: int
    pending: int
    hidden: int
    open_flags: int


def hub_counts(*, discussion: Discussion) -> HubCounts:
    """Threads and replies (every status), posts waiting, posts hidden and open flags."""
    counts = Post.objects.filter(discussion=discussion).aggregate(
        threads=Count("pk", filter=Q(parent__isnull=True)),
        replies=Count("pk", filter=Q(parent__isnull=False)),
        pending=Count("pk", filter=Q(status=ContentStatus.PENDING)),
        hidden=Count("pk", filter=Q(status=ContentStatus.HIDDEN)),
    )
    flags = PostFlag.objects.filter(post__discussion=discussion, resolved_at__isnull=True).count()
    return HubCounts(open_flags=flags, **counts)


def hub_posts(*, discussion: Discussion) -> QuerySet[Post]:
    """Every post of a discussion for staff, oldest first, with its open flags counted."""
    return (
        Post.objects.filter(discussion=discussion)
        .select_related("author")
        .annotate(open_flag_count=Count("flags", filter=Q(flags__resolved_at__isnull=True)))
        .order_by("created_at", "pk")
    )


def post_for_moderation(*, strategy: Strategy, pk: int) -> Post | None:
    """One post of a strategy with its discussion, author, parent and flags, for a moderator."""
    return (
        Post.objects.filter(discussion__strategy=strategy, pk=pk)
        .select_related("author", "parent__author", "discussion__strategy", "moderated_by")
        .prefetch_related(
            Prefetch("flags", queryset=PostFlag.objects.select_related("person").order_by("pk"))
        )
        .first()
    )
