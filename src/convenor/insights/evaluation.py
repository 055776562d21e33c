"""Priority tagging measured on a labelled set: keyword baseline and cross-validated classifier."""

from __future__ import annotations

import csv
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from convenor.insights import tagging

SEED = 20190520  # the folds are shuffled with a fixed seed, so every run reports the same figures
LEARNING_SIZES = (40, 80, 160)  # training comments per fold for the learning curve (then all)


@dataclass(frozen=True)
class LabelledComment:
    key: int
    text: str
    priorities: frozenset[int]


@dataclass(frozen=True)
class Evaluation:
    """The figures of one evaluation: per priority and macro, for both ways of tagging."""

    priorities: tuple[tagging.PriorityWords, ...]
    comments: int
    folds: int
    keywords: tuple[tagging.PriorityScore, ...]
    keywords_macro: tagging.PriorityScore
    classifier: tuple[tagging.PriorityScore, ...]
    classifier_macro: tagging.PriorityScore
    # (training comments per fold, macro F1 over all held-out folds); None = all of them.
    learning_curve: tuple[tuple[int | None, float], ...]
    # Which way the Tagger scored each fold ("classifier" unless too few examples).
    methods: tuple[str, ...]


def labelled_read(path: Path) -> list[LabelledComment]:
    """The labelled comments (columns id, text, priorities "1;4"), in id order."""
    with path.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    comments = [
        LabelledComment(
            key=int(row["id"]),
            text=row["text"],
            priorities=frozenset(int(n) for n in row["priorities"].split(";") if n.strip()),
        )
        for row in rows
    ]
    return sorted(comments, key=lambda comment: comment.key)


def scenario_priorities(path: Path) -> list[tagging.PriorityWords]:
    """The priorities of a scenario file (number, title, summary, lines of enquiry' questions).

    A line of enquiry is written either as its question alone or as a mapping with `question`.
    """
    document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    words = []
    for item in document.get("priorities") or []:
        lines = []
        for line in item.get("lines_of_enquiry") or []:
            question = line.get("question", "") if isinstance(line, dict) else line
            lines.append(" ".join(str(question).split()))
        words.append(
            tagging.PriorityWords(
                number=int(item["number"]),
                title=str(item["title"]),
                summary=" ".join(str(item.get("summary") or "").split()),
                lines=tuple(lines),
            )
        )
    return sorted(words, key=lambda priority: priority.number)


def folds_split(comments: Sequence[LabelledComment], folds: int) -> list[list[LabelledComment]]:
    """`folds` folds of about equal size: the comments in id order, shuffled with SEED, dealt."""
    if folds < 2 or folds > len(comments):
        raise ValueError(f"Folds must be between 2 and the number of comments ({len(comments)}).")
    order = sorted(comments, key=lambda comment: comment.key)
    random.Random(SEED).shuffle(order)
    return [order[i::folds] for i in range(folds)]


def _chosen(tagger: tagging.Tagger, texts: Sequence[str]) -> list[set[int]]:
    return [{s.number for s in suggestions} for suggestions in tagger.suggest(texts)]


def tagging_evaluate(*, labelled: Path, scenario: Path, folds: int = 5) -> Evaluation:
    """The keyword baseline over every comment, and the classifier by k-fold cross-validation.

    The classifier is judged only on comments it was not trained on: each fold is held out once
    and the Tagger learns from the other folds' true priorities as confirmed examples.
    """
    comments = labelled_read(labelled)
    priorities = scenario_priorities(scenario)
    numbers = [priority.number for priority in priorities]

    baseline = tagging.Tagger(priorities)
    keyword_rows, keyword_macro = tagging.evaluate(
        [set(c.priorities) for c in comments],
        _chosen(baseline, [c.text for c in comments]),
        numbers,
    )

    split = folds_split(comments, folds)
    sizes: list[int | None] = [*LEARNING_SIZES, None]
    truth: list[set[int]] = []
    predicted: dict[int | None, list[set[int]]] = {size: [] for size in sizes}
    methods: list[str] = []
    for index, held_out in enumerate(split):
        training = [c for other, fold in enumerate(split) if other != index for c in fold]
        texts = [c.text for c in held_out]
        truth.extend(set(c.priorities) for c in held_out)
        for size in sizes:
            chosen = training if size is None else training[:size]
            tagger = tagging.Tagger(priorities, [(c.text, sorted(c.priorities)) for c in chosen])
            predicted[size].extend(_chosen(tagger, texts))
            if size is None:
                methods.append(tagger.method)
    classifier_rows, classifier_macro = tagging.evaluate(truth, predicted[None], numbers)
    curve = tuple((size, tagging.evaluate(truth, predicted[size], numbers)[1].f1) for size in sizes)
    return Evaluation(
        priorities=tuple(priorities),
        comments=len(comments),
        folds=folds,
        keywords=tuple(keyword_rows),
        keywords_macro=keyword_macro,
        classifier=tuple(classifier_rows),
        classifier_macro=classifier_macro,
        learning_curve=curve,
        methods=tuple(methods),
    )


def _cells(score: tagging.PriorityScore) -> list[str]:
    return [f"{score.precision:.2f}", f"{score.recall:.2f}", f"{score.f1:.2f}"]


def _cell_text(value: Any) -> str:
    """A table cell: the pipe that would end the cell is escaped."""
    return str(value).replace("|", "\\|")


def evaluation_table(evaluation: Evaluation) -> str:
    """The figures as a Markdown table, then the learning curve on one line."""
    lines = [
        "| Priority | Support | Keywords P | Keywords R | Keywords F1 "
        "| Classifier P | Classifier R | Classifier F1 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    titles = {priority.number: priority.title for priority in evaluation.priorities}
    for keyword, learnt in zip(evaluation.keywords, evaluation.classifier, strict=True):
        label = _cell_text(f"{keyword.number}. {titles.get(keyword.number, '')}")
        cells = [label, str(keyword.support), *_cells(keyword), *_cells(learnt)]
        lines.append("| " + " | ".join(cells) + " |")
    macro = [
        "**Macro average**",
        str(evaluation.keywords_macro.support),
        *_cells(evaluation.keywords_macro),
        *_cells(evaluation.classifier_macro),
    ]
    lines.append("| " + " | ".join(macro) + " |")
    points = ", ".join(
        f"{'all' if size is None else size}: {f1:.2f}" for size, f1 in evaluation.learning_curve
    )
    lines.append("")
    lines.append(
        f"Learning curve (classifier macro F1 on the held-out folds, by training comments per "
        f"fold; {evaluation.comments} comments, {evaluation.folds} folds): {points}."
    )
    return "\n".join(lines)
