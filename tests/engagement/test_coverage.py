"""Reach and coverage counted: who was engaged on a strategy and each priority, and the gaps."""

import datetime

import pytest

from convenor.engagement import coverage_selectors
from convenor.engagement.choices import ActivityAttendance
from convenor.engagement.coverage_selectors import coverage_for
from convenor.stakeholders.choices import OrganisationKind, Ownership
from tests.engagement.factories import (
    ActivityFactory,
    ActivityInvitationFactory,
    ContributionFactory,
)
from tests.governance.factories import BodyFactory
from tests.stakeholders.factories import AreaFactory, OrganisationFactory, PersonFactory
from tests.strategy.factories import PriorityFactory, StrategyFactory

pytestmark = pytest.mark.django_db

ATTENDED = ActivityAttendance.ATTENDED


class World:
    """Two areas (Rushmoor, Hart), a university in Hart, a business in Rushmoor, 3 priorities."""

    def __init__(self) -> None:
        self.rushmoor = AreaFactory(name="Rushmoor")
        self.hart = AreaFactory(name="Hart")
        self.strategy = StrategyFactory()
        self.strategy.areas.set([self.rushmoor, self.hart])
        self.p1, self.p2, self.p3 = (
            PriorityFactory(strategy=self.strategy, number=n) for n in (1, 2, 3)
        )
        self.body = BodyFactory(strategy=self.strategy, name="Skills action group")
        self.university = OrganisationFactory(
            name="University of Surrey",
            kind=OrganisationKind.UNIVERSITY,
            ownership=Ownership.PUBLIC,
            sector="Higher education",
            area=self.hart,
        )
        self.business = OrganisationFactory(
            name="Airbus Ltd",
            kind=OrganisationKind.BUSINESS,
            ownership=Ownership.PRIVATE,
            sector="Aerospace",
            area=self.rushmoor,
        )
        self.professor = PersonFactory(organisation=self.university)
        self.director = PersonFactory(organisation=self.business)
        self.workshop = ActivityFactory(strategy=self.strategy, body=self.body)
        self.workshop.priorities.set([self.p1])
        self.roundtable = ActivityFactory(strategy=self.strategy)


@pytest.fixture
def world() -> World:
    return World()


def test_nobody_engaged_counts_zero_everywhere_and_every_type_is_a_gap(world):
    coverage = coverage_for(strategy=world.strategy)

    assert coverage.totals.people == 0
    assert coverage.totals.organisations == 0
    assert [row.organisations for row in coverage.by_kind] == [0] * 8
    assert [row.label for row in coverage.by_area] == ["Hart", "Rushmoor"]
    assert "No university has contributed" in coverage.gaps
    assert "No business from Rushmoor" in coverage.gaps
    assert "No private sector organisation has been engaged" in coverage.gaps


def test_a_contribution_tagged_to_two_priorities_counts_the_business_on_both(world):
    ContributionFactory(
        activity=world.roundtable, author=world.director, priorities=[world.p1, world.p2]
    )

    for priority in (world.p1, world.p2):
        coverage = coverage_for(strategy=world.strategy, priority=priority)
        business = next(row for row in coverage.by_kind if row.key == OrganisationKind.BUSINESS)
        assert (business.organisations, business.people) == (1, 1)
        assert coverage.totals.contributions == 1
        assert f"No business has contributed to priority {priority.number}" not in coverage.gaps
        assert f"No business from Rushmoor has contributed to priority {priority.number}" not in (
            coverage.gaps
        )
        assert f"No business from Hart has contributed to priority {priority.number}" in (
            coverage.gaps
        )
    p3 = coverage_for(strategy=world.strategy, priority=world.p3)
    assert p3.totals.people == 0
    assert p3.totals.contributions == 0
    assert "No business has contributed to priority 3" in p3.gaps


def test_priority_3_has_the_gap_no_university_has_contributed(world):
    ActivityInvitationFactory(activity=world.workshop, person=world.professor, attendance=ATTENDED)

    p1 = coverage_for(strategy=world.strategy, priority=world.p1)
    p3 = coverage_for(strategy=world.strategy, priority=world.p3)

    assert "No university has contributed to priority 1" not in p1.gaps
    assert "No university has contributed to priority 3" in p3.gaps
    assert p3.gaps == [
        "No council has contributed to priority 3",
        "No university has contributed to priority 3",
        "No college has contributed to priority 3",
        "No business has contributed to priority 3",
        "No business representative body has contributed to priority 3",
        "No government body has contributed to priority 3",
        "No agency has contributed to priority 3",
        "No voluntary or community organisation has contributed to priority 3",
        "No public sector organisation has contributed to priority 3",
        "No private sector organisation has contributed to priority 3",
        "No third sector organisation has contributed to priority 3",
        "No business from Hart has contributed to priority 3",
        "No business from Rushmoor has contributed to priority 3",
    ]


