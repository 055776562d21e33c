"""Public workshop pages: the workshops open for sign-up, and one workshop to book or cancel.

Anyone may read a public strategy's workshops; members of its sounding board book a place (or
a place on the waiting list when it is full) and cancel it. Booking and cancelling check the
rule engagement.sign_up_for_workshop: signed-out people are sent to sign in, others get 403.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from convenor.engagement import statements_selectors, workshops_selectors, workshops_services
from convenor.engagement.calendar import activity_when
from convenor.engagement.choices import Rsvp
from convenor.engagement.models import Activity, Participant
from convenor.engagement.statements_views import join_url
from convenor.strategy.models import Strategy
from convenor.strategy.selectors import strategy_visible_get
from convenor.ui.staff import paginate

RULE = "engagement.sign_up_for_workshop"


def _strategy_or_404(request: HttpRequest, slug: str) -> Strategy:
    strategy = strategy_visible_get(slug=slug, user=request.user)
    if strategy is None:
        raise Http404("No such strategy.")
    return strategy


def _workshop_or_404(strategy: Strategy, pk: int) -> Activity:
    activity = workshops_selectors.workshop_get(strategy=strategy, pk=pk)
    if activity is None:
        raise Http404("No such workshop, or it is not open for sign-up.")
    return activity


def _crumbs(strategy: Strategy, *more: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [
        ("Home", reverse("strategy:home")),
        (strategy.name, reverse("strategy:strategy_detail", args=[strategy.slug])),
        *more,
    ]


def _member(request: HttpRequest, strategy: Strategy) -> Participant | None:
    """The signed-in member who may book, or None."""
    participant = statements_selectors.member_for(user=request.user, strategy=strategy)
    if participant is None or not request.user.has_perm(RULE, strategy):
        return None
    return participant


def workshop_list(request: HttpRequest, slug: str) -> HttpResponse:
    """Upcoming workshops open for sign-up, with the places left on each."""
    strategy = _strategy_or_404(request, slug)
    page = paginate(request, workshops_selectors.workshops_open(strategy=strategy), per_page=20)
    workshops = [
        {
            "activity": activity,
            "when": activity_when(activity),
            "places_left": workshops_selectors.places_left(
                activity,
                activity.places_taken,  # type: ignore[attr-defined]
            ),
        }
        for activity in page["object_list"]
    ]
    return render(
        request,
        "engagement/workshops/workshop_list.html",
        {
            "page_title": f"Workshops: {strategy.name}",
            "breadcrumbs": _crumbs(strategy, ("Workshops", None)),
            "strategy": strategy,
            "workshops": workshops,
            **page,
        },
    )


def workshop_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A workshop: what, when, where, places left; members book, join the waiting list, cancel."""
    strategy = _strategy_or_404(request, slug)
    activity = _workshop_or_404(strategy, pk)
    participant = _member(request, strategy)
    booking = (
        workshops_selectors.booking_of(activity=activity, person=participant.person)
        if participant is not None
        else None
    )
    invitation = booking.invitation if booking else None
    taken: int = activity.places_taken  # type: ignore[attr-defined]
    return render(
        request,
        "engagement/workshops/workshop_detail.html",
        {
            "page_title": f"{activity.title}: {strategy.name}",
            "breadcrumbs": _crumbs(
                strategy,
                ("Workshops", reverse("workshops:workshop_list", args=[strategy.slug])),
                (activity.title, None),
            ),
            "strategy": strategy,
            "activity": activity,
            "when": activity_when(activity),
            "places_left": workshops_selectors.places_left(activity, taken),
            "closed_reason": workshops_selectors.sign_up_closed_reason(activity),
            "participant": participant,
            "is_coming": invitation is not None and invitation.response == Rsvp.ACCEPTED,
            "is_waiting": invitation is not None and invitation.response == Rsvp.WAITING,
            "position": booking.position if booking else None,
            "join_url": join_url(strategy),
        },
    )


def _act(request: HttpRequest, slug: str, pk: int, *, cancel: bool) -> HttpResponse:
    strategy = _strategy_or_404(request, slug)
    activity = _workshop_or_404(strategy, pk)
    detail_url = reverse("workshops:workshop_detail", args=[strategy.slug, activity.pk])
    if not request.user.is_authenticated:
        return redirect_to_login(detail_url)
    participant = _member(request, strategy)
    if participant is None:
        raise PermissionDenied("Only members of the sounding board can book a place.")
    try:
        if cancel:
            invitation = workshops_services.place_cancel(
                activity=activity, person=participant.person, actor=request.user
            )
        else:
            invitation = workshops_services.place_book(
                activity=activity, person=participant.person, actor=request.user
            )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(detail_url)
    if cancel:
        messages.success(request, "Your place is cancelled. Thank you for letting us know.")
    elif invitation.response == Rsvp.ACCEPTED:
        messages.success(request, "Your place is booked. We have emailed you the details.")
    else:
        messages.success(
            request,
            "The workshop is full: you are on the waiting list. "
            "We will email you if a place comes free.",
        )
    return redirect(detail_url)


@require_POST
def place_book(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Book a place, or a place on the waiting list when the workshop is full."""
    return _act(request, slug, pk, cancel=False)


@require_POST
def place_cancel(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """Cancel one's place or leave the waiting list."""
    return _act(request, slug, pk, cancel=True)
