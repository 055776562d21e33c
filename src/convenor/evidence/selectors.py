"""Reads of the evidence base: a strategy's items searched and filtered, one item, a priority's.

Every function returns its rows with their relations loaded, so a page's query count does not
grow with the number of items.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.contrib.admin.utils import NestedObjects
from django.db import router
from django.db.models import Count, F, Prefetch, Q, QuerySet

from convenor.evidence.choices import Visibility
from convenor.evidence.models import EvidenceItem, EvidenceTerm, Indicator
from convenor.evidence.search import evidence_search
from convenor.governance.permissions import current_memberships
from convenor.strategy.models import LineOfEnquiry, Priority, Strategy

# How many of a priority's newest items its staff page lists.
PRIORITY_LATEST_SHOWN = 3


def _with_priorities(queryset: QuerySet[EvidenceItem]) -> QuerySet[EvidenceItem]:
    return queryset.prefetch_related(
        Prefetch("priorities", queryset=Priority.objects.order_by("number", "pk"))
    )


def _newest_first(queryset: QuerySet[EvidenceItem]) -> QuerySet[EvidenceItem]:
    # Items with no date go last on either database (PostgreSQL puts NULLs first descending).
    return queryset.order_by(F("published_on").desc(nulls_last=True), "title", "pk")


def evidence_item_list(
    *,
    strategy: Strategy,
    query: str = "",
    kind: str = "",
    priority: Priority | None = None,
    quality: str = "",
    visibility: str = "",
) -> QuerySet[EvidenceItem]:
    """A strategy's items, newest first, matching every word of `query` and the filters given.

    `query` is looked up in titles, summaries and key findings (evidence.search); `quality`
    "unrated" picks items not rated yet.
    """
    items = EvidenceItem.objects.filter(strategy=strategy)
    if query.strip():
        items = evidence_search(items, query)
    if kind:
        items = items.filter(kind=kind)
    if priority is not None:
        items = items.filter(priorities=priority)
    if quality == "unrated":
        items = items.filter(quality="")
    elif quality:
        items = items.filter(quality=quality)
    if visibility:
        items = items.filter(visibility=visibility)
    return _newest_first(_with_priorities(items))


def evidence_item_visible_list(
    *, strategy: Strategy, user: Any, query: str = ""
) -> QuerySet[EvidenceItem]:
    """The items of a strategy `user` may see (evidence.view_evidenceitem), matching `query`.

    The same rule as the permission, as one query: public items to everyone; partners' items to
    staff and signed-in members of the strategy's bodies; everything to staff; and to members
    of a steering body, every item tagged with a priority their bodies steer.
    """
    items = EvidenceItem.objects.filter(strategy=strategy)
    if not user.is_staff:
        allowed = Q(visibility=Visibility.PUBLIC)
        if user.is_authenticated:
            memberships = current_memberships(user)
            if memberships.filter(body__strategy=strategy).exists():
                allowed |= Q(visibility=Visibility.PARTNERS)
            steered = memberships.filter(body__strategy=strategy).values("body__steered__priority")
            allowed |= Q(pk__in=EvidenceItem.objects.filter(priorities__in=steered).values("pk"))
        items = items.filter(allowed)
    if query.strip():
        items = evidence_search(items, query)
    return _newest_first(_with_priorities(items))


def evidence_item_get(*, strategy: Strategy, pk: int) -> EvidenceItem | None:
    """One item of a strategy, with its strategy and priorities loaded."""
    return (
        _with_priorities(EvidenceItem.objects.filter(strategy=strategy, pk=pk))
        .select_related("strategy")
        .first()
    )


def evidence_item_get_for_page(*, strategy: Strategy, pk: int) -> EvidenceItem | None:
    """One item with everything its pages show: priorities, lines of enquiry, brief, indicators."""
    return (
        _with_priorities(EvidenceItem.objects.filter(strategy=strategy, pk=pk))
        .select_related("strategy", "brief", "brief__priority")
        .prefetch_related(
            Prefetch(
                "lines_of_enquiry",
                queryset=LineOfEnquiry.objects.select_related("priority").order_by(
                    "priority__number", "order", "pk"
                ),
            ),
            Prefetch("indicators", queryset=Indicator.objects.order_by("name", "pk")),
        )
        .first()
    )


def evidence_item_choices(*, strategy: Strategy) -> QuerySet[EvidenceItem]:
    """A strategy's items by title, to pick one from."""
    return EvidenceItem.objects.filter(strategy=strategy).order_by("title", "pk")


@dataclass(frozen=True)
class Deletion:
    """What deleting an item would do: what stops it, and what goes with it."""

    protected_by: list[str]
    also_deleted: list[str]


def evidence_item_deletion(item: EvidenceItem) -> Deletion:
    """What stops the item being deleted (comment windows), and what else deleting it removes.

    One pass of Django's deletion collector answers both, so evidence need not know which apps
    point at its items, and the delete page asks the database once per relation, not twice.
    """
    collector = NestedObjects(using=router.db_for_write(EvidenceItem))
    collector.collect([item])
    also_deleted = []
    model_objs: dict[type[Any], set[Any]] = collector.model_objs  # type: ignore[assignment]
    for model, objects in model_objs.items():
        # The item itself, its search terms and the rows of plain many-to-many links are not
        # news to the person deleting it.
        if model in (EvidenceItem, EvidenceTerm) or model._meta.auto_created:
            continue
        count = len(objects)
        noun = model._meta.verbose_name if count == 1 else model._meta.verbose_name_plural
        also_deleted.append(f"{count} {noun}")
    return Deletion(
        protected_by=sorted(str(obj) for obj in collector.protected),
        also_deleted=sorted(also_deleted, key=lambda text: text.split(" ", 1)[1]),
    )


def evidence_item_protected_by(item: EvidenceItem) -> list[str]:
    """What stops the item being deleted (the comment windows on it), as names to show."""
    return evidence_item_deletion(item).protected_by


@dataclass(frozen=True)
class PriorityEvidence:
    """A priority's evidence for its staff page: lines with their answers, a count, the newest."""

    lines_of_enquiry: Sequence[LineOfEnquiry]
    count: int
    latest: list[EvidenceItem]


def priority_evidence(*, priority: Priority) -> PriorityEvidence:
    """A priority's lines of enquiry, each with the items answering it, and its newest items."""
    lines = list(
        LineOfEnquiry.objects.filter(priority=priority)
        .order_by("order", "pk")
        .prefetch_related(
            Prefetch(
                "evidence_items",
                queryset=_newest_first(EvidenceItem.objects.all()),
                to_attr="answers",
            )
        )
    )
    items = EvidenceItem.objects.filter(priorities=priority)
    count = items.aggregate(total=Count("pk"))["total"]
    latest = list(_newest_first(items)[:PRIORITY_LATEST_SHOWN])
    return PriorityEvidence(lines_of_enquiry=lines, count=count, latest=latest)


def priorities_taggable(
    *, strategy: Strategy, user: Any, item: EvidenceItem | None = None
) -> QuerySet[Priority]:
    """The priorities an item's form offers: all to staff; to members, theirs and the item's."""
    priorities = Priority.objects.filter(strategy=strategy)
    if not user.is_staff:
        steered = Q(steering__body__in=current_memberships(user).values("body"))
        if item is not None and item.pk is not None:
            steered |= Q(pk__in=item.priorities.values("pk"))
        priorities = priorities.filter(steered).distinct()
    return priorities.order_by("number", "pk")
