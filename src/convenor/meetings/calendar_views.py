"""Calendar files: a meeting's .ics download, a body's feed and a person's own feed."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_safe

from convenor.core import clock
from convenor.meetings import calendar
from convenor.meetings.calendar import CalendarMethod
from convenor.meetings.permissions import can_take_part

CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8"
# Calendar programs poll feeds; a few minutes' caching spares the database without going stale.
FEED_MAX_AGE = 300


def _calendar_response(
    ical: bytes, *, filename: str, private: bool, attachment: bool = False
) -> HttpResponse:
    response = HttpResponse(ical, content_type=CALENDAR_CONTENT_TYPE)
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    if private:
        patch_cache_control(response, private=True, max_age=FEED_MAX_AGE)
        # A feed address holds a secret token: keep it out of search engines.
        response["X-Robots-Tag"] = "noindex"
    else:
        patch_cache_control(response, public=True, max_age=FEED_MAX_AGE)
    return response


@require_safe
def meeting_ics(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """The meeting as an .ics file, for anyone who may see the meeting (403 otherwise)."""
    meeting = calendar.meeting_for_calendar_get(strategy_slug=slug, pk=pk)
    if meeting is None:
        raise Http404("No such meeting.")
    if not request.user.has_perm("meetings.view_meeting", meeting):
        raise PermissionDenied("You may not see this meeting.")
    ical = calendar.meetings_calendar(
        meetings=[meeting],
        method=CalendarMethod.PUBLISH,
        include_confidential=can_take_part.test(request.user, meeting),
    ).to_ical()
    return _calendar_response(
        ical, filename=calendar.meeting_ics_filename(meeting), private=True, attachment=True
    )


@require_safe
def body_feed(request: HttpRequest, slug: str, body_slug: str) -> HttpResponse:
    """A body's meetings: its public meetings for everyone, all of them with a member's token.

    A closed body's feed needs the personal token of one of its current members (403 without):
    calendar programs send no session cookie, so the token is how a member is recognised.
    """
    body = calendar.body_for_calendar_get(strategy_slug=slug, body_slug=body_slug)
    if body is None:
        raise Http404("No such body.")
    person = calendar.person_from_calendar_token(request.GET.get("token", ""))
    is_member = person is not None and calendar.person_is_current_member(
        person=person, body=body, today=clock.today()
    )
    if not is_member:
        if not body.strategy.is_public:
            raise Http404("No such body.")
        if not body.is_public:
            raise PermissionDenied("This body meets in private: use a member's calendar address.")
    meetings = calendar.body_feed_meetings(body=body, include_closed=is_member)
    ical = calendar.meetings_calendar(
        meetings=meetings,
        method=CalendarMethod.PUBLISH,
        include_confidential=is_member,
        name=f"{body.name}: meetings",
    ).to_ical()
    return _calendar_response(ical, filename=f"{body.slug}.ics", private=is_member)


@require_safe
def person_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A person's own feed: the meetings they are invited to or whose bodies they sit on."""
    person = calendar.person_from_calendar_token(token)
    if person is None:
        raise Http404("No such calendar.")
    meetings = calendar.person_feed_meetings(person=person, today=clock.today())
    ical = calendar.meetings_calendar(
        meetings=meetings,
        method=CalendarMethod.PUBLISH,
        # Everyone in this feed takes part in each of its meetings.
        include_confidential=True,
        name=f"Meetings: {person.name}",
    ).to_ical()
    return _calendar_response(ical, filename="meetings.ics", private=True)
