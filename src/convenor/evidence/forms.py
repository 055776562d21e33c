"""Forms for the evidence base: an item's details with its file or link, and the lists' searches.

The forms parse what people type; evidence.services checks the file's contents, who may tag
which priority, and saves it.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet

from convenor.core.uploads import DOCUMENT_MAX_SIZE_TEXT
from convenor.evidence.choices import EvidenceKind, QualityRating, Visibility
from convenor.evidence.models import EvidenceItem, Indicator, ProjectBrief
from convenor.evidence.selectors import priorities_taggable
from convenor.strategy.models import LineOfEnquiry, Priority, Strategy
from convenor.ui.forms import GovukFormMixin

UNRATED = "unrated"


class PriorityChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """A strategy's priorities as checkboxes, each named by its number and title."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.number}. {obj.title}"


class LineOfEnquiryChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """Lines of enquiry as checkboxes, each with the number of its priority."""

    widget = forms.CheckboxSelectMultiple

    def label_from_instance(self, obj: Any) -> str:
        return f"Priority {obj.priority.number}: {obj.question}"


class BriefChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """A strategy's project briefs, each with the number of its priority."""

    def label_from_instance(self, obj: Any) -> str:
        return f"Priority {obj.priority.number}: {obj.title}"


class IndicatorChoiceField(forms.ModelMultipleChoiceField):  # type: ignore[type-arg]
    """A strategy's indicators as checkboxes."""

    widget = forms.CheckboxSelectMultiple


class EvidenceSearchForm(GovukFormMixin, forms.Form):
    """The search box above a public list of items."""

    q = forms.CharField(
        label="Search titles, summaries and findings", required=False, max_length=200, strip=True
    )


class EvidenceFilterForm(EvidenceSearchForm):
    """The search box and filters above the staff list of a strategy's items."""

    kind = forms.ChoiceField(
        label="Kind", required=False, choices=[("", "Any kind"), *EvidenceKind.choices]
    )
    priority = forms.ModelChoiceField(
        label="Priority", required=False, queryset=Priority.objects.none(), empty_label="Any"
    )
    quality = forms.ChoiceField(
        label="Quality",
        required=False,
        choices=[("", "Any rating"), *QualityRating.choices, (UNRATED, "Not rated yet")],
    )
    visibility = forms.ChoiceField(
        label="Who may see it",
        required=False,
        choices=[("", "Anyone"), *Visibility.choices],
    )

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["priority"].queryset = Priority.objects.filter(strategy=strategy).order_by(  # type: ignore[attr-defined]
            "number", "pk"
        )

    def filters(self) -> dict[str, Any]:
        """The search and filters as evidence_item_list takes them (empty when invalid)."""
        if not self.is_valid():
            return {}
        data = self.cleaned_data
        return {
            "query": data["q"],
            "kind": data["kind"],
            "priority": data["priority"],
            "quality": data["quality"],
            "visibility": data["visibility"],
        }


