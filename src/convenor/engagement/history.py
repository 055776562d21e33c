"""Engagement's entries in a person's engagement history: activities, contributions, assessments.

Contributions made anonymously appear too: this is the person's own history, seen only by staff.
"""

from __future__ import annotations

from django.urls import reverse

from convenor.engagement.models import Activity, ActivityInvitation, Contribution, Relationship
from convenor.stakeholders.history import (
    HistoryEntry,
    history_source_register,
    organisation_history_source_register,
)
from convenor.stakeholders.models import Organisation, Person


def _activity_url(activity: Activity) -> str:
    return reverse("engagement_staff:activity_hub", args=[activity.strategy.slug, activity.pk])


def engagement_history(people: list[Person]) -> list[HistoryEntry]:
    """Activity invitations, activities hosted, contributions and assessments (four queries)."""
    entries = []
    invitations = ActivityInvitation.objects.filter(person__in=people).select_related(
        "activity", "activity__strategy", "person"
    )
    for invitation in invitations:
        activity = invitation.activity
        entries.append(
            HistoryEntry(
                when=activity.starts_at,
                what=f"Invited to {activity.get_kind_display().lower()}: {activity.title}",
                detail=(
                    f"Reply: {invitation.get_response_display()}; "
                    f"attendance: {invitation.get_attendance_display()}"
                ),
                url=_activity_url(activity),
                person=invitation.person,
            )
        )
    for activity in Activity.objects.filter(host__in=people).select_related("strategy", "host"):
        entries.append(
            HistoryEntry(
                when=activity.starts_at,
                what=f"Hosted {activity.get_kind_display().lower()}: {activity.title}",
                url=_activity_url(activity),
                person=activity.host,
            )
        )
    contributions = Contribution.objects.filter(author__in=people).select_related(
        "activity", "activity__strategy", "author"
    )
    for contribution in contributions:
        anonymous = " (anonymously)" if contribution.is_anonymous else ""
        entries.append(
            HistoryEntry(
                when=contribution.made_on,
                what=(
                    f"{contribution.get_kind_display()}{anonymous} at {contribution.activity.title}"
                ),
                detail=contribution.text,
                url=_activity_url(contribution.activity),
                person=contribution.author,
            )
        )
    relationships = Relationship.objects.filter(
        person__in=people, assessed_on__isnull=False
    ).select_related("person")
    entries.extend(_assessment_entry(relationship) for relationship in relationships)
    return entries


def _assessment_entry(relationship: Relationship) -> HistoryEntry:
    assert relationship.assessed_on is not None
    quadrant = relationship.quadrant
    return HistoryEntry(
        when=relationship.assessed_on,
        what="Relationship assessed",
        detail=(
            f"{quadrant.label}: {relationship.get_power_display()} power, "
            f"{relationship.get_interest_display()} interest"
            if quadrant
            else "Power and interest not assessed"
        ),
        person=relationship.person,
    )


def organisation_engagement_history(organisation: Organisation) -> list[HistoryEntry]:
    """The assessment of the organisation itself (one query)."""
    relationships = Relationship.objects.filter(
        organisation=organisation, assessed_on__isnull=False
    )
    return [_assessment_entry(relationship) for relationship in relationships]


def engagement_history_register() -> None:
    """Register engagement's sources of history (called from EngagementConfig.ready())."""
    history_source_register(engagement_history)
    organisation_history_source_register(organisation_engagement_history)
