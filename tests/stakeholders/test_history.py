"""Each organisation's and person's engagement history: every source, in date order."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from convenor.engagement.choices import Rsvp
from convenor.stakeholders.history import organisation_history, person_history
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.engagement.factories import (
    ActivityFactory,
    ActivityInvitationFactory,
    ContributionFactory,
    RelationshipFactory,
)
from tests.governance.factories import BodyFactory, MembershipFactory
from tests.meetings.factories import InvitationFactory, MeetingFactory
from tests.stakeholders.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def staff(client):
    user = StaffUserFactory()
    client.force_login(user)
    return user


def _history_for(person, offset=0):
    """One entry of every kind for `person`, on dates from 2019-03 onwards."""
    MembershipFactory(
        person=person,
        body=BodyFactory(name=f"Skills group {offset}"),
        starts_on=datetime.date(2019, 3, 1),
        ends_on=datetime.date(2019, 9, 1),
    )
    InvitationFactory(
        person=person,
        meeting=MeetingFactory(
            title=f"Board {offset}", starts_at=datetime.datetime(2019, 5, 22, 10, tzinfo=LONDON)
        ),
    )
    ActivityInvitationFactory(
        person=person,
        response=Rsvp.ACCEPTED,
        activity=ActivityFactory(
            title=f"Exporting workshop {offset}",
            starts_at=datetime.datetime(2019, 6, 12, 10, tzinfo=LONDON),
        ),
    )
    ActivityFactory(
        title=f"Roundtable {offset}",
        host=person,
        starts_at=datetime.datetime(2019, 7, 1, 10, tzinfo=LONDON),
    )
    ContributionFactory(
        author=person, is_anonymous=True, made_on=datetime.date(2019, 6, 13), text="More 5G"
    )
    if not hasattr(person, "relationship"):
        RelationshipFactory(
            person=person, power=3, interest=4, assessed_on=datetime.date(2019, 4, 1)
        )


def test_person_history_has_every_source_in_date_order():
    person = PersonFactory()
    _history_for(person)
    entries = person_history(person)
    assert [(str(entry.when)[:10], entry.what) for entry in entries] == [
        ("2019-03-01", "Joined Skills group 0"),
        ("2019-04-01", "Relationship assessed"),
        ("2019-05-22", "Invited to Board 0"),
        ("2019-06-12", "Invited to workshop: Exporting workshop 0"),
        ("2019-06-13", entries[4].what),
        ("2019-07-01", "Hosted workshop: Roundtable 0"),
        ("2019-09-01", "Left Skills group 0"),
    ]
    assert entries[4].what.startswith("Idea (anonymously) at ")
    assert entries[4].detail == "More 5G"
    assert entries[3].detail == "Reply: Coming; attendance: Not recorded"
    assert entries[1].detail == "Manage closely: High power, Very high interest"


def test_organisation_history_gathers_its_people_and_itself():
    organisation = OrganisationFactory()
    ada = PersonFactory(organisation=organisation)
    PersonFactory(organisation=organisation)
    MembershipFactory(person=ada, starts_on=datetime.date(2019, 3, 1))
    RelationshipFactory(
        organisation=organisation,
        person=None,
        power=1,
        interest=1,
        assessed_on=datetime.date(2019, 2, 1),
    )
    entries = organisation_history(organisation)
    assert [(entry.when, entry.person) for entry in entries] == [
        (datetime.date(2019, 2, 1), None),
        (datetime.date(2019, 3, 1), ada),
    ]


def test_history_pages_show_entries_and_an_empty_state(client, staff):
    person = PersonFactory()
    empty = client.get(reverse("stakeholders_staff:person_history", args=[person.pk]))
    assert "Nothing recorded yet" in empty.content.decode()
    _history_for(person)
    page = client.get(reverse("stakeholders_staff:person_history", args=[person.pk]))
    assert len(page.context["object_list"]) == 7
    assert "More 5G" in page.content.decode()
    organisation_page = client.get(
        reverse("stakeholders_staff:organisation_history", args=[person.organisation.pk])
    )
    assert len(organisation_page.context["object_list"]) == 7


def test_history_pages_need_staff(client):
    person = PersonFactory()
    urls = [
        reverse("stakeholders_staff:person_history", args=[person.pk]),
        reverse("stakeholders_staff:organisation_history", args=[person.organisation.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    for url in urls:
        assert client.get(url).status_code == 403


@pytest.mark.parametrize("kind", ["person", "organisation"])
def test_history_query_count_is_constant(client, staff, django_assert_num_queries, kind):
    person = PersonFactory()
    _history_for(person, 0)
    if kind == "person":
        url = reverse("stakeholders_staff:person_history", args=[person.pk])
    else:
        url = reverse("stakeholders_staff:organisation_history", args=[person.organisation.pk])
    client.get(url)  # fills the content type cache
    with django_assert_num_queries(QUERIES[kind]):
        client.get(url)
    for offset in range(1, 10):
        _history_for(person, offset)
        if kind == "organisation":
            _history_for(PersonFactory(organisation=person.organisation), offset + 100)
    with django_assert_num_queries(QUERIES[kind]):
        client.get(url)


# Session, user, the person or organisation, the strategy menu, then per source: memberships 1,
# meetings 1, engagement 4 (invitations, hosted, contributions, assessments); an organisation
# adds its people and its own assessment.
QUERIES = {"person": 10, "organisation": 12}