class EvidenceItemForm(GovukFormMixin, forms.Form):
    """An evidence item: what it is, what it finds, its file or link, what it informs."""

    title = forms.CharField(
        label="Title",
        max_length=200,
        strip=False,
        error_messages={
            "required": "Enter the title",
            "max_length": "The title must be 200 characters or fewer",
        },
    )
    kind = forms.ChoiceField(
        label="Kind of evidence",
        choices=EvidenceKind.choices,
        initial=EvidenceKind.PUBLISHED_REPORT,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of evidence"},
    )
    source = forms.CharField(
        label="Source organisation",
        required=False,
        max_length=200,
        strip=False,
        help_text="Who produced it.",
        error_messages={"max_length": "The source must be 200 characters or fewer"},
    )
    author = forms.CharField(
        label="Author",
        required=False,
        max_length=200,
        strip=False,
        error_messages={"max_length": "The author must be 200 characters or fewer"},
    )
    published_on = forms.DateField(
        label="Published on",
        required=False,
        error_messages={"invalid": "Enter a real date, for example 1 May 2019"},
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
    key_findings = forms.CharField(
        label="Key findings",
        widget=forms.Textarea,
        required=False,
        strip=False,
        max_length=20000,
        help_text="One finding per line.",
        error_messages={"max_length": "The key findings must be 20,000 characters or fewer"},
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
    priorities = PriorityChoiceField(
        label="Priorities it informs", queryset=Priority.objects.none(), required=False
    )
    lines_of_enquiry = LineOfEnquiryChoiceField(
        label="Lines of enquiry it answers",
        queryset=LineOfEnquiry.objects.none(),
        required=False,
        help_text="Only lines of enquiry of the priorities ticked above.",
    )
    geography = forms.CharField(
        label="Geography",
        required=False,
        max_length=200,
        strip=False,
        help_text="The places it covers, for example: Enterprise M3 and its 14 districts.",
        error_messages={"max_length": "The geography must be 200 characters or fewer"},
    )
    quality = forms.ChoiceField(
        label="Quality rating",
        required=False,
        choices=[("", "Not rated yet"), *QualityRating.choices],
        widget=forms.RadioSelect,
    )
    quality_reason = forms.CharField(
        label="Reason for the rating",
        widget=forms.Textarea,
        required=False,
        strip=False,
        max_length=5000,
        help_text="Needed with a rating: why the evidence can be relied on that far.",
        error_messages={"max_length": "The reason must be 5,000 characters or fewer"},
    )
    visibility = forms.ChoiceField(
        label="Who may see it",
        choices=Visibility.choices,
        initial=Visibility.STAFF,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose who may see it"},
    )
    brief = BriefChoiceField(
        label="Delivered under project brief", queryset=ProjectBrief.objects.none(), required=False
    )
    indicators = IndicatorChoiceField(
        label="Indicators it cites", queryset=Indicator.objects.none(), required=False
    )

    def __init__(
        self,
        *args: Any,
        strategy: Strategy,
        user: Any,
        item: EvidenceItem | None = None,
        priority: Priority | None = None,
        **kwargs: Any,
    ) -> None:
        self.item = item
        unbound = kwargs.get("data") is None and not args
        if item is not None and unbound:
            kwargs["initial"] = {
                "title": item.title,
                "kind": item.kind,
                "source": item.source,
                "author": item.author,
                "published_on": item.published_on,
                "summary": item.summary,
                "key_findings": item.key_findings,
                "url": item.url,
                "priorities": list(item.priorities.all()),
                "lines_of_enquiry": list(item.lines_of_enquiry.all()),
                "geography": item.geography,
                "quality": item.quality,
                "quality_reason": item.quality_reason,
                "visibility": item.visibility,
                "brief": item.brief,
                "indicators": list(item.indicators.all()),
            }
        elif priority is not None and unbound:
            kwargs["initial"] = {"priorities": [priority]}
        super().__init__(*args, **kwargs)
        priorities: QuerySet[Priority] = priorities_taggable(
            strategy=strategy, user=user, item=item
        )
        self.fields["priorities"].queryset = priorities  # type: ignore[attr-defined]
        self.fields["lines_of_enquiry"].queryset = (  # type: ignore[attr-defined]
            LineOfEnquiry.objects.filter(priority__in=priorities)
            .select_related("priority")
            .order_by("priority__number", "order", "pk")
        )
        self.fields["brief"].queryset = (  # type: ignore[attr-defined]
            ProjectBrief.objects.filter(priority__strategy=strategy)
            .select_related("priority")
            .order_by("priority__number", "title", "pk")
        )
        self.fields["indicators"].queryset = Indicator.objects.filter(strategy=strategy).order_by(  # type: ignore[attr-defined]
            "name", "pk"
        )
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
        quality = cleaned.get("quality")
        if quality and not (cleaned.get("quality_reason") or "").strip():
            self.add_error(
                "quality_reason",
                f"Give the reason for rating it “{QualityRating(quality).label}”: say why the "
                "evidence can be relied on that far",
            )
        ticked = {p.pk for p in cleaned.get("priorities") or []}
        stray = [
            line for line in cleaned.get("lines_of_enquiry") or [] if line.priority_id not in ticked
        ]
        if stray:
            self.add_error(
                "lines_of_enquiry",
                "Tick the priority of each line of enquiry it answers, or untick the line: "
                + "; ".join(f"priority {line.priority.number}, “{line}”" for line in stray),
            )
        return cleaned

    def item_data(self) -> dict[str, Any]:
        """The cleaned details (not the file) as the services take them."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "kind": data["kind"],
            "source": data["source"],
            "author": data["author"],
            "published_on": data["published_on"],
            "summary": data["summary"],
            "key_findings": data["key_findings"],
            "url": data["url"],
            "priorities": list(data["priorities"]),
            "lines_of_enquiry": list(data["lines_of_enquiry"]),
            "geography": data["geography"],
            "quality": data["quality"],
            "quality_reason": data["quality_reason"],
            "visibility": data["visibility"],
            "brief": data["brief"],
            "indicators": list(data["indicators"]),
        }
