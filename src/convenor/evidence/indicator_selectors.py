"""Reads of indicators: a strategy's list with counts, one indicator, its areas, and area names.

Areas are named through the stakeholder register's GSS codes where it knows them, and the
national and regional codes a comparison line usually uses through a small constant.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Count, QuerySet

from convenor.evidence.models import EvidenceItem, Indicator, IndicatorValue
from convenor.stakeholders.models import Area
from convenor.strategy.models import Strategy

# The codes of the UK, its nations and England's regions (ONS), which the register of local
# areas does not hold but comparison lines are drawn for.
NATIONAL_AREA_NAMES: dict[str, str] = {
    "K02000001": "United Kingdom",
    "K03000001": "Great Britain",
    "K04000001": "England and Wales",
    "E92000001": "England",
    "W92000004": "Wales",
    "S92000003": "Scotland",
    "N92000002": "Northern Ireland",
    "E12000001": "North East",
    "E12000002": "North West",
    "E12000003": "Yorkshire and The Humber",
    "E12000004": "East Midlands",
    "E12000005": "West Midlands",
    "E12000006": "East of England",
    "E12000007": "London",
    "E12000008": "South East",
    "E12000009": "South West",
}


def indicator_list(*, strategy: Strategy) -> QuerySet[Indicator]:
    """A strategy's indicators by name, each counting its areas, periods and values."""
    return (
        Indicator.objects.filter(strategy=strategy)
        .annotate(
            area_count=Count("values__area_code", distinct=True),
            period_count=Count("values__period", distinct=True),
            value_count=Count("values"),
        )
        .order_by("name", "pk")
    )


def indicator_get(*, strategy: Strategy, pk: int) -> Indicator | None:
    """One indicator of a strategy, with its strategy loaded."""
    return Indicator.objects.filter(strategy=strategy, pk=pk).select_related("strategy").first()


def indicator_area_codes(*, indicator: Indicator) -> list[str]:
    """The areas the indicator has values for, by code."""
    return list(
        IndicatorValue.objects.filter(indicator=indicator)
        .order_by("area_code")
        .values_list("area_code", flat=True)
        .distinct()
    )


def area_names(codes: Iterable[str]) -> dict[str, str]:
    """Names for GSS codes: the register's areas, then the national constant (one query)."""
    codes = list(codes)
    names = {code: NATIONAL_AREA_NAMES[code] for code in codes if code in NATIONAL_AREA_NAMES}
    names.update(
        Area.objects.filter(gss_code__in=codes).values_list("gss_code", "name")  # type: ignore[arg-type]
    )
    return names


def indicator_citations(*, indicator: Indicator) -> QuerySet[EvidenceItem]:
    """The evidence items citing the indicator, newest first."""
    return indicator.cited_by.order_by("-published_on", "title", "pk")
