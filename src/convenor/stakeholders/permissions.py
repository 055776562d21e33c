"""Who may do what in the stakeholder register: staff manage it; personal data is not public."""

from __future__ import annotations

import rules

is_staff = rules.is_staff

for _model in ("area", "organisation", "person"):
    for _action in ("view", "add", "change", "delete"):
        rules.add_perm(f"stakeholders.{_action}_{_model}", is_staff)

# Erasure cannot be undone: the rule is its own, so it can be narrowed without touching the rest.
rules.add_perm("stakeholders.erase_person", is_staff)