def test_an_area_of_the_strategy_with_no_business_is_a_gap(world):
    ActivityInvitationFactory(activity=world.workshop, person=world.director, attendance=ATTENDED)
    ActivityInvitationFactory(activity=world.workshop, person=world.professor, attendance=ATTENDED)

    coverage = coverage_for(strategy=world.strategy)

    # Hart has an engaged university, but no business.
    assert [
        (row.label, row.organisations, row.people, row.businesses) for row in coverage.by_area
    ] == [
        ("Hart", 1, 1, 0),
        ("Rushmoor", 1, 1, 1),
    ]
    assert "No business from Hart" in coverage.gaps
    assert "No business from Rushmoor" not in coverage.gaps


def test_a_strategy_with_no_areas_counts_every_area(world):
    world.strategy.areas.clear()
    surrey_heath = AreaFactory(name="Surrey Heath")

    coverage = coverage_for(strategy=world.strategy)

    assert [row.label for row in coverage.by_area] == ["Hart", "Rushmoor", "Surrey Heath"]
    assert "No business from Surrey Heath" in coverage.gaps
    assert surrey_heath.name in [row.label for row in coverage.by_area]


def test_only_attendance_counts_among_invitations(world):
    ActivityInvitationFactory(
        activity=world.workshop, person=world.director, attendance=ActivityAttendance.ABSENT
    )
    ActivityInvitationFactory(
        activity=world.workshop,
        person=world.professor,
        attendance=ActivityAttendance.NOT_RECORDED,
    )

    coverage = coverage_for(strategy=world.strategy)

    assert (coverage.totals.people, coverage.totals.organisations) == (0, 0)
    assert coverage.totals.activities == 0


def test_people_engaged_twice_count_once(world):
    colleague = PersonFactory(organisation=world.business)
    ActivityInvitationFactory(activity=world.workshop, person=world.director, attendance=ATTENDED)
    ContributionFactory(activity=world.workshop, author=world.director, priorities=[world.p1])
    ContributionFactory(activity=world.roundtable, author=world.director)
    ContributionFactory(activity=world.roundtable, author=colleague)

    coverage = coverage_for(strategy=world.strategy)

    assert coverage.totals.people == 2
    assert coverage.totals.organisations == 1
    assert coverage.totals.contributions == 3
    assert coverage.totals.activities == 2
    business = next(row for row in coverage.by_kind if row.key == OrganisationKind.BUSINESS)
    assert (business.organisations, business.people) == (1, 2)
    assert [(row.label, row.organisations, row.people) for row in coverage.by_body] == [
        ("Skills action group", 1, 1),
        ("No organising body", 1, 2),
    ]
    [organisation] = coverage_selectors.engaged_organisations(strategy=world.strategy)
    assert organisation.engaged_people == 2
    p1 = coverage_for(strategy=world.strategy, priority=world.p1)
    assert (p1.totals.people, p1.totals.contributions, p1.totals.activities) == (1, 1, 1)


def test_anonymous_contributions_count_their_author_and_unattributed_ones_count_in_totals(world):
    ContributionFactory(activity=world.roundtable, author=world.director, is_anonymous=True)
    ContributionFactory(activity=world.roundtable, author=None, priorities=[world.p2])
    ContributionFactory(activity=world.roundtable, author=None, is_anonymous=True)

    coverage = coverage_for(strategy=world.strategy)

    assert coverage.totals.contributions == 3
    assert coverage.totals.anonymous_contributions == 2
    assert coverage.totals.unattributed_contributions == 2
    assert (coverage.totals.people, coverage.totals.organisations) == (1, 1)
    assert sum(row.people for row in coverage.by_kind) == 1
    p2 = coverage_for(strategy=world.strategy, priority=world.p2)
    assert (p2.totals.contributions, p2.totals.unattributed_contributions) == (1, 1)
    assert (p2.totals.people, p2.totals.activities) == (0, 1)


