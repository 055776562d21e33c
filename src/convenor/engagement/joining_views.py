"""Public pages of the sounding board: what it is, joining, the profile, leaving, unsubscribing.

The unsubscribe link's signature is its permission: nobody signs in to stop mail. A link we did
not issue, or whose participant is gone, gets a 404 page saying so.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views import View

from convenor.accounts.models import User
from convenor.engagement import joining_mail, joining_selectors, joining_services
from convenor.engagement.choices import ParticipantStatus
from convenor.engagement.joining_forms import JoinForm, LeaveForm, ProfileForm
from convenor.engagement.models import Participant, SoundingBoard
from convenor.stakeholders.models import Person
from convenor.strategy import selectors as strategy_selectors
from convenor.strategy.models import Strategy
from convenor.ui.forms import add_service_errors

ALLAUTH_BACKEND = "allauth.account.auth_backends.AuthenticationBackend"


def _private(response: HttpResponse) -> HttpResponse:
    # The page is one person's: no shared cache keeps it, no search engine lists it.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def _strategy(request: HttpRequest, slug: str) -> Strategy:
    strategy = strategy_selectors.strategy_visible_get(slug=slug, user=request.user)
    if strategy is None:
        raise Http404("No such strategy.")
    return strategy


class Unsubscribe(View):
    """Stop all sounding-board email through the link in any of its messages: no sign-in."""

    strategy: Strategy
    participant: Participant

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.strategy = _strategy(request, kwargs["slug"])
        participant = joining_selectors.participant_by_unsubscribe_token(
            token=kwargs["token"], strategy=self.strategy
        )
        if participant is None:
            return _private(
                render(
                    request,
                    "engagement/joining/unsubscribe_invalid.html",
                    {
                        "page_title": "This unsubscribe link does not work",
                        "strategy": self.strategy,
                    },
                    status=404,
                )
            )
        self.participant = participant
        return _private(super().dispatch(request, *args, **kwargs))  # type: ignore[arg-type]

    def _render(self, *, done: bool) -> HttpResponse:
        return render(
            self.request,
            "engagement/joining/unsubscribe.html",
            {
                "page_title": "You are unsubscribed" if done else "Stop sounding board emails",
                "strategy": self.strategy,
                "participant": self.participant,
                "done": done,
            },
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Say what unsubscribing does, with a button (a GET never changes anything)."""
        return self._render(done=False)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Set the participant's email choice to none, and say so."""
        user = request.user if request.user.is_authenticated else None
        self.participant = joining_services.participant_unsubscribe(
            participant=self.participant, actor=user
        )
        return self._render(done=True)


# The sounding board's page, joining, the profile, leaving


def _url_or_none(name: str, slug: str) -> str | None:
    # The documents and statements pages are built alongside this one: until their URL names
    # exist, the links are left out rather than breaking this page.
    try:
        return reverse(name, args=[slug])
    except NoReverseMatch:
        return None


def _board_or_404(strategy: Strategy) -> SoundingBoard:
    board = joining_selectors.sounding_board_for(strategy=strategy)
    if board is None:
        raise Http404("This strategy has no sounding board.")
    return board


def _breadcrumbs(strategy: Strategy, current: str | None = None) -> list[tuple[str, str | None]]:
    crumbs: list[tuple[str, str | None]] = [
        ("Home", reverse("strategy:home")),
        (strategy.name, reverse("strategy:strategy_detail", args=[strategy.slug])),
    ]
    if current is None:
        crumbs.append(("Sounding board", None))
    else:
        crumbs.append(("Sounding board", reverse("joining:home", args=[strategy.slug])))
        crumbs.append((current, None))
    return crumbs


def home(request: HttpRequest, slug: str) -> HttpResponse:
    """What the sounding board is, how many take part, and how to join (or, for a member, where
    to go next)."""
    strategy = _strategy(request, slug)
    board = _board_or_404(strategy)
    participant = joining_selectors.participant_for(user=request.user, strategy=strategy)
    return render(
        request,
        "engagement/joining/home.html",
        {
            "page_title": f"Sounding board: {strategy.name}",
            "breadcrumbs": _breadcrumbs(strategy),
            "strategy": strategy,
            "board": board,
            "participant": participant,
            "is_member": participant is not None and participant.status == ParticipantStatus.MEMBER,
            "member_count": joining_selectors.member_count(sounding_board=board),
            "documents_url": _url_or_none("documents:document_list", strategy.slug),
            "statements_url": _url_or_none("statements:vote", strategy.slug),
            "discussions_url": _url_or_none("discussions:discussion_list", strategy.slug),
            "workshops_url": _url_or_none("workshops:workshop_list", strategy.slug),
        },
    )


