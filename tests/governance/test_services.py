"""Writes to bodies: the priorities they steer and lead, and memberships."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from convenor.core.models import AuditEvent
from convenor.governance import services
from convenor.governance.models import BodyPriority
from tests.accounts.factories import StaffUserFactory
from tests.governance.factories import BodyFactory, BodyPriorityFactory, MembershipFactory
from tests.strategy.factories import PriorityFactory

pytestmark = pytest.mark.django_db


def test_body_priorities_set_adds_removes_and_changes_the_lead():
    actor = StaffUserFactory()
    body = BodyFactory()
    towns, digital, housing = (
        PriorityFactory(strategy=body.strategy, number=n, title=t)
        for n, t in ((3, "Towns"), (4, "Digital"), (7, "Housing"))
    )
    BodyPriorityFactory(body=body, priority=towns, leads=True)
    BodyPriorityFactory(body=body, priority=housing)

    links = services.body_priorities_set(
        body=body, actor=actor, steers=[towns, digital], leads=[digital]
    )

    assert [(link.priority.number, link.leads) for link in links] == [(3, False), (4, True)]
    assert sorted(
        BodyPriority.objects.filter(body=body).values_list("priority__number", "leads")
    ) == [(3, False), (4, True)]
    assert sorted(AuditEvent.objects.values_list("verb", "target_repr")) == [
        ("changed", f"{body} steers 3. Towns"),
        ("created", f"{body} steers 4. Digital"),
        ("deleted", f"{body} steers 7. Housing"),
    ]


def test_a_body_may_only_lead_what_it_steers():
    body = BodyFactory()
    towns = PriorityFactory(strategy=body.strategy, number=3, title="Towns")
    with pytest.raises(ValidationError) as error:
        services.body_priorities_set(body=body, actor=None, steers=[], leads=[towns])
    assert error.value.message_dict == {
        "leads": ["To lead 3. Towns, this body must also steer it."]
    }
    assert not BodyPriority.objects.exists()


def test_a_body_may_not_steer_another_strategys_priority():
    body = BodyFactory()
    elsewhere = PriorityFactory(number=1, title="Elsewhere")
    with pytest.raises(ValidationError) as error:
        services.body_priorities_set(body=body, actor=None, steers=[elsewhere], leads=[])
    assert error.value.message_dict == {
        "steers": ["1. Elsewhere is a priority of another strategy."]
    }


def test_membership_end_keeps_the_record():
    actor = StaffUserFactory()
    membership = MembershipFactory(starts_on=datetime.date(2019, 1, 1))
    services.membership_end(membership=membership, actor=actor, ends_on=datetime.date(2019, 12, 31))
    membership.refresh_from_db()
    assert membership.ends_on == datetime.date(2019, 12, 31)
    event = AuditEvent.objects.get()
    assert (event.actor, event.detail) == (actor, {"fields": ["ends_on"]})


def test_the_same_open_role_twice_is_refused():
    membership = MembershipFactory()
    with pytest.raises(ValidationError) as error:
        services.membership_create(
            actor=None, body=membership.body, person=membership.person, role=membership.role
        )
    assert error.value.messages == ["This person already holds that role on this body."]
