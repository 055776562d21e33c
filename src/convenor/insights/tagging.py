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

from convenor.insights.blas import one_blas_thread

# Confirmed texts needed before the classifier is trusted, and positives per priority.
MIN_CONFIRMED_TEXTS = 40
MIN_POSITIVES = 3
SUGGEST_AT = 0.35  # a priority is suggested at this confidence or more
# The keyword baseline's confidence is similarity / (similarity + KEYWORD_HALF): a half at this
# cosine similarity, nearing 1 only for a text made of the priority's own words. Suggestions
# start at the similarity 0.0875 (confidence SUGGEST_AT).
KEYWORD_HALF = 0.1625
# Texts scored at a time: the character n-grams of 100,000 texts at once took 1.5 GB.
SCORE_BATCH = 5_000


class WordCharGrams:
    """TF-IDF of the character n-grams inside words: the same features as scikit-learn's
    `TfidfVectorizer(analyzer="char_wb", sublinear_tf=True, min_df=...)`, several times faster.

    scikit-learn cuts every occurrence of every word into n-grams in Python (20 of the 26 s of
    scoring 100,000 texts). A text's n-gram counts are the sum of its words' counts, so here each
    distinct word is cut once and remembered, and a text's counts are (text x word counts) @
    (word x n-gram counts), a sparse product.
    """

    def __init__(self, ngram_range: tuple[int, int] = (3, 5), min_df: int = 2) -> None:
        from sklearn.feature_extraction.text import TfidfVectorizer

        self._cut = TfidfVectorizer(analyzer="char_wb", ngram_range=ngram_range).build_analyzer()
        self.min_df = min_df
        self._words: dict[str, int] = {}  # every distinct word met so far -> its row
        self._ngrams: dict[str, int] = {}  # the n-grams kept by fit -> their column
        self._grams: Any = None  # (words x kept n-grams) counts, rows added as words are met
        self._tfidf: Any = None

    def _word_counts(self, texts: Sequence[str]) -> Any:
        """(texts x words met so far) counts; a word not met before gets a new row."""
        from scipy.sparse import csr_matrix

        columns: list[int] = []
        pointers = [0]
        words = self._words
        for text in texts:
            for word in text.lower().split():
                column = words.get(word)
                if column is None:
                    column = words[word] = len(words)
                columns.append(column)
            pointers.append(len(columns))
        counts = csr_matrix(
            (np.ones(len(columns)), np.array(columns, dtype=np.int64), np.array(pointers)),
            shape=(len(texts), len(words)),
        )
        counts.sum_duplicates()
        return counts

    def _cut_words(self, words: Sequence[str], ngrams: dict[str, int], *, grow: bool) -> Any:
        """(words x n-grams) counts; with `grow`, n-grams not in `ngrams` are added to it."""
        from scipy.sparse import csr_matrix

        columns: list[int] = []
        pointers = [0]
        for word in words:
            for gram in self._cut(word):
                column = ngrams.get(gram)
                if column is None and grow:
                    column = ngrams[gram] = len(ngrams)
                if column is not None:
                    columns.append(column)
            pointers.append(len(columns))
        grams = csr_matrix(
            (np.ones(len(columns)), np.array(columns, dtype=np.int64), np.array(pointers)),
            shape=(len(words), len(ngrams)),
        )
        grams.sum_duplicates()
        return grams

    def fit_transform(self, texts: Sequence[str]) -> Any:
        from sklearn.feature_extraction.text import TfidfTransformer

        self._words = {}
        words = self._word_counts(texts)
        every: dict[str, int] = {}
        counts = (words @ self._cut_words(list(self._words), every, grow=True)).tocsc()
        in_texts = np.diff(counts.indptr)  # texts each n-gram occurs in: no zero is stored
        names = list(every)
        # Columns in alphabetical order of n-gram, as scikit-learn orders its vocabulary.
        kept = sorted(np.flatnonzero(in_texts >= self.min_df), key=names.__getitem__)
        self._ngrams = {names[column]: i for i, column in enumerate(kept)}
        self._grams = self._cut_words(list(self._words), self._ngrams, grow=False)
        self._tfidf = TfidfTransformer(sublinear_tf=True)
        return self._tfidf.fit_transform(counts[:, kept].tocsr())

    def transform(self, texts: Sequence[str]) -> Any:
        from scipy.sparse import vstack

        known = self._grams.shape[0]
        words = self._word_counts(texts)
        if len(self._words) > known:
            new = list(self._words)[known:]
            self._grams = vstack(
                [self._grams, self._cut_words(new, self._ngrams, grow=False)], format="csr"
            )
        return self._tfidf.transform(words @ self._grams)


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

        texts = [t for t, _tags in examples] + [p.text for p in self.priorities]
        labels = [set(tags) for _t, tags in examples] + [{p.number} for p in self.priorities]
        self._words = TfidfVectorizer(
            stop_words="english", sublinear_tf=True, ngram_range=(1, 2), min_df=1
        )
        self._chars = WordCharGrams(ngram_range=(3, 5), min_df=2)
        matrix = self._features(texts, fit=True)
        with one_blas_thread():
            for number in self.numbers:
                if positives[number] < MIN_POSITIVES:
                    continue  # this priority keeps the keyword baseline
                target = np.array([number in tags for tags in labels], dtype=int)
                model = LogisticRegression(C=8.0, class_weight="balanced", max_iter=1000)
                model.fit(matrix, target)
                self._models[number] = model

    def _features(self, texts: Sequence[str], *, fit: bool = False) -> Any:
        """The classifier's features: TF-IDF of words and word pairs, then of character n-grams."""
        from scipy.sparse import hstack

        if fit:
            parts = [self._words.fit_transform(texts), self._chars.fit_transform(texts)]
        else:
            parts = [self._words.transform(texts), self._chars.transform(texts)]
        return hstack(parts, format="csr")

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """A (texts, priorities) array of confidences between 0 and 1."""
        result = np.zeros((len(texts), len(self.numbers)))
        keyword_columns = [i for i, n in enumerate(self.numbers) if n not in self._models]
        with one_blas_thread():
            for start in range(0, len(texts), SCORE_BATCH):
                batch = texts[start : start + SCORE_BATCH]
                rows = slice(start, start + len(batch))
                if keyword_columns:
                    similarity = (self._keywords.transform(batch) @ self._profiles.T).toarray()
                    chosen = np.clip(similarity[:, keyword_columns], 0.0, None)
                    result[rows, keyword_columns] = chosen / (chosen + KEYWORD_HALF)
                if self._models:
                    matrix = self._features(batch)
                    for column, number in enumerate(self.numbers):
                        model = self._models.get(number)
                        if model is not None:
                            result[rows, column] = model.predict_proba(matrix)[:, 1]
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
