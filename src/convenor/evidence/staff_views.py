"""Staff pages of the evidence base: the list, adding, editing, deleting and one item's page.

Each view checks its rule (evidence.permissions), parses a form and calls one service. Staff see
the strategy-wide list; members of a steering body add evidence from their priority's page and
work on the items tagged with their priorities. An item's page shows the panels other apps
register for it (the comment windows on it, the interventions citing it).
"""

from __future__ import annotations

import os
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse

from convenor.core.panels import panels_for
from convenor.evidence import selectors, services
from convenor.evidence.forms import EvidenceFilterForm, EvidenceItemForm
from convenor.evidence.models import EvidenceItem
from convenor.evidence.panels import EVIDENCE_ITEM_SLOT
from convenor.evidence.views import findings, item_file_response
from convenor.strategy.models import Priority, Strategy
from convenor.ui.staff import Breadcrumbs, StaffDeletePage, StaffFormPage, StaffPage, paginate


def priority_url(strategy: Strategy, priority: Priority) -> str:
    """A priority's staff page, where its steering bodies' members work on it."""
    return reverse("strategy_staff:priority_edit", args=[strategy.slug, priority.number])


class StrategyEvidencePage(StaffPage):
    """A staff page about the evidence of one strategy, named by its slug."""

    strategy: Strategy

    def load(self) -> None:
        self.strategy = get_object_or_404(Strategy, slug=self.kwargs["slug"])

    def list_url(self) -> str:
        return reverse("evidence_staff:item_list", args=[self.strategy.slug])

    def may_list(self) -> bool:
        """Whether the user may open the strategy-wide list (staff) rather than one priority."""
        return bool(self.request.user.has_perm("evidence.view_evidenceitem_list"))

    def get_breadcrumbs(self) -> Breadcrumbs:
        if not self.may_list():
            # Members of steering bodies cannot open the staff area: lead them back through
            # the strategy's public page instead.
            return [
                (
                    self.strategy.name,
                    reverse("strategy:strategy_detail", args=[self.strategy.slug]),
                )
            ]
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
    """A strategy's evidence items, searchable and filterable, a page at a time (staff)."""

    permission_required = "evidence.view_evidenceitem_list"
    template_name = "evidence/staff/item_list.html"

    def get_page_title(self) -> str:
        return f"Evidence of {self.strategy.name}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], ("Evidence", None)]

    def extra_context_data(self) -> dict[str, Any]:
        filter_form = EvidenceFilterForm(self.request.GET or None, strategy=self.strategy)
        filters = filter_form.filters()
        return {
            **super().extra_context_data(),
            "filter_form": filter_form,
            "filtered": any(filters.values()),
            **paginate(
                self.request, selectors.evidence_item_list(strategy=self.strategy, **filters)
            ),
        }


class ItemFormPage(StaffFormPage):
    """A page with an evidence item's form, which offers the user only what they may tag."""

    form_class = EvidenceItemForm
    strategy: Strategy

    def item_form(self, data: Any = None, **kwargs: Any) -> EvidenceItemForm:
        files = self.request.FILES if data is not None else None
        return EvidenceItemForm(
            data=data, files=files, strategy=self.strategy, user=self.request.user, **kwargs
        )


class ItemCreate(StrategyEvidencePage, ItemFormPage):
    """Add an evidence item to the strategy, tagged with any of its priorities (staff)."""

    permission_required = "evidence.add_evidenceitem"
    page_title = "Add an evidence item"
    submit_label = "Add evidence item"

    def get_form(self, data: Any = None) -> BaseForm:
        return self.item_form(data)

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


class PriorityItemCreate(ItemCreate):
    """Add evidence from a priority's page: it starts tagged with that priority.

    Members of a body steering the priority may come (the rule is checked against it); they may
    tag only priorities their bodies steer.
    """

    priority: Priority

    def load(self) -> None:
        super().load()
        self.priority = get_object_or_404(
            Priority, strategy=self.strategy, number=self.kwargs["number"]
        )

    def permission_object(self) -> Model:
        return self.priority

    def get_page_title(self) -> str:
        return f"Add evidence to priority {self.priority.number}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        crumbs = super().get_breadcrumbs()
        if self.may_list():
            crumbs = crumbs[:-1]
        return [
            *crumbs,
            (f"Priority {self.priority.number}", priority_url(self.strategy, self.priority)),
        ]

    def get_form(self, data: Any = None) -> BaseForm:
        return self.item_form(data, priority=self.priority)

    def cancel_url(self) -> str:
        return priority_url(self.strategy, self.priority)


