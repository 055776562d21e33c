"""App configuration for convenor.publishing."""

from django.apps import AppConfig


class PublishingConfig(AppConfig):
    """Registers publishing's rules and its panels on the strategy page and the staff home."""

    name = "convenor.publishing"
    label = "publishing"
    verbose_name = "Publishing"

    def ready(self) -> None:
        from convenor.publishing import permissions  # noqa: F401  (registers the rules)
        from convenor.publishing.panels import publishing_panels_register

        publishing_panels_register()
