"""Project briefs' panels on other apps' pages (core.panels), and their rules' registration.

The priority's staff page (strategy) lists the priority's briefs, flagging the overdue, with a
link to add one for those allowed. brief_panels_register() runs from the app's ready(), so the
rules of briefs and indicators are registered at start-up too.
"""

from __future__ import annotations

from django.http import HttpRequest

from convenor.core.panels import Panel, panel_register
from convenor.strategy.models import Priority

# The slot's name as strategy.staff_views.PRIORITY_STAFF_PAGE_SLOT defines it (evidence may not
# import strategy's views).
PRIORITY_STAFF_PAGE_SLOT = "priority_staff_page"


def priority_briefs_panel(request: HttpRequest, *, priority: Priority) -> Panel | None:
    """The priority's briefs, with status, due date and overdue flag, for those allowed."""
    from convenor.evidence import brief_selectors

    user = request.user
    # Checked against the priority, so Django's model backend adds no query (see engagement).
    if not user.has_perm("evidence.view_projectbrief", priority):
        return None
    return Panel(
        template_name="evidence/includes/brief_priority_panel.html",
        context={
            "priority": priority,
            "briefs": list(brief_selectors.priority_briefs(priority=priority)),
            "can_add": user.has_perm("evidence.add_projectbrief", priority),
            "can_list": user.has_perm("evidence.view_projectbrief", priority.strategy),
        },
    )


def brief_panels_register() -> None:
    """Register the rules of briefs and indicators, and the panel on the priority's page."""
    from convenor.evidence import brief_permissions, indicator_permissions  # noqa: F401

    panel_register(slot=PRIORITY_STAFF_PAGE_SLOT, factory=priority_briefs_panel)
