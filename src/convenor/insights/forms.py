"""Forms of the insight pages: a theme's label, the tagging queue's filters, adding or deciding a
priority tag, and linking what was said to the decision or change that answers it.

They parse what staff type; insights.services checks and saves it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from convenor.insights.choices import TagStatus, TextKind
from convenor.insights.selectors import UNTAGGED, decision_label, stage_change_label
from convenor.interventions.models import StageChange
from convenor.meetings.models import Decision
from convenor.strategy.models import Priority
from convenor.ui.forms import GovukFormMixin

DECISION, CHANGE = "decision", "change"


class ThemeLabelForm(GovukFormMixin, forms.Form):
    """A theme's label in staff's own words; blank goes back to its top terms."""

    label = forms.CharField(
        label="Label",
        max_length=120,
        required=False,
        error_messages={"max_length": "Keep the label to %(limit_value)d characters or fewer"},
    )

    def __init__(self, *args: Any, terms: Sequence[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if terms:
            self.fields["label"].help_text = (
                "A few words saying what the theme is about. Leave it blank to title the theme "
                f"by its top terms: {', '.join(terms[:3])}."
            )


def priority_choices(priorities: Sequence[Priority]) -> list[tuple[str, str]]:
    return [(str(p.number), f"{p.number}. {p.title}") for p in priorities]


class TagFilterForm(GovukFormMixin, forms.Form):
    """The tagging queue's search box and filters: a GET form, so a filtered queue can be kept."""

    q = forms.CharField(label="Words in the text", required=False, max_length=200)
    priority = forms.ChoiceField(label="Priority", required=False)
    status = forms.ChoiceField(
        label="Status",
        required=False,
        choices=[
            ("", "Any status"),
            *TagStatus.choices,
            (UNTAGGED, "Not tagged with it (or with any priority)"),
        ],
    )
    kind = forms.ChoiceField(
        label="Kind of text", required=False, choices=[("", "Any kind"), *TextKind.choices]
    )

    def __init__(self, *args: Any, priorities: Sequence[Priority] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.priorities = {p.number: p for p in priorities}
        field: Any = self.fields["priority"]
        field.choices = [("", "Any priority"), *priority_choices(priorities)]

    def filters(self) -> dict[str, Any]:
        """The chosen filters as selectors.tag_queue takes them (none if the form is invalid)."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        number = data.get("priority")
        return {
            "priority": self.priorities.get(int(number)) if number else None,
            "status": data.get("status") or "",
            "kind": data.get("kind") or "",
            "query": (data.get("q") or "").strip(),
        }


class TagAddForm(GovukFormMixin, forms.Form):
    """A priority to tag a text with."""

    priority = forms.ChoiceField(
        label="Priority", error_messages={"required": "Choose the priority to add"}
    )

    def __init__(self, *args: Any, priorities: Sequence[Priority] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.priorities = {p.number: p for p in priorities}
        field: Any = self.fields["priority"]
        field.choices = [("", "Choose one"), *priority_choices(priorities)]
        field.error_messages["invalid_choice"] = "Choose a priority of this strategy"

    def chosen(self) -> Priority:
        return self.priorities[int(self.cleaned_data["priority"])]


class TagDecideForm(forms.Form):
    """Confirm or reject a suggested priority."""

    decision = forms.ChoiceField(
        choices=[("confirm", "Confirm"), ("reject", "Reject")],
        error_messages={
            "required": "Choose to confirm or reject the priority",
            "invalid_choice": "Choose to confirm or reject the priority",
        },
    )


class YouSaidForm(GovukFormMixin, forms.Form):
    """ONE decision or ONE intervention change answering what was said, and the words shown."""

    answer = forms.ChoiceField(
        label="What answers it",
        help_text="A decision of a meeting of one of the strategy's bodies, or a change in the "
        "lifecycle of one of its interventions.",
        error_messages={
            "required": "Choose the decision or intervention change that answers it",
            "invalid_choice": "Choose a decision or intervention change of this strategy",
        },
    )
    we_did = forms.CharField(
        label="We did",
        required=False,
        max_length=2000,
        widget=forms.Textarea,
        help_text="What was done, in words partners will read. Leave it blank to use the "
        "decision's or change's own wording.",
        error_messages={"max_length": "Keep it to %(limit_value)d characters or fewer"},
    )

    def __init__(
        self,
        *args: Any,
        decisions: Sequence[Decision] = (),
        stage_changes: Sequence[StageChange] = (),
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.decisions = {str(d.pk): d for d in decisions}
        self.stage_changes = {str(c.pk): c for c in stage_changes}
        groups: list[Any] = [("", "Choose one")]
        if decisions:
            groups.append(
                (
                    "Decisions of the strategy's bodies",
                    [(f"{DECISION}-{d.pk}", decision_label(d)) for d in decisions],
                )
            )
        if stage_changes:
            groups.append(
                (
                    "Changes to interventions",
                    [(f"{CHANGE}-{c.pk}", stage_change_label(c)) for c in stage_changes],
                )
            )
        field: Any = self.fields["answer"]
        field.choices = groups

    def answers(self) -> dict[str, Any]:
        """The chosen answer as services.you_said_link takes it: decision= or stage_change=."""
        kind, _dash, pk = self.cleaned_data["answer"].partition("-")
        if kind == DECISION:
            return {"decision": self.decisions[pk], "stage_change": None}
        return {"decision": None, "stage_change": self.stage_changes[pk]}
