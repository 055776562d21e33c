"""Staff pages of project briefs: a strategy's list, adding one to a priority, a brief's page.

Each view checks its rule (evidence.brief_permissions) and calls one service or selector. Staff
see every brief; members of a body steering a priority reach its briefs from the priority's page
(the panel in brief_panels) and manage them here.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.forms import BaseForm
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from convenor.evidence import brief_selectors, brief_services
from convenor.evidence.brief_forms import BriefFilterForm, ProjectBriefForm
from convenor.evidence.models import ProjectBrief
from convenor.strategy.models import Priority, Strategy
from convenor.ui.staff import Breadcrumbs, StaffDeletePage, StaffFormPage, StaffPage, paginate


def priority_page_url(priority: Priority) -> str:
    """The priority's staff page, where its briefs are listed."""
    return reverse("strategy_staff:priority_edit", args=[priority.strategy.slug, priority.number])


class StrategyBriefsPage(StaffPage):
    """A staff page about the briefs of one strategy, named by its slug."""

    strategy: Strategy

    def load(self) -> None:
        self.strategy = get_object_or_404(Strategy, slug=self.kwargs["slug"])

    def list_url(self) -> str:
        return reverse("briefs_staff:brief_list", args=[self.strategy.slug])

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [
            ("Staff area", reverse("strategy_staff:home")),
            (
                self.strategy.name,
                reverse("strategy_staff:strategy_edit", args=[self.strategy.slug]),
            ),
            ("Project briefs", self.list_url()),
        ]

    def extra_context_data(self) -> dict[str, Any]:
        return {"strategy": self.strategy}


class BriefList(StrategyBriefsPage):
    """A strategy's briefs, filtered by priority, status and overdue, a page at a time."""

    permission_required = "evidence.view_projectbrief"
    template_name = "evidence/briefs/brief_list.html"

    def permission_object(self) -> Model:
        return self.strategy

    def get_page_title(self) -> str:
        return f"Project briefs of {self.strategy.name}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], ("Project briefs", None)]

    def extra_context_data(self) -> dict[str, Any]:
        filter_form = BriefFilterForm(self.request.GET or None, strategy=self.strategy)
        filters = filter_form.filters()
        return {
            **super().extra_context_data(),
            "filter_form": filter_form,
            "filtered": any(filters.values()),
            **paginate(self.request, brief_selectors.brief_list(strategy=self.strategy, **filters)),
        }


class PriorityBriefPage(StrategyBriefsPage):
    """A page reached from a priority: members of its steering bodies come back to it."""

    def priority_crumbs(self, priority: Priority) -> Breadcrumbs:
        if self.request.user.has_perm("evidence.view_projectbrief", self.strategy):
            return super().get_breadcrumbs()
        # Members do not see the strategy's list: their way in is the priority's page.
        return [(f"Priority {priority.number}", priority_page_url(priority))]


class BriefCreate(PriorityBriefPage, StaffFormPage):
    """Add a brief to a priority."""

    permission_required = "evidence.add_projectbrief"
    template_name = "evidence/briefs/brief_form.html"
    submit_label = "Add brief"
    priority: Priority

    def load(self) -> None:
        super().load()
        self.priority = get_object_or_404(
            Priority.objects.select_related("strategy"),
            strategy=self.strategy,
            number=self.kwargs["number"],
        )

    def permission_object(self) -> Model:
        return self.priority

    def get_page_title(self) -> str:
        return f"Add a project brief to priority {self.priority.number}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return self.priority_crumbs(self.priority)

    def get_form(self, data: Any = None) -> BaseForm:
        return ProjectBriefForm(data=data)

    def extra_context_data(self) -> dict[str, Any]:
        return {**super().extra_context_data(), "priority": self.priority}

    def save(self, form: BaseForm) -> ProjectBrief:
        assert isinstance(form, ProjectBriefForm)
        return brief_services.brief_create(
            actor=self.request.user, priority=self.priority, **form.brief_data()
        )

    def success_message(self, saved: ProjectBrief) -> str:
        return f"Added the brief “{saved}”."

    def success_url(self, saved: ProjectBrief) -> str:
        return reverse("briefs_staff:brief_detail", args=[self.strategy.slug, saved.pk])

    def cancel_url(self) -> str:
        return priority_page_url(self.priority)


