"""Factories for interventions, their supporters, milestones and progress updates."""

import datetime

import factory

from convenor.core import clock
from convenor.interventions.choices import DeliveryStatus, SupportForm
from convenor.interventions.models import (
    DeliveryMilestone,
    Intervention,
    ProgressUpdate,
    StageChange,
    Support,
)
from tests.stakeholders.factories import OrganisationFactory
from tests.strategy.factories import PriorityFactory


class InterventionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Intervention

    priority = factory.SubFactory(PriorityFactory)
    title = factory.Sequence(lambda n: f"Intervention {n}")
    description = "What would be done, by whom, for whom."


class SupportFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Support

    intervention = factory.SubFactory(InterventionFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    given_on = datetime.date(2019, 5, 1)
    form = SupportForm.LETTER


class StageChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StageChange

    intervention = factory.SubFactory(InterventionFactory)
    to_stage = factory.SelfAttribute("intervention.stage")
    at = factory.LazyFunction(clock.now)
    reason = "Worked up with partners."


class DeliveryMilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DeliveryMilestone

    intervention = factory.SubFactory(InterventionFactory)
    title = factory.Sequence(lambda n: f"Milestone {n}")
    due_on = datetime.date(2020, 3, 31)


class ProgressUpdateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProgressUpdate

    intervention = factory.SubFactory(InterventionFactory)
    reported_on = datetime.date(2020, 1, 15)
    status = DeliveryStatus.ON_TRACK
    text = "Going to plan."
