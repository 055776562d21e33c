"""Writes to strategies, their stages, milestones, priorities and lines of enquiry.

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
from django.db.models import Max, Model

from convenor.accounts.models import User
from convenor.core.services import (
    audit_event_record,
    record_delete,
    record_save,
    record_update,
)
from convenor.stakeholders.models import Area, Organisation, Person
from convenor.strategy.choices import (
    EnquiryStatus,
    LepRole,
    PriorityStatus,
    StageKind,
    StageStatus,
)
from convenor.strategy.gates import stage_gate
from convenor.strategy.models import (
    LineOfEnquiry,
    Milestone,
    Priority,
    Stage,
    StageTransition,
    Strategy,
)

Actor = User | AnonymousUser | None

STRATEGY_FIELDS = frozenset(
    {
        "slug",
        "name",
        "area_name",
        "areas",
        "lead_organisation",
        "strategy_lead",
        "vision",
        "theory_of_change",
        "narrative",
        "is_public",
    }
)
STAGE_FIELDS = frozenset(
    {
        "order",
        "name",
        "kind",
        "period_label",
        "starts_on",
        "ends_on",
        "may_overlap",
        "focus",
        "action",
        "exit_criteria",
        "status",
    }
)
MILESTONE_FIELDS = frozenset({"stage", "date", "title", "description"})
PRIORITY_FIELDS = frozenset(
    {
        "number",
        "title",
        "short_title",
        "summary",
        "lep_role",
        "board_sponsor",
        "lead_officer",
        "status",
        "is_reconstructed",
    }
)
LINE_OF_ENQUIRY_FIELDS = frozenset({"order", "question", "status"})


def _refuse_if_taken(
    *, model: type[Model], scope: dict[str, Any], field: str, value: Any, pk: Any, message: str
) -> None:
    """Refuse a number or name another row of the same strategy (or priority) already has.

    The database constraint would refuse it too, but as an error about the whole form; this
    puts the message on the field the person has to change.
    """
    taken = model._default_manager.filter(**scope, **{field: value}).exclude(pk=pk).exists()
    if taken:
        raise ValidationError({field: message})


# Strategies


@transaction.atomic
def strategy_create(
    *,
    actor: Actor,
    slug: str,
    name: str,
    area_name: str,
    vision: str = "",
    theory_of_change: str = "",
    narrative: str = "",
    is_public: bool = True,
    lead_organisation: Organisation | None = None,
    strategy_lead: Person | None = None,
    areas: Iterable[Area] = (),
) -> Strategy:
    """Create a strategy."""
    strategy = Strategy(
        slug=slug,
        name=name,
        area_name=area_name,
        vision=vision,
        theory_of_change=theory_of_change,
        narrative=narrative,
        is_public=is_public,
        lead_organisation=lead_organisation,
        strategy_lead=strategy_lead,
    )
    record_save(instance=strategy, actor=actor)
    strategy.areas.set(list(areas))
    return strategy


def strategy_update(*, strategy: Strategy, actor: Actor, data: Mapping[str, Any]) -> Strategy:
    """Change a strategy's details; `data` holds only the fields to change."""
    return record_update(instance=strategy, actor=actor, data=data, fields=STRATEGY_FIELDS)[0]


def strategy_delete(*, strategy: Strategy, actor: Actor) -> None:
    """Delete a strategy with everything in it: stages, milestones, priorities, bodies."""
    record_delete(instance=strategy, actor=actor)


# Stages


def _stage_complete_current(*, strategy: Strategy, actor: Actor, keep: Stage | None) -> None:
    """Mark the strategy's current stage complete, because only one stage can be current."""
    current = Stage.objects.filter(strategy=strategy, status=StageStatus.CURRENT)
    if keep is not None and keep.pk is not None:
        current = current.exclude(pk=keep.pk)
    for stage in current:
        record_update(
            instance=stage,
            actor=actor,
            data={"status": StageStatus.COMPLETE},
            fields=("status",),
        )


@transaction.atomic
def stage_create(
    *,
    actor: Actor,
    strategy: Strategy,
    order: int,
    name: str,
    starts_on: datetime.date,
    ends_on: datetime.date,
    kind: str = StageKind.OTHER,
    period_label: str = "",
    may_overlap: bool = True,
    focus: str = "",
    action: str = "",
    exit_criteria: str = "",
    status: str = StageStatus.NOT_STARTED,
) -> Stage:
    """Add a stage to a strategy's timetable; a new current stage completes the previous one."""
    stage = Stage(
        strategy=strategy,
        order=order,
        name=name,
        kind=kind,
        period_label=period_label,
        starts_on=starts_on,
        ends_on=ends_on,
        may_overlap=may_overlap,
        focus=focus,
        action=action,
        exit_criteria=exit_criteria,
        status=status,
    )
    _stage_refuse_duplicates(stage=stage, order=order, name=name)
    if status == StageStatus.CURRENT:
        _stage_complete_current(strategy=strategy, actor=actor, keep=None)
    return record_save(instance=stage, actor=actor)


