"""The public strategy pages: the home page with the timetable, and a page per priority."""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from convenor.governance.choices import BodyKind, MembershipRole
from convenor.scenarios.generate import DEMO_SCENARIO, scenario_generate
from convenor.scenarios.loader import scenario_load, scenario_load_data
from convenor.strategy.choices import EnquiryStatus, LepRole, PriorityStatus, StageStatus
from convenor.strategy.models import Strategy
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.governance.factories import BodyFactory, BodyPriorityFactory, MembershipFactory
from tests.stakeholders.factories import OrganisationFactory, PersonFactory
from tests.strategy.factories import (
    LineOfEnquiryFactory,
    MilestoneFactory,
    PriorityFactory,
    StageFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db


def text_of(response) -> str:
    return response.content.decode()


@pytest.fixture
def strategy():
    """A small strategy shaped like the paper's: three stages, two milestones, two priorities."""
    lead_organisation = OrganisationFactory(name="Enterprise M3 LEP")
    strategy = StrategyFactory(
        slug="em3-lis",
        name="Enterprise M3 Local Industrial Strategy",
        area_name="Enterprise M3 area",
        lead_organisation=lead_organisation,
        strategy_lead=PersonFactory(
            name="Kevin Lloyd",
            job_title="Local Industrial Strategy Lead",
            organisation=lead_organisation,
            email="kevin.lloyd@example.org",
        ),
        vision="Global gateway, local growth.",
        theory_of_change="Targeted evidence and co-design lead to compelling interventions.",
        narrative="An area of innovation and opportunity.",
    )
    set_up = StageFactory(
        strategy=strategy,
        order=1,
        name="Set up",
        period_label="Nov \N{EN DASH} Jan 2019",
        starts_on=datetime.date(2018, 11, 1),
        ends_on=datetime.date(2019, 1, 31),
        focus="Agree the approach with LEP Board and test with Government.",
        action="Identify theory of change and 9 strategic priorities",
        status=StageStatus.COMPLETE,
    )
    develop = StageFactory(
        strategy=strategy,
        order=2,
        name="Develop",
        period_label="Winter/Spring 2019",
        starts_on=datetime.date(2019, 1, 1),
        ends_on=datetime.date(2019, 5, 31),
        focus="Detailed work on interventions for each strategic priority.",
        action="Project briefs; lines of enquiry; evidence and analysis.",
        exit_criteria="Every priority has its lines of enquiry.",
        status=StageStatus.CURRENT,
    )
    StageFactory(
        strategy=strategy,
        order=3,
        name="Engage",
        period_label="Spring/Summer 2019",
        starts_on=datetime.date(2019, 4, 1),
        ends_on=datetime.date(2019, 9, 30),
        focus="Testing the interventions through participation and engagement.",
        action="Develop a set of compelling, supported, evidence based, practical interventions.",
    )
    MilestoneFactory(
        strategy=strategy, stage=develop, date=datetime.date(2019, 5, 22), title="Board meeting"
    )
    MilestoneFactory(strategy=strategy, date=datetime.date(2019, 6, 21), title="AGM")
    assert set_up.status == StageStatus.COMPLETE
    return strategy


@pytest.fixture
def innovation(strategy):
    """Priority 1, led by the enterprise and innovation action group, with two enquiries."""
    priority = PriorityFactory(
        strategy=strategy,
        number=1,
        title="Innovation and the commercialisation of knowledge",
        summary="Turn research strengths into growing businesses.",
        lep_role=LepRole.DEVELOPING,
        status=PriorityStatus.DEVELOPING,
        is_reconstructed=True,
        board_sponsor=PersonFactory(
            name="Mike Short",
            job_title="Board member",
            organisation=OrganisationFactory(name="University of Surrey"),
            email="mike.short@example.org",
        ),
        lead_officer=PersonFactory(
            name="Rebecca Officer",
            job_title="Innovation lead",
            organisation=OrganisationFactory(name="Made-up Partners Ltd", is_illustrative=True),
            email="rebecca@example.org",
            is_illustrative=True,
        ),
    )
    LineOfEnquiryFactory(
        priority=priority, order=1, question="Where are the strongest research clusters?"
    )
    LineOfEnquiryFactory(
        priority=priority,
        order=2,
        question="What holds back spin-outs?",
        status=EnquiryStatus.BEING_ANSWERED,
    )
    lead = BodyFactory(
        strategy=strategy, slug="enterprise-innovation", name="Enterprise and Innovation Group"
    )
    BodyPriorityFactory(body=lead, priority=priority, leads=True)
    hei = BodyFactory(strategy=strategy, slug="hei", name="HEI Group", kind=BodyKind.HEI_GROUP)
    BodyPriorityFactory(body=hei, priority=priority)
    return priority


@pytest.fixture
def workforce(strategy):
    return PriorityFactory(
        strategy=strategy,
        number=2,
        title="Transforming the workforce",
        lep_role=LepRole.CONVENING,
        status=PriorityStatus.SCOPING,
    )


# --- Home page ----------------------------------------------------------------------------------


def test_home_page_shows_the_strategy_and_where_it_stands(client, strategy, innovation, workforce):
    response = client.get(reverse("strategy:home"))

    assert response.status_code == 200
    page = text_of(response)
    assert "<title>Enterprise M3 Local Industrial Strategy \N{EN DASH} Convenor</title>" in page
    assert '<h1 class="govuk-heading-xl">Enterprise M3 Local Industrial Strategy</h1>' in page
    assert '<span class="govuk-caption-xl">Enterprise M3 area</span>' in page
    assert "Enterprise M3 LEP" in page
    assert "Kevin Lloyd</span>, Local Industrial Strategy Lead, Enterprise M3 LEP" in page
    assert '<p class="govuk-body">Global gateway, local growth.</p>' in page
    assert "Targeted evidence and co-design lead to compelling interventions." in page
    assert "An area of innovation and opportunity." in page
    # Where it stands: the current stage, its focus and action, what blocks the next, what's next.
    assert "<strong>Develop</strong> (Winter/Spring 2019)" in page
    assert "1 January 2019 to 31 May 2019" in page
    assert "Detailed work on interventions for each strategic priority." in page
    assert "Every priority has its lines of enquiry." in page
    assert "<strong>Engage</strong> (Spring/Summer 2019), from 1 April 2019" in page
    # Never an email address on a public page.
    assert "@example.org" not in page.replace("Signed in as", "")


def test_home_page_draws_the_timetable_as_an_accessible_chart_with_a_table(client, strategy):
    page = text_of(client.get(reverse("strategy:home")))

    assert 'role="img" aria-labelledby="timetable-chart-title"' in page
    assert (
        '<title id="timetable-chart-title">Timetable of Enterprise M3 Local Industrial Strategy'
        "</title>" in page
    )
    assert (
        '<desc id="timetable-chart-desc">3 stages from November 2018 to September 2019: '
        "Set up, Develop, Engage. The current stage is Develop (Winter/Spring 2019). "
        "Complete: Set up. Milestones: Board meeting, 22 May 2019; AGM, 21 June 2019.</desc>"
        in page
    )
    assert page.count('class="app-timeline__stage app-timeline__stage--') == 3
    assert page.count('class="app-timeline__stage app-timeline__stage--current"') == 1
    assert page.count('class="app-timeline__stage app-timeline__stage--complete"') == 1
    assert page.count('<polygon class="app-timeline__milestone"') == 2
    # The table beside the chart holds the same facts.
    assert "The timetable as a table</caption>" in page
    assert '<th scope="row" class="govuk-table__header">Set up</th>' in page
    assert '<td class="govuk-table__cell">1 Nov 2018 to 31 Jan 2019</td>' in page
    assert '<strong class="govuk-tag govuk-tag--green">Complete</strong>' in page
    assert '<strong class="govuk-tag govuk-tag--blue">Current</strong>' in page
    assert '<strong class="govuk-tag govuk-tag--grey">Not started</strong>' in page
    assert "<li><strong>22 May 2019</strong>: Board meeting (Develop stage)</li>" in page
    assert "<li><strong>21 June 2019</strong>: AGM</li>" in page


def test_home_page_lists_the_priorities_with_role_lead_body_and_status(
    client, strategy, innovation, workforce
):
    page = text_of(client.get(reverse("strategy:home")))

    assert "The 2 strategic priorities</caption>" in page
    assert (
        '<a class="govuk-link" href="/s/em3-lis/priorities/1/">'
        "Innovation and the commercialisation of knowledge</a>" in page
    )
    assert (
        '<a class="govuk-link" href="/s/em3-lis/priorities/2/">Transforming the workforce</a>'
        in page
    )
    assert "Actively developing propositions" in page
    assert "Convening and facilitating" in page
    assert (
        '<a class="govuk-link" href="/s/em3-lis/bodies/enterprise-innovation/">'
        "Enterprise and Innovation Group</a>" in page
    )
    assert "Not chosen yet" in page  # priority 2 has no lead body
    assert '<strong class="govuk-tag govuk-tag--light-blue">In development</strong>' in page
    assert '<a class="govuk-link" href="/s/em3-lis/bodies/">' in page


def test_home_page_says_what_is_missing_when_the_strategy_is_new(client):
    StrategyFactory(slug="new", name="A new strategy", vision="")

    page = text_of(client.get(reverse("strategy:home")))

    assert "The vision has not been written yet." in page
    assert "No stage is under way." in page
    assert "No further stages." in page
    assert "No stages in the timetable yet." in page
    assert "No milestones yet." in page
    assert "No priorities yet." in page


def test_home_page_without_a_public_strategy_says_so(client):
    StrategyFactory(is_public=False, name="Secret strategy")

    response = client.get(reverse("strategy:home"))

    assert response.status_code == 200
    page = text_of(response)
    assert '<h1 class="govuk-heading-xl">No strategy yet</h1>' in page
    assert "There is no public strategy to show yet." in page
    assert "Secret strategy" not in page
    assert "Create a strategy" not in page


def test_home_page_without_a_strategy_offers_staff_a_link_to_create_one(client):
    client.force_login(StaffUserFactory())

    page = text_of(client.get(reverse("strategy:home")))

    assert f'href="{reverse("strategy_staff:strategy_create")}"' in page
    assert ">Create a strategy</a>" in page


def test_a_strategy_that_is_not_public_is_not_found_except_by_staff(client, strategy, innovation):
    strategy.is_public = False
    strategy.save()
    urls = [
        reverse("strategy:strategy_detail", args=["em3-lis"]),
        reverse("strategy:priority_detail", args=["em3-lis", 1]),
    ]

    assert [client.get(url).status_code for url in urls] == [404, 404]
    client.force_login(UserFactory())
    assert [client.get(url).status_code for url in urls] == [404, 404]
    client.force_login(StaffUserFactory())
    assert [client.get(url).status_code for url in urls] == [200, 200]


def test_strategy_page_has_breadcrumbs_back_home(client, strategy):
    page = text_of(client.get(reverse("strategy:strategy_detail", args=["em3-lis"])))

    assert '<a class="govuk-breadcrumbs__link" href="/">Home</a>' in page
    assert (
        '<li class="govuk-breadcrumbs__list-item">Enterprise M3 Local Industrial Strategy</li>'
        in page
    )


# --- Priority page ------------------------------------------------------------------------------


def test_priority_page_shows_the_priority_its_bodies_people_and_enquiries(
    client, strategy, innovation, workforce
):
    response = client.get(reverse("strategy:priority_detail", args=["em3-lis", 1]))

    assert response.status_code == 200
    page = text_of(response)
    assert (
        "<title>Priority 1: Innovation and the commercialisation of knowledge "
        "\N{EN DASH} Convenor</title>" in page
    )
    assert (
        '<span class="govuk-caption-l">Priority 1 of Enterprise M3 Local Industrial Strategy'
        in page
    )
    assert (
        '<h1 class="govuk-heading-l">Innovation and the commercialisation of knowledge</h1>' in page
    )
    assert '<p class="govuk-body">Turn research strengths into growing businesses.</p>' in page
    assert "This priority is reconstructed" in page
    assert "Actively developing propositions" in page
    assert '<strong class="govuk-tag govuk-tag--light-blue">In development</strong>' in page
    assert (
        '<a class="govuk-link" href="/s/em3-lis/bodies/enterprise-innovation/">'
        "Enterprise and Innovation Group</a>" in page
    )
    assert '<li><a class="govuk-link" href="/s/em3-lis/bodies/hei/">HEI Group</a></li>' in page
    assert "Mike Short</span>, Board member, University of Surrey</span>" in page
    assert (
        'Rebecca Officer</span> <strong class="govuk-tag govuk-tag--grey app-tag--illustrative">'
        "Illustrative</strong>, Innovation lead, Made-up Partners Ltd</span>" in page
    )
    assert '<td class="govuk-table__cell">Where are the strongest research clusters?</td>' in page
    assert '<strong class="govuk-tag govuk-tag--yellow">Open</strong>' in page
    assert '<strong class="govuk-tag govuk-tag--light-blue">Being answered</strong>' in page
    assert '<span class="govuk-pagination__link-label">2. Transforming the workforce</span>' in page
    assert "govuk-pagination__prev" not in page
    assert "Edit this priority" not in page
    assert "@example.org" not in page
    assert '<a class="govuk-breadcrumbs__link" href="/s/em3-lis/">' in page


def test_priority_page_with_nothing_filled_in_says_so(client, strategy, innovation, workforce):
    page = text_of(client.get(reverse("strategy:priority_detail", args=["em3-lis", 2])))

    assert "No lines of enquiry yet." in page
    assert "No other bodies" in page
    assert page.count("Not named yet") == 2  # board sponsor and lead officer
    assert "Not chosen yet" in page
    assert "This priority is reconstructed" not in page
    assert (
        '<span class="govuk-pagination__link-label">'
        "1. Innovation and the commercialisation of knowledge</span>" in page
    )
    assert "govuk-pagination__next" not in page


def test_a_priority_that_does_not_exist_is_not_found(client, strategy, innovation):
    response = client.get(reverse("strategy:priority_detail", args=["em3-lis", 9]))

    assert response.status_code == 404


def test_members_of_a_steering_body_see_a_link_to_edit_the_priority(client, strategy, innovation):
    user = UserFactory()
    member = PersonFactory(user=user)
    MembershipFactory(body=innovation.steering.get(leads=True).body, person=member)
    client.force_login(user)

    page = text_of(client.get(reverse("strategy:priority_detail", args=["em3-lis", 1])))

    edit_url = reverse("strategy_staff:priority_edit", args=["em3-lis", 1])
    assert f'<a class="govuk-link" href="{edit_url}">Edit this priority' in page


def test_people_outside_the_steering_bodies_see_no_edit_link(client, strategy, innovation):
    other_body = BodyFactory(strategy=strategy)
    user = UserFactory()
    MembershipFactory(body=other_body, person=PersonFactory(user=user), role=MembershipRole.CHAIR)
    client.force_login(user)

    page = text_of(client.get(reverse("strategy:priority_detail", args=["em3-lis", 1])))

    assert "Edit this priority" not in page


def test_hostile_text_in_a_priority_is_shown_as_text_not_markup(
    client, strategy, innovation, naughty_strings
):
    hostile = [text[:200] for text in naughty_strings if "<" in text and "\x00" not in text]
    assert len(hostile) > 100
    url = reverse("strategy:priority_detail", args=["em3-lis", 1])
    for text in hostile:
        innovation.title = text
        innovation.summary = text
        innovation.save()

        page = text_of(client.get(url))

        assert f'<h1 class="govuk-heading-l">{escape(text)}</h1>' in page, text
        assert text not in page, text


# --- Query counts -------------------------------------------------------------------------------


def load_dataset(name: str) -> Strategy:
    """Load the demo, or a generated scenario ten times its size; return its strategy."""
    if name == "demo":
        scenario_load(path=DEMO_SCENARIO, build_publications=False)
    else:
        scenario_load_data(data=scenario_generate(scale=10), source="generated x10")
    return Strategy.objects.get()


def test_the_demo_home_page_shows_the_strategy_its_stages_and_all_nine_priorities(client):
    strategy = load_dataset("demo")

    page = text_of(client.get(reverse("strategy:home")))

    assert '<h1 class="govuk-heading-xl">Enterprise M3 Local Industrial Strategy</h1>' in page
    for stage in ["Set Up", "Develop", "Engage", "Assemble", "Agree", "Publish"]:
        assert f'<th scope="row" class="govuk-table__header">{stage}</th>' in page
    titles = list(strategy.priorities.order_by("number").values_list("number", "title"))
    assert [number for number, _ in titles] == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    for number, title in titles:
        link = f'href="/s/{strategy.slug}/priorities/{number}/">{escape(title)}</a>'
        assert link in page
    assert "<strong>22 May 2019</strong>: Enterprise M3 Board meeting" in page


@pytest.mark.parametrize("dataset", ["demo", "generated x10"])
def test_strategy_pages_make_as_many_queries_for_ten_times_the_data(
    client, django_assert_num_queries, dataset
):
    strategy = load_dataset(dataset)
    assert strategy.priorities.count() == {"demo": 9, "generated x10": 90}[dataset]

    # strategy, stages, milestones, priorities, the bodies steering them (2), what is open on its
    # sounding board (one query: "Have your say"), its published evidence (one: a count), its
    # published publications (one)
    with django_assert_num_queries(9):
        assert client.get(reverse("strategy:home")).status_code == 200
    # the same, and the default strategy for the navigation
    with django_assert_num_queries(10):
        assert (
            client.get(reverse("strategy:strategy_detail", args=[strategy.slug])).status_code == 200
        )
    # strategy, priority, its bodies (2), enquiries, previous and next, the navigation's strategy
    priority_url = reverse("strategy:priority_detail", args=[strategy.slug, 2])
    with django_assert_num_queries(8):
        assert client.get(priority_url).status_code == 200
    # signed in: the session and account, and whether they sit on a body steering the priority
    client.force_login(UserFactory())
    with django_assert_num_queries(11):
        assert client.get(priority_url).status_code == 200
