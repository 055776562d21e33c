"""Activities as RFC 5545 calendars: the .ics attached to an invitation and offered after a reply.

Times are written in Europe/London with a VTIMEZONE, so a calendar shows 10:00 for a workshop
at 10:00 on either side of the change to or from summer time. Each activity keeps one UID, so
a later invitation or download replaces the entry rather than adding a second one.
"""

from __future__ import annotations

import datetime
import enum
import re
from email.utils import parseaddr
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, Timezone, vCalAddress, vText

from convenor.engagement.choices import ActivityStatus, Rsvp
from convenor.engagement.models import Activity, ActivityInvitation

LONDON_TZID = "Europe/London"
LONDON = ZoneInfo(LONDON_TZID)
PRODID = "-//Convenor//Engagement//EN"
# RFC 5545 TEXT allows no control characters but tab and line breaks (which are escaped); a
# byte order mark is invisible and parsers drop it, so it goes too.
_CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufeff]")

ATTENDEE_PARTSTAT = {
    Rsvp.PENDING: "NEEDS-ACTION",
    Rsvp.ACCEPTED: "ACCEPTED",
    Rsvp.DECLINED: "DECLINED",
    # Waiting for a place: not confirmed either way.
    Rsvp.WAITING: "TENTATIVE",
}


class CalendarMethod(enum.StrEnum):
    """The iTIP method (RFC 5546): an invitation asks for a calendar entry, a download shows one."""

    REQUEST = "REQUEST"
    PUBLISH = "PUBLISH"


def site_url(path: str) -> str:
    """An absolute address on the site, from CONVENOR_SITE_URL (mail is read away from it)."""
    return f"{settings.CONVENOR_SITE_URL.rstrip('/')}{path}"


def _text(value: str) -> str:
    return _CONTROL_CHARACTERS.sub("", value)


def activity_when(activity: Activity) -> str:
    """The activity's date and times in London: "Wednesday 12 June 2019, 10:00 to 13:00"."""
    starts = timezone.localtime(activity.starts_at, LONDON)
    start_text = f"{starts:%A} {starts.day} {starts:%B %Y, %H:%M}"
    if activity.ends_at is None:
        return start_text
    ends = timezone.localtime(activity.ends_at, LONDON)
    if ends.date() == starts.date():
        return f"{start_text} to {ends:%H:%M}"
    return f"{start_text} to {ends:%A} {ends.day} {ends:%B %Y, %H:%M}"


def activity_uid(activity: Activity) -> str:
    """The activity's UID, the same in every calendar file, so that updates replace the entry."""
    host = urlsplit(settings.CONVENOR_SITE_URL).hostname or "convenor.invalid"
    return f"activity-{activity.pk}@{host}"


def activity_sequence(activity: Activity) -> int:
    """A revision number that grows each time the activity is saved (whole seconds since created).

    Calendar programs replace an entry only by one with a higher SEQUENCE; seconds since the
    activity was created grow with every change (a new time included) and fit in 32 bits.
    """
    return max(0, int((activity.updated_at - activity.created_at).total_seconds()))


def activity_description(*, activity: Activity, rsvp_url: str = "") -> str:
    """The entry's text: kind, purpose, where to join online, and the link to reply."""
    lines = [str(activity.get_kind_display())]
    if activity.status == ActivityStatus.CANCELLED:
        lines += ["", "Cancelled."]
    if activity.purpose:
        lines += ["", activity.purpose]
    if activity.online_url:
        lines += ["", f"Join online: {activity.online_url}"]
    if rsvp_url:
        lines += ["", f"Reply: {rsvp_url}"]
    return "\n".join(lines)


def _organizer(activity: Activity) -> vCalAddress:
    _, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    organizer = vCalAddress(f"mailto:{address}")
    organizer.params["cn"] = vText(_text(activity.strategy.name))
    return organizer


def _attendee(invitation: ActivityInvitation) -> vCalAddress:
    attendee = vCalAddress(f"mailto:{invitation.person.email}")
    attendee.params["cn"] = vText(_text(invitation.person.name))
    attendee.params["role"] = "REQ-PARTICIPANT"
    attendee.params["partstat"] = ATTENDEE_PARTSTAT[Rsvp(invitation.response)]
    # Replies come through the signed link in the mail, not by calendar: ask for none.
    attendee.params["rsvp"] = "FALSE"
    return attendee


def activity_event(
    *,
    activity: Activity,
    stamp: datetime.datetime,
    invitation: ActivityInvitation | None = None,
    rsvp_url: str = "",
) -> Event:
    """One VEVENT for the activity; `invitation` names its invitee as the ATTENDEE."""
    event = Event()
    event.add("uid", activity_uid(activity))
    event.add("dtstamp", stamp.astimezone(datetime.UTC))
    event.add("dtstart", timezone.localtime(activity.starts_at, LONDON))
    if activity.ends_at is not None:
        event.add("dtend", timezone.localtime(activity.ends_at, LONDON))
    event.add("summary", _text(activity.title))
    location = activity.place or activity.online_url
    if location:
        event.add("location", _text(location))
    if rsvp_url:
        event.add("url", rsvp_url)
    event.add("description", _text(activity_description(activity=activity, rsvp_url=rsvp_url)))
    is_cancelled = activity.status == ActivityStatus.CANCELLED
    event.add("status", "CANCELLED" if is_cancelled else "CONFIRMED")
    event.add("sequence", activity_sequence(activity))
    event.add("created", activity.created_at.astimezone(datetime.UTC))
    event.add("last-modified", activity.updated_at.astimezone(datetime.UTC))
    event.add("organizer", _organizer(activity))
    if invitation is not None:
        event.add("attendee", _attendee(invitation))
    return event


def activity_calendar(
    *,
    activity: Activity,
    method: CalendarMethod,
    invitation: ActivityInvitation | None = None,
    rsvp_url: str = "",
    stamp: datetime.datetime | None = None,
) -> Calendar:
    """A VCALENDAR with the Europe/London VTIMEZONE and the activity's VEVENT."""
    stamp = stamp or timezone.now()
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", str(method))
    ends_at = activity.ends_at or activity.starts_at
    # Europe/London's rules over the years the activity spans (the full table would be huge).
    calendar.add_component(
        Timezone.from_tzid(
            LONDON_TZID,
            first_date=datetime.date(timezone.localtime(activity.starts_at, LONDON).year, 1, 1),
            last_date=datetime.date(timezone.localtime(ends_at, LONDON).year + 1, 1, 1),
        )
    )
    calendar.add_component(
        activity_event(activity=activity, stamp=stamp, invitation=invitation, rsvp_url=rsvp_url)
    )
    return calendar


def activity_ics_filename(activity: Activity) -> str:
    """The file name of an activity's .ics, in downloads and mail attachments."""
    return f"activity-{activity.pk}.ics"
