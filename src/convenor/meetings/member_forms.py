"""Forms members fill in on their own pages: progress on the actions they own."""

from __future__ import annotations

from django import forms

from convenor.meetings.choices import ActionStatus
from convenor.ui.forms import GovukFormMixin


class ActionProgressForm(GovukFormMixin, forms.Form):
    """A progress note on an action and the status it leaves the action in."""

    note = forms.CharField(
        label="Progress",
        help_text="What has been done since the last update, and what comes next.",
        widget=forms.Textarea,
        max_length=4000,
        error_messages={"required": "Say what progress has been made."},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the action's status."},
    )
