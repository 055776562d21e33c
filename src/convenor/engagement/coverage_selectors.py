"""Reach and coverage: who has been engaged on a strategy or a priority, counted, and the gaps.

A person is ENGAGED on a strategy when they attended one of its activities or made a
contribution to one of them; on a priority, when they attended an activity tagged with it or
made a contribution tagged with it. An organisation is engaged when one of its people is.
Anonymous contributions count (the system knows their author); a contribution with no author
is "unattributed": it counts in the totals but not by organisation.

Every count is an aggregate in the database, so each reader below makes a fixed number of
queries whatever the size of the register: no Python loop runs over engagement rows, only over
the fixed lists of categories (organisation types, areas, bodies) the tables show.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import (
    Count,
    DateField,
    Exists,
    F,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, Greatest, TruncDate

from convenor.engagement.choices import ActivityAttendance
from convenor.engagement.models import Activity, ActivityInvitation, Contribution
from convenor.governance.models import Body
from convenor.stakeholders.choices import OrganisationKind, Ownership
from convenor.stakeholders.models import Area, Organisation, Person
from convenor.strategy.models import Priority, Strategy

# How each organisation type reads in a sentence ("No university has contributed").
KIND_NOUNS: dict[str, str] = {
    OrganisationKind.COUNCIL: "council",
    OrganisationKind.UNIVERSITY: "university",
    OrganisationKind.COLLEGE: "college",
    OrganisationKind.BUSINESS: "business",
    OrganisationKind.BUSINESS_BODY: "business representative body",
    OrganisationKind.GOVERNMENT: "government body",
    OrganisationKind.AGENCY: "agency",
    OrganisationKind.VOLUNTARY: "voluntary or community organisation",
}
OWNERSHIP_NOUNS: dict[str, str] = {
    Ownership.PUBLIC: "public sector organisation",
    Ownership.PRIVATE: "private sector organisation",
    Ownership.THIRD: "third sector organisation",
}
NO_BODY = object()  # the organising-body filter for activities that have none


@dataclass(frozen=True)
class CoverageRow:
    """One line of a coverage table: a category, and how many organisations and people in it."""

    label: str
    organisations: int
    people: int
    key: Any = None
    businesses: int = 0  # only the area table counts these, for the "no business from" gaps


@dataclass(frozen=True)
class CoverageTotals:
    """Everything counted once: engaged people and organisations, activities, contributions."""

    people: int
    organisations: int
    people_without_organisation: int
    activities: int
    contributions: int
    anonymous_contributions: int
    unattributed_contributions: int


@dataclass(frozen=True)
class Coverage:
    """Who has been engaged on a strategy, or on one of its priorities, and where the gaps are."""

    strategy: Strategy
    priority: Priority | None
    totals: CoverageTotals
    by_kind: list[CoverageRow]
    by_sector: list[CoverageRow]
    by_area: list[CoverageRow]
    by_ownership: list[CoverageRow]
    by_body: list[CoverageRow]
    gaps: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class GapSummary:
    """A strategy's or a priority's engaged counts and gaps, for the panels and summary table."""

    subject: Strategy | Priority
    organisations: int
    people: int
    contributions: int
    gaps: list[str]


# The building blocks: who is engaged, as a condition on Person


def engaged_person_q(
    *, strategy: Any, priority: Any = None, body: Any = None, person: Any = None
) -> Q:
    """The condition, on Person, of having been engaged on `strategy` (or on `priority`).

    Each argument may be a model, a primary key or an OuterRef, so that the same condition
    serves a plain filter and a correlated subquery. `body` narrows to the activities that body
    organised (NO_BODY: activities with no organising body); `person` is the reference to the
    person (OuterRef("pk") by default).
    """
    person_ref = person if person is not None else OuterRef("pk")
    attended = ActivityInvitation.objects.filter(
        person=person_ref, attendance=ActivityAttendance.ATTENDED, activity__strategy=strategy
    )
    contributed = Contribution.objects.filter(author=person_ref, activity__strategy=strategy)
    if priority is not None:
        attended = attended.filter(activity__priorities=priority)
        contributed = contributed.filter(priorities=priority)
    if body is NO_BODY:
        attended = attended.filter(activity__body__isnull=True)
        contributed = contributed.filter(activity__body__isnull=True)
    elif body is not None:
        attended = attended.filter(activity__body=body)
        contributed = contributed.filter(activity__body=body)
    return Q(Exists(attended)) | Q(Exists(contributed))


def _count(queryset: QuerySet[Any], column: str = "pk", *, distinct: bool = False) -> Subquery:
    """A correlated subquery counting the rows of `queryset` (distinct values of `column`)."""
    template = "COUNT(DISTINCT %(expressions)s)" if distinct else "COUNT(%(expressions)s)"
    counted = queryset.order_by().annotate(
        counted=Func(F(column), function="COUNT", template=template, output_field=IntegerField())
    )
    return Subquery(counted.values("counted"), output_field=IntegerField())


def _org_count(person_q: Q, **organisation: Any) -> Subquery:
    """How many organisations have a person meeting `person_q` (and the organisation filters)."""
    return _count(Person.objects.filter(person_q, **organisation), "organisation", distinct=True)


def strategy_areas(*, strategy: Strategy | int) -> QuerySet[Area]:
    """The strategy's council areas; every area when it names none (one query either way)."""
    links = Strategy.areas.through.objects.filter(strategy=strategy)
    return Area.objects.filter(Exists(links.filter(area=OuterRef("pk"))) | ~Exists(links)).order_by(
        "name"
    )


