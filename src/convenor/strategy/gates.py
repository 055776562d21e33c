"""Stage gates: each stage's exit criteria, evaluated from the data.

A stage's kind (Set up, Develop, Engage...) decides what must be true before the strategy moves
on from it. The facts live in many apps (lead bodies in governance, briefs in evidence,
interventions in their own app), yet stages belong to strategy, the lowest of them. So, like the
panel registry (core.panels), each app registers the criteria it knows about for a stage kind in
its AppConfig.ready(), and strategy imports nothing above it.

A criterion is a function of the strategy returning a CriterionResult. Each one makes a fixed
number of queries (one, through `priorities_lacking`), whatever the number of priorities.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.db.models import BooleanField, Exists, ExpressionWrapper, OuterRef, Q

from convenor.strategy.choices import StageKind, StageStatus
from convenor.strategy.models import LineOfEnquiry, Priority, Stage, Strategy


@dataclass(frozen=True)
class CriterionResult:
    """One exit criterion, in words, whether it is met, and what stops it being met."""

    label: str
    met: bool
    blockers: list[str] = field(default_factory=list)


Criterion = Callable[[Strategy], CriterionResult]

_registry: dict[str, list[Criterion]] = {}


def criterion_register(*, kind: str, criterion: Criterion) -> None:
    """Add `criterion` to the exit criteria of stages of `kind` (once, however often called)."""
    criteria = _registry.setdefault(str(kind), [])
    if criterion not in criteria:
        criteria.append(criterion)


def criteria_for(kind: str) -> list[Criterion]:
    """The exit criteria of stages of `kind`, in the order the apps registered them."""
    return list(_registry.get(str(kind), []))


def priority_name(*, number: int, title: str, short_title: str = "") -> str:
    """How a blocker names a priority: "Priority 3 (Skills)"."""
    return f"Priority {number} ({short_title or title})"


def priorities_lacking(
    *, strategy: Strategy, has: Exists | Q, label: str, missing: str
) -> CriterionResult:
    """The criterion "every priority has ...": met when every priority of `strategy` meets `has`.

    `has` is a condition on Priority (usually an Exists over a related table with
    OuterRef("pk")); `missing` completes the blocker's sentence, as in "has no project brief".
    One query, whatever the number of priorities. A strategy with no priorities does not meet
    it: there is nothing yet to move on with.
    """
    rows = list(
        Priority.objects.filter(strategy=strategy)
        .annotate(criterion_met=ExpressionWrapper(has, output_field=BooleanField()))
        .order_by("number")
        .values_list("number", "title", "short_title", "criterion_met")
    )
    if not rows:
        return CriterionResult(
            label=label, met=False, blockers=["The strategy has no priorities yet."]
        )
    blockers = [
        f"{priority_name(number=number, title=title, short_title=short_title)} {missing}"
        for number, title, short_title, met in rows
        if not met
    ]
    return CriterionResult(label=label, met=not blockers, blockers=blockers)


@dataclass(frozen=True)
class Gate:
    """Where a strategy stands: its current stage, the next one, and the criteria for moving on."""

    strategy: Strategy
    current: Stage | None
    next_stage: Stage | None
    results: list[CriterionResult]

    @property
    def is_last(self) -> bool:
        """True when there is no stage to move on to."""
        return self.next_stage is None

    @property
    def blockers(self) -> list[str]:
        """Everything that blocks the move, criterion after criterion."""
        return [blocker for result in self.results for blocker in result.blockers]

    @property
    def unmet(self) -> list[CriterionResult]:
        """The criteria not met."""
        return [result for result in self.results if not result.met]

    @property
    def all_met(self) -> bool:
        """True when every criterion is met (also when the stage has none)."""
        return not self.unmet

    @property
    def can_move_on(self) -> bool:
        """True when there is a next stage and nothing blocks the move to it."""
        return self.next_stage is not None and self.all_met


def _current_and_next(stages: Sequence[Stage]) -> tuple[Stage | None, Stage | None]:
    """The current stage and the one after it by order.

    With no current stage, the strategy has not started (or has finished): the next stage is the
    first one not yet complete.
    """
    for index, stage in enumerate(stages):
        if stage.status == StageStatus.CURRENT:
            following = stages[index + 1] if index + 1 < len(stages) else None
            return stage, following
    waiting = [stage for stage in stages if stage.status != StageStatus.COMPLETE]
    return None, (waiting[0] if waiting else None)


def stage_gate(strategy: Strategy) -> Gate:
    """The gate out of the strategy's current stage: one query for the stages, one per criterion.

    A last stage (nothing after it) is evaluated all the same, so the page can show what it asks,
    but it has no next stage to move to.
    """
    stages = list(Stage.objects.filter(strategy=strategy).order_by("order", "pk"))
    current, next_stage = _current_and_next(stages)
    results: list[CriterionResult] = []
    if current is not None:
        results = [criterion(strategy) for criterion in criteria_for(current.kind)]
    return Gate(strategy=strategy, current=current, next_stage=next_stage, results=results)


def every_priority_has_a_line_of_enquiry(strategy: Strategy) -> CriterionResult:
    """Set up: every priority has at least one line of enquiry."""
    return priorities_lacking(
        strategy=strategy,
        has=Exists(LineOfEnquiry.objects.filter(priority=OuterRef("pk"))),
        label="Every priority has at least one line of enquiry",
        missing="has no line of enquiry",
    )


def strategy_gates_register() -> None:
    """Register strategy's own criteria (called from the app's ready())."""
    criterion_register(kind=StageKind.SET_UP, criterion=every_priority_has_a_line_of_enquiry)
