"""Choices used by engagement activities, invitations, contributions and relationships."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    WORKSHOP = "workshop", _("Workshop")
    ROUNDTABLE = "roundtable", _("Roundtable")
    WORKING_GROUP_SESSION = "working_group_session", _("Working group session")
    ACTION_LEARNING_SET = "action_learning_set", _("Action learning set")
    BOARD_WORKSHOP = "board_workshop", _("Board workshop")
    WEBINAR = "webinar", _("Webinar")
    ONE_TO_ONE = "one_to_one", _("One-to-one")
    SURVEY = "survey", _("Survey")
    DOCUMENT_REACTION_WINDOW = "document_reaction_window", _("Document reaction window")
    RESEARCH_COMMENT_WINDOW = "research_comment_window", _("Research comment window")


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    INVITATIONS_SENT = "invitations_sent", _("Invitations sent")
    HELD = "held", _("Held")
    WRITTEN_UP = "written_up", _("Written up")
    CANCELLED = "cancelled", _("Cancelled")


class Rsvp(models.TextChoices):
    """An invitee's reply to an activity invitation."""

    PENDING = "pending", _("No reply yet")
    ACCEPTED = "accepted", _("Coming")
    DECLINED = "declined", _("Not coming")
    WAITING = "waiting", _("On the waiting list")


class ActivityAttendance(models.TextChoices):
    NOT_RECORDED = "not_recorded", _("Not recorded")
    ATTENDED = "attended", _("Attended")
    ABSENT = "absent", _("Did not attend")


class InvitedVia(models.TextChoices):
    """Which audience brought a person onto an activity's invitation list."""

    BODY = "body", _("Members of a body")
    SEGMENT = "segment", _("A saved segment of the register")
    HAND_PICKED = "hand_picked", _("Picked by hand")
    SIGN_UP = "sign_up", _("Signed up on the sounding board")


class ContributionKind(models.TextChoices):
    NOTE = "note", _("Note")
    COMMENT = "comment", _("Comment")
    IDEA = "idea", _("Idea")
    WRITTEN_RESPONSE = "written_response", _("Written response")


class Level(models.IntegerChoices):
    """A step on the power or the interest axis of the power/interest grid."""

    VERY_LOW = 1, _("Very low")
    LOW = 2, _("Low")
    HIGH = 3, _("High")
    VERY_HIGH = 4, _("Very high")


class Quadrant(models.TextChoices):
    """The four quadrants of the power/interest grid, and what each asks of us."""

    MANAGE_CLOSELY = "manage_closely", _("Manage closely")
    KEEP_SATISFIED = "keep_satisfied", _("Keep satisfied")
    KEEP_INFORMED = "keep_informed", _("Keep informed")
    MONITOR = "monitor", _("Monitor")


def quadrant_of(*, power: int, interest: int) -> Quadrant:
    """The quadrant of a power and an interest level: high is Level.HIGH or above."""
    high_power, high_interest = power >= Level.HIGH, interest >= Level.HIGH
    if high_power and high_interest:
        return Quadrant.MANAGE_CLOSELY
    if high_power:
        return Quadrant.KEEP_SATISFIED
    if high_interest:
        return Quadrant.KEEP_INFORMED
    return Quadrant.MONITOR


# The sounding board: joining, documents open for reactions, statements


class ParticipantStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    MEMBER = "member", _("Member")
    DECLINED = "declined", _("Not approved")
    LEFT = "left", _("Left")


class NameShown(models.TextChoices):
    """How a participant's name appears beside what they write."""

    FULL_NAME = "full_name", _("My full name")
    FULL_NAME_AND_ORGANISATION = "full_name_and_organisation", _("My full name and organisation")
    INITIALS = "initials", _("My initials only")


class NotificationChoice(models.TextChoices):
    IMMEDIATE = "immediate", _("As things happen")
    WEEKLY = "weekly", _("A weekly digest")
    NONE = "none", _("No email")


class Moderation(models.TextChoices):
    """Whether a window's comments show at once (post-moderation) or after a moderator's check."""

    POST = "post", _("Shown at once, moderated afterwards")
    PRE = "pre", _("Shown once a moderator approves them")


class ContentStatus(models.TextChoices):
    """Where a comment or a submitted statement stands in moderation."""

    PENDING = "pending", _("Waiting for moderation")
    PUBLISHED = "published", _("Published")
    HIDDEN = "hidden", _("Hidden by a moderator")


class ParagraphReaction(models.TextChoices):
    SUPPORT = "support", _("Support")
    CONCERN = "concern", _("Concern")


class StatementKind(models.TextChoices):
    INTERVENTION = "intervention", _("Candidate intervention")
    NARRATIVE = "narrative", _("Claim of the emerging narrative")
    PARTICIPANT = "participant", _("Submitted by a participant")


class VoteChoice(models.TextChoices):
    AGREE = "agree", _("Agree")
    DISAGREE = "disagree", _("Disagree")
    PASS = "pass", _("Pass / unsure")
