"""Reads for the staff area's stakeholder register pages, with their joins done."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.db.models import Count, Q, QuerySet

from convenor.stakeholders.models import Area
from convenor.stakeholders.register import RegisterQuery, register_filter_apply


def area_staff_list(*, query: str = "") -> QuerySet[Area]:
    """Areas matching `query` in their name, county or GSS code, with organisation counts."""
    areas = Area.objects.all()
    if query:
        areas = areas.filter(
            Q(name__icontains=query) | Q(county__icontains=query) | Q(gss_code__iexact=query)
        )
    return areas.annotate(organisation_count=Count("organisations")).order_by("name")


def organisation_staff_list(*, data: Mapping[str, Any] | None) -> RegisterQuery:
    """Organisations as the register's filters in `data` (a GET QueryDict) select them.

    Each carries `people_count`, its area is joined, and the filter form comes back bound.
    """
    result = register_filter_apply(kind="organisations", data=data)
    result.queryset = result.queryset.annotate(people_count=Count("people", distinct=True))
    return result


def person_staff_list(*, data: Mapping[str, Any] | None) -> RegisterQuery:
    """People as the register's filters in `data` (a GET QueryDict) select them.

    Their organisation and its area are joined, and the filter form comes back bound.
    """
    return register_filter_apply(kind="people", data=data)
