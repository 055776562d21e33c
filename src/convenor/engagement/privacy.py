"""What engagement holds about a person, for their subject access report.

EngagementConfig.ready() registers `person_engagement_data` with stakeholders.privacy, so the
register's subject access pages include activity invitations, contributions and the relationship
staff keep with the person, without stakeholders importing engagement.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

from django.db.models import Prefetch
from django.utils import timezone

from convenor.engagement.models import ActivityInvitation, Contribution, Relationship
from convenor.stakeholders.models import Person
from convenor.stakeholders.privacy import SubjectAccessSection, text
from convenor.strategy.models import Priority

LONDON = ZoneInfo("Europe/London")


def _when(value: object) -> str:
    if value is None:
        return ""
    return text(timezone.localtime(value, LONDON))  # type: ignore[arg-type]


def _priorities(priorities: object) -> str:
    return "; ".join(str(priority) for priority in priorities.all())  # type: ignore[attr-defined]


def person_engagement_data(person: Person) -> list[SubjectAccessSection]:
    """The person's activity invitations, their contributions, and our relationship with them."""
    priorities = Prefetch("priorities", queryset=Priority.objects.order_by("number"))
    invitations = (
        ActivityInvitation.objects.filter(person=person)
        .select_related("activity")
        .order_by("activity__starts_at", "pk")
    )
    contributions = (
        Contribution.objects.filter(author=person)
        .select_related("activity")
        .prefetch_related(priorities)
        .order_by("made_on", "pk")
    )
    relationships = (
        Relationship.objects.filter(person=person)
        .select_related("owner")
        .prefetch_related(priorities)
    )
    return [
        SubjectAccessSection(
            "activity_invitations",
            "Invitations to engagement activities",
            ("Activity", "Starts at", "Invitation sent at", "Reply", "Attendance"),
            tuple(
                (
                    i.activity.title,
                    _when(i.activity.starts_at),
                    _when(i.sent_at),
                    str(i.get_response_display()),
                    str(i.get_attendance_display()),
                )
                for i in invitations
            ),
        ),
        SubjectAccessSection(
            "contributions",
            "Your contributions to engagement activities",
            ("Activity", "Date", "Kind", "What you said", "Anonymous", "Priorities"),
            tuple(
                (
                    c.activity.title,
                    text(c.made_on),
                    str(c.get_kind_display()),
                    c.text,
                    text(c.is_anonymous),
                    _priorities(c.priorities),
                )
                for c in contributions
            ),
        ),
        SubjectAccessSection(
            "relationship",
            "How we assess our relationship with you",
            (
                "Relationship owner",
                "Power",
                "Interest",
                "Why this assessment",
                "Assessed on",
                "Priorities of interest",
            ),
            tuple(
                (
                    r.owner.name if r.owner else "",
                    str(r.get_power_display()) if r.power is not None else "",
                    str(r.get_interest_display()) if r.interest is not None else "",
                    r.assessment_note,
                    text(r.assessed_on),
                    _priorities(r.priorities),
                )
                for r in relationships
            ),
        ),
    ]