def _stage_refuse_duplicates(*, stage: Stage, order: Any, name: Any) -> None:
    scope = {"strategy_id": stage.strategy_id}
    _refuse_if_taken(
        model=Stage,
        scope=scope,
        field="order",
        value=order,
        pk=stage.pk,
        message=f"Another stage is number {order}. Choose another number.",
    )
    _refuse_if_taken(
        model=Stage,
        scope=scope,
        field="name",
        value=name,
        pk=stage.pk,
        message=f"Another stage is called {name}. Choose another name.",
    )


@transaction.atomic
def stage_update(*, stage: Stage, actor: Actor, data: Mapping[str, Any]) -> Stage:
    """Change a stage; making it current completes the stage that was current until now."""
    _stage_refuse_duplicates(
        stage=stage, order=data.get("order", stage.order), name=data.get("name", stage.name)
    )
    if data.get("status") == StageStatus.CURRENT and stage.status != StageStatus.CURRENT:
        _stage_complete_current(strategy=stage.strategy, actor=actor, keep=stage)
    return record_update(instance=stage, actor=actor, data=data, fields=STAGE_FIELDS)[0]


def stage_delete(*, stage: Stage, actor: Actor) -> None:
    """Remove a stage from the timetable; its milestones stay, no longer tied to a stage."""
    record_delete(instance=stage, actor=actor)


def stage_next_order(*, strategy: Strategy) -> int:
    """The order number a new stage gets by default: one after the last."""
    last = Stage.objects.filter(strategy=strategy).aggregate(last=Max("order"))["last"]
    return (last or 0) + 1


# Milestones


def milestone_create(
    *,
    actor: Actor,
    strategy: Strategy,
    date: datetime.date,
    title: str,
    description: str = "",
    stage: Stage | None = None,
) -> Milestone:
    """Add a dated milestone to a strategy's timetable."""
    milestone = Milestone(
        strategy=strategy, stage=stage, date=date, title=title, description=description
    )
    return record_save(instance=milestone, actor=actor)


def milestone_update(*, milestone: Milestone, actor: Actor, data: Mapping[str, Any]) -> Milestone:
    """Change a milestone."""
    return record_update(instance=milestone, actor=actor, data=data, fields=MILESTONE_FIELDS)[0]


def milestone_delete(*, milestone: Milestone, actor: Actor) -> None:
    """Remove a milestone."""
    record_delete(instance=milestone, actor=actor)


# Priorities


def priority_create(
    *,
    actor: Actor,
    strategy: Strategy,
    number: int,
    title: str,
    short_title: str = "",
    summary: str = "",
    lep_role: str = LepRole.BOTH,
    board_sponsor: Person | None = None,
    lead_officer: Person | None = None,
    status: str = PriorityStatus.SCOPING,
    is_reconstructed: bool = False,
) -> Priority:
    """Add a strategic priority to a strategy."""
    priority = Priority(
        strategy=strategy,
        number=number,
        title=title,
        short_title=short_title,
        summary=summary,
        lep_role=lep_role,
        board_sponsor=board_sponsor,
        lead_officer=lead_officer,
        status=status,
        is_reconstructed=is_reconstructed,
    )
    _priority_refuse_duplicate(priority=priority, number=number)
    return record_save(instance=priority, actor=actor)


def _priority_refuse_duplicate(*, priority: Priority, number: Any) -> None:
    _refuse_if_taken(
        model=Priority,
        scope={"strategy_id": priority.strategy_id},
        field="number",
        value=number,
        pk=priority.pk,
        message=f"There is already a priority {number}. Choose another number.",
    )


def priority_update(*, priority: Priority, actor: Actor, data: Mapping[str, Any]) -> Priority:
    """Change a priority's details."""
    _priority_refuse_duplicate(priority=priority, number=data.get("number", priority.number))
    return record_update(instance=priority, actor=actor, data=data, fields=PRIORITY_FIELDS)[0]


def priority_delete(*, priority: Priority, actor: Actor) -> None:
    """Delete a priority with its lines of enquiry."""
    record_delete(instance=priority, actor=actor)


