"""App configuration for convenor.publishing."""

from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "convenor.publishing"
    label = "publishing"
    verbose_name = "Publishing"

    def ready(self) -> None:
        from convenor.publishing import permissions  # noqa: F401  (registers the rules)
