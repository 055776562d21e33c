"""Meetings as RFC 5545 calendars: a meeting's .ics, feeds per body and per person, feed tokens.

Times are written in Europe/London with a VTIMEZONE, so that a calendar shows 10:00 for a
meeting at 10:00 whichever side of the change to or from summer time it falls. A calendar only
ever holds what its reader may see: public feeds list public meetings only, and confidential
agenda items appear only for the people taking part.
"""

from __future__ import annotations

import datetime
import enum
import re
from collections.abc import Iterable
from email.utils import parseaddr
from urllib.parse import urlencode, urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core import signing
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, vCalAddress, vText

from convenor.governance.models import Body, Membership
from convenor.governance.selectors import membership_current_q
from convenor.meetings.choices import InvitationResponse, InvitationRole, MeetingStatus
from convenor.meetings.models import AgendaItem, Invitation, Meeting
from convenor.stakeholders.models import Person

LONDON_TZID = "Europe/London"
LONDON = ZoneInfo(LONDON_TZID)
PRODID = "-//Convenor//Meetings//EN"
CALENDAR_TOKEN_SALT = "convenor.calendar"
# RFC 5545 TEXT allows no control characters but tab and line breaks (which are escaped); a
# byte order mark is invisible and parsers drop it, so it goes too.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]")


class CalendarMethod(enum.StrEnum):
    """The iTIP method (RFC 5546): an invitation asks for a place in a calendar, a feed shows."""

    REQUEST = "REQUEST"
    PUBLISH = "PUBLISH"


# What an invitation's role and reply mean for the ATTENDEE line of an invitation's calendar.
ATTENDEE_ROLE = {
    InvitationRole.MEMBER: "REQ-PARTICIPANT",
    InvitationRole.INVITED_EXPERT: "REQ-PARTICIPANT",
    InvitationRole.PRESENTER: "REQ-PARTICIPANT",
    InvitationRole.OBSERVER: "OPT-PARTICIPANT",
    InvitationRole.SECRETARIAT: "NON-PARTICIPANT",
}
ATTENDEE_PARTSTAT = {
    InvitationResponse.PENDING: "NEEDS-ACTION",
    InvitationResponse.ACCEPTED: "ACCEPTED",
    InvitationResponse.DECLINED: "DECLINED",
}


# Links


def site_url(path: str) -> str:
    """An absolute address on the site, from CONVENOR_SITE_URL (mail is read away from it)."""
    return f"{settings.CONVENOR_SITE_URL.rstrip('/')}{path}"


def meeting_page_url(meeting: Meeting) -> str:
    """The absolute address of the meeting's public page."""
    return site_url(reverse("meetings:meeting_detail", args=[meeting.strategy.slug, meeting.pk]))


def meeting_ics_url(meeting: Meeting) -> str:
    """The absolute address of the meeting's .ics download."""
    return site_url(reverse("calendar:meeting_ics", args=[meeting.strategy.slug, meeting.pk]))


# Personal feed tokens


def _token_signer() -> signing.Signer:
    # No timestamp: the token stays the same, so the address a person subscribed to keeps working.
    return signing.Signer(salt=CALENDAR_TOKEN_SALT)


def person_calendar_token(person: Person) -> str:
    """The secret in the address of a person's own calendar feed, derived from their id."""
    return _token_signer().sign_object(person.pk)


def person_from_calendar_token(token: str) -> Person | None:
    """The person a feed token belongs to, or None for a token that was not issued by us."""
    try:
        person_pk = _token_signer().unsign_object(token)
    except signing.BadSignature:
        return None
    if not isinstance(person_pk, int):
        return None
    return Person.objects.filter(pk=person_pk).first()


def person_calendar_url(request: HttpRequest, person: Person) -> str:
    """The absolute address of the person's calendar feed, to show on their own page."""
    path = reverse("calendar:person_feed", args=[person_calendar_token(person)])
    return request.build_absolute_uri(path)


def body_calendar_url(request: HttpRequest, body: Body, person: Person | None = None) -> str:
    """The absolute address of a body's feed; with a member's token it includes closed meetings."""
    path = reverse("calendar:body_feed", args=[body.strategy.slug, body.slug])
    if person is not None:
        path = f"{path}?{urlencode({'token': person_calendar_token(person)})}"
    return request.build_absolute_uri(path)


# Reads


