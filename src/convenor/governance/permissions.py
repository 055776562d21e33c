"""Who may do what to bodies, memberships and the priorities bodies steer: one rule per action."""

from __future__ import annotations

import rules
from django.db.models import Q

from convenor.core import clock
from convenor.governance.models import Membership
from convenor.strategy.models import LineOfEnquiry, Priority


def current_memberships(user):
    """The memberships the signed-in user holds today, through the Person linked to the account."""
    today = clock.today()
    return Membership.objects.filter(
        Q(starts_on__isnull=True) | Q(starts_on__lte=today),
        Q(ends_on__isnull=True) | Q(ends_on__gte=today),
        person__user=user,
    )


@rules.predicate
def is_member_of_steering_body(user, target: Priority | LineOfEnquiry | None) -> bool:
    """The user is a current member of a body steering the priority (or the enquiry's priority)."""
    if target is None or not user.is_authenticated:
        return False
    priority_id = target.priority_id if isinstance(target, LineOfEnquiry) else target.pk
    return current_memberships(user).filter(body__steered__priority_id=priority_id).exists()


is_staff = rules.is_staff

rules.add_perm("strategy.change_priority", is_staff | is_member_of_steering_body)
# Adding a line of enquiry is checked against the priority it is added to.
rules.add_perm("strategy.add_lineofenquiry", is_staff | is_member_of_steering_body)
rules.add_perm("strategy.change_lineofenquiry", is_staff | is_member_of_steering_body)
rules.add_perm("strategy.delete_lineofenquiry", is_staff | is_member_of_steering_body)

for _model in ("body", "bodypriority", "membership"):
    for _action in ("add", "change", "delete"):
        rules.add_perm(f"governance.{_action}_{_model}", is_staff)
