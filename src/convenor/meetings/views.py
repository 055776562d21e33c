"""Public meeting pages, paper downloads, and the signed-in person's meetings and actions.

A closed body's meetings answer 403 to anyone who does not take part in them; what a page shows
of a meeting it may show (papers, minutes, confidential items) follows meetings.permissions.
"""

from __future__ import annotations

import os

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from convenor.core import clock
from convenor.core.panels import panels_for
from convenor.governance.selectors import memberships_current_for_user
from convenor.meetings import selectors, services
from convenor.meetings.calendar import person_calendar_url
from convenor.meetings.member_forms import ActionProgressForm
from convenor.meetings.models import Action, Meeting
from convenor.meetings.permissions import can_take_part
from convenor.stakeholders.models import Person
from convenor.strategy.models import Strategy
from convenor.strategy.selectors import strategy_visible_get
from convenor.ui.forms import add_service_errors
from convenor.ui.staff import paginate

# The slot on the signed-in person's own page where later apps add what waits for them.
MY_PAGE_SLOT = "my_page"


def _strategy_or_404(request: HttpRequest, slug: str) -> Strategy:
    strategy = strategy_visible_get(slug=slug, user=request.user)
    if strategy is None:
        raise Http404("No such strategy.")
    return strategy


def _strategy_crumbs(strategy: Strategy) -> list[tuple[str, str | None]]:
    return [
        ("Home", reverse("strategy:home")),
        (strategy.name, reverse("strategy:strategy_detail", args=[strategy.slug])),
    ]


def meeting_list(request: HttpRequest, slug: str) -> HttpResponse:
    """A strategy's public meetings: those to come, and those held, with papers and minutes."""
    strategy = _strategy_or_404(request, slug)
    lists = selectors.meeting_public_lists(strategy=strategy, now=clock.now())
    return render(
        request,
        "meetings/meeting_list.html",
        {
            "page_title": f"Meetings: {strategy.name}",
            "breadcrumbs": [*_strategy_crumbs(strategy), ("Meetings", None)],
            "strategy": strategy,
            "upcoming": lists.upcoming,
            **paginate(request, lists.past),
        },
    )


def meeting_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """One meeting: bodies, time and place, agenda, and what the person may see of papers,
    minutes, decisions and declarations of interest."""
    strategy = _strategy_or_404(request, slug)
    meeting = selectors.meeting_for_page(strategy=strategy, pk=pk)
    if meeting is None:
        raise Http404("No such meeting.")
    if not request.user.has_perm("meetings.view_meeting", meeting):
        raise PermissionDenied("This meeting is for the members of its bodies.")
    page = selectors.meeting_page(
        meeting=meeting,
        can_take_part=can_take_part.test(request.user, meeting),
        can_see_papers=request.user.has_perm("meetings.view_meeting_papers", meeting),
        can_see_minutes=request.user.has_perm("meetings.view_meeting_minutes", meeting),
        now=clock.now(),
    )
    return render(
        request,
        "meetings/meeting_detail.html",
        {
            "page_title": meeting.title,
            "breadcrumbs": [
                *_strategy_crumbs(strategy),
                ("Meetings", reverse("meetings:meeting_list", args=[strategy.slug])),
                (meeting.title, None),
            ],
            "strategy": strategy,
            "meeting": meeting,
            "page": page,
        },
    )


def paper_download(request: HttpRequest, slug: str, pk: int, paper_pk: int) -> FileResponse:
    """A meeting paper as a download, for those who may see the meeting's papers.

    A confidential item's paper is for the people taking part (and staff) only.
    """
    strategy = _strategy_or_404(request, slug)
    meeting = selectors.meeting_for_access(strategy=strategy, pk=pk)
    if meeting is None:
        raise Http404("No such meeting.")
    # Checked before looking the paper up, so that outsiders cannot tell which papers exist.
    if not request.user.has_perm("meetings.view_meeting_papers", meeting):
        raise PermissionDenied("These papers are for the members of the meeting's bodies.")
    paper = selectors.paper_of_meeting(meeting=meeting, pk=paper_pk)
    if paper is None:
        raise Http404("No such paper.")
    if selectors.paper_is_confidential(paper) and not can_take_part.test(request.user, meeting):
        raise PermissionDenied("This paper is for an item taken in private.")
    return FileResponse(
        paper.file.open("rb"),
        as_attachment=True,
        filename=os.path.basename(paper.file.name or "paper"),
    )


def _signed_in_user_id(request: HttpRequest) -> int:
    """The signed-in user's id (the views using it are behind login_required)."""
    if request.user.pk is None:
        raise PermissionDenied("Sign in first.")
    return int(request.user.pk)


def _action_form(action: Action, data: object = None) -> ActionProgressForm:
    # Each action's form on the members' page has its own prefix, so field ids stay unique.
    return ActionProgressForm(
        data=data, prefix=f"action-{action.pk}", initial={"status": action.status}
    )


@login_required
def my_meetings(request: HttpRequest) -> HttpResponse:
    """The signed-in person's bodies, meetings to come, and the actions they own; apps higher
    up add panels (MY_PAGE_SLOT), such as documents awaiting the person's sign-off."""
    today = clock.today()
    user_id = _signed_in_user_id(request)
    person = Person.objects.filter(user_id=user_id).first()
    memberships = list(memberships_current_for_user(user_id=user_id, today=today))
    body_ids = sorted({membership.body_id for membership in memberships})
    meetings: list[Meeting] = list(
        selectors.meetings_upcoming_for_person(user_id=user_id, body_ids=body_ids, now=clock.now())
    )
    actions = [
        {
            "action": action,
            "overdue": selectors.action_is_overdue(action, today=today),
            "form": _action_form(action),
        }
        for action in selectors.actions_owned(user_id=user_id)
    ]
    return render(
        request,
        "meetings/my_meetings.html",
        {
            "page_title": "Your meetings and actions",
            "breadcrumbs": [
                ("Home", reverse("strategy:home")),
                ("Your meetings and actions", None),
            ],
            "person": person,
            "calendar_url": person_calendar_url(request, person) if person else "",
            "memberships": memberships,
            "meetings": meetings,
            "actions": actions,
            "today": today,
            "panels": panels_for(slot=MY_PAGE_SLOT, request=request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """Record progress on an action: its owner, or staff. Anyone else gets 403."""
    action = selectors.action_for_progress(pk=pk)
    if action is None:
        raise Http404("No such action.")
    if not request.user.has_perm("meetings.add_actionupdate", action):
        raise PermissionDenied("Only the action's owner, or staff, can record its progress.")
    form = _action_form(action, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.action_progress_record(
                action=action,
                actor=request.user,
                note=form.cleaned_data["note"],
                status=form.cleaned_data["status"],
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, f"Progress recorded on “{action}”.")
            owns = action.owner.user_id == request.user.pk
            if owns:
                return redirect(f"{reverse('meetings:my_meetings')}#action-{action.pk}")
            return redirect("meetings:action_progress", pk=action.pk)
    return render(
        request,
        "meetings/action_progress.html",
        {
            "page_title": "Record progress on an action",
            "breadcrumbs": [
                ("Home", reverse("strategy:home")),
                ("Your meetings and actions", reverse("meetings:my_meetings")),
                ("Record progress", None),
            ],
            "action": action,
            "overdue": selectors.action_is_overdue(action, today=clock.today()),
            "form": form,
            "submit_label": "Save progress",
            "cancel_url": reverse("meetings:my_meetings"),
        },
    )