def priority_next_number(*, strategy: Strategy) -> int:
    """The number a new priority gets by default: one after the highest."""
    last = Priority.objects.filter(strategy=strategy).aggregate(last=Max("number"))["last"]
    return (last or 0) + 1


# Lines of enquiry


def line_of_enquiry_next_order(*, priority: Priority) -> int:
    """The place a new line of enquiry takes by default: after the last."""
    last = LineOfEnquiry.objects.filter(priority=priority).aggregate(last=Max("order"))["last"]
    return (last or 0) + 1


@transaction.atomic
def line_of_enquiry_create(
    *,
    actor: Actor,
    priority: Priority,
    question: str,
    order: int | None = None,
    status: str = EnquiryStatus.OPEN,
) -> LineOfEnquiry:
    """Add a question the priority's work must answer; by default it goes last."""
    line = LineOfEnquiry(
        priority=priority,
        question=question,
        order=order if order is not None else line_of_enquiry_next_order(priority=priority),
        status=status,
    )
    _line_of_enquiry_refuse_duplicate(line_of_enquiry=line, order=line.order)
    return record_save(instance=line, actor=actor)


def _line_of_enquiry_refuse_duplicate(*, line_of_enquiry: LineOfEnquiry, order: Any) -> None:
    _refuse_if_taken(
        model=LineOfEnquiry,
        scope={"priority_id": line_of_enquiry.priority_id},
        field="order",
        value=order,
        pk=line_of_enquiry.pk,
        message=f"Another line of enquiry is number {order}. Choose another number.",
    )


def line_of_enquiry_update(
    *, line_of_enquiry: LineOfEnquiry, actor: Actor, data: Mapping[str, Any]
) -> LineOfEnquiry:
    """Change a line of enquiry's question, status or place in the list."""
    _line_of_enquiry_refuse_duplicate(
        line_of_enquiry=line_of_enquiry, order=data.get("order", line_of_enquiry.order)
    )
    return record_update(
        instance=line_of_enquiry, actor=actor, data=data, fields=LINE_OF_ENQUIRY_FIELDS
    )[0]


def line_of_enquiry_delete(*, line_of_enquiry: LineOfEnquiry, actor: Actor) -> None:
    """Remove a line of enquiry."""
    record_delete(instance=line_of_enquiry, actor=actor)


# Moving through the stages


@transaction.atomic
def stage_advance(*, strategy: Strategy, actor: Actor, reason: str = "") -> StageTransition:
    """Complete the current stage and start the next one (by order), if its exit criteria allow.

    When any criterion of the current stage is unmet (strategy.gates), the move needs a reason:
    without one it is refused, naming what blocks it; with one it goes ahead and the reason and
    the blockers, as they stood, are kept on the StageTransition. The last stage has nothing to
    move on to.
    """
    # Lock the strategy's stages, so two people moving on at once cannot both succeed.
    list(Stage.objects.select_for_update().filter(strategy=strategy).values_list("pk"))
    gate = stage_gate(strategy)
    if gate.next_stage is None:
        if gate.current is None:
            raise ValidationError("This strategy has no stage to move on to: add its stages first.")
        raise ValidationError(
            f"{gate.current.name} is the last stage: there is no stage to move on to."
        )
    reason = reason.strip()
    blockers = gate.blockers
    if not gate.all_met and not reason:
        raise ValidationError(
            {
                "reason": "The exit criteria are not met: "
                + "; ".join(blockers)
                + ". Say why the strategy should move on regardless, or meet them first."
            }
        )
    # Complete the current stage before starting the next: only one stage may be current.
    if gate.current is not None:
        record_update(
            instance=gate.current,
            actor=actor,
            data={"status": StageStatus.COMPLETE},
            fields=("status",),
        )
    record_update(
        instance=gate.next_stage,
        actor=actor,
        data={"status": StageStatus.CURRENT},
        fields=("status",),
    )
    transition = StageTransition(
        strategy=strategy,
        from_stage=gate.current,
        to_stage=gate.next_stage,
        actor=actor if isinstance(actor, User) and actor.is_authenticated else None,
        unmet_criteria=blockers,
        reason=reason,
    )
    record_save(instance=transition, actor=actor)
    audit_event_record(
        actor=actor,
        verb="moved to the next stage" if gate.all_met else "moved to the next stage regardless",
        target=strategy,
        detail={
            "from_stage": gate.current.name if gate.current else "",
            "to_stage": gate.next_stage.name,
            "unmet_criteria": transition.unmet_criteria,
            "reason": transition.reason,
        },
    )
    return transition
