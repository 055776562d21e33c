"""A meeting's .ics, body feeds and personal feeds parse back, with the right London times."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.test import RequestFactory
from django.urls import reverse
from icalendar import Calendar

from convenor.governance.choices import BodyKind
from convenor.meetings.calendar import (
    CalendarMethod,
    body_calendar_url,
    meeting_for_calendar_get,
    meetings_calendar,
    person_calendar_token,
    person_calendar_url,
)
from convenor.meetings.choices import MeetingStatus
from convenor.meetings.models import Meeting
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.governance.factories import BodyFactory, MembershipFactory
from tests.meetings.factories import AgendaItemFactory, InvitationFactory, MeetingFactory
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import StrategyFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC
SITE = "https://convenor.example.org"


@pytest.fixture(autouse=True)
def _site(settings):
    settings.CONVENOR_SITE_URL = SITE
    settings.DEFAULT_FROM_EMAIL = "Enterprise M3 LEP <lis@enterprisem3.example.org>"


@pytest.fixture
def strategy():
    return StrategyFactory(slug="em3-lis", name="Enterprise M3 Local Industrial Strategy")


@pytest.fixture
def board(strategy):
    return BodyFactory(
        strategy=strategy,
        slug="board",
        name="Enterprise M3 Board",
        kind=BodyKind.BOARD,
        is_public=True,
    )


@pytest.fixture
def transport(strategy):
    return BodyFactory(
        strategy=strategy, slug="transport", name="Transport Action Group", is_public=True
    )


@pytest.fixture
def steering(strategy):
    """A closed body: its meetings are for its members."""
    return BodyFactory(
        strategy=strategy,
        slug="steering-group",
        name="LIS Steering Group",
        kind=BodyKind.STEERING_GROUP,
        is_public=False,
    )


def london(*args: int) -> datetime.datetime:
    return datetime.datetime(*args, tzinfo=LONDON)


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def events(calendar: Calendar) -> list:
    return list(calendar.walk("VEVENT"))


def summaries(calendar: Calendar) -> list[str]:
    return [str(event["SUMMARY"]) for event in events(calendar)]


def ics_url(meeting: Meeting) -> str:
    return reverse("calendar:meeting_ics", args=[meeting.strategy.slug, meeting.pk])


def body_feed_url(body, token: str | None = None) -> str:
    url = reverse("calendar:body_feed", args=[body.strategy.slug, body.slug])
    return f"{url}?token={token}" if token else url


# A meeting's .ics


@pytest.mark.parametrize(
    ("starts_at", "ends_at", "starts_utc", "ends_utc"),
    [
        # Before the change to summer time on 31 March 2019 London is on GMT, UTC+0.
        (london(2019, 3, 28, 10), london(2019, 3, 28, 12), (2019, 3, 28, 10), (2019, 3, 28, 12)),
        # After it, on BST, UTC+1: 10:00 in London is 09:00 UTC.
        (london(2019, 4, 4, 10), london(2019, 4, 4, 12), (2019, 4, 4, 9), (2019, 4, 4, 11)),
        # A two-day workshop across the change: it starts on GMT and ends on BST.
        (london(2019, 3, 30, 10), london(2019, 3, 31, 16), (2019, 3, 30, 10), (2019, 3, 31, 15)),
        # Before the change back on 27 October 2019, still BST.
        (
            london(2019, 10, 24, 14),
            london(2019, 10, 24, 16),
            (2019, 10, 24, 13),
            (2019, 10, 24, 15),
        ),
        # After it, GMT again.
        (
            london(2019, 10, 31, 14),
            london(2019, 10, 31, 16),
            (2019, 10, 31, 14),
            (2019, 10, 31, 16),
        ),
    ],
)
def test_meeting_ics_holds_london_times_either_side_of_summer_time(
    client, board, starts_at, ends_at, starts_utc, ends_utc
):
    meeting = MeetingFactory(body=board, starts_at=starts_at, ends_at=ends_at)

    calendar = parse(client.get(ics_url(meeting)))

    (event,) = events(calendar)
    assert event["DTSTART"].params["TZID"] == "Europe/London"
    assert event["DTSTART"].dt.tzinfo == LONDON
    assert event["DTSTART"].dt.replace(tzinfo=None) == starts_at.replace(tzinfo=None)
    assert event["DTSTART"].dt.astimezone(UTC) == datetime.datetime(*starts_utc, tzinfo=UTC)
    assert event["DTEND"].params["TZID"] == "Europe/London"
    assert event["DTEND"].dt.tzinfo == LONDON
    assert event["DTEND"].dt.astimezone(UTC) == datetime.datetime(*ends_utc, tzinfo=UTC)
    (vtimezone,) = calendar.walk("VTIMEZONE")
    assert vtimezone["TZID"] == "Europe/London"
    # The VTIMEZONE itself carries 2019's changes, so programs without a zone database agree.
    assert vtimezone.to_tz().utcoffset(datetime.datetime(2019, 3, 28, 10)) == datetime.timedelta(0)
    assert vtimezone.to_tz().utcoffset(datetime.datetime(2019, 4, 4, 10)) == datetime.timedelta(
        hours=1
    )
    assert vtimezone.to_tz().utcoffset(datetime.datetime(2019, 10, 31, 14)) == datetime.timedelta(0)


def test_meeting_ics_describes_the_meeting(client, board, transport):
    meeting = MeetingFactory(
        body=board,
        title="Enterprise M3 Board",
        purpose="The board's regular meeting.",
        starts_at=london(2019, 5, 22, 10),
        ends_at=london(2019, 5, 22, 13),
        location="Enterprise M3 offices, Basingstoke",
        online_url="https://meet.example.org/em3-board",
    )
    meeting.joint_bodies.add(transport)
    AgendaItemFactory(meeting=meeting, order=1, title="Welcome and apologies")
    AgendaItemFactory(
        meeting=meeting,
        order=8,
        title="A Local Industrial Strategy for the EM3 Area \N{EN DASH} Engagement",
    )
    AgendaItemFactory(meeting=meeting, order=9, title="Chief executive's pay", is_confidential=True)
    Meeting.objects.filter(pk=meeting.pk).update(
        updated_at=meeting.created_at + datetime.timedelta(seconds=90)
    )

    response = client.get(ics_url(meeting))

    calendar = parse(response)
    assert response["Content-Disposition"] == f'attachment; filename="meeting-{meeting.pk}.ics"'
    assert response["Cache-Control"] == "private, max-age=300"
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["VERSION"] == "2.0"
    (event,) = events(calendar)
    assert event["UID"] == f"meeting-{meeting.pk}@convenor.example.org"
    assert event["SUMMARY"] == "Enterprise M3 Board"
    assert event["LOCATION"] == "Enterprise M3 offices, Basingstoke"
    assert event["URL"] == f"{SITE}/s/em3-lis/meetings/{meeting.pk}/"
    assert event["STATUS"] == "CONFIRMED"
    assert event["SEQUENCE"] == 90
    assert event["ORGANIZER"] == "mailto:lis@enterprisem3.example.org"
    assert event["ORGANIZER"].params["CN"] == "Enterprise M3 Board"
    assert "DTSTAMP" in event
    # The public reads the agenda without the confidential item.
    assert event["DESCRIPTION"] == (
        "Enterprise M3 Board, joint session with Transport Action Group\n"
        "\n"
        "The board's regular meeting.\n"
        "\n"
        "Agenda\n"
        "1. Welcome and apologies\n"
        "8. A Local Industrial Strategy for the EM3 Area \N{EN DASH} Engagement\n"
        "\n"
        "Join online: https://meet.example.org/em3-board\n"
        "\n"
        f"Meeting page: {SITE}/s/em3-lis/meetings/{meeting.pk}/"
    )
    assert b"Chief executive" not in response.content


def test_a_member_sees_the_confidential_items_in_the_ics(client, board):
    meeting = MeetingFactory(body=board)
    AgendaItemFactory(meeting=meeting, order=1, title="Chief executive's pay", is_confidential=True)
    member = MembershipFactory(body=board, person=PersonFactory(user=UserFactory())).person
    client.force_login(member.user)

    (event,) = events(parse(client.get(ics_url(meeting))))

    assert "1. Chief executive's pay" in str(event["DESCRIPTION"])


def test_sequence_grows_when_the_meeting_changes(board):
    meeting = MeetingFactory(body=board)
    Meeting.objects.filter(pk=meeting.pk).update(
        updated_at=meeting.created_at + datetime.timedelta(minutes=5)
    )
    first = meeting_for_calendar_get(pk=meeting.pk)
    Meeting.objects.filter(pk=meeting.pk).update(
        updated_at=meeting.created_at + datetime.timedelta(days=2)
    )
    second = meeting_for_calendar_get(pk=meeting.pk)

    def sequence(meeting: Meeting) -> int:
        calendar = meetings_calendar(
            meetings=[meeting], method=CalendarMethod.PUBLISH, include_confidential=False
        )
        return int(events(calendar)[0]["SEQUENCE"])

    assert sequence(first) == 300
    assert sequence(second) == 172800


def test_a_cancelled_meeting_is_cancelled_in_the_calendar(client, board):
    meeting = MeetingFactory(
        body=board,
        title="Enterprise M3 Board",
        status=MeetingStatus.CANCELLED,
        cancellation_reason="Not quorate",
    )

    (event,) = events(parse(client.get(ics_url(meeting))))

    assert event["STATUS"] == "CANCELLED"
    assert str(event["DESCRIPTION"]).startswith("Enterprise M3 Board\n\nCancelled: Not quorate\n")


def test_a_closed_meeting_ics_is_403_for_anyone_not_taking_part(client, steering):
    meeting = MeetingFactory(body=steering, title="Steering group on the Zanzibar option")

    assert client.get(ics_url(meeting)).status_code == 403
    client.force_login(UserFactory())
    response = client.get(ics_url(meeting))
    assert response.status_code == 403
    assert b"Zanzibar" not in response.content


@pytest.mark.parametrize("who", ["member", "invitee", "staff"])
def test_a_closed_meeting_ics_is_for_members_invitees_and_staff(client, steering, who):
    meeting = MeetingFactory(body=steering, title="Steering group on the Zanzibar option")
    if who == "member":
        user = MembershipFactory(
            body=steering, person=PersonFactory(user=UserFactory())
        ).person.user
    elif who == "invitee":
        user = InvitationFactory(
            meeting=meeting, person=PersonFactory(user=UserFactory())
        ).person.user
    else:
        user = StaffUserFactory()
    client.force_login(user)

    assert summaries(parse(client.get(ics_url(meeting)))) == [
        "Steering group on the Zanzibar option"
    ]


def test_meeting_ics_of_another_strategy_is_404(client, board):
    meeting = MeetingFactory(body=board)
    other = StrategyFactory(slug="elsewhere")

    url = reverse("calendar:meeting_ics", args=[other.slug, meeting.pk])

    assert client.get(url).status_code == 404
    assert client.get(reverse("calendar:meeting_ics", args=["em3-lis", 999999])).status_code == 404


def test_hostile_titles_come_back_as_written(board, naughty_strings):
    meeting = meeting_for_calendar_get(pk=MeetingFactory(body=board).pk)
    for text in naughty_strings:
        meeting.title = text
        calendar = meetings_calendar(
            meetings=[meeting], method=CalendarMethod.PUBLISH, include_confidential=False
        )

        (event,) = events(Calendar.from_ical(calendar.to_ical()))
        # Control characters are not allowed in iCalendar text (RFC 5545, 3.3.11), and a byte
        # order mark is invisible: they go; everything else comes back as written.
        expected = "".join(
            c for c in text if c in "\t\n\r" or not (ord(c) < 32 or ord(c) == 127 or c == "\ufeff")
        )
        assert str(event["SUMMARY"]) == expected, repr(text)


# A body's feed


@pytest.fixture
def meetings(board, transport, steering):
    """Public meetings of the board and transport group, and closed ones of the steering group."""
    return {
        "board": MeetingFactory(body=board, title="Board, May", starts_at=london(2019, 5, 22, 10)),
        "board_march": MeetingFactory(
            body=board, title="Board, March", starts_at=london(2019, 3, 28, 10)
        ),
        "transport": MeetingFactory(
            body=transport, title="Transport, June", starts_at=london(2019, 6, 5, 14)
        ),
        "joint_public": _joint(
            MeetingFactory(
                body=transport, title="Transport with the board", starts_at=london(2019, 7, 1, 10)
            ),
            board,
        ),
        "steering": MeetingFactory(
            body=steering, title="Steering on the Zanzibar option", starts_at=london(2019, 4, 4, 9)
        ),
        "joint_closed": _joint(
            MeetingFactory(
                body=board, title="Board with steering: Xylophone", starts_at=london(2019, 9, 1, 9)
            ),
            steering,
        ),
        "closed_convened": _joint(
            MeetingFactory(
                body=steering,
                title="Steering hosts the board: Quagga",
                starts_at=london(2019, 10, 1, 9),
            ),
            board,
        ),
    }


def _joint(meeting: Meeting, *bodies) -> Meeting:
    meeting.joint_bodies.add(*bodies)
    return meeting


def test_a_public_body_feed_lists_its_public_meetings_for_everyone(client, board, meetings):
    response = client.get(body_feed_url(board))

    calendar = parse(response)
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["X-WR-CALNAME"] == "Enterprise M3 Board: meetings"
    assert summaries(calendar) == ["Board, March", "Board, May", "Transport with the board"]
    assert response["Cache-Control"] == "public, max-age=300"
    # The joint session with the closed steering group is not public: nothing of it shows.
    assert b"Xylophone" not in response.content
    assert b"Quagga" not in response.content
    assert b"Zanzibar" not in response.content
    assert b"Steering" not in response.content


def test_public_feeds_hold_nothing_of_closed_meetings(client, board, transport, meetings):
    for body in (board, transport):
        content = client.get(body_feed_url(body)).content
        assert b"Xylophone" not in content
        assert b"Quagga" not in content
        assert b"Zanzibar" not in content
        assert f"meeting-{meetings['steering'].pk}@".encode() not in content
        assert f"meeting-{meetings['joint_closed'].pk}@".encode() not in content
        assert f"meeting-{meetings['closed_convened'].pk}@".encode() not in content


def test_a_closed_body_feed_is_403_without_a_member_token(client, steering, meetings):
    outsider = PersonFactory()
    former_member = MembershipFactory(
        body=steering, starts_on=datetime.date(2018, 1, 1), ends_on=datetime.date(2018, 12, 31)
    ).person

    for url in (
        body_feed_url(steering),
        body_feed_url(steering, token="not-a-token"),
        body_feed_url(steering, token=person_calendar_token(outsider)),
        body_feed_url(steering, token=person_calendar_token(former_member)),
    ):
        response = client.get(url)
        assert response.status_code == 403, url
        assert b"Zanzibar" not in response.content


def test_a_signed_in_staff_user_still_needs_a_member_token_for_a_closed_feed(
    client, steering, meetings
):
    client.force_login(StaffUserFactory())

    assert client.get(body_feed_url(steering)).status_code == 403


def test_a_closed_body_feed_lists_all_its_meetings_with_a_member_token(client, steering, meetings):
    member = MembershipFactory(body=steering).person

    response = client.get(body_feed_url(steering, token=person_calendar_token(member)))

    assert summaries(parse(response)) == [
        "Steering on the Zanzibar option",
        "Board with steering: Xylophone",
        "Steering hosts the board: Quagga",
    ]
    assert response["Cache-Control"] == "private, max-age=300"


def test_a_member_token_opens_a_public_body_feed_to_its_closed_joint_sessions(
    client, board, meetings
):
    member = MembershipFactory(body=board).person

    response = client.get(body_feed_url(board, token=person_calendar_token(member)))

    assert summaries(parse(response)) == [
        "Board, March",
        "Board, May",
        "Transport with the board",
        "Board with steering: Xylophone",
        "Steering hosts the board: Quagga",
    ]


def test_a_feed_of_an_unknown_body_is_404(client, strategy):
    url = reverse("calendar:body_feed", args=[strategy.slug, "no-such-body"])

    assert client.get(url).status_code == 404


def test_a_body_feed_of_a_private_strategy_is_404_without_a_token(client):
    body = BodyFactory(strategy=StrategyFactory(is_public=False), is_public=True)

    assert client.get(body_feed_url(body)).status_code == 404


def test_an_empty_feed_is_still_a_valid_calendar(client, transport):
    calendar = parse(client.get(body_feed_url(transport)))

    assert events(calendar) == []
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/London"]


# A person's feed


def person_feed_url(person) -> str:
    return reverse("calendar:person_feed", args=[person_calendar_token(person)])


def test_a_person_feed_lists_exactly_the_meetings_they_take_part_in(
    client, board, transport, steering, meetings
):
    person = PersonFactory(name="Kevin Lloyd")
    MembershipFactory(body=steering, person=person)
    MembershipFactory(
        body=transport,
        person=person,
        starts_on=datetime.date(2017, 1, 1),
        ends_on=datetime.date(2018, 12, 31),
    )
    InvitationFactory(meeting=meetings["board"], person=person)

    response = client.get(person_feed_url(person))

    calendar = parse(response)
    assert calendar["X-WR-CALNAME"] == "Meetings: Kevin Lloyd"
    # The steering group's meetings and joint sessions, and the one board meeting Kevin was
    # invited to; not the transport group he left.
    assert summaries(calendar) == [
        "Steering on the Zanzibar option",
        "Board, May",
        "Board with steering: Xylophone",
        "Steering hosts the board: Quagga",
    ]
    assert response["Cache-Control"] == "private, max-age=300"
    assert response["X-Robots-Tag"] == "noindex"


def test_a_board_member_feed_holds_the_sessions_the_board_joins(client, board, meetings):
    person = MembershipFactory(body=board).person

    assert summaries(parse(client.get(person_feed_url(person)))) == [
        "Board, March",
        "Board, May",
        "Transport with the board",
        "Board with steering: Xylophone",
        "Steering hosts the board: Quagga",
    ]


@pytest.mark.parametrize(
    "token",
    ["not-a-token", "MQ:forged-signature", "", "MQ"],
)
def test_a_bad_person_token_is_404(client, token):
    url = f"/calendar/{token}.ics"

    assert client.get(url).status_code == 404


def test_a_token_of_someone_removed_from_the_register_is_404(client):
    person = PersonFactory()
    url = person_feed_url(person)
    person.delete()

    assert client.get(url).status_code == 404


def test_a_token_signed_for_another_purpose_is_404(client):
    from django.core import signing

    person = PersonFactory()
    token = signing.Signer(salt="something.else").sign_object(person.pk)

    assert client.get(f"/calendar/{token}.ics").status_code == 404


def test_a_body_feed_address_with_a_member_token_opens_the_closed_feed(client, steering, meetings):
    member = MembershipFactory(body=steering).person
    url = body_calendar_url(RequestFactory().get("/me/"), steering, member)

    assert url.startswith("http://testserver/s/em3-lis/bodies/steering-group/meetings.ics?token=")
    assert "Steering on the Zanzibar option" in summaries(parse(client.get(url)))


def test_the_person_token_and_url_are_stable(client):
    person = PersonFactory()
    request = RequestFactory().get("/me/")

    assert person_calendar_token(person) == person_calendar_token(person)
    assert person_calendar_url(request, person) == (
        f"http://testserver/calendar/{person_calendar_token(person)}.ics"
    )


def test_person_feed_query_count_does_not_grow_with_meetings(
    client, board, steering, django_assert_num_queries
):
    person = PersonFactory()
    MembershipFactory(body=steering, person=person)

    def add_meetings(count: int) -> None:
        for _ in range(count):
            meeting = MeetingFactory(body=board)
            meeting.joint_bodies.add(steering)
            AgendaItemFactory(meeting=meeting)
            InvitationFactory(meeting=MeetingFactory(body=board), person=person)

    url = person_feed_url(person)
    add_meetings(2)
    # The person, the meetings, their joint bodies, their agenda items.
    with django_assert_num_queries(4):
        assert len(events(parse(client.get(url)))) == 4
    add_meetings(18)
    with django_assert_num_queries(4):
        assert len(events(parse(client.get(url)))) == 40
