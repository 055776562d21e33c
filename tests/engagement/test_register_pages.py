"""The register's engagement pages: relationships, the power/interest grid, and segments."""

import pytest
from django.urls import reverse
from django.utils.html import escape

from convenor.core.models import AuditEvent
from convenor.engagement.choices import Quadrant
from convenor.engagement.models import Relationship, Segment
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.engagement.factories import RelationshipFactory, SegmentFactory
from tests.stakeholders.factories import OrganisationFactory, PersonFactory
from tests.strategy.factories import PriorityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = StaffUserFactory()
    client.force_login(user)
    return user


def relationship_data(**overrides):
    data = {
        "owner": "",
        "power": "4",
        "interest": "3",
        "assessment_note": "Leads the skills board.",
        "assessed_on": "2019-05-22",
        "priorities": [],
    }
    data.update(overrides)
    return data


def test_first_save_creates_the_relationship_with_an_audit_event(client, staff):
    person = PersonFactory()
    officer = PersonFactory(name="Officer", user=StaffUserFactory())
    PersonFactory(name="Not staff", user=UserFactory())
    priority = PriorityFactory()
    url = reverse("engagement_staff:person_relationship", args=[person.pk])

    page = client.get(url)
    owners = [str(label) for _, label in page.context["form"].fields["owner"].choices]
    assert owners == ["No owner yet", "Officer"]
    response = client.post(url, relationship_data(owner=officer.pk, priorities=[priority.pk]))

    assert response.status_code == 302
    relationship = Relationship.objects.get(person=person)
    assert (relationship.power, relationship.interest) == (4, 3)
    assert relationship.quadrant == Quadrant.MANAGE_CLOSELY
    assert relationship.owner == officer
    assert list(relationship.priorities.all()) == [priority]
    assert AuditEvent.objects.filter(verb="assessed relationship").count() == 1


def test_power_without_interest_is_an_error_on_interest(client, staff):
    organisation = OrganisationFactory()
    url = reverse("engagement_staff:organisation_relationship", args=[organisation.pk])
    response = client.post(url, relationship_data(interest=""))
    assert response.status_code == 200
    assert response.context["form"].errors["interest"] == [
        "Give both power and interest, or neither."
    ]
    assert not Relationship.objects.exists()


def test_relationship_note_survives_naughty_strings(client, staff, naughty_strings):
    person = PersonFactory()
    url = reverse("engagement_staff:person_relationship", args=[person.pk])
    for text in naughty_strings:
        response = client.post(url, relationship_data(assessment_note=text))
        assert response.status_code == 302, text
        stored = Relationship.objects.get(person=person).assessment_note
        assert (
            stored == text.strip().replace("\r\n", "\n").replace("\r", "\n")
            or stored == text.strip()
        ), text
        page = client.get(url)
        assert escape(stored) in page.content.decode() or stored == "", text


def test_grid_places_each_party_in_its_quadrant_and_the_table_matches(client, staff):
    RelationshipFactory(
        organisation=OrganisationFactory(name="Council"), person=None, power=4, interest=4
    )
    RelationshipFactory(person=PersonFactory(name="Ada"), power=1, interest=3)
    RelationshipFactory(person=PersonFactory(name="Bea"), power=2, interest=1)
    RelationshipFactory(person=PersonFactory(name="Not assessed"))
    url = reverse("engagement_staff:relationship_grid")

    response = client.get(url)
    html = response.content.decode()
    assert 'role="img"' in html and '<title id="power-interest-title">' in html
    assert 'aria-labelledby="power-interest-title"' in html
    for name in ("Manage closely", "Keep satisfied", "Keep informed", "Monitor"):
        assert name in html
    cells = {(c.power, c.interest): c.count for c in response.context["chart"].cells if c.count}
    assert cells == {(4, 4): 1, (1, 3): 1, (2, 1): 1}
    table = [(r.party.name, r.quadrant) for r in response.context["object_list"]]
    assert table == [
        ("Council", Quadrant.MANAGE_CLOSELY),
        ("Bea", Quadrant.MONITOR),
        ("Ada", Quadrant.KEEP_INFORMED),
    ]
    informed = client.get(url, {"quadrant": "keep_informed"})
    assert [r.party.name for r in informed.context["object_list"]] == ["Ada"]
    organisations = client.get(url, {"kind": "organisations"})
    assert [r.party.name for r in organisations.context["object_list"]] == ["Council"]


