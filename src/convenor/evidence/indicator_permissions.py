"""Who may see, import and change indicators: staff keep the strategy's data."""

from __future__ import annotations

import rules

for _action in ("view", "add", "change", "delete"):
    rules.add_perm(f"evidence.{_action}_indicator", rules.is_staff)
# Importing creates indicators and replaces their values: one rule for the whole file.
rules.add_perm("evidence.import_indicators", rules.is_staff)
