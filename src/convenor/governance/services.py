"""Writes to bodies, the priorities they steer, and their memberships.

Every function validates the whole row (full_clean) inside one transaction and records an audit
event saying who changed what.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction

from convenor.accounts.models import User
from convenor.core.services import record_delete, record_save, record_update
from convenor.governance.choices import MembershipRole, Openness
from convenor.governance.models import Body, BodyPriority, Membership
from convenor.stakeholders.models import Organisation, Person
from convenor.strategy.models import Priority, Strategy

Actor = User | AnonymousUser | None

BODY_FIELDS = frozenset({"slug", "name", "kind", "remit", "themes", "openness", "reports_to"})
MEMBERSHIP_FIELDS = frozenset({"person", "role", "starts_on", "ends_on", "representing", "note"})


# Bodies


def body_create(
    *,
    actor: Actor,
    strategy: Strategy,
    slug: str,
    name: str,
    kind: str,
    remit: str = "",
    themes: str = "",
    openness: str = Openness.BY_INVITATION,
    reports_to: Body | None = None,
) -> Body:
    """Add a body (a board, group, or series of roundtables) to a strategy."""
    body = Body(
        strategy=strategy,
        slug=slug,
        name=name,
        kind=kind,
        remit=remit,
        themes=themes,
        openness=openness,
        reports_to=reports_to,
    )
    return record_save(instance=body, actor=actor)


def body_update(*, body: Body, actor: Actor, data: Mapping[str, Any]) -> Body:
    """Change a body's details."""
    return record_update(instance=body, actor=actor, data=data, fields=BODY_FIELDS)[0]


def body_delete(*, body: Body, actor: Actor) -> None:
    """Delete a body with its memberships and the record of what it steers."""
    record_delete(instance=body, actor=actor)


@transaction.atomic
def body_priorities_set(
    *, body: Body, actor: Actor, steers: Iterable[Priority], leads: Iterable[Priority]
) -> list[BodyPriority]:
    """Set which priorities a body steers, and which of them it is the lead body for.

    A body can only lead a priority it steers, and a priority has at most one lead body: taking
    the lead from another body is refused, so that it is a deliberate change made there first.
    """
    steered = {priority.pk: priority for priority in steers}
    leading = {priority.pk: priority for priority in leads}
    errors: dict[str, list[str]] = {}
    foreign = [p for p in steered.values() if p.strategy_id != body.strategy_id]
    if foreign:
        errors["steers"] = [
            f"{priority} is a priority of another strategy." for priority in foreign
        ]
    not_steered = [p for pk, p in leading.items() if pk not in steered]
    if not_steered:
        errors["leads"] = [
            f"To lead {priority}, this body must also steer it." for priority in not_steered
        ]
    led_elsewhere = (
        BodyPriority.objects.filter(priority_id__in=leading, leads=True)
        .exclude(body=body)
        .select_related("body", "priority")
    )
    for other in led_elsewhere:
        errors.setdefault("leads", []).append(
            f"{other.priority} already has a lead body: {other.body}. Remove the lead there first."
        )
    if errors:
        raise ValidationError(errors)

    existing = {link.priority_id: link for link in body.steered.select_related("priority")}
    for priority_id, link in existing.items():
        if priority_id not in steered:
            record_delete(instance=link, actor=actor)
    links = []
    for priority_id, priority in steered.items():
        leads_it = priority_id in leading
        existing_link = existing.get(priority_id)
        if existing_link is None:
            link = record_save(
                instance=BodyPriority(body=body, priority=priority, leads=leads_it), actor=actor
            )
        else:
            link, _ = record_update(
                instance=existing_link, actor=actor, data={"leads": leads_it}, fields=("leads",)
            )
        links.append(link)
    return sorted(links, key=lambda link: link.priority.number)


# Memberships


def membership_create(
    *,
    actor: Actor,
    body: Body,
    person: Person,
    role: str = MembershipRole.MEMBER,
    starts_on: datetime.date | None = None,
    ends_on: datetime.date | None = None,
    representing: Organisation | None = None,
    note: str = "",
) -> Membership:
    """Give a person a place on a body."""
    membership = Membership(
        body=body,
        person=person,
        role=role,
        starts_on=starts_on,
        ends_on=ends_on,
        representing=representing,
        note=note,
    )
    return record_save(instance=membership, actor=actor)


def membership_update(
    *, membership: Membership, actor: Actor, data: Mapping[str, Any]
) -> Membership:
    """Change a membership's person, role, dates or whom they represent."""
    return record_update(instance=membership, actor=actor, data=data, fields=MEMBERSHIP_FIELDS)[0]


def membership_end(*, membership: Membership, actor: Actor, ends_on: datetime.date) -> Membership:
    """End a membership on a date, keeping the record that the person served."""
    return record_update(
        instance=membership, actor=actor, data={"ends_on": ends_on}, fields=("ends_on",)
    )[0]


def membership_delete(*, membership: Membership, actor: Actor) -> None:
    """Remove a membership entered by mistake (to record that someone left, end it instead)."""
    record_delete(instance=membership, actor=actor)
