"""Themes in free text: TF-IDF over words and word pairs, factorised with NMF.

Each theme comes with its top terms, the texts that belong to it (each text goes to its
strongest theme, if any) and the texts that represent it best. The number of themes grows with
the number of texts, from 2 up to `MAX_THEMES`. Nothing here reads the database.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from convenor.insights.blas import one_blas_thread

MAX_THEMES = 8
MIN_TEXTS = 6  # fewer texts than this have no themes worth the name
TERMS_SHOWN = 8
QUOTES_SHOWN = 3
# Words so common in what partners write about a strategy that they say nothing on their own.
STRATEGY_STOP_WORDS = frozenset(
    {
        "strategy",
        "need",
        "needs",
        "think",
        "really",
        "just",
        "like",
        "lot",
        "make",
        "want",
        "good",
        "going",
        "way",
        "say",
        "said",
        "also",
        "would",
        "could",
        "should",
        "area",
        "local",
        "please",
        "thing",
        "things",
        "know",
        "people",
        "help",
        "important",
        "work",
    }
)


@dataclass(frozen=True)
class FoundTheme:
    """One theme: top terms, member texts (indexes into the input) and its best quotes."""

    terms: tuple[str, ...]
    members: tuple[int, ...]
    quotes: tuple[tuple[int, float], ...]  # (text index, weight), strongest first


def theme_count(text_count: int) -> int:
    """How many themes to look for in so many texts: about one per 25, at least 2."""
    if text_count < MIN_TEXTS:
        return 0
    return max(2, min(MAX_THEMES, round(math.sqrt(text_count / 4)), text_count // 3))


def themes_find(texts: Sequence[str], *, count: int | None = None) -> list[FoundTheme]:
    """The themes of the texts, largest first; [] when there are too few texts or words."""
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

    wanted = theme_count(len(texts)) if count is None else count
    if wanted < 1 or len(texts) < MIN_TEXTS:
        return []
    vectoriser = TfidfVectorizer(
        stop_words=sorted(ENGLISH_STOP_WORDS | STRATEGY_STOP_WORDS),
        # Word pairs and a minimum count only once there is enough text for pairs to recur.
        ngram_range=(1, 2) if len(texts) >= 40 else (1, 1),
        min_df=2 if len(texts) >= 40 else 1,
        max_df=0.6,
        max_features=20_000,
        sublinear_tf=True,
        token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z0-9-]+\b",
    )
    try:
        matrix = vectoriser.fit_transform(texts)
    except ValueError:  # no words left once stop words are taken out
        return []
    if matrix.shape[1] < 2:
        return []
    wanted = min(wanted, matrix.shape[1])
    model = NMF(n_components=wanted, init="nndsvda", random_state=0, max_iter=600)
    with one_blas_thread():  # faster on this shared 2-core machine (bench/README.md)
        weights = model.fit_transform(matrix)
    vocabulary = vectoriser.get_feature_names_out()
    strongest = weights.argmax(axis=1)
    has_theme = weights.max(axis=1) > 0
    themes: list[FoundTheme] = []
    for index, component in enumerate(model.components_):
        members = np.flatnonzero(has_theme & (strongest == index))
        if len(members) == 0:
            continue
        terms = _top_terms(component, vocabulary)
        ranked = members[np.argsort(-weights[members, index], kind="stable")][:QUOTES_SHOWN]
        quotes = tuple((int(i), float(weights[i, index])) for i in ranked)
        themes.append(
            FoundTheme(terms=terms, members=tuple(int(i) for i in members), quotes=quotes)
        )
    themes.sort(key=lambda theme: (-len(theme.members), theme.members[0]))
    return themes


def _top_terms(component: np.ndarray, vocabulary: np.ndarray) -> tuple[str, ...]:
    """The strongest terms, a word pair taking the place of the words it is made of."""
    terms: list[str] = []
    for position in np.argsort(-component, kind="stable"):
        if component[position] <= 0 or len(terms) == TERMS_SHOWN:
            break
        term = str(vocabulary[position])
        words = term.split()
        if len(words) > 1:
            terms = [t for t in terms if t not in words]
        elif any(term in t.split() for t in terms):
            continue
        terms.append(term)
    return tuple(terms)


def label_carried(old: Sequence[tuple[Sequence[str], str]], terms: Sequence[str]) -> str:
    """The label of the old theme that shares most top terms with a new one (at least 40 %)."""
    best, best_score = "", 0.4
    new = set(terms)
    for old_terms, label in old:
        if not label:
            continue
        union = new | set(old_terms)
        score = len(new & set(old_terms)) / len(union) if union else 0.0
        if score >= best_score:
            best, best_score = label, score
    return best
