"""What publications read of insight: the latest themes of a strategy and its "you said, we did"
links, each in a fixed number of queries."""

from __future__ import annotations

from convenor.insights.choices import RunStatus, ThemeScope
from convenor.insights.models import Theme, ThemeRun, YouSaid
from convenor.strategy.models import Strategy


def themes_latest(*, strategy: Strategy) -> tuple[ThemeRun | None, list[Theme]]:
    """The strategy's latest finished theme run (whole strategy) and its themes (two queries)."""
    run = (
        ThemeRun.objects.filter(strategy=strategy, scope=ThemeScope.STRATEGY, status=RunStatus.DONE)
        .order_by("-finished_at", "-pk")
        .first()
    )
    if run is None:
        return None, []
    return run, list(run.themes.order_by("number"))


def you_said_links(*, strategy: Strategy) -> list[YouSaid]:
    """The strategy's "you said, we did" links, oldest first, with what answers them (one query)."""
    return list(
        YouSaid.objects.filter(strategy=strategy)
        .select_related("decision__meeting__body", "stage_change__intervention")
        .order_by("created_at", "pk")
    )
