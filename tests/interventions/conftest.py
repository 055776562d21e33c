"""A strategy with a LEP, two priorities each steered by an action group, members and staff."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import pytest

from convenor.accounts.models import User
from convenor.interventions.models import Intervention
from convenor.stakeholders.models import Organisation
from convenor.strategy.models import Priority, Strategy
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.governance.factories import BodyFactory, BodyPriorityFactory, MembershipFactory
from tests.interventions.factories import InterventionFactory
from tests.stakeholders.factories import OrganisationFactory, PersonFactory
from tests.strategy.factories import PriorityFactory, StrategyFactory

LONDON = ZoneInfo("Europe/London")
AS_OF = datetime.datetime(2020, 2, 10, 12, 0, tzinfo=LONDON)


@dataclass
class World:
    """The strategy, its two priorities, an intervention on the first, and who is who."""

    strategy: Strategy
    lep: Organisation
    priority: Priority
    other_priority: Priority
    intervention: Intervention
    staff: User
    member: User
    other_member: User
    outsider: User


def member_of_group_steering(priority: Priority) -> User:
    """A user who is a current member of an action group steering `priority`."""
    body = BodyFactory(strategy=priority.strategy)
    BodyPriorityFactory(body=body, priority=priority)
    user = UserFactory()
    MembershipFactory(body=body, person=PersonFactory(user=user))
    return user


@pytest.fixture
def world(settings) -> World:
    settings.CONVENOR_AS_OF = AS_OF
    lep = OrganisationFactory(name="Enterprise M3 LEP")
    strategy = StrategyFactory(lead_organisation=lep)
    priority = PriorityFactory(strategy=strategy, title="Towns")
    other_priority = PriorityFactory(strategy=strategy, title="Skills")
    return World(
        strategy=strategy,
        lep=lep,
        priority=priority,
        other_priority=other_priority,
        intervention=InterventionFactory(priority=priority, title="Town centre fund"),
        staff=StaffUserFactory(),
        member=member_of_group_steering(priority),
        other_member=member_of_group_steering(other_priority),
        outsider=UserFactory(),
    )
