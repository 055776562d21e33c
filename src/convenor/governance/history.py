"""Governance's entries in a person's engagement history: joining and leaving bodies."""

from __future__ import annotations

from django.urls import reverse

from convenor.governance.models import Membership
from convenor.stakeholders.history import HistoryEntry
from convenor.stakeholders.models import Person


def membership_history(people: list[Person]) -> list[HistoryEntry]:
    """Each dated start and end of the people's memberships of bodies (one query)."""
    memberships = Membership.objects.filter(person__in=people).select_related(
        "body", "body__strategy", "person"
    )
    entries = []
    for membership in memberships:
        body = membership.body
        url = reverse("governance_staff:body_edit", args=[body.strategy.slug, body.slug])
        role = membership.get_role_display()
        if membership.starts_on:
            entries.append(
                HistoryEntry(
                    when=membership.starts_on,
                    what=f"Joined {body.name}",
                    detail=role,
                    url=url,
                    person=membership.person,
                )
            )
        if membership.ends_on:
            entries.append(
                HistoryEntry(
                    when=membership.ends_on,
                    what=f"Left {body.name}",
                    detail=role,
                    url=url,
                    person=membership.person,
                )
            )
    return entries
