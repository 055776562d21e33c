"""Forms of the invitation pages: the audience to invite, filters, attendance, walk-ins, replies."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django import forms

from convenor.engagement.choices import ActivityAttendance, Rsvp
from convenor.engagement.models import ActivityInvitation, Segment
from convenor.governance.models import Body
from convenor.stakeholders.models import Person
from convenor.strategy.models import Strategy
from convenor.ui.forms import GovukFormMixin


class AudienceForm(GovukFormMixin, forms.Form):
    """Whom to invite: bodies (their current members), saved segments, people picked by hand.

    The people field is drawn by the page itself (search results and those already chosen,
    as checkboxes), never as a list of the whole register.
    """

    bodies = forms.ModelMultipleChoiceField(
        label="Members of a body",
        queryset=Body.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Everyone who is a member of the body today.",
    )
    segments = forms.ModelMultipleChoiceField(
        label="Saved segments of the register",
        queryset=Segment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Everyone the segment's filters select today.",
    )
    people = forms.ModelMultipleChoiceField(
        label="People picked by hand",
        queryset=Person.objects.filter(erased_at__isnull=True),
        required=False,
        widget=forms.MultipleHiddenInput,
        error_messages={"invalid_choice": "One of the people chosen is no longer in the register."},
    )

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bodies: Any = self.fields["bodies"]
        bodies.queryset = Body.objects.filter(strategy=strategy).order_by("name")
        segments: Any = self.fields["segments"]
        segments.queryset = Segment.objects.order_by("name")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and not any(
            cleaned.get(name) for name in ("bodies", "segments", "people")
        ):
            raise forms.ValidationError(
                "Choose whom to invite: a body, a saved segment, or people picked by hand."
            )
        return cleaned

    def chosen_people_pks(self) -> list[int]:
        """The ids of the people ticked so far, as sent (for redrawing the page)."""
        values = self.data.getlist("people") if hasattr(self.data, "getlist") else []
        return [int(value) for value in values if str(value).isdigit()][:500]


class PeopleSearchForm(GovukFormMixin, forms.Form):
    """The search box for finding people to pick by hand."""

    q = forms.CharField(
        label="Find people by name, email or organisation", required=False, max_length=200
    )


class InvitationFilterForm(GovukFormMixin, forms.Form):
    """Search and filters above the list of invitees."""

    q = forms.CharField(label="Search by name", required=False, max_length=200)
    response = forms.ChoiceField(
        label="Reply", required=False, choices=[("", "Any reply"), *Rsvp.choices]
    )
    attendance = forms.ChoiceField(
        label="Attendance",
        required=False,
        choices=[("", "Any attendance"), *ActivityAttendance.choices],
    )


class AttendanceForm(GovukFormMixin, forms.Form):
    """The invitees on one page, each with radios: attended, did not attend, not recorded."""

    def __init__(
        self, *args: Any, invitations: Sequence[ActivityInvitation], **kwargs: Any
    ) -> None:
        kwargs.setdefault(
            "initial",
            {self.field_name(invitation): invitation.attendance for invitation in invitations},
        )
        super().__init__(*args, **kwargs)
        self.invitations = list(invitations)
        for invitation in self.invitations:
            self.fields[self.field_name(invitation)] = forms.ChoiceField(
                label=invitation.person.name,
                choices=[
                    (ActivityAttendance.ATTENDED, ActivityAttendance.ATTENDED.label),
                    (ActivityAttendance.ABSENT, ActivityAttendance.ABSENT.label),
                    (ActivityAttendance.NOT_RECORDED, ActivityAttendance.NOT_RECORDED.label),
                ],
                widget=forms.RadioSelect,
                error_messages={"required": f"Say whether {invitation.person.name} came"},
            )

    @staticmethod
    def field_name(invitation: ActivityInvitation) -> str:
        """The name of the field for one invitation."""
        return f"invitation_{invitation.pk}"

    def attendance(self) -> dict[ActivityInvitation, str]:
        """Each invitation with the attendance chosen for it."""
        return {
            invitation: self.cleaned_data[self.field_name(invitation)]
            for invitation in self.invitations
        }


class WalkInForm(GovukFormMixin, forms.Form):
    """Someone who came without an invitation."""

    person = forms.ModelChoiceField(
        label="Person",
        queryset=Person.objects.filter(erased_at__isnull=True),
        widget=forms.HiddenInput,
        error_messages={
            "required": "Choose the person who came",
            "invalid_choice": "That person is no longer in the register.",
        },
    )


class RsvpForm(GovukFormMixin, forms.Form):
    """An invitee's reply: coming or not."""

    response = forms.ChoiceField(
        label="Are you coming?",
        choices=[(Rsvp.ACCEPTED, "Yes, I am coming"), (Rsvp.DECLINED, "No, I cannot come")],
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether you are coming"},
    )


class ConfirmForm(GovukFormMixin, forms.Form):
    """A form with nothing to fill in: pressing its button is the answer."""
