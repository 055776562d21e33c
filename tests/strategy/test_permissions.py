"""Who may do what to strategies, stages and milestones: one test per rule and predicate."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.governance.factories import BodyFactory, MembershipFactory
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import MilestoneFactory, StageFactory, StrategyFactory

pytestmark = pytest.mark.django_db

STAFF_ONLY = [
    "strategy.add_strategy",
    "strategy.change_strategy",
    "strategy.delete_strategy",
    "strategy.add_stage",
    "strategy.change_stage",
    "strategy.delete_stage",
    "strategy.add_milestone",
    "strategy.change_milestone",
    "strategy.delete_milestone",
    "strategy.add_priority",
    "strategy.delete_priority",
]


def member_of_a_body_of(strategy):
    user = UserFactory()
    MembershipFactory(body=BodyFactory(strategy=strategy), person=PersonFactory(user=user))
    return user


@pytest.mark.parametrize("perm", STAFF_ONLY)
def test_staff_may(perm):
    assert StaffUserFactory().has_perm(perm, StrategyFactory())


@pytest.mark.parametrize("perm", STAFF_ONLY)
def test_members_of_a_body_of_the_strategy_may_not(perm):
    strategy = StrategyFactory()
    assert not member_of_a_body_of(strategy).has_perm(perm, strategy)


@pytest.mark.parametrize("perm", STAFF_ONLY)
def test_anonymous_people_may_not(perm):
    assert not AnonymousUser().has_perm(perm, StrategyFactory())


def test_staff_may_change_stages_and_milestones_checked_against_the_row():
    staff = StaffUserFactory()
    assert staff.has_perm("strategy.change_stage", StageFactory())
    assert staff.has_perm("strategy.delete_milestone", MilestoneFactory())


def test_everyone_may_view_a_public_strategy():
    strategy = StrategyFactory(is_public=True)
    assert AnonymousUser().has_perm("strategy.view_strategy", strategy)
    assert UserFactory().has_perm("strategy.view_strategy", strategy)


def test_only_staff_may_view_a_strategy_that_is_not_public():
    strategy = StrategyFactory(is_public=False)
    assert not AnonymousUser().has_perm("strategy.view_strategy", strategy)
    assert not UserFactory().has_perm("strategy.view_strategy", strategy)
    assert StaffUserFactory().has_perm("strategy.view_strategy", strategy)
