"""The evidence base: evidence items, the project briefs that commission them, and indicators.

An evidence item is targeted: it names the priorities and lines of enquiry it informs, where it
comes from, what it finds, how far it can be relied on and who may see it. Indicators are time
series by area, imported from CSV and charted; evidence items cite them.
"""

from __future__ import annotations

from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from convenor.core.models import TimeStampedModel
from convenor.evidence.choices import BriefStatus, EvidenceKind, QualityRating, Visibility
from convenor.strategy.models import LineOfEnquiry, Priority, Strategy

EVIDENCE_EXTENSIONS = ["pdf", "docx", "xlsx", "csv"]


class ProjectBrief(TimeStampedModel):
    """A scoped piece of work for a priority, often commissioned; delivered as evidence items."""

    priority = models.ForeignKey(
        Priority, verbose_name=_("priority"), on_delete=models.CASCADE, related_name="briefs"
    )
    key = models.SlugField(
        _("key"), max_length=80, blank=True, help_text=_("A scenario file's name for it.")
    )
    title = models.CharField(_("title"), max_length=200)
    scope = models.TextField(_("scope"), help_text=_("What the work covers, and what it does not."))
    questions = models.TextField(
        _("questions"), blank=True, help_text=_("The questions it must answer, one per line.")
    )
    supplier = models.CharField(
        _("supplier"), max_length=200, blank=True, help_text=_("Who is doing the work.")
    )
    budget = models.DecimalField(
        _("budget (£)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=BriefStatus.choices, default=BriefStatus.DRAFT
    )
    is_illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Made up for a demonstration: not a real record."),
    )

    class Meta:
        ordering = ["priority", "due_on", "title"]
        verbose_name = _("project brief")
        verbose_name_plural = _("project briefs")
        constraints = [
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="evidence_brief_budget_not_negative",
                violation_error_message=_("A budget cannot be negative."),
            ),
            models.UniqueConstraint(
                fields=["priority", "key"], condition=~Q(key=""), name="evidence_brief_key_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Indicator(TimeStampedModel):
    """A measure with values over time and place, such as GVA per hour worked."""

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="indicators"
    )
    key = models.SlugField(
        _("key"), max_length=80, blank=True, help_text=_("A scenario file's name for it.")
    )
    name = models.CharField(_("name"), max_length=200)
    unit = models.CharField(_("unit"), max_length=60, help_text=_("For example: £ per hour."))
    source = models.CharField(_("source"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    comparison_area_code = models.CharField(
        _("compare with (area code)"),
        max_length=9,
        blank=True,
        help_text=_("The area drawn as the comparison line, for example K02000001 for the UK."),
    )
    is_illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Made-up figures for a demonstration; the chart says so."),
    )

    class Meta:
        ordering = ["strategy", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(fields=["strategy", "name"], name="evidence_indicator_name"),
            models.UniqueConstraint(
                fields=["strategy", "key"], condition=~Q(key=""), name="evidence_indicator_key"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class IndicatorValue(models.Model):
    """One figure of an indicator: an area (ONS GSS code), a period and the value."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="values"
    )
    area_code = models.CharField(_("area code"), max_length=9)
    period = models.CharField(
        _("period"), max_length=20, help_text=_("A year (2017), quarter (2017 Q1) or span.")
    )
    value = models.DecimalField(_("value"), max_digits=20, decimal_places=4)

    class Meta:
        ordering = ["indicator", "area_code", "period"]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "area_code", "period"], name="evidence_indicator_value_unique"
            ),
            models.CheckConstraint(
                condition=Q(area_code__regex=r"^[EWSNK][0-9]{8}$"),
                name="evidence_indicator_value_area_code",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} {self.area_code} {self.period}: {self.value}"


class EvidenceItem(TimeStampedModel):
    """A piece of research or evidence: what it is, what it says, and where to read it."""

    strategy = models.ForeignKey(
        Strategy,
        verbose_name=_("strategy"),
        on_delete=models.CASCADE,
        related_name="evidence_items",
    )
    key = models.SlugField(
        _("key"), max_length=80, blank=True, help_text=_("A scenario file's name for it.")
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind"),
        max_length=30,
        choices=EvidenceKind.choices,
        default=EvidenceKind.PUBLISHED_REPORT,
    )
    source = models.CharField(
        _("source organisation"), max_length=200, blank=True, help_text=_("Who produced it.")
    )
    author = models.CharField(_("author"), max_length=200, blank=True)
    summary = models.TextField(
        _("summary"), help_text=_("What it is and what it finds, in plain words.")
    )
    key_findings = models.TextField(
        _("key findings"), blank=True, help_text=_("What it finds, one finding per line.")
    )
    file = models.FileField(
        _("file"),
        upload_to="evidence/%Y/",
        blank=True,
        validators=[FileExtensionValidator(EVIDENCE_EXTENSIONS)],
        help_text=_("A PDF, Word (.docx), Excel (.xlsx) or CSV file."),
    )
    url = models.URLField(_("link"), blank=True, help_text=_("Where it is published, if online."))
    published_on = models.DateField(_("published on"), null=True, blank=True)
    priorities = models.ManyToManyField(
        Priority, verbose_name=_("priorities it informs"), blank=True, related_name="evidence_items"
    )
    lines_of_enquiry = models.ManyToManyField(
        LineOfEnquiry,
        verbose_name=_("lines of enquiry it answers"),
        blank=True,
        related_name="evidence_items",
    )
    geography = models.CharField(
        _("geography"),
        max_length=200,
        blank=True,
        help_text=_("The places it covers, for example: Enterprise M3 and its 14 districts."),
    )
    quality = models.CharField(
        _("quality rating"), max_length=20, choices=QualityRating.choices, blank=True
    )
    quality_reason = models.TextField(_("reason for the rating"), blank=True)
    visibility = models.CharField(
        _("who may see it"), max_length=20, choices=Visibility.choices, default=Visibility.STAFF
    )
    brief = models.ForeignKey(
        ProjectBrief,
        verbose_name=_("delivered under brief"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence_items",
    )
    indicators = models.ManyToManyField(
        Indicator, verbose_name=_("indicators cited"), blank=True, related_name="cited_by"
    )
    is_illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Made up for a demonstration: not a real record."),
    )

    class Meta:
        ordering = ["strategy", "-published_on", "title"]
        verbose_name = _("evidence item")
        verbose_name_plural = _("evidence items")
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(url=""),
                name="evidence_item_has_file_or_link",
                violation_error_message=_("Upload a file or give a link to where it is published."),
            ),
            models.UniqueConstraint(
                fields=["strategy", "key"],
                condition=~Q(key=""),
                name="evidence_item_key_unique",
            ),
            models.CheckConstraint(
                condition=Q(quality="") | ~Q(quality_reason=""),
                name="evidence_item_quality_has_reason",
                violation_error_message=_("Say why the evidence is rated as it is."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class EvidenceTerm(models.Model):
    """A word of an item's title, summary or findings: the search index, the same on any database.

    Rebuilt by the services that write an item; search looks words up by prefix on an indexed
    column, which is fast on SQLite and PostgreSQL alike (decision 28).
    """

    item = models.ForeignKey(
        EvidenceItem,
        verbose_name=_("evidence item"),
        on_delete=models.CASCADE,
        related_name="terms",
    )
    term = models.CharField(_("term"), max_length=40, db_index=True)

    class Meta:
        ordering = ["item", "term"]
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        constraints = [
            models.UniqueConstraint(fields=["item", "term"], name="evidence_term_unique"),
        ]

    def __str__(self) -> str:
        return self.term
