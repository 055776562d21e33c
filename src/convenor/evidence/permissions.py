"""Who may see and change evidence items: staff, the groups steering its priorities, and readers.

Staff keep the whole evidence base. A current member of a body steering a priority adds evidence
to that priority and changes the items tagged with one of the priorities their bodies steer.
Anyone else sees an item as its visibility allows: public items to everyone, partners' items to
signed-in members of the strategy's bodies. One rule per action, each checked against the item
(or, for adding, against the priority the item is added to).
"""

from __future__ import annotations

from typing import Any

import rules

from convenor.evidence.choices import Visibility
from convenor.evidence.models import EvidenceItem
from convenor.governance.permissions import current_memberships, is_member_of_steering_body
from convenor.strategy.models import Priority, Strategy


def is_partner(user: Any, strategy: Strategy) -> bool:
    """The user is signed in and a current member of any body of the strategy."""
    if not user.is_authenticated:
        return False
    return bool(current_memberships(user).filter(body__strategy=strategy).exists())


@rules.predicate
def steers_item_priority(user: Any, item: EvidenceItem | None) -> bool:
    """The user is a current member of a body steering one of the item's priorities."""
    if item is None or not user.is_authenticated:
        return False
    return bool(
        current_memberships(user)
        .filter(body__steered__priority__in=item.priorities.values("pk"))
        .exists()
    )


@rules.predicate
def steers_priority(user: Any, priority: Priority | None) -> bool:
    """The user is a current member of a body steering the priority an item is added to."""
    return bool(is_member_of_steering_body(user, priority))


@rules.predicate
def visibility_allows(user: Any, item: EvidenceItem | None) -> bool:
    """The item's visibility lets the user see it: public to all, partners to members."""
    if item is None:
        return False
    if item.visibility == Visibility.PUBLIC:
        return True
    if item.visibility == Visibility.PARTNERS:
        return is_partner(user, item.strategy)
    return False


is_staff = rules.is_staff

# Visibility first: a public item then costs no query to allow.
rules.add_perm("evidence.view_evidenceitem", is_staff | visibility_allows | steers_item_priority)
rules.add_perm("evidence.add_evidenceitem", is_staff | steers_priority)
# The item's staff page and file there: for those who work on it; readers use the public page.
rules.add_perm("evidence.work_on_evidenceitem", is_staff | steers_item_priority)
rules.add_perm("evidence.change_evidenceitem", is_staff | steers_item_priority)
rules.add_perm("evidence.delete_evidenceitem", is_staff | steers_item_priority)
# The strategy-wide list of every item, and adding an item to no priority in particular.
rules.add_perm("evidence.view_evidenceitem_list", is_staff)
