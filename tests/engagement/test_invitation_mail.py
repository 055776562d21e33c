"""The invitation email: what it says, its RSVP link, and the .ics calendar file it carries."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from icalendar import Calendar

from convenor.engagement import invitation_services as services
from convenor.engagement.calendar import activity_uid
from convenor.engagement.choices import ActivityKind
from convenor.engagement.invitation_selectors import invitation_by_token
from tests.accounts.factories import StaffUserFactory
from tests.engagement.factories import ActivityFactory
from tests.stakeholders.factories import PersonFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.CONVENOR_AS_OF = datetime.datetime(2019, 5, 22, 17, 0, tzinfo=LONDON)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.CONVENOR_SITE_URL = "https://convenor.example.org"


@pytest.fixture
def activity():
    return ActivityFactory(
        kind=ActivityKind.WORKSHOP,
        title="Exporting workshop",
        purpose="Test the emerging exporting priorities with firms that export.",
        # 10:00 in London in summer time is 09:00 UTC.
        starts_at=datetime.datetime(2019, 6, 12, 10, 0, tzinfo=LONDON),
        ends_at=datetime.datetime(2019, 6, 12, 13, 0, tzinfo=LONDON),
        place="Surrey Research Park, Guildford",
        online_url="https://meet.example.org/exporting",
    )


def invite(activity, person, capture):
    with capture(execute=True):
        services.invitations_send(activity=activity, actor=StaffUserFactory(), people=[person])
    assert len(mail.outbox) == 1
    return mail.outbox[0]


def ics_of(message) -> Calendar:
    [(filename, content, mimetype)] = message.attachments
    assert (filename, mimetype) == ("invitation.ics", "text/calendar; method=REQUEST")
    return Calendar.from_ical(content)


def test_the_invitation_says_what_when_where_why_and_how_to_reply(
    activity, django_capture_on_commit_callbacks
):
    person = PersonFactory(name="Priya Patel", email="priya@example.org")

    message = invite(activity, person, django_capture_on_commit_callbacks)

    assert message.to == ["priya@example.org"]
    assert message.subject == "Invitation: Exporting workshop, Wednesday 12 June 2019"
    body = message.body
    assert "Dear Priya Patel," in body
    assert "What: Workshop" in body
    assert "When: Wednesday 12 June 2019, 10:00 to 13:00 (UK time)" in body
    assert "Where: Surrey Research Park, Guildford" in body
    assert "Join online: https://meet.example.org/exporting" in body
    assert "Test the emerging exporting priorities with firms that export." in body
    [link] = [word for word in body.split() if "/rsvp/" in word]
    assert link.startswith("https://convenor.example.org/rsvp/")
    token = link.rstrip("/").rsplit("/", 1)[-1]
    assert invitation_by_token(token).person == person
    [(html, mimetype)] = message.alternatives
    assert mimetype == "text/html"
    assert f'href="{link}"' in html


def test_the_ics_is_a_request_with_a_stable_uid_and_the_activitys_time_in_utc(
    activity, django_capture_on_commit_callbacks
):
    message = invite(
        activity, PersonFactory(email="a@example.org"), django_capture_on_commit_callbacks
    )

    calendar = ics_of(message)
    assert str(calendar["method"]) == "REQUEST"
    [event] = calendar.walk("VEVENT")
    assert str(event["summary"]) == "Exporting workshop"
    assert event.decoded("dtstart").astimezone(datetime.UTC) == datetime.datetime(
        2019, 6, 12, 9, 0, tzinfo=datetime.UTC
    )
    assert event.decoded("dtend").astimezone(datetime.UTC) == datetime.datetime(
        2019, 6, 12, 12, 0, tzinfo=datetime.UTC
    )
    assert str(event["uid"]) == f"activity-{activity.pk}@convenor.example.org"
    assert str(event["location"]) == "Surrey Research Park, Guildford"
    assert str(event["attendee"]) == "mailto:a@example.org"

    mail.outbox.clear()
    second = invite(
        activity, PersonFactory(email="b@example.org"), django_capture_on_commit_callbacks
    )
    assert str(ics_of(second).walk("VEVENT")[0]["uid"]) == activity_uid(activity)


def test_the_sequence_rises_when_the_activity_is_moved(activity):
    from convenor.engagement.calendar import CalendarMethod, activity_calendar

    before = activity_calendar(activity=activity, method=CalendarMethod.REQUEST)
    activity.updated_at = activity.created_at + datetime.timedelta(minutes=5)
    after = activity_calendar(activity=activity, method=CalendarMethod.REQUEST)

    sequence = [int(c.walk("VEVENT")[0]["sequence"]) for c in (before, after)]
    assert sequence[1] == sequence[0] + 300


def test_a_title_with_a_line_break_stays_one_subject_line(
    activity, django_capture_on_commit_callbacks
):
    activity.title = "Exporting\nworkshop"
    activity.save()

    message = invite(activity, PersonFactory(), django_capture_on_commit_callbacks)

    assert message.subject == "Invitation: Exporting workshop, Wednesday 12 June 2019"


def test_html_mail_escapes_what_staff_typed(activity, django_capture_on_commit_callbacks):
    activity.purpose = "<script>alert(1)</script>"
    activity.save()

    message = invite(activity, PersonFactory(), django_capture_on_commit_callbacks)

    [(html, _)] = message.alternatives
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)</script>" in message.body  # plain text is shown as typed
