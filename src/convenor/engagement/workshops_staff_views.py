"""Staff pages for workshop sign-up: who is coming, the waiting list in order, reminders.

Each view checks its rule (engagement.permissions) against the activity and calls one
selector or service.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from convenor.engagement import workshops_selectors, workshops_services
from convenor.engagement.activity_views import ActivityPage
from convenor.engagement.calendar import activity_when
from convenor.ui.staff import Breadcrumbs


def signups_url(activity_page: ActivityPage) -> str:
    """The sign-ups page of the activity a staff page is about."""
    return reverse(
        "workshops_staff:signups", args=[activity_page.strategy.slug, activity_page.activity.pk]
    )


class WorkshopSignUps(ActivityPage):
    """Who is coming, the waiting list in order, who cancelled; reminders; sharing on LinkedIn."""

    permission_required = "engagement.view_activity"
    template_name = "engagement/workshops/staff/signups.html"

    def get_page_title(self) -> str:
        return f"Sign-ups: {self.activity.title}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs(), ("Sign-ups", None)]

    def extra_context_data(self) -> dict[str, Any]:
        activity = self.activity
        groups = workshops_selectors.sign_ups(activity=activity)
        closed_reason = workshops_selectors.sign_up_closed_reason(activity)
        return {
            **super().extra_context_data(),
            **groups,
            "when": activity_when(activity),
            "places_left": workshops_selectors.places_left(activity, len(groups["coming"])),
            "closed_reason": closed_reason,
            "share": workshops_selectors.workshop_share(activity),
            "reminded_count": sum(1 for i in groups["coming"] if i.reminded_at is not None),
        }


class WorkshopRemind(ActivityPage):
    """Send now the reminder due to everyone coming who has not had it (a POST button)."""

    permission_required = "engagement.change_activityinvitation"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            reminded = workshops_services.reminders_send(actor=request.user, activity=self.activity)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            if reminded:
                count = len(reminded)
                messages.success(
                    request, f"Sent the reminder to {count} {'person' if count == 1 else 'people'}."
                )
            else:
                messages.info(
                    request,
                    "Nobody to remind: reminders go to those coming, once each, in the two days "
                    "before the workshop starts, and only to people we may email.",
                )
        return redirect(signups_url(self))
