"""Engagement: relationships and saved segments of the register, activities and what came of them.

An activity (workshop, roundtable, action learning set...) invites people, records who came,
is written up, and keeps every contribution made in it, tagged to the priorities it speaks to.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from convenor.core.models import TimeStampedModel
from convenor.engagement.choices import (
    ActivityAttendance,
    ActivityKind,
    ActivityStatus,
    ContentStatus,
    ContributionKind,
    InvitedVia,
    Level,
    Moderation,
    NameShown,
    NotificationChoice,
    ParagraphReaction,
    ParticipantStatus,
    Quadrant,
    Rsvp,
    StatementKind,
    VoteChoice,
    quadrant_of,
)
from convenor.evidence.models import EvidenceItem
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
    is_open_for_sign_up = models.BooleanField(
        _("sounding board members may sign up"),
        default=False,
        help_text=_("Members see it on the sounding board and book a place themselves."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Once this many are coming, others join a waiting list. Empty: no limit."),
    )
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
    responded_at = models.DateTimeField(
        _("replied at"),
        null=True,
        blank=True,
        help_text=_("For the waiting list, its order: who asked first gets the next place."),
    )
    reminded_at = models.DateTimeField(
        _("reminded at"),
        null=True,
        blank=True,
        help_text=_("When the reminder before the activity was sent to someone coming."),
    )
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


# The sounding board: who takes part, the documents they react to, the statements they vote on


class SoundingBoard(TimeStampedModel):
    """How a strategy's sounding board takes new participants: open, or with staff approval."""

    strategy = models.OneToOneField(
        Strategy,
        verbose_name=_("strategy"),
        on_delete=models.CASCADE,
        related_name="sounding_board",
    )
    body = models.OneToOneField(
        Body,
        verbose_name=_("body"),
        on_delete=models.PROTECT,
        related_name="sounding_board",
        help_text=_("The body whose members the participants become."),
    )
    is_open = models.BooleanField(
        _("open to new participants"), default=True, help_text=_("Anyone may ask to join.")
    )
    requires_approval = models.BooleanField(_("staff approve each new participant"), default=False)
    privacy_notice_version = models.CharField(
        _("privacy notice version"),
        max_length=100,
        help_text=_("The wording people consent to when they join, for example privacy-2019-05."),
    )
    welcome = models.TextField(_("welcome text"), blank=True)

    class Meta:
        verbose_name = _("sounding board")
        verbose_name_plural = _("sounding boards")

    def __str__(self) -> str:
        return f"Sounding board of {self.strategy}"


