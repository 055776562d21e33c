"""Panels insight adds to pages of apps it depends on (core.panels slots): the staff home links to
each strategy's insight."""

from __future__ import annotations

from django.http import HttpRequest

from convenor.core.panels import Panel, panel_register
from convenor.strategy.models import Strategy

STAFF_HOME_SLOT = "staff_home"


def staff_insight_panel(request: HttpRequest) -> Panel | None:
    """On the staff home: a link to each strategy's insight page (staff only)."""
    if not request.user.has_perm("insights.view_insight"):
        return None
    return Panel(
        template_name="insights/includes/staff_home_panel.html",
        context={"strategies": list(Strategy.objects.order_by("name").only("slug", "name"))},
    )


def insights_panels_register() -> None:
    panel_register(slot=STAFF_HOME_SLOT, factory=staff_insight_panel)
