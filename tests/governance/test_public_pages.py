"""The public pages of the bodies steering a strategy: the list, and a page per body."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from convenor.governance.choices import BodyKind, MembershipRole, Openness
from convenor.governance.models import Body
from convenor.scenarios.generate import DEMO_SCENARIO, scenario_generate
from convenor.scenarios.loader import scenario_load, scenario_load_data
from convenor.strategy.models import Strategy
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.governance.factories import BodyFactory, BodyPriorityFactory, MembershipFactory
from tests.stakeholders.factories import OrganisationFactory, PersonFactory
from tests.strategy.factories import PriorityFactory, StrategyFactory

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return response.content.decode()


@pytest.fixture
def strategy():
    return StrategyFactory(slug="em3-lis", name="Enterprise M3 Local Industrial Strategy")


@pytest.fixture
def bodies(strategy):
    """A board, a steering group reporting to it, and an action group reporting to that."""
    today = timezone.localdate()
    smart_mobility = PriorityFactory(strategy=strategy, number=8, title="Smart mobility")
    towns = PriorityFactory(
        strategy=strategy, number=3, title="The productive capacity of towns", short_title="Towns"
    )
    board = BodyFactory(
        strategy=strategy,
        slug="board",
        name="Enterprise M3 Board",
        kind=BodyKind.BOARD,
        openness=Openness.CLOSED,
        remit="Agrees the strategy.",
    )
    steering = BodyFactory(
        strategy=strategy,
        slug="steering-group",
        name="LIS Steering Group",
        kind=BodyKind.STEERING_GROUP,
        remit="Gives a steer on overall approach and major choices.",
        themes="all nine priorities",
        reports_to=board,
    )
    transport = BodyFactory(
        strategy=strategy,
        slug="transport",
        name="Transport Action Group",
        kind=BodyKind.ACTION_GROUP,
        openness=Openness.BY_INVITATION,
        remit="Steers smart mobility.",
        themes="smart mobility",
        reports_to=steering,
    )
    BodyPriorityFactory(body=transport, priority=smart_mobility, leads=True)
    BodyPriorityFactory(body=transport, priority=towns)
    BodyPriorityFactory(body=steering, priority=towns, leads=True)

    lep = OrganisationFactory(name="Enterprise M3 LEP")
    council = OrganisationFactory(name="Surrey County Council")
    MembershipFactory(
        body=steering,
        role=MembershipRole.CHAIR,
        person=PersonFactory(
            name="Stacey King", job_title="Board member", organisation=lep, email="sk@example.org"
        ),
    )
    MembershipFactory(
        body=steering,
        role=MembershipRole.CORE_MEMBER,
        person=PersonFactory(name="Mike Short", job_title="Board member", organisation=lep),
    )
    MembershipFactory(
        body=steering,
        role=MembershipRole.CORE_MEMBER,
        person=PersonFactory(name="Dave Axam", job_title="Board member", organisation=lep),
    )
    MembershipFactory(
        body=steering,
        role=MembershipRole.CORE_MEMBER,
        # Works for one organisation, sits here for another.
        person=PersonFactory(
            name="Alex Leader",
            job_title="Council leader",
            organisation=OrganisationFactory(name="Leaders Ltd"),
            is_illustrative=True,
        ),
        representing=council,
    )
    MembershipFactory(
        body=steering,
        role=MembershipRole.SECRETARIAT,
        person=PersonFactory(name="Kevin Lloyd", job_title="LIS Lead", organisation=lep),
    )
    MembershipFactory(
        body=steering,
        role=MembershipRole.MEMBER,
        person=PersonFactory(name="Pat Former", job_title="Adviser", organisation=lep),
        starts_on=datetime.date(2018, 1, 1),
        ends_on=today - datetime.timedelta(days=1),
    )
    return {"board": board, "steering": steering, "transport": transport}


# --- The list of bodies -------------------------------------------------------------------------


def test_bodies_page_groups_bodies_by_kind_with_their_facts(client, strategy, bodies):
    response = client.get(reverse("governance:body_list", args=["em3-lis"]))

    assert response.status_code == 200
    page = text_of(response)
    assert (
        "<title>Groups and boards: Enterprise M3 Local Industrial Strategy "
        "\N{EN DASH} Convenor</title>" in page
    )
    # Kinds in their declared order: the board first, then steering groups, then action groups.
    assert (
        page.index('id="board">Boards</h2>')
        < page.index('id="steering_group">Steering groups</h2>')
        < page.index('id="action_group">Action groups</h2>')
    )
    assert (
        '<a class="govuk-link" href="/s/em3-lis/bodies/steering-group/">LIS Steering Group</a>'
        in page
    )
    assert "Gives a steer on overall approach and major choices." in page
    assert '<dd class="govuk-summary-list__value">Closed</dd>' in page
    assert '<dd class="govuk-summary-list__value">By invitation</dd>' in page
    assert '<dd class="govuk-summary-list__value">Stacey King</dd>' in page
    # Five current people; the one whose membership ended is not counted.
    assert '<dd class="govuk-summary-list__value">5 members</dd>' in page
    assert '<dd class="govuk-summary-list__value">0 members</dd>' in page
    assert page.count('<dd class="govuk-summary-list__value">No chair</dd>') == 2
    assert '<li><a class="govuk-link" href="/s/em3-lis/priorities/3/">3. Towns</a></li>' in page
    assert (
        '<li><a class="govuk-link" href="/s/em3-lis/priorities/8/">8. Smart mobility</a>'
        " (lead)</li>" in page
    )
    assert "@example.org" not in page


def test_bodies_page_without_bodies_says_so(client, strategy):
    page = text_of(client.get(reverse("governance:body_list", args=["em3-lis"])))

    assert "No groups or boards yet." in page


# --- A body's page ------------------------------------------------------------------------------


def test_body_page_shows_remit_place_priorities_and_members_by_role(client, strategy, bodies):
    response = client.get(reverse("governance:body_detail", args=["em3-lis", "steering-group"]))

    assert response.status_code == 200
    page = text_of(response)
    assert "<title>LIS Steering Group \N{EN DASH} Convenor</title>" in page
    assert '<h1 class="govuk-heading-xl">LIS Steering Group</h1>' in page
    assert '<span class="govuk-caption-xl">Steering group</span>' in page
    assert '<p class="govuk-body">Gives a steer on overall approach and major choices.</p>' in page
    assert '<dd class="govuk-summary-list__value">all nine priorities</dd>' in page
    assert '<a class="govuk-link" href="/s/em3-lis/bodies/board/">Enterprise M3 Board</a>' in page
    assert (
        '<li><a class="govuk-link" href="/s/em3-lis/bodies/transport/">'
        "Transport Action Group</a></li>" in page
    )
    assert (
        '<a class="govuk-link" href="/s/em3-lis/priorities/3/">3. The productive capacity of towns'
        '</a> <strong class="govuk-tag govuk-tag--blue">Lead body</strong>' in page
    )
    # Roles in the house order (chair first, secretariat last), names in order within a role.
    headings = ['<h3 class="govuk-heading-m">Chair</h3>', "Core members</h3>", "Secretariat</h3>"]
    assert [page.index(heading) for heading in headings] == sorted(
        page.index(heading) for heading in headings
    )
    assert page.index("Alex Leader") < page.index("Dave Axam") < page.index("Mike Short")
    assert "Stacey King</span>, Board member, Enterprise M3 LEP</span>" in page
    # Someone sitting for another organisation is shown with the one they represent here.
    assert (
        'Alex Leader</span> <strong class="govuk-tag govuk-tag--grey app-tag--illustrative">'
        "Illustrative</strong>, Council leader, Surrey County Council</span>" in page
    )
    # Ended memberships are listed apart, and only there.
    past = page[page.index("Past members</h3>") :]
    assert "Pat Former</span>, Adviser, Enterprise M3 LEP</span> (member, until" in past
    assert page.count("Pat Former") == 1
    assert "@example.org" not in page
    assert (
        '<a class="govuk-breadcrumbs__link" href="/s/em3-lis/bodies/">Groups and boards</a>' in page
    )


def test_body_page_with_nothing_filled_in_says_so(client, strategy):
    BodyFactory(strategy=strategy, slug="new-group", name="New group", remit="")

    page = text_of(client.get(reverse("governance:body_detail", args=["em3-lis", "new-group"])))

    assert "No remit written yet." in page
    assert "It steers no priorities." in page
    assert "No members yet." in page
    assert "Past members" not in page


def test_a_body_of_another_strategy_is_not_found(client, strategy, bodies):
    other = StrategyFactory(slug="other")
    BodyFactory(strategy=other, slug="elsewhere")

    response = client.get(reverse("governance:body_detail", args=["em3-lis", "elsewhere"]))

    assert response.status_code == 404


def test_bodies_of_a_strategy_that_is_not_public_are_not_found_except_by_staff(
    client, strategy, bodies
):
    strategy.is_public = False
    strategy.save()
    urls = [
        reverse("governance:body_list", args=["em3-lis"]),
        reverse("governance:body_detail", args=["em3-lis", "board"]),
    ]

    assert [client.get(url).status_code for url in urls] == [404, 404]
    client.force_login(UserFactory())
    assert [client.get(url).status_code for url in urls] == [404, 404]
    client.force_login(StaffUserFactory())
    assert [client.get(url).status_code for url in urls] == [200, 200]


# --- Query counts -------------------------------------------------------------------------------


def load_dataset(name: str) -> Strategy:
    """Load the demo, or a generated scenario ten times its size; return its strategy."""
    if name == "demo":
        scenario_load(path=DEMO_SCENARIO, build_publications=False)
    else:
        scenario_load_data(
            data=scenario_generate(scale=10), source="generated x10", build_publications=False
        )
    return Strategy.objects.get()


def test_the_demo_steering_group_is_chaired_by_stacey_king_with_its_core_members(client):
    strategy = load_dataset("demo")

    url = reverse("governance:body_detail", args=[strategy.slug, "lis-steering-group"])
    page = text_of(client.get(url))

    members = page[page.index('id="members"') :]
    chair = members[members.index("Chair</h3>") : members.index("Core members</h3>")]
    assert "Stacey King</span>, Enterprise M3 Board member" in chair
    core = members[members.index("Core members</h3>") : members.index("Secretariat</h3>")]
    assert "Dave Axam</span>, Enterprise M3 Board member" in core
    assert "Mike Short</span>, Enterprise M3 Board member" in core
    assert core.count('<span class="app-person__name">') == 4  # and two council leaders
    assert "Kevin Lloyd</span>, Local Industrial Strategy Lead" in members
    assert "@example.org" not in page


@pytest.mark.parametrize("dataset", ["demo", "generated x10"])
def test_body_pages_make_as_many_queries_for_ten_times_the_data(
    client, django_assert_num_queries, dataset
):
    strategy = load_dataset(dataset)
    assert Body.objects.count() == {"demo": 13, "generated x10": 130}[dataset]
    # The steering group: it has a chair, core members, a secretariat, and bodies reporting to it.
    steering_group = Body.objects.filter(kind=BodyKind.STEERING_GROUP).order_by("slug").first()
    assert steering_group.memberships.count() >= 5
    assert steering_group.reporting_bodies.exists()

    # strategy, bodies with member counts, their chairs, what they steer, the navigation's strategy
    with django_assert_num_queries(5):
        assert client.get(reverse("governance:body_list", args=[strategy.slug])).status_code == 200
    # strategy, body, bodies reporting to it, what it steers, memberships, the navigation's
    # strategy, and (the meetings panel) its public meetings: none, so nothing more is fetched.
    url = reverse("governance:body_detail", args=[strategy.slug, steering_group.slug])
    with django_assert_num_queries(7):
        assert client.get(url).status_code == 200
