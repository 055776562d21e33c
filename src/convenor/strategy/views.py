"""Public pages of a strategy: its home page with the timetable, and a page per priority."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from convenor.core import clock
from convenor.core.panels import panels_for
from convenor.strategy import selectors
from convenor.strategy.charts import timeline_chart
from convenor.strategy.models import Strategy

# Later apps add to a strategy's public page here (engagement: how to have one's say).
STRATEGY_PAGE_SLOT = "strategy_page"


def _strategy_page(
    request: HttpRequest,
    strategy: Strategy,
    breadcrumbs: list[tuple[str, str | None]],
    extra_context: dict[str, object] | None = None,
) -> HttpResponse:
    stages = list(selectors.stage_list(strategy=strategy))
    milestones = list(selectors.milestone_list(strategy=strategy))
    return render(
        request,
        "strategy/strategy_detail.html",
        {
            "page_title": strategy.name,
            "breadcrumbs": breadcrumbs,
            "strategy": strategy,
            "stages": stages,
            "milestones": milestones,
            "position": selectors.timetable_position(stages=stages),
            "chart": timeline_chart(stages=stages, milestones=milestones, today=clock.today()),
            "priority_rows": selectors.priority_steering_list(strategy=strategy),
            "panels": panels_for(slot=STRATEGY_PAGE_SLOT, request=request, strategy=strategy),
            **(extra_context or {}),
        },
    )


def home(request: HttpRequest) -> HttpResponse:
    """The default strategy's page, or a page saying there is no public strategy yet."""
    strategy = selectors.strategy_default_for_page()
    if strategy is None:
        return render(request, "strategy/home_empty.html", {"page_title": "No strategy yet"})
    # The navigation shows the default strategy too: hand it over rather than query for it again.
    return _strategy_page(
        request, strategy, breadcrumbs=[], extra_context={"nav_strategy": strategy}
    )


def strategy_detail(request: HttpRequest, slug: str) -> HttpResponse:
    """Any strategy's page, for those who may see it."""
    strategy = selectors.strategy_visible_get(slug=slug, user=request.user)
    if strategy is None:
        raise Http404("No such strategy.")
    return _strategy_page(
        request, strategy, breadcrumbs=[("Home", reverse("strategy:home")), (strategy.name, None)]
    )


def priority_detail(request: HttpRequest, slug: str, number: int) -> HttpResponse:
    """One priority: what it is, who steers and leads it, and its lines of enquiry."""
    strategy = selectors.strategy_visible_get(slug=slug, user=request.user)
    if strategy is None:
        raise Http404("No such strategy.")
    priority = selectors.priority_for_page(strategy=strategy, number=number)
    if priority is None:
        raise Http404("No such priority.")
    return render(
        request,
        "strategy/priority_detail.html",
        {
            "page_title": f"Priority {priority.number}: {priority.title}",
            "breadcrumbs": [
                ("Home", reverse("strategy:home")),
                (strategy.name, reverse("strategy:strategy_detail", args=[strategy.slug])),
                (f"Priority {priority.number}", None),
            ],
            "strategy": strategy,
            "priority": priority,
            "steering": selectors.priority_steering(priority=priority),
            "neighbours": selectors.priority_neighbours(priority=priority),
            "can_change": request.user.has_perm("strategy.change_priority", priority),
        },
    )
