"""Staff forms of the register's engagement side: a relationship, and a saved segment."""

from __future__ import annotations

from typing import Any

from django import forms

from convenor.engagement.choices import Level
from convenor.engagement.models import Relationship, Segment
from convenor.engagement.register_filters import OwnerChoiceField, staff_people
from convenor.strategy.models import Priority
from convenor.ui.forms import GovukServiceModelForm

NOT_ASSESSED = [("", "Not assessed")]


class PriorityCheckboxField(forms.ModelMultipleChoiceField):
    """Priorities of interest as checkboxes, each named with its strategy."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.strategy.name}: {obj}"


class RelationshipForm(GovukServiceModelForm):
    """Who owns a relationship, its power and interest (both or neither), why, and interests."""

    owner = OwnerChoiceField(
        queryset=staff_people(),
        required=False,
        empty_label="No owner yet",
        label="Relationship owner",
        help_text="A member of staff who looks after this relationship.",
    )
    power = forms.TypedChoiceField(
        label="Power",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[*NOT_ASSESSED, *Level.choices],
        widget=forms.RadioSelect,
        help_text="How far they can shape or block the strategy.",
    )
    interest = forms.TypedChoiceField(
        label="Interest",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[*NOT_ASSESSED, *Level.choices],
        widget=forms.RadioSelect,
        help_text="How much the strategy matters to them.",
    )
    priorities = PriorityCheckboxField(
        label="Priorities of interest",
        required=False,
        queryset=Priority.objects.select_related("strategy").order_by("strategy__name", "number"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Relationship
        fields = ["owner", "power", "interest", "assessment_note", "assessed_on", "priorities"]
        labels = {"assessment_note": "Why this assessment"}


class SegmentForm(GovukServiceModelForm):
    """A segment's name and description (its filters come from the people list)."""

    class Meta:
        model = Segment
        fields = ["name", "description"]
        help_texts = {
            "name": "For example: universities interested in skills.",
            "description": "What these people have in common, or why you saved them.",
        }