class JoinPage(View):
    """Joining the sounding board: one form, for a newcomer, a signed-in user or an invitee."""

    strategy: Strategy
    board: SoundingBoard
    invited: Person | None = None

    def setup_invited(self) -> HttpResponse | None:
        """Load the invited person from the link; a response if the link does not work."""
        return None

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        self.strategy = _strategy(request, kwargs["slug"])
        self.board = _board_or_404(self.strategy)
        refused = self.setup_invited()
        if refused is not None:
            return refused
        participant = joining_selectors.participant_for(user=request.user, strategy=self.strategy)
        if participant is not None and participant.status in (
            ParticipantStatus.MEMBER,
            ParticipantStatus.PENDING,
        ):
            # Already in (or waiting): the page of the board says where they stand.
            return redirect("joining:home", slug=self.strategy.slug)
        if not self.board.is_open and self.invited is None:
            return _private(
                render(
                    request,
                    "engagement/joining/closed.html",
                    {
                        "page_title": "The sounding board is not taking new members",
                        "breadcrumbs": _breadcrumbs(self.strategy, "Join"),
                        "strategy": self.strategy,
                    },
                )
            )
        return _private(super().dispatch(request, *args, **kwargs))  # type: ignore[arg-type]

    def signed_in_user(self) -> User | None:
        user = self.request.user
        return user if isinstance(user, User) and user.is_authenticated else None

    def initial(self) -> dict[str, Any]:
        """The form pre-filled from the register: the signed-in user's person or the invitee."""
        user = self.signed_in_user()
        person = self.invited
        if person is None and user is not None:
            person = Person.objects.select_related("organisation").filter(user=user).first()
        if person is None:
            return {"name": user.name} if user is not None else {}
        organisation = person.organisation
        return {
            "name": person.name,
            "email": person.email,
            "organisation_name": organisation.name if organisation else "",
            "sector": organisation.sector if organisation else "",
            "area": organisation.area_id if organisation else None,
            "priorities": [
                priority.pk
                for priority in joining_selectors.priorities_of_interest(
                    person=person, strategy=self.strategy
                )
            ],
        }

    def get_form(self, data: Any = None) -> JoinForm:
        with_account = self.signed_in_user() is None
        return JoinForm(
            data,
            strategy=self.strategy,
            sounding_board=self.board,
            with_account=with_account,
            fixed_email=self.invited.email if self.invited is not None and with_account else "",
            initial=self.initial(),
        )

    def _render(self, form: JoinForm, *, status: int = 200) -> HttpResponse:
        return render(
            self.request,
            "engagement/joining/join.html",
            {
                "page_title": "Join the sounding board",
                "breadcrumbs": _breadcrumbs(self.strategy, "Join"),
                "strategy": self.strategy,
                "board": self.board,
                "form": form,
                "invited": self.invited,
                "signed_in": self.signed_in_user() is not None,
                "login_url": f"{reverse('account_login')}?next={self.request.path}",
            },
            status=status,
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """The form, pre-filled where we know the person."""
        return self._render(self.get_form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Join: account, person, priorities, participation and membership, in one go."""
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self._render(form)
        user = self.signed_in_user()
        try:
            result = joining_services.sounding_board_join(
                sounding_board=self.board,
                details=form.details(),
                user=user,
                email=form.cleaned_data.get("email", ""),
                password=form.cleaned_data.get("password", ""),
                invited=self.invited,
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(form)
        if result.address_to_confirm is not None:
            joining_mail.address_confirmation_send(
                request=request,
                address=result.address_to_confirm,
                person=result.participant.person,
            )
        if result.user_created:
            login(request, result.user, backend=ALLAUTH_BACKEND)
        if result.participant.status == ParticipantStatus.MEMBER:
            message = "You have joined the sounding board."
        else:
            message = "Thank you: the organisers will look at your request and email you."
        if result.address_to_confirm is not None:
            message += (
                f" We have sent a link to {result.address_to_confirm.email}: follow it to confirm"
                " your address. Until then you cannot comment or vote."
            )
        messages.success(request, message)
        return redirect("joining:home", slug=self.strategy.slug)


class JoinInvited(JoinPage):
    """Joining through the link in an invitation: pre-filled from the register, email fixed."""

    def setup_invited(self) -> HttpResponse | None:
        person = joining_selectors.person_by_join_token(self.kwargs["token"])
        if person is None:
            return _private(
                render(
                    self.request,
                    "engagement/joining/join_invalid.html",
                    {"page_title": "This joining link does not work", "strategy": self.strategy},
                    status=404,
                )
            )
        if person.erased_at is not None:
            return _private(
                render(
                    self.request,
                    "engagement/joining/join_invalid.html",
                    {
                        "page_title": "You cannot join through this link",
                        "strategy": self.strategy,
                        "erased": True,
                        "message": joining_services.ERASED_MESSAGE,
                    },
                    status=403,
                )
            )
        user = self.request.user
        if user.is_authenticated and person.user_id not in (None, user.pk):
            return _private(
                render(
                    self.request,
                    "engagement/joining/join_invalid.html",
                    {
                        "page_title": "This joining link is for someone else",
                        "strategy": self.strategy,
                        "other_person": True,
                    },
                    status=403,
                )
            )
        self.invited = person
        return None


class ParticipantPage(LoginRequiredMixin, View):
    """A page of one's own participation: signed in, with a participation that is not over."""

    strategy: Strategy
    participant: Participant

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return self.handle_no_permission()  # type: ignore[return-value]
        self.strategy = _strategy(request, kwargs["slug"])
        participant = joining_selectors.participant_for(user=request.user, strategy=self.strategy)
        if participant is None or participant.status in (
            ParticipantStatus.LEFT,
            ParticipantStatus.DECLINED,
        ):
            raise PermissionDenied("You are not on this sounding board.")
        self.participant = participant
        return _private(super().dispatch(request, *args, **kwargs))  # type: ignore[arg-type]


class Profile(ParticipantPage):
    """Change how one's name is shown, one's email, priorities of interest and organisation."""

    def get_form(self, data: Any = None) -> ProfileForm:
        person = self.participant.person
        organisation = person.organisation
        initial = {
            "name": person.name,
            "organisation_name": organisation.name if organisation else "",
            "sector": organisation.sector if organisation else "",
            "area": organisation.area_id if organisation else None,
            "priorities": [
                priority.pk
                for priority in joining_selectors.priorities_of_interest(
                    person=person, strategy=self.strategy
                )
            ],
            "name_shown": self.participant.name_shown,
            "notifications": self.participant.notifications,
        }
        return ProfileForm(data, strategy=self.strategy, initial=initial)

    def _render(self, form: ProfileForm) -> HttpResponse:
        return render(
            self.request,
            "engagement/joining/profile.html",
            {
                "page_title": "Your sounding board profile",
                "breadcrumbs": _breadcrumbs(self.strategy, "Your profile"),
                "strategy": self.strategy,
                "participant": self.participant,
                "form": form,
                "submit_label": "Save changes",
                "cancel_url": reverse("joining:home", args=[self.strategy.slug]),
                "leave_url": reverse("joining:leave", args=[self.strategy.slug]),
            },
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """The profile form, filled in."""
        return self._render(self.get_form())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Save the profile."""
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self._render(form)
        try:
            joining_services.participant_profile_update(
                participant=self.participant, details=form.details(), actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
            return self._render(form)
        messages.success(request, "Your profile is saved.")
        return redirect("joining:profile", slug=self.strategy.slug)


class Leave(ParticipantPage):
    """Leave the sounding board: keep one's details, or have them erased. Says what stays."""

    def _render(self, form: LeaveForm) -> HttpResponse:
        return render(
            self.request,
            "engagement/joining/leave.html",
            {
                "page_title": "Leave the sounding board",
                "breadcrumbs": _breadcrumbs(self.strategy, "Leave"),
                "strategy": self.strategy,
                "participant": self.participant,
                "form": form,
                "submit_label": "Leave the sounding board",
                "cancel_url": reverse("joining:profile", args=[self.strategy.slug]),
            },
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """The choice, and what happens to what one wrote."""
        return self._render(LeaveForm())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Leave, erasing one's details if chosen (which also closes the account)."""
        form = LeaveForm(request.POST)
        if not form.is_valid():
            return self._render(form)
        erase = form.cleaned_data["what"] == LeaveForm.ERASE
        joining_services.participant_leave(
            participant=self.participant, actor=request.user, erase=erase
        )
        if erase:
            # The account was closed with the erasure: sign out of it now.
            logout(request)
            messages.success(
                request,
                "You have left the sounding board and your personal details are erased.",
            )
            return redirect("strategy:strategy_detail", slug=self.strategy.slug)
        messages.success(
            request, "You have left the sounding board. We will not email you about it."
        )
        return redirect("joining:home", slug=self.strategy.slug)