def _meetings_for_calendar() -> QuerySet[Meeting]:
    """Meetings with everything a calendar entry shows joined: one query per relation."""
    return (
        Meeting.objects.select_related("strategy", "body")
        .prefetch_related(
            Prefetch("joint_bodies", queryset=Body.objects.order_by("name")),
            Prefetch("agenda_items", queryset=AgendaItem.objects.order_by("order")),
        )
        .order_by("starts_at", "id")
    )


def meeting_for_calendar_get(*, pk: int, strategy_slug: str | None = None) -> Meeting | None:
    """One meeting (of the strategy, when its slug is given), ready to be written as an entry."""
    meetings = _meetings_for_calendar().filter(pk=pk)
    if strategy_slug is not None:
        meetings = meetings.filter(strategy__slug=strategy_slug)
    return meetings.first()


def body_for_calendar_get(*, strategy_slug: str, body_slug: str) -> Body | None:
    """A body of the strategy, with its strategy."""
    return (
        Body.objects.select_related("strategy")
        .filter(strategy__slug=strategy_slug, slug=body_slug)
        .first()
    )


def person_is_current_member(*, person: Person, body: Body, today: datetime.date) -> bool:
    """The person sits on the body today."""
    return Membership.objects.filter(
        membership_current_q(today=today), person=person, body=body
    ).exists()


def body_feed_meetings(*, body: Body, include_closed: bool) -> QuerySet[Meeting]:
    """The meetings a body convenes or joins; without `include_closed`, only public meetings.

    A meeting is public when its strategy is public and every body taking part meets in public,
    so a public body's joint session with a closed body is left out of the public feed.
    """
    meetings = _meetings_for_calendar().filter(
        Q(body=body) | Q(pk__in=Meeting.objects.filter(joint_bodies=body).values("pk"))
    )
    if include_closed:
        return meetings
    return meetings.filter(strategy__is_public=True, body__is_public=True).exclude(
        joint_bodies__is_public=False
    )


def person_feed_meetings(*, person: Person, today: datetime.date) -> QuerySet[Meeting]:
    """Every meeting the person is invited to or that a body they sit on today convenes or joins."""
    body_ids = Membership.objects.filter(membership_current_q(today=today), person=person).values(
        "body_id"
    )
    return _meetings_for_calendar().filter(
        Q(pk__in=Invitation.objects.filter(person=person).values("meeting_id"))
        | Q(body_id__in=body_ids)
        | Q(pk__in=Meeting.objects.filter(joint_bodies__in=body_ids).values("pk"))
    )


# Building calendars


def _text(value: str) -> str:
    return _CONTROL_CHARACTERS.sub("", value)


def meeting_uid(meeting: Meeting) -> str:
    """The meeting's UID, the same in every calendar, so that updates replace the entry."""
    host = urlsplit(settings.CONVENOR_SITE_URL).hostname or "convenor.invalid"
    return f"meeting-{meeting.pk}@{host}"


def meeting_sequence(meeting: Meeting) -> int:
    """A revision number that grows each time the meeting is saved (whole seconds since created).

    Calendar programs replace an entry only by one with a higher SEQUENCE; seconds since the
    meeting was created grow with every change and stay within iCalendar's 32-bit integers.
    """
    return max(0, int((meeting.updated_at - meeting.created_at).total_seconds()))


def meeting_location(meeting: Meeting) -> str:
    """The place, or the online link when the meeting has no place."""
    return meeting.location or meeting.online_url


def meeting_description(*, meeting: Meeting, include_confidential: bool) -> str:
    """The entry's text: bodies, status, purpose, the agenda the reader may see, the links."""
    bodies = meeting.body.name
    joint_bodies = [body.name for body in meeting.joint_bodies.all()]
    if joint_bodies:
        bodies = f"{bodies}, joint session with {', '.join(joint_bodies)}"
    lines = [bodies]
    if meeting.status == MeetingStatus.CANCELLED:
        lines += ["", f"Cancelled: {meeting.cancellation_reason}"]
    if meeting.purpose:
        lines += ["", meeting.purpose]
    items = [
        item
        for item in meeting.agenda_items.all()
        if include_confidential or not item.is_confidential
    ]
    if items:
        lines += ["", "Agenda"]
        lines += [f"{item.order}. {item.title}" for item in items]
    if meeting.online_url:
        lines += ["", f"Join online: {meeting.online_url}"]
    lines += ["", f"Meeting page: {meeting_page_url(meeting)}"]
    return "\n".join(lines)


