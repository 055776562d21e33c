"""The staff dashboard of a strategy: where it stands, its stage gate, its priorities, what is due.

Read-only: it reads every other app's selectors (dashboard.selectors) and writes nothing.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse

from convenor.dashboard.selectors import dashboard_for
from convenor.meetings.selectors import PAPERS_DUE_SOON_DAYS
from convenor.strategy.models import Strategy
from convenor.ui.staff import Breadcrumbs, StaffPage


def url_or_none(name: str, *args: Any) -> str | None:
    """The address of a page by its URL name, or None where no such page exists (yet).

    The pages behind the dashboard's figures belong to other apps; a figure is linked only when
    its page is there.
    """
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return None


class StrategyDashboard(StaffPage):
    """One strategy at a glance, for staff: stage gate, priorities, briefs, deadlines, charts."""

    permission_required = "strategy.change_strategy"
    template_name = "dashboard/dashboard.html"
    strategy: Strategy

    def load(self) -> None:
        self.strategy = get_object_or_404(Strategy, slug=self.kwargs["slug"])

    def permission_object(self) -> Model:
        return self.strategy

    def get_page_title(self) -> str:
        return f"Dashboard: {self.strategy.name}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [
            ("Staff area", reverse("strategy_staff:home")),
            (
                self.strategy.name,
                reverse("strategy_staff:strategy_edit", args=[self.strategy.slug]),
            ),
            ("Dashboard", None),
        ]

    def extra_context_data(self) -> dict[str, Any]:
        slug = self.strategy.slug
        return {
            "strategy": self.strategy,
            "dashboard": dashboard_for(strategy=self.strategy),
            "soon_days": PAPERS_DUE_SOON_DAYS,
            # Lists the figures link to, filtered by query string in the template.
            "links": {
                "evidence": url_or_none("evidence_staff:item_list", slug),
                "briefs": url_or_none("briefs_staff:brief_list", slug),
                "interventions": url_or_none("interventions_staff:intervention_list", slug),
                "coverage": url_or_none("engagement_staff:coverage", slug),
                "meetings": url_or_none("meetings_staff:meeting_list", slug),
                "advance": url_or_none("strategy_staff:stage_advance", slug),
                "timetable": reverse("strategy_staff:strategy_edit", args=[slug]) + "#stages",
            },
        }
