"""App configuration for convenor.governance."""

from django.apps import AppConfig


class GovernanceConfig(AppConfig):
    name = "convenor.governance"
    label = "governance"
    verbose_name = "Governance"

    def ready(self) -> None:
        from convenor.governance import permissions  # noqa: F401  (registers the rules)
