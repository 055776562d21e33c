"""Reads behind the insight pages: the latest themes of a scope with their quotes and charts,
waiting suggestions, the tagging queue, opinion groups as the pages show them, the "you said,
we did" table and what may answer it, and the rows of the exports.

Each function fetches what it returns in a fixed number of queries, whatever the data.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from convenor.engagement.models import Document
from convenor.insights import charts, tagging
from convenor.insights.choices import (
    STAKEHOLDER_ORDER,
    RunStatus,
    TagStatus,
    ThemeScope,
    kind_label,
)
from convenor.insights.models import (
    OpinionRun,
    PriorityTag,
    Text,
    Theme,
    ThemeQuote,
    ThemeRun,
    YouSaid,
)
from convenor.interventions.models import StageChange
from convenor.meetings.models import Decision
from convenor.strategy.models import Priority, Strategy

QUOTES_SHOWN = 3
WAITING_SHOWN = 10
# The opinion groups' breakdown by stakeholder type, in the order services.opinion_summary keeps.
STAKEHOLDER_TYPES: tuple[tuple[str, str], ...] = tuple(
    (key, key.capitalize()) for key in STAKEHOLDER_ORDER
)
UNTAGGED = "untagged"  # the tagging queue's status filter for texts with no priority at all


# --- scopes and runs ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Scope:
    """What an insight page is about: the whole strategy, one priority or one window."""

    strategy: Strategy
    kind: str = ThemeScope.STRATEGY
    priority: Priority | None = None
    window: Document | None = None

    @property
    def target(self) -> Priority | Document | None:
        return self.priority or self.window

    @property
    def name(self) -> str:
        """The scope in words: "the strategy", "priority 3", "this window"."""
        if self.priority is not None:
            return f"priority {self.priority.number}"
        if self.window is not None:
            return "this window"
        return "the strategy"


def window_get(*, strategy: Strategy, pk: int) -> Document | None:
    return Document.objects.filter(strategy=strategy, pk=pk).first()


def priorities(*, strategy: Strategy) -> list[Priority]:
    """The strategy's priorities by number."""
    return list(Priority.objects.filter(strategy=strategy).order_by("number"))


def theme_run_latest(*, scope: Scope) -> ThemeRun | None:
    """The latest finished theme run of the scope, or None."""
    return (
        ThemeRun.objects.filter(
            strategy=scope.strategy,
            scope=scope.kind,
            priority=scope.priority,
            window=scope.window,
            status=RunStatus.DONE,
        )
        .order_by("-finished_at", "-pk")
        .first()
    )


def analysis_latest(*, strategy: Strategy) -> ThemeRun | None:
    """The strategy's latest analysis (its latest whole-strategy theme run), whatever its status:
    the pages say when one is waiting, running or has failed."""
    return (
        ThemeRun.objects.filter(strategy=strategy, scope=ThemeScope.STRATEGY)
        .order_by("-requested_at", "-pk")
        .first()
    )


def scope_texts(*, scope: Scope) -> QuerySet[Text]:
    """The texts a theme run of the scope reads (as services.themes_compute chooses them)."""
    texts = Text.objects.filter(strategy=scope.strategy)
    if scope.priority is not None:
        tagged = Q(tags__priority=scope.priority) & (
            Q(tags__status=TagStatus.CONFIRMED)
            | Q(tags__status=TagStatus.SUGGESTED, tags__confidence__gte=tagging.SUGGEST_AT)
        )
        texts = texts.filter(tagged).distinct()
    elif scope.window is not None:
        texts = texts.filter(window=scope.window)
    return texts


# --- themes ------------------------------------------------------------------------------------


@dataclass
class ThemeShown:
    """A theme with what its page shows: counts by stakeholder type (chart and table), counts
    by area, and its best quotes."""

    theme: Theme
    kinds: list[tuple[str, int]]
    areas: list[tuple[str, int]]
    quotes: list[ThemeQuote]
    chart: charts.BarChart | None


def themes_shown(*, run: ThemeRun | None) -> list[ThemeShown]:
    """The run's themes, each with its quotes (and their texts) and its chart; two queries."""
    if run is None:
        return []
    themes = (
        Theme.objects.filter(run=run)
        .select_related("labelled_by")
        .prefetch_related("quotes__text")
        .order_by("number")
    )
    shown = []
    for theme in themes:
        kinds = [(kind_label(key), count) for key, count in theme.kinds_counted]
        shown.append(
            ThemeShown(
                theme=theme,
                kinds=kinds,
                areas=theme.areas_counted,
                quotes=list(theme.quotes.all())[:QUOTES_SHOWN],
                chart=charts.bar_chart(kinds),
            )
        )
    return shown


def theme_get(*, strategy: Strategy, pk: int) -> Theme | None:
    """One theme of the strategy, with its run's priority and window."""
    return (
        Theme.objects.filter(run__strategy=strategy, pk=pk)
        .select_related("run__priority", "run__window")
        .first()
    )


# --- priority tags -----------------------------------------------------------------------------


