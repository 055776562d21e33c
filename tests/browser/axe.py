"""Runs axe-core, the accessibility checker, in a page and describes what it finds."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

AXE_SCRIPT = Path(__file__).resolve().parents[2] / "assets/node_modules/axe-core/axe.min.js"
# WCAG 2.2 AA includes every A and AA criterion of 2.0 and 2.1; axe tags each by the version
# that introduced it.
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """The WCAG 2.2 A and AA violations axe-core finds in the page as it is now."""
    assert AXE_SCRIPT.exists(), f"{AXE_SCRIPT} is missing: run `npm ci` in assets/"
    page.add_script_tag(path=str(AXE_SCRIPT))
    results: dict[str, Any] = page.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_22_AA
    )
    return list(results["violations"])


def violations_described(violations: list[dict[str, Any]]) -> str:
    """One paragraph per violation: the rule, its impact, and each offending element."""
    paragraphs = []
    for violation in violations:
        lines = [f"{violation['id']} ({violation['impact']}): {violation['help']}"]
        for node in violation["nodes"]:
            lines.append(f"  at {' '.join(map(str, node['target']))}: {node['html'][:200]}")
            if node.get("failureSummary"):
                lines.append("    " + node["failureSummary"].replace("\n", "\n    "))
        paragraphs.append("\n".join(lines))
    return "\n\n".join(paragraphs)
