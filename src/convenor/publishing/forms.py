"""Forms of the publishing pages: a new publication and its details, a draft's date, a section,
a waiver, a sign-off request, a signer's reason for returning a version, and the choice of two
versions to compare.

They parse what people type; publishing.services checks and saves it.
"""

from __future__ import annotations

from typing import Any

from django import forms

from convenor.engagement.models import Document
from convenor.publishing.choices import LintCode, PublicationKind, SectionKind
from convenor.publishing.selectors_pages import (
    agenda_item_choices,
    reactions_document_choices,
    signer_choices,
)
from convenor.strategy.models import Strategy
from convenor.ui.forms import GovukFormMixin

MARKDOWN_HELP = (
    "Markdown: leave a blank line between paragraphs; start a line with # for a heading, "
    "## for a smaller one, and - for a bullet point; **bold** and *italic*; "
    "[words](https://example.org) for a link. Generated sections print this text before what "
    "they generate. A published document asks no questions unless it is a consultation."
)


class AgendaItemChoiceField(forms.ModelChoiceField):  # type: ignore[type-arg]
    """An agenda item named by its meeting, date and number."""

    def label_from_instance(self, obj: Any) -> str:
        meeting = obj.meeting
        return f"{meeting.title}, {meeting.starts_at:%-d %B %Y}: item {obj.order}, {obj.title}"


class PublicationCreateForm(GovukFormMixin, forms.Form):
    """A new publication: what kind, its title and web name, and the date it speaks for."""

    kind = forms.ChoiceField(
        label="Kind of publication",
        choices=PublicationKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of publication"},
    )
    title = forms.CharField(
        label="Title",
        max_length=200,
        error_messages={"required": "Enter the title"},
    )
    # Lower case only, as the help says: a SlugField would also take capitals and underscores.
    slug = forms.RegexField(
        regex=r"^[a-z0-9]+(?:-[a-z0-9]+)*$",
        label="Short name for web addresses",
        max_length=80,
        help_text="Lower-case letters, numbers and hyphens, for example early-beta-2019.",
        error_messages={
            "required": "Enter a short name for web addresses",
            "invalid": "Use only lower-case letters, numbers and hyphens",
        },
    )
    summary = forms.CharField(
        label="Summary",
        required=False,
        widget=forms.Textarea,
        max_length=2000,
        help_text="One or two sentences for the list of publications.",
    )
    as_of = forms.DateField(
        label="Dated",
        help_text="The date the document speaks for, printed on its cover.",
        error_messages={
            "required": "Enter the date the document speaks for",
            "invalid": "Enter a real date, for example 21 June 2019",
        },
    )
    is_consultation = forms.BooleanField(
        label="This is a consultation document (it asks its readers questions)", required=False
    )
    agenda_item = AgendaItemChoiceField(
        label="Agenda item",
        required=False,
        queryset=None,
        help_text="For a board paper: the item of the meeting it is written for.",
    )

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agenda_item"].queryset = agenda_item_choices(strategy=strategy)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("kind") == PublicationKind.BOARD_PAPER and not cleaned.get("agenda_item"):
            self.add_error("agenda_item", "Choose the agenda item the board paper is written for")
        return cleaned


class SectionForm(GovukFormMixin, forms.Form):
    """A section: written, or generated from the record; its heading and Markdown text."""

    kind = forms.ChoiceField(
        label="Kind of section",
        choices=SectionKind.choices,
        initial=SectionKind.WRITTEN,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the kind of section"},
    )
    heading = forms.CharField(
        label="Heading", max_length=200, error_messages={"required": "Enter the heading"}
    )
    body = forms.CharField(
        label="Text",
        required=False,
        strip=False,
        max_length=100_000,
        widget=forms.Textarea,
        help_text=MARKDOWN_HELP,
    )
    starts_new_page = forms.BooleanField(label="Start a new page in print", required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["body"].widget.attrs["rows"] = 15


class WaiveForm(GovukFormMixin, forms.Form):
    """Waive one check (for the version, or one section) with the reason."""

    code = forms.ChoiceField(choices=LintCode.choices, widget=forms.HiddenInput)
    section = forms.IntegerField(required=False, widget=forms.HiddenInput)
    reason = forms.CharField(
        label="Why may the version be signed off despite this?",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": "Enter why the check is waived"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].widget.attrs["rows"] = 2


class SignOffRequestForm(GovukFormMixin, forms.Form):
    """Who is asked to sign the version off, on behalf of which body."""

    signer = forms.ChoiceField(
        label="Who signs it off, on behalf of which body",
        help_text="Current members of the strategy's bodies who can sign in.",
        error_messages={"required": "Choose who signs it off"},
    )

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["signer"].choices = [("", "Choose one"), *signer_choices(strategy=strategy)]  # type: ignore[attr-defined]


class ReturnForm(GovukFormMixin, forms.Form):
    """The signer's reason for returning a version without signing it off."""

    reason = forms.CharField(
        label="What needs to change before you sign it off?",
        max_length=2000,
        widget=forms.Textarea,
        error_messages={"required": "Enter what needs to change"},
    )


class CompareForm(GovukFormMixin, forms.Form):
    """Two versions of a publication to compare."""

    old = forms.TypedChoiceField(label="Compare version", coerce=int)
    new = forms.TypedChoiceField(label="with version", coerce=int)

    def __init__(self, *args: Any, numbers: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(number, f"Version {number}") for number in numbers]
        self.fields["old"].choices = choices  # type: ignore[attr-defined]
        self.fields["new"].choices = choices  # type: ignore[attr-defined]


class PublicationEditForm(GovukFormMixin, forms.Form):
    """A publication's details: title, web name, summary and whether it is a consultation."""

    # The very fields of the new-publication form, so both pages say and accept the same things.
    title = PublicationCreateForm.base_fields["title"]
    slug = PublicationCreateForm.base_fields["slug"]
    summary = PublicationCreateForm.base_fields["summary"]
    is_consultation = PublicationCreateForm.base_fields["is_consultation"]


class VersionEditForm(GovukFormMixin, forms.Form):
    """A draft version's date and the document the sounding board reacts to it in."""

    as_of = forms.DateField(
        label="Dated",
        help_text=(
            "The date the document speaks for, printed on its cover. Changing it means building "
            "the files again, and withdraws a request for sign-off."
        ),
        error_messages={
            "required": "Enter the date the document speaks for",
            "invalid": "Enter a real date, for example 21 June 2019",
        },
    )
    reactions_document: forms.ModelChoiceField[Document] = forms.ModelChoiceField(
        label="Draft for reactions",
        required=False,
        queryset=None,
        empty_label="Not shared with the sounding board",
        help_text="The document of the strategy in which the sounding board reacts to this draft.",
        error_messages={"invalid_choice": "Choose one of the strategy's documents"},
    )

    def __init__(self, *args: Any, strategy: Strategy, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reactions_document"].queryset = reactions_document_choices(  # type: ignore[attr-defined]
            strategy=strategy
        )
