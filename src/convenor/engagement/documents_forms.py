"""Forms for reaction windows: participants' comments, replies and reports; staff documents.

The forms parse what people type; engagement.documents_services validates and saves it. Staff
type the window's dates and times as Europe/London local time, whatever the season.
"""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

from django import forms

from convenor.engagement.choices import Moderation
from convenor.engagement.documents_services import MODERATION_ACTIONS
from convenor.engagement.models import Document
from convenor.evidence.models import EvidenceItem
from convenor.evidence.selectors import evidence_item_choices
from convenor.strategy.models import Priority, Strategy
from convenor.ui.forms import GovukFormMixin

LONDON = ZoneInfo("Europe/London")
TIME_HELP = "UK time, on the 24-hour clock, for example 09:00 or 17:30."
TEXT_HELP = (
    "Leave a blank line between paragraphs. A line starting with “## ” is a section heading "
    "shown above the paragraph that follows it."
)


class CommentForm(GovukFormMixin, forms.Form):
    """A comment on a paragraph, or a reply to a comment."""

    text = forms.CharField(
        label="Your comment",
        widget=forms.Textarea,
        strip=False,
        max_length=10000,
        error_messages={
            "required": "Enter your comment",
            "max_length": "Your comment must be 10,000 characters or fewer",
        },
    )

    def __init__(self, *args: Any, label: str = "Your comment", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].label = label


class FlagForm(GovukFormMixin, forms.Form):
    """A report of a comment to the moderators, with an optional reason."""

    reason = forms.CharField(
        label="Why are you reporting this comment?",
        required=False,
        widget=forms.Textarea,
        strip=False,
        max_length=2000,
        help_text="For example: it is abusive, it gives someone's personal details, or it is spam.",
        error_messages={"max_length": "The reason must be 2,000 characters or fewer"},
    )


class ModerateForm(GovukFormMixin, forms.Form):
    """What a moderator does with a comment: publish, hide with a reason, restore, note."""

    action = forms.ChoiceField(
        label="What do you want to do?",
        widget=forms.RadioSelect,
        choices=[],
        error_messages={"required": "Choose what to do with the comment"},
    )
    reason = forms.CharField(
        label="Reason for hiding (needed to hide it; the author sees this)",
        required=False,
        widget=forms.Textarea,
        strip=False,
        max_length=2000,
    )
    note = forms.CharField(
        label="Moderators' note (only moderators see this)",
        required=False,
        widget=forms.Textarea,
        strip=False,
        max_length=4000,
    )

    LABELS = {
        "publish": "Publish it",
        "hide": "Hide it, with a reason the author will see",
        "restore": "Restore it (publish it again)",
        "note": "Only save the moderators' note",
        "dismiss_flags": "Leave it as it is and dismiss the reports",
    }

    def __init__(self, *args: Any, actions: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        names = actions or list(MODERATION_ACTIONS)
        self.fields["action"].choices = [(name, self.LABELS[name]) for name in names]  # type: ignore[attr-defined]
        # Required only to hide: the label says so, rather than "(optional)" (see clean()).
        self.fields["reason"].conditionally_required = True  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("action") == "hide" and not (cleaned.get("reason") or "").strip():
            self.add_error("reason", "Enter the reason, which the author will see")
        return cleaned


def _date_field(label: str) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=False,
        error_messages={"invalid": "Enter a real date, for example 1 May 2019"},
    )


def _time_field(label: str) -> forms.TimeField:
    return forms.TimeField(
        label=label,
        required=False,
        help_text=TIME_HELP,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"invalid": "Enter the time as hours and minutes, for example 09:00"},
    )


class PriorityChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """A strategy's priorities as checkboxes."""

    widget = forms.CheckboxSelectMultiple


