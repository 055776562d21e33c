"""Writes to project briefs: adding one to a priority, changing it, deleting it.

Every function validates inside one transaction and records an audit event. A brief can be
marked delivered only once an evidence item has been delivered under it, so "delivered" always
points at something to read.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction

from convenor.accounts.models import User
from convenor.core.services import record_delete, record_save, record_update
from convenor.evidence.choices import BriefStatus
from convenor.evidence.models import ProjectBrief
from convenor.strategy.models import Priority

Actor = User | AnonymousUser | None

BRIEF_FIELDS = frozenset(
    {"title", "scope", "questions", "supplier", "budget", "due_on", "status", "is_illustrative"}
)
NEGATIVE_BUDGET_MESSAGE = "The budget cannot be negative: enter 0 or more, in pounds"
NOT_DELIVERED_MESSAGE = (
    "A brief can only be marked delivered once an evidence item has been delivered under it: "
    "add the evidence item (choosing this brief), then mark the brief delivered"
)


def _brief_check(*, brief: ProjectBrief, budget: Decimal | None, status: str) -> None:
    """Refuse a negative budget, or "delivered" with no evidence item delivered under it."""
    errors: dict[str, str] = {}
    if budget is not None and budget < 0:
        errors["budget"] = NEGATIVE_BUDGET_MESSAGE
    if status == BriefStatus.DELIVERED and (brief.pk is None or not brief.evidence_items.exists()):
        errors["status"] = NOT_DELIVERED_MESSAGE
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def brief_create(
    *,
    actor: Actor,
    priority: Priority,
    title: str,
    scope: str,
    questions: str = "",
    supplier: str = "",
    budget: Decimal | None = None,
    due_on: datetime.date | None = None,
    status: str = BriefStatus.DRAFT,
    key: str = "",
    is_illustrative: bool = False,
) -> ProjectBrief:
    """Add a brief to a priority; it cannot start out delivered (nothing is delivered under it)."""
    brief = ProjectBrief(
        priority=priority,
        key=key,
        title=title,
        scope=scope,
        questions=questions,
        supplier=supplier,
        budget=budget,
        due_on=due_on,
        status=status,
        is_illustrative=is_illustrative,
    )
    _brief_check(brief=brief, budget=budget, status=status)
    return record_save(instance=brief, actor=actor)


@transaction.atomic
def brief_update(*, actor: Actor, brief: ProjectBrief, data: dict[str, Any]) -> list[str]:
    """Change a brief's details; return the names of the fields that changed."""
    budget = data.get("budget", brief.budget)
    status = data.get("status", brief.status)
    # Only a change to "delivered" needs the check: a brief already delivered stays valid.
    check_status = status if status != brief.status else ""
    _brief_check(brief=brief, budget=budget, status=check_status)
    _, changed = record_update(instance=brief, actor=actor, data=data, fields=BRIEF_FIELDS)
    return changed


def brief_delete(*, actor: Actor, brief: ProjectBrief) -> None:
    """Delete a brief; the evidence items delivered under it stay, no longer linked to it."""
    record_delete(instance=brief, actor=actor)
