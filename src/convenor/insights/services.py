"""Writes of insight: copying what was said, suggesting and deciding priority tags, finding
themes and opinion groups, labelling themes, and linking what was said to what was done."""

from __future__ import annotations

import datetime
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from convenor.core import clock
from convenor.core.services import audit_event_record
from convenor.engagement import said_selectors
from convenor.engagement.choices import ContentStatus, VoteChoice
from convenor.engagement.models import Statement, Vote
from convenor.governance.models import Body
from convenor.insights import opinion, selectors, tagging, themes
from convenor.insights.choices import (
    STAKEHOLDER_GROUPS,
    STAKEHOLDER_ORDER,
    RunStatus,
    TagMethod,
    TagStatus,
    TextKind,
    ThemeScope,
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
from convenor.interventions.models import Intervention, StageChange
from convenor.meetings.models import Decision
from convenor.strategy.models import Priority, Strategy

Actor = Any
RUNS_KEPT = 3  # theme runs kept per scope: the latest and two before it

VOTE_VALUES: dict[str, float] = {
    VoteChoice.AGREE: 1.0,
    VoteChoice.DISAGREE: -1.0,
    VoteChoice.PASS: 0.0,
}


# --- texts ------------------------------------------------------------------------------------


@transaction.atomic
def texts_sync(*, strategy: Strategy) -> int:
    """Bring the copy of what was said up to date with engagement; returns how many texts.

    New texts are added, edited ones updated, ones no longer published removed (with their tags
    and quotes). Priorities recorded with a contribution, and a discussion's priority, become
    confirmed tags.
    """
    wanted: dict[tuple[str, int], Text] = {}
    recorded: dict[tuple[str, int], set[int]] = {}
    for contribution in said_selectors.contributions_said(strategy=strategy):
        author = contribution.author
        wanted[(TextKind.CONTRIBUTION, contribution.pk)] = _text(
            strategy,
            TextKind.CONTRIBUTION,
            contribution.text,
            contribution.made_on,
            author,
            label=contribution.author_label,
            contribution=contribution,
        )
        recorded[(TextKind.CONTRIBUTION, contribution.pk)] = {
            p.pk for p in contribution.priorities.all()
        }
    for comment in said_selectors.comments_said(strategy=strategy):
        wanted[(TextKind.COMMENT, comment.pk)] = _text(
            strategy,
            TextKind.COMMENT,
            comment.text,
            timezone.localdate(comment.created_at),
            comment.author,
            label=comment.author.name if comment.author else "",
            comment=comment,
            window_id=comment.version.paragraph.document_id,
        )
    for post in said_selectors.posts_said(strategy=strategy):
        wanted[(TextKind.POST, post.pk)] = _text(
            strategy,
            TextKind.POST,
            post.text,
            timezone.localdate(post.created_at),
            post.author,
            label=post.author.name if post.author else "",
            post=post,
        )
        if post.discussion.priority_id:
            recorded[(TextKind.POST, post.pk)] = {post.discussion.priority_id}

    existing = {
        (text.kind, text.contribution_id or text.comment_id or text.post_id or 0): text
        for text in Text.objects.filter(strategy=strategy)
    }
    gone = [text.pk for key, text in existing.items() if key not in wanted]
    Text.objects.filter(pk__in=gone).delete()
    changed = []
    for key, text in existing.items():
        new = wanted.get(key)
        if new is not None and (new.text, new.author_kind, new.area_id, new.author_label) != (
            text.text,
            text.author_kind,
            text.area_id,
            text.author_label,
        ):
            text.text, text.author_kind, text.area_id = new.text, new.author_kind, new.area_id
            text.author_label = new.author_label
            changed.append(text)
    Text.objects.bulk_update(
        changed, ["text", "author_kind", "area_id", "author_label"], batch_size=1000
    )
    Text.objects.bulk_create([t for k, t in wanted.items() if k not in existing], batch_size=1000)

    if recorded:
        ids = {
            (text.kind, text.contribution_id or text.post_id or 0): text.pk
            for text in Text.objects.filter(strategy=strategy).exclude(kind=TextKind.COMMENT)
        }
        have = {
            (text_id, priority_id): (pk, status)
            for pk, text_id, priority_id, status in PriorityTag.objects.filter(
                text__strategy=strategy
            ).values_list("pk", "text_id", "priority_id", "status")
        }
        pairs = [
            (ids[key], priority_id)
            for key, priorities in recorded.items()
            if key in ids
            for priority_id in priorities
        ]
        PriorityTag.objects.bulk_create(
            [
                PriorityTag(
                    text_id=text_id,
                    priority_id=priority_id,
                    confidence=1.0,
                    method=TagMethod.RECORDED,
                    status=TagStatus.CONFIRMED,
                )
                for text_id, priority_id in pairs
                if (text_id, priority_id) not in have
            ],
            batch_size=1000,
        )
        # A priority the tagger suggested and staff then recorded with the contribution is
        # confirmed by that recording; a tag staff rejected in insight stays rejected.
        PriorityTag.objects.filter(
            pk__in=[
                have[pair][0]
                for pair in pairs
                if pair in have and have[pair][1] == TagStatus.SUGGESTED
            ]
        ).update(confidence=1.0, method=TagMethod.RECORDED, status=TagStatus.CONFIRMED)
    return len(wanted)


def _text(
    strategy: Strategy,
    kind: str,
    text: str,
    said_on: datetime.date,
    author: Any,
    *,
    label: str,
    window_id: int | None = None,
    **source: Any,
) -> Text:
    organisation = getattr(author, "organisation", None)
    return Text(
        strategy=strategy,
        kind=kind,
        text=text,
        said_on=said_on,
        author_label=label[:200],
        author_kind=organisation.kind if organisation else "",
        area_id=organisation.area_id if organisation else None,
        window_id=window_id,
        **source,
    )


# --- priority tags ----------------------------------------------------------------------------


def priority_words(*, strategy: Strategy) -> list[tagging.PriorityWords]:
    """The strategy's priorities with their own words, for the tagger (two queries)."""
    priorities = Priority.objects.filter(strategy=strategy).prefetch_related("lines_of_enquiry")
    return [
        tagging.PriorityWords(
            number=priority.number,
            title=priority.title,
            summary=priority.summary,
            lines=tuple(line.question for line in priority.lines_of_enquiry.all()),
        )
        for priority in priorities.order_by("number")
    ]


@transaction.atomic
def tags_suggest(*, strategy: Strategy) -> str:
    """Suggest priorities for every text, learning from confirmed tags; returns the method used.

    Confirmed and rejected tags stand; every other suggestion is made afresh.
    """
    words = priority_words(strategy=strategy)
    if not words:
        return TagMethod.KEYWORDS
    priority_ids = dict(Priority.objects.filter(strategy=strategy).values_list("number", "pk"))
    number_of = {pk: number for number, pk in priority_ids.items()}
    texts = list(Text.objects.filter(strategy=strategy).values_list("pk", "text"))
    decided: dict[int, dict[int, str]] = {}
    for text_id, priority_id, status in (
        PriorityTag.objects.filter(text__strategy=strategy)
        .exclude(status=TagStatus.SUGGESTED)
        .values_list("text_id", "priority_id", "status")
    ):
        decided.setdefault(text_id, {})[priority_id] = status
    examples = [
        (body, [number_of[p] for p, status in decided[pk].items() if status == TagStatus.CONFIRMED])
        for pk, body in texts
        if any(status == TagStatus.CONFIRMED for status in decided.get(pk, {}).values())
    ]
    tagger = tagging.Tagger(words, examples)
    method = TagMethod.CLASSIFIER if tagger.learnt else TagMethod.KEYWORDS
    PriorityTag.objects.filter(text__strategy=strategy, status=TagStatus.SUGGESTED).delete()
    new: list[PriorityTag] = []
    for (pk, _body), suggestions in zip(texts, tagger.suggest([b for _p, b in texts]), strict=True):
        for suggestion in suggestions:
            priority_id = priority_ids[suggestion.number]
            if priority_id in decided.get(pk, {}):
                continue
            new.append(
                PriorityTag(
                    text_id=pk,
                    priority_id=priority_id,
                    confidence=round(min(max(suggestion.confidence, 0.0), 1.0), 4),
                    method=method,
                    status=TagStatus.SUGGESTED,
                )
            )
    PriorityTag.objects.bulk_create(new, batch_size=2000)
    return method


@transaction.atomic
def tag_decide(*, tag: PriorityTag, actor: Actor, confirm: bool) -> PriorityTag:
    """Confirm or reject a suggested tag (or change a decision); recorded in the audit trail."""
    before = tag.status
    tag.status = TagStatus.CONFIRMED if confirm else TagStatus.REJECTED
    tag.decided_by = actor if getattr(actor, "is_authenticated", False) else None
    tag.decided_at = clock.now()
    tag.full_clean()
    tag.save()
    audit_event_record(
        actor=actor,
        verb="confirmed priority tag" if confirm else "rejected priority tag",
        target=tag.text,
        detail={"priority": tag.priority.number, "was": before},
    )
    return tag


@transaction.atomic
def tag_add(*, text: Text, priority: Priority, actor: Actor) -> PriorityTag:
    """Tag a text with a priority nobody suggested: confirmed at once."""
    if priority.strategy_id != text.strategy_id:
        raise ValidationError({"priority": "Choose a priority of this strategy."})
    tag = PriorityTag.objects.filter(text=text, priority=priority).first()
    if tag is not None:
        return tag_decide(tag=tag, actor=actor, confirm=True)
    tag = PriorityTag(
        text=text,
        priority=priority,
        confidence=1.0,
        method=TagMethod.RECORDED,
        status=TagStatus.CONFIRMED,
        decided_by=actor if getattr(actor, "is_authenticated", False) else None,
        decided_at=clock.now(),
    )
    tag.full_clean()
    tag.save()
    audit_event_record(
        actor=actor,
        verb="confirmed priority tag",
        target=text,
        detail={"priority": priority.number, "was": "new"},
    )
    return tag


# --- themes -----------------------------------------------------------------------------------


def _scope_texts(strategy: Strategy, scope: str, target: Any) -> list[Text]:
    chosen = selectors.Scope(
        strategy=strategy,
        kind=scope,
        priority=target if scope == ThemeScope.PRIORITY else None,
        window=target if scope == ThemeScope.WINDOW else None,
    )
    return list(selectors.scope_texts(scope=chosen).select_related("area").order_by("pk"))


@transaction.atomic
def themes_compute(
    *,
    strategy: Strategy,
    scope: str = ThemeScope.STRATEGY,
    target: Any = None,
    run: ThemeRun | None = None,
) -> ThemeRun:
    """Find the themes of one scope's texts and keep them as a finished run.

    Labels staff gave the previous run's themes pass to the new themes that match them.
    """
    if run is None:
        run = ThemeRun.objects.create(
            strategy=strategy,
            scope=scope,
            requested_at=clock.now(),
            priority=target if scope == ThemeScope.PRIORITY else None,
            window=target if scope == ThemeScope.WINDOW else None,
        )
    texts = _scope_texts(strategy, run.scope, run.priority or run.window)
    previous = (
        ThemeRun.objects.filter(
            strategy=strategy,
            scope=run.scope,
            priority=run.priority,
            window=run.window,
            status=RunStatus.DONE,
        )
        .exclude(pk=run.pk)
        .order_by("-finished_at", "-pk")
        .first()
    )
    old_labels = [(theme.terms, theme.label) for theme in previous.themes.all()] if previous else []
    found = themes.themes_find([text.text for text in texts])
    quotes: list[ThemeQuote] = []
    for number, item in enumerate(found, start=1):
        members = [texts[i] for i in item.members]
        by_kind = Counter(text.author_kind or "unknown" for text in members)
        by_area = Counter(text.area.name if text.area else "Unknown" for text in members)
        theme = Theme.objects.create(
            run=run,
            number=number,
            terms=list(item.terms),
            label=themes.label_carried(old_labels, item.terms),
            size=len(members),
            by_kind=dict(by_kind.most_common()),
            by_area=dict(by_area.most_common()),
        )
        quotes.extend(
            ThemeQuote(theme=theme, text=texts[i], weight=round(weight, 6))
            for i, weight in item.quotes
        )
    ThemeQuote.objects.bulk_create(quotes)
    run.status = RunStatus.DONE
    run.text_count = len(texts)
    run.finished_at = clock.now()
    run.save()
    stale = ThemeRun.objects.filter(
        strategy=strategy,
        scope=run.scope,
        priority=run.priority,
        window=run.window,
        status=RunStatus.DONE,
    ).order_by("-finished_at", "-pk")[RUNS_KEPT:]
    ThemeRun.objects.filter(pk__in=[r.pk for r in stale]).delete()
    return run


@transaction.atomic
def theme_relabel(*, theme: Theme, label: str, actor: Actor) -> Theme:
    """Give a theme a label of staff's own (blank goes back to its top terms)."""
    before = theme.label
    theme.label = label.strip()
    theme.labelled_by = actor if getattr(actor, "is_authenticated", False) else None
    theme.full_clean()
    theme.save(update_fields=["label", "labelled_by"])
    audit_event_record(
        actor=actor,
        verb="relabelled theme",
        target=theme,
        detail={"from": before, "to": theme.label},
    )
    return theme


# --- opinion groups ---------------------------------------------------------------------------


def _stakeholder_group(kind: str | None) -> str:
    return STAKEHOLDER_GROUPS.get(kind or "", "other")


def strategy_votes(
    *, strategy: Strategy
) -> tuple[list[Statement], opinion.VoteMatrix, dict[str, str]]:
    """The strategy's statements, its votes as a matrix (participants named by person id) and
    each voter's stakeholder type (two queries).

    Statements that are not published (pending or hidden) are zeroed, as Pol.is zeroes
    moderated-out comments.
    """
    statements = list(
        Statement.objects.filter(strategy=strategy).select_related("priority").order_by("pk")
    )
    votes = list(
        Vote.objects.filter(statement__strategy=strategy)
        .order_by("created_at", "pk")
        .values_list("person_id", "statement_id", "choice", "person__organisation__kind")
    )
    kinds = {str(person): _stakeholder_group(kind) for person, _s, _c, kind in votes}
    matrix = opinion.VoteMatrix.from_votes(
        [(str(p), str(s), VOTE_VALUES[c]) for p, s, c, _k in votes],
        statements=[str(s.pk) for s in statements],
        moderated_out=[str(s.pk) for s in statements if s.status != ContentStatus.PUBLISHED],
    )
    return statements, matrix, kinds


def opinion_compute(*, strategy: Strategy, run: OpinionRun | None = None) -> OpinionRun:
    """Opinion groups from the strategy's statement votes, kept as a finished run.

    Statements that are not published (pending or hidden) are zeroed, as Pol.is zeroes
    moderated-out comments.
    """
    if run is None:
        run = OpinionRun.objects.create(strategy=strategy, requested_at=clock.now())
    started = time.perf_counter()
    statements, matrix, kinds = strategy_votes(strategy=strategy)
    found = opinion.opinion_groups(matrix)
    run.result = opinion_summary(found, statements=statements, kinds=kinds, strategy=strategy)
    run.result["seconds"] = round(time.perf_counter() - started, 3)
    run.participants = len(found.participants) if found else 0
    run.statements = len(statements)
    run.group_count = found.group_count if found else 0
    run.status = RunStatus.DONE
    run.finished_at = clock.now()
    run.save()
    stale = OpinionRun.objects.filter(strategy=strategy, status=RunStatus.DONE).order_by(
        "-finished_at", "-pk"
    )[RUNS_KEPT:]
    OpinionRun.objects.filter(pk__in=[r.pk for r in stale]).delete()
    return run


def _statements_json(found: opinion.OpinionResult, text_of: dict[str, str]) -> dict[str, Any]:
    """Each group's representative statements, and the consensus and divisive ones, as JSON."""
    return {
        "representative": [
            [
                {
                    "statement": found.statements[item.statement],
                    "text": text_of.get(found.statements[item.statement], ""),
                    "direction": item.direction,
                    "agree": item.agree,
                    "disagree": item.disagree,
                    "passed": item.passed,
                    "seen": item.seen,
                    "share": round(item.probability, 3),
                }
                for item in items
            ]
            for items in found.representative
        ],
        "consensus": [
            {
                "statement": found.statements[i],
                "text": text_of.get(found.statements[i], ""),
                "direction": direction,
                "score": round(score, 3),
            }
            for i, direction, score in found.consensus[:10]
        ],
        "divisive": [
            {
                "statement": found.statements[i],
                "text": text_of.get(found.statements[i], ""),
                "gap": round(gap, 3),
            }
            for i, gap in found.divisive[:10]
        ],
    }


def opinion_summary(
    found: opinion.OpinionResult | None,
    *,
    statements: Sequence[Statement],
    kinds: dict[str, str],
    strategy: Strategy,
) -> dict[str, Any]:
    """What the pages show of a result, as JSON: no person is named or identifiable in it.

    Besides Pol.is's groups, the same reading by stakeholder type (`types`: what each type
    agrees on more than the others, and the consensus and divisions between types). Votes on
    statements that are not published are left out of every count.
    """
    if found is None:
        return {
            "groups": [],
            "points": [],
            "consensus": [],
            "divisive": [],
            "statements": {},
            "interventions": [],
            "types": {"groups": [], "consensus": [], "divisive": []},
        }
    text_of = {str(s.pk): s.text for s in statements}
    column_of = {key: i for i, key in enumerate(found.statements) if not found.moderated[i]}
    votes = found.votes
    kinds_array = np.array([kinds.get(p, "other") for p in found.participants])

    def counts(mask: Any, column: int) -> list[int]:
        cells = votes[mask, column]
        return [int((cells == 1).sum()), int((cells == -1).sum()), int((cells == 0).sum())]

    per_statement: dict[str, Any] = {}
    for key, column in column_of.items():
        per_statement[key] = {
            "text": text_of.get(key, ""),
            "by_group": [counts(found.labels == g, column) for g in range(found.group_count)],
            "by_kind": {kind: counts(kinds_array == kind, column) for kind in STAKEHOLDER_ORDER},
        }
    described = _statements_json(found, text_of)
    groups = [
        {
            "number": g + 1,
            "size": int((found.labels == g).sum()),
            "kinds": {
                kind: int((kinds_array[found.labels == g] == kind).sum())
                for kind in STAKEHOLDER_ORDER
            },
            "representative": described["representative"][g],
        }
        for g in range(found.group_count)
    ]
    present = [kind for kind in STAKEHOLDER_ORDER if (kinds_array == kind).any()]
    by_type = opinion.regrouped(
        found, np.array([present.index(kind) for kind in kinds_array], dtype=int)
    )
    type_described = _statements_json(by_type, text_of)
    types = {
        "groups": [
            {
                "type": kind,
                "size": int((kinds_array == kind).sum()),
                "representative": type_described["representative"][index],
            }
            for index, kind in enumerate(present)
        ],
        "consensus": type_described["consensus"],
        "divisive": type_described["divisive"],
    }
    interventions = []
    linked = (
        Intervention.objects.filter(priority__strategy=strategy, statements__isnull=False)
        .distinct()
        .prefetch_related("statements")
        .order_by("priority__number", "title")
    )
    for intervention in linked:
        keys = [str(s.pk) for s in intervention.statements.all() if str(s.pk) in per_statement]
        if not keys:
            continue
        interventions.append(
            {
                "id": intervention.pk,
                "title": intervention.title,
                "stage": intervention.get_stage_display(),
                "statements": keys,
                "by_group": [
                    [sum(per_statement[k]["by_group"][g][i] for k in keys) for i in range(3)]
                    for g in range(found.group_count)
                ],
                "by_kind": {
                    kind: [
                        sum(per_statement[k]["by_kind"][kind][i] for k in keys) for i in range(3)
                    ]
                    for kind in STAKEHOLDER_ORDER
                },
            }
        )
    return {
        "groups": groups,
        "points": [
            [round(float(x), 4), round(float(y), 4), int(g)]
            for (x, y), g in zip(found.points, found.labels, strict=True)
        ],
        "consensus": described["consensus"],
        "divisive": described["divisive"],
        "statements": per_statement,
        "interventions": interventions,
        "types": types,
        "silhouettes": {str(k): round(v, 4) for k, v in found.silhouettes.items()},
    }


# --- the whole analysis ------------------------------------------------------------------------


@dataclass(frozen=True)
class AnalysisDone:
    texts: int
    tag_method: str
    theme_runs: int
    opinion_groups: int


def analysis_run(*, strategy: Strategy, run: ThemeRun | None = None) -> AnalysisDone:
    """Everything insight computes for a strategy, in order: texts, tags, themes (the strategy,
    each priority, each window), opinion groups. `run` is the queued strategy run, if any."""
    count = texts_sync(strategy=strategy)
    method = tags_suggest(strategy=strategy)
    runs = [themes_compute(strategy=strategy, run=run)]
    for priority in Priority.objects.filter(strategy=strategy).order_by("number"):
        runs.append(themes_compute(strategy=strategy, scope=ThemeScope.PRIORITY, target=priority))
    for window in said_selectors.windows(strategy=strategy):
        runs.append(themes_compute(strategy=strategy, scope=ThemeScope.WINDOW, target=window))
    groups = opinion_compute(strategy=strategy)
    return AnalysisDone(
        texts=count, tag_method=method, theme_runs=len(runs), opinion_groups=groups.group_count
    )


def analysis_request(*, strategy_id: int) -> ThemeRun:
    """Queue a fresh analysis of the strategy unless one is already waiting; returns the queued run.

    Called when something is said or voted on (see AppConfig.ready) and by staff's "run now".
    """
    from convenor.insights.tasks import analysis_task

    with transaction.atomic():
        waiting = ThemeRun.objects.filter(
            strategy_id=strategy_id, scope=ThemeScope.STRATEGY, status=RunStatus.QUEUED
        ).first()
        if waiting is not None:
            return waiting
        run = ThemeRun.objects.create(
            strategy_id=strategy_id, scope=ThemeScope.STRATEGY, requested_at=clock.now()
        )
    analysis_task.enqueue(run_id=run.pk)
    return run


def analysis_run_queued(*, run: ThemeRun) -> str:
    """Run a queued analysis (the background task's body); a failure is kept on the run."""
    updated = ThemeRun.objects.filter(pk=run.pk, status=RunStatus.QUEUED).update(
        status=RunStatus.RUNNING
    )
    if not updated:
        return "taken"
    run.refresh_from_db()
    try:
        analysis_run(strategy=run.strategy, run=run)
    except Exception as error:  # kept on the run for staff to see, then re-raised for the log
        ThemeRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED, error=str(error)[:2000], finished_at=clock.now()
        )
        raise
    return RunStatus.DONE


