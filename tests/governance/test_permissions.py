"""Who may change priorities, lines of enquiry, bodies and memberships: a test per predicate.

Members of a body that steers a priority may change it and its lines of enquiry; staff may
change everything; nobody else may change anything.
"""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.governance.factories import BodyFactory, BodyPriorityFactory, MembershipFactory
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import LineOfEnquiryFactory, PriorityFactory

pytestmark = pytest.mark.django_db

MEMBER_RULES = [
    "strategy.change_priority",
    "strategy.add_lineofenquiry",
    "strategy.change_lineofenquiry",
    "strategy.delete_lineofenquiry",
]
STAFF_ONLY = [
    f"governance.{action}_{model}"
    for model in ("body", "bodypriority", "membership")
    for action in ("add", "change", "delete")
]


def target_for(perm, priority):
    """Priority rules are checked against the priority; enquiry rules against an enquiry."""
    if perm.endswith("_lineofenquiry") and not perm.startswith("strategy.add"):
        return LineOfEnquiryFactory(priority=priority)
    return priority


def member_of_body_steering(priority, **membership):
    user = UserFactory()
    body = BodyFactory(strategy=priority.strategy)
    BodyPriorityFactory(body=body, priority=priority)
    MembershipFactory(body=body, person=PersonFactory(user=user), **membership)
    return user


@pytest.mark.parametrize("perm", MEMBER_RULES)
def test_staff_may(perm):
    priority = PriorityFactory()
    assert StaffUserFactory().has_perm(perm, target_for(perm, priority))


@pytest.mark.parametrize("perm", MEMBER_RULES)
def test_a_member_of_a_steering_body_may_for_that_priority(perm):
    priority = PriorityFactory()
    user = member_of_body_steering(priority)
    assert user.has_perm(perm, target_for(perm, priority))


@pytest.mark.parametrize("perm", MEMBER_RULES)
def test_a_member_of_a_steering_body_may_not_for_another_priority(perm):
    priority = PriorityFactory()
    other = PriorityFactory(strategy=priority.strategy)
    user = member_of_body_steering(priority)
    assert not user.has_perm(perm, target_for(perm, other))


@pytest.mark.parametrize("perm", MEMBER_RULES)
def test_a_member_whose_membership_has_ended_may_not(perm):
    priority = PriorityFactory()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    user = member_of_body_steering(priority, ends_on=yesterday)
    assert not user.has_perm(perm, target_for(perm, priority))


@pytest.mark.parametrize("perm", MEMBER_RULES)
def test_a_member_whose_membership_has_not_started_may_not(perm):
    priority = PriorityFactory()
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    user = member_of_body_steering(priority, starts_on=tomorrow)
    assert not user.has_perm(perm, target_for(perm, priority))


@pytest.mark.parametrize("perm", MEMBER_RULES)
def test_a_member_of_a_body_that_does_not_steer_it_may_not(perm):
    priority = PriorityFactory()
    user = UserFactory()
    MembershipFactory(body=BodyFactory(strategy=priority.strategy), person=PersonFactory(user=user))
    assert not user.has_perm(perm, target_for(perm, priority))


@pytest.mark.parametrize("perm", MEMBER_RULES)
def test_anonymous_people_may_not(perm):
    priority = PriorityFactory()
    assert not AnonymousUser().has_perm(perm, target_for(perm, priority))


@pytest.mark.parametrize("perm", STAFF_ONLY)
def test_staff_may_manage_bodies(perm):
    assert StaffUserFactory().has_perm(perm, BodyFactory())


@pytest.mark.parametrize("perm", STAFF_ONLY)
def test_members_of_the_body_may_not_manage_it(perm):
    body = BodyFactory()
    user = UserFactory()
    MembershipFactory(body=body, person=PersonFactory(user=user))
    assert not user.has_perm(perm, body)


@pytest.mark.parametrize("perm", STAFF_ONLY)
def test_anonymous_people_may_not_manage_bodies(perm):
    assert not AnonymousUser().has_perm(perm, BodyFactory())
