"""Forms of the intervention pages: filters, details, links, lifecycle moves, supporters, delivery.

The forms parse what people type; interventions.services validates and saves it. Organisations
are offered from a search (or, for the lead partner, from its supporters), never the register.
"""

from __future__ import annotations

from typing import Any

from django import forms

from convenor.engagement.models import Activity, Contribution, Statement
from convenor.evidence.models import EvidenceItem
from convenor.interventions import selectors
from convenor.interventions.choices import (
    LIFECYCLE,
    CostBand,
    DeliveryStatus,
    InterventionStage,
    SupportForm,
    Timescale,
)
from convenor.interventions.models import DeliveryMilestone, Intervention
from convenor.meetings.models import Decision
from convenor.stakeholders.models import Organisation
from convenor.strategy.models import Priority, Strategy
from convenor.ui.forms import GovukFormMixin

TITLE_ERRORS = {
    "required": "Enter the title",
    "max_length": "The title must be 200 characters or fewer",
}


class PriorityField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A priority shown by its number and title."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.number}. {obj.title}"


class DecisionField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A decision shown with its meeting and outcome."""

    def label_from_instance(self, obj: Any) -> str:
        meeting = obj.meeting
        return (
            f"{meeting.body.name}, {meeting.starts_at:%-d %b %Y}: {obj} "
            f"({obj.get_outcome_display()})"
        )


class CheckboxesField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Things to link, as checkboxes."""

    widget = forms.CheckboxSelectMultiple


class ContributionCheckboxes(CheckboxesField):
    """Contributions, each named by what was said (shortened) and where."""

    def label_from_instance(self, obj: Any) -> str:
        text = obj.text if len(obj.text) <= 120 else f"{obj.text[:119]}…"
        return f"“{text}” ({obj}, {obj.activity.title})"


class InterventionFilterForm(GovukFormMixin, forms.Form):
    """The search box and filters above a strategy's interventions."""

    q = forms.CharField(label="Search titles and descriptions", required=False, max_length=200)
    priority = PriorityField(
        label="Priority", queryset=Priority.objects.none(), required=False, empty_label="Any"
    )
    stage = forms.ChoiceField(
        label="Lifecycle stage",
        required=False,
        choices=[("", "Any stage"), *InterventionStage.choices],
    )
    meets_all = forms.BooleanField(label="Only those meeting all four tests", required=False)

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["priority"]
        field.queryset = Priority.objects.filter(strategy=strategy).order_by("number")
        field.empty_label = "Any priority"


class InterventionCreateForm(GovukFormMixin, forms.Form):
    """A new intervention: what it is, why, and where in its lifecycle it starts."""

    title = forms.CharField(label="Title", max_length=200, strip=False, error_messages=TITLE_ERRORS)
    description = forms.CharField(
        label="Description",
        widget=forms.Textarea,
        strip=False,
        max_length=20000,
        help_text="What would be done, by whom and for whom.",
        error_messages={"required": "Enter the description"},
    )
    rationale = forms.CharField(
        label="Rationale",
        widget=forms.Textarea,
        strip=False,
        required=False,
        max_length=20000,
        help_text="Why it would work, and why here.",
    )
    stage = forms.ChoiceField(
        label="Where it starts in the lifecycle",
        choices=[(stage.value, stage.label) for stage in LIFECYCLE],
        initial=InterventionStage.IDEA,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose where it starts"},
    )


class InterventionForm(GovukFormMixin, forms.Form):
    """An intervention's details, deliverability and the steering group decision about it."""

    title = forms.CharField(label="Title", max_length=200, strip=False, error_messages=TITLE_ERRORS)
    description = forms.CharField(
        label="Description",
        widget=forms.Textarea,
        strip=False,
        max_length=20000,
        error_messages={"required": "Enter the description"},
    )
    rationale = forms.CharField(
        label="Rationale", widget=forms.Textarea, strip=False, required=False, max_length=20000
    )
    lead_partner = forms.ModelChoiceField(
        label="Lead partner",
        queryset=Organisation.objects.none(),
        required=False,
        help_text="Chosen from the organisations supporting it and the LEP: add a supporter "
        "first to choose another organisation.",
    )
    cost_band = forms.ChoiceField(
        label="Cost", required=False, choices=[("", "Not known yet"), *CostBand.choices]
    )
    timescale = forms.ChoiceField(
        label="Timescale", required=False, choices=[("", "Not known yet"), *Timescale.choices]
    )
    funding_source = forms.CharField(
        label="Funding source",
        required=False,
        max_length=200,
        strip=False,
        help_text="For example: Local Growth Fund, partners' own budgets, to be found.",
    )
    compelling_decision = DecisionField(
        label="Steering group decision that it is compelling",
        queryset=Decision.objects.none(),
        required=False,
        help_text="Decisions taken at the strategy's steering group meetings.",
    )

    def __init__(self, *args: Any, intervention: Intervention, **kwargs: Any) -> None:
        if "data" not in kwargs and not args:
            kwargs["initial"] = {
                "title": intervention.title,
                "description": intervention.description,
                "rationale": intervention.rationale,
                "lead_partner": intervention.lead_partner_id,
                "cost_band": intervention.cost_band,
                "timescale": intervention.timescale,
                "funding_source": intervention.funding_source,
                "compelling_decision": intervention.compelling_decision_id,
            }
        super().__init__(*args, **kwargs)
        lead: Any = self.fields["lead_partner"]
        lead.queryset = selectors.lead_partner_choices(intervention=intervention)
        lead.empty_label = "None yet"
        decision: Any = self.fields["compelling_decision"]
        decision.queryset = selectors.compelling_decision_choices(
            strategy=intervention.priority.strategy
        )
        decision.empty_label = "None yet"


