"""Forms for the evidence base: an item's details with its file or link, and the list's search.

The forms parse what staff type; evidence.services checks the file's contents and saves it.
"""

from __future__ import annotations

from typing import Any

from django import forms

from convenor.core.uploads import DOCUMENT_MAX_SIZE_TEXT
from convenor.evidence.models import EvidenceItem
from convenor.strategy.models import Priority, Strategy
from convenor.ui.forms import GovukFormMixin


class PriorityChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """A strategy's priorities as checkboxes."""

    widget = forms.CheckboxSelectMultiple


class EvidenceSearchForm(GovukFormMixin, forms.Form):
    """The search box above the list of items."""

    q = forms.CharField(
        label="Search titles and summaries", required=False, max_length=200, strip=True
    )


class EvidenceItemForm(GovukFormMixin, forms.Form):
    """An evidence item: what it is, what it finds, its file or link, the priorities it informs."""

    title = forms.CharField(
        label="Title",
        max_length=200,
        strip=False,
        error_messages={
            "required": "Enter the title",
            "max_length": "The title must be 200 characters or fewer",
        },
    )
    summary = forms.CharField(
        label="Summary",
        widget=forms.Textarea,
        strip=False,
        max_length=20000,
        help_text="What it is and what it finds, in plain words. Leave a blank line between "
        "paragraphs: each becomes a paragraph people can comment on.",
        error_messages={
            "required": "Enter the summary",
            "max_length": "The summary must be 20,000 characters or fewer",
        },
    )
    file = forms.FileField(
        label="File",
        required=False,
        help_text=f"A PDF, Word (.docx), Excel (.xlsx) or CSV file, {DOCUMENT_MAX_SIZE_TEXT} "
        "or smaller.",
    )
    url = forms.URLField(
        label="Or a link",
        required=False,
        assume_scheme="https",
        help_text="Instead of a file: the address where it is published.",
        error_messages={"invalid": "Enter the link as a web address, like https://example.org"},
    )
    published_on = forms.DateField(
        label="Published on",
        required=False,
        error_messages={"invalid": "Enter a real date, for example 1 May 2019"},
    )
    priorities = PriorityChoiceField(
        label="Priorities it informs", queryset=Priority.objects.none(), required=False
    )

    def __init__(
        self,
        *args: Any,
        strategy: Strategy,
        item: EvidenceItem | None = None,
        **kwargs: Any,
    ) -> None:
        self.item = item
        if item is not None and "data" not in kwargs and not args:
            kwargs["initial"] = {
                "title": item.title,
                "summary": item.summary,
                "url": item.url,
                "published_on": item.published_on,
                "priorities": list(item.priorities.all()),
            }
        super().__init__(*args, **kwargs)
        self.fields["priorities"].queryset = Priority.objects.filter(strategy=strategy)  # type: ignore[attr-defined]
        if item is not None and item.file:
            self.fields["remove_file"] = forms.BooleanField(
                label="Remove the file (give a link instead)", required=False
            )
            stored = (item.file.name or "").rsplit("/", 1)[-1]
            file_field = self.fields["file"]
            file_field.help_text = (
                f"To replace the file now stored ({stored}): {file_field.help_text}"
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        has_file = bool(cleaned.get("file"))
        keeps_file = bool(self.item and self.item.file and not cleaned.get("remove_file"))
        has_url = bool(cleaned.get("url"))
        if (has_file or keeps_file) and has_url:
            self.add_error("url", "Give a file or a link, not both")
        elif not (has_file or keeps_file or has_url) and not self.has_error("url"):
            self.add_error("file", "Upload a file or give a link to where it is published")
        return cleaned

    def item_data(self) -> dict[str, Any]:
        """The cleaned details (not the file) as the services take them."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "summary": data["summary"],
            "url": data["url"],
            "published_on": data["published_on"],
            "priorities": list(data["priorities"]),
        }
