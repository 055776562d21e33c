"""Writes to interventions: adding, changing, deleting, moving through the lifecycle, supporters,
links to evidence and engagement, the compelling decision, delivery milestones and progress.

Every function is keyword-only, validates inside one transaction and records an audit event;
every lifecycle move is also kept as a StageChange (who, when, why).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction

from convenor.accounts.models import User
from convenor.core import clock
from convenor.core.services import (
    audit_event_record,
    record_delete,
    record_save,
    record_update,
)
from convenor.engagement.models import Activity, Contribution, Statement
from convenor.evidence.models import EvidenceItem
from convenor.governance.choices import BodyKind
from convenor.interventions.choices import DeliveryStatus, InterventionStage, SupportForm
from convenor.interventions.models import (
    DeliveryMilestone,
    Intervention,
    ProgressUpdate,
    StageChange,
    Support,
)
from convenor.meetings.models import Decision
from convenor.stakeholders.models import Organisation
from convenor.strategy.models import Priority

Actor = User | AnonymousUser | None

DETAIL_FIELDS = frozenset(
    {
        "title",
        "description",
        "rationale",
        "lead_partner",
        "cost_band",
        "timescale",
        "funding_source",
        "compelling_decision",
    }
)
LINK_FIELDS = frozenset({"evidence_items", "activities", "contributions", "statements"})
# Delivery is recorded once an intervention is agreed with Government.
DELIVERY_STAGES = (InterventionStage.AGREED, InterventionStage.IN_DELIVERY)
NOT_IN_DELIVERY_MESSAGE = (
    "Milestones and progress are recorded once the intervention is agreed with Government "
    "or in delivery."
)


def _actor_or_none(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) and actor.is_authenticated else None


def _decision_check(*, intervention: Intervention, decision: Decision | None) -> None:
    """A compelling decision must be one taken at a steering group meeting of the strategy."""
    if decision is None:
        return
    meeting = decision.meeting
    if meeting.strategy_id != intervention.priority.strategy_id:
        raise ValidationError(
            {"compelling_decision": ["That decision was taken for another strategy."]}
        )
    if meeting.body.kind != BodyKind.STEERING_GROUP:
        raise ValidationError(
            {"compelling_decision": ["Choose a decision taken at a steering group meeting."]}
        )


def _links_check(*, intervention: Intervention, data: dict[str, Any]) -> None:
    """Refuse links to evidence or engagement of another strategy."""
    strategy_id = intervention.priority.strategy_id
    errors: dict[str, list[str]] = {}
    owners = {
        "evidence_items": lambda item: item.strategy_id,
        "activities": lambda activity: activity.strategy_id,
        "contributions": lambda contribution: contribution.activity.strategy_id,
        "statements": lambda statement: statement.strategy_id,
    }
    for name, owner in owners.items():
        foreign = [obj for obj in data.get(name, ()) if owner(obj) != strategy_id]
        if foreign:
            errors[name] = [f"“{obj}” belongs to another strategy." for obj in foreign]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def intervention_create(
    *,
    actor: Actor,
    priority: Priority,
    title: str,
    description: str,
    rationale: str = "",
    stage: str = InterventionStage.IDEA,
    parked_reason: str = "",
    key: str = "",
    is_illustrative: bool = False,
) -> Intervention:
    """Add an intervention to a priority, recording its first lifecycle step "created as …"."""
    intervention = record_save(
        instance=Intervention(
            priority=priority,
            key=key,
            title=title,
            description=description,
            rationale=rationale,
            stage=stage,
            parked_reason=parked_reason,
            is_illustrative=is_illustrative,
        ),
        actor=actor,
    )
    StageChange.objects.create(
        intervention=intervention,
        from_stage="",
        to_stage=stage,
        at=clock.now(),
        actor=_actor_or_none(actor),
        reason=f"Created as {InterventionStage(stage).label}.",
    )
    return intervention


@transaction.atomic
def intervention_update(*, actor: Actor, intervention: Intervention, **data: Any) -> list[str]:
    """Change an intervention's details or deliverability; return the fields changed."""
    if "compelling_decision" in data:
        _decision_check(intervention=intervention, decision=data["compelling_decision"])
    _, changed = record_update(instance=intervention, actor=actor, data=data, fields=DETAIL_FIELDS)
    return changed


@transaction.atomic
def intervention_links_set(
    *,
    actor: Actor,
    intervention: Intervention,
    evidence_items: Iterable[EvidenceItem] | None = None,
    activities: Iterable[Activity] | None = None,
    contributions: Iterable[Contribution] | None = None,
    statements: Iterable[Statement] | None = None,
) -> list[str]:
    """Set the evidence and engagement that shaped it (same strategy only); return what changed."""
    given = {
        "evidence_items": evidence_items,
        "activities": activities,
        "contributions": contributions,
        "statements": statements,
    }
    data = {name: list(value) for name, value in given.items() if value is not None}
    _links_check(intervention=intervention, data=data)
    _, changed = record_update(instance=intervention, actor=actor, data=data, fields=LINK_FIELDS)
    return changed


