"""Writes to indicators: importing a checked CSV, changing an indicator's details, deleting it.

Every function runs in one transaction and records an audit event. An import creates the
indicators it names and creates or replaces their values all at once, or writes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction

from convenor.accounts.models import User
from convenor.core.services import audit_event_record, record_delete, record_save, record_update
from convenor.evidence.indicator_import import GSS_CODE, ImportPlan, ImportRow
from convenor.evidence.models import Indicator, IndicatorValue
from convenor.strategy.models import Strategy

Actor = User | AnonymousUser | None

INDICATOR_FIELDS = frozenset(
    {"name", "unit", "source", "description", "comparison_area_code", "is_illustrative"}
)
WRITE_BATCH = 500


@dataclass(frozen=True)
class ImportResult:
    """What an import did, counted."""

    indicators_created: int
    values_created: int
    values_replaced: int

    def summary(self) -> str:
        """The counts in a sentence, for the page after the import."""
        return (
            f"{_count(self.indicators_created, 'indicator')} created, "
            f"{_count(self.values_created, 'value')} created and "
            f"{_count(self.values_replaced, 'value')} replaced."
        )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


@transaction.atomic
def indicator_import_write(
    *, actor: Actor, strategy: Strategy, plan: ImportPlan, filename: str = ""
) -> ImportResult:
    """Write a checked plan: create its indicators, create or replace their values."""
    if not plan.is_valid:
        raise ValidationError("The file has problems: fix them and upload it again.")
    names = plan.indicator_names()
    indicators = {
        indicator.name: indicator
        for indicator in Indicator.objects.filter(strategy=strategy, name__in=names)
    }
    first_rows: dict[str, ImportRow] = {}
    for row in plan.rows:
        first_rows.setdefault(row.indicator, row)
    created = 0
    for name in names:
        row = first_rows[name]
        existing = indicators.get(name)
        if existing is None:
            indicators[name] = record_save(
                instance=Indicator(strategy=strategy, name=name, unit=row.unit, source=row.source),
                actor=actor,
            )
            created += 1
        elif existing.unit != row.unit:
            # Changed by someone else since the file was checked.
            raise ValidationError(
                f"The unit of “{name}” is now “{existing.unit}”, not “{row.unit}”: "
                "upload the file again."
            )
    held = {
        (value.indicator_id, value.area_code, value.period): value
        for value in IndicatorValue.objects.filter(
            indicator__in=[indicators[name] for name in names]
        )
    }
    to_create: list[IndicatorValue] = []
    to_replace: list[IndicatorValue] = []
    for row in plan.rows:
        indicator = indicators[row.indicator]
        value = held.get((indicator.pk, row.area_code, row.period))
        if value is None:
            to_create.append(
                IndicatorValue(
                    indicator=indicator, area_code=row.area_code, period=row.period, value=row.value
                )
            )
        else:
            value.value = row.value
            to_replace.append(value)
    IndicatorValue.objects.bulk_create(to_create, batch_size=WRITE_BATCH)
    IndicatorValue.objects.bulk_update(to_replace, ["value"], batch_size=WRITE_BATCH)
    result = ImportResult(
        indicators_created=created,
        values_created=len(to_create),
        values_replaced=len(to_replace),
    )
    audit_event_record(
        actor=actor,
        verb="imported indicator values",
        target=strategy,
        detail={
            "file": filename,
            "indicators": names,
            "indicators_created": result.indicators_created,
            "values_created": result.values_created,
            "values_replaced": result.values_replaced,
        },
    )
    return result


def indicator_update(*, actor: Actor, indicator: Indicator, data: dict[str, Any]) -> list[str]:
    """Change an indicator's details; return the names of the fields that changed."""
    code = data.get("comparison_area_code", indicator.comparison_area_code)
    if code and not GSS_CODE.match(code):
        raise ValidationError(
            {"comparison_area_code": "Enter a GSS area code, like K02000001 for the UK"}
        )
    if "name" in data and data["name"] != indicator.name:
        taken = (
            Indicator.objects.filter(strategy=indicator.strategy_id, name=data["name"])
            .exclude(pk=indicator.pk)
            .exists()
        )
        if taken:
            raise ValidationError({"name": "Another indicator of this strategy has that name"})
    _, changed = record_update(instance=indicator, actor=actor, data=data, fields=INDICATOR_FIELDS)
    return changed


def indicator_delete(*, actor: Actor, indicator: Indicator) -> None:
    """Delete an indicator with its values; evidence items citing it no longer do."""
    record_delete(instance=indicator, actor=actor)
