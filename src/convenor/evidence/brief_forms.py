"""Forms for project briefs: a brief's details, and the filters above a strategy's list."""

from __future__ import annotations

from typing import Any

from django import forms

from convenor.evidence.choices import BriefStatus
from convenor.evidence.models import ProjectBrief
from convenor.strategy.models import Priority, Strategy
from convenor.ui.forms import GovukFormMixin


class ProjectBriefForm(GovukFormMixin, forms.Form):
    """A brief: what it covers, the questions it answers, who does it, for how much, by when."""

    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={
            "required": "Enter the title",
            "max_length": "The title must be 200 characters or fewer",
        },
    )
    scope = forms.CharField(
        label="Scope",
        widget=forms.Textarea,
        max_length=20000,
        help_text="What the work covers, and what it does not.",
        error_messages={
            "required": "Enter the scope",
            "max_length": "The scope must be 20,000 characters or fewer",
        },
    )
    questions = forms.CharField(
        label="Questions",
        widget=forms.Textarea,
        required=False,
        max_length=20000,
        help_text="The questions the work must answer, one per line.",
        error_messages={"max_length": "The questions must be 20,000 characters or fewer"},
    )
    supplier = forms.CharField(
        label="Supplier",
        required=False,
        max_length=200,
        help_text="Who is doing the work, once commissioned.",
        error_messages={"max_length": "The supplier must be 200 characters or fewer"},
    )
    budget = forms.DecimalField(
        label="Budget in pounds (£)",
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text="For example 25000 or 12500.50.",
        error_messages={
            "invalid": "Enter the budget as a number of pounds, like 25000",
            "min_value": "The budget cannot be negative: enter 0 or more, in pounds",
            "max_digits": "The budget must be less than £10,000,000,000",
            "max_whole_digits": "The budget must be less than £10,000,000,000",
            "max_decimal_places": "Enter the budget to the nearest penny (2 decimal places)",
        },
    )
    due_on = forms.DateField(
        label="Due on",
        required=False,
        error_messages={"invalid": "Enter a real date, for example 30 September 2019"},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=BriefStatus.choices,
        initial=BriefStatus.DRAFT,
        widget=forms.RadioSelect,
        help_text="Delivered needs an evidence item delivered under the brief.",
        error_messages={"required": "Choose the status"},
    )

    def __init__(self, *args: Any, brief: ProjectBrief | None = None, **kwargs: Any) -> None:
        if brief is not None and "data" not in kwargs and not args:
            kwargs["initial"] = {name: getattr(brief, name) for name in self.base_fields}
        super().__init__(*args, **kwargs)
        # The text fields keep exactly what was typed; only the one-line title loses stray spaces.
        for name in ("scope", "questions", "supplier"):
            field = self.fields[name]
            assert isinstance(field, forms.CharField)
            field.strip = False

    def brief_data(self) -> dict[str, Any]:
        """The cleaned fields as the services take them."""
        return {name: self.cleaned_data[name] for name in self.base_fields}


class BriefFilterForm(GovukFormMixin, forms.Form):
    """The filters above a strategy's briefs: priority, status and overdue only."""

    priority = forms.ModelChoiceField(
        label="Priority", queryset=Priority.objects.none(), required=False, empty_label="All"
    )
    status = forms.ChoiceField(
        label="Status", choices=[("", "All"), *BriefStatus.choices], required=False
    )
    overdue = forms.BooleanField(label="Overdue only", required=False)

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        priority_field = self.fields["priority"]
        assert isinstance(priority_field, forms.ModelChoiceField)
        priority_field.queryset = Priority.objects.filter(strategy=strategy).order_by("number")
        priority_field.label_from_instance = lambda p: f"{p.number}. {p.title}"  # type: ignore[method-assign, assignment]

    def filters(self) -> dict[str, Any]:
        """The chosen filters as brief_selectors.brief_list takes them (none when invalid)."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "priority": data["priority"],
            "status": data["status"],
            "overdue_only": data["overdue"],
        }