def _organizer(meeting: Meeting) -> vCalAddress:
    _, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = vText(_text(meeting.body.name))
    return organizer


def _attendee(invitation: Invitation) -> vCalAddress:
    attendee = vCalAddress(f"mailto:{invitation.person.email}")
    attendee.params["cn"] = vText(_text(invitation.person.name))
    attendee.params["role"] = ATTENDEE_ROLE.get(InvitationRole(invitation.role), "REQ-PARTICIPANT")
    attendee.params["partstat"] = ATTENDEE_PARTSTAT[InvitationResponse(invitation.response)]
    # Convenor reads no replies by mail; staff record them, so calendars should not send any.
    attendee.params["rsvp"] = "FALSE"
    return attendee


def meeting_event(
    *,
    meeting: Meeting,
    stamp: datetime.datetime,
    include_confidential: bool,
    invitation: Invitation | None = None,
) -> Event:
    """One VEVENT for the meeting; `invitation` adds its invitee as the ATTENDEE of a REQUEST."""
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("dtstamp", stamp.astimezone(datetime.UTC))
    event.add("dtstart", timezone.localtime(meeting.starts_at, LONDON))
    event.add("dtend", timezone.localtime(meeting.ends_at, LONDON))
    event.add("summary", _text(meeting.title))
    location = meeting_location(meeting)
    if location:
        event.add("location", _text(location))
    event.add("url", meeting_page_url(meeting))
    event.add(
        "description",
        _text(meeting_description(meeting=meeting, include_confidential=include_confidential)),
    )
    event.add("status", "CANCELLED" if meeting.status == MeetingStatus.CANCELLED else "CONFIRMED")
    event.add("sequence", meeting_sequence(meeting))
    event.add("created", meeting.created_at.astimezone(datetime.UTC))
    event.add("last-modified", meeting.updated_at.astimezone(datetime.UTC))
    event.add("organizer", _organizer(meeting))
    if invitation is not None:
        event.add("attendee", _attendee(invitation))
    return event


def _london_timezone(meetings: list[Meeting], today: datetime.date) -> Timezone:
    """Europe/London's rules over the years the meetings span (the full table would be huge)."""
    years = [timezone.localtime(meeting.starts_at, LONDON).year for meeting in meetings]
    years += [timezone.localtime(meeting.ends_at, LONDON).year for meeting in meetings]
    first_year = min(years, default=today.year)
    last_year = max(years, default=today.year)
    return Timezone.from_tzid(
        LONDON_TZID,
        first_date=datetime.date(first_year, 1, 1),
        last_date=datetime.date(last_year + 1, 1, 1),
    )


def meetings_calendar(
    *,
    meetings: Iterable[Meeting],
    method: CalendarMethod,
    include_confidential: bool,
    name: str = "",
    invitation: Invitation | None = None,
    stamp: datetime.datetime | None = None,
) -> Calendar:
    """A VCALENDAR with the Europe/London VTIMEZONE and one VEVENT per meeting.

    `include_confidential` shows confidential agenda items: only for people taking part.
    `invitation` (with method REQUEST) names its invitee as the attendee of its meeting.
    """
    stamp = stamp or timezone.now()
    meetings = list(meetings)
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", str(method))
    if name:
        # NAME is RFC 7986; X-WR-CALNAME and X-WR-TIMEZONE are what Google and Apple read.
        calendar.add("name", _text(name))
        calendar.add("x-wr-calname", _text(name))
        calendar.add("x-wr-timezone", LONDON_TZID)
    # Always one VTIMEZONE: RFC 5545 wants at least one component, even in an empty feed.
    calendar.add_component(_london_timezone(meetings, timezone.localdate(stamp, LONDON)))
    for meeting in meetings:
        invitee = invitation if invitation and invitation.meeting_id == meeting.pk else None
        calendar.add_component(
            meeting_event(
                meeting=meeting,
                stamp=stamp,
                include_confidential=include_confidential,
                invitation=invitee,
            )
        )
    return calendar


def meeting_ics_filename(meeting: Meeting) -> str:
    """The file name of a meeting's .ics, in downloads and mail attachments."""
    return f"meeting-{meeting.pk}.ics"
