"""Reads for the staff dashboard: a strategy's stage gate, priorities at a glance, what is due.

Each part comes from the app that knows it, through that app's selectors (strategy.gates,
evidence.progress, interventions.progress, engagement.coverage_selectors, evidence.brief_selectors,
meetings.selectors), and each makes a fixed number of queries, so the page's query count does not
grow with the data (house rule 2).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q

from convenor.core import clock
from convenor.dashboard.charts import BarChart, Series, bar_chart
from convenor.engagement import coverage_selectors
from convenor.evidence import brief_selectors
from convenor.evidence.models import ProjectBrief
from convenor.evidence.progress import PriorityEvidence, priority_evidence
from convenor.interventions.choices import InterventionStage
from convenor.interventions.progress import STAGE_COLUMNS, priority_intervention_stages
from convenor.meetings import selectors as meeting_selectors
from convenor.meetings.selectors import StrategyDeadlines
from convenor.strategy.choices import EnquiryStatus
from convenor.strategy.gates import Gate, stage_gate
from convenor.strategy.models import Priority, StageTransition, Strategy

# How many moves between stages, and overdue briefs, the dashboard lists (newest or longest
# overdue first); the rest are a link away.
TRANSITIONS_SHOWN = 20
BRIEFS_SHOWN = 20

# The colours of the lifecycle stages on the chart (GOV.UK Frontend's palette), light to dark as
# an intervention matures, parked apart in orange. The table beside the chart carries the same
# figures, so nothing depends on telling the colours apart.
STAGE_COLOURS: dict[str, str] = {
    InterventionStage.IDEA: "#b1b4b6",
    InterventionStage.WORKED_UP: "#5694ca",
    InterventionStage.TESTED: "#1d70b8",
    InterventionStage.SUPPORTED: "#4c2c92",
    InterventionStage.AGREED: "#00703c",
    InterventionStage.IN_DELIVERY: "#0b0c0c",
    InterventionStage.PARKED: "#f47738",
}
EVIDENCE_COLOUR = "#1d70b8"


@dataclass(frozen=True)
class StageCount:
    """How many of a priority's interventions are at one lifecycle stage."""

    stage: str
    label: str
    count: int


@dataclass(frozen=True)
class PriorityProgress:
    """One priority's line on the dashboard."""

    priority: Priority
    lines_total: int
    lines_answered: int
    evidence: PriorityEvidence
    stages: tuple[StageCount, ...]
    organisations_reached: int
    people_reached: int

    @property
    def interventions_total(self) -> int:
        return sum(count.count for count in self.stages)

    @property
    def label(self) -> str:
        """The priority as the charts name it: "3. Skills"."""
        return f"{self.priority.number}. {self.priority.short_title or self.priority.title}"


@dataclass(frozen=True)
class Dashboard:
    """Everything the staff dashboard shows about one strategy."""

    strategy: Strategy
    gate: Gate
    transitions: list[StageTransition]
    priorities: list[PriorityProgress]
    stage_columns: list[tuple[str, str]]
    briefs_overdue: list[ProjectBrief]
    briefs_overdue_count: int
    deadlines: StrategyDeadlines | None
    interventions_chart: BarChart | None
    evidence_chart: BarChart | None
    today: datetime.date


def strategy_transitions(
    *, strategy: Strategy, limit: int = TRANSITIONS_SHOWN
) -> list[StageTransition]:
    """The strategy's latest moves between stages, newest first, with stages and who moved."""
    return list(
        StageTransition.objects.filter(strategy=strategy)
        .select_related("from_stage", "to_stage", "actor")
        .order_by("-created_at", "-pk")[:limit]
    )


def priorities_with_enquiries(*, strategy: Strategy) -> list[Priority]:
    """The strategy's priorities by number, each with `lines_total` and `lines_answered`."""
    return list(
        Priority.objects.filter(strategy=strategy)
        .annotate(
            lines_total=Count("lines_of_enquiry", distinct=True),
            lines_answered=Count(
                "lines_of_enquiry",
                distinct=True,
                filter=Q(lines_of_enquiry__status=EnquiryStatus.ANSWERED),
            ),
        )
        .order_by("number")
    )


def strategy_deadlines(
    *, strategy: Strategy, today: datetime.date, now: datetime.datetime
) -> StrategyDeadlines | None:
    """The strategy's papers and minutes due and its overdue actions (None when nothing is due).

    meetings.selectors.staff_deadlines reads every strategy's in two queries; this keeps the row
    of this one.
    """
    for row in meeting_selectors.staff_deadlines(today=today, now=now):
        if row.strategy.pk == strategy.pk:
            return row
    return None


def _interventions_chart(rows: list[PriorityProgress]) -> BarChart | None:
    series = [
        Series(key=stage, label=label, colour=STAGE_COLOURS[stage])
        for stage, label in ((str(s), str(s.label)) for s in STAGE_COLUMNS)
    ]
    return bar_chart(
        rows=[(row.label, [count.count for count in row.stages]) for row in rows],
        series=series,
        axis_title="Interventions",
        category_title="Priority",
        unit=("intervention", "interventions"),
    )


def _evidence_chart(rows: list[PriorityProgress]) -> BarChart | None:
    return bar_chart(
        rows=[(row.label, [row.evidence.evidence_items]) for row in rows],
        series=[Series(key="evidence", label="Evidence items", colour=EVIDENCE_COLOUR)],
        axis_title="Evidence items",
        category_title="Priority",
        unit=("evidence item", "evidence items"),
    )


def dashboard_for(*, strategy: Strategy) -> Dashboard:
    """The staff dashboard of `strategy`, in a fixed number of queries whatever its size."""
    today, now = clock.today(), clock.now()
    priorities = priorities_with_enquiries(strategy=strategy)
    evidence = priority_evidence(strategy=strategy, today=today)
    stages = priority_intervention_stages(strategy=strategy)
    reach = {
        summary.subject.pk: summary
        for summary in coverage_selectors.priority_summaries(strategy=strategy)
    }
    no_evidence = PriorityEvidence(
        evidence_items=0, evidenced_lines=0, open_briefs=0, overdue_briefs=0
    )
    rows = []
    for priority in priorities:
        by_stage = stages.get(priority.pk, {})
        summary = reach.get(priority.pk)
        rows.append(
            PriorityProgress(
                priority=priority,
                lines_total=priority.lines_total,  # type: ignore[attr-defined]
                lines_answered=priority.lines_answered,  # type: ignore[attr-defined]
                evidence=evidence.get(priority.pk, no_evidence),
                stages=tuple(
                    StageCount(
                        stage=str(stage), label=str(stage.label), count=by_stage.get(stage, 0)
                    )
                    for stage in STAGE_COLUMNS
                ),
                organisations_reached=summary.organisations if summary else 0,
                people_reached=summary.people if summary else 0,
            )
        )
    return Dashboard(
        strategy=strategy,
        gate=stage_gate(strategy),
        transitions=strategy_transitions(strategy=strategy),
        priorities=rows,
        stage_columns=[(str(stage), str(stage.label)) for stage in STAGE_COLUMNS],
        briefs_overdue=list(brief_selectors.briefs_overdue(strategy=strategy)[:BRIEFS_SHOWN]),
        briefs_overdue_count=sum(row.evidence.overdue_briefs for row in rows),
        deadlines=strategy_deadlines(strategy=strategy, today=today, now=now),
        interventions_chart=_interventions_chart(rows),
        evidence_chart=_evidence_chart(rows),
        today=today,
    )
