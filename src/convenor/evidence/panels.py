"""The slots on evidence pages that apps above evidence fill (core.panels).

An evidence item's staff page shows what other apps hold about it (engagement: the comment
windows on it, with their counts, and the button to open one) without evidence importing them.
"""

# The page passes item=<EvidenceItem> to every factory of the slot.
EVIDENCE_ITEM_SLOT = "evidence_item_page"


def evidence_panels_register() -> None:
    """Register evidence's panels on other apps' pages (called from the app's ready())."""
