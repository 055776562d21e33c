"""App configuration for convenor.strategy."""

from django.apps import AppConfig


class StrategyConfig(AppConfig):
    name = "convenor.strategy"
    label = "strategy"
    verbose_name = "Strategy"

    def ready(self) -> None:
        from convenor.strategy import permissions  # noqa: F401  (registers the rules)
        from convenor.strategy.gates import strategy_gates_register

        strategy_gates_register()
