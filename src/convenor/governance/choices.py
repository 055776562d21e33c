"""Choices used by bodies and memberships."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    BOARD = "board", _("Board")
    STEERING_GROUP = "steering_group", _("Steering group")
    ACTION_GROUP = "action_group", _("Action group")
    LEADERS_BOARD = "leaders_board", _("Leaders' board")
    OFFICERS_GROUP = "officers_group", _("Officers' group")
    SOUNDING_BOARD = "sounding_board", _("Sounding board")
    WORKING_GROUP = "working_group", _("Working group")
    ROUNDTABLE_SERIES = "roundtable_series", _("Roundtable series")
    HEI_GROUP = "hei_group", _("Higher education group")
    OTHER = "other", _("Other")


class Openness(models.TextChoices):
    CLOSED = "closed", _("Closed")
    BY_INVITATION = "by_invitation", _("By invitation")
    OPEN = "open", _("Open to anyone")


class MembershipRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    VICE_CHAIR = "vice_chair", _("Vice chair")
    CORE_MEMBER = "core_member", _("Core member")
    MEMBER = "member", _("Member")
    INVITED_EXPERT = "invited_expert", _("Invited expert")
    OBSERVER = "observer", _("Observer")
    SECRETARIAT = "secretariat", _("Secretariat")


# The order in which roles are listed on a body's page: chair first, secretariat last.
MEMBERSHIP_ROLE_ORDER = {role: index for index, role in enumerate(MembershipRole.values)}
