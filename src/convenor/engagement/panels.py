"""Panels engagement adds to pages of apps it depends on (core.panels slots).

The staff home (strategy) shows, per strategy, links to its engagement pages and its gaps in
coverage; each priority's staff page (strategy) shows that priority's reach and gaps; a
strategy's public page shows how to take part (the sounding board and what is open now). All
are registered in EngagementConfig.ready().
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.http import HttpRequest

from convenor.core import clock
from convenor.core.panels import Panel, panel_register
from convenor.engagement import coverage_selectors
from convenor.engagement.choices import ActivityStatus, ContentStatus
from convenor.engagement.models import (
    Activity,
    Discussion,
    Document,
    SoundingBoard,
    Statement,
)
from convenor.strategy.models import Priority, Strategy

# The slots' names, as the pages that own them (strategy.staff_views) use them.
STAFF_HOME_SLOT = "staff_home"
PRIORITY_STAFF_PAGE_SLOT = "priority_staff_page"
STRATEGY_PAGE_SLOT = "strategy_page"

# How many gaps the staff home lists per strategy before "and N more".
STAFF_HOME_GAPS_SHOWN = 5


def staff_engagement_panel(request: HttpRequest) -> Panel | None:
    """Per strategy: links to its activities, coverage, grid and segments, and its gaps."""
    if not request.user.has_perm("engagement.view_coverage"):
        return None
    return Panel(
        template_name="engagement/includes/coverage_staff_home_panel.html",
        context={
            "rows": [
                {
                    "summary": summary,
                    "gaps": summary.gaps[:STAFF_HOME_GAPS_SHOWN],
                    "more": max(len(summary.gaps) - STAFF_HOME_GAPS_SHOWN, 0),
                }
                for summary in coverage_selectors.strategy_summaries()
            ]
        },
    )


def priority_coverage_panel(request: HttpRequest, *, priority: Priority) -> Panel | None:
    """A priority's engaged organisations, people and contributions, and its gaps (staff)."""
    # Checked against the priority: Django's model backend then answers without loading the
    # user's permissions, so members of its steering bodies pay no queries for a panel they
    # do not see.
    if not request.user.has_perm("engagement.view_coverage", priority):
        return None
    return Panel(
        template_name="engagement/includes/coverage_priority_panel.html",
        context={
            "priority": priority,
            "summary": coverage_selectors.priority_summary(priority=priority),
        },
    )


def _count_of(queryset: QuerySet[Any]) -> Subquery:
    """A subquery counting the rows of `queryset` (filtered on the outer strategy's pk)."""
    return Subquery(
        queryset.order_by().values("strategy_id").annotate(total=Count("pk")).values("total"),
        output_field=IntegerField(),
    )


def taking_part_panel(request: HttpRequest, *, strategy: Strategy) -> Panel | None:
    """On a strategy's public page: the sounding board, and what is open to take part in now."""
    now = clock.now()
    opened = Q(opens_at__lte=now) & (Q(closes_at__isnull=True) | Q(closes_at__gt=now))
    outer = OuterRef("pk")
    counts = (
        Strategy.objects.filter(pk=strategy.pk)
        .annotate(
            has_board=Exists(SoundingBoard.objects.filter(strategy=outer)),
            documents_open=_count_of(Document.objects.filter(opened, strategy=outer)),
            discussions_open=_count_of(Discussion.objects.filter(opened, strategy=outer)),
            workshops_open=_count_of(
                Activity.objects.filter(
                    strategy=outer, is_open_for_sign_up=True, starts_at__gt=now
                ).exclude(status=ActivityStatus.CANCELLED)
            ),
            statements_published=_count_of(
                Statement.objects.filter(strategy=outer, status=ContentStatus.PUBLISHED)
            ),
        )
        .values(
            "has_board",
            "documents_open",
            "discussions_open",
            "workshops_open",
            "statements_published",
        )
        .first()
    )
    if not counts or not counts["has_board"]:
        return None
    return Panel(
        template_name="engagement/includes/taking_part_panel.html",
        context={
            "strategy": strategy,
            **{name: value or 0 for name, value in counts.items() if name != "has_board"},
        },
    )


def engagement_panels_register() -> None:
    """Register engagement's panels on the staff home, priority staff pages and strategy pages."""
    panel_register(slot=STAFF_HOME_SLOT, factory=staff_engagement_panel)
    panel_register(slot=PRIORITY_STAFF_PAGE_SLOT, factory=priority_coverage_panel)
    panel_register(slot=STRATEGY_PAGE_SLOT, factory=taking_part_panel)