# Gap sentences


def _suffix(priority: Priority | None) -> str:
    return f" to priority {priority.number}" if priority is not None else ""


def kind_gap(kind: str, priority: Priority | None) -> str:
    """ "No university has contributed to priority 3" (without the priority for a strategy)."""
    return f"No {KIND_NOUNS[kind]} has contributed{_suffix(priority)}"


def ownership_gap(ownership: str, priority: Priority | None) -> str:
    """ "No private sector organisation has been engaged" (or "has contributed to priority N")."""
    if priority is None:
        return f"No {OWNERSHIP_NOUNS[ownership]} has been engaged"
    return f"No {OWNERSHIP_NOUNS[ownership]} has contributed{_suffix(priority)}"


def area_gap(area_name: str, priority: Priority | None) -> str:
    """ "No business from Rushmoor" (and "has contributed to priority N" for a priority)."""
    if priority is None:
        return f"No business from {area_name}"
    return f"No business from {area_name} has contributed{_suffix(priority)}"


def _gaps(
    *,
    priority: Priority | None,
    kind_orgs: dict[str, int],
    ownership_orgs: dict[str, int],
    area_businesses: Sequence[tuple[str, int]],
) -> list[str]:
    """The gap sentences: every type, sector and area of the strategy with nobody engaged."""
    gaps = [kind_gap(kind, priority) for kind in OrganisationKind.values if not kind_orgs[kind]]
    gaps += [
        ownership_gap(ownership, priority)
        for ownership in Ownership.values
        if not ownership_orgs[ownership]
    ]
    gaps += [area_gap(name, priority) for name, businesses in area_businesses if not businesses]
    return gaps


# The coverage of a strategy or a priority, with its tables


def _row(label: str, key: str, counts: tuple[int, int] | None) -> CoverageRow:
    organisations, people = counts or (0, 0)
    return CoverageRow(label=label, key=key, organisations=organisations, people=people)


