"""An invitee replies through the signed link in their invitation, without signing in."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from icalendar import Calendar

from convenor.core.models import AuditEvent
from convenor.engagement.choices import ActivityStatus, Rsvp
from convenor.engagement.invitation_selectors import invitation_token
from tests.engagement.factories import ActivityFactory, ActivityInvitationFactory
from tests.stakeholders.factories import PersonFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
AS_OF = datetime.datetime(2019, 5, 22, 17, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _clock(settings):
    settings.CONVENOR_AS_OF = AS_OF


@pytest.fixture
def invitation():
    activity = ActivityFactory(
        title="Digital connectivity and 5G workshop",
        purpose="What businesses need from 5G.",
        starts_at=datetime.datetime(2019, 6, 12, 10, 0, tzinfo=LONDON),
        ends_at=datetime.datetime(2019, 6, 12, 13, 0, tzinfo=LONDON),
        place="Farnborough",
    )
    return ActivityInvitationFactory(activity=activity, person=PersonFactory(name="Dev Digital"))


def rsvp_url(invitation) -> str:
    return reverse("engagement:rsvp", args=[invitation_token(invitation)])


def test_the_page_shows_the_activity_and_asks_coming_or_not(client, invitation):
    response = client.get(rsvp_url(invitation))

    assert response.status_code == 200
    html = response.content.decode()
    assert "Digital connectivity and 5G workshop" in html
    assert "Wednesday 12 June 2019, 10:00 to 13:00 (UK time)" in html
    assert "Farnborough" in html
    assert "What businesses need from 5G." in html
    assert 'value="accepted"' in html and 'value="declined"' in html
    assert response["Cache-Control"] == "private, no-store"


def test_a_reply_is_recorded_and_confirmed_with_a_change_link_and_the_calendar(client, invitation):
    response = client.post(rsvp_url(invitation), {"response": "accepted"}, follow=True)

    invitation.refresh_from_db()
    assert (invitation.response, invitation.responded_at) == (Rsvp.ACCEPTED, AS_OF)
    html = response.content.decode()
    assert "You are coming" in html
    assert f'href="{rsvp_url(invitation)}?change=1"' in html
    assert reverse("engagement:rsvp_calendar", args=[invitation_token(invitation)]) in html
    assert AuditEvent.objects.filter(verb="invitee replied").count() == 1


def test_a_reply_can_be_changed(client, invitation):
    client.post(rsvp_url(invitation), {"response": "accepted"})

    form = client.get(f"{rsvp_url(invitation)}?change=1").content.decode()
    assert 'value="accepted" checked' in form
    client.post(rsvp_url(invitation), {"response": "declined"})

    invitation.refresh_from_db()
    assert invitation.response == Rsvp.DECLINED
    assert "You are not coming" in client.get(rsvp_url(invitation)).content.decode()


def test_no_answer_is_an_error_linked_to_the_radios(client, invitation):
    response = client.post(rsvp_url(invitation), {})

    assert response.status_code == 200
    html = response.content.decode()
    assert '<a href="#id_response">Say whether you are coming</a>' in html
    assert "<title>Error: " in html
    invitation.refresh_from_db()
    assert invitation.response == Rsvp.PENDING


@pytest.mark.parametrize(
    "tamper",
    [
        lambda token: token[:-1] + ("A" if token[-1] != "A" else "B"),
        lambda token: token.replace(token.split(":")[0], "OTk5"),
        lambda token: "not-a-token",
    ],
)
def test_a_tampered_link_gets_a_clear_404(client, invitation, tamper):
    token = tamper(invitation_token(invitation))

    for url in (
        reverse("engagement:rsvp", args=[token]),
        reverse("engagement:rsvp_calendar", args=[token]),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert "This reply link does not work" in response.content.decode()
    assert (
        client.post(reverse("engagement:rsvp", args=[token]), {"response": "accepted"}).status_code
        == 404
    )
    invitation.refresh_from_db()
    assert invitation.response == Rsvp.PENDING


def test_a_token_for_another_purpose_is_refused(client, invitation):
    from django.core import signing

    forged = signing.Signer(salt="convenor.calendar").sign_object(invitation.pk)

    assert client.get(reverse("engagement:rsvp", args=[forged])).status_code == 404


def test_a_withdrawn_invitation_gets_the_404(client, invitation):
    url = rsvp_url(invitation)
    invitation.delete()

    assert client.get(url).status_code == 404


def test_replies_to_a_cancelled_activity_are_refused_with_a_message(client, invitation):
    invitation.activity.status = ActivityStatus.CANCELLED
    invitation.activity.save()

    page = client.get(rsvp_url(invitation))
    refused = client.post(rsvp_url(invitation), {"response": "accepted"})

    assert "This activity was cancelled. Replies are no longer taken." in page.content.decode()
    assert 'name="response"' not in page.content.decode()
    assert refused.status_code == 409
    invitation.refresh_from_db()
    assert invitation.response == Rsvp.PENDING


def test_csrf_protection_still_applies(invitation):
    client = Client(enforce_csrf_checks=True)

    response = client.post(rsvp_url(invitation), {"response": "accepted"})

    assert response.status_code == 403
    invitation.refresh_from_db()
    assert invitation.response == Rsvp.PENDING


def test_the_calendar_download_is_the_activity_in_utc_with_its_uid(client, invitation):
    response = client.get(reverse("engagement:rsvp_calendar", args=[invitation_token(invitation)]))

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="activity-{invitation.activity.pk}.ics"'
    )
    [event] = Calendar.from_ical(response.content).walk("VEVENT")
    assert str(event["summary"]) == "Digital connectivity and 5G workshop"
    assert event.decoded("dtstart").astimezone(datetime.UTC) == datetime.datetime(
        2019, 6, 12, 9, 0, tzinfo=datetime.UTC
    )
    assert str(event["uid"]).startswith(f"activity-{invitation.activity.pk}@")


@pytest.mark.parametrize("size", [3, 30])
def test_the_rsvp_page_makes_the_same_queries_whatever_the_data(
    client, django_assert_num_queries, size
):
    activity = ActivityFactory()
    invitations = ActivityInvitationFactory.create_batch(size, activity=activity)
    url = rsvp_url(invitations[-1])
    client.get(url)
    with django_assert_num_queries(RSVP_QUERIES):
        client.get(url)


RSVP_QUERIES = 2
