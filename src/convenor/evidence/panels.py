"""Evidence's panels: the slots on its pages that higher apps fill, and its panel on priorities.

An evidence item's staff page shows what other apps hold about it (engagement: the comment
windows on it; interventions: those citing it) without evidence importing them. Evidence in turn
adds to each priority's staff page (strategy) the priority's lines of enquiry with the evidence
answering them, so the members of its steering bodies see what is known and what is missing.
"""

from __future__ import annotations

from django.http import HttpRequest

from convenor.core.panels import Panel, panel_register
from convenor.evidence import selectors
from convenor.evidence.choices import Visibility
from convenor.evidence.models import EvidenceItem
from convenor.strategy.models import Priority, Strategy

# The page passes item=<EvidenceItem> to every factory of the slot.
EVIDENCE_ITEM_SLOT = "evidence_item_page"
# A priority's staff page (strategy.staff_views.PriorityEdit), which passes priority=.
PRIORITY_STAFF_PAGE_SLOT = "priority_staff_page"
# A strategy's public page (strategy.views.strategy_detail), which passes strategy=.
STRATEGY_PAGE_SLOT = "strategy_page"


def priority_evidence_panel(request: HttpRequest, *, priority: Priority) -> Panel | None:
    """A priority's lines of enquiry with their status and answers, its evidence count, newest."""
    # Whoever may open the priority's page may see its evidence: staff and its steering bodies.
    if not request.user.has_perm("strategy.change_priority", priority):
        return None
    evidence = selectors.priority_evidence(priority=priority)
    return Panel(
        template_name="evidence/includes/priority_evidence_panel.html",
        context={
            "priority": priority,
            "evidence": evidence,
            "can_add": request.user.has_perm("evidence.add_evidenceitem", priority),
        },
    )


def strategy_evidence_panel(request: HttpRequest, *, strategy: Strategy) -> Panel | None:
    """On a strategy's public page: how much evidence is published, and the link to it."""
    published = EvidenceItem.objects.filter(strategy=strategy, visibility=Visibility.PUBLIC)
    count = published.count()
    if not count:
        return None
    return Panel(
        template_name="evidence/includes/strategy_evidence_panel.html",
        context={"strategy": strategy, "count": count},
    )


def evidence_panels_register() -> None:
    """Register evidence's panels on other apps' pages (called from the app's ready())."""
    panel_register(slot=PRIORITY_STAFF_PAGE_SLOT, factory=priority_evidence_panel)
    panel_register(slot=STRATEGY_PAGE_SLOT, factory=strategy_evidence_panel)
