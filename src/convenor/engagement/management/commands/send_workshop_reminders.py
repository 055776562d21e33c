"""`convenor send_workshop_reminders`: remind those coming to activities starting within two days.

Safe to run as often as cron likes (hourly, say): each person is reminded once per activity.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from convenor.engagement.workshops_services import reminders_send


class Command(BaseCommand):
    """Send the workshop reminders that are due, for every activity."""

    help = (
        "Email everyone coming to an activity that starts within the next two days a reminder "
        "with the calendar file, once each."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        """Send the reminders that are due and say how many went to whom."""
        reminded = reminders_send(actor=None)
        for invitation in reminded:
            self.stdout.write(f"Reminded person {invitation.person_id} of {invitation.activity}")
        self.stdout.write(f"Sent {len(reminded)} reminder(s).")
