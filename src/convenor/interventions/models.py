"""Interventions, the organisations that support them, their lifecycle and their delivery.

An intervention belongs to a priority and moves through a lifecycle from idea to delivery. The
paper's four tests (compelling, supported, evidence based, practical) are read from what is linked
to it: supporters, evidence items, its lead partner and deliverability, and a steering group
decision (interventions.tests).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from convenor.core.models import TimeStampedModel
from convenor.engagement.models import Activity, Contribution, Statement
from convenor.evidence.models import EvidenceItem
from convenor.interventions.choices import (
    CostBand,
    DeliveryStatus,
    InterventionStage,
    SupportForm,
    Timescale,
)
from convenor.meetings.models import Decision
from convenor.stakeholders.models import Organisation
from convenor.strategy.models import Priority


class Intervention(TimeStampedModel):
    """Something the strategy proposes to do for a priority, worked up with partners."""

    priority = models.ForeignKey(
        Priority, verbose_name=_("priority"), on_delete=models.PROTECT, related_name="interventions"
    )
    key = models.SlugField(
        _("key"), max_length=80, blank=True, help_text=_("A scenario file's name for it.")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"))
    rationale = models.TextField(
        _("rationale"), blank=True, help_text=_("Why it would work, and why here.")
    )
    stage = models.CharField(
        _("lifecycle stage"),
        max_length=20,
        choices=InterventionStage.choices,
        default=InterventionStage.IDEA,
    )
    parked_reason = models.TextField(_("why it is parked"), blank=True)
    lead_partner = models.ForeignKey(
        Organisation,
        verbose_name=_("lead partner"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="interventions_led",
    )
    cost_band = models.CharField(_("cost"), max_length=20, choices=CostBand.choices, blank=True)
    timescale = models.CharField(
        _("timescale"), max_length=20, choices=Timescale.choices, blank=True
    )
    funding_source = models.CharField(
        _("funding source"),
        max_length=200,
        blank=True,
        help_text=_("For example: Local Growth Fund, partners' own budgets, to be found."),
    )
    evidence_items = models.ManyToManyField(
        EvidenceItem, verbose_name=_("evidence"), blank=True, related_name="interventions"
    )
    activities = models.ManyToManyField(
        Activity,
        verbose_name=_("activities that shaped it"),
        blank=True,
        related_name="interventions",
    )
    contributions = models.ManyToManyField(
        Contribution,
        verbose_name=_("contributions that shaped it"),
        blank=True,
        related_name="interventions",
    )
    statements = models.ManyToManyField(
        Statement,
        verbose_name=_("statements that shaped it"),
        blank=True,
        related_name="interventions",
    )
    compelling_decision = models.ForeignKey(
        Decision,
        verbose_name=_("steering group decision that it is compelling"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="interventions_found_compelling",
    )
    is_illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Made up for a demonstration: not a real record."),
    )

    class Meta:
        ordering = ["priority", "title"]
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(stage=InterventionStage.PARKED) | ~Q(parked_reason=""),
                name="interventions_parked_has_reason",
                violation_error_message=_("Say why the intervention is parked."),
            ),
            models.UniqueConstraint(
                fields=["priority", "key"],
                condition=~Q(key=""),
                name="interventions_intervention_key_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Support(TimeStampedModel):
    """That an organisation supports an intervention: when, and how it said so."""

    intervention = models.ForeignKey(
        Intervention,
        verbose_name=_("intervention"),
        on_delete=models.CASCADE,
        related_name="supports",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="supports",
    )
    given_on = models.DateField(_("given on"))
    form = models.CharField(_("how"), max_length=20, choices=SupportForm.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["intervention", "given_on", "id"]
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(
                fields=["intervention", "organisation"], name="interventions_support_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} supports {self.intervention}"


class StageChange(models.Model):
    """A move in an intervention's lifecycle: from, to, who, when and why."""

    intervention = models.ForeignKey(
        Intervention,
        verbose_name=_("intervention"),
        on_delete=models.CASCADE,
        related_name="stage_changes",
    )
    from_stage = models.CharField(
        _("from"), max_length=20, choices=InterventionStage.choices, blank=True
    )
    to_stage = models.CharField(_("to"), max_length=20, choices=InterventionStage.choices)
    at = models.DateTimeField(_("at"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reason = models.TextField(_("why"))

    class Meta:
        ordering = ["intervention", "at", "id"]
        verbose_name = _("lifecycle change")
        verbose_name_plural = _("lifecycle changes")

    def __str__(self) -> str:
        return f"{self.intervention}: {self.from_stage or 'new'} to {self.to_stage}"


class DeliveryMilestone(TimeStampedModel):
    """A step in delivering an agreed intervention, with its due date and when it was done."""

    intervention = models.ForeignKey(
        Intervention,
        verbose_name=_("intervention"),
        on_delete=models.CASCADE,
        related_name="milestones",
    )
    title = models.CharField(_("title"), max_length=200)
    due_on = models.DateField(_("due on"))
    done_on = models.DateField(_("done on"), null=True, blank=True)

    class Meta:
        ordering = ["intervention", "due_on", "id"]
        verbose_name = _("delivery milestone")
        verbose_name_plural = _("delivery milestones")

    def __str__(self) -> str:
        return self.title


class ProgressUpdate(TimeStampedModel):
    """A report on how delivery of an intervention stands, for review at a roundtable."""

    intervention = models.ForeignKey(
        Intervention,
        verbose_name=_("intervention"),
        on_delete=models.CASCADE,
        related_name="progress_updates",
    )
    reported_on = models.DateField(_("reported on"))
    status = models.CharField(_("status"), max_length=20, choices=DeliveryStatus.choices)
    text = models.TextField(_("progress"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["intervention", "-reported_on", "-id"]
        verbose_name = _("progress update")
        verbose_name_plural = _("progress updates")

    def __str__(self) -> str:
        return f"{self.intervention}, {self.reported_on:%-d %B %Y}: {self.get_status_display()}"
