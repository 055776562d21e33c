"""Who may see and change interventions: staff, and members of a body steering the priority.

One rule per action. Each is checked against the intervention (or, for adding, the priority it
is added to); supporters, milestones and progress updates are changes to their intervention.
"""

from __future__ import annotations

from typing import Any

import rules

from convenor.governance.permissions import is_member_of_steering_body
from convenor.strategy.models import Priority


@rules.predicate
def steers_intervention(user: Any, intervention: Any) -> bool:
    """The user is a current member of a body steering the intervention's priority."""
    if intervention is None:
        return False
    return bool(is_member_of_steering_body(user, intervention.priority))


@rules.predicate
def steers_priority(user: Any, priority: Priority | None) -> bool:
    """The user is a current member of a body steering the priority (adding is checked here)."""
    return bool(is_member_of_steering_body(user, priority))


is_staff = rules.is_staff

rules.add_perm("interventions.view_intervention", is_staff | steers_intervention)
rules.add_perm("interventions.add_intervention", is_staff | steers_priority)
rules.add_perm("interventions.change_intervention", is_staff | steers_intervention)
rules.add_perm("interventions.delete_intervention", is_staff | steers_intervention)
# The strategy-wide pages (every intervention; the delivery review) are for staff.
rules.add_perm("interventions.view_intervention_list", is_staff)