class ItemPage(StrategyEvidencePage):
    """A staff page about one evidence item."""

    item: EvidenceItem

    def load(self) -> None:
        super().load()
        item = selectors.evidence_item_get_for_page(strategy=self.strategy, pk=self.kwargs["pk"])
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
    """One item with everything known about it, and the panels other apps add about it."""

    permission_required = "evidence.work_on_evidenceitem"
    template_name = "evidence/staff/item_detail.html"

    def get_page_title(self) -> str:
        return self.item.title

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], (self.item.title, None)]

    def extra_context_data(self) -> dict[str, Any]:
        user = self.request.user
        return {
            **super().extra_context_data(),
            "priorities": list(self.item.priorities.all()),
            "lines_of_enquiry": list(self.item.lines_of_enquiry.all()),
            "indicators": list(self.item.indicators.all()),
            "findings": findings(self.item),
            "file_name": os.path.basename(self.item.file.name or "") if self.item.file else "",
            # Priorities link to their staff pages for staff, to the public ones for members.
            "priority_link": "staff" if self.may_list() else "public",
            "can_change": user.has_perm("evidence.change_evidenceitem", self.item),
            "can_delete": user.has_perm("evidence.delete_evidenceitem", self.item),
            "panels": panels_for(slot=EVIDENCE_ITEM_SLOT, request=self.request, item=self.item),
        }


class ItemEdit(ItemPage, ItemFormPage):
    """Change an item's details, replace or remove its file."""

    permission_required = "evidence.change_evidenceitem"
    submit_label = "Save evidence item"

    def get_page_title(self) -> str:
        return f"Edit {self.item.title}"

    def get_form(self, data: Any = None) -> BaseForm:
        return self.item_form(data, item=self.item)

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

    def delete_url(self) -> str | None:
        if not self.request.user.has_perm("evidence.delete_evidenceitem", self.item):
            return None
        return reverse("evidence_staff:item_delete", args=[self.strategy.slug, self.item.pk])


class ItemDelete(ItemPage, StaffDeletePage):
    """Delete an item and its file; refused, saying why, while a comment window is on it."""

    permission_required = "evidence.delete_evidenceitem"
    template_name = "evidence/staff/item_delete.html"

    def target(self) -> EvidenceItem:
        return self.item

    def delete(self) -> None:
        self.after_delete_url = self.landing_url()
        services.evidence_item_delete(actor=self.request.user, item=self.item)

    def landing_url(self) -> str:
        """Where to go once the item is gone: the list, or the member's priority page."""
        if self.may_list():
            return self.list_url()
        for priority in self.item.priorities.all():
            if self.request.user.has_perm("evidence.add_evidenceitem", priority):
                return priority_url(self.strategy, priority)
        return reverse("strategy:strategy_detail", args=[self.strategy.slug])

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError:
            # Someone opened a window since the page was shown: say so on the same page.
            return self.render(status_code=409)

    def render(self, status_code: int = 200, **context: Any) -> HttpResponse:
        # One pass of the deletion collector gives both what blocks and what goes with it.
        deletion = selectors.evidence_item_deletion(self.item)
        context.setdefault("protected_by", deletion.protected_by)
        context.setdefault("also_deleted", deletion.also_deleted)
        context.setdefault("refused", services.IN_USE_MESSAGE)
        response = super().render(**context)
        response.status_code = status_code
        return response

    def success_url(self) -> str:
        return self.after_delete_url


class ItemDownload(ItemPage):
    """The item's file, for those working on it to check what was uploaded."""

    permission_required = "evidence.work_on_evidenceitem"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:  # type: ignore[override]
        return item_file_response(self.item)
