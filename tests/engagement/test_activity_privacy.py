"""What engagement adds to a subject access report, and what erasing a person keeps."""

import datetime
import json
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from convenor.engagement.choices import ActivityAttendance, Level, Rsvp
from convenor.engagement.models import Contribution
from convenor.stakeholders.privacy import (
    erased_label,
    person_erase,
    subject_access_json,
    subject_access_report,
)
from tests.accounts.factories import StaffUserFactory
from tests.engagement.factories import (
    ActivityFactory,
    ActivityInvitationFactory,
    ContributionFactory,
    RelationshipFactory,
)
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import PriorityFactory, StrategyFactory
from tests.strategy.test_staff_views import text_of

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


def test_the_subject_access_report_holds_invitations_contributions_and_the_relationship():
    strategy = StrategyFactory()
    skills = PriorityFactory(strategy=strategy, number=2, title="Skills")
    digital = PriorityFactory(strategy=strategy, number=5, title="Digital")
    person = PersonFactory(name="Dana Data")
    owner = PersonFactory(name="Olu Officer")
    workshop = ActivityFactory(
        strategy=strategy,
        title="Digital workshop",
        starts_at=datetime.datetime(2019, 6, 12, 10, 0, tzinfo=LONDON),
    )
    ActivityInvitationFactory(
        activity=workshop,
        person=person,
        response=Rsvp.ACCEPTED,
        attendance=ActivityAttendance.ATTENDED,
    )
    ContributionFactory(
        activity=workshop,
        author=person,
        text="Fibre first.",
        is_anonymous=True,
        made_on=datetime.date(2019, 6, 12),
        priorities=[skills, digital],
    )
    ContributionFactory(activity=workshop, text="Someone else's words")
    relationship = RelationshipFactory(
        person=person,
        owner=owner,
        power=Level.HIGH,
        interest=Level.VERY_HIGH,
        assessment_note="Leads the digital cluster.",
        assessed_on=datetime.date(2019, 5, 1),
    )
    relationship.priorities.add(digital)

    data = json.loads(subject_access_json(sections=subject_access_report(person=person)))

    assert data["activity_invitations"] == [
        {
            "Activity": "Digital workshop",
            "Starts at": "2019-06-12T10:00:00+01:00",
            "Invitation sent at": "",
            "Reply": "Coming",
            "Attendance": "Attended",
        }
    ]
    assert data["contributions"] == [
        {
            "Activity": "Digital workshop",
            "Date": "2019-06-12",
            "Kind": "Idea",
            "What you said": "Fibre first.",
            "Anonymous": "yes",
            "Priorities": "2. Skills; 5. Digital",
        }
    ]
    assert data["relationship"] == [
        {
            "Relationship owner": "Olu Officer",
            "Power": "High",
            "Interest": "Very high",
            "Why this assessment": "Leads the digital cluster.",
            "Assessed on": "2019-05-01",
            "Priorities of interest": "5. Digital",
        }
    ]


def test_a_person_with_no_engagement_gets_empty_sections():
    data = json.loads(subject_access_json(sections=subject_access_report(person=PersonFactory())))
    assert (data["activity_invitations"], data["contributions"], data["relationship"]) == (
        [],
        [],
        [],
    )


def test_erasing_a_person_keeps_their_contributions_under_the_anonymised_record(client):
    staff = StaffUserFactory()
    person = PersonFactory(name="Erin Erased")
    activity = ActivityFactory(title="Towns workshop")
    words = "  Our high street needs\n\nmore than shops.  "
    contribution = ContributionFactory(activity=activity, author=person, text=words)

    person_erase(person=person, actor=staff)

    contribution = Contribution.objects.select_related("author").get(pk=contribution.pk)
    assert contribution.author_id == person.pk
    assert contribution.text == words
    assert contribution.author_label == erased_label(person.pk)
    client.force_login(staff)
    page = text_of(
        client.get(
            reverse(
                "engagement_staff:contribution_list", args=[activity.strategy.slug, activity.pk]
            )
        )
    )
    assert f"Idea {erased_label(person.pk)} Our high street needs more than shops." in page
    assert "Erin Erased" not in page
