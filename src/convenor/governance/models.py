"""Bodies (board, steering group, action groups...), the priorities they steer, their members."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from convenor.core.models import TimeStampedModel
from convenor.governance.choices import BodyKind, MembershipRole, Openness
from convenor.stakeholders.models import Organisation, Person
from convenor.strategy.models import Priority, Strategy


class Body(TimeStampedModel):
    """A group that steers, advises on or takes part in a strategy: a board, a working group..."""

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="bodies"
    )
    slug = models.SlugField(_("short name for web addresses"), max_length=80)
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=BodyKind.choices)
    remit = models.TextField(_("remit"), blank=True)
    themes = models.CharField(
        _("themes it steers"),
        max_length=300,
        blank=True,
        help_text=_("In words, for example smart mobility, or people."),
    )
    openness = models.CharField(
        _("openness"), max_length=20, choices=Openness.choices, default=Openness.BY_INVITATION
    )
    is_public = models.BooleanField(
        _("meets in public"),
        default=False,
        help_text=_(
            "Its papers, minutes and decisions are published, on the transparency timetable. "
            "A closed body's papers are for its members only."
        ),
    )
    priorities = models.ManyToManyField(
        Priority,
        verbose_name=_("priorities it steers"),
        through="BodyPriority",
        blank=True,
        related_name="bodies",
    )
    reports_to = models.ForeignKey(
        "self",
        verbose_name=_("reports to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reporting_bodies",
    )

    class Meta:
        ordering = ["strategy", "name"]
        verbose_name = _("body")
        verbose_name_plural = _("bodies")
        constraints = [
            models.UniqueConstraint(
                fields=["strategy", "slug"], name="governance_body_slug_unique"
            ),
            models.CheckConstraint(
                condition=~Q(reports_to=F("id")), name="governance_body_not_own_parent"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        super().clean()
        parent = self.reports_to
        if parent is None:
            return
        if parent.pk == self.pk:
            raise ValidationError({"reports_to": _("A body cannot report to itself.")})
        if parent.strategy_id != self.strategy_id:
            raise ValidationError({"reports_to": _("Choose a body of the same strategy.")})
        seen = {self.pk}
        while parent is not None:
            if parent.pk in seen:
                raise ValidationError(
                    {
                        "reports_to": _(
                            "That would make a loop: %(name)s reports back to this body."
                        )
                        % {"name": parent.name}
                    }
                )
            seen.add(parent.pk)
            parent = parent.reports_to


class BodyPriority(models.Model):
    """That a body steers a priority; one body per priority may be marked as its lead body."""

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="steered"
    )
    priority = models.ForeignKey(
        Priority, verbose_name=_("priority"), on_delete=models.CASCADE, related_name="steering"
    )
    leads = models.BooleanField(_("lead body"), default=False)

    class Meta:
        ordering = ["priority__number", "body__name"]
        verbose_name = _("priority steered")
        verbose_name_plural = _("priorities steered")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "priority"], name="governance_bodypriority_unique"
            ),
            models.UniqueConstraint(
                fields=["priority"],
                condition=Q(leads=True),
                name="governance_bodypriority_one_lead",
                violation_error_message=_("This priority already has a lead body."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.body} steers {self.priority}"

    def clean(self) -> None:
        super().clean()
        if self.body_id and self.priority_id and self.body.strategy_id != self.priority.strategy_id:
            raise ValidationError(_("A body can only steer priorities of its own strategy."))


class Membership(TimeStampedModel):
    """A person's place on a body: their role, when, and whom they represent."""

    body = models.ForeignKey(
        Body, verbose_name=_("body"), on_delete=models.CASCADE, related_name="memberships"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER
    )
    starts_on = models.DateField(_("from"), null=True, blank=True)
    ends_on = models.DateField(_("until"), null=True, blank=True)
    representing = models.ForeignKey(
        Organisation,
        verbose_name=_("representing"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="memberships",
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    class Meta:
        ordering = ["body", "person__name"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["body", "person", "role"],
                condition=Q(ends_on__isnull=True),
                name="governance_membership_one_open",
                violation_error_message=_("This person already holds that role on this body."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="governance_membership_ends_after_start",
                violation_error_message=_("A membership cannot end before it starts."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.get_role_display()}, {self.body})"
