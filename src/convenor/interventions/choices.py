"""Choices used by interventions, their supporters, delivery milestones and progress updates."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class InterventionStage(models.TextChoices):
    """Where an intervention is in its lifecycle, in order; parked stands apart."""

    IDEA = "idea", _("Idea")
    WORKED_UP = "worked_up", _("Worked up")
    TESTED = "tested", _("Tested in engagement")
    SUPPORTED = "supported", _("Supported")
    AGREED = "agreed", _("Agreed with Government")
    IN_DELIVERY = "in_delivery", _("In delivery")
    PARKED = "parked", _("Parked")


# The lifecycle in order, for "at least tested" and for columns on the dashboard.
LIFECYCLE = [
    InterventionStage.IDEA,
    InterventionStage.WORKED_UP,
    InterventionStage.TESTED,
    InterventionStage.SUPPORTED,
    InterventionStage.AGREED,
    InterventionStage.IN_DELIVERY,
]


def stages_from(stage: InterventionStage) -> list[InterventionStage]:
    """The lifecycle stages at or after `stage` (never parked): "tested or later"."""
    return LIFECYCLE[LIFECYCLE.index(stage) :]


class SupportForm(models.TextChoices):
    """How an organisation said it supports an intervention."""

    LETTER = "letter", _("Letter")
    MEETING = "meeting", _("At a meeting")
    VOTE = "vote", _("By a vote")


class CostBand(models.TextChoices):
    UNDER_100K = "under_100k", _("Under £100,000")
    TO_1M = "100k_1m", _("£100,000 to £1 million")
    TO_10M = "1m_10m", _("£1 million to £10 million")
    OVER_10M = "over_10m", _("Over £10 million")


class Timescale(models.TextChoices):
    UNDER_1_YEAR = "under_1", _("Under a year")
    ONE_TO_3_YEARS = "1_3", _("One to three years")
    THREE_TO_5_YEARS = "3_5", _("Three to five years")
    OVER_5_YEARS = "over_5", _("Over five years")


class DeliveryStatus(models.TextChoices):
    """How delivery stands at a progress update."""

    ON_TRACK = "on_track", _("On track")
    AT_RISK = "at_risk", _("At risk")
    OFF_TRACK = "off_track", _("Off track")
    COMPLETE = "complete", _("Complete")
