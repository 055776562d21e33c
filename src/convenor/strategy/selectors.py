"""Reads of strategies, stages, milestones and priorities, with their joins done."""

from __future__ import annotations

from django.db.models import QuerySet

from convenor.strategy.models import Strategy


def strategy_public_list() -> QuerySet[Strategy]:
    """Strategies shown to everyone, the most recently created first."""
    return Strategy.objects.filter(is_public=True).order_by("-created_at", "-id")


def strategy_default() -> Strategy | None:
    """The strategy the home page shows: the most recently created public one."""
    return strategy_public_list().first()
