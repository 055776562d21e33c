"""Small template tags for GOV.UK components: status tags and the "illustrative" marker."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

register = template.Library()

# GOV.UK tag colours by status value, so that a status reads the same on every page; a status
# not listed here is shown in grey.
STATUS_TAG_COLOURS = {
    # stages
    "not_started": "grey",
    "current": "blue",
    "complete": "green",
    # priorities
    "scoping": "grey",
    "developing": "light-blue",
    "engaging": "blue",
    "assembling": "purple",
    "agreed": "green",
    # lines of enquiry
    "open": "yellow",
    "being_answered": "light-blue",
    "answered": "green",
    "parked": "grey",
    # meetings
    "planned": "grey",
    "papers_published": "light-blue",
    "held": "blue",
    "minutes_approved": "green",
    "cancelled": "red",
    # transparency deadlines of meetings
    "met": "green",
    "late": "orange",
    "overdue": "red",
    "due": "light-blue",
    # actions ("open" is above)
    "in_progress": "light-blue",
    "done": "green",
    "dropped": "grey",
}


@register.simple_tag
def status_tag(value: str, label: str) -> SafeString:
    """A GOV.UK tag for a status: `{% status_tag stage.status stage.get_status_display %}`."""
    colour = STATUS_TAG_COLOURS.get(value, "grey")
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, label)


@register.simple_tag
def illustrative_tag(record: object, label: str = "Illustrative") -> SafeString:
    """A grey "Illustrative" tag when the record is made up for a demonstration, else nothing."""
    if getattr(record, "is_illustrative", False):
        return format_html(
            '<strong class="govuk-tag govuk-tag--grey app-tag--illustrative">{}</strong>', label
        )
    return SafeString("")