class BriefPage(PriorityBriefPage):
    """A staff page about one brief, named by its id within the strategy."""

    brief: ProjectBrief

    def load(self) -> None:
        super().load()
        brief = brief_selectors.brief_get(strategy=self.strategy, pk=self.kwargs["pk"])
        if brief is None:
            raise Http404("No such project brief.")
        self.brief = brief

    def permission_object(self) -> Model:
        return self.brief

    def detail_url(self) -> str:
        return reverse("briefs_staff:brief_detail", args=[self.strategy.slug, self.brief.pk])

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*self.priority_crumbs(self.brief.priority), (self.brief.title, self.detail_url())]

    def cancel_url(self) -> str:
        return self.detail_url()

    def extra_context_data(self) -> dict[str, Any]:
        return {
            **super().extra_context_data(),
            "brief": self.brief,
            "priority": self.brief.priority,
        }


class BriefDetail(BriefPage):
    """One brief: scope, questions, supplier, budget, due date, status and what it delivered."""

    permission_required = "evidence.view_projectbrief"
    template_name = "evidence/briefs/brief_detail.html"

    def get_page_title(self) -> str:
        return self.brief.title

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], (self.brief.title, None)]

    def extra_context_data(self) -> dict[str, Any]:
        user = self.request.user
        return {
            **super().extra_context_data(),
            "questions": [line for line in self.brief.questions.splitlines() if line.strip()],
            "evidence_items": list(brief_selectors.brief_evidence_items(brief=self.brief)),
            # Evidence items' pages are for staff (evidence.permissions).
            "can_view_items": user.has_perm("evidence.view_evidenceitem"),
            "can_change": user.has_perm("evidence.change_projectbrief", self.brief),
            "can_delete": user.has_perm("evidence.delete_projectbrief", self.brief),
            "priority_url": priority_page_url(self.brief.priority),
        }


class BriefEdit(BriefPage, StaffFormPage):
    """Change a brief's details or status."""

    permission_required = "evidence.change_projectbrief"
    template_name = "evidence/briefs/brief_form.html"
    submit_label = "Save brief"

    def get_page_title(self) -> str:
        return f"Edit {self.brief.title}"

    def get_form(self, data: Any = None) -> BaseForm:
        if data is None:
            return ProjectBriefForm(brief=self.brief)
        return ProjectBriefForm(data=data)

    def save(self, form: BaseForm) -> ProjectBrief:
        assert isinstance(form, ProjectBriefForm)
        brief_services.brief_update(
            actor=self.request.user, brief=self.brief, data=form.brief_data()
        )
        return self.brief

    def success_message(self, saved: ProjectBrief) -> str:
        return f"Saved the brief “{saved}”."

    def success_url(self, saved: ProjectBrief) -> str:
        return self.detail_url()

    def delete_url(self) -> str:
        return reverse("briefs_staff:brief_delete", args=[self.strategy.slug, self.brief.pk])


class BriefDelete(BriefPage, StaffDeletePage):
    """Delete a brief entered by mistake; the evidence it delivered stays."""

    permission_required = "evidence.delete_projectbrief"

    def target(self) -> ProjectBrief:
        return self.brief

    def render(self, **context: Any) -> Any:
        context.setdefault(
            "delete_note",
            "Evidence items delivered under this brief are kept, no longer linked to it. "
            "If the work will not go ahead, mark the brief cancelled instead.",
        )
        return super().render(**context)

    def delete(self) -> None:
        brief_services.brief_delete(actor=self.request.user, brief=self.brief)

    def success_url(self) -> str:
        if self.request.user.has_perm("evidence.view_projectbrief", self.strategy):
            return self.list_url()
        return priority_page_url(self.brief.priority)