# --- you said, we did -------------------------------------------------------------------------


def we_did_text(
    *, decision: Decision | None = None, stage_change: StageChange | None = None
) -> str:
    """How an answer reads in the "we did" column."""
    if decision is not None:
        meeting = decision.meeting
        when = timezone.localtime(meeting.starts_at).date()
        return (
            f"{meeting.body.name}, {when.day} {when:%B %Y}: "
            f"{decision.get_verb_display().lower()} {decision.text.strip()}"
        )
    if stage_change is not None:
        intervention = stage_change.intervention
        when = timezone.localtime(stage_change.at).date()
        moved = stage_change.get_to_stage_display().lower()
        reason = stage_change.reason.strip()
        return f"{intervention.title}: moved to {moved} on {when.day} {when:%B %Y}. {reason}"
    return ""


@transaction.atomic
def you_said_link(
    *,
    strategy: Strategy,
    actor: Actor,
    theme: Theme | None = None,
    text: Text | None = None,
    decision: Decision | None = None,
    stage_change: StageChange | None = None,
    we_did: str = "",
) -> YouSaid:
    """Link a theme or a text to the decision or intervention change that answers it."""
    errors: dict[str, str] = {}
    if (theme is None) == (text is None):
        errors["said"] = "Choose a theme or a contribution."
    if (decision is None) == (stage_change is None):
        errors["answer"] = "Choose one decision or one intervention change that answers it."
    if theme is not None and theme.run.strategy_id != strategy.pk:
        errors["said"] = "Choose a theme of this strategy."
    if text is not None and text.strategy_id != strategy.pk:
        errors["said"] = "Choose a contribution to this strategy."
    if decision is not None and not _decision_of(strategy, decision):
        errors["answer"] = "Choose a decision of a body steering this strategy."
    if stage_change is not None and stage_change.intervention.priority.strategy_id != strategy.pk:
        errors["answer"] = "Choose a change to one of this strategy's interventions."
    if errors:
        raise ValidationError(errors)
    link = YouSaid(
        strategy=strategy,
        theme=theme,
        text=text,
        said=theme.title if theme is not None else text.text if text is not None else "",
        decision=decision,
        stage_change=stage_change,
        we_did=we_did.strip() or we_did_text(decision=decision, stage_change=stage_change),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    link.full_clean()
    link.save()
    audit_event_record(actor=actor, verb="linked you said, we did", target=link)
    return link


def _decision_of(strategy: Strategy, decision: Decision) -> bool:
    return Body.objects.filter(strategy=strategy, pk=decision.meeting.body_id).exists()


@transaction.atomic
def you_said_delete(*, link: YouSaid, actor: Actor) -> None:
    audit_event_record(actor=actor, verb="removed you said, we did", target=link)
    link.delete()
