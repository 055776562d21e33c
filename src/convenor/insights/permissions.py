"""Who may see and change insight: staff only. Themes, tags and opinion groups read what every
partner said, including what is not published, so no other page shows them whole."""

from __future__ import annotations

import rules

is_staff = rules.is_staff

rules.add_perm("insights.view_insight", is_staff)
rules.add_perm("insights.change_theme", is_staff)
rules.add_perm("insights.decide_tag", is_staff)
rules.add_perm("insights.link_you_said", is_staff)
rules.add_perm("insights.run_analysis", is_staff)