def test_people_with_no_organisation_count_in_totals_not_by_type(world):
    freelancer = PersonFactory(organisation=None)
    ContributionFactory(activity=world.roundtable, author=freelancer)

    coverage = coverage_for(strategy=world.strategy)

    assert coverage.totals.people == 1
    assert coverage.totals.people_without_organisation == 1
    assert coverage.totals.organisations == 0
    assert sum(row.people for row in coverage.by_kind) == 0


def test_engagement_on_another_strategy_does_not_count(world):
    other = ActivityFactory()
    ContributionFactory(activity=other, author=world.director)
    ActivityInvitationFactory(activity=other, person=world.professor, attendance=ATTENDED)

    coverage = coverage_for(strategy=world.strategy)

    assert (coverage.totals.people, coverage.totals.contributions) == (0, 0)


def test_tables_list_every_type_sector_and_public_private_third_with_zeros(world):
    OrganisationFactory(sector="")
    ContributionFactory(activity=world.roundtable, author=world.professor)

    coverage = coverage_for(strategy=world.strategy)

    assert [(row.label, row.organisations) for row in coverage.by_kind] == [
        ("Council", 0),
        ("University", 1),
        ("College", 0),
        ("Business", 0),
        ("Business representative body", 0),
        ("Government", 0),
        ("Agency", 0),
        ("Voluntary and community", 0),
    ]
    assert [(row.label, row.organisations) for row in coverage.by_ownership] == [
        ("Public sector", 1),
        ("Private sector", 0),
        ("Third sector", 0),
    ]
    assert [(row.label, row.organisations, row.people) for row in coverage.by_sector] == [
        ("Aerospace", 0, 0),
        ("Higher education", 1, 1),
        ("Sector not recorded", 0, 0),
    ]
    assert coverage.gaps[:2] == ["No council has contributed", "No college has contributed"]
    assert "No private sector organisation has been engaged" in coverage.gaps


def test_the_engaged_organisations_list_says_when_each_was_last_engaged(world):
    ActivityInvitationFactory(activity=world.workshop, person=world.director, attendance=ATTENDED)
    ContributionFactory(
        activity=world.roundtable, author=world.director, made_on=datetime.date(2019, 7, 1)
    )
    ActivityInvitationFactory(activity=world.workshop, person=world.professor, attendance=ATTENDED)

    organisations = list(coverage_selectors.engaged_organisations(strategy=world.strategy))

    assert [(o.name, o.engaged_people, o.last_engaged_on) for o in organisations] == [
        ("Airbus Ltd", 1, datetime.date(2019, 7, 1)),
        ("University of Surrey", 1, datetime.date(2019, 6, 12)),
    ]


def test_the_summaries_agree_with_the_full_coverage(world):
    ContributionFactory(
        activity=world.roundtable, author=world.director, priorities=[world.p1, world.p2]
    )
    ActivityInvitationFactory(activity=world.workshop, person=world.professor, attendance=ATTENDED)

    summaries = coverage_selectors.priority_summaries(strategy=world.strategy)

    assert [(s.organisations, s.people, s.contributions) for s in summaries] == [
        (2, 2, 1),
        (1, 1, 1),
        (0, 0, 0),
    ]
    for summary, priority in zip(summaries, (world.p1, world.p2, world.p3), strict=True):
        assert summary.gaps == coverage_for(strategy=world.strategy, priority=priority).gaps
    assert coverage_selectors.priority_summary(priority=world.p2).gaps == summaries[1].gaps
    [home] = coverage_selectors.strategy_summaries()
    assert home.gaps == coverage_for(strategy=world.strategy).gaps
    assert (home.organisations, home.people, home.contributions) == (2, 2, 1)


@pytest.mark.parametrize("size", [2, 20])
def test_coverage_makes_eight_queries_whatever_the_data(world, django_assert_num_queries, size):
    for _ in range(size):
        ContributionFactory(activity=world.roundtable, priorities=[world.p1])
        ActivityInvitationFactory(activity=world.workshop, attendance=ATTENDED)
    with django_assert_num_queries(8):
        coverage_for(strategy=world.strategy, priority=world.p1)
    with django_assert_num_queries(2):
        coverage_selectors.priority_summaries(strategy=world.strategy)
    with django_assert_num_queries(3):
        coverage_selectors.strategy_summaries()
