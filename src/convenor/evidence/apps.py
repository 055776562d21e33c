"""App configuration for convenor.evidence."""

from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "convenor.evidence"
    label = "evidence"
    verbose_name = "Evidence"

    def ready(self) -> None:
        from convenor.evidence import permissions  # noqa: F401  (registers the rules)