def suggestions_waiting(
    *, scope: Scope, limit: int = WAITING_SHOWN
) -> tuple[list[PriorityTag], int]:
    """The scope's suggested tags waiting for a decision, surest first (up to `limit`), and how
    many wait in all; two queries."""
    tags = PriorityTag.objects.filter(text__strategy=scope.strategy, status=TagStatus.SUGGESTED)
    if scope.priority is not None:
        tags = tags.filter(priority=scope.priority)
    elif scope.window is not None:
        tags = tags.filter(text__window=scope.window)
    shown = list(
        tags.select_related("text", "priority").order_by(
            "-confidence", "text_id", "priority__number"
        )[:limit]
    )
    return shown, tags.count()


def tag_queue(
    *,
    strategy: Strategy,
    priority: Priority | None = None,
    status: str = "",
    kind: str = "",
    query: str = "",
) -> QuerySet[Text]:
    """The strategy's texts for the tagging queue, newest first, narrowed by a priority, a tag
    status (or "untagged"), a kind of text and words in the text; each with its tags (and their
    priorities and deciders) prefetched."""
    texts = Text.objects.filter(strategy=strategy)
    if status == UNTAGGED:
        texts = texts.exclude(tags__priority=priority) if priority else texts.filter(tags=None)
    elif priority is not None and status:
        texts = texts.filter(tags__priority=priority, tags__status=status)
    elif priority is not None:
        texts = texts.filter(tags__priority=priority)
    elif status:
        texts = texts.filter(tags__status=status)
    if kind:
        texts = texts.filter(kind=kind)
    if query:
        texts = texts.filter(text__icontains=query)
    tags = PriorityTag.objects.select_related("priority", "decided_by").order_by("priority__number")
    return (
        texts.distinct()
        .prefetch_related(Prefetch("tags", queryset=tags))
        .order_by("-said_on", "-pk")
    )


def tag_get(*, strategy: Strategy, pk: int) -> PriorityTag | None:
    """One tag on a text of the strategy, with its text and priority."""
    return (
        PriorityTag.objects.filter(text__strategy=strategy, pk=pk)
        .select_related("text", "priority")
        .first()
    )


def text_get(*, strategy: Strategy, pk: int) -> Text | None:
    return Text.objects.filter(strategy=strategy, pk=pk).first()


# --- opinion groups ----------------------------------------------------------------------------


def opinion_run_latest(*, strategy: Strategy) -> OpinionRun | None:
    """The strategy's latest finished opinion-group run, or None."""
    return (
        OpinionRun.objects.filter(strategy=strategy, status=RunStatus.DONE)
        .order_by("-finished_at", "-pk")
        .first()
    )


@dataclass
class OpinionShown:
    """An opinion run's result as the strategy page shows it (no queries: all from its JSON)."""

    groups: list[dict[str, Any]] = field(default_factory=list)
    map: charts.OpinionMap | None = None
    consensus: list[dict[str, Any]] = field(default_factory=list)
    divisive: list[dict[str, Any]] = field(default_factory=list)
    interventions: list[dict[str, Any]] = field(default_factory=list)
    # The same reading by stakeholder type: each type's distinctive statements, and the
    # statements the types agree on and divide over.
    types: list[dict[str, Any]] = field(default_factory=list)
    type_consensus: list[dict[str, Any]] = field(default_factory=list)
    type_divisive: list[dict[str, Any]] = field(default_factory=list)


def _votes(counts: Any) -> dict[str, int]:
    agree, disagree, passed = [*list(counts), 0, 0, 0][:3]
    return {"agree": int(agree), "disagree": int(disagree), "passed": int(passed)}


def opinion_shown(*, run: OpinionRun | None) -> OpinionShown:
    """The groups, map, consensus and divisive statements and intervention votes of a run."""
    result = run.result if run is not None else {}
    groups_json = result.get("groups") or []
    if not groups_json:
        return OpinionShown()
    groups: list[dict[str, Any]] = []
    for group in groups_json:
        colour, _shape, shape_name = charts.group_style(int(group["number"]))
        groups.append(
            {
                "number": int(group["number"]),
                "size": int(group["size"]),
                "colour": colour,
                "shape_name": shape_name,
                "kinds": [int(group["kinds"].get(key, 0)) for key, _label in STAKEHOLDER_TYPES],
                "name": f"Group {group['number']}",
                "caption": f"Group {group['number']}'s representative statements: "
                "where it votes unlike the rest",
                "representative": _representative(group),
            }
        )
    interventions = []
    for item in result.get("interventions") or []:
        rows = [
            {"label": f"Opinion group {index + 1}", **_votes(counts)}
            for index, counts in enumerate(item.get("by_group", []))
        ]
        rows += [
            {"label": label, **_votes(item.get("by_kind", {}).get(key, [0, 0, 0]))}
            for key, label in STAKEHOLDER_TYPES
        ]
        interventions.append(
            {
                "id": item.get("id"),
                "title": item.get("title", ""),
                "stage": item.get("stage", ""),
                "statements": len(item.get("statements", [])),
                "group_rows": rows[: len(item.get("by_group", []))],
                "kind_rows": rows[len(item.get("by_group", [])) :],
            }
        )
    labels = dict(STAKEHOLDER_TYPES)
    types = result.get("types") or {}
    return OpinionShown(
        groups=groups,
        map=charts.opinion_map(result.get("points") or [], [g["size"] for g in groups]),
        consensus=_consensus(result),
        divisive=_divisive(result),
        interventions=interventions,
        types=[
            {
                "label": labels.get(item.get("type", ""), item.get("type", "")),
                "size": int(item.get("size", 0)),
                "caption": f"{labels.get(item.get('type', ''), '')} ({int(item.get('size', 0))}): "
                "where they vote unlike the other stakeholder types",
                "representative": _representative(item),
            }
            for item in types.get("groups") or []
        ],
        type_consensus=_consensus(types),
        type_divisive=_divisive(types),
    )


