"""docs/scenario-format.md documents every field the loader reads, and its example loads."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from convenor.meetings.models import Decision
from convenor.scenarios.loader import SECTIONS, Section, scenario_load_data
from convenor.strategy.models import Strategy

DOC = Path(__file__).resolve().parents[2] / "docs" / "scenario-format.md"


def documented_rows(text: str, section: str) -> dict[str, str]:
    """The table rows under the heading for `section`: field name -> the whole row."""
    match = re.search(rf"^#+ `{section}`.*?\n(.*?)(?=^#)", text, flags=re.MULTILINE | re.DOTALL)
    assert match, f"no heading for {section}"
    return {
        row.group(1): row.group(0)
        for row in re.finditer(r"^\| `(\w+)` \|.*$", match.group(1), flags=re.MULTILINE)
    }


def all_sections() -> list[Section]:
    """Every section, nested ones (a meeting's agenda, an agenda item's decisions) included."""
    found: list[Section] = []
    waiting = list(SECTIONS)
    while waiting:
        section = waiting.pop(0)
        found.append(section)
        waiting.extend(spec.items for spec in section.fields if spec.items is not None)
    return found


@pytest.mark.parametrize("section", all_sections(), ids=lambda section: section.name)
def test_every_field_and_choice_is_documented(section):
    rows = documented_rows(DOC.read_text(), section.name)

    assert set(rows) == {spec.name for spec in section.fields}
    for spec in section.fields:
        if spec.kind != "choice":
            continue
        assert section.model is not None
        choices = section.model._meta.get_field(spec.model_attr).choices
        for value, _label in choices:
            assert f"`{value}`" in rows[spec.name], f"{section.name}.{spec.name}: {value}"


@pytest.mark.django_db
def test_the_documented_example_loads():
    example = DOC.read_text().split("## A small complete example", 1)[1]
    source = re.search(r"```yaml\n(.*?)```", example, flags=re.DOTALL)
    assert source

    report = scenario_load_data(data=yaml.safe_load(source.group(1)), source="example.yaml")

    assert report.created == 22
    strategy = Strategy.objects.get(slug="riverside-lis")
    assert strategy.priorities.get().lines_of_enquiry.count() == 2
    decision = Decision.objects.get(meeting__strategy=strategy)
    assert (decision.agenda_item.order if decision.agenda_item else None) == 1
    assert decision.outcome_text == "Agreed"
