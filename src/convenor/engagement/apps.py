"""App configuration for convenor.engagement."""

from django.apps import AppConfig


class EngagementConfig(AppConfig):
    name = "convenor.engagement"
    label = "engagement"
    verbose_name = "Engagement"

    def ready(self) -> None:
        from convenor.engagement import permissions  # noqa: F401  (registers the rules)
        from convenor.engagement.history import engagement_history_register
        from convenor.engagement.panels import engagement_panels_register
        from convenor.engagement.privacy import person_engagement_data
        from convenor.engagement.register_filters import engagement_register_filters_add
        from convenor.stakeholders.privacy import subject_access_provider_register

        # The register's filters by body, priority of interest and power/interest quadrant.
        engagement_register_filters_add()
        # Activities, invitations and contributions in each person's engagement history.
        engagement_history_register()
        # Reach and gaps on the staff home and on each priority's staff page.
        engagement_panels_register()
        # Each evidence item's comment windows, with their counts, on its staff page.
        from convenor.core.panels import panel_register
        from convenor.engagement.documents_staff_views import research_windows_panel
        from convenor.evidence.panels import EVIDENCE_ITEM_SLOT

        panel_register(slot=EVIDENCE_ITEM_SLOT, factory=research_windows_panel)
        # What engagement holds about a person, in their subject access report.
        subject_access_provider_register(person_engagement_data)
