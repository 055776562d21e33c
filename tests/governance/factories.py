"""Factories for bodies, the priorities they steer, and memberships."""

import factory

from convenor.governance.choices import BodyKind, MembershipRole, Openness
from convenor.governance.models import Body, BodyPriority, Membership
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import PriorityFactory, StrategyFactory


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    strategy = factory.SubFactory(StrategyFactory)
    slug = factory.Sequence(lambda n: f"body-{n}")
    name = factory.Sequence(lambda n: f"Action group {n}")
    kind = BodyKind.ACTION_GROUP
    openness = Openness.BY_INVITATION


class BodyPriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BodyPriority

    body = factory.SubFactory(BodyFactory)
    priority = factory.SubFactory(
        PriorityFactory, strategy=factory.SelfAttribute("..body.strategy")
    )


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    body = factory.SubFactory(BodyFactory)
    person = factory.SubFactory(PersonFactory)
    role = MembershipRole.MEMBER
