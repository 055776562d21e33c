"""Who may see and change evidence items: staff keep the evidence base."""

import rules

for _action in ("view", "add", "change", "delete"):
    rules.add_perm(f"evidence.{_action}_evidenceitem", rules.is_staff)
