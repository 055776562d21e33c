"""Staff pages of the sounding board: its settings, and the participants with approval.

Each view checks its rule (engagement.permissions), parses a form, and calls one service.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from convenor.engagement import joining_selectors, joining_services
from convenor.engagement.choices import ParticipantStatus
from convenor.engagement.joining_forms import DecideForm, ParticipantFilterForm, SoundingBoardForm
from convenor.engagement.models import Participant, SoundingBoard
from convenor.strategy.models import Strategy
from convenor.ui.staff import Breadcrumbs, StaffFormPage, StaffPage, paginate


class StrategySoundingBoardPage(StaffPage):
    """A staff page about one strategy's sounding board, named by the strategy's slug."""

    strategy: Strategy
    board: SoundingBoard | None

    def load(self) -> None:
        self.strategy = get_object_or_404(Strategy, slug=self.kwargs["slug"])
        self.board = joining_selectors.sounding_board_for(strategy=self.strategy)

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [
            ("Staff area", reverse("strategy_staff:home")),
            (
                self.strategy.name,
                reverse("strategy_staff:strategy_edit", args=[self.strategy.slug]),
            ),
            ("Sounding board", reverse("joining_staff:settings", args=[self.strategy.slug])),
        ]


class Settings(StrategySoundingBoardPage, StaffFormPage):
    """Create or change the sounding board: its body, openness, approval and notice version."""

    template_name = "engagement/joining/staff/settings.html"
    submit_label = "Save the sounding board"

    def get_permission_required(self) -> tuple[str, ...]:
        return (
            "engagement.change_soundingboard"
            if getattr(self, "board", None) is not None
            else "engagement.add_soundingboard",
        )

    def get_page_title(self) -> str:
        return "Sounding board" if self.board is not None else "Set up the sounding board"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], ("Sounding board", None)]

    def get_form_kwargs(self) -> dict[str, Any]:
        board = self.board
        initial: dict[str, Any] = (
            {
                "body": board.body_id,
                "is_open": board.is_open,
                "requires_approval": board.requires_approval,
                "privacy_notice_version": board.privacy_notice_version,
                "welcome": board.welcome,
            }
            if board is not None
            else {"is_open": True}
        )
        return {"strategy": self.strategy, "initial": initial}

    def get_form(self, data: Any = None) -> BaseForm:
        return SoundingBoardForm(data, **self.get_form_kwargs())

    def extra_context_data(self) -> dict[str, Any]:
        return {"strategy": self.strategy, "board": self.board}

    def save(self, form: BaseForm) -> SoundingBoard:
        data = form.cleaned_data
        return joining_services.sounding_board_save(
            strategy_id=self.strategy.pk,
            sounding_board=self.board,
            body_id=data["body"].pk,
            is_open=data["is_open"],
            requires_approval=data["requires_approval"],
            privacy_notice_version=data["privacy_notice_version"],
            welcome=data["welcome"],
            actor=self.request.user,
        )

    def success_message(self, saved: Any) -> str:
        return "The sounding board is saved."

    def success_url(self, saved: Any) -> str:
        return reverse("joining_staff:settings", args=[self.strategy.slug])

    def cancel_url(self) -> str | None:
        return reverse("strategy_staff:strategy_edit", args=[self.strategy.slug])


class BoardRequiredPage(StrategySoundingBoardPage):
    """A page that needs the sounding board to exist."""

    sounding_board: SoundingBoard

    def load(self) -> None:
        super().load()
        if self.board is None:
            raise Http404("This strategy has no sounding board yet.")
        self.sounding_board = self.board


class ParticipantList(BoardRequiredPage):
    """The board's participants: filter by status, search, approve or decline the pending."""

    permission_required = "engagement.view_participant"
    template_name = "engagement/joining/staff/participant_list.html"

    def get_page_title(self) -> str:
        return f"Sounding board participants: {self.strategy.name}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs(), ("Participants", None)]

    def extra_context_data(self) -> dict[str, Any]:
        filter_form = ParticipantFilterForm(self.request.GET or None)
        status, search = "", ""
        if filter_form.is_valid():
            status = filter_form.cleaned_data["status"]
            search = filter_form.cleaned_data["q"].strip()
        page = paginate(
            self.request,
            joining_selectors.participant_list(
                sounding_board=self.sounding_board, status=status, search=search
            ),
        )
        return {
            "strategy": self.strategy,
            "board": self.sounding_board,
            "filter_form": filter_form,
            "filtered": bool(status or search),
            "pending": ParticipantStatus.PENDING,
            **page,
        }


class ParticipantDecide(BoardRequiredPage):
    """Approve or decline a pending participant (POST only), then back to the list."""

    permission_required = "engagement.change_participant"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Record the decision; approval makes them a member and emails them."""
        participant: Participant | None = joining_selectors.participant_for_staff(
            sounding_board=self.sounding_board, pk=self.kwargs["pk"]
        )
        if participant is None:
            raise Http404("No such participant.")
        form = DecideForm(request.POST)
        back = reverse("joining_staff:participant_list", args=[self.strategy.slug])
        if not form.is_valid():
            messages.error(request, "Choose whether to approve or decline.")
            return redirect(back)
        approve = form.cleaned_data["decision"] == "approve"
        try:
            joining_services.participant_decide(
                participant=participant, actor=request.user, approve=approve
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(back)
        name = participant.person.name
        messages.success(
            request,
            f"{name} is now a member of the sounding board."
            if approve
            else f"{name} was declined.",
        )
        return redirect(back)
