"""Choices used by meetings, invitations, decisions and actions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    PAPERS_PUBLISHED = "papers_published", _("Papers published")
    HELD = "held", _("Held")
    MINUTES_APPROVED = "minutes_approved", _("Minutes approved")
    CANCELLED = "cancelled", _("Cancelled")


class MeetingFocus(models.TextChoices):
    """What a roundtable or workshop is for (paper, 1.4.6): shaping the strategy, or delivery."""

    FORMATIVE = "formative", _("Formative: developing the strategy")
    DELIVERY = "delivery", _("Delivery: giving effect to the agreed strategy")


class InvitationRole(models.TextChoices):
    MEMBER = "member", _("Member")
    INVITED_EXPERT = "invited_expert", _("Outside expert invited to this meeting")
    PRESENTER = "presenter", _("Presenter")
    OBSERVER = "observer", _("Observer")
    SECRETARIAT = "secretariat", _("Secretariat")


class InvitationResponse(models.TextChoices):
    PENDING = "pending", _("No reply yet")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Attendance(models.TextChoices):
    NOT_RECORDED = "not_recorded", _("Not recorded")
    PRESENT = "present", _("Present")
    APOLOGIES = "apologies", _("Sent apologies")
    ABSENT = "absent", _("Absent")


class DecisionVerb(models.TextChoices):
    """What a body is asked to do, in the paper's own form: "The Board is asked to NOTE ..."."""

    NOTE = "note", _("NOTE")
    AGREE = "agree", _("AGREE")
    ENDORSE = "endorse", _("ENDORSE")
    APPROVE = "approve", _("APPROVE")


class DecisionOutcome(models.TextChoices):
    PENDING = "pending", _("Not yet taken")
    AS_ASKED = "as_asked", _("As asked")
    AMENDED = "amended", _("With an amendment")
    NOT_AGREED = "not_agreed", _("Not agreed")
    DEFERRED = "deferred", _("Deferred")


# The past tense of each verb, for "NOTED", "AGREED" in minutes and on public pages.
DECISION_VERB_DONE = {
    DecisionVerb.NOTE: _("Noted"),
    DecisionVerb.AGREE: _("Agreed"),
    DecisionVerb.ENDORSE: _("Endorsed"),
    DecisionVerb.APPROVE: _("Approved"),
}


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    DROPPED = "dropped", _("Dropped")
