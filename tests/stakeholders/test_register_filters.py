"""The register's filters: each narrows exactly, exports are the filtered list, counts hold."""

import csv
import datetime
import io

import pytest
from django.urls import reverse

from convenor.stakeholders.choices import LawfulBasis, OrganisationKind, Ownership
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.engagement.factories import RelationshipFactory
from tests.governance.factories import BodyFactory, MembershipFactory
from tests.stakeholders.factories import AreaFactory, OrganisationFactory, PersonFactory
from tests.strategy.factories import PriorityFactory

pytestmark = pytest.mark.django_db
PEOPLE = "stakeholders_staff:person_list"
ORGANISATIONS = "stakeholders_staff:organisation_list"


@pytest.fixture
def staff(client):
    user = StaffUserFactory()
    client.force_login(user)
    return user


def names(response):
    return [row.name for row in response.context["object_list"]]


@pytest.fixture
def register():
    rushmoor = AreaFactory(name="Rushmoor")
    surrey_uni = OrganisationFactory(
        name="University of Surrey",
        kind=OrganisationKind.UNIVERSITY,
        sector="Higher education",
        ownership=Ownership.PUBLIC,
    )
    sstl = OrganisationFactory(name="SSTL", sector="Space", area=rushmoor)
    return {
        "rushmoor": rushmoor,
        "surrey_uni": surrey_uni,
        "sstl": sstl,
        "ada": PersonFactory(name="Ada", organisation=surrey_uni, email="ada@surrey.ac.uk"),
        "bea": PersonFactory(name="Bea", organisation=sstl, opted_out=True),
        "cy": PersonFactory(name="Cy", organisation=sstl, email=""),
        "dee": PersonFactory(
            name="Dee",
            organisation=None,
            lawful_basis=LawfulBasis.CONSENT,
            consent_date=datetime.date(2019, 5, 1),
            consent_channel="email",
        ),
    }


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, ["Ada", "Bea", "Cy", "Dee"]),
        ({"q": "surrey.ac"}, ["Ada"]),
        ({"kind": "university"}, ["Ada"]),
        ({"sector": "Space"}, ["Bea", "Cy"]),
        ({"ownership": "public"}, ["Ada"]),
        ({"consent": "contactable"}, ["Ada", "Dee"]),
        ({"consent": "opted_out"}, ["Bea"]),
        ({"consent": "no_email"}, ["Cy"]),
        ({"consent": "erased"}, []),
        ({"consent": "consent"}, ["Dee"]),
        ({"consent": "other_basis"}, ["Ada", "Bea", "Cy"]),
        ({"sector": "Space", "consent": "opted_out"}, ["Bea"]),
    ],
)
def test_people_filters_narrow_exactly(client, staff, register, params, expected):
    assert names(client.get(reverse(PEOPLE), params)) == expected


def test_area_organisation_body_priority_quadrant_and_owner_filters(client, staff, register):
    body = BodyFactory(name="Skills action group")
    MembershipFactory(body=body, person=register["ada"])
    MembershipFactory(body=body, person=register["bea"], ends_on=datetime.date(2019, 1, 1))
    priority = PriorityFactory()
    RelationshipFactory(
        organisation=register["sstl"], person=None, power=4, interest=4
    ).priorities.set([priority])
    owner = PersonFactory(name="Officer", organisation=None, user=StaffUserFactory())
    RelationshipFactory(person=register["ada"], power=1, interest=4, owner=owner)
    url = reverse(PEOPLE)

    assert names(client.get(url, {"area": register["rushmoor"].pk})) == ["Bea", "Cy"]
    assert names(client.get(url, {"organisation": register["surrey_uni"].pk})) == ["Ada"]
    assert names(client.get(url, {"body": body.pk})) == ["Ada"]
    assert names(client.get(url, {"priority": priority.pk})) == ["Bea", "Cy"]
    assert names(client.get(url, {"quadrant": "keep_informed"})) == ["Ada"]
    assert names(client.get(url, {"owner": owner.pk})) == ["Ada"]
    organisations = reverse(ORGANISATIONS)
    assert names(client.get(organisations, {"quadrant": "manage_closely"})) == ["SSTL"]
    assert names(client.get(organisations, {"priority": priority.pk})) == ["SSTL"]
    assert names(client.get(organisations, {"body": body.pk})) == ["University of Surrey"]
    assert names(client.get(organisations, {"area": register["rushmoor"].pk})) == ["SSTL"]


def test_the_page_shows_chosen_filters_consent_state_and_the_segment_link(client, staff, register):
    response = client.get(reverse(PEOPLE), {"sector": "Space", "page": "1"})
    html = response.content.decode()
    assert response.context["chosen_filters"] == [("Sector", "Space")]
    assert f'{reverse("engagement_staff:segment_create")}?sector=Space"' in html
    assert "Opted out" in html and "No email address" in html
    assert "Rushmoor" in html


def test_export_is_exactly_the_filtered_list(client, staff, register):
    url = reverse("stakeholders_staff:person_export", args=["csv"])
    response = client.get(url, {"sector": "Space", "consent": "no_email"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["Cy"]
    organisations = client.get(
        reverse("stakeholders_staff:organisation_export", args=["csv"]), {"kind": "university"}
    )
    rows = list(csv.reader(io.StringIO(organisations.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["University of Surrey"]


def test_an_unknown_value_is_an_error_not_a_crash(client, staff, register):
    response = client.get(reverse(PEOPLE), {"body": "99999", "consent": "nonsense"})
    assert response.status_code == 200
    assert set(response.context["filter_form"].errors) == {"body", "consent"}


@pytest.mark.parametrize("url_name", [PEOPLE, ORGANISATIONS])
def test_lists_need_staff(client, url_name):
    assert client.get(reverse(url_name)).status_code == 302
    client.force_login(UserFactory())
    assert client.get(reverse(url_name)).status_code == 403


def _grow(size):
    for number in range(size):
        organisation = OrganisationFactory(sector=f"Sector {number}")
        person = PersonFactory(organisation=organisation)
        RelationshipFactory(person=person, power=3, interest=2)


# Session, user, strategy menu, count, page, and the filters' choices: sectors, areas, bodies,
# priorities, owners (and organisations, on the people list).
@pytest.mark.parametrize(
    ("url_name", "params", "queries"),
    [
        (PEOPLE, {"quadrant": "keep_satisfied", "ownership": "private"}, 11),
        (ORGANISATIONS, {"ownership": "private", "q": "org"}, 10),
    ],
)
def test_list_query_count_is_constant(
    client, staff, django_assert_num_queries, url_name, params, queries
):
    _grow(3)
    with django_assert_num_queries(queries):
        client.get(reverse(url_name), params)
    _grow(30)
    with django_assert_num_queries(queries):
        client.get(reverse(url_name), params)
