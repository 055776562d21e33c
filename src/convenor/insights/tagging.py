"""Suggesting which priorities a text is about, with a confidence.

Two ways, the better one used when it can be: a CLASSIFIER trained on the texts whose tags staff
confirmed (one logistic regression per priority over TF-IDF words, word pairs and character
n-grams; each priority's own words are added as examples of it); and a KEYWORD baseline, the
cosine similarity between a text and each priority's words (title, summary, lines of enquiry),
used while there are too few confirmed tags to learn from. Nothing here reads the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

# Confirmed texts needed before the classifier is trusted, and positives per priority.
MIN_CONFIRMED_TEXTS = 40
MIN_POSITIVES = 3
SUGGEST_AT = 0.35  # a priority is suggested at this confidence or more
KEYWORD_SCALE = 0.25  # cosine similarity that counts as full confidence in the keyword baseline


@dataclass(frozen=True)
class PriorityWords:
    """A priority as the tagger sees it: its number and its own words."""

    number: int
    title: str
    summary: str = ""
    lines: tuple[str, ...] = ()

    @property
    def text(self) -> str:
        return " ".join((self.title, self.title, self.summary, *self.lines))


@dataclass(frozen=True)
class Suggestion:
    number: int
    confidence: float


class Tagger:
    """Scores texts against priorities; `method` says which way it scores."""

    def __init__(
        self,
        priorities: Sequence[PriorityWords],
        examples: Sequence[tuple[str, Sequence[int]]] = (),
    ) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.priorities = list(priorities)
        self.numbers = [p.number for p in self.priorities]
        positives = {n: sum(1 for _t, tags in examples if n in tags) for n in self.numbers}
        self.learnt = len(examples) >= MIN_CONFIRMED_TEXTS and any(
            count >= MIN_POSITIVES for count in positives.values()
        )
        self.method = "classifier" if self.learnt else "keywords"
        self._keywords = TfidfVectorizer(
            stop_words="english", sublinear_tf=True, ngram_range=(1, 1)
        )
        corpus = [p.text for p in self.priorities] + [t for t, _tags in examples]
        self._keywords.fit(corpus or ["empty"])
        self._profiles = self._keywords.transform([p.text for p in self.priorities])
        self._models: dict[int, Any] = {}
        if self.learnt:
            self._train(examples, positives)

    def _train(
        self, examples: Sequence[tuple[str, Sequence[int]]], positives: dict[int, int]
    ) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import FeatureUnion

        texts = [t for t, _tags in examples] + [p.text for p in self.priorities]
        labels = [set(tags) for _t, tags in examples] + [{p.number} for p in self.priorities]
        self._features = FeatureUnion(
            [
                (
                    "words",
                    TfidfVectorizer(
                        stop_words="english", sublinear_tf=True, ngram_range=(1, 2), min_df=1
                    ),
                ),
                (
                    "chars",
                    TfidfVectorizer(
                        analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2
                    ),
                ),
            ]
        )
        matrix = self._features.fit_transform(texts)
        for number in self.numbers:
            if positives[number] < MIN_POSITIVES:
                continue  # this priority keeps the keyword baseline
            target = np.array([number in tags for tags in labels], dtype=int)
            model = LogisticRegression(C=8.0, class_weight="balanced", max_iter=1000)
            model.fit(matrix, target)
            self._models[number] = model

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """A (texts, priorities) array of confidences between 0 and 1."""
        if not texts:
            return np.zeros((0, len(self.numbers)))
        similarity = (self._keywords.transform(texts) @ self._profiles.T).toarray()
        result = np.clip(similarity / KEYWORD_SCALE, 0.0, 1.0)
        if self._models:
            matrix = self._features.transform(texts)
            for column, number in enumerate(self.numbers):
                model = self._models.get(number)
                if model is not None:
                    result[:, column] = model.predict_proba(matrix)[:, 1]
        return result

    def suggest(self, texts: Sequence[str]) -> list[list[Suggestion]]:
        """For each text, the priorities at or above SUGGEST_AT, else its single best guess."""
        result: list[list[Suggestion]] = []
        for row in self.scores(texts):
            chosen = [
                Suggestion(self.numbers[i], float(row[i]))
                for i in np.argsort(-row, kind="stable")
                if row[i] >= SUGGEST_AT
            ]
            if not chosen and row.size and row.max() > 0:
                best = int(row.argmax())
                chosen = [Suggestion(self.numbers[best], float(row[best]))]
            result.append(chosen)
        return result


@dataclass(frozen=True)
class PriorityScore:
    number: int
    precision: float
    recall: float
    f1: float
    support: int


def evaluate(
    truth: Sequence[set[int]], predicted: Sequence[set[int]], numbers: Sequence[int]
) -> tuple[list[PriorityScore], PriorityScore]:
    """Precision, recall and F1 per priority, and their macro average (number 0)."""
    rows: list[PriorityScore] = []
    for number in numbers:
        tp = sum(1 for t, p in zip(truth, predicted, strict=True) if number in t and number in p)
        fp = sum(
            1 for t, p in zip(truth, predicted, strict=True) if number not in t and number in p
        )
        fn = sum(
            1 for t, p in zip(truth, predicted, strict=True) if number in t and number not in p
        )
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append(PriorityScore(number, precision, recall, f1, tp + fn))
    macro = PriorityScore(
        0,
        sum(r.precision for r in rows) / len(rows),
        sum(r.recall for r in rows) / len(rows),
        sum(r.f1 for r in rows) / len(rows),
        sum(r.support for r in rows),
    )
    return rows, macro
