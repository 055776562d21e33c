"""Who may do what to strategies, stages, milestones and priorities: one predicate per action.

The rules that depend on body membership (members edit the priorities their body steers) live in
governance.permissions, since only governance knows about bodies.
"""

from __future__ import annotations

import rules

from convenor.strategy.models import Strategy


@rules.predicate
def is_public_strategy(user, strategy: Strategy | None) -> bool:
    return strategy is not None and strategy.is_public


is_staff = rules.is_staff

rules.add_perm("strategy.view_strategy", is_public_strategy | is_staff)
rules.add_perm("strategy.add_strategy", is_staff)
rules.add_perm("strategy.change_strategy", is_staff)
rules.add_perm("strategy.delete_strategy", is_staff)
for _model in ("stage", "milestone"):
    for _action in ("add", "change", "delete"):
        rules.add_perm(f"strategy.{_action}_{_model}", is_staff)
rules.add_perm("strategy.add_priority", is_staff)
rules.add_perm("strategy.delete_priority", is_staff)
