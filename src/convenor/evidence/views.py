"""Public pages of the evidence base: a strategy's evidence, one item, and its file.

Everyone sees public items; signed-in members of the strategy's bodies also see the partners'
items; staff and the steering bodies of an item's priorities see it whatever its visibility
(evidence.view_evidenceitem). An item the reader may not see is not found, so nobody learns
that it exists.
"""

from __future__ import annotations

import os

from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from convenor.evidence import selectors
from convenor.evidence.forms import EvidenceSearchForm
from convenor.evidence.models import EvidenceItem
from convenor.strategy.models import Strategy
from convenor.strategy.selectors import strategy_visible_get
from convenor.ui.staff import paginate

Breadcrumbs = list[tuple[str, str | None]]


def _strategy_or_404(request: HttpRequest, slug: str) -> Strategy:
    strategy = strategy_visible_get(slug=slug, user=request.user)
    if strategy is None:
        raise Http404("No such strategy.")
    return strategy


def _item_or_404(request: HttpRequest, slug: str, pk: int) -> EvidenceItem:
    item = selectors.evidence_item_get_for_page(strategy=_strategy_or_404(request, slug), pk=pk)
    if item is None or not request.user.has_perm("evidence.view_evidenceitem", item):
        raise Http404("No such evidence item.")
    return item


def findings(item: EvidenceItem) -> list[str]:
    """The item's key findings, one per non-blank line."""
    return [line.strip() for line in item.key_findings.splitlines() if line.strip()]


def item_file_response(item: EvidenceItem) -> FileResponse:
    """The item's stored file as a download; 404 when it is a link or the file is missing."""
    if not item.file:
        raise Http404("This item is a link, not a file.")
    try:
        handle = item.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404("The file of this item is missing.") from missing
    filename = os.path.basename(item.file.name or "evidence")
    return FileResponse(handle, as_attachment=True, filename=filename)


def _crumbs(strategy: Strategy) -> Breadcrumbs:
    return [
        ("Home", reverse("strategy:home")),
        (strategy.name, reverse("strategy:strategy_detail", args=[strategy.slug])),
        ("Evidence", reverse("evidence:item_list", args=[strategy.slug])),
    ]


def item_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The strategy's evidence the reader may see, newest first, searchable, a page at a time."""
    strategy = _strategy_or_404(request, slug)
    search_form = EvidenceSearchForm(request.GET or None)
    query = search_form.cleaned_data["q"] if search_form.is_valid() else ""
    items = selectors.evidence_item_visible_list(strategy=strategy, user=request.user, query=query)
    return render(
        request,
        "evidence/item_list.html",
        {
            "page_title": f"Evidence: {strategy.name}",
            "breadcrumbs": [*_crumbs(strategy)[:-1], ("Evidence", None)],
            "strategy": strategy,
            "filter_form": search_form,
            "filtered": bool(query),
            **paginate(request, items, per_page=20),
        },
    )


def item_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One evidence item: what it is, what it finds, and where to read it."""
    item = _item_or_404(request, slug, pk)
    return render(
        request,
        "evidence/item_detail.html",
        {
            "page_title": item.title,
            "breadcrumbs": [*_crumbs(item.strategy), (item.title, None)],
            "strategy": item.strategy,
            "item": item,
            "priorities": list(item.priorities.all()),
            "lines_of_enquiry": list(item.lines_of_enquiry.all()),
            "indicators": list(item.indicators.all()),
            "findings": findings(item),
            "file_name": os.path.basename(item.file.name or "") if item.file else "",
        },
    )


def item_file(request: HttpRequest, slug: str, pk: int) -> FileResponse:
    """The item's file, to those who may see the item (404 to anyone else)."""
    return item_file_response(_item_or_404(request, slug, pk))
