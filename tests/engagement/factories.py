"""Factories for activities, invitations, contributions, follow-ups, relationships and segments."""

import datetime
from zoneinfo import ZoneInfo

import factory

from convenor.engagement.choices import ActivityKind, ContributionKind
from convenor.engagement.models import (
    Activity,
    ActivityInvitation,
    ActivityMaterial,
    Contribution,
    FollowUp,
    Relationship,
    Segment,
)
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import StrategyFactory

LONDON = ZoneInfo("Europe/London")


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    strategy = factory.SubFactory(StrategyFactory)
    kind = ActivityKind.WORKSHOP
    title = factory.Sequence(lambda n: f"Workshop {n}")
    starts_at = datetime.datetime(2019, 6, 12, 10, 0, tzinfo=LONDON)
    ends_at = factory.LazyAttribute(
        lambda activity: activity.starts_at + datetime.timedelta(hours=3)
    )
    place = "Enterprise M3 offices, Basingstoke"


class ActivityMaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityMaterial

    activity = factory.SubFactory(ActivityFactory)
    title = factory.Sequence(lambda n: f"Briefing {n}")
    url = "https://www.enterprisem3.org.uk/"


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    activity = factory.SubFactory(ActivityFactory)
    text = factory.Sequence(lambda n: f"Follow up {n}")


class ActivityInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityInvitation

    activity = factory.SubFactory(ActivityFactory)
    person = factory.SubFactory(PersonFactory)


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    activity = factory.SubFactory(ActivityFactory)
    kind = ContributionKind.IDEA
    text = factory.Sequence(lambda n: f"Contribution {n}")
    author = factory.SubFactory(PersonFactory)
    made_on = datetime.date(2019, 6, 12)

    @factory.post_generation
    def priorities(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create and extracted:
            self.priorities.set(extracted)  # type: ignore[attr-defined]


class RelationshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relationship

    person = factory.SubFactory(PersonFactory)


class SegmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Segment

    name = factory.Sequence(lambda n: f"Segment {n}")
