"""A strategy, its timetable of stages and milestones, its priorities and their lines of enquiry."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from convenor.core.models import TimeStampedModel
from convenor.stakeholders.models import Area, Organisation, Person
from convenor.strategy.choices import (
    EnquiryStatus,
    LepRole,
    PriorityStatus,
    StageKind,
    StageStatus,
)


class Strategy(TimeStampedModel):
    """A place-based strategy co-designed with partners, such as a Local Industrial Strategy."""

    slug = models.SlugField(_("short name for web addresses"), max_length=80, unique=True)
    name = models.CharField(_("name"), max_length=200)
    area_name = models.CharField(
        _("area"), max_length=200, help_text=_("The place the strategy is for, in words.")
    )
    areas = models.ManyToManyField(
        Area, verbose_name=_("council areas covered"), blank=True, related_name="strategies"
    )
    lead_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("lead organisation"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="strategies_led",
    )
    strategy_lead = models.ForeignKey(
        Person,
        verbose_name=_("strategy lead"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="strategies_leading",
    )
    vision = models.TextField(_("vision"), blank=True)
    theory_of_change = models.TextField(_("theory of change"), blank=True)
    narrative = models.TextField(_("emerging narrative"), blank=True)
    is_public = models.BooleanField(
        _("public"), default=True, help_text=_("Shown to everyone, signed in or not.")
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("strategy")
        verbose_name_plural = _("strategies")

    def __str__(self) -> str:
        return self.name


class Stage(TimeStampedModel):
    """One stage of a strategy's timetable (Set up, Develop, Engage...); stages may overlap."""

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="stages"
    )
    order = models.PositiveSmallIntegerField(_("order"))
    name = models.CharField(_("name"), max_length=100)
    kind = models.CharField(
        _("kind"),
        max_length=20,
        choices=StageKind.choices,
        default=StageKind.OTHER,
        help_text=_("Which of the paper's stages this is; it decides the checks for moving on."),
    )
    period_label = models.CharField(
        _("period in words"),
        max_length=100,
        blank=True,
        help_text=_("As the timetable says it, for example Winter/Spring 2019."),
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    may_overlap = models.BooleanField(
        _("may overlap the previous stage"),
        default=True,
        help_text=_("Untick if this stage must not start before the previous one ends."),
    )
    focus = models.TextField(_("focus"), blank=True)
    action = models.TextField(_("action"), blank=True)
    exit_criteria = models.TextField(_("exit criteria"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=StageStatus.choices, default=StageStatus.NOT_STARTED
    )

    class Meta:
        ordering = ["strategy", "order"]
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "order"], name="strategy_stage_order_unique"
            ),
            models.UniqueConstraint(fields=["strategy", "name"], name="strategy_stage_name_unique"),
            models.UniqueConstraint(
                fields=["strategy"],
                condition=Q(status=StageStatus.CURRENT),
                name="strategy_stage_one_current",
                violation_error_message=_("Another stage is already the current stage."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="strategy_stage_ends_after_start",
                violation_error_message=_("A stage cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("A stage cannot end before it starts.")})
        if self.may_overlap or not self.strategy_id or not self.starts_on:
            return
        previous = (
            Stage.objects.filter(strategy_id=self.strategy_id, order__lt=self.order)
            .exclude(pk=self.pk)
            .order_by("-order")
            .first()
        )
        if previous and self.starts_on <= previous.ends_on:
            raise ValidationError(
                {
                    "starts_on": _(
                        "This stage may not overlap %(previous)s, which ends on %(ends)s."
                    )
                    % {"previous": previous.name, "ends": f"{previous.ends_on:%-d %B %Y}"}
                }
            )


class StageTransition(TimeStampedModel):
    """A move from one stage to the next: who moved it, and why if its exit criteria were unmet."""

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_stage = models.ForeignKey(
        Stage,
        verbose_name=_("from stage"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="transitions_out",
    )
    to_stage = models.ForeignKey(
        Stage,
        verbose_name=_("to stage"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="transitions_in",
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    unmet_criteria = models.JSONField(
        _("criteria unmet when moved"),
        default=list,
        blank=True,
        help_text=_("What blocked the move, in words, as it stood at the time."),
    )
    reason = models.TextField(_("reason for moving on regardless"), blank=True)

    class Meta:
        ordering = ["strategy", "-created_at", "-id"]
        verbose_name = _("stage transition")
        verbose_name_plural = _("stage transitions")

    def __str__(self) -> str:
        return f"{self.from_stage or 'start'} to {self.to_stage or 'end'}"

    @property
    def was_overridden(self) -> bool:
        return bool(self.unmet_criteria)


class Milestone(TimeStampedModel):
    """A dated event on the timetable: a board meeting, a launch, an agreement."""

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="milestones"
    )
    stage = models.ForeignKey(
        Stage,
        verbose_name=_("stage"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="milestones",
    )
    date = models.DateField(_("date"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["strategy", "date", "title"]
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "date", "title"], name="strategy_milestone_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.date:%-d %B %Y})"

    def clean(self) -> None:
        super().clean()
        stage = self.stage
        if stage is not None and self.strategy_id and stage.strategy_id != self.strategy_id:
            raise ValidationError({"stage": _("Choose a stage of the same strategy.")})


class Priority(TimeStampedModel):
    """One of a strategy's long-term strategic priorities."""

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="priorities"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    short_title = models.CharField(
        _("short title"), max_length=60, blank=True, help_text=_("For charts and menus.")
    )
    summary = models.TextField(_("summary"), blank=True)
    lep_role = models.CharField(
        _("our role"), max_length=20, choices=LepRole.choices, default=LepRole.BOTH
    )
    board_sponsor = models.ForeignKey(
        Person,
        verbose_name=_("board sponsor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="priorities_sponsored",
    )
    lead_officer = models.ForeignKey(
        Person,
        verbose_name=_("lead officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="priorities_led",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=PriorityStatus.choices, default=PriorityStatus.SCOPING
    )
    is_reconstructed = models.BooleanField(
        _("reconstructed"),
        default=False,
        help_text=_("Not stated in the source documents; reconstructed from public statements."),
    )

    class Meta:
        ordering = ["strategy", "number"]
        verbose_name = _("priority")
        verbose_name_plural = _("priorities")
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "number"], name="strategy_priority_number_unique"
            ),
            models.CheckConstraint(condition=Q(number__gte=1), name="strategy_priority_number_min"),
        ]

    def __str__(self) -> str:
        return f"{self.number}. {self.title}"


class LineOfEnquiry(TimeStampedModel):
    """A question a priority's work must answer."""

    priority = models.ForeignKey(
        Priority,
        verbose_name=_("priority"),
        on_delete=models.CASCADE,
        related_name="lines_of_enquiry",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    question = models.TextField(_("question"))
    status = models.CharField(
        _("status"), max_length=20, choices=EnquiryStatus.choices, default=EnquiryStatus.OPEN
    )

    class Meta:
        ordering = ["priority", "order", "id"]
        verbose_name = _("line of enquiry")
        verbose_name_plural = _("lines of enquiry")
        constraints = [
            models.UniqueConstraint(
                fields=["priority", "order"], name="strategy_enquiry_order_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.question[:100]
