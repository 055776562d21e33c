"""Staff forms for strategies, stages, milestones, priorities and lines of enquiry.

The forms parse what staff type; the services in strategy.services validate and save it.
"""

from __future__ import annotations

from typing import Any

from django import forms

from convenor.stakeholders.models import Area, Person
from convenor.strategy.models import LineOfEnquiry, Milestone, Priority, Stage, Strategy
from convenor.ui.forms import GovukServiceModelForm


class StrategyForm(GovukServiceModelForm):
    """A strategy's name, place, lead and the words that set out what it is for."""

    class Meta:
        model = Strategy
        fields = [
            "name",
            "slug",
            "area_name",
            "areas",
            "lead_organisation",
            "strategy_lead",
            "vision",
            "theory_of_change",
            "narrative",
            "is_public",
        ]
        widgets = {"areas": forms.CheckboxSelectMultiple}
        help_texts = {
            "slug": "Lower-case letters, digits and hyphens, for example em3-lis-2019.",
        }

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        # "new" is the address of the page that adds one.
        if slug == "new":
            raise forms.ValidationError("Choose another short name: “new” is taken by the site.")
        return slug

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["areas"].queryset = Area.objects.order_by("name")  # type: ignore[attr-defined]
        self.fields["strategy_lead"].queryset = Person.objects.order_by("name")  # type: ignore[attr-defined]


class StageForm(GovukServiceModelForm):
    """One stage of the timetable: when it runs, what it is for, and whether it is current."""

    class Meta:
        model = Stage
        fields = [
            "name",
            "kind",
            "order",
            "period_label",
            "starts_on",
            "ends_on",
            "may_overlap",
            "status",
            "focus",
            "action",
            "exit_criteria",
        ]
        widgets = {"status": forms.RadioSelect}
        help_texts = {
            "order": "Where the stage comes in the timetable: 1 for the first.",
            "kind": "Which of the paper's stages this is: it decides what must be done before "
            "the strategy moves on from it (the stage gate).",
            "status": "Making this stage current marks the stage that is current now complete.",
        }


class MilestoneForm(GovukServiceModelForm):
    """A dated event on the timetable, optionally within a stage."""

    class Meta:
        model = Milestone
        fields = ["title", "date", "stage", "description"]

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["stage"].queryset = strategy.stages.all()  # type: ignore[attr-defined]


class PriorityForm(GovukServiceModelForm):
    """A strategic priority: its title and summary, our role on it, who sponsors and leads it."""

    class Meta:
        model = Priority
        fields = [
            "number",
            "title",
            "short_title",
            "summary",
            "lep_role",
            "status",
            "board_sponsor",
            "lead_officer",
            "is_reconstructed",
        ]
        widgets = {"lep_role": forms.RadioSelect, "status": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("board_sponsor", "lead_officer"):
            self.fields[name].queryset = Person.objects.order_by("name")  # type: ignore[attr-defined]


class LineOfEnquiryForm(GovukServiceModelForm):
    """A question the priority's work must answer, and where it comes in the list."""

    class Meta:
        model = LineOfEnquiry
        fields = ["question", "order", "status"]
        widgets = {"status": forms.RadioSelect}
        help_texts = {"order": "Where the question comes in the list: 1 for the first."}
