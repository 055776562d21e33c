"""App configuration for convenor.meetings."""

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "convenor.meetings"
    label = "meetings"
    verbose_name = "Meetings"

    def ready(self) -> None:
        from convenor.meetings import permissions  # noqa: F401  (registers the rules)
