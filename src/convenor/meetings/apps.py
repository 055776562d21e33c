"""App configuration for convenor.meetings."""

from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "convenor.meetings"
    label = "meetings"
    verbose_name = "Meetings"

    def ready(self) -> None:
        from convenor.core.panels import panel_register
        from convenor.meetings import permissions  # noqa: F401  (registers the rules)
        from convenor.meetings.panels import (
            BODY_PAGE_SLOT,
            STAFF_HOME_SLOT,
            body_meetings_panel,
            staff_deadlines_panel,
        )

        # The body page's meetings and decisions; the staff home's deadlines and overdue actions.
        panel_register(slot=BODY_PAGE_SLOT, factory=body_meetings_panel)
        panel_register(slot=STAFF_HOME_SLOT, factory=staff_deadlines_panel)
        # Links from the staff home to each strategy's meetings pages.
        from convenor.meetings.staff_views import meetings_links_panel

        panel_register(slot=STAFF_HOME_SLOT, factory=meetings_links_panel)
        # What governance and meetings hold about a person, in their subject access report.
        from convenor.meetings.privacy import person_meetings_data
        from convenor.stakeholders.privacy import subject_access_provider_register

        subject_access_provider_register(person_meetings_data)
        from convenor.meetings.history import meeting_history
        from convenor.stakeholders.history import history_source_register

        history_source_register(meeting_history)
