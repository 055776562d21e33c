"""Staff forms for meetings: details, agenda, papers, invitations, attendance, minutes, outcomes.

The forms parse what staff type; the services in meetings.services validate and save it.
Dates and times are typed as Europe/London local time, whatever the season.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone

from convenor.core import clock
from convenor.governance.models import Body
from convenor.meetings.choices import (
    Attendance,
    DecisionOutcome,
    InvitationRole,
    MeetingFocus,
    MeetingStatus,
)
from convenor.meetings.models import (
    Action,
    AgendaItem,
    Decision,
    Declaration,
    Invitation,
    Meeting,
)
from convenor.stakeholders.models import Person
from convenor.strategy.models import Priority, Strategy
from convenor.ui.forms import GovukFormMixin, GovukServiceModelForm, SearchForm

LONDON = ZoneInfo("Europe/London")


def local_datetime(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """A day and a clock time in London as an aware datetime (GMT or BST as the day has it)."""
    return datetime.datetime.combine(day, time, tzinfo=LONDON)


class PersonChoiceField(forms.ModelChoiceField):
    """People from the register, shown with their organisation to tell namesakes apart."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}, {obj.organisation}" if obj.organisation_id else obj.name


def people() -> Any:
    return Person.objects.select_related("organisation").order_by("name", "pk")


class PriorityChoiceField(forms.ModelMultipleChoiceField):
    """Priorities listed as "3. Towns", in number order."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class AgendaItemChoiceField(forms.ModelChoiceField):
    """A meeting's agenda items, as "Item 3: Towns"."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


def _time_field(label: str, what: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        help_text="UK time, on the 24-hour clock, for example 10:00 or 14:30.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "required": f"Enter the time the meeting {what}",
            "invalid": f"Enter the time the meeting {what} as hours and minutes, for example 14:30",
        },
    )


class MeetingForm(GovukFormMixin, forms.Form):
    """A meeting's convening body, any bodies joining it, when and where, host and focus."""

    body = forms.ModelChoiceField(
        queryset=Body.objects.none(),
        label="Convening body",
        error_messages={"required": "Choose the body holding the meeting"},
    )
    joint_bodies = forms.ModelMultipleChoiceField(
        queryset=Body.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Joint session with",
        help_text="For a joint session, tick the other bodies taking part.",
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={"required": "Enter a title for the meeting"},
    )
    purpose = forms.CharField(label="Purpose", required=False, widget=forms.Textarea)
    day = forms.DateField(
        label="Date", error_messages={"required": "Enter the date of the meeting"}
    )
    starts = _time_field("Starts at", "starts")
    ends = _time_field("Ends at", "ends")
    location = forms.CharField(label="Place", required=False, max_length=300)
    online_url = forms.URLField(
        label="Online meeting link",
        required=False,
        assume_scheme="https",
        help_text="For example https://meet.example.org/board",
    )
    host = PersonChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="Host",
        help_text="For a roundtable or workshop: the board member hosting it.",
    )
    focus = forms.ChoiceField(
        label="Focus",
        required=False,
        widget=forms.RadioSelect,
        choices=[("", "Not a roundtable or workshop"), *MeetingFocus.choices],
        help_text="For a roundtable or workshop: shaping the strategy, or its delivery.",
    )

    def __init__(
        self, *args: Any, strategy: Strategy, meeting: Meeting | None = None, **kwargs: Any
    ) -> None:
        if meeting is not None:
            starts = timezone.localtime(meeting.starts_at, LONDON)
            ends = timezone.localtime(meeting.ends_at, LONDON)
            kwargs.setdefault(
                "initial",
                {
                    "body": meeting.body_id,
                    "joint_bodies": [body.pk for body in meeting.joint_bodies.all()],
                    "title": meeting.title,
                    "purpose": meeting.purpose,
                    "day": starts.date(),
                    "starts": starts.strftime("%H:%M"),
                    "ends": ends.strftime("%H:%M"),
                    "location": meeting.location,
                    "online_url": meeting.online_url,
                    "host": meeting.host_id,
                    "focus": meeting.focus,
                },
            )
        super().__init__(*args, **kwargs)
        bodies = Body.objects.filter(strategy=strategy).order_by("name")
        self.fields["body"].queryset = bodies  # type: ignore[attr-defined]
        self.fields["joint_bodies"].queryset = bodies  # type: ignore[attr-defined]
        self.fields["host"].queryset = people()  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        day, starts, ends = cleaned.get("day"), cleaned.get("starts"), cleaned.get("ends")
        if day and starts and ends:
            if ends <= starts:
                self.add_error("ends", "The meeting must end after it starts")
            else:
                cleaned["starts_at"] = local_datetime(day, starts)
                cleaned["ends_at"] = local_datetime(day, ends)
        body, joint = cleaned.get("body"), cleaned.get("joint_bodies")
        if body is not None and joint and body in joint:
            self.add_error(
                "joint_bodies", f"{body} convenes the meeting: do not tick it as joining it"
            )
        return cleaned

    def meeting_data(self) -> dict[str, Any]:
        """The cleaned values as the meeting services take them."""
        data = self.cleaned_data
        return {
            "body": data["body"],
            "joint_bodies": list(data["joint_bodies"]),
            "title": data["title"],
            "purpose": data["purpose"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "location": data["location"],
            "online_url": data["online_url"],
            "host": data["host"],
            "focus": data["focus"],
        }


class MeetingFilterForm(SearchForm):
    """Search a strategy's meetings by title and narrow them by body, status and time."""

    WHEN_CHOICES = [("", "Any time"), ("upcoming", "Upcoming"), ("past", "Past")]

    q = forms.CharField(label="Search by title", required=False, max_length=200)
    body = forms.ModelChoiceField(
        label="Body", required=False, queryset=Body.objects.none(), empty_label="All bodies"
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *MeetingStatus.choices]
    )
    when = forms.ChoiceField(label="When", required=False, choices=WHEN_CHOICES)

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].queryset = Body.objects.filter(strategy=strategy).order_by("name")  # type: ignore[attr-defined]


