"""Publications, their numbered versions, the sections each version is built from, and the lint
findings and waivers of each build.

A version's files (HTML, PDF, DOCX) are built from its sections and the live record. Once signed
off, the files are fixed: their SHA-256 checksums are recorded with the sign-off, nothing rebuilds
or edits them, and any change starts a new version.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from convenor.core.models import TimeStampedModel
from convenor.engagement.models import Document
from convenor.governance.models import Body
from convenor.meetings.models import AgendaItem
from convenor.publishing.choices import (
    BuildStatus,
    LintCode,
    PublicationKind,
    SectionKind,
    VersionStatus,
)
from convenor.strategy.models import Strategy

# The three outputs of a build, in the order they are offered for download.
OUTPUTS = ("html", "pdf", "docx")


class Publication(TimeStampedModel):
    """A document the strategy team publishes, in as many versions as it takes."""

    strategy = models.ForeignKey(
        Strategy,
        verbose_name=_("strategy"),
        on_delete=models.CASCADE,
        related_name="publications",
    )
    kind = models.CharField(_("kind"), max_length=30, choices=PublicationKind.choices)
    slug = models.SlugField(_("short name for web addresses"), max_length=80)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("One or two sentences for the list of publications.")
    )
    is_consultation = models.BooleanField(
        _("consultation document"),
        default=False,
        help_text=_("A consultation asks its readers questions; any other document must not."),
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="publications",
        help_text=_("For a board paper: the item of the meeting it is written for."),
    )

    class Meta:
        ordering = ["strategy", "kind", "title"]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "slug"],
                name="publishing_publication_slug_unique",
                violation_error_message=_("Another publication of this strategy has that name."),
            ),
            models.CheckConstraint(
                condition=~Q(kind=PublicationKind.BOARD_PAPER) | Q(agenda_item__isnull=False),
                name="publishing_board_paper_has_item",
                violation_error_message=_("A board paper is written for an agenda item."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


def _output_path(instance: PublicationVersion, filename: str) -> str:
    publication = instance.publication
    return (
        f"publications/{publication.strategy.slug}/{publication.slug}/v{instance.number}/{filename}"
    )


class PublicationVersion(TimeStampedModel):
    """One numbered version of a publication: its sections, its build, its sign-off."""

    publication = models.ForeignKey(
        Publication,
        verbose_name=_("publication"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=20, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    as_of = models.DateField(
        _("dated"), help_text=_("The date the document speaks for, printed on its cover.")
    )
    reactions_document = models.ForeignKey(
        Document,
        verbose_name=_("sounding board reactions"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="publication_versions",
        help_text=_("The document the sounding board reacts to this draft in."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The build.
    build_status = models.CharField(
        _("build"), max_length=20, choices=BuildStatus.choices, default=BuildStatus.NOT_BUILT
    )
    build_progress = models.PositiveSmallIntegerField(_("build progress (%)"), default=0)
    build_step = models.CharField(_("build step"), max_length=200, blank=True)
    built_at = models.DateTimeField(_("built at"), null=True, blank=True)
    build_seconds = models.FloatField(_("build time (s)"), null=True, blank=True)
    page_count = models.PositiveIntegerField(_("printed pages"), null=True, blank=True)
    html_file = models.FileField(_("web page"), upload_to=_output_path, blank=True)
    pdf_file = models.FileField(_("PDF"), upload_to=_output_path, blank=True)
    docx_file = models.FileField(_("Word document"), upload_to=_output_path, blank=True)
    html_sha256 = models.CharField(_("web page SHA-256"), max_length=64, blank=True)
    pdf_sha256 = models.CharField(_("PDF SHA-256"), max_length=64, blank=True)
    docx_sha256 = models.CharField(_("Word document SHA-256"), max_length=64, blank=True)
    # Sign-off: asked of a named person, on behalf of a body.
    signer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("to be signed off by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    signer_body = models.ForeignKey(
        Body,
        verbose_name=_("on behalf of"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    review_requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sign-off requested by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    review_requested_at = models.DateTimeField(_("sign-off requested at"), null=True, blank=True)
    signed_off_at = models.DateTimeField(_("signed off at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    superseded_at = models.DateTimeField(_("superseded at"), null=True, blank=True)

    class Meta:
        ordering = ["publication", "-number"]
        verbose_name = _("publication version")
        verbose_name_plural = _("publication versions")
        constraints = [
            models.UniqueConstraint(
                fields=["publication", "number"],
                name="publishing_version_number_unique",
                violation_error_message=_("That version number is taken."),
            ),
            models.CheckConstraint(
                condition=Q(build_progress__lte=100),
                name="publishing_version_progress_percent",
            ),
            models.CheckConstraint(
                condition=Q(signed_off_at__isnull=True)
                | (
                    Q(signer__isnull=False, signer_body__isnull=False)
                    & ~Q(html_sha256="")
                    & ~Q(pdf_sha256="")
                    & ~Q(docx_sha256="")
                ),
                name="publishing_signed_off_with_checksums",
                violation_error_message=_(
                    "A sign-off names who signed, for which body, and the checksums of the files."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.publication} (version {self.number})"

    @property
    def is_fixed(self) -> bool:
        """Signed off or later: its files and sections never change again."""
        from convenor.publishing.choices import FIXED_STATUSES

        return self.status in FIXED_STATUSES


class Section(TimeStampedModel):
    """A part of a version, in order: written by staff (Markdown) or generated from the record."""

    version = models.ForeignKey(
        PublicationVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="sections",
    )
    position = models.PositiveSmallIntegerField(_("position"))
    kind = models.CharField(
        _("kind"), max_length=30, choices=SectionKind.choices, default=SectionKind.WRITTEN
    )
    heading = models.CharField(_("heading"), max_length=200)
    body = models.TextField(
        _("text"),
        blank=True,
        help_text=_(
            "Markdown: blank lines between paragraphs, # for headings, - for lists. "
            "Generated sections print this before what they generate."
        ),
    )
    starts_new_page = models.BooleanField(_("starts a new page in print"), default=False)

    class Meta:
        ordering = ["version", "position", "id"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self) -> str:
        return self.heading


class LintFinding(models.Model):
    """A problem the last build of a version found; it blocks sign-off unless waived."""

    version = models.ForeignKey(
        PublicationVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="findings",
    )
    code = models.CharField(_("check"), max_length=30, choices=LintCode.choices)
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="findings",
    )
    message = models.CharField(_("problem"), max_length=500)
    figure = models.CharField(
        _("measured"), max_length=100, blank=True, help_text=_("For example a reading ease score.")
    )

    class Meta:
        ordering = ["version", "section__position", "code", "id"]
        verbose_name = _("lint finding")
        verbose_name_plural = _("lint findings")

    def __str__(self) -> str:
        return f"{self.get_code_display()}: {self.message}"


class LintWaiver(TimeStampedModel):
    """A decision to publish despite a check's findings, with the reason and who decided.

    A waiver covers one check, for the whole version or one section of it, in every later build
    of that version; a new version starts without waivers. (A second whole-version waiver of the
    same check is refused by the service: SQLite cannot make NULLs equal in a unique constraint.)
    """

    version = models.ForeignKey(
        PublicationVersion,
        verbose_name=_("version"),
        on_delete=models.CASCADE,
        related_name="waivers",
    )
    code = models.CharField(_("check"), max_length=30, choices=LintCode.choices)
    section = models.ForeignKey(
        Section,
        verbose_name=_("section"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="waivers",
    )
    reason = models.TextField(_("reason"))
    waived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("waived by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["version", "code", "id"]
        verbose_name = _("lint waiver")
        verbose_name_plural = _("lint waivers")
        constraints = [
            models.UniqueConstraint(
                fields=["version", "code", "section"],
                name="publishing_waiver_unique",
                violation_error_message=_("That check is already waived here."),
            ),
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="publishing_waiver_has_reason",
                violation_error_message=_("Say why the check is waived."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_code_display()} waived: {self.reason[:60]}"
