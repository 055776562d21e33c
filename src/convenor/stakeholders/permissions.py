"""Who may do what in the stakeholder register: staff manage it; personal data is not public."""

from __future__ import annotations

import rules

is_staff = rules.is_staff

for _model in ("area", "organisation", "person"):
    for _action in ("view", "add", "change", "delete"):
        rules.add_perm(f"stakeholders.{_action}_{_model}", is_staff)
