"""Writes of the register's engagement side: relationships and saved segments, each audited."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from convenor.core.services import audit_event_record, record_delete, record_save
from convenor.engagement.models import Relationship, Segment
from convenor.stakeholders.models import Organisation, Person
from convenor.strategy.models import Priority

SEGMENT_NAME_TAKEN = "There is already a segment called “{name}”: choose another name."


@transaction.atomic
def relationship_save(
    *,
    organisation: Organisation | None = None,
    person: Person | None = None,
    owner: Person | None,
    power: int | None,
    interest: int | None,
    assessment_note: str,
    assessed_on: datetime.date | None,
    priorities: Iterable[Priority],
    actor: Any,
) -> Relationship:
    """Set our relationship with an organisation or a person, creating it on the first save."""
    if (organisation is None) == (person is None):
        raise ValueError("A relationship is with one organisation or one person")
    relationship = (
        Relationship.objects.filter(organisation=organisation).first()
        if organisation is not None
        else Relationship.objects.filter(person=person).first()
    ) or Relationship(organisation=organisation, person=person)
    relationship.owner = owner
    relationship.power = power
    relationship.interest = interest
    relationship.assessment_note = assessment_note
    relationship.assessed_on = assessed_on
    creating = relationship._state.adding
    relationship.full_clean()
    relationship.save()
    relationship.priorities.set(list(priorities))
    audit_event_record(
        actor=actor,
        verb="assessed relationship" if creating else "changed relationship",
        target=relationship,
        detail={
            "power": power,
            "interest": interest,
            "owner": owner.pk if owner else None,
            "priorities": sorted(priority.pk for priority in relationship.priorities.all()),
        },
    )
    return relationship


def _segment_name_check(*, name: str, segment: Segment | None = None) -> None:
    taken = Segment.objects.filter(name__iexact=name)
    if segment is not None:
        taken = taken.exclude(pk=segment.pk)
    if taken.exists():
        raise ValidationError({"name": SEGMENT_NAME_TAKEN.format(name=name)})


@transaction.atomic
def segment_create(*, name: str, description: str, filters: dict[str, Any], actor: Any) -> Segment:
    """Save a filter of the register as a named segment."""
    _segment_name_check(name=name)
    created_by = actor if getattr(actor, "is_authenticated", False) else None
    segment = Segment(name=name, description=description, filters=filters, created_by=created_by)
    return record_save(instance=segment, actor=actor)


@transaction.atomic
def segment_update(*, segment: Segment, name: str, description: str, actor: Any) -> Segment:
    """Rename a segment or change its description (its filters stay as saved)."""
    _segment_name_check(name=name, segment=segment)
    changed = [
        field
        for field, value in (("name", name), ("description", description))
        if getattr(segment, field) != value
    ]
    segment.name = name
    segment.description = description
    if not changed:
        return segment
    return record_save(instance=segment, actor=actor, changed=changed)


def segment_delete(*, segment: Segment, actor: Any) -> None:
    """Delete a segment; invitations already sent to its people stay."""
    record_delete(instance=segment, actor=actor)
