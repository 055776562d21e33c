"""Staff pages of reach and coverage: who has been engaged on a strategy and on each priority."""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.shortcuts import get_object_or_404
from django.urls import reverse

from convenor.engagement import coverage_selectors
from convenor.strategy.models import Priority, Strategy
from convenor.ui.staff import Breadcrumbs, StaffPage, paginate

ORGANISATIONS_PER_PAGE = 25


class StrategyCoverage(StaffPage):
    """A strategy's reach: coverage tables, gaps, each priority, the engaged organisations."""

    permission_required = "engagement.view_coverage"
    template_name = "engagement/staff/coverage_strategy.html"

    strategy: Strategy

    def load(self) -> None:
        self.strategy = get_object_or_404(Strategy, slug=self.kwargs["slug"])

    def permission_object(self) -> Model:
        return self.strategy

    def get_page_title(self) -> str:
        return f"Reach and coverage: {self.strategy.name}"

    def coverage_url(self) -> str:
        return reverse("engagement_staff:coverage", args=[self.strategy.slug])

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [
            ("Staff area", reverse("strategy_staff:home")),
            (
                self.strategy.name,
                reverse("strategy_staff:strategy_edit", args=[self.strategy.slug]),
            ),
            ("Reach and coverage", None),
        ]

    def extra_context_data(self) -> dict[str, Any]:
        coverage = coverage_selectors.coverage_for(strategy=self.strategy)
        return {
            "strategy": self.strategy,
            "coverage": coverage,
            "priorities": coverage_selectors.priority_summaries(
                strategy=self.strategy, areas=[row.key for row in coverage.by_area]
            ),
            **paginate(
                self.request,
                coverage_selectors.engaged_organisations(strategy=self.strategy),
                per_page=ORGANISATIONS_PER_PAGE,
            ),
        }


class PriorityCoverage(StrategyCoverage):
    """One priority's reach: the same tables and gaps, counting engagement on that priority."""

    template_name = "engagement/staff/coverage_priority.html"

    priority: Priority

    def load(self) -> None:
        super().load()
        self.priority = get_object_or_404(
            Priority, strategy=self.strategy, number=self.kwargs["number"]
        )

    def get_page_title(self) -> str:
        return f"Reach and coverage of priority {self.priority.number}: {self.priority.title}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [
            *super().get_breadcrumbs()[:-1],
            ("Reach and coverage", self.coverage_url()),
            (f"Priority {self.priority.number}", None),
        ]

    def extra_context_data(self) -> dict[str, Any]:
        return {
            "strategy": self.strategy,
            "priority": self.priority,
            "coverage": coverage_selectors.coverage_for(
                strategy=self.strategy, priority=self.priority
            ),
            **paginate(
                self.request,
                coverage_selectors.engaged_organisations(
                    strategy=self.strategy, priority=self.priority
                ),
                per_page=ORGANISATIONS_PER_PAGE,
            ),
        }
