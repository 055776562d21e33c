"""Totals of the pytest runs that scripts/test made, read from their JUnit XML reports."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

LEGS = {"sqlite.xml": "SQLite", "postgres.xml": "PostgreSQL"}


def counts(report: Path) -> tuple[int, int, int]:
    """Passed, failed (failures and errors) and skipped tests in one JUnit XML report."""
    root = ET.parse(report).getroot()
    suites = [root] if root.tag == "testsuite" else list(root.iter("testsuite"))
    tests = failed = skipped = 0
    for suite in suites:
        tests += int(suite.get("tests", 0))
        failed += int(suite.get("failures", 0)) + int(suite.get("errors", 0))
        skipped += int(suite.get("skipped", 0))
    return tests - failed - skipped, failed, skipped


def main(paths: list[str]) -> None:
    total = [0, 0, 0]
    for path in map(Path, paths):
        leg = LEGS.get(path.name, path.name)
        if not path.exists():
            print(f"  pytest on {leg}: not run")
            continue
        passed, failed, skipped = counts(path)
        print(f"  pytest on {leg}: {passed} passed, {failed} failed, {skipped} skipped")
        total = [total[0] + passed, total[1] + failed, total[2] + skipped]
    # The last line, in the form CI reads to see how many tests ran.
    print(f"Tests: {total[0]} passed, {total[1]} failed, {total[2]} skipped")


if __name__ == "__main__":
    main(sys.argv[1:])
