"""Choices used by evidence items, project briefs and indicators."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EvidenceKind(models.TextChoices):
    DATASET = "dataset", _("Dataset")
    COMMISSIONED_RESEARCH = "commissioned_research", _("Commissioned research")
    PUBLISHED_REPORT = "published_report", _("Published report")
    QUALITATIVE = "qualitative", _("Qualitative intelligence")
    CASE_STUDY = "case_study", _("Case study")
    SURVEY_RESULT = "survey_result", _("Survey result")


class QualityRating(models.TextChoices):
    """How far the evidence can be relied on; blank means not yet rated."""

    STRONG = "strong", _("Strong")
    GOOD = "good", _("Good")
    LIMITED = "limited", _("Limited")
    WEAK = "weak", _("Weak")


# "Evidence based" (the paper's test) needs evidence rated at least this well.
GOOD_OR_BETTER = (QualityRating.STRONG, QualityRating.GOOD)


class Visibility(models.TextChoices):
    PUBLIC = "public", _("Public: anyone")
    PARTNERS = "partners", _("Partners: signed-in members and participants")
    STAFF = "staff", _("Staff only")


class BriefStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    COMMISSIONED = "commissioned", _("Commissioned")
    IN_PROGRESS = "in_progress", _("In progress")
    DELIVERED = "delivered", _("Delivered")
    CANCELLED = "cancelled", _("Cancelled")


# A brief in one of these is finished with: it cannot be overdue.
BRIEF_CLOSED = (BriefStatus.DELIVERED, BriefStatus.CANCELLED)
