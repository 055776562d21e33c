"""Staff pages of the evidence base: the list, adding, editing, deleting and one item's page.

Each view checks its rule (evidence.permissions), parses a form and calls one service. An
item's page shows the panels other apps register for it (the comment windows on it).
"""

from __future__ import annotations

import os
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse

from convenor.core.panels import panels_for
from convenor.evidence import selectors, services
from convenor.evidence.forms import EvidenceItemForm, EvidenceSearchForm
from convenor.evidence.models import EvidenceItem
from convenor.evidence.panels import EVIDENCE_ITEM_SLOT
from convenor.strategy.models import Strategy
from convenor.ui.staff import Breadcrumbs, StaffDeletePage, StaffFormPage, StaffPage, paginate


class StrategyEvidencePage(StaffPage):
    """A staff page about the evidence of one strategy, named by its slug."""

    strategy: Strategy

    def load(self) -> None:
        self.strategy = get_object_or_404(Strategy, slug=self.kwargs["slug"])

    def list_url(self) -> str:
        return reverse("evidence_staff:item_list", args=[self.strategy.slug])

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [
            ("Staff area", reverse("strategy_staff:home")),
            (
                self.strategy.name,
                reverse("strategy_staff:strategy_edit", args=[self.strategy.slug]),
            ),
            ("Evidence", self.list_url()),
        ]

    def extra_context_data(self) -> dict[str, Any]:
        return {"strategy": self.strategy}


class ItemList(StrategyEvidencePage):
    """A strategy's evidence items, searchable by title and summary, a page at a time."""

    permission_required = "evidence.view_evidenceitem"
    template_name = "evidence/staff/item_list.html"

    def get_page_title(self) -> str:
        return f"Evidence of {self.strategy.name}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], ("Evidence", None)]

    def extra_context_data(self) -> dict[str, Any]:
        filter_form = EvidenceSearchForm(self.request.GET or None)
        query = filter_form.cleaned_data["q"] if filter_form.is_valid() else ""
        return {
            **super().extra_context_data(),
            "filter_form": filter_form,
            "filtered": bool(query),
            **paginate(
                self.request, selectors.evidence_item_list(strategy=self.strategy, query=query)
            ),
        }


class ItemCreate(StrategyEvidencePage, StaffFormPage):
    """Add an evidence item: its title, summary, file or link, and priorities."""

    permission_required = "evidence.add_evidenceitem"
    form_class = EvidenceItemForm
    page_title = "Add an evidence item"
    submit_label = "Add evidence item"

    def get_form(self, data: Any = None) -> BaseForm:
        files = self.request.FILES if data is not None else None
        return EvidenceItemForm(data=data, files=files, strategy=self.strategy)

    def save(self, form: BaseForm) -> EvidenceItem:
        return services.evidence_item_create(
            actor=self.request.user,
            strategy=self.strategy,
            file=form.cleaned_data["file"] or None,
            **form.item_data(),  # type: ignore[attr-defined]
        )

    def success_message(self, saved: EvidenceItem) -> str:
        return f"Added {saved}."

    def success_url(self, saved: EvidenceItem) -> str:
        return reverse("evidence_staff:item_detail", args=[self.strategy.slug, saved.pk])

    def cancel_url(self) -> str:
        return self.list_url()


class ItemPage(StrategyEvidencePage):
    """A staff page about one evidence item."""

    item: EvidenceItem

    def load(self) -> None:
        super().load()
        item = selectors.evidence_item_get(strategy=self.strategy, pk=self.kwargs["pk"])
        if item is None:
            raise Http404("No such evidence item.")
        self.item = item

    def permission_object(self) -> Model:
        return self.item

    def detail_url(self) -> str:
        return reverse("evidence_staff:item_detail", args=[self.strategy.slug, self.item.pk])

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs(), (self.item.title, self.detail_url())]

    def cancel_url(self) -> str:
        return self.detail_url()

    def extra_context_data(self) -> dict[str, Any]:
        return {**super().extra_context_data(), "item": self.item}


class ItemDetail(ItemPage):
    """One item: its summary, its file or link, its priorities and the panels about it."""

    permission_required = "evidence.view_evidenceitem"
    template_name = "evidence/staff/item_detail.html"

    def get_page_title(self) -> str:
        return self.item.title

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], (self.item.title, None)]

    def extra_context_data(self) -> dict[str, Any]:
        return {
            **super().extra_context_data(),
            "priorities": list(self.item.priorities.all()),
            "file_name": os.path.basename(self.item.file.name or "") if self.item.file else "",
            "panels": panels_for(slot=EVIDENCE_ITEM_SLOT, request=self.request, item=self.item),
        }


class ItemEdit(ItemPage, StaffFormPage):
    """Change an item's details, replace or remove its file."""

    permission_required = "evidence.change_evidenceitem"
    form_class = EvidenceItemForm
    submit_label = "Save evidence item"

    def get_page_title(self) -> str:
        return f"Edit {self.item.title}"

    def get_form(self, data: Any = None) -> BaseForm:
        if data is None:
            return EvidenceItemForm(strategy=self.strategy, item=self.item)
        return EvidenceItemForm(
            data=data, files=self.request.FILES, strategy=self.strategy, item=self.item
        )

    def save(self, form: BaseForm) -> EvidenceItem:
        services.evidence_item_update(
            actor=self.request.user,
            item=self.item,
            file=form.cleaned_data["file"] or None,
            remove_file=bool(form.cleaned_data.get("remove_file")),
            **form.item_data(),  # type: ignore[attr-defined]
        )
        return self.item

    def success_url(self, saved: EvidenceItem) -> str:
        return self.detail_url()

    def delete_url(self) -> str:
        return reverse("evidence_staff:item_delete", args=[self.strategy.slug, self.item.pk])


class ItemDelete(ItemPage, StaffDeletePage):
    """Delete an item and its file; refused, saying why, while a comment window is on it."""

    permission_required = "evidence.delete_evidenceitem"
    template_name = "evidence/staff/item_delete.html"

    def target(self) -> EvidenceItem:
        return self.item

    def extra_context_data(self) -> dict[str, Any]:
        return {
            **super().extra_context_data(),
            "protected_by": selectors.evidence_item_protected_by(self.item),
            "refused": services.IN_USE_MESSAGE,
        }

    def delete(self) -> None:
        services.evidence_item_delete(actor=self.request.user, item=self.item)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError:
            # Someone opened a window since the page was shown: say so on the same page.
            return self.render(status_code=409)

    def render(self, status_code: int = 200, **context: Any) -> HttpResponse:
        response = super().render(**context)
        response.status_code = status_code
        return response

    def success_url(self) -> str:
        return self.list_url()


class ItemDownload(ItemPage):
    """The item's file, for staff to check what was uploaded."""

    permission_required = "evidence.view_evidenceitem"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:  # type: ignore[override]
        if not self.item.file:
            raise Http404("This item is a link, not a file.")
        try:
            handle = self.item.file.open("rb")
        except FileNotFoundError as missing:
            raise Http404("The file of this item is missing.") from missing
        filename = os.path.basename(self.item.file.name or "evidence")
        return FileResponse(handle, as_attachment=True, filename=filename)
