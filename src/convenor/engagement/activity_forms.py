"""Staff forms for activities: details, write-up, materials, follow-ups and contributions.

The forms parse what staff type; the services in engagement.activity_services validate and save
it. Dates and times are typed as Europe/London local time, whatever the season.
"""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms
from django.utils import timezone

from convenor.core import clock
from convenor.engagement import activity_selectors
from convenor.engagement.choices import ActivityKind, ActivityStatus, ContributionKind
from convenor.engagement.models import Activity, Contribution, FollowUp
from convenor.governance.models import Body
from convenor.stakeholders.models import Person
from convenor.strategy.models import Priority, Strategy
from convenor.ui.forms import GovukFormMixin, SearchForm

LONDON = ZoneInfo("Europe/London")

TIME_HELP = "UK time, on the 24-hour clock, for example 10:00 or 14:30."


def local_datetime(day: datetime.date, time: datetime.time) -> datetime.datetime:
    """A day and a clock time in London as an aware datetime (GMT or BST as the day has it)."""
    return datetime.datetime.combine(day, time, tzinfo=LONDON)


class PersonChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """People from the register, shown with their organisation to tell namesakes apart."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}, {obj.organisation}" if obj.organisation_id else obj.name


class PriorityChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """A strategy's priorities as checkboxes, listed as "3. Towns", in number order."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


def _time_field(label: str, what: str, *, required: bool) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=required,
        help_text=TIME_HELP,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "required": f"Enter the time the activity {what}",
            "invalid": f"Enter the time the activity {what} as hours and minutes, "
            "for example 14:30",
        },
    )


