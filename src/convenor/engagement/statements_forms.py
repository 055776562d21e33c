"""Forms for statements: a vote, a participant's submission, and the staff pages' forms.

The forms parse what people type; engagement.statements_services validates and saves it.
"""

from __future__ import annotations

from typing import Any

from django import forms

from convenor.engagement import activity_selectors
from convenor.engagement.choices import ContentStatus, StatementKind, VoteChoice
from convenor.engagement.models import Statement
from convenor.engagement.statements_services import (
    SEEDED_KINDS,
    TEXT_MAX,
    moderation_actions,
)
from convenor.strategy.models import Priority, Strategy
from convenor.ui.forms import GovukFormMixin

TEXT_HINT = (
    f"One idea, in {TEXT_MAX} characters or fewer, that others can agree or disagree with. "
    "Write it as a statement, not a question: for example “Every town centre needs "
    "fast, reliable broadband”."
)


class VoteForm(GovukFormMixin, forms.Form):
    """Agree, disagree or pass on one statement (each a button of its own)."""

    choice = forms.ChoiceField(
        choices=VoteChoice.choices,
        error_messages={"required": "Choose agree, disagree or pass"},
    )


def _priority_field(
    strategy: Strategy, *, label: str, help_text: str = ""
) -> forms.ModelChoiceField:  # type: ignore[type-arg]
    field: forms.ModelChoiceField = forms.ModelChoiceField(  # type: ignore[type-arg]
        label=label,
        required=False,
        queryset=activity_selectors.strategy_priorities(strategy=strategy),
        help_text=help_text,
    )
    return field


class StatementSubmitForm(GovukFormMixin, forms.Form):
    """A member's own statement, optionally about one of the strategy's priorities."""

    text = forms.CharField(
        label="Your statement",
        max_length=TEXT_MAX,
        strip=False,
        help_text=TEXT_HINT,
        widget=forms.Textarea,
        error_messages={
            "required": "Enter your statement",
            "max_length": f"Your statement must be {TEXT_MAX} characters or fewer",
        },
    )

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["priority"] = _priority_field(
            strategy,
            label="Which priority is it about?",
            help_text="Leave this as “None” if it is about the strategy as a whole.",
        )
        # The blank choice was renamed by the mixin before the field was added.
        self.fields["priority"].empty_label = "None"  # type: ignore[attr-defined]

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        if not text.strip():
            raise forms.ValidationError("Enter your statement")
        return text


class StatementFilterForm(GovukFormMixin, forms.Form):
    """Narrow the staff list of statements by moderation status and kind."""

    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *ContentStatus.choices]
    )
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Any kind"), *StatementKind.choices]
    )


class StatementForm(GovukFormMixin, forms.Form):
    """A statement staff seed or edit: its kind, words and priority."""

    kind = forms.ChoiceField(
        label="Kind of statement",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of statement"},
    )
    text = forms.CharField(
        label="Statement",
        max_length=TEXT_MAX,
        strip=False,
        widget=forms.Textarea,
        help_text=f"One claim, in {TEXT_MAX} characters or fewer, that people can agree or "
        "disagree with.",
        error_messages={
            "required": "Enter the statement",
            "max_length": f"The statement must be {TEXT_MAX} characters or fewer",
        },
    )

    def __init__(
        self, *args: Any, strategy: Strategy, statement: Statement | None = None, **kwargs: Any
    ) -> None:
        if statement is not None:
            kwargs.setdefault(
                "initial",
                {"kind": statement.kind, "text": statement.text, "priority": statement.priority_id},
            )
        super().__init__(*args, **kwargs)
        kinds = list(SEEDED_KINDS)
        if statement is not None and statement.kind == StatementKind.PARTICIPANT:
            kinds.append(StatementKind.PARTICIPANT)
        self.fields["kind"].choices = [(kind.value, kind.label) for kind in kinds]  # type: ignore[attr-defined]
        self.fields["priority"] = _priority_field(strategy, label="Priority")
        self.fields["priority"].empty_label = "None"  # type: ignore[attr-defined]

    def clean_text(self) -> str:
        text: str = self.cleaned_data["text"]
        if not text.strip():
            raise forms.ValidationError("Enter the statement")
        return text

    def statement_data(self) -> dict[str, Priority | str | None]:
        """What the services take."""
        data = self.cleaned_data
        return {"kind": data["kind"], "text": data["text"], "priority": data["priority"]}


class StatementModerateForm(GovukFormMixin, forms.Form):
    """Publish, hide or restore a statement, with a reason for the author and a note."""

    action = forms.ChoiceField(
        label="What do you want to do?",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what to do with the statement"},
    )
    reason = forms.CharField(
        label="Reason for hiding it",
        required=False,
        widget=forms.Textarea,
        help_text="Needed to hide it. The author sees this beside their statement.",
    )
    note = forms.CharField(
        label="Moderators' note",
        required=False,
        widget=forms.Textarea,
        help_text="Seen by moderators only.",
    )

    def __init__(self, *args: Any, statement: Statement, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial", {"reason": statement.moderation_reason, "note": statement.moderator_note}
        )
        super().__init__(*args, **kwargs)
        self.fields["action"].choices = [  # type: ignore[attr-defined]
            (option.value, option.label) for option in moderation_actions(statement)
        ]
        # Required only to hide (the hint says so), so not labelled "(optional)".
        self.fields["reason"].conditionally_required = True  # type: ignore[attr-defined]
