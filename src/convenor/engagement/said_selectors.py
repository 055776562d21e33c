"""Everything partners said on a strategy, for insight to read: contributions to its activities,
published comments on its documents and published posts in its discussions.

Each reader returns a queryset with the author's organisation (type, area) joined, so reading
any number of texts is one query per kind.
"""

from __future__ import annotations

from django.db.models import QuerySet

from convenor.engagement.choices import ContentStatus
from convenor.engagement.models import Comment, Contribution, Document, Post
from convenor.strategy.models import Strategy


def contributions_said(*, strategy: Strategy) -> QuerySet[Contribution]:
    """A strategy's contributions with their authors' organisations and recorded priorities."""
    return (
        Contribution.objects.filter(activity__strategy=strategy)
        .select_related("author__organisation")
        .prefetch_related("priorities")
        .order_by("pk")
    )


def comments_said(*, strategy: Strategy) -> QuerySet[Comment]:
    """Published comments (and replies) on a strategy's documents, with their document."""
    return (
        Comment.objects.filter(
            version__paragraph__document__strategy=strategy, status=ContentStatus.PUBLISHED
        )
        .select_related("author__organisation", "version__paragraph")
        .order_by("pk")
    )


def posts_said(*, strategy: Strategy) -> QuerySet[Post]:
    """Published posts in a strategy's discussions, with the discussion (and its priority)."""
    return (
        Post.objects.filter(discussion__strategy=strategy, status=ContentStatus.PUBLISHED)
        .select_related("author__organisation", "discussion")
        .order_by("pk")
    )


def windows(*, strategy: Strategy) -> QuerySet[Document]:
    """A strategy's documents open, or once open, for reactions: its windows."""
    return Document.objects.filter(strategy=strategy).order_by("opens_at", "pk")
