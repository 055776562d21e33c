"""Choices used by publications, their versions, sections and lints."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicationKind(models.TextChoices):
    """What a publication is; the value is also the `convenor publish KIND` argument."""

    EARLY_BETA = "early-beta", _("Early beta statement")
    DRAFT_STRATEGY = "draft-strategy", _("Draft strategy")
    FINAL_STRATEGY = "final-strategy", _("Final strategy")
    ENGAGEMENT_REPORT = "engagement-report", _("Engagement report")
    BOARD_PAPER = "board-paper", _("Board paper")
    EVIDENCE_SUMMARY = "evidence-summary", _("Evidence summary")


# The printed length each kind must keep to, in A4 pages (the page-count lint); the early beta
# statement's range is the board paper's own ("a 12 to 16 page document").
PAGE_RANGES: dict[str, tuple[int, int]] = {
    PublicationKind.EARLY_BETA: (12, 16),
    PublicationKind.BOARD_PAPER: (1, 12),
}


class VersionStatus(models.TextChoices):
    """Where a version of a publication is, from its draft to being replaced by a newer one."""

    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("Awaiting sign-off")
    SIGNED_OFF = "signed_off", _("Signed off")
    PUBLISHED = "published", _("Published")
    SUPERSEDED = "superseded", _("Superseded")


# Versions whose files are fixed: built, checked and signed, never rebuilt or edited.
FIXED_STATUSES = (VersionStatus.SIGNED_OFF, VersionStatus.PUBLISHED, VersionStatus.SUPERSEDED)


class BuildStatus(models.TextChoices):
    """How far the build of a version's files has gone."""

    NOT_BUILT = "not_built", _("Not built yet")
    QUEUED = "queued", _("Waiting to start")
    RUNNING = "running", _("Building")
    BUILT = "built", _("Built")
    FAILED = "failed", _("Failed")


class SectionKind(models.TextChoices):
    """A section is written by staff, or generated from the record each time it is built."""

    WRITTEN = "written", _("Written")
    TIMETABLE = "timetable", _("Timetable and stages")
    ARRANGEMENTS = "arrangements", _("Engagement arrangements")
    LINES_OF_ENQUIRY = "lines_of_enquiry", _("Lines of enquiry on each priority")
    EVIDENCE_HIGHLIGHTS = "evidence_highlights", _("Evidence highlights")
    INTERVENTIONS = "interventions", _("Interventions and the four tests")
    ENGAGED = "engaged", _("Who we engaged")
    WHAT_THEY_SAID = "what_they_said", _("What they said")
    YOU_SAID_WE_DID = "you_said_we_did", _("You said, we did")
    BOARD_ASKS = "board_asks", _("What the Board is asked to do")
    PRIORITIES = "priorities", _("The strategic priorities")


class LintCode(models.TextChoices):
    """The checks every build runs; a finding blocks sign-off until fixed or waived."""

    PAGE_COUNT = "page_count", _("Page count")
    QUESTIONS = "questions", _("Questions to the reader")
    EMPTY_SECTION = "empty_section", _("Empty section")
    PLACEHOLDER = "placeholder", _("Placeholder text")
    ALT_TEXT = "alt_text", _("Image or chart without alt text")
    BROKEN_REFERENCE = "broken_reference", _("Broken internal reference")
    READABILITY = "readability", _("Readability")
