"""Public pages of the bodies steering a strategy: the list of bodies and a page per body."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from convenor.core import clock
from convenor.core.panels import panels_for
from convenor.governance import selectors
from convenor.strategy.models import Strategy
from convenor.strategy.selectors import strategy_visible_get

# Apps that know more about bodies (meetings and decisions) add panels to the body page here;
# each panel factory is called with the body.
BODY_PAGE_SLOT = "body_page"


def _strategy_or_404(request: HttpRequest, slug: str) -> Strategy:
    strategy = strategy_visible_get(slug=slug, user=request.user)
    if strategy is None:
        raise Http404("No such strategy.")
    return strategy


def body_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The strategy's bodies grouped by kind, with remit, openness, chair, size and priorities."""
    strategy = _strategy_or_404(request, slug)
    bodies = selectors.body_list_for_page(strategy=strategy, today=clock.today())
    return render(
        request,
        "governance/body_list.html",
        {
            "page_title": f"Groups and boards: {strategy.name}",
            "breadcrumbs": [
                ("Home", reverse("strategy:home")),
                (strategy.name, reverse("strategy:strategy_detail", args=[strategy.slug])),
                ("Groups and boards", None),
            ],
            "strategy": strategy,
            "groups": selectors.bodies_grouped_by_kind(bodies=bodies),
        },
    )


def body_detail(request: HttpRequest, slug: str, body_slug: str) -> HttpResponse:
    """One body: its remit, where it sits, the priorities it steers, its members by role, and
    what other apps add (its meetings and decisions)."""
    strategy = _strategy_or_404(request, slug)
    body = selectors.body_for_page(strategy=strategy, slug=body_slug)
    if body is None:
        raise Http404("No such body.")
    return render(
        request,
        "governance/body_detail.html",
        {
            "page_title": body.name,
            "breadcrumbs": [
                ("Home", reverse("strategy:home")),
                (strategy.name, reverse("strategy:strategy_detail", args=[strategy.slug])),
                ("Groups and boards", reverse("governance:body_list", args=[strategy.slug])),
                (body.name, None),
            ],
            "strategy": strategy,
            "body": body,
            "members": selectors.body_members(body=body, today=clock.today()),
            "panels": panels_for(slot=BODY_PAGE_SLOT, request=request, body=body),
        },
    )
