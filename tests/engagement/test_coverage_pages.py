"""The coverage pages and engagement's panels on the staff home and each priority's staff page."""

from html import escape

import pytest
from django.urls import reverse

from convenor.engagement.choices import ActivityAttendance
from convenor.stakeholders.choices import OrganisationKind, Ownership
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.engagement.factories import (
    ActivityFactory,
    ActivityInvitationFactory,
    ContributionFactory,
)
from tests.governance.factories import BodyFactory, BodyPriorityFactory, MembershipFactory
from tests.stakeholders.factories import AreaFactory, OrganisationFactory, PersonFactory
from tests.strategy.factories import PriorityFactory, StrategyFactory
from tests.strategy.test_staff_views import text_of

pytestmark = pytest.mark.django_db

ATTENDED = ActivityAttendance.ATTENDED


@pytest.fixture
def staff(client):
    user = StaffUserFactory()
    client.force_login(user)
    return user


def coverage_url(strategy) -> str:
    return reverse("engagement_staff:coverage", args=[strategy.slug])


def priority_coverage_url(priority) -> str:
    return reverse(
        "engagement_staff:priority_coverage", args=[priority.strategy.slug, priority.number]
    )


def world(size: int):
    """A strategy over two areas with three priorities, and `size` businesses whose director
    attended a workshop on priority 1 (and, for every other one, contributed to priority 2)."""
    rushmoor, hart = AreaFactory(name="Rushmoor"), AreaFactory(name="Hart")
    strategy = StrategyFactory(name="EM3 Local Industrial Strategy")
    strategy.areas.set([rushmoor, hart])
    p1, p2, _p3 = (PriorityFactory(strategy=strategy, number=n) for n in (1, 2, 3))
    body = BodyFactory(strategy=strategy, name="Skills action group")
    workshop = ActivityFactory(strategy=strategy, body=body)
    workshop.priorities.set([p1])
    window = ActivityFactory(strategy=strategy)
    for n in range(size):
        business = OrganisationFactory(
            name=f"Business {n:03d} Ltd",
            kind=OrganisationKind.BUSINESS,
            ownership=Ownership.PRIVATE,
            sector=f"Sector {n % 4}",
            area=rushmoor,
        )
        director = PersonFactory(organisation=business)
        ActivityInvitationFactory(activity=workshop, person=director, attendance=ATTENDED)
        if n % 2:
            ContributionFactory(activity=window, author=director, priorities=[p2])
    return strategy


# Permissions


@pytest.mark.parametrize("name", ["coverage", "priority_coverage"])
def test_anonymous_visitors_are_sent_to_sign_in_and_non_staff_are_refused(client, name):
    strategy = world(1)
    url = (
        coverage_url(strategy)
        if name == "coverage"
        else priority_coverage_url(strategy.priorities.get(number=1))
    )
    response = client.get(url)
    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))

    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


def test_an_unknown_strategy_or_priority_is_not_found(client, staff):
    strategy = world(1)
    assert client.get(reverse("engagement_staff:coverage", args=["nope"])).status_code == 404
    url = reverse("engagement_staff:priority_coverage", args=[strategy.slug, 99])
    assert client.get(url).status_code == 404


# The strategy's coverage page


def test_the_strategy_page_shows_counts_gaps_priorities_and_organisations(client, staff):
    strategy = world(3)

    response = client.get(coverage_url(strategy))

    assert response.status_code == 200
    text = text_of(response)
    assert "Organisations engaged 3 People engaged 3" in text
    assert "College 0 None 0 Business 3 3" in text  # the organisation type table
    assert "University 0 None 0" in text
    assert "Rushmoor 3 3" in text
    assert "Hart 0 None 0" in text
    assert "Skills action group 3 3" in text
    assert "No business from Hart" in text
    assert "No university has contributed" in text
    assert "No public sector organisation has been engaged" in text
    # Priority 1: 3 engaged by attending; priority 2: 1 contributor; priority 3: nobody.
    assert "1. Priority title" in text
    priorities = response.context["priorities"]
    assert [(s.organisations, s.people, s.contributions) for s in priorities] == [
        (3, 3, 0),
        (1, 1, 1),
        (0, 0, 0),
    ]
    assert f'href="{priority_coverage_url(priorities[2].subject)}"' in response.content.decode()
    assert [o.name for o in response.context["object_list"]] == [
        "Business 000 Ltd",
        "Business 001 Ltd",
        "Business 002 Ltd",
    ]
    assert "What is counted" in text


def test_the_engaged_organisations_are_paginated(client, staff):
    strategy = world(27)

    first = client.get(coverage_url(strategy))
    second = client.get(coverage_url(strategy) + "?page=2")

    assert len(first.context["object_list"]) == 25
    assert [o.name for o in second.context["object_list"]] == [
        "Business 025 Ltd",
        "Business 026 Ltd",
    ]
    assert 'aria-label="Pages of organisations engaged"' in first.content.decode()


def test_nothing_engaged_shows_the_empty_state(client, staff):
    strategy = StrategyFactory()

    text = text_of(client.get(coverage_url(strategy)))

    assert "No organisation has been engaged yet." in text
    assert "This strategy has no priorities yet." in text


def test_names_from_the_register_are_shown_escaped(client, staff):
    strategy = world(0)
    hostile = '<script>alert("x")</script>'
    business = OrganisationFactory(name=hostile, sector=hostile, area=AreaFactory(name=hostile))
    strategy.areas.add(business.area)
    ContributionFactory(
        activity=ActivityFactory(strategy=strategy), author=PersonFactory(organisation=business)
    )

    html = client.get(coverage_url(strategy)).content.decode()

    assert hostile not in html
    assert escape(hostile) in html


