"""Who may see and change project briefs: staff, and members of a body steering the priority.

Briefs are the work a priority's action group scopes and commissions, so the group's current
members manage their own priority's briefs; a strategy's list of every brief is for staff. Each
rule is checked against the brief, or against the priority a new brief is added to.
"""

from __future__ import annotations

from typing import Any

import rules

from convenor.evidence.models import ProjectBrief
from convenor.governance.permissions import is_member_of_steering_body
from convenor.strategy.models import Priority


@rules.predicate
def steers_brief_priority(user: Any, target: ProjectBrief | Priority | None) -> bool:
    """The user sits on a body steering the brief's priority (or the priority itself)."""
    if isinstance(target, ProjectBrief):
        return bool(is_member_of_steering_body(user, target.priority))
    if isinstance(target, Priority):
        return bool(is_member_of_steering_body(user, target))
    # A strategy's list of all its briefs, or no object at all: staff only.
    return False


for _action in ("view", "add", "change", "delete"):
    rules.add_perm(f"evidence.{_action}_projectbrief", rules.is_staff | steers_brief_priority)
