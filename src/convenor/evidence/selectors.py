"""Reads of the evidence base: a strategy's items, searched, and one item with its priorities."""

from __future__ import annotations

from django.contrib.admin.utils import NestedObjects
from django.db import router
from django.db.models import Prefetch, Q, QuerySet

from convenor.evidence.models import EvidenceItem
from convenor.strategy.models import Priority, Strategy


def _with_priorities(queryset: QuerySet[EvidenceItem]) -> QuerySet[EvidenceItem]:
    return queryset.prefetch_related(
        Prefetch("priorities", queryset=Priority.objects.order_by("number", "pk"))
    )


def evidence_item_list(*, strategy: Strategy, query: str = "") -> QuerySet[EvidenceItem]:
    """A strategy's evidence items, newest first, matching `query` in the title or summary."""
    items = EvidenceItem.objects.filter(strategy=strategy)
    query = query.strip()
    if query:
        items = items.filter(Q(title__icontains=query) | Q(summary__icontains=query))
    return _with_priorities(items).order_by("-published_on", "title", "pk")


def evidence_item_get(*, strategy: Strategy, pk: int) -> EvidenceItem | None:
    """One item of a strategy, with its strategy and priorities loaded."""
    return (
        _with_priorities(EvidenceItem.objects.filter(strategy=strategy, pk=pk))
        .select_related("strategy")
        .first()
    )


def evidence_item_choices(*, strategy: Strategy) -> QuerySet[EvidenceItem]:
    """A strategy's items by title, to pick one from."""
    return EvidenceItem.objects.filter(strategy=strategy).order_by("title", "pk")


def evidence_item_protected_by(item: EvidenceItem) -> list[str]:
    """What stops the item being deleted (the comment windows on it), as names to show."""
    # Asked of Django's deletion collector, so evidence need not know which apps point at it.
    collector = NestedObjects(using=router.db_for_write(EvidenceItem))
    collector.collect([item])
    return sorted(str(obj) for obj in collector.protected)