def _representative(group: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "text": item.get("text", ""),
            "direction": item.get("direction", ""),
            "percent": charts.percent(float(item.get("share", 0))),
            "agree": int(item.get("agree", 0)),
            "disagree": int(item.get("disagree", 0)),
            "passed": int(item.get("passed", 0)),
            "seen": int(item.get("seen", 0)),
        }
        for item in group.get("representative", [])
    ]


def _consensus(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {
            "text": item.get("text", ""),
            "direction": item.get("direction", ""),
            "percent": charts.percent(float(item.get("score", 0))),
        }
        for item in result.get("consensus") or []
    ]


def _divisive(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [
        {"text": item.get("text", ""), "points": charts.percent(float(item.get("gap", 0)))}
        for item in result.get("divisive") or []
    ]


# --- you said, we did --------------------------------------------------------------------------


def you_said_list(*, strategy: Strategy) -> QuerySet[YouSaid]:
    """The strategy's "you said, we did" links, oldest first, with what answers each."""
    return (
        YouSaid.objects.filter(strategy=strategy)
        .select_related(
            "theme",
            "text",
            "decision__meeting__body",
            "stage_change__intervention",
            "created_by",
        )
        .order_by("created_at", "pk")
    )


def you_said_get(*, strategy: Strategy, pk: int) -> YouSaid | None:
    return YouSaid.objects.filter(strategy=strategy, pk=pk).first()


def decisions_answering(*, strategy: Strategy) -> list[Decision]:
    """Decisions of meetings of the strategy's bodies, newest meeting first."""
    return list(
        Decision.objects.filter(meeting__body__strategy=strategy)
        .select_related("meeting__body")
        .order_by("-meeting__starts_at", "meeting_id", "order", "pk")
    )


def stage_changes_answering(*, strategy: Strategy) -> list[StageChange]:
    """Lifecycle changes of the strategy's interventions, newest first."""
    return list(
        StageChange.objects.filter(intervention__priority__strategy=strategy)
        .select_related("intervention__priority")
        .order_by("-at", "-pk")
    )


def decision_label(decision: Decision) -> str:
    """ "Enterprise M3 Board, 22 May 2019: Note the proposed approach to ..." """
    when = timezone.localtime(decision.meeting.starts_at).date()
    text = charts.short_label(decision.text.strip(), 120)
    body = decision.meeting.body.name
    return f"{body}, {when.day} {when:%B %Y}: {decision.get_verb_display()} {text}"


def stage_change_label(change: StageChange) -> str:
    """ "Space cluster programme: moved to agreed with Government on 14 June 2019" """
    when = timezone.localtime(change.at).date()
    moved = str(change.get_to_stage_display()).lower()
    return f"{change.intervention.title}: moved to {moved} on {when.day} {when:%B %Y}"


# --- exports -----------------------------------------------------------------------------------


def theme_runs_latest(*, strategy: Strategy) -> list[ThemeRun]:
    """The latest finished run of every scope of the strategy: the strategy's, then each
    priority's by number, then each window's by opening; with the themes and quotes of each
    prefetched (three queries)."""
    runs = (
        ThemeRun.objects.filter(strategy=strategy, status=RunStatus.DONE)
        .select_related("priority", "window")
        .prefetch_related("themes__quotes__text")
        .order_by("-finished_at", "-pk")
    )
    latest: dict[tuple[str, int | None, int | None], ThemeRun] = {}
    for run in runs:
        latest.setdefault((run.scope, run.priority_id, run.window_id), run)
    order: dict[str, int] = {ThemeScope.STRATEGY: 0, ThemeScope.PRIORITY: 1, ThemeScope.WINDOW: 2}

    def key(run: ThemeRun) -> tuple[int, int, str, int]:
        window = run.window
        opens = window.opens_at.isoformat() if window is not None and window.opens_at else ""
        return (
            order.get(run.scope, 3),
            run.priority.number if run.priority is not None else 0,
            opens,
            run.window_id or 0,
        )

    return sorted(latest.values(), key=key)


def tags_for_export(*, strategy: Strategy) -> QuerySet[PriorityTag]:
    """Every tag on the strategy's texts, by text (oldest first) and priority number."""
    return (
        PriorityTag.objects.filter(text__strategy=strategy)
        .select_related("text", "priority", "decided_by")
        .order_by("text__said_on", "text_id", "priority__number")
    )
