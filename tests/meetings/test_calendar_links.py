"""The pages link to the calendars people can add: a meeting's .ics, a public body's feed, and a
member's own feed; and each link opens a calendar for someone allowed to follow it."""

import re
from urllib.parse import urlsplit

import pytest
from django.test import RequestFactory
from django.urls import reverse
from icalendar import Calendar

from convenor.meetings.calendar import person_calendar_url
from tests.meetings.scenes import scene_build

pytestmark = pytest.mark.django_db

ME = "/me/"
CALENDAR_TYPE = "text/calendar; charset=utf-8"


@pytest.fixture
def scene():
    return scene_build()


def text_of(response) -> str:
    return response.content.decode()


def links_in(page: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', page)


def calendar_links(page: str) -> list[str]:
    return [link for link in links_in(page) if link.endswith(".ics") or ".ics?" in link]


def summaries_of(response) -> list[str]:
    """The titles of the meetings in a calendar, in the order it lists them."""
    assert response.status_code == 200
    assert response["Content-Type"] == CALENDAR_TYPE
    calendar = Calendar.from_ical(response.content)
    return [str(event["SUMMARY"]) for event in calendar.walk("VEVENT")]


def meeting_page(meeting) -> str:
    return reverse("meetings:meeting_detail", args=[meeting.strategy.slug, meeting.pk])


def body_page(body) -> str:
    return reverse("governance:body_detail", args=[body.strategy.slug, body.slug])


# A meeting's .ics


def test_a_public_meeting_page_links_to_its_ics_which_anyone_can_open(client, scene):
    meeting = scene.board_meeting

    links = calendar_links(text_of(client.get(meeting_page(meeting))))

    assert links == [f"/s/em3-lis/meetings/{meeting.pk}/meeting.ics"]
    assert links == [reverse("calendar:meeting_ics", args=["em3-lis", meeting.pk])]
    assert summaries_of(client.get(links[0])) == ["Enterprise M3 Board meeting"]


def test_a_closed_meeting_page_links_its_members_to_its_ics(client, scene):
    meeting = scene.closed_meeting
    client.force_login(scene.member)

    links = calendar_links(text_of(client.get(meeting_page(meeting))))

    assert links == [reverse("calendar:meeting_ics", args=["em3-lis", meeting.pk])]
    assert summaries_of(client.get(links[0])) == ["Zanzibar session on 5G"]


# A body's feed


def test_a_public_body_page_links_to_its_feed_of_public_meetings(client, scene):
    links = calendar_links(text_of(client.get(body_page(scene.board))))

    assert links == ["/s/em3-lis/bodies/board/meetings.ics"]
    assert links == [reverse("calendar:body_feed", args=["em3-lis", "board"])]
    # The joint session with the closed group is not public, so it is not in the public feed.
    assert summaries_of(client.get(links[0])) == ["Enterprise M3 Board meeting"]


@pytest.mark.parametrize("who", ["anonymous", "member", "staff"])
def test_a_closed_body_page_links_to_no_feed(client, scene, who):
    if who != "anonymous":
        client.force_login(getattr(scene, who))

    page = text_of(client.get(body_page(scene.closed)))

    assert "Digital Working Group does not meet in public" in page
    assert calendar_links(page) == []
    assert reverse("calendar:body_feed", args=["em3-lis", "digital"]) not in page


# A member's own feed


def test_the_members_page_shows_their_own_feed_with_their_meetings(client, scene):
    person = scene.member.person
    # The address as the page builds it, on the test client's host.
    own_feed = person_calendar_url(RequestFactory().get(ME), person)
    client.force_login(scene.member)

    links = calendar_links(text_of(client.get(ME)))

    assert links == [own_feed]
    assert own_feed.startswith("http://testserver/calendar/")
    # Calendar programs send no cookie: the address alone opens the feed.
    client.logout()
    response = client.get(urlsplit(own_feed).path)
    # On the board and chairing the closed group: both bodies' meetings, the joint one included.
    assert summaries_of(response) == [
        "Enterprise M3 Board meeting",
        "Zanzibar session on 5G",
        "Wombat joint session",
    ]
    assert str(Calendar.from_ical(response.content)["X-WR-CALNAME"]) == "Meetings: Mina Member"


def test_each_member_sees_only_their_own_feed(client, scene):
    client.force_login(scene.invited)

    links = calendar_links(text_of(client.get(ME)))

    assert links == [person_calendar_url(RequestFactory().get(ME), scene.invited.person)]
    client.logout()
    # Invited to the closed group's meeting only, as an outside expert.
    assert summaries_of(client.get(urlsplit(links[0]).path)) == ["Zanzibar session on 5G"]


def test_an_account_not_linked_to_a_person_has_no_feed(client, scene):
    client.force_login(scene.stranger)

    page = text_of(client.get(ME))

    assert "Your account is not linked to anyone" in page
    assert calendar_links(page) == []
