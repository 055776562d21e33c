"""Staff forms for bodies, the priorities they steer, and their memberships.

The forms parse what staff type; the services in governance.services validate and save it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q

from convenor.core import clock
from convenor.governance.models import Body, Membership
from convenor.stakeholders.models import Organisation, Person
from convenor.strategy.models import Priority
from convenor.ui.forms import GovukFormMixin, GovukServiceModelForm


class BodyForm(GovukServiceModelForm):
    """A body's name, kind, remit and openness, and the body it reports to."""

    class Meta:
        model = Body
        fields = ["name", "slug", "kind", "openness", "remit", "themes", "reports_to"]
        widgets = {"openness": forms.RadioSelect}
        help_texts = {
            "slug": "Lower-case letters, digits and hyphens, for example skills-action-group.",
        }

    def clean_slug(self) -> str:
        slug: str = self.cleaned_data["slug"]
        # "new" is the address of the page that adds one.
        if slug == "new":
            raise forms.ValidationError("Choose another short name: “new” is taken by the site.")
        return slug

    def __init__(self, *args: Any, strategy: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        others = Body.objects.filter(strategy=strategy)
        if self.instance.pk is not None:
            others = others.exclude(pk=self.instance.pk)
        self.fields["reports_to"].queryset = others  # type: ignore[attr-defined]


class PriorityChoiceField(forms.ModelMultipleChoiceField):
    """Priorities listed as "3. Towns", in number order."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class BodyPrioritiesForm(GovukFormMixin, forms.Form):
    """Which of the strategy's priorities a body steers, and which it is the lead body for."""

    steers = PriorityChoiceField(
        queryset=Priority.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Priorities this body steers",
    )
    leads = PriorityChoiceField(
        queryset=Priority.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Priorities this body is the lead body for",
        help_text="A priority has one lead body, which must also steer it.",
    )

    def __init__(self, *args: Any, body: Body, **kwargs: Any) -> None:
        links = list(body.steered.all())
        kwargs.setdefault(
            "initial",
            {
                "steers": [link.priority_id for link in links],
                "leads": [link.priority_id for link in links if link.leads],
            },
        )
        super().__init__(*args, **kwargs)
        priorities = Priority.objects.filter(strategy_id=body.strategy_id).order_by("number")
        self.fields["steers"].queryset = priorities  # type: ignore[attr-defined]
        self.fields["leads"].queryset = priorities  # type: ignore[attr-defined]


class PersonChoiceField(forms.ModelChoiceField):
    """People from the register, shown with their organisation to tell namesakes apart."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}, {obj.organisation}" if obj.organisation_id else obj.name


class MembershipForm(GovukServiceModelForm):
    """A person's place on a body: who, in what role, when, and whom they represent."""

    person = PersonChoiceField(
        queryset=Person.objects.select_related("organisation").order_by("name"),
        label="Person",
        help_text="Choose from the stakeholder register. Add them there first if they are new.",
    )

    class Meta:
        model = Membership
        fields = ["person", "role", "starts_on", "ends_on", "representing", "note"]
        widgets = {"role": forms.RadioSelect}
        help_texts = {"ends_on": "Leave blank while the membership continues."}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["representing"].queryset = Organisation.objects.order_by("name")  # type: ignore[attr-defined]
        # An erased person is given no new place; the one they held stays editable.
        self.fields["person"].queryset = self.fields["person"].queryset.filter(  # type: ignore[attr-defined]
            Q(erased_at__isnull=True) | Q(pk=self.instance.person_id)
        )


class MembershipEndForm(GovukFormMixin, forms.Form):
    """The date a membership ends."""

    ends_on = forms.DateField(
        label="Last day of membership",
        help_text="The person stays on the record as having served until this date.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"ends_on": clock.today()})
        super().__init__(*args, **kwargs)
