"""Public engagement pages: an invitee replies through the signed link in their invitation.

The link's signature is the permission: nobody signs in. A link that was not issued by us, or
whose invitation was withdrawn, gets a 404 page saying so. CSRF protection still applies.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views import View

from convenor.engagement import invitation_selectors, invitation_services
from convenor.engagement.calendar import (
    CalendarMethod,
    activity_calendar,
    activity_ics_filename,
    activity_when,
)
from convenor.engagement.choices import ActivityStatus
from convenor.engagement.choices import Rsvp as RsvpChoice
from convenor.engagement.invitation_forms import RsvpForm
from convenor.engagement.models import ActivityInvitation
from convenor.ui.forms import add_service_errors


def _private(response: HttpResponse) -> HttpResponse:
    # The page is one person's: no shared cache keeps it, no search engine lists it.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _invalid(request: HttpRequest) -> HttpResponse:
    return _private(
        render(
            request,
            "engagement/rsvp_invalid.html",
            {"page_title": "This reply link does not work"},
            status=404,
        )
    )


class InvitationLinkView(View):
    """A page reached through an invitation's signed link."""

    invitation: ActivityInvitation

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        invitation = invitation_selectors.invitation_by_token(kwargs["token"])
        if invitation is None:
            return _invalid(request)
        self.invitation = invitation
        return _private(super().dispatch(request, *args, **kwargs))  # type: ignore[arg-type]


class Rsvp(InvitationLinkView):
    """Say whether you are coming; after replying, see your answer and change it."""

    def _render(self, form: RsvpForm | None = None, *, status: int = 200) -> HttpResponse:
        invitation = self.invitation
        activity = invitation.activity
        is_cancelled = activity.status == ActivityStatus.CANCELLED
        has_replied = invitation.response != RsvpChoice.PENDING
        show_form = not is_cancelled and (
            form is not None or not has_replied or "change" in self.request.GET
        )
        if show_form and form is None:
            initial = {"response": invitation.response} if has_replied else {}
            form = RsvpForm(initial=initial)
        token = self.kwargs["token"]
        return render(
            self.request,
            "engagement/rsvp.html",
            {
                "page_title": f"Reply: {activity.title}",
                "invitation": invitation,
                "activity": activity,
                "when": activity_when(activity),
                "is_cancelled": is_cancelled,
                "has_replied": has_replied,
                "form": form if show_form else None,
                "change_url": f"{reverse('engagement:rsvp', args=[token])}?change=1",
                "calendar_url": reverse("engagement:rsvp_calendar", args=[token]),
            },
            status=status,
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self._render()

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.invitation.activity.status == ActivityStatus.CANCELLED:
            return self._render(status=409)
        form = RsvpForm(request.POST)
        if form.is_valid():
            try:
                replied = invitation_services.invitation_respond(
                    invitation=self.invitation, response=form.cleaned_data["response"]
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                if replied.response == RsvpChoice.WAITING:
                    messages.success(
                        request,
                        "Thank you. Every place is taken: you are on the waiting list, and we "
                        "will email you if a place comes free.",
                    )
                else:
                    messages.success(request, "Thank you: your reply is recorded.")
                return redirect("engagement:rsvp", token=kwargs["token"])
        return self._render(form)


class RsvpCalendar(InvitationLinkView):
    """The activity as a calendar file, for the invitee to add to their calendar."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        activity = self.invitation.activity
        ics = activity_calendar(
            activity=activity,
            method=CalendarMethod.PUBLISH,
            rsvp_url=invitation_selectors.rsvp_url(self.invitation),
        ).to_ical()
        response = HttpResponse(ics, content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="{activity_ics_filename(activity)}"'
        )
        return response
