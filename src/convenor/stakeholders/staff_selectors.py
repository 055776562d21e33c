"""Reads for the staff area's stakeholder register pages, with their joins done."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from convenor.stakeholders.models import Area, Organisation, Person


def area_staff_list(*, query: str = "") -> QuerySet[Area]:
    """Areas matching `query` in their name, county or GSS code, with organisation counts."""
    areas = Area.objects.all()
    if query:
        areas = areas.filter(
            Q(name__icontains=query) | Q(county__icontains=query) | Q(gss_code__iexact=query)
        )
    return areas.annotate(organisation_count=Count("organisations")).order_by("name")


def organisation_staff_list(*, query: str = "", kind: str = "") -> QuerySet[Organisation]:
    """Organisations matching `query` in their name, of one type if given, with people counts."""
    organisations = Organisation.objects.all()
    if query:
        organisations = organisations.filter(name__icontains=query)
    if kind:
        organisations = organisations.filter(kind=kind)
    return (
        organisations.select_related("area").annotate(people_count=Count("people")).order_by("name")
    )


def person_staff_list(
    *, query: str = "", organisation: Organisation | None = None
) -> QuerySet[Person]:
    """People matching `query` in their name or email, of one organisation if given."""
    people = Person.objects.all()
    if query:
        people = people.filter(Q(name__icontains=query) | Q(email__icontains=query))
    if organisation is not None:
        people = people.filter(organisation=organisation)
    return people.select_related("organisation").order_by("name")
