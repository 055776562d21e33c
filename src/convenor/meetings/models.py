"""Meetings of bodies and joint sessions: agendas, papers, attendance, decisions, actions."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from convenor.core.models import TimeStampedModel
from convenor.governance.models import Body
from convenor.meetings.choices import (
    DECISION_VERB_DONE,
    ActionStatus,
    Attendance,
    DecisionOutcome,
    DecisionVerb,
    InvitationResponse,
    InvitationRole,
    MeetingFocus,
    MeetingStatus,
)
from convenor.stakeholders.models import Person
from convenor.strategy.models import Priority, Strategy

PAPER_EXTENSIONS = ["pdf", "docx", "doc", "odt", "xlsx", "xls", "ods", "pptx", "csv", "txt"]


def check_item_of_meeting(row: Paper | Decision | Action) -> None:
    """A row tied to an agenda item must be tied to that item's meeting too."""
    item = row.agenda_item if row.agenda_item_id else None
    if item is not None and item.meeting_id != row.meeting_id:
        raise ValidationError({"agenda_item": _("Choose an item of this meeting's agenda.")})


class Meeting(TimeStampedModel):
    """A meeting of a body, or a joint session of several bodies, with its papers and minutes."""

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="meetings"
    )
    body = models.ForeignKey(
        Body,
        verbose_name=_("convening body"),
        on_delete=models.CASCADE,
        related_name="meetings",
    )
    joint_bodies = models.ManyToManyField(
        Body,
        verbose_name=_("joint session with"),
        blank=True,
        related_name="joint_meetings",
        help_text=_("Other bodies taking part, for a joint session."),
    )
    title = models.CharField(_("title"), max_length=200)
    purpose = models.TextField(_("purpose"), blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    location = models.CharField(_("place"), max_length=300, blank=True)
    online_url = models.URLField(_("online meeting link"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    host = models.ForeignKey(
        Person,
        verbose_name=_("host"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="meetings_hosted",
        help_text=_("The board member hosting a roundtable or workshop."),
    )
    focus = models.CharField(
        _("focus"),
        max_length=20,
        choices=MeetingFocus.choices,
        blank=True,
        help_text=_("For roundtables and workshops: shaping the strategy, or its delivery."),
    )
    papers_published_at = models.DateTimeField(_("papers published at"), null=True, blank=True)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_published_at = models.DateTimeField(_("minutes published at"), null=True, blank=True)
    minutes_approved_on = models.DateField(_("minutes approved on"), null=True, blank=True)
    cancellation_reason = models.CharField(_("reason for cancelling"), max_length=300, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        indexes = [models.Index(fields=["strategy", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="meetings_meeting_ends_after_start",
                violation_error_message=_("A meeting must end after it starts."),
            ),
            models.CheckConstraint(
                condition=~Q(status=MeetingStatus.CANCELLED) | ~Q(cancellation_reason=""),
                name="meetings_meeting_cancel_reason",
                violation_error_message=_("Say why the meeting was cancelled."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%-d %B %Y})"

    def clean(self) -> None:
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("A meeting must end after it starts.")})
        if self.status == MeetingStatus.CANCELLED and not self.cancellation_reason.strip():
            raise ValidationError({"cancellation_reason": _("Say why the meeting was cancelled.")})
        body = self.body if self.body_id else None
        if body is not None and self.strategy_id and body.strategy_id != self.strategy_id:
            raise ValidationError({"body": _("Choose a body of the same strategy.")})


class AgendaItem(TimeStampedModel):
    """One item on a meeting's agenda, tied to the priorities it concerns."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="agenda_items"
    )
    order = models.PositiveSmallIntegerField(_("item number"))
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(_("description"), blank=True)
    priorities = models.ManyToManyField(
        Priority, verbose_name=_("priorities"), blank=True, related_name="agenda_items"
    )
    presenter = models.ForeignKey(
        Person,
        verbose_name=_("presenter"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="agenda_items_presented",
    )
    is_confidential = models.BooleanField(
        _("confidential"),
        default=False,
        help_text=_("Taken in private: its papers and minutes are never published."),
    )

    class Meta:
        ordering = ["meeting", "order"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "order"],
                name="meetings_agendaitem_order_unique",
                violation_error_message=_("Another item already has this number."),
            ),
        ]

    def __str__(self) -> str:
        return f"Item {self.order}: {self.title}"


class Paper(TimeStampedModel):
    """A document for a meeting, usually for one agenda item."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="papers"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="papers",
    )
    title = models.CharField(_("title"), max_length=300)
    file = models.FileField(
        _("file"),
        upload_to="papers/%Y/%m/",
        validators=[FileExtensionValidator(PAPER_EXTENSIONS)],
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        # Papers for the whole meeting first, then by item, the same on every database.
        ordering = ["meeting", F("agenda_item__order").asc(nulls_first=True), "title"]
        verbose_name = _("paper")
        verbose_name_plural = _("papers")

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        super().clean()
        check_item_of_meeting(self)


class Invitation(TimeStampedModel):
    """That a person is invited to a meeting, how they replied, and whether they came."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="invitations"
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="invitations"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=InvitationRole.choices, default=InvitationRole.MEMBER
    )
    sent_at = models.DateTimeField(_("invitation sent at"), null=True, blank=True)
    response = models.CharField(
        _("reply"),
        max_length=10,
        choices=InvitationResponse.choices,
        default=InvitationResponse.PENDING,
    )
    attendance = models.CharField(
        _("attendance"), max_length=20, choices=Attendance.choices, default=Attendance.NOT_RECORDED
    )

    class Meta:
        ordering = ["meeting", "person__name"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "person"],
                name="meetings_invitation_unique",
                violation_error_message=_("This person is already invited to this meeting."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} to {self.meeting}"


class Decision(TimeStampedModel):
    """What a body was asked to do ("NOTE the proposed approach ..."), and what it decided."""

    meeting = models.ForeignKey(
        Meeting, verbose_name=_("meeting"), on_delete=models.CASCADE, related_name="decisions"
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decisions",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    verb = models.CharField(_("asked to"), max_length=10, choices=DecisionVerb.choices)
    text = models.TextField(
        _("what"), help_text=_("What follows the verb, for example: the proposed approach to ...")
    )
    outcome = models.CharField(
        _("outcome"),
        max_length=20,
        choices=DecisionOutcome.choices,
        default=DecisionOutcome.PENDING,
    )
    amendment = models.TextField(_("amendment"), blank=True)

    class Meta:
        ordering = ["meeting", "order", "id"]
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        constraints = [
            models.CheckConstraint(
                condition=~Q(outcome=DecisionOutcome.AMENDED) | ~Q(amendment=""),
                name="meetings_decision_amendment_given",
                violation_error_message=_("Give the amendment."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_verb_display()} {self.text[:80]}"

    def clean(self) -> None:
        super().clean()
        if self.outcome == DecisionOutcome.AMENDED and not self.amendment.strip():
            raise ValidationError({"amendment": _("Give the amendment the body made.")})
        check_item_of_meeting(self)

    @property
    def outcome_text(self) -> str:
        """The outcome in words: "Noted", "Agreed with an amendment", "Not agreed"."""
        done = str(DECISION_VERB_DONE[DecisionVerb(self.verb)])
        if self.outcome == DecisionOutcome.AS_ASKED:
            return done
        if self.outcome == DecisionOutcome.AMENDED:
            return f"{done} with an amendment"
        return str(self.get_outcome_display())


class Action(TimeStampedModel):
    """Something a person agreed to do, by when, and how it is going."""

    strategy = models.ForeignKey(
        Strategy, verbose_name=_("strategy"), on_delete=models.CASCADE, related_name="actions"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("meeting"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="actions",
    )
    description = models.TextField(_("action"))
    owner = models.ForeignKey(
        Person, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="actions_owned"
    )
    due_on = models.DateField(_("due on"))
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        indexes = [models.Index(fields=["strategy", "status", "due_on"])]

    def __str__(self) -> str:
        return self.description[:100]

    def clean(self) -> None:
        super().clean()
        meeting = self.meeting if self.meeting_id else None
        if meeting is not None and self.strategy_id and meeting.strategy_id != self.strategy_id:
            raise ValidationError({"meeting": _("Choose a meeting of the same strategy.")})
        check_item_of_meeting(self)


class ActionUpdate(models.Model):
    """A progress note on an action, with the status it left the action in."""

    action = models.ForeignKey(
        Action, verbose_name=_("action"), on_delete=models.CASCADE, related_name="updates"
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.TextField(_("progress note"))
    status = models.CharField(_("status after"), max_length=20, choices=ActionStatus.choices)

    class Meta:
        ordering = ["action", "at", "id"]
        verbose_name = _("action update")
        verbose_name_plural = _("action updates")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d}: {self.note[:80]}"


class Declaration(TimeStampedModel):
    """A declaration of interest made by a person on an agenda item, and what they did about it."""

    agenda_item = models.ForeignKey(
        AgendaItem,
        verbose_name=_("agenda item"),
        on_delete=models.CASCADE,
        related_name="declarations",
    )
    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="declarations"
    )
    interest = models.TextField(_("interest declared"))
    action_taken = models.CharField(
        _("action taken"),
        max_length=300,
        blank=True,
        help_text=_("For example: left the meeting for this item."),
    )

    class Meta:
        ordering = ["agenda_item", "person__name"]
        verbose_name = _("declaration of interest")
        verbose_name_plural = _("declarations of interest")

    def __str__(self) -> str:
        return f"{self.person}: {self.interest[:80]}"
