"""The staff page that moves a strategy on to its next stage, showing the gate out of this one.

Staff see each exit criterion of the current stage, met or not, with what blocks it; moving on
with unmet criteria needs a reason, which is kept with the move (strategy.services.stage_advance).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms import BaseForm

from convenor.strategy import services
from convenor.strategy.gates import Gate, stage_gate
from convenor.strategy.models import StageTransition
from convenor.strategy.staff_views import StrategyPage
from convenor.ui.forms import GovukFormMixin
from convenor.ui.staff import Breadcrumbs, StaffFormPage


class StageAdvanceForm(GovukFormMixin, forms.Form):
    """The reason for moving on, needed only when the exit criteria are not all met."""

    reason = forms.CharField(
        label="Why move on regardless?",
        required=False,
        widget=forms.Textarea,
        max_length=5000,
    )

    def __init__(self, *args: Any, gate: Gate, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if gate.all_met:
            self.fields["reason"].label = "Anything to note about the move (optional)"
            self.fields["reason"].help_text = "Every exit criterion is met, so no reason is needed."
        else:
            self.fields["reason"].help_text = (
                "Some exit criteria are not met. The reason is kept with the move, with what "
                "was unmet, for the record."
            )


class StageAdvance(StrategyPage, StaffFormPage):
    """Move the strategy from its current stage to the next: the gate, and a reason if blocked."""

    permission_required = "strategy.change_strategy"
    form_class = StageAdvanceForm
    template_name = "strategy/staff/stage_advance.html"
    gate: Gate

    def load(self) -> None:
        super().load()
        self.gate = stage_gate(self.strategy)

    def get_page_title(self) -> str:
        if self.gate.next_stage is None:
            return "No stage to move on to"
        return f"Move on to {self.gate.next_stage.name}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs(), ("Move on to the next stage", None)]

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"gate": self.gate}

    @property
    def submit_label(self) -> str:  # type: ignore[override]
        if self.gate.all_met:
            return "Move on"
        return "Move on regardless"

    def extra_context_data(self) -> dict[str, Any]:
        return {"strategy": self.strategy, "gate": self.gate}

    def save(self, form: BaseForm) -> StageTransition:
        return services.stage_advance(
            strategy=self.strategy, actor=self.request.user, reason=form.cleaned_data["reason"]
        )

    def success_message(self, saved: StageTransition) -> str:
        if saved.unmet_criteria:
            return f"Moved on to {saved.to_stage}, with the reason you gave."
        return f"Moved on to {saved.to_stage}."

    def success_url(self, saved: StageTransition) -> str:
        return self.hub_url("stages")

    def cancel_url(self) -> str:
        return self.hub_url("stages")