def coverage_for(*, strategy: Strategy, priority: Priority | None = None) -> Coverage:
    """Who has been engaged on `strategy` (or its `priority`), counted every way, with the gaps.

    Eight queries, whatever the data.
    """
    engaged = engaged_person_q(strategy=strategy, priority=priority)
    engaged_pks = Person.objects.filter(engaged).values("pk")

    # 1. People and organisations, and those reached through activities no body organised.
    no_body = engaged_person_q(strategy=strategy, priority=priority, body=NO_BODY)
    people = Person.objects.aggregate(
        people=Count("pk", filter=engaged),
        organisations=Count("organisation", distinct=True, filter=engaged),
        without_organisation=Count("pk", filter=engaged & Q(organisation__isnull=True)),
        no_body_people=Count("pk", filter=no_body),
        no_body_organisations=Count("organisation", distinct=True, filter=no_body),
    )
    # 2. Contributions, anonymous and unattributed ones among them.
    contributions = Contribution.objects.filter(activity__strategy=strategy)
    if priority is not None:
        contributions = contributions.filter(priorities=priority)
    contribution_counts = contributions.aggregate(
        total=Count("pk", distinct=True),
        anonymous=Count("pk", distinct=True, filter=Q(is_anonymous=True)),
        unattributed=Count("pk", distinct=True, filter=Q(author__isnull=True)),
    )
    # 3. Activities through which anyone was engaged (or an unattributed contribution made).
    attended = ActivityInvitation.objects.filter(
        activity__strategy=strategy, attendance=ActivityAttendance.ATTENDED
    )
    if priority is not None:
        attended = attended.filter(activity__priorities=priority)
    activities = Activity.objects.filter(
        Q(pk__in=attended.values("activity")) | Q(pk__in=contributions.values("activity"))
    ).count()
    totals = CoverageTotals(
        people=people["people"],
        organisations=people["organisations"],
        people_without_organisation=people["without_organisation"],
        activities=activities,
        contributions=contribution_counts["total"],
        anonymous_contributions=contribution_counts["anonymous"],
        unattributed_contributions=contribution_counts["unattributed"],
    )

    # 4-6. By organisation type, sector and public/private/third sector: every value the
    # register holds comes back from the database, engaged or not, so zeros are there too.
    def by(column: str) -> dict[str, tuple[int, int]]:
        rows = (
            Organisation.objects.order_by()
            .values(column)
            .annotate(
                engaged_organisations=Count("pk", distinct=True, filter=Q(people__in=engaged_pks)),
                engaged_people=Count("people", distinct=True, filter=Q(people__in=engaged_pks)),
            )
        )
        return {row[column]: (row["engaged_organisations"], row["engaged_people"]) for row in rows}

    kinds, sectors, ownerships = by("kind"), by("sector"), by("ownership")
    by_kind = [_row(str(label), kind, kinds.get(kind)) for kind, label in OrganisationKind.choices]
    by_sector = [
        _row(sector or "Sector not recorded", sector, sectors[sector])
        for sector in sorted(sectors, key=lambda sector: (sector == "", sector.casefold()))
    ]
    by_ownership = [
        _row(str(label), ownership, ownerships.get(ownership))
        for ownership, label in Ownership.choices
    ]

    # 7. Every area of the strategy, with its engaged organisations, people and businesses.
    in_area = Q(organisations__people__in=engaged_pks)
    areas = strategy_areas(strategy=strategy).annotate(
        engaged_organisations=Count("organisations", distinct=True, filter=in_area),
        engaged_people=Count("organisations__people", distinct=True, filter=in_area),
        engaged_businesses=Count(
            "organisations",
            distinct=True,
            filter=in_area & Q(organisations__kind=OrganisationKind.BUSINESS),
        ),
    )
    by_area = [
        CoverageRow(
            label=area.name,
            key=area,
            organisations=area.engaged_organisations,
            people=area.engaged_people,
            businesses=area.engaged_businesses,
        )
        for area in areas
    ]

    # 8. Every body of the strategy, by the activities it organised through which people came.
    via_body = engaged_person_q(strategy=strategy, priority=priority, body=OuterRef(OuterRef("pk")))
    bodies = (
        Body.objects.filter(strategy=strategy)
        .order_by("name")
        .annotate(
            engaged_people=_count(Person.objects.filter(via_body)),
            engaged_organisations=_org_count(via_body),
        )
    )
    by_body = [
        CoverageRow(
            label=body.name,
            key=body,
            organisations=body.engaged_organisations or 0,
            people=body.engaged_people or 0,
        )
        for body in bodies
    ]
    by_body.append(
        CoverageRow(
            label="No organising body",
            organisations=people["no_body_organisations"],
            people=people["no_body_people"],
        )
    )

    gaps = _gaps(
        priority=priority,
        kind_orgs={row.key: row.organisations for row in by_kind},
        ownership_orgs={row.key: row.organisations for row in by_ownership},
        area_businesses=[(row.label, row.businesses) for row in by_area],
    )
    return Coverage(
        strategy=strategy,
        priority=priority,
        totals=totals,
        by_kind=by_kind,
        by_sector=by_sector,
        by_area=by_area,
        by_ownership=by_ownership,
        by_body=by_body,
        gaps=gaps,
    )


# Summaries with gaps for several strategies or priorities at once (one query for all rows)


def _gap_annotations(person_q: Q, areas: Iterable[Area]) -> dict[str, Subquery]:
    """Per row: engaged people and organisations, and organisations per type, sector, area."""
    columns = {
        "engaged_people": _count(Person.objects.filter(person_q)),
        "engaged_organisations": _org_count(person_q),
    }
    for kind in OrganisationKind.values:
        columns[f"kind_{kind}"] = _org_count(person_q, organisation__kind=kind)
    for ownership in Ownership.values:
        columns[f"ownership_{ownership}"] = _org_count(person_q, organisation__ownership=ownership)
    for area in areas:
        columns[f"area_{area.pk}"] = _org_count(
            person_q, organisation__kind=OrganisationKind.BUSINESS, organisation__area=area.pk
        )
    return columns