def intervention_delete(*, actor: Actor, intervention: Intervention) -> None:
    """Delete an intervention with its supporters, history, milestones and progress."""
    record_delete(instance=intervention, actor=actor)


@transaction.atomic
def intervention_stage_change(
    *, actor: Actor, intervention: Intervention, to_stage: str, reason: str
) -> StageChange:
    """Move it to another lifecycle stage, saying why; parking keeps the reason as why parked."""
    if not reason.strip():
        raise ValidationError({"reason": ["Say why it moves to this stage."]})
    if to_stage not in InterventionStage.values:
        raise ValidationError({"to_stage": ["Choose a lifecycle stage."]})
    from_stage = intervention.stage
    if to_stage == from_stage:
        raise ValidationError({"to_stage": ["It is already at that stage: choose another."]})
    intervention.stage = to_stage
    intervention.parked_reason = reason if to_stage == InterventionStage.PARKED else ""
    record_save(instance=intervention, actor=actor, changed=["stage"])
    change = StageChange(
        intervention=intervention,
        from_stage=from_stage,
        to_stage=to_stage,
        at=clock.now(),
        actor=_actor_or_none(actor),
        reason=reason,
    )
    change.full_clean()
    change.save()
    audit_event_record(
        actor=actor,
        verb="moved",
        target=intervention,
        detail={"from": from_stage, "to": to_stage, "reason": reason},
    )
    return change


@transaction.atomic
def support_add(
    *,
    actor: Actor,
    intervention: Intervention,
    organisation: Organisation,
    given_on: datetime.date,
    form: str = SupportForm.LETTER,
    note: str = "",
) -> Support:
    """Record that an organisation supports the intervention (once per organisation)."""
    if Support.objects.filter(intervention=intervention, organisation=organisation).exists():
        raise ValidationError(
            {"organisation": [f"{organisation} already supports this intervention."]}
        )
    return record_save(
        instance=Support(
            intervention=intervention,
            organisation=organisation,
            given_on=given_on,
            form=form,
            note=note,
        ),
        actor=actor,
    )


def support_remove(*, actor: Actor, support: Support) -> None:
    """Remove a supporter (recorded in the audit trail)."""
    record_delete(instance=support, actor=actor)


def _delivery_check(intervention: Intervention) -> None:
    if intervention.stage not in DELIVERY_STAGES:
        raise ValidationError(NOT_IN_DELIVERY_MESSAGE)


@transaction.atomic
def milestone_add(
    *, actor: Actor, intervention: Intervention, title: str, due_on: datetime.date
) -> DeliveryMilestone:
    """Add a delivery milestone to an agreed or in-delivery intervention."""
    _delivery_check(intervention)
    return record_save(
        instance=DeliveryMilestone(intervention=intervention, title=title, due_on=due_on),
        actor=actor,
    )


@transaction.atomic
def milestone_update(*, actor: Actor, milestone: DeliveryMilestone, **data: Any) -> list[str]:
    """Change a milestone's title, due date or date done; return the fields changed."""
    _, changed = record_update(
        instance=milestone, actor=actor, data=data, fields={"title", "due_on", "done_on"}
    )
    return changed


@transaction.atomic
def milestone_done(
    *, actor: Actor, milestone: DeliveryMilestone, done_on: datetime.date | None = None
) -> DeliveryMilestone:
    """Mark a milestone done, today unless a date is given."""
    record_update(
        instance=milestone,
        actor=actor,
        data={"done_on": done_on or clock.today()},
        fields={"done_on"},
    )
    return milestone


def milestone_delete(*, actor: Actor, milestone: DeliveryMilestone) -> None:
    """Delete a milestone (recorded in the audit trail)."""
    record_delete(instance=milestone, actor=actor)


@transaction.atomic
def progress_update_add(
    *,
    actor: Actor,
    intervention: Intervention,
    status: str,
    text: str,
    reported_on: datetime.date | None = None,
) -> ProgressUpdate:
    """Report how delivery stands, for review at a roundtable."""
    _delivery_check(intervention)
    if status not in DeliveryStatus.values:
        raise ValidationError({"status": ["Choose how delivery stands."]})
    return record_save(
        instance=ProgressUpdate(
            intervention=intervention,
            reported_on=reported_on or clock.today(),
            status=status,
            text=text,
            author=_actor_or_none(actor),
        ),
        actor=actor,
    )
