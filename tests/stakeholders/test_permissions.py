"""Who may see and change the stakeholder register: staff only, since it holds personal data."""

import pytest
from django.contrib.auth.models import AnonymousUser

from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.governance.factories import MembershipFactory
from tests.stakeholders.factories import PersonFactory

pytestmark = pytest.mark.django_db

RULES = [
    f"stakeholders.{action}_{model}"
    for model in ("area", "organisation", "person")
    for action in ("view", "add", "change", "delete")
]


@pytest.mark.parametrize("perm", RULES)
def test_staff_may(perm):
    assert StaffUserFactory().has_perm(perm, PersonFactory())


@pytest.mark.parametrize("perm", RULES)
def test_members_of_bodies_may_not(perm):
    user = UserFactory()
    MembershipFactory(person=PersonFactory(user=user))
    assert not user.has_perm(perm, PersonFactory())


@pytest.mark.parametrize("perm", RULES)
def test_anonymous_people_may_not(perm):
    assert not AnonymousUser().has_perm(perm, PersonFactory())
