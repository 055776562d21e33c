"""Engagement: relationships and saved segments of the register, activities and what came of them.

An activity (workshop, roundtable, action learning set...) invites people, records who came,
is written up, and keeps every contribution made in it, tagged to the priorities it speaks to.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from convenor.core.models import TimeStampedModel
from convenor.engagement.choices import (
    ActivityAttendance,
    ActivityKind,
    ActivityStatus,
    ContributionKind,
    InvitedVia,
    Level,
    Quadrant,
    Rsvp,
    quadrant_of,
)
from convenor.governance.models import Body
from convenor.stakeholders.models import Organisation, Person
from convenor.strategy.models import Priority, Strategy

MATERIAL_EXTENSIONS = ["pdf", "docx", "doc", "odt", "xlsx", "xls", "ods", "pptx", "csv", "txt"]


class Relationship(TimeStampedModel):
    """Our relationship with an organisation or a person: owner, power/interest, interests."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="relationship",
    )
    person = models.OneToOneField(
        Person,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="relationship",
    )
    owner = models.ForeignKey(
        Person,
        verbose_name=_("relationship owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="relationships_owned",
        help_text=_("The officer who looks after this relationship."),
    )
    power = models.PositiveSmallIntegerField(
        _("power"),
        null=True,
        blank=True,
        choices=Level.choices,
        help_text=_("How far they can shape or block the strategy."),
    )
    interest = models.PositiveSmallIntegerField(
        _("interest"),
        null=True,
        blank=True,
        choices=Level.choices,
        help_text=_("How much the strategy matters to them."),
    )
    assessment_note = models.TextField(
        _("why this assessment"), blank=True, help_text=_("The reason for the power and interest.")
    )
    assessed_on = models.DateField(_("assessed on"), null=True, blank=True)
    priorities = models.ManyToManyField(
        Priority,
        verbose_name=_("priorities of interest"),
        blank=True,
        related_name="interested_relationships",
    )

    class Meta:
        verbose_name = _("relationship")
        verbose_name_plural = _("relationships")
        constraints = [
            models.CheckConstraint(
                condition=(Q(organisation__isnull=False) & Q(person__isnull=True))
                | (Q(organisation__isnull=True) & Q(person__isnull=False)),
                name="engagement_relationship_one_party",
                violation_error_message=_("A relationship is with one organisation or one person."),
            ),
            models.CheckConstraint(
                condition=(Q(power__isnull=True) & Q(interest__isnull=True))
                | (Q(power__in=Level.values) & Q(interest__in=Level.values)),
                name="engagement_relationship_assessed_on_both_axes",
                violation_error_message=_("Give both power and interest, or neither."),
            ),
        ]

    def __str__(self) -> str:
        return f"Relationship with {self.party}"

    def clean(self) -> None:
        super().clean()
        if (self.power is None) != (self.interest is None):
            missing = "interest" if self.interest is None else "power"
            raise ValidationError({missing: _("Give both power and interest, or neither.")})

    @property
    def party(self) -> Organisation | Person | None:
        """The organisation or person this relationship is with."""
        return self.organisation if self.organisation_id else self.person

    @property
    def quadrant(self) -> Quadrant | None:
        """Where the power/interest assessment puts them, or None if not assessed."""
        if self.power is None or self.interest is None:
            return None
        return quadrant_of(power=self.power, interest=self.interest)


class Segment(TimeStampedModel):
    """A saved filter of the register ("universities interested in skills"), for invitations."""

    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    filters = models.JSONField(
        _("filters"),
        default=dict,
        blank=True,
        help_text=_("The register's filters as they were chosen: parameter name to value(s)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("saved by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("segment")
        verbose_name_plural = _("segments")
        constraints = [
            models.UniqueConstraint(
                Lower("name"),
                name="engagement_segment_name_unique",
                violation_error_message=_("There is already a segment with this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Activity(TimeStampedModel):
    """A workshop, roundtable, session or window through which we engage people on the strategy."""

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="activities"
    )
    key = models.SlugField(
        _("key"), max_length=80, blank=True, help_text=_("A scenario file's name for it.")
    )
    kind = models.CharField(_("kind"), max_length=30, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    priorities = models.ManyToManyField(
        Priority, verbose_name=_("priorities"), blank=True, related_name="activities"
    )
    host = models.ForeignKey(
        Person,
        verbose_name=_("host"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities_hosted",
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("organising body"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="activities",
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online link"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=ActivityStatus.choices, default=ActivityStatus.PLANNED
    )
    agenda = models.TextField(_("agenda"), blank=True)
    notes = models.TextField(_("notes"), blank=True, help_text=_("What was discussed."))
    outputs = models.TextField(_("outputs"), blank=True, help_text=_("What came out of it."))
    written_up_at = models.DateTimeField(_("written up at"), null=True, blank=True)
    is_illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Made up for a demonstration: not a real record."),
    )

    class Meta:
        ordering = ["strategy", "starts_at", "title"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ActivityKind.values), name="engagement_activity_kind_valid"
            ),
            models.CheckConstraint(
                condition=Q(status__in=ActivityStatus.values),
                name="engagement_activity_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(ends_at__isnull=True) | Q(ends_at__gte=F("starts_at")),
                name="engagement_activity_ends_after_start",
                violation_error_message=_("An activity cannot end before it starts."),
            ),
            models.UniqueConstraint(
                fields=["strategy", "key"],
                condition=~Q(key=""),
                name="engagement_activity_key_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class ActivityMaterial(TimeStampedModel):
    """A file or link handed out for an activity: slides, a briefing, a research summary."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="materials"
    )
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(_("file"), upload_to="engagement/materials/%Y/", blank=True)
    url = models.URLField(_("link"), blank=True)

    class Meta:
        ordering = ["activity", "title"]
        verbose_name = _("material")
        verbose_name_plural = _("materials")
        constraints = [
            models.CheckConstraint(
                condition=(Q(file="") & ~Q(url="")) | (~Q(file="") & Q(url="")),
                name="engagement_material_file_or_link",
                violation_error_message=_("Give a file or a link, not both."),
            ),
        ]

    def __str__(self) -> str:
        return self.title


class FollowUp(TimeStampedModel):
    """Something agreed at an activity that someone will do."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="follow_ups"
    )
    text = models.CharField(_("what"), max_length=500)
    owner = models.ForeignKey(
        Person,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
    )
    due_on = models.DateField(_("due by"), null=True, blank=True)
    is_done = models.BooleanField(_("done"), default=False)

    class Meta:
        ordering = ["activity", "due_on", "pk"]
        verbose_name = _("follow-up action")
        verbose_name_plural = _("follow-up actions")

    def __str__(self) -> str:
        return self.text


class ActivityInvitation(TimeStampedModel):
    """That a person is invited to an activity, how they replied, and whether they came."""

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="invitations"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="activity_invitations",
    )
    invited_via = models.CharField(
        _("invited as"), max_length=20, choices=InvitedVia.choices, default=InvitedVia.HAND_PICKED
    )
    sent_at = models.DateTimeField(_("invitation sent at"), null=True, blank=True)
    response = models.CharField(
        _("reply"), max_length=10, choices=Rsvp.choices, default=Rsvp.PENDING
    )
    responded_at = models.DateTimeField(_("replied at"), null=True, blank=True)
    attendance = models.CharField(
        _("attendance"),
        max_length=20,
        choices=ActivityAttendance.choices,
        default=ActivityAttendance.NOT_RECORDED,
    )

    class Meta:
        ordering = ["activity", "person__name"]
        verbose_name = _("activity invitation")
        verbose_name_plural = _("activity invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["activity", "person"],
                name="engagement_invitation_unique",
                violation_error_message=_("This person is already invited to this activity."),
            ),
            models.CheckConstraint(
                condition=Q(response__in=Rsvp.values), name="engagement_invitation_response_valid"
            ),
            models.CheckConstraint(
                condition=Q(attendance__in=ActivityAttendance.values),
                name="engagement_invitation_attendance_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} to {self.activity}"


class Contribution(TimeStampedModel):
    """What someone said or wrote in an activity, kept whole, tagged to the priorities it meets."""

    activity = models.ForeignKey(
        Activity,
        verbose_name=_("activity"),
        # Nothing a participant says is dropped: an activity with contributions cannot be deleted.
        on_delete=models.PROTECT,
        related_name="contributions",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ContributionKind.choices)
    text = models.TextField(_("what they said"))
    author = models.ForeignKey(
        Person,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="contributions",
    )
    is_anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_("The author asked not to be named: shown as anonymous everywhere."),
    )
    made_on = models.DateField(_("date"))
    priorities = models.ManyToManyField(
        Priority, verbose_name=_("priorities"), blank=True, related_name="contributions"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["activity", "made_on", "pk"]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ContributionKind.values),
                name="engagement_contribution_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} by {self.author_label}"

    @property
    def author_label(self) -> str:
        """The author's name as it may be shown: "Anonymous" by their choice or when unknown."""
        if self.is_anonymous or self.author is None:
            return str(_("Anonymous"))
        return self.author.name
