"""Panels engagement adds to pages of apps it depends on (core.panels slots).

The staff home (strategy) shows, per strategy, links to its engagement pages and its gaps in
coverage; each priority's staff page (strategy) shows that priority's reach and gaps. Both are
registered in EngagementConfig.ready().
"""

from __future__ import annotations

from django.http import HttpRequest

from convenor.core.panels import Panel, panel_register
from convenor.engagement import coverage_selectors
from convenor.strategy.models import Priority

# The slots' names, as the pages that own them (strategy.staff_views) use them.
STAFF_HOME_SLOT = "staff_home"
PRIORITY_STAFF_PAGE_SLOT = "priority_staff_page"

# How many gaps the staff home lists per strategy before "and N more".
STAFF_HOME_GAPS_SHOWN = 5


def staff_engagement_panel(request: HttpRequest) -> Panel | None:
    """Per strategy: links to its activities, coverage, grid and segments, and its gaps."""
    if not request.user.has_perm("engagement.view_coverage"):
        return None
    return Panel(
        template_name="engagement/includes/coverage_staff_home_panel.html",
        context={
            "rows": [
                {
                    "summary": summary,
                    "gaps": summary.gaps[:STAFF_HOME_GAPS_SHOWN],
                    "more": max(len(summary.gaps) - STAFF_HOME_GAPS_SHOWN, 0),
                }
                for summary in coverage_selectors.strategy_summaries()
            ]
        },
    )


def priority_coverage_panel(request: HttpRequest, *, priority: Priority) -> Panel | None:
    """A priority's engaged organisations, people and contributions, and its gaps (staff)."""
    # Checked against the priority: Django's model backend then answers without loading the
    # user's permissions, so members of its steering bodies pay no queries for a panel they
    # do not see.
    if not request.user.has_perm("engagement.view_coverage", priority):
        return None
    return Panel(
        template_name="engagement/includes/coverage_priority_panel.html",
        context={
            "priority": priority,
            "summary": coverage_selectors.priority_summary(priority=priority),
        },
    )


def engagement_panels_register() -> None:
    """Register engagement's panels on the staff home and on each priority's staff page."""
    panel_register(slot=STAFF_HOME_SLOT, factory=staff_engagement_panel)
    panel_register(slot=PRIORITY_STAFF_PAGE_SLOT, factory=priority_coverage_panel)