class ActivityForm(GovukFormMixin, forms.Form):
    """An activity's kind, title, purpose, priorities, host, organiser, when, where and status."""

    kind = forms.ChoiceField(
        label="Kind of activity",
        choices=ActivityKind.choices,
        error_messages={"required": "Choose the kind of activity"},
    )
    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter a title"}
    )
    purpose = forms.CharField(
        label="Purpose",
        required=False,
        widget=forms.Textarea,
        help_text="What the activity is for, and what it should produce.",
    )
    priorities = PriorityChoiceField(
        queryset=Priority.objects.none(),
        required=False,
        label="Priorities it speaks to",
    )
    host = PersonChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="Host",
        help_text="For a roundtable: the board member hosting it.",
    )
    body: forms.ModelChoiceField[Body] = forms.ModelChoiceField(
        queryset=Body.objects.none(),
        required=False,
        label="Organising body",
    )
    starts_on = forms.DateField(
        label="Date it starts",
        help_text="For a survey or a window: the day it opens.",
        error_messages={
            "required": "Enter the date the activity starts",
            "invalid": "Enter the date the activity starts as a real date",
        },
    )
    starts_time = _time_field("Time it starts", "starts", required=True)
    ends_on = forms.DateField(
        label="Date it ends",
        required=False,
        help_text="Leave blank if it ends on the day it starts.",
        error_messages={"invalid": "Enter the date the activity ends as a real date"},
    )
    ends_time = _time_field("Time it ends", "ends", required=False)
    place = forms.CharField(
        label="Place",
        required=False,
        max_length=300,
        help_text="Not needed for a survey, or a reaction or comment window.",
    )
    online_url = forms.URLField(
        label="Online link",
        required=False,
        assume_scheme="https",
        help_text="For example https://meet.example.org/workshop",
    )
    status = forms.ChoiceField(
        label="Status",
        choices=ActivityStatus.choices,
        widget=forms.RadioSelect,
        initial=ActivityStatus.PLANNED,
        help_text="Cancelling keeps everything recorded about the activity.",
    )
    agenda = forms.CharField(label="Agenda", required=False, widget=forms.Textarea)
    is_open_for_sign_up = forms.BooleanField(
        label="Sounding board members may sign up",
        required=False,
        help_text="Members see it on the sounding board and book a place themselves.",
    )
    capacity = forms.IntegerField(
        label="Number of places",
        required=False,
        min_value=1,
        help_text="Once this many are coming, others join a waiting list. Blank: no limit.",
        error_messages={
            "invalid": "Enter the number of places as a whole number, like 30",
            "min_value": "Enter at least 1 place, or leave it blank for no limit",
        },
    )

    def __init__(
        self, *args: Any, strategy: Strategy, activity: Activity | None = None, **kwargs: Any
    ) -> None:
        if activity is not None:
            starts = timezone.localtime(activity.starts_at, LONDON)
            ends = timezone.localtime(activity.ends_at, LONDON) if activity.ends_at else None
            kwargs.setdefault(
                "initial",
                {
                    "kind": activity.kind,
                    "title": activity.title,
                    "purpose": activity.purpose,
                    "priorities": [priority.pk for priority in activity.priorities.all()],
                    "host": activity.host_id,
                    "body": activity.body_id,
                    "starts_on": starts.date(),
                    "starts_time": starts.strftime("%H:%M"),
                    "ends_on": ends.date() if ends and ends.date() != starts.date() else None,
                    "ends_time": ends.strftime("%H:%M") if ends else "",
                    "place": activity.place,
                    "online_url": activity.online_url,
                    "status": activity.status,
                    "agenda": activity.agenda,
                    "is_open_for_sign_up": activity.is_open_for_sign_up,
                    "capacity": activity.capacity,
                },
            )
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["priorities"].queryset = activity_selectors.strategy_priorities(strategy=strategy)
        fields["body"].queryset = activity_selectors.strategy_bodies(strategy=strategy)
        fields["host"].queryset = activity_selectors.people_to_choose(
            keep=activity.host if activity is not None else None
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts_on, starts_time = cleaned.get("starts_on"), cleaned.get("starts_time")
        ends_on, ends_time = cleaned.get("ends_on"), cleaned.get("ends_time")
        if ends_on and not ends_time and "ends_time" not in self.errors:
            self.add_error("ends_time", "Enter the time the activity ends")
        if starts_on and starts_time:
            cleaned["starts_at"] = local_datetime(starts_on, starts_time)
            cleaned["ends_at"] = None
            if ends_time:
                cleaned["ends_at"] = local_datetime(ends_on or starts_on, ends_time)
                if cleaned["ends_at"] < cleaned["starts_at"]:
                    self.add_error("ends_time", "The activity must end after it starts")
        return cleaned

    def activity_data(self) -> dict[str, Any]:
        """The cleaned values as the activity services take them."""
        data = self.cleaned_data
        return {
            "kind": data["kind"],
            "title": data["title"],
            "purpose": data["purpose"],
            "priorities": list(data["priorities"]),
            "host": data["host"],
            "body": data["body"],
            "starts_at": data["starts_at"],
            "ends_at": data["ends_at"],
            "place": data["place"],
            "online_url": data["online_url"],
            "status": data["status"],
            "agenda": data["agenda"],
            "is_open_for_sign_up": data["is_open_for_sign_up"],
            "capacity": data["capacity"],
        }


class ActivityFilterForm(SearchForm):
    """Search a strategy's activities by title; narrow them by kind, status, priority and time."""

    WHEN_CHOICES = [("", "Any time"), ("upcoming", "To come"), ("past", "Past")]

    q = forms.CharField(label="Search by title", required=False, max_length=200)
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Any kind"), *ActivityKind.choices]
    )
    status = forms.ChoiceField(
        label="Status", required=False, choices=[("", "Any status"), *ActivityStatus.choices]
    )
    priority = forms.ModelChoiceField(
        label="Priority",
        required=False,
        queryset=Priority.objects.none(),
        empty_label="Any priority",
    )
    when = forms.ChoiceField(label="When", required=False, choices=WHEN_CHOICES)

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = activity_selectors.strategy_priorities(  # type: ignore[attr-defined]
            strategy=strategy
        )


class WriteUpForm(GovukFormMixin, forms.Form):
    """What was discussed at an activity, and what came out of it."""

    notes = forms.CharField(
        label="Notes",
        required=False,
        widget=forms.Textarea,
        help_text="What was discussed. Plain text; leave a blank line between paragraphs.",
    )
    outputs = forms.CharField(
        label="Outputs",
        required=False,
        widget=forms.Textarea,
        help_text="What came out of it: conclusions, proposals, things to test further.",
    )

    def __init__(self, *args: Any, activity: Activity, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"notes": activity.notes, "outputs": activity.outputs})
        super().__init__(*args, **kwargs)
        for name in ("notes", "outputs"):
            self.fields[name].widget.attrs["rows"] = 12

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not (cleaned.get("notes", "").strip() or cleaned.get("outputs", "").strip()):
            self.add_error("notes", "Enter the notes, the outputs, or both")
        return cleaned


