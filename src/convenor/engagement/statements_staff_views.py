"""Staff pages for statements: the list with counts, seeding and editing, moderation, results.

Each view checks its rule (engagement.permissions), parses a form, and calls one service.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from convenor.engagement import statements_selectors, statements_services
from convenor.engagement.models import Statement
from convenor.engagement.statements_forms import (
    StatementFilterForm,
    StatementForm,
    StatementModerateForm,
)
from convenor.strategy.models import Strategy
from convenor.ui.staff import Breadcrumbs, StaffDeletePage, StaffFormPage, StaffPage, paginate


class StrategyStatementsPage(StaffPage):
    """A page about the statements of one strategy, named by its slug in the URL."""

    strategy: Strategy

    def load(self) -> None:
        self.strategy = get_object_or_404(Strategy, slug=self.kwargs["slug"])

    def list_url(self) -> str:
        return reverse("statements_staff:statement_list", args=[self.strategy.slug])

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [
            ("Staff area", reverse("strategy_staff:home")),
            (
                self.strategy.name,
                reverse("strategy_staff:strategy_edit", args=[self.strategy.slug]),
            ),
            ("Statements", self.list_url()),
        ]

    def extra_context_data(self) -> dict[str, Any]:
        return {"strategy": self.strategy}


class StatementList(StrategyStatementsPage):
    """Every statement with its votes, filtered by status and kind; how many wait for moderation."""

    permission_required = "engagement.moderate"
    template_name = "engagement/statements/staff/statement_list.html"

    def get_page_title(self) -> str:
        return f"Statements of {self.strategy.name}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], ("Statements", None)]

    def extra_context_data(self) -> dict[str, Any]:
        filter_form = StatementFilterForm(self.request.GET or None)
        filters = {"status": "", "kind": ""}
        if filter_form.is_valid():
            filters = {
                "status": filter_form.cleaned_data["status"],
                "kind": filter_form.cleaned_data["kind"],
            }
        statements = statements_selectors.statement_staff_list(strategy=self.strategy, **filters)
        return {
            **super().extra_context_data(),
            "filter_form": filter_form,
            "filtered": any(filters.values()),
            "pending_count": statements_selectors.pending_count(strategy=self.strategy),
            **paginate(self.request, statements),
        }


class StatementCreate(StrategyStatementsPage, StaffFormPage):
    """Seed a statement: a candidate intervention or a claim of the emerging narrative."""

    permission_required = "engagement.add_statement"
    form_class = StatementForm
    page_title = "Add a statement"
    submit_label = "Add statement"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"strategy": self.strategy}

    def save(self, form: BaseForm) -> Statement:
        return statements_services.statement_create(
            actor=self.request.user,
            strategy=self.strategy,
            **form.statement_data(),  # type: ignore[attr-defined]
        )

    def success_message(self, saved: Statement) -> str:
        return "Added the statement: participants can vote on it now."

    def success_url(self, saved: Statement) -> str:
        return self.list_url()

    def cancel_url(self) -> str:
        return self.list_url()


class StatementPage(StrategyStatementsPage):
    """A page about one statement, named by its number in the URL."""

    statement: Statement

    def load(self) -> None:
        super().load()
        statement = statements_selectors.statement_for_staff(
            strategy=self.strategy, pk=self.kwargs["pk"]
        )
        if statement is None:
            raise Http404("No such statement.")
        self.statement = statement

    def permission_object(self) -> Model:
        return self.statement

    def success_url(self, *args: Any) -> str:
        return self.list_url()

    def cancel_url(self) -> str:
        return self.list_url()

    def extra_context_data(self) -> dict[str, Any]:
        return {**super().extra_context_data(), "statement": self.statement}


class StatementEdit(StatementPage, StaffFormPage):
    """Change a statement's kind, words or priority."""

    permission_required = "engagement.change_statement"
    form_class = StatementForm
    page_title = "Edit statement"
    submit_label = "Save statement"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"strategy": self.strategy, "statement": self.statement}

    def delete_url(self) -> str:
        return reverse(
            "statements_staff:statement_delete", args=[self.strategy.slug, self.statement.pk]
        )

    def save(self, form: BaseForm) -> Statement:
        return statements_services.statement_update(
            statement=self.statement,
            actor=self.request.user,
            data=form.statement_data(),  # type: ignore[attr-defined]
        )

    def success_message(self, saved: Statement) -> str:
        return "Saved the statement."


class StatementDelete(StatementPage, StaffDeletePage):
    """Delete a statement entered by mistake; refused once it has votes (hide it instead)."""

    permission_required = "engagement.delete_statement"

    def get_page_title(self) -> str:
        return "Delete this statement?"

    def target(self) -> Statement:
        return self.statement

    def render(self, **context: Any) -> HttpResponse:
        refusal = context.pop("refusal", None) or statements_services.statement_delete_refusal(
            self.statement
        )
        if refusal:
            self.template_name = "engagement/statements/staff/statement_delete_refused.html"
            return StaffPage.render(
                self,
                page_title="This statement cannot be deleted",
                refusal=refusal,
                cancel_url=self.cancel_url(),
                **context,
            )
        return super().render(**context)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            statements_services.statement_delete(statement=self.statement, actor=request.user)
        except ValidationError as error:
            return self.render(refusal=" ".join(error.messages))
        messages.success(request, "Deleted the statement.")
        return redirect(self.list_url())


class StatementModerate(StatementPage, StaffFormPage):
    """Publish, hide (with a reason the author sees) or restore a statement; note on it."""

    permission_required = "engagement.moderate"
    form_class = StatementModerateForm
    template_name = "engagement/statements/staff/statement_moderate.html"
    page_title = "Moderate statement"
    submit_label = "Save"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"statement": self.statement}

    def save(self, form: BaseForm) -> Statement:
        data = form.cleaned_data
        return statements_services.statement_moderate(
            statement=self.statement,
            actor=self.request.user,
            action=data["action"],
            reason=data["reason"],
            note=data["note"],
        )

    def success_message(self, saved: Statement) -> str:
        return f"The statement is now {saved.get_status_display().lower()}."


class StatementResults(StrategyStatementsPage):
    """Votes per statement by stakeholder type (the voter's organisation type), a page at a time."""

    permission_required = "engagement.moderate"
    template_name = "engagement/statements/staff/results.html"

    def get_page_title(self) -> str:
        return f"Statement results: {self.strategy.name}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs(), ("Results", None)]

    def extra_context_data(self) -> dict[str, Any]:
        page = paginate(
            self.request,
            statements_selectors.statements_published(strategy=self.strategy),
            per_page=10,
        )
        results = statements_selectors.statement_results(statements=list(page["object_list"]))
        return {
            **super().extra_context_data(),
            **page,
            "results": [
                {"result": result, "bar": statements_selectors.bar_segments(result.overall)}
                for result in results
            ],
            "bar_width": statements_selectors.BAR_WIDTH,
        }