class DocumentDetailsForm(GovukFormMixin, forms.Form):
    """A document's details and its window: title, summary, priorities, dates, moderation."""

    title = forms.CharField(
        label="Title", max_length=200, strip=False, error_messages={"required": "Enter a title"}
    )
    summary = forms.CharField(label="Summary", required=False, widget=forms.Textarea, strip=False)
    priorities = PriorityChoiceField(
        label="Priorities it speaks to", queryset=Priority.objects.none(), required=False
    )
    evidence_item = forms.ModelChoiceField(
        label="Research it asks comments on",
        queryset=EvidenceItem.objects.none(),
        required=False,
        help_text="Choose an evidence item if this window asks for comments on research.",
    )
    opens_on = _date_field("Window opens on")
    opens_time = _time_field("Window opens at")
    closes_on = _date_field("Window closes on")
    closes_time = _time_field("Window closes at")
    moderation = forms.ChoiceField(
        label="Moderation",
        choices=Moderation.choices,
        widget=forms.RadioSelect,
        initial=Moderation.POST,
        error_messages={"required": "Choose how comments are moderated"},
    )

    def __init__(
        self, *args: Any, strategy: Strategy, document: Document | None = None, **kwargs: Any
    ) -> None:
        if document is not None and "data" not in kwargs and not args:
            kwargs["initial"] = _initial(document)
        super().__init__(*args, **kwargs)
        self.fields["priorities"].queryset = Priority.objects.filter(strategy=strategy)  # type: ignore[attr-defined]
        self.fields["evidence_item"].queryset = evidence_item_choices(strategy=strategy)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        return _window_clean(self, cleaned)

    def document_data(self) -> dict[str, Any]:
        """The cleaned values as the services take them."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "summary": data["summary"],
            "priorities": list(data["priorities"]),
            "evidence_item": data["evidence_item"],
            "opens_at": data["opens_at"],
            "closes_at": data["closes_at"],
            "moderation": data["moderation"],
        }


def _window_clean(form: forms.Form, cleaned: dict[str, Any]) -> dict[str, Any]:
    """Combine each end's date and time in London time; the window must close after it opens."""
    for end in ("opens", "closes"):
        day, time = cleaned.get(f"{end}_on"), cleaned.get(f"{end}_time")
        if day and time is None and not form.has_error(f"{end}_time"):
            form.add_error(f"{end}_time", f"Enter the time the window {end}")
        elif time is not None and not day and not form.has_error(f"{end}_on"):
            form.add_error(f"{end}_on", f"Enter the date the window {end}")
        cleaned[f"{end}_at"] = (
            datetime.datetime.combine(day, time, tzinfo=LONDON) if day and time else None
        )
    if cleaned["opens_at"] and cleaned["closes_at"] and cleaned["closes_at"] <= cleaned["opens_at"]:
        form.add_error("closes_on", "The window must close after it opens")
    return cleaned


class ResearchWindowForm(GovukFormMixin, forms.Form):
    """A comment window on research: when it opens and closes, and how comments are moderated."""

    opens_on = _date_field("Window opens on")
    opens_time = _time_field("Window opens at")
    closes_on = _date_field("Window closes on")
    closes_time = _time_field("Window closes at")
    moderation = forms.ChoiceField(
        label="Moderation",
        choices=Moderation.choices,
        widget=forms.RadioSelect,
        initial=Moderation.POST,
        error_messages={"required": "Choose how comments are moderated"},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        return _window_clean(self, cleaned)

    def window_data(self) -> dict[str, Any]:
        """The cleaned values as research_window_open takes them."""
        data = self.cleaned_data
        return {
            "opens_at": data["opens_at"],
            "closes_at": data["closes_at"],
            "moderation": data["moderation"],
        }


def _initial(document: Document) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "title": document.title,
        "summary": document.summary,
        "priorities": list(document.priorities.all()),
        "evidence_item": document.evidence_item_id,
        "moderation": document.moderation,
    }
    for end in ("opens", "closes"):
        moment = getattr(document, f"{end}_at")
        if moment is not None:
            local = moment.astimezone(LONDON)
            initial[f"{end}_on"] = local.date()
            initial[f"{end}_time"] = local.strftime("%H:%M")
    return initial


def _text_field() -> forms.CharField:
    return forms.CharField(
        label="Text",
        widget=forms.Textarea(attrs={"rows": 20}),
        strip=False,
        help_text=TEXT_HELP,
        error_messages={"required": "Enter the text of the document"},
    )


class DocumentCreateForm(DocumentDetailsForm):
    """A new document: its details, window and text."""

    text = _text_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["rows"] = 20


class DocumentReviseForm(GovukFormMixin, forms.Form):
    """The document's text again, to revise it."""

    text = _text_field()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].widget.attrs["rows"] = 20