class MaterialForm(GovukFormMixin, forms.Form):
    """A material for an activity: a file to upload, or a link to one published elsewhere."""

    title = forms.CharField(
        label="Title", max_length=200, error_messages={"required": "Enter the material's title"}
    )
    file = forms.FileField(
        label="File",
        required=False,
        help_text="A PDF, Word, Excel, PowerPoint, OpenDocument, CSV or text file, "
        "20 MB or smaller.",
    )
    url = forms.URLField(
        label="Or a link",
        required=False,
        assume_scheme="https",
        help_text="Instead of a file: the address of a page or document published elsewhere.",
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        has_file, has_url = bool(cleaned.get("file")), bool(cleaned.get("url"))
        if has_file and has_url:
            self.add_error("url", "Give a file or a link, not both")
        elif not has_file and not has_url and "url" not in self.errors:
            self.add_error("file", "Choose a file to upload, or give a link")
        return cleaned


class FollowUpForm(GovukFormMixin, forms.Form):
    """A follow-up action: what, who, by when, and whether it is done."""

    text = forms.CharField(
        label="What",
        max_length=500,
        widget=forms.Textarea,
        error_messages={"required": "Enter what is to be done"},
    )
    owner = PersonChoiceField(queryset=Person.objects.none(), required=False, label="Who")
    due_on = forms.DateField(
        label="Due by",
        required=False,
        error_messages={"invalid": "Enter the due date as a real date"},
    )
    is_done = forms.BooleanField(label="Done", required=False)

    def __init__(self, *args: Any, follow_up: FollowUp | None = None, **kwargs: Any) -> None:
        if follow_up is not None:
            kwargs.setdefault(
                "initial",
                {
                    "text": follow_up.text,
                    "owner": follow_up.owner_id,
                    "due_on": follow_up.due_on,
                    "is_done": follow_up.is_done,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["rows"] = 3
        self.fields["owner"].queryset = activity_selectors.people_to_choose(  # type: ignore[attr-defined]
            keep=follow_up.owner if follow_up is not None else None
        )


class ContributionForm(GovukFormMixin, forms.Form):
    """A contribution: its kind, the words exactly as given, who, whether anonymous, when, tags."""

    kind = forms.ChoiceField(
        label="Kind",
        choices=ContributionKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of contribution"},
    )
    # Kept exactly as given: surrounding spaces and blank lines are part of what was said.
    text = forms.CharField(
        label="What they said",
        strip=False,
        widget=forms.Textarea,
        help_text="Exactly as given, whatever its length.",
        error_messages={"required": "Enter what they said"},
    )
    author = PersonChoiceField(
        queryset=Person.objects.none(),
        required=False,
        label="Author",
        help_text="From the stakeholder register. Leave blank if not known.",
    )
    is_anonymous = forms.BooleanField(
        label="Anonymous",
        required=False,
        help_text="The author asked not to be named: shown as Anonymous everywhere.",
    )
    made_on = forms.DateField(
        label="Date",
        error_messages={
            "required": "Enter the date of the contribution",
            "invalid": "Enter the date of the contribution as a real date",
        },
    )
    priorities = PriorityChoiceField(
        queryset=Priority.objects.none(), required=False, label="Priorities it speaks to"
    )

    def __init__(
        self,
        *args: Any,
        activity: Activity,
        contribution: Contribution | None = None,
        **kwargs: Any,
    ) -> None:
        if contribution is not None:
            initial = {
                "kind": contribution.kind,
                "text": contribution.text,
                "author": contribution.author_id,
                "is_anonymous": contribution.is_anonymous,
                "made_on": contribution.made_on,
                "priorities": [priority.pk for priority in contribution.priorities.all()],
            }
        else:
            starts = timezone.localdate(activity.starts_at, LONDON)
            initial = {"made_on": min(starts, clock.today())}
        kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)
        fields: dict[str, Any] = self.fields
        fields["author"].queryset = activity_selectors.people_to_choose(
            keep=contribution.author if contribution is not None else None
        )
        fields["priorities"].queryset = activity_selectors.strategy_priorities(
            strategy=activity.strategy
        )


class ContributionFilterForm(SearchForm):
    """Search an activity's contributions by their words; narrow them by priority and kind."""

    q = forms.CharField(label="Search the text", required=False, max_length=200)
    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Any kind"), *ContributionKind.choices]
    )
    priority = forms.ModelChoiceField(
        label="Priority",
        required=False,
        queryset=Priority.objects.none(),
        empty_label="Any priority",
    )

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = activity_selectors.strategy_priorities(  # type: ignore[attr-defined]
            strategy=strategy
        )
