"""Forms for discussions: members' posts and reports; staff's discussions.

The forms parse what people type; engagement.discussions_services validates and saves it. The
window's dates and times are typed as Europe/London local time, exactly as a document's are:
the staff form is the documents' details form with a prompt and one priority instead.
"""

from __future__ import annotations

from typing import Any

from django import forms

from convenor.engagement.documents_forms import LONDON, DocumentDetailsForm, FlagForm
from convenor.engagement.models import Discussion
from convenor.strategy.models import Priority, Strategy
from convenor.ui.forms import GovukFormMixin


class PostForm(GovukFormMixin, forms.Form):
    """A post that starts a thread, or a reply within one."""

    text = forms.CharField(
        label="Your post",
        widget=forms.Textarea(attrs={"rows": 5}),
        strip=False,
        max_length=10000,
        error_messages={
            "required": "Enter your post",
            "max_length": "Your post must be 10,000 characters or fewer",
        },
    )

    def __init__(self, *args: Any, label: str = "Your post", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["text"].label = label


class PostFlagForm(FlagForm):
    """A report of a post to the moderators, with an optional reason."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].label = "Why are you reporting this post?"


class DiscussionForm(DocumentDetailsForm):
    """A discussion's topic, prompt, priority, window and moderation."""

    title = forms.CharField(
        label="Topic", max_length=200, strip=False, error_messages={"required": "Enter a topic"}
    )
    prompt = forms.CharField(
        label="What we ask",
        widget=forms.Textarea(attrs={"rows": 6}),
        strip=False,
        help_text="The question or topic put to the sounding board, shown above the threads.",
        error_messages={"required": "Enter what you ask the sounding board"},
    )
    priority = forms.ModelChoiceField(
        label="Priority",
        queryset=Priority.objects.none(),
        required=False,
        empty_label="None: a topic across the whole strategy",
        help_text="Members who follow this priority can be told when the discussion opens.",
    )
    # The documents' form has a summary and several priorities; a discussion has neither.
    summary = None  # type: ignore[assignment]
    priorities = None  # type: ignore[assignment]

    field_order = [
        "title",
        "prompt",
        "priority",
        "opens_on",
        "opens_time",
        "closes_on",
        "closes_time",
        "moderation",
    ]

    def __init__(
        self,
        *args: Any,
        strategy: Strategy,
        discussion: Discussion | None = None,
        **kwargs: Any,
    ) -> None:
        if discussion is not None and "data" not in kwargs and not args:
            kwargs["initial"] = _initial(discussion)
        # Skip the documents' __init__, which fills the priorities field this form does not have.
        super(DocumentDetailsForm, self).__init__(*args, **kwargs)
        self.fields["priority"].queryset = Priority.objects.filter(strategy=strategy)  # type: ignore[attr-defined]
        self.fields["moderation"].error_messages["required"] = "Choose how posts are moderated"

    def document_data(self) -> dict[str, Any]:
        """The cleaned values as the services take them."""
        data = self.cleaned_data
        return {
            "title": data["title"],
            "prompt": data["prompt"],
            "priority": data["priority"],
            "opens_at": data["opens_at"],
            "closes_at": data["closes_at"],
            "moderation": data["moderation"],
        }


def _initial(discussion: Discussion) -> dict[str, Any]:
    initial: dict[str, Any] = {
        "title": discussion.title,
        "prompt": discussion.prompt,
        "priority": discussion.priority_id,
        "moderation": discussion.moderation,
    }
    for end in ("opens", "closes"):
        moment = getattr(discussion, f"{end}_at")
        if moment is not None:
            local = moment.astimezone(LONDON)
            initial[f"{end}_on"] = local.date()
            initial[f"{end}_time"] = local.strftime("%H:%M")
    return initial