class InterventionLinksForm(GovukFormMixin, forms.Form):
    """The evidence and engagement that shaped an intervention, as checkboxes."""

    evidence_items = CheckboxesField(
        label="Evidence items", queryset=EvidenceItem.objects.none(), required=False
    )
    activities = CheckboxesField(
        label="Activities that shaped it", queryset=Activity.objects.none(), required=False
    )
    contributions = ContributionCheckboxes(
        label="Contributions about its priority that shaped it",
        queryset=Contribution.objects.none(),
        required=False,
    )
    statements = CheckboxesField(
        label="Statements about its priority that shaped it",
        queryset=Statement.objects.none(),
        required=False,
    )

    def __init__(self, *args: Any, intervention: Intervention, **kwargs: Any) -> None:
        if "data" not in kwargs and not args:
            kwargs["initial"] = {
                "evidence_items": [item.pk for item in intervention.evidence_items.all()],
                "activities": [a.pk for a in intervention.activities.all()],
                "contributions": [c.pk for c in intervention.contributions.all()],
                "statements": [s.pk for s in intervention.statements.all()],
            }
        super().__init__(*args, **kwargs)
        strategy = intervention.priority.strategy
        querysets: dict[str, Any] = {
            "evidence_items": selectors.evidence_item_choices(strategy=strategy),
            "activities": selectors.activity_choices(strategy=strategy),
            "contributions": selectors.contribution_choices(priority=intervention.priority),
            "statements": selectors.statement_choices(priority=intervention.priority),
        }
        for name, queryset in querysets.items():
            field: Any = self.fields[name]
            field.queryset = queryset


class StageChangeForm(GovukFormMixin, forms.Form):
    """Move an intervention to another lifecycle stage, saying why."""

    to_stage = forms.ChoiceField(
        label="Move it to",
        choices=InterventionStage.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the stage to move it to"},
    )
    reason = forms.CharField(
        label="Why",
        widget=forms.Textarea,
        strip=False,
        max_length=5000,
        help_text="Recorded in its history. When parking it, this is shown as why it is parked.",
        error_messages={"required": "Say why it moves to this stage"},
    )

    def __init__(self, *args: Any, intervention: Intervention, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["to_stage"]
        field.choices = [
            (value, label)
            for value, label in InterventionStage.choices
            if value != intervention.stage
        ]

    def clean_reason(self) -> str:
        reason: str = self.cleaned_data["reason"]
        if not reason.strip():
            raise forms.ValidationError("Say why it moves to this stage")
        return reason


class OrganisationSearchForm(GovukFormMixin, forms.Form):
    """The search box for finding the organisation that supports an intervention."""

    q = forms.CharField(label="Find the organisation by name", required=False, max_length=200)


class SupportAddForm(GovukFormMixin, forms.Form):
    """An organisation (one of the search's results) supports it: when, how, and a note."""

    organisation = forms.ModelChoiceField(
        label="Organisation",
        queryset=Organisation.objects.none(),
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the organisation: search for it by name first",
            "invalid_choice": "Choose one of the organisations found",
        },
    )
    given_on = forms.DateField(
        label="Given on",
        error_messages={
            "required": "Enter the date it said so",
            "invalid": "Enter a real date, for example 1 May 2019",
        },
    )
    form = forms.ChoiceField(
        label="How it said so",
        choices=SupportForm.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how it said so"},
    )
    note = forms.CharField(
        label="Note", widget=forms.Textarea, required=False, strip=False, max_length=5000
    )

    def __init__(self, *args: Any, candidates: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field: Any = self.fields["organisation"]
        field.queryset = candidates


class MilestoneForm(GovukFormMixin, forms.Form):
    """A delivery milestone: what, when it is due, and when it was done."""

    title = forms.CharField(label="Title", max_length=200, strip=False, error_messages=TITLE_ERRORS)
    due_on = forms.DateField(
        label="Due on",
        error_messages={
            "required": "Enter the date it is due",
            "invalid": "Enter a real date, for example 31 March 2020",
        },
    )
    done_on = forms.DateField(
        label="Done on",
        required=False,
        error_messages={"invalid": "Enter a real date, for example 31 March 2020"},
    )

    def __init__(self, *args: Any, milestone: DeliveryMilestone | None = None, **kwargs: Any):
        if milestone is not None and "data" not in kwargs and not args:
            kwargs["initial"] = {
                "title": milestone.title,
                "due_on": milestone.due_on,
                "done_on": milestone.done_on,
            }
        super().__init__(*args, **kwargs)
        if milestone is None:
            del self.fields["done_on"]


class ProgressUpdateForm(GovukFormMixin, forms.Form):
    """How delivery stands, in words and as a status."""

    status = forms.ChoiceField(
        label="How delivery stands",
        choices=DeliveryStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how delivery stands"},
    )
    text = forms.CharField(
        label="Progress",
        widget=forms.Textarea,
        strip=False,
        max_length=20000,
        error_messages={"required": "Say how delivery is going"},
    )
    reported_on = forms.DateField(
        label="Reported on",
        required=False,
        help_text="Today if left empty.",
        error_messages={"invalid": "Enter a real date, for example 15 January 2020"},
    )


class ConfirmForm(GovukFormMixin, forms.Form):
    """A form with nothing to fill in: a button that confirms."""