def _summary(row: Any, *, priority: Priority | None, areas: Iterable[Area]) -> GapSummary:
    """A GapSummary from a row annotated by _gap_annotations (and with contributions)."""
    gaps = _gaps(
        priority=priority,
        kind_orgs={kind: getattr(row, f"kind_{kind}") for kind in OrganisationKind.values},
        ownership_orgs={
            ownership: getattr(row, f"ownership_{ownership}") for ownership in Ownership.values
        },
        area_businesses=[(area.name, getattr(row, f"area_{area.pk}")) for area in areas],
    )
    return GapSummary(
        subject=row,
        organisations=row.engaged_organisations or 0,
        people=row.engaged_people or 0,
        contributions=row.engaged_contributions or 0,
        gaps=gaps,
    )


def priority_summaries(
    *, strategy: Strategy, areas: Sequence[Area] | None = None
) -> list[GapSummary]:
    """Each priority of the strategy with its engaged counts and gaps (two queries; one when
    the strategy's areas are given)."""
    if areas is None:
        areas = list(strategy_areas(strategy=strategy))
    return _priority_summaries(Priority.objects.filter(strategy=strategy), areas=areas)


def priority_summary(*, priority: Priority) -> GapSummary:
    """One priority's engaged counts and gaps, for its staff page (two queries)."""
    areas = list(strategy_areas(strategy=priority.strategy_id))
    return _priority_summaries(Priority.objects.filter(pk=priority.pk), areas=areas)[0]


def _priority_summaries(
    priorities: QuerySet[Priority], *, areas: Sequence[Area]
) -> list[GapSummary]:
    person_q = engaged_person_q(
        strategy=OuterRef(OuterRef("strategy")), priority=OuterRef(OuterRef("pk"))
    )
    rows = (
        priorities.order_by("number")
        .select_related("strategy")
        .annotate(
            engaged_contributions=_count(Contribution.objects.filter(priorities=OuterRef("pk"))),
            **_gap_annotations(person_q, areas),
        )
    )
    return [_summary(row, priority=row, areas=areas) for row in rows]


def strategy_summaries() -> list[GapSummary]:
    """Every strategy, by name, with its engaged counts and gaps (three queries), for the
    staff home."""
    all_areas = list(Area.objects.order_by("name"))
    links: dict[int, set[int]] = {}
    for strategy_id, area_id in Strategy.areas.through.objects.values_list(
        "strategy_id", "area_id"
    ):
        links.setdefault(strategy_id, set()).add(area_id)
    person_q = engaged_person_q(strategy=OuterRef(OuterRef("pk")))
    rows = Strategy.objects.order_by("name").annotate(
        engaged_contributions=_count(
            Contribution.objects.filter(activity__strategy=OuterRef("pk"))
        ),
        **_gap_annotations(person_q, all_areas),
    )
    summaries = []
    for row in rows:
        linked = links.get(row.pk)
        areas = [area for area in all_areas if area.pk in linked] if linked else all_areas
        summaries.append(_summary(row, priority=None, areas=areas))
    return summaries


# The engaged organisations, listed


def engaged_organisations(
    *, strategy: Strategy, priority: Priority | None = None
) -> QuerySet[Organisation]:
    """The organisations engaged on the strategy (or priority), by name, with how many of their
    people were engaged and the date they were last engaged (`last_engaged_on`)."""
    engaged = engaged_person_q(strategy=strategy, priority=priority)
    attended = ActivityInvitation.objects.filter(
        person__organisation=OuterRef("pk"),
        attendance=ActivityAttendance.ATTENDED,
        activity__strategy=strategy,
    )
    contributed = Contribution.objects.filter(
        author__organisation=OuterRef("pk"), activity__strategy=strategy
    )
    if priority is not None:
        attended = attended.filter(activity__priorities=priority)
        contributed = contributed.filter(priorities=priority)
    last_attended = TruncDate(
        Subquery(attended.order_by("-activity__starts_at").values("activity__starts_at")[:1])
    )
    last_contributed = Subquery(
        contributed.order_by("-made_on").values("made_on")[:1], output_field=DateField()
    )
    return (
        Organisation.objects.filter(
            Exists(Person.objects.filter(engaged, organisation=OuterRef("pk")))
        )
        .select_related("area")
        .annotate(
            engaged_people=_count(Person.objects.filter(engaged, organisation=OuterRef("pk"))),
            # Greatest is NULL on SQLite when either side is: each side falls back on the other.
            last_engaged_on=Greatest(
                Coalesce(last_attended, last_contributed),
                Coalesce(last_contributed, last_attended),
                output_field=DateField(),
            ),
        )
        .order_by("name", "pk")
    )
