"""Choices used by themes, priority tags, opinion groups and "you said, we did" links."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from convenor.stakeholders.choices import OrganisationKind


class TextKind(models.TextChoices):
    """The kinds of things partners say that insight reads: each is kept in engagement."""

    CONTRIBUTION = "contribution", _("Contribution to an activity")
    COMMENT = "comment", _("Comment on a document")
    POST = "post", _("Discussion post")


class ThemeScope(models.TextChoices):
    """What a set of themes was found in."""

    STRATEGY = "strategy", _("The whole strategy")
    PRIORITY = "priority", _("One priority")
    WINDOW = "window", _("One window (a document open for reactions)")


class RunStatus(models.TextChoices):
    """How far a background analysis has gone."""

    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class TagStatus(models.TextChoices):
    """A suggested priority is confirmed or rejected by staff."""

    SUGGESTED = "suggested", _("Suggested")
    CONFIRMED = "confirmed", _("Confirmed")
    REJECTED = "rejected", _("Rejected")


class TagMethod(models.TextChoices):
    """How a suggestion was made."""

    CLASSIFIER = "classifier", _("Learnt from confirmed tags")
    KEYWORDS = "keywords", _("Words of the priority")
    RECORDED = "recorded", _("Tagged by staff")


# Stakeholder types as the opinion-group breakdowns name them.
STAKEHOLDER_GROUPS: dict[str, str] = {
    OrganisationKind.BUSINESS: "business",
    OrganisationKind.BUSINESS_BODY: "business",
    OrganisationKind.COUNCIL: "council",
    OrganisationKind.UNIVERSITY: "university",
    OrganisationKind.COLLEGE: "university",
    OrganisationKind.VOLUNTARY: "community",
}
STAKEHOLDER_ORDER = ("business", "council", "university", "community", "other")


def kind_label(key: str) -> str:
    """A theme's stakeholder-type key (an organisation type, or "unknown") in words."""
    if key in OrganisationKind.values:
        return str(OrganisationKind(key).label)
    return "Not known"
