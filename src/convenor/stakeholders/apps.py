"""App configuration for convenor.stakeholders."""

from django.apps import AppConfig


class StakeholdersConfig(AppConfig):
    name = "convenor.stakeholders"
    label = "stakeholders"
    verbose_name = "Stakeholders"

    def ready(self) -> None:
        from convenor.stakeholders import permissions  # noqa: F401  (registers the rules)
