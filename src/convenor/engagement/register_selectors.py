"""Reads for the register's engagement pages: segments, relationships, the power/interest grid."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, QuerySet
from django.db.models.functions import Coalesce

from convenor.engagement.models import Relationship, Segment
from convenor.engagement.register_filters import quadrant_condition, staff_people
from convenor.stakeholders.models import Organisation, Person
from convenor.stakeholders.register import RegisterQuery, filters_data, register_filter_apply

GRID_ORGANISATIONS = "organisations"
GRID_PEOPLE = "people"


def segment_query(*, segment: Segment) -> RegisterQuery:
    """The segment's stored filters run through the people list's code, with their validity."""
    return register_filter_apply(kind="people", data=filters_data(segment.filters or {}))


def segment_people(*, segment: Segment) -> QuerySet[Person]:
    """The people `segment` selects today: its stored filters run through the people list's code.

    A segment whose stored filters no longer hold (a body it named was deleted, say) selects
    nobody rather than the whole register: an invitation must never go wider than was chosen.
    """
    result = segment_query(segment=segment)
    if not result.is_valid:
        return Person.objects.none()
    return result.queryset


def segment_filters_describe(*, filters: dict[str, Any]) -> list[tuple[str, str]]:
    """What stored filters select, in words: (label, value shown), one per chosen filter.

    A value that no longer holds is shown as such, so a page never hides part of a segment.
    """
    result = register_filter_apply(kind="people", data=filters_data(filters or {}))
    described = list(result.chosen)
    for name in result.form.errors:
        form_field = result.form.fields.get(name)
        label = str(form_field.label) if form_field is not None else name
        described.append((label, f"{filters.get(name)} (no longer valid)"))
    return described


def relationship_grid_counts(*, kind: str = "") -> dict[tuple[int, int], int]:
    """How many assessed relationships sit in each (power, interest) cell, of one kind if given."""
    relationships = _relationships_of_kind(kind).filter(power__isnull=False)
    rows = relationships.values("power", "interest").annotate(count=Count("pk")).order_by()
    return {(row["power"] or 0, row["interest"] or 0): row["count"] for row in rows}


def _relationships_of_kind(kind: str) -> QuerySet[Relationship]:
    relationships = Relationship.objects.all()
    if kind == GRID_ORGANISATIONS:
        relationships = relationships.filter(organisation__isnull=False)
    elif kind == GRID_PEOPLE:
        relationships = relationships.filter(person__isnull=False)
    return relationships


def relationship_grid_list(*, quadrant: str = "", kind: str = "") -> QuerySet[Relationship]:
    """Assessed relationships, most powerful and interested first, with their party and owner."""
    relationships = _relationships_of_kind(kind).filter(power__isnull=False)
    if quadrant:
        relationships = relationships.filter(quadrant_condition(quadrant))
    return relationships.select_related(
        "organisation", "person", "person__organisation", "owner"
    ).order_by("-power", "-interest", Coalesce("organisation__name", "person__name"), "pk")


def staff_owner_choices() -> QuerySet[Person]:
    """People who may own a relationship: those whose sign-in account is staff."""
    return staff_people()


def relationship_for(
    *, organisation: Organisation | None = None, person: Person | None = None
) -> Relationship | None:
    """The relationship with an organisation or a person, with its priorities, if assessed."""
    relationships = Relationship.objects.prefetch_related("priorities")
    if organisation is not None:
        return relationships.filter(organisation=organisation).first()
    return relationships.filter(person=person).first()


def segment_list() -> QuerySet[Segment]:
    """Saved segments, by name."""
    return Segment.objects.order_by("name")
