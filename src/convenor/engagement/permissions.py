"""Who may see and change engagement records: staff run engagement; invitees reply by signed link.

The register's relationships and segments, and every activity with its invitations and
contributions, are staff work. An invitee answers through the signed link in their invitation,
which needs no rule: the signature is the permission.
"""

from __future__ import annotations

import rules

is_staff = rules.is_staff

for _model in (
    "relationship",
    "segment",
    "activity",
    "activitymaterial",
    "followup",
    "activityinvitation",
    "contribution",
):
    for _action in ("view", "add", "change", "delete"):
        rules.add_perm(f"engagement.{_action}_{_model}", is_staff)
rules.add_perm("engagement.view_coverage", is_staff)