def test_segment_create_from_the_people_list_query(client, staff):
    university = OrganisationFactory(kind="university")
    PersonFactory(organisation=university)
    PersonFactory()
    url = reverse("engagement_staff:segment_create") + "?kind=university&page=2"
    page = client.get(url)
    assert page.context["chosen_filters"] == [("Organisation type", "University")]
    assert page.context["people_count"] == 1
    response = client.post(url, {"name": "Universities", "description": ""})
    segment = Segment.objects.get()
    assert segment.filters == {"kind": ["university"]}
    assert response.url == reverse("engagement_staff:segment_edit", args=[segment.pk])

    again = client.post(url, {"name": "UNIVERSITIES", "description": ""})
    assert again.status_code == 200
    assert again.context["form"].errors["name"] == [
        "There is already a segment called “UNIVERSITIES”: choose another name."
    ]


def test_segment_page_lists_its_people_and_can_be_renamed_and_deleted(client, staff):
    university = OrganisationFactory(kind="university")
    ada = PersonFactory(name="Ada", organisation=university)
    segment = SegmentFactory(name="Unis", filters={"kind": "university"})
    url = reverse("engagement_staff:segment_edit", args=[segment.pk])
    page = client.get(url)
    assert list(page.context["object_list"]) == [ada]
    assert "person_export" not in page.content.decode()
    assert "export/csv/?kind=university" in page.content.decode()
    client.post(url, {"name": "Universities", "description": "All of them"})
    segment.refresh_from_db()
    assert (segment.name, segment.description) == ("Universities", "All of them")
    client.post(reverse("engagement_staff:segment_delete", args=[segment.pk]))
    assert not Segment.objects.exists()


def test_segment_name_and_description_survive_naughty_strings(client, staff, naughty_strings):
    segment = SegmentFactory(name="Start")
    url = reverse("engagement_staff:segment_edit", args=[segment.pk])
    for number, text in enumerate(naughty_strings):
        name = f"{number} {text}"[:120]
        response = client.post(url, {"name": name, "description": text})
        assert response.status_code in (200, 302), text
        if response.status_code == 302:
            segment.refresh_from_db()
            page = client.get(url).content.decode()
            assert escape(segment.name) in page, text


@pytest.mark.parametrize(
    ("url_name", "args"),
    [
        ("engagement_staff:relationship_grid", []),
        ("engagement_staff:segment_list", []),
        ("engagement_staff:segment_create", []),
    ],
)
def test_pages_need_staff(client, url_name, args):
    url = reverse(url_name, args=args)
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403


def test_relationship_and_segment_pages_need_staff(client):
    person = PersonFactory()
    segment = SegmentFactory()
    urls = [
        reverse("engagement_staff:person_relationship", args=[person.pk]),
        reverse("engagement_staff:organisation_relationship", args=[person.organisation.pk]),
        reverse("engagement_staff:segment_edit", args=[segment.pk]),
        reverse("engagement_staff:segment_delete", args=[segment.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    for url in urls:
        assert client.get(url).status_code == 403
        assert client.post(url, relationship_data()).status_code == 403
    assert Segment.objects.count() == 1 and not Relationship.objects.exists()


def _grow(size):
    for number in range(size):
        RelationshipFactory(person=PersonFactory(), power=1 + number % 4, interest=4)
        SegmentFactory()


@pytest.mark.parametrize(
    ("url_name", "queries"),
    [("engagement_staff:relationship_grid", 6), ("engagement_staff:segment_list", 5)],
)
def test_page_query_counts_are_constant(
    client, staff, django_assert_num_queries, url_name, queries
):
    _grow(3)
    with django_assert_num_queries(queries):
        client.get(reverse(url_name))
    _grow(30)
    with django_assert_num_queries(queries):
        client.get(reverse(url_name))


def test_segment_page_query_count_is_constant(client, staff, django_assert_num_queries):
    segment = SegmentFactory(filters={"kind": "business"})
    PersonFactory.create_batch(3)
    url = reverse("engagement_staff:segment_edit", args=[segment.pk])
    with django_assert_num_queries(6):
        client.get(url)
    PersonFactory.create_batch(30)
    with django_assert_num_queries(6):
        client.get(url)
