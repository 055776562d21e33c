"""App configuration for convenor.evidence."""

from django.apps import AppConfig


class EvidenceConfig(AppConfig):
    name = "convenor.evidence"
    label = "evidence"
    verbose_name = "Evidence"

    def ready(self) -> None:
        from convenor.evidence import permissions  # noqa: F401  (registers the rules)
        from convenor.evidence.brief_panels import brief_panels_register
        from convenor.evidence.gates import evidence_gates_register
        from convenor.evidence.panels import evidence_panels_register

        evidence_panels_register()
        brief_panels_register()
        evidence_gates_register()
