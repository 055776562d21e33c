"""Interventions' panels on other apps' pages (core.panels): the priority's staff page lists its
interventions with their four tests; an evidence item's staff page lists those citing it.
"""

from __future__ import annotations

from django.http import HttpRequest

from convenor.core.panels import Panel, panel_register
from convenor.evidence.models import EvidenceItem
from convenor.evidence.panels import EVIDENCE_ITEM_SLOT
from convenor.interventions import selectors
from convenor.interventions.four_tests import intervention_tests
from convenor.strategy.models import Priority

# The slot's name, as the priority's staff page (strategy.staff_views) defines it.
PRIORITY_STAFF_PAGE_SLOT = "priority_staff_page"


def priority_interventions_panel(request: HttpRequest, *, priority: Priority) -> Panel | None:
    """A priority's interventions, their stage and four tests, and a link to add one."""
    # The priority's page is open to staff and members of its steering bodies: the same people
    # may see its interventions (checked against the priority, as adding is).
    if not request.user.has_perm("interventions.add_intervention", priority):
        return None
    interventions = selectors.priority_interventions(priority=priority)
    return Panel(
        template_name="interventions/includes/priority_panel.html",
        context={
            "priority": priority,
            "slug": priority.strategy.slug,
            "rows": [{"intervention": i, "tests": intervention_tests(i)} for i in interventions],
            "can_add": True,
        },
    )


def evidence_item_interventions_panel(request: HttpRequest, *, item: EvidenceItem) -> Panel | None:
    """The interventions citing an evidence item."""
    return Panel(
        template_name="interventions/includes/evidence_item_panel.html",
        context={"rows": selectors.evidence_item_interventions(item=item)},
    )


def interventions_panels_register() -> None:
    """Register them (called from the app's ready())."""
    panel_register(slot=PRIORITY_STAFF_PAGE_SLOT, factory=priority_interventions_panel)
    panel_register(slot=EVIDENCE_ITEM_SLOT, factory=evidence_item_interventions_panel)
