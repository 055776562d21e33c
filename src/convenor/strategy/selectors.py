"""Reads of strategies, stages, milestones and priorities, with their joins done."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from django.db.models import QuerySet

from convenor.strategy.choices import StageStatus
from convenor.strategy.models import Milestone, Priority, Stage, Strategy

if TYPE_CHECKING:
    from convenor.governance.models import Body

# Bodies belong to governance, which depends on strategy; these pages reach the bodies steering a
# priority through Priority's reverse relation by name, so that strategy imports nothing from it.
STEERING_WITH_BODIES = "steering__body"


class PermissionHolder(Protocol):
    """A signed-in or anonymous user, as far as permission checks need one."""

    def has_perm(self, perm: str, obj: Any = None) -> bool: ...


def strategy_public_list() -> QuerySet[Strategy]:
    """Strategies shown to everyone, the most recently created first."""
    return Strategy.objects.filter(is_public=True).order_by("-created_at", "-id")


def strategy_default() -> Strategy | None:
    """The strategy the home page shows: the most recently created public one."""
    return strategy_public_list().first()


def _with_people(strategies: QuerySet[Strategy]) -> QuerySet[Strategy]:
    return strategies.select_related(
        "lead_organisation", "strategy_lead", "strategy_lead__organisation"
    )


def strategy_default_for_page() -> Strategy | None:
    """The home page's strategy, with its lead organisation and strategy lead joined."""
    return _with_people(strategy_public_list()).first()


def strategy_visible_get(*, slug: str, user: PermissionHolder) -> Strategy | None:
    """The strategy with this slug, or None if there is none or the user may not see it."""
    strategy = _with_people(Strategy.objects.filter(slug=slug)).first()
    if strategy is None or not user.has_perm("strategy.view_strategy", strategy):
        return None
    return strategy


def stage_list(*, strategy: Strategy) -> QuerySet[Stage]:
    """The strategy's stages in timetable order."""
    return Stage.objects.filter(strategy=strategy).order_by("order")


def milestone_list(*, strategy: Strategy) -> QuerySet[Milestone]:
    """The strategy's milestones by date, each with the stage it falls in."""
    return (
        Milestone.objects.filter(strategy=strategy)
        .select_related("stage")
        .order_by("date", "title")
    )


@dataclass(frozen=True)
class TimetablePosition:
    """Where a strategy stands: the current stage (if any) and the stage that comes next."""

    current: Stage | None
    next: Stage | None
    all_complete: bool


def timetable_position(*, stages: Sequence[Stage]) -> TimetablePosition:
    """Find the current stage and the next one in stages already in timetable order."""
    current = next((stage for stage in stages if stage.status == StageStatus.CURRENT), None)
    later = stages
    if current is not None:
        later = [stage for stage in stages if stage.order > current.order]
    upcoming = next((stage for stage in later if stage.status == StageStatus.NOT_STARTED), None)
    all_complete = bool(stages) and all(stage.status == StageStatus.COMPLETE for stage in stages)
    return TimetablePosition(current=current, next=upcoming, all_complete=all_complete)


def priority_list(*, strategy: Strategy) -> QuerySet[Priority]:
    """The strategy's priorities by number, each with the bodies steering it."""
    return (
        Priority.objects.filter(strategy=strategy)
        .prefetch_related(STEERING_WITH_BODIES)
        .order_by("number")
    )


@dataclass(frozen=True)
class PrioritySteering:
    """A priority with the bodies steering it: its lead body and the others, by name."""

    priority: Priority
    lead_body: Body | None
    other_bodies: tuple[Body, ...]


def priority_steering(*, priority: Priority) -> PrioritySteering:
    """Split the bodies steering a priority (prefetched here) into its lead body and others."""
    links = list(priority.steering.all())
    lead_body = next((link.body for link in links if link.leads), None)
    others = sorted((link.body for link in links if not link.leads), key=lambda body: body.name)
    return PrioritySteering(priority=priority, lead_body=lead_body, other_bodies=tuple(others))


def priority_steering_list(*, strategy: Strategy) -> list[PrioritySteering]:
    """The strategy's priorities by number, each with its lead body and other steering bodies."""
    return [priority_steering(priority=priority) for priority in priority_list(strategy=strategy)]


def priority_for_page(*, strategy: Strategy, number: int) -> Priority | None:
    """One priority with its people, bodies and lines of enquiry, or None if there is none."""
    return (
        Priority.objects.filter(strategy=strategy, number=number)
        .select_related(
            "board_sponsor",
            "board_sponsor__organisation",
            "lead_officer",
            "lead_officer__organisation",
        )
        .prefetch_related(STEERING_WITH_BODIES, "lines_of_enquiry")
        .first()
    )


@dataclass(frozen=True)
class PriorityNeighbours:
    """The priorities before and after one, by number, for previous/next links."""

    previous: Priority | None
    next: Priority | None


def priority_neighbours(*, priority: Priority) -> PriorityNeighbours:
    """The priorities numbered just before and just after this one in the same strategy."""
    siblings = Priority.objects.filter(strategy_id=priority.strategy_id).only(
        "number", "title", "strategy_id"
    )
    return PriorityNeighbours(
        previous=siblings.filter(number__lt=priority.number).order_by("-number").first(),
        next=siblings.filter(number__gt=priority.number).order_by("number").first(),
    )
