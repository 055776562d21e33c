"""Saved segments of the register: whom they select today, in words, and their pages."""

import datetime

import pytest
from django.urls import reverse

from convenor.engagement.register_selectors import segment_filters_describe, segment_people
from convenor.stakeholders.choices import OrganisationKind
from tests.accounts.factories import StaffUserFactory
from tests.engagement.factories import RelationshipFactory, SegmentFactory
from tests.governance.factories import BodyFactory, MembershipFactory
from tests.stakeholders.factories import AreaFactory, OrganisationFactory, PersonFactory
from tests.strategy.factories import PriorityFactory

pytestmark = pytest.mark.django_db


def test_segment_people_runs_the_stored_filters_and_grows_with_the_register():
    university = OrganisationFactory(kind=OrganisationKind.UNIVERSITY, name="University of Surrey")
    OrganisationFactory(kind=OrganisationKind.BUSINESS)
    ada = PersonFactory(name="Ada", organisation=university)
    PersonFactory(name="Bea")  # at a business
    segment = SegmentFactory(filters={"kind": "university"})

    assert list(segment_people(segment=segment)) == [ada]

    later = PersonFactory(name="Cy", organisation=university)
    assert list(segment_people(segment=segment)) == [ada, later]


def test_segment_people_combines_filters_and_reads_lists():
    body = BodyFactory(name="Skills action group")
    priority = PriorityFactory()
    member = PersonFactory(name="Member")
    MembershipFactory(body=body, person=member)
    ended = PersonFactory(name="Ended")
    MembershipFactory(body=body, person=ended, ends_on=datetime.date(2019, 1, 1))
    interested = PersonFactory(name="Interested member")
    MembershipFactory(body=body, person=interested)
    RelationshipFactory(person=interested).priorities.set([priority])

    assert list(segment_people(segment=SegmentFactory(filters={"body": str(body.pk)}))) == [
        interested,
        member,
    ]
    both = SegmentFactory(filters={"body": [str(body.pk)], "priority": str(priority.pk)})
    assert list(segment_people(segment=both)) == [interested]


def test_segment_with_no_filters_selects_everyone_and_a_broken_one_selects_nobody():
    people = [PersonFactory(name="A"), PersonFactory(name="B")]
    assert list(segment_people(segment=SegmentFactory(filters={}))) == people
    broken = SegmentFactory(filters={"body": "999999"})
    assert list(segment_people(segment=broken)) == []


def test_segment_filters_describe_in_words():
    body = BodyFactory(name="Skills action group")
    described = segment_filters_describe(
        filters={"q": "surrey", "kind": "university", "body": str(body.pk), "page": "2"}
    )
    assert described == [
        ("Search", "surrey"),
        ("Organisation type", "University"),
        ("Current member of", "Skills action group"),
    ]
    assert segment_filters_describe(filters={"body": "999999"}) == [
        ("Current member of", "999999 (no longer valid)")
    ]


def test_a_segment_of_several_types_and_areas_selects_anyone_of_any_of_them():
    hart, rushmoor, surrey_heath = (
        AreaFactory(name="Hart"),
        AreaFactory(name="Rushmoor"),
        AreaFactory(),
    )
    university = OrganisationFactory(kind=OrganisationKind.UNIVERSITY, area=hart)
    college = OrganisationFactory(kind=OrganisationKind.COLLEGE, area=rushmoor)
    college_elsewhere = OrganisationFactory(kind=OrganisationKind.COLLEGE, area=surrey_heath)
    business = OrganisationFactory(kind=OrganisationKind.BUSINESS, area=hart)
    ada = PersonFactory(name="Ada", organisation=university)
    bea = PersonFactory(name="Bea", organisation=college)
    PersonFactory(name="Cy", organisation=college_elsewhere)
    PersonFactory(name="Di", organisation=business)
    segment = SegmentFactory(
        filters={"kind": ["university", "college"], "area": [str(hart.pk), str(rushmoor.pk)]}
    )

    assert list(segment_people(segment=segment)) == [ada, bea]
    assert segment_filters_describe(filters=segment.filters) == [
        ("Organisation type", "University, College"),
        ("Area", "Hart, Rushmoor"),
    ]


def test_the_page_of_a_broken_segment_offers_no_export_wider_than_it(client):
    PersonFactory(name="Anyone")
    segment = SegmentFactory(name="Gone body", filters={"body": "999999"})
    client.force_login(StaffUserFactory())

    page = client.get(reverse("engagement_staff:segment_edit", args=[segment.pk]))

    assert page.status_code == 200
    assert list(page.context["object_list"]) == []
    assert reverse("stakeholders_staff:person_export", args=["csv"]) not in page.content.decode()
