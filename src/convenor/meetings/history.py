"""Meetings' entries in a person's engagement history: invitations, replies and attendance."""

from __future__ import annotations

from django.urls import reverse

from convenor.meetings.models import Invitation
from convenor.stakeholders.history import HistoryEntry
from convenor.stakeholders.models import Person


def meeting_history(people: list[Person]) -> list[HistoryEntry]:
    """Each meeting the people were invited to, with their reply and attendance (one query)."""
    invitations = Invitation.objects.filter(person__in=people).select_related(
        "meeting", "meeting__strategy", "person"
    )
    return [
        HistoryEntry(
            when=invitation.meeting.starts_at,
            what=f"Invited to {invitation.meeting.title}",
            detail=(
                f"{invitation.get_role_display()}; reply: {invitation.get_response_display()}; "
                f"attendance: {invitation.get_attendance_display()}"
            ),
            url=reverse(
                "meetings_staff:meeting_hub",
                args=[invitation.meeting.strategy.slug, invitation.meeting.pk],
            ),
            person=invitation.person,
        )
        for invitation in invitations
    ]