class Participant(TimeStampedModel):
    """A person taking part in a sounding board: how they are named, and what mail they want."""

    sounding_board = models.ForeignKey(
        SoundingBoard,
        verbose_name=_("sounding board"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ParticipantStatus.choices,
        default=ParticipantStatus.PENDING,
    )
    name_shown = models.CharField(
        _("name shown"),
        max_length=30,
        choices=NameShown.choices,
        default=NameShown.FULL_NAME,
    )
    notifications = models.CharField(
        _("email me"),
        max_length=10,
        choices=NotificationChoice.choices,
        default=NotificationChoice.IMMEDIATE,
    )
    decided_at = models.DateTimeField(_("approved or declined at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved or declined by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    left_at = models.DateTimeField(_("left at"), null=True, blank=True)
    digest_sent_at = models.DateTimeField(
        _("last weekly digest sent at"),
        null=True,
        blank=True,
        help_text=_("The next digest covers what happened after this moment."),
    )

    class Meta:
        ordering = ["sounding_board", "person__name"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(
                fields=["sounding_board", "person"],
                name="engagement_participant_unique",
                violation_error_message=_("This person already takes part in this sounding board."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=ParticipantStatus.values),
                name="engagement_participant_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} on {self.sounding_board}"


class Document(TimeStampedModel):
    """A draft document opened for reactions, paragraph by paragraph, between two moments."""

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="documents"
    )
    key = models.SlugField(
        _("key"), max_length=80, blank=True, help_text=_("A scenario file's name for it.")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    priorities = models.ManyToManyField(
        Priority, verbose_name=_("priorities"), blank=True, related_name="documents"
    )
    opens_at = models.DateTimeField(_("opens for reactions at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    moderation = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, default=Moderation.POST
    )
    evidence_item = models.ForeignKey(
        EvidenceItem,
        verbose_name=_("research"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="comment_windows",
        help_text=_("The research or evidence item this window asks comments on, if any."),
    )
    is_illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Made up for a demonstration: not a real record."),
    )

    class Meta:
        ordering = ["strategy", "-opens_at", "title"]
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=F("opens_at")),
                name="engagement_document_closes_after_opening",
                violation_error_message=_("A window must close after it opens."),
            ),
            models.UniqueConstraint(
                fields=["strategy", "key"],
                condition=~Q(key=""),
                name="engagement_document_key_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Paragraph(models.Model):
    """One paragraph of a document, whose text may be revised: its versions keep the comments."""

    document = models.ForeignKey(
        Document, verbose_name=_("document"), on_delete=models.CASCADE, related_name="paragraphs"
    )
    order = models.PositiveIntegerField(_("order"))
    heading = models.CharField(
        _("section heading"),
        max_length=200,
        blank=True,
        help_text=_("Shown above this paragraph when it starts a section."),
    )
    is_removed = models.BooleanField(
        _("removed"),
        default=False,
        help_text=_("Taken out of the current text; its comments stay readable."),
    )

    class Meta:
        ordering = ["document", "order"]
        verbose_name = _("paragraph")
        verbose_name_plural = _("paragraphs")
        constraints = [
            models.UniqueConstraint(
                fields=["document", "order"], name="engagement_paragraph_order_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"Paragraph {self.order} of {self.document}"


class ParagraphVersion(models.Model):
    """The text of a paragraph as it stood from one revision to the next."""

    paragraph = models.ForeignKey(
        Paragraph, verbose_name=_("paragraph"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"))
    created_at = models.DateTimeField(_("written at"), auto_now_add=True)

    class Meta:
        ordering = ["paragraph", "number"]
        verbose_name = _("paragraph version")
        verbose_name_plural = _("paragraph versions")
        constraints = [
            models.UniqueConstraint(
                fields=["paragraph", "number"], name="engagement_paragraph_version_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.paragraph}, version {self.number}"


class ModeratedContent(TimeStampedModel):
    """What a participant writes that a moderator may hide (with a reason) or restore."""

    status = models.CharField(
        _("moderation status"),
        max_length=10,
        choices=ContentStatus.choices,
        default=ContentStatus.PUBLISHED,
    )
    moderation_reason = models.TextField(
        _("reason"), blank=True, help_text=_("Shown to the author when it is hidden.")
    )
    moderator_note = models.TextField(
        _("moderators' note"), blank=True, help_text=_("Seen by moderators only.")
    )
    moderated_at = models.DateTimeField(_("moderated at"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("moderated by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        abstract = True


class Comment(ModeratedContent):
    """A participant's comment on one version of a paragraph, or a reply to another comment."""

    version = models.ForeignKey(
        ParagraphVersion,
        verbose_name=_("paragraph version"),
        on_delete=models.PROTECT,
        related_name="comments",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replies",
    )
    author = models.ForeignKey(
        Person,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="document_comments",
    )
    text = models.TextField(_("comment"))

    class Meta:
        ordering = ["version", "created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ContentStatus.values),
                name="engagement_comment_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"Comment by {self.author} on {self.version.paragraph}"


class CommentFlag(TimeStampedModel):
    """A participant's report that a comment breaks the rules, for moderators to look at."""

    comment = models.ForeignKey(
        Comment, verbose_name=_("comment"), on_delete=models.CASCADE, related_name="flags"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("flagged by"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("why"), blank=True)
    resolved_at = models.DateTimeField(_("dealt with at"), null=True, blank=True)

    class Meta:
        verbose_name = _("flag")
        verbose_name_plural = _("flags")
        constraints = [
            models.UniqueConstraint(
                fields=["comment", "person"], name="engagement_flag_once_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"Flag on {self.comment}"


class Reaction(TimeStampedModel):
    """A participant's support for, or concern about, a paragraph: one each, changeable."""

    paragraph = models.ForeignKey(
        Paragraph, verbose_name=_("paragraph"), on_delete=models.CASCADE, related_name="reactions"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("reaction"), max_length=10, choices=ParagraphReaction.choices)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        constraints = [
            models.UniqueConstraint(
                fields=["paragraph", "person"], name="engagement_reaction_one_per_person"
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ParagraphReaction.values),
                name="engagement_reaction_kind_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} from {self.person} on {self.paragraph}"


class Statement(ModeratedContent):
    """A short claim participants vote agree, disagree or pass on, one at a time."""

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="statements"
    )
    key = models.SlugField(
        _("key"), max_length=80, blank=True, help_text=_("A scenario file's name for it.")
    )
    kind = models.CharField(_("kind"), max_length=20, choices=StatementKind.choices)
    text = models.CharField(_("statement"), max_length=400)
    priority = models.ForeignKey(
        Priority,
        verbose_name=_("priority"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statements",
    )
    submitted_by = models.ForeignKey(
        Person,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="statements_submitted",
    )
    is_illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Made up for a demonstration: not a real record."),
    )

    class Meta:
        ordering = ["strategy", "pk"]
        verbose_name = _("statement")
        verbose_name_plural = _("statements")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ContentStatus.values),
                name="engagement_statement_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=StatementKind.values),
                name="engagement_statement_kind_valid",
            ),
            models.UniqueConstraint(
                fields=["strategy", "key"],
                condition=~Q(key=""),
                name="engagement_statement_key_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.text


class Vote(TimeStampedModel):
    """One participant's vote on one statement: one each, changeable."""

    statement = models.ForeignKey(
        Statement, verbose_name=_("statement"), on_delete=models.CASCADE, related_name="votes"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("voter"), on_delete=models.CASCADE, related_name="votes"
    )
    choice = models.CharField(_("vote"), max_length=10, choices=VoteChoice.choices)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["statement", "person"], name="engagement_vote_one_per_person"
            ),
            models.CheckConstraint(
                condition=Q(choice__in=VoteChoice.values), name="engagement_vote_choice_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_choice_display()} from {self.person}"


# Discussions: threads on a topic of the strategy, tied to a priority


class Discussion(TimeStampedModel):
    """A topic staff open for the sounding board to discuss, in threads, between two moments."""

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="discussions"
    )
    key = models.SlugField(
        _("key"), max_length=80, blank=True, help_text=_("A scenario file's name for it.")
    )
    title = models.CharField(_("topic"), max_length=200)
    prompt = models.TextField(
        _("what we ask"), help_text=_("The question or topic put to the sounding board.")
    )
    priority = models.ForeignKey(
        Priority,
        verbose_name=_("priority"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="discussions",
        help_text=_("Leave empty for a topic across the whole strategy."),
    )
    opens_at = models.DateTimeField(_("opens at"), null=True, blank=True)
    closes_at = models.DateTimeField(_("closes at"), null=True, blank=True)
    moderation = models.CharField(
        _("moderation"), max_length=10, choices=Moderation.choices, default=Moderation.POST
    )
    is_illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Made up for a demonstration: not a real record."),
    )

    class Meta:
        ordering = ["strategy", "-opens_at", "title"]
        verbose_name = _("discussion")
        verbose_name_plural = _("discussions")
        constraints = [
            models.CheckConstraint(
                condition=Q(opens_at__isnull=True)
                | Q(closes_at__isnull=True)
                | Q(closes_at__gt=F("opens_at")),
                name="engagement_discussion_closes_after_opening",
                violation_error_message=_("A discussion must close after it opens."),
            ),
            models.UniqueConstraint(
                fields=["strategy", "key"],
                condition=~Q(key=""),
                name="engagement_discussion_key_unique",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Post(ModeratedContent):
    """A participant's post in a discussion: a new thread, or a reply within one."""

    discussion = models.ForeignKey(
        Discussion, verbose_name=_("discussion"), on_delete=models.PROTECT, related_name="posts"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("in reply to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replies",
    )
    author = models.ForeignKey(
        Person,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="discussion_posts",
    )
    text = models.TextField(_("post"))

    class Meta:
        ordering = ["discussion", "created_at", "pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ContentStatus.values),
                name="engagement_post_status_valid",
            ),
        ]

    def __str__(self) -> str:
        return f"Post by {self.author} in {self.discussion}"


class PostFlag(TimeStampedModel):
    """A participant's report that a discussion post breaks the rules."""

    post = models.ForeignKey(
        Post, verbose_name=_("post"), on_delete=models.CASCADE, related_name="flags"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("flagged by"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("why"), blank=True)
    resolved_at = models.DateTimeField(_("dealt with at"), null=True, blank=True)

    class Meta:
        verbose_name = _("flag on a post")
        verbose_name_plural = _("flags on posts")
        constraints = [
            models.UniqueConstraint(
                fields=["post", "person"], name="engagement_post_flag_once_per_person"
            ),
        ]

    def __str__(self) -> str:
        return f"Flag on {self.post}"
