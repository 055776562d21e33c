"""App configuration for convenor.insights."""

from typing import Any

from django.apps import AppConfig


def _something_new(**payload: Any) -> None:
    """Something was said or voted on: queue a fresh analysis of that strategy."""
    from convenor.insights.services import analysis_request

    analysis_request(strategy_id=payload["strategy_id"])


class InsightsConfig(AppConfig):
    """Registers insight's rules and its staff home panel, and recomputes when engagement
    announces something new."""

    name = "convenor.insights"
    label = "insights"
    verbose_name = "Insight"

    def ready(self) -> None:
        from convenor.core.events import SAID, VOTED, event_subscribe
        from convenor.insights import permissions  # noqa: F401  (registers the rules)
        from convenor.insights.panels import insights_panels_register

        insights_panels_register()

        event_subscribe(name=SAID, handler=_something_new)
        event_subscribe(name=VOTED, handler=_something_new)
