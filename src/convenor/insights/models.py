"""What insight keeps: the texts partners wrote (copied from engagement, one row each), priority
tags suggested and decided on them, themes found in them, opinion groups found in statement
votes, and the "you said, we did" links from what was said to what was decided.

Themes and opinion groups are recomputed by background tasks; each run is kept with its time so
the pages can say how fresh they are. A theme's label, which staff may edit, is carried to the
matching theme of the next run.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from convenor.core.models import TimeStampedModel
from convenor.engagement.models import Comment, Contribution, Document, Post
from convenor.insights.choices import RunStatus, TagMethod, TagStatus, TextKind, ThemeScope
from convenor.interventions.models import StageChange
from convenor.meetings.models import Decision
from convenor.stakeholders.models import Area
from convenor.strategy.models import Priority, Strategy


class Text(models.Model):
    """One thing a partner said (a contribution, a comment or a post), as insight reads it.

    Copied from engagement by `texts_sync` before each analysis; deleted with its source. The
    author's organisation type and area are copied too, for counts by stakeholder type and area.
    """

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=TextKind.choices)
    contribution = models.OneToOneField(
        Contribution, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    comment = models.OneToOneField(
        Comment, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    post = models.OneToOneField(
        Post, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    window = models.ForeignKey(
        Document,
        verbose_name=_("window"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("The document a comment was made on."),
    )
    text = models.TextField(_("what they said"))
    author_label = models.CharField(_("by"), max_length=200, blank=True)
    author_kind = models.CharField(
        _("stakeholder type"),
        max_length=20,
        blank=True,
        help_text=_("The author's organisation type."),
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("area"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    said_on = models.DateField(_("date"))

    class Meta:
        ordering = ["strategy", "said_on", "pk"]
        verbose_name = _("text read by insight")
        verbose_name_plural = _("texts read by insight")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(
                        kind=TextKind.CONTRIBUTION,
                        contribution__isnull=False,
                        comment__isnull=True,
                        post__isnull=True,
                    )
                    | Q(
                        kind=TextKind.COMMENT,
                        comment__isnull=False,
                        contribution__isnull=True,
                        post__isnull=True,
                    )
                    | Q(
                        kind=TextKind.POST,
                        post__isnull=False,
                        contribution__isnull=True,
                        comment__isnull=True,
                    )
                ),
                name="insights_text_one_source",
            ),
        ]
        indexes = [models.Index(fields=["strategy", "window"], name="insights_text_window")]

    def __str__(self) -> str:
        return self.text[:80]


class PriorityTag(models.Model):
    """A priority a text is about: suggested with a confidence, then confirmed or rejected.

    Priorities recorded with a contribution, or a discussion's own priority, come in confirmed.
    """

    text = models.ForeignKey(
        Text, verbose_name=_("text"), on_delete=models.CASCADE, related_name="tags"
    )
    priority = models.ForeignKey(
        Priority, verbose_name=_("priority"), on_delete=models.CASCADE, related_name="+"
    )
    confidence = models.FloatField(_("confidence"), default=1.0)
    method = models.CharField(_("suggested by"), max_length=20, choices=TagMethod.choices)
    status = models.CharField(_("status"), max_length=20, choices=TagStatus.choices)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    class Meta:
        ordering = ["text", "-confidence", "priority__number"]
        verbose_name = _("priority tag")
        verbose_name_plural = _("priority tags")
        constraints = [
            models.UniqueConstraint(
                fields=["text", "priority"], name="insights_tag_one_per_priority"
            ),
            models.CheckConstraint(
                condition=Q(confidence__gte=0) & Q(confidence__lte=1),
                name="insights_tag_confidence_range",
            ),
            models.CheckConstraint(
                condition=Q(status__in=TagStatus.values), name="insights_tag_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(method__in=TagMethod.values), name="insights_tag_method_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.priority} ({self.get_status_display()})"


class ThemeRun(models.Model):
    """One extraction of themes over the texts of a strategy, a priority or a window."""

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="+"
    )
    scope = models.CharField(_("found in"), max_length=20, choices=ThemeScope.choices)
    priority = models.ForeignKey(
        Priority,
        verbose_name=_("priority"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    window = models.ForeignKey(
        Document,
        verbose_name=_("window"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    requested_at = models.DateTimeField(_("asked for at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    text_count = models.PositiveIntegerField(_("texts read"), default=0)
    error = models.TextField(_("what went wrong"), blank=True)

    class Meta:
        ordering = ["strategy", "-requested_at", "-pk"]
        verbose_name = _("theme run")
        verbose_name_plural = _("theme runs")
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(scope=ThemeScope.STRATEGY, priority__isnull=True, window__isnull=True)
                    | Q(scope=ThemeScope.PRIORITY, priority__isnull=False, window__isnull=True)
                    | Q(scope=ThemeScope.WINDOW, window__isnull=False, priority__isnull=True)
                ),
                name="insights_themerun_scope_matches",
            ),
            models.CheckConstraint(
                condition=Q(status__in=RunStatus.values), name="insights_themerun_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Themes ({self.get_scope_display()}) asked for {self.requested_at:%Y-%m-%d %H:%M}"


class Theme(models.Model):
    """A theme: its top terms, a label staff may edit, its size and who raised it."""

    run = models.ForeignKey(
        ThemeRun, verbose_name=_("run"), on_delete=models.CASCADE, related_name="themes"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    terms = models.JSONField(_("top terms"), default=list)
    label = models.CharField(_("label"), max_length=120, blank=True)
    size = models.PositiveIntegerField(_("texts"), default=0)
    by_kind = models.JSONField(_("texts by stakeholder type"), default=dict)
    by_area = models.JSONField(_("texts by area"), default=dict)
    labelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["run", "number"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        constraints = [
            models.UniqueConstraint(fields=["run", "number"], name="insights_theme_number_unique"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        """The staff label, else the first three terms."""
        return self.label or ", ".join(self.terms[:3])

    @property
    def kinds_counted(self) -> list[tuple[str, int]]:
        """(stakeholder type, texts), most first: JSON objects keep no order on PostgreSQL."""
        return _most_first(self.by_kind)

    @property
    def areas_counted(self) -> list[tuple[str, int]]:
        """(area name, texts), most first."""
        return _most_first(self.by_area)


def _most_first(counts: dict[str, int]) -> list[tuple[str, int]]:
    return sorted(
        ((str(key), int(count)) for key, count in counts.items()), key=lambda c: (-c[1], c[0])
    )


class ThemeQuote(models.Model):
    """A text that represents a theme well, with how strongly it belongs."""

    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.CASCADE, related_name="quotes"
    )
    text = models.ForeignKey(
        Text, verbose_name=_("text"), on_delete=models.CASCADE, related_name="+"
    )
    weight = models.FloatField(_("weight"))

    class Meta:
        ordering = ["theme", "-weight", "pk"]
        verbose_name = _("theme quote")
        verbose_name_plural = _("theme quotes")

    def __str__(self) -> str:
        return f"{self.theme}: {self.text}"


class OpinionRun(models.Model):
    """One computation of opinion groups from a strategy's statement votes.

    `result` holds what the pages show (groups, map points, representative, consensus and
    divisive statements, breakdowns by stakeholder type); see `insights.services.opinion_run`.
    """

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=RunStatus.choices, default=RunStatus.QUEUED
    )
    requested_at = models.DateTimeField(_("asked for at"))
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    participants = models.PositiveIntegerField(_("participants grouped"), default=0)
    statements = models.PositiveIntegerField(_("statements"), default=0)
    group_count = models.PositiveSmallIntegerField(_("groups"), default=0)
    result = models.JSONField(_("result"), default=dict)
    error = models.TextField(_("what went wrong"), blank=True)

    class Meta:
        ordering = ["strategy", "-requested_at", "-pk"]
        verbose_name = _("opinion group run")
        verbose_name_plural = _("opinion group runs")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=RunStatus.values), name="insights_opinionrun_status_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"Opinion groups asked for {self.requested_at:%Y-%m-%d %H:%M}"


class YouSaid(TimeStampedModel):
    """A "you said, we did" link: a theme or a text, answered by a decision or a lifecycle change.

    `said` keeps the theme's title (or the text) as it was when linked, so the link reads the
    same after themes are recomputed.
    """

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="+"
    )
    theme = models.ForeignKey(
        Theme,
        verbose_name=_("theme"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="answers",
    )
    text = models.ForeignKey(
        Text,
        verbose_name=_("text"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="answers",
    )
    said = models.TextField(_("you said"))
    decision = models.ForeignKey(
        Decision,
        verbose_name=_("decision"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    stage_change = models.ForeignKey(
        StageChange,
        verbose_name=_("intervention change"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    we_did = models.TextField(_("we did"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["strategy", "created_at", "pk"]
        verbose_name = _("“you said, we did” link")
        verbose_name_plural = _("“you said, we did” links")
        constraints = [
            models.CheckConstraint(
                condition=Q(decision__isnull=False) | Q(stage_change__isnull=False),
                name="insights_yousaid_has_answer",
                violation_error_message=_(
                    "Choose the decision or intervention change that answers it."
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.said[:60]} → {self.we_did[:60]}"
