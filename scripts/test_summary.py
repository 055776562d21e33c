"""Totals of the pytest runs that scripts/test made, read from their JUnit XML reports."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

LEGS = {"sqlite.xml": "SQLite", "postgres.xml": "PostgreSQL"}
OUTCOMES = ("failure", "error", "skipped")


def outcome(case: ET.Element) -> str:
    """passed, failed or skipped, for one <testcase>."""
    for child in case:
        if child.tag in OUTCOMES:
            return "skipped" if child.tag == "skipped" else "failed"
    return "passed"


def counts(cases: list[ET.Element]) -> dict[str, int]:
    """How many of `cases` passed, failed and were skipped."""
    tally = {"passed": 0, "failed": 0, "skipped": 0}
    for case in cases:
        tally[outcome(case)] += 1
    return tally


def described(tally: dict[str, int]) -> str:
    """A tally as pytest words it: 3 passed, 0 failed, 1 skipped."""
    return f"{tally['passed']} passed, {tally['failed']} failed, {tally['skipped']} skipped"


def main(paths: list[str]) -> None:
    total = {"passed": 0, "failed": 0, "skipped": 0}
    for path in map(Path, paths):
        leg = LEGS.get(path.name, path.name)
        if not path.exists():
            print(f"  pytest on {leg}: not run")
            continue
        cases = list(ET.parse(path).getroot().iter("testcase"))
        tally = counts(cases)
        browser = counts([c for c in cases if c.get("classname", "").startswith("tests.browser.")])
        print(f"  pytest on {leg}: {described(tally)} (browser tests: {described(browser)})")
        total = {key: total[key] + tally[key] for key in total}
    # The last line, in the form CI reads to see how many tests ran.
    print(f"Tests: {described(total)}")


if __name__ == "__main__":
    main(sys.argv[1:])