# A priority's coverage page


def test_the_priority_page_counts_engagement_on_that_priority_only(client, staff):
    strategy = world(3)
    p2 = strategy.priorities.get(number=2)

    response = client.get(priority_coverage_url(p2))

    assert response.status_code == 200
    text = text_of(response)
    assert "Reach and coverage of priority 2" in text
    assert "Organisations engaged 1 People engaged 1" in text
    assert "No university has contributed to priority 2" in text
    assert "No business from Hart has contributed to priority 2" in text
    assert [o.name for o in response.context["object_list"]] == ["Business 001 Ltd"]
    assert "has been engaged on priority 2 when they attended an activity tagged" in text


# Panels


def test_the_staff_home_shows_links_and_the_first_five_gaps_per_strategy(client, staff):
    strategy = world(1)

    response = client.get(reverse("strategy_staff:home"))

    html = response.content.decode()
    text = text_of(response)
    for name in ("activity_list", "coverage"):
        assert f'href="{reverse(f"engagement_staff:{name}", args=[strategy.slug])}"' in html
    assert f'href="{reverse("engagement_staff:relationship_grid")}"' in html
    assert f'href="{reverse("engagement_staff:segment_list")}"' in html
    # 7 types without an organisation, 2 sectors of the economy, and Hart with no business.
    gaps = response.context["panels"]
    rows = next(p for p in gaps if "rows" in p.context).context["rows"]
    assert len(rows[0]["summary"].gaps) == 10
    assert rows[0]["gaps"] == rows[0]["summary"].gaps[:5]
    assert "and 5 more" in text
    assert "No council has contributed" in text
    assert "No business from Hart" not in text  # the sixth gap onwards are behind the link


def test_the_staff_home_panel_is_for_staff_only(client):
    client.force_login(UserFactory())
    assert client.get(reverse("strategy_staff:home")).status_code == 403


def test_the_priority_page_shows_its_reach_and_gaps(client, staff):
    strategy = world(2)
    p1 = strategy.priorities.get(number=1)

    response = client.get(reverse("strategy_staff:priority_edit", args=[strategy.slug, 1]))

    text = text_of(response)
    assert "Reach and coverage" in text
    assert "2 organisations, 2 people, 0 contributions" in text
    assert "No university has contributed to priority 1" in text
    assert f'href="{priority_coverage_url(p1)}"' in response.content.decode()


# Query counts: the same at two data sizes

STRATEGY_QUERIES = 15  # session, user, strategy, 8 of coverage, priorities, 2 of the page, nav
PRIORITY_QUERIES = 15  # session, user, strategy, priority, 8 of coverage, 2 of the page, nav
STAFF_HOME_QUERIES = 9 + 3 + 1 + 1  # + the strategies publishing and insight link to
# The page's 8, engagement's reach panel (2), and the evidence base's and interventions' panels
# on a priority with no evidence, briefs or interventions (6)
PRIORITY_EDIT_QUERIES = 8 + 2 + 6


@pytest.mark.parametrize("size", [3, 30])
def test_the_strategy_page_makes_as_many_queries_for_ten_times_the_data(
    client, staff, django_assert_num_queries, size
):
    strategy = world(size)
    url = coverage_url(strategy)
    client.get(url)
    with django_assert_num_queries(STRATEGY_QUERIES):
        response = client.get(url)
    assert response.context["coverage"].totals.people == size


@pytest.mark.parametrize("size", [3, 30])
def test_the_priority_page_makes_as_many_queries_for_ten_times_the_data(
    client, staff, django_assert_num_queries, size
):
    strategy = world(size)
    url = priority_coverage_url(strategy.priorities.get(number=1))
    client.get(url)
    with django_assert_num_queries(PRIORITY_QUERIES):
        response = client.get(url)
    assert response.context["coverage"].totals.people == size


@pytest.mark.parametrize("size", [3, 30])
def test_the_staff_home_makes_as_many_queries_for_ten_times_the_data(
    client, staff, django_assert_num_queries, size
):
    world(size)
    url = reverse("strategy_staff:home")
    client.get(url)
    with django_assert_num_queries(STAFF_HOME_QUERIES):
        client.get(url)


@pytest.mark.parametrize("size", [3, 30])
def test_the_priority_edit_page_makes_as_many_queries_for_ten_times_the_data(
    client, staff, django_assert_num_queries, size
):
    strategy = world(size)
    url = reverse("strategy_staff:priority_edit", args=[strategy.slug, 1])
    client.get(url)
    with django_assert_num_queries(PRIORITY_EDIT_QUERIES):
        client.get(url)


def test_members_of_a_steering_body_see_the_priority_page_without_the_panel(client):
    strategy = world(1)
    p1 = strategy.priorities.get(number=1)
    steering = BodyPriorityFactory(body__strategy=strategy, priority=p1)
    member = UserFactory()
    MembershipFactory(body=steering.body, person=PersonFactory(user=member))
    client.force_login(member)

    response = client.get(reverse("strategy_staff:priority_edit", args=[strategy.slug, 1]))

    assert response.status_code == 200
    # Reach is for staff; the panels members get are the evidence base's and interventions'.
    assert not any(
        panel.template_name.startswith("engagement/") for panel in response.context["panels"]
    )
    assert "Reach and coverage" not in text_of(response)
