"""Evidence items: a piece of research, a report or a dataset, with its summary and its file.

For now an item is what the sounding board needs to comment on research: a title, a summary and a
file or a link, tagged with the priorities it informs. The evidence base (kinds, sources, key
findings, quality, visibility, indicators) builds on it.
"""

from __future__ import annotations

from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from convenor.core.models import TimeStampedModel
from convenor.strategy.models import Priority, Strategy

EVIDENCE_EXTENSIONS = ["pdf", "docx", "xlsx", "csv"]


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
    summary = models.TextField(
        _("summary"), help_text=_("What it is and what it finds, in plain words.")
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
        ]

    def __str__(self) -> str:
        return self.title
