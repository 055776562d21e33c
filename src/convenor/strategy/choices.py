"""Choices used by strategies, stages, priorities and lines of enquiry."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class StageStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    CURRENT = "current", _("Current")
    COMPLETE = "complete", _("Complete")


class StageKind(models.TextChoices):
    """Which of the paper's stages a stage is: its exit criteria (strategy.gates) follow from it."""

    SET_UP = "set_up", _("Set up")
    DEVELOP = "develop", _("Develop")
    ENGAGE = "engage", _("Engage")
    ASSEMBLE = "assemble", _("Assemble")
    AGREE = "agree", _("Agree")
    PUBLISH = "publish", _("Publish")
    OTHER = "other", _("Other")


class LepRole(models.TextChoices):
    """What the partnership itself does on a priority (paper, paragraph 1.1)."""

    CONVENING = "convening", _("Convening and facilitating")
    DEVELOPING = "developing", _("Actively developing propositions")
    BOTH = "both", _("Both convening and developing propositions")


class PriorityStatus(models.TextChoices):
    SCOPING = "scoping", _("Scoping")
    DEVELOPING = "developing", _("In development")
    ENGAGING = "engaging", _("In engagement")
    ASSEMBLING = "assembling", _("Being assembled")
    AGREED = "agreed", _("Agreed")


class EnquiryStatus(models.TextChoices):
    OPEN = "open", _("Open")
    BEING_ANSWERED = "being_answered", _("Being answered")
    ANSWERED = "answered", _("Answered")
    PARKED = "parked", _("Parked")