class ConfirmForm(GovukFormMixin, forms.Form):
    """A form with nothing to fill in: pressing its button is the answer."""


class MeetingCancelForm(GovukFormMixin, forms.Form):
    """Why a meeting is cancelled."""

    reason = forms.CharField(
        label="Reason for cancelling",
        max_length=300,
        help_text="Shown to members, for example: not quorate; moved to 5 June.",
        error_messages={"required": "Say why the meeting is cancelled"},
    )


class AgendaItemForm(GovukServiceModelForm):
    """An agenda item: its number, title, the priorities it concerns, who presents it."""

    priorities = PriorityChoiceField(
        queryset=Priority.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Priorities it concerns",
    )
    presenter = PersonChoiceField(queryset=Person.objects.none(), required=False, label="Presenter")

    class Meta:
        model = AgendaItem
        fields = ["order", "title", "description", "priorities", "presenter", "is_confidential"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting = self.instance.meeting
        self.fields["priorities"].queryset = Priority.objects.filter(  # type: ignore[attr-defined]
            strategy_id=meeting.strategy_id
        ).order_by("number")
        self.fields["presenter"].queryset = people()  # type: ignore[attr-defined]
        if self.instance.pk is None:
            self.fields["order"].required = False
            self.fields["order"].help_text = "Leave blank to add it at the end of the agenda."


class PaperForm(GovukFormMixin, forms.Form):
    """A paper to upload: its title, the item it is for, and the file."""

    title = forms.CharField(
        label="Title", max_length=300, error_messages={"required": "Enter the paper's title"}
    )
    agenda_item = AgendaItemChoiceField(
        queryset=AgendaItem.objects.none(), required=False, label="For agenda item"
    )
    file = forms.FileField(
        label="File",
        help_text="A PDF, Word, Excel, PowerPoint, OpenDocument, CSV or text file, "
        "20 MB or smaller.",
        error_messages={"required": "Choose the file to upload"},
    )

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("order")  # type: ignore[attr-defined]


class InvitationForm(GovukFormMixin, forms.Form):
    """A person from the register invited to this meeting only, such as an outside expert."""

    person = PersonChoiceField(
        queryset=Person.objects.none(),
        label="Person",
        help_text="Choose from the stakeholder register. Add them there first if they are new.",
        error_messages={"required": "Choose the person to invite"},
    )
    role = forms.ChoiceField(
        label="Invited as",
        widget=forms.RadioSelect,
        choices=[
            (role.value, role.label)
            for role in (
                InvitationRole.INVITED_EXPERT,
                InvitationRole.PRESENTER,
                InvitationRole.OBSERVER,
            )
        ],
        initial=InvitationRole.INVITED_EXPERT,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # An erased person is never invited again.
        self.fields["person"].queryset = people().filter(erased_at__isnull=True)  # type: ignore[attr-defined]


class InvitationReplyForm(GovukServiceModelForm):
    """A person's reply to their invitation, and the role they are invited in."""

    class Meta:
        model = Invitation
        fields = ["response", "role"]
        widgets = {"response": forms.RadioSelect, "role": forms.RadioSelect}


class AttendanceForm(GovukFormMixin, forms.Form):
    """Everyone invited, each with radios: present, sent apologies, absent, not recorded."""

    def __init__(self, *args: Any, invitations: Sequence[Invitation], **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {self.field_name(invitation): invitation.attendance for invitation in invitations},
        )
        super().__init__(*args, **kwargs)
        self.invitations = list(invitations)
        for invitation in self.invitations:
            self.fields[self.field_name(invitation)] = forms.ChoiceField(
                label=invitation.person.name,
                choices=Attendance.choices,
                widget=forms.RadioSelect,
                error_messages={"required": f"Say whether {invitation.person.name} came"},
            )
        # The mixin has already run over the (then empty) fields: radios get no blank choice
        # because their choices never had one.

    @staticmethod
    def field_name(invitation: Invitation) -> str:
        return f"invitation_{invitation.pk}"

    def attendance(self) -> dict[Invitation, str]:
        """Each invitation with the attendance chosen for it."""
        return {
            invitation: self.cleaned_data[self.field_name(invitation)]
            for invitation in self.invitations
        }


class MinutesForm(GovukFormMixin, forms.Form):
    """The minutes of a meeting, as plain text."""

    minutes = forms.CharField(
        label="Minutes",
        required=False,
        widget=forms.Textarea,
        help_text="Plain text; leave a blank line between paragraphs.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["minutes"].widget.attrs["rows"] = 15


class MinutesApproveForm(GovukFormMixin, forms.Form):
    """The day the body approved the minutes as a true record."""

    approved_on = forms.DateField(
        label="Approved on",
        help_text="Usually the date of the body's next meeting.",
        error_messages={"required": "Enter the date the minutes were approved"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"approved_on": clock.today()})
        super().__init__(*args, **kwargs)


class DecisionForm(GovukServiceModelForm):
    """A decision in the paper's own form: "The Board is asked to: NOTE ...", and its outcome."""

    agenda_item = AgendaItemChoiceField(
        queryset=AgendaItem.objects.none(), required=False, label="Agenda item"
    )

    class Meta:
        model = Decision
        fields = ["agenda_item", "verb", "text", "outcome", "amendment"]
        widgets = {"verb": forms.RadioSelect, "outcome": forms.RadioSelect}
        help_texts = {
            "amendment": "Required when the body agreed with an amendment: say what it changed."
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        meeting = self.instance.meeting
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("order")  # type: ignore[attr-defined]
        self.fields["verb"].label = f"The {meeting.body.name} is asked to"
        self.fields["text"].label = "What"
        self.fields["outcome"].initial = DecisionOutcome.PENDING


class ActionForm(GovukServiceModelForm):
    """An action: what, who owns it, by when, and its status."""

    owner = PersonChoiceField(
        queryset=Person.objects.none(),
        label="Owner",
        help_text="Choose from the stakeholder register.",
    )
    agenda_item = AgendaItemChoiceField(
        queryset=AgendaItem.objects.none(), required=False, label="Agenda item"
    )

    class Meta:
        model = Action
        fields = ["description", "owner", "due_on", "status", "agenda_item"]
        widgets = {"status": forms.RadioSelect}

    def __init__(self, *args: Any, meeting: Meeting, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people()  # type: ignore[attr-defined]
        self.fields["agenda_item"].queryset = meeting.agenda_items.order_by("order")  # type: ignore[attr-defined]


class DeclarationForm(GovukServiceModelForm):
    """A declaration of interest on an agenda item: who, what interest, what they did."""

    person = PersonChoiceField(queryset=Person.objects.none(), label="Person declaring")

    class Meta:
        model = Declaration
        fields = ["person", "interest", "action_taken"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people()  # type: ignore[attr-defined]
