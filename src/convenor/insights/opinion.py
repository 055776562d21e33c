"""Opinion groups from agree / disagree / pass votes on statements, in the manner of Pol.is.

The pipeline follows Pol.is's own (polismath, `conversation.clj`, `pca.clj`, `clusters.clj`):

1. A participant-by-statement matrix: 1 agree, -1 disagree, 0 pass, NaN not voted. Statements
   moderated out are zeroed.
2. Participants COUNT once they have voted on at least min(7, number of statements) statements.
3. Two principal components are fitted on everyone who voted, missing votes imputed by the
   statement's mean vote.
4. Each counted participant is projected from their own votes only (the centred vote times the
   component), scaled by sqrt(statements / their votes), so someone who voted on little is not
   pulled to the middle.
5. Up to 100 BASE clusters are formed by k-means over those points; groups are then formed by
   weighted k-means over the base clusters' centres, for k = 2 … 5 (fewer for small
   conversations), k chosen by silhouette, leaning to fewer groups as Pol.is's smoothing of the
   count over successive updates does (`group_count_choose`).

Everything here is plain NumPy on arrays; nothing reads the database (`insights.services` does).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from convenor.insights.blas import one_blas_thread

BASE_CLUSTERS = 100
MAX_GROUPS = 5
MIN_VOTES = 7
# A larger group count is chosen only when its silhouette beats a smaller one's by more than
# this (see group_count_choose). Chosen after looking at the five conversations in
# shared/data/polis (docs/insight.md gives the figures with and without it).
GROUP_COUNT_MARGIN = 0.05
# One-sided z for 90 % confidence: Pol.is's test that a group differs from the rest.
Z_90 = 1.2816
KMEANS_ITERATIONS = 100
GREEDY_PARTICIPANTS = 15  # Pol.is groups at least this many voters, the most active first


@dataclass(frozen=True)
class VoteMatrix:
    """Votes as a matrix: rows are participants, columns statements; NaN where no vote."""

    participants: tuple[str, ...]
    statements: tuple[str, ...]
    values: np.ndarray
    moderated_out: frozenset[str] = frozenset()

    @classmethod
    def from_votes(
        cls,
        votes: Sequence[tuple[str, str, float]],
        *,
        statements: Sequence[str] | None = None,
        moderated_out: Sequence[str] = (),
    ) -> VoteMatrix:
        """From (participant, statement, vote) triples; a later triple for the same pair wins."""
        participant_index: dict[str, int] = {}
        statement_index: dict[str, int] = {key: i for i, key in enumerate(statements or ())}
        for participant, statement, _vote in votes:
            participant_index.setdefault(participant, len(participant_index))
            if statements is None:
                statement_index.setdefault(statement, len(statement_index))
        values = np.full((len(participant_index), len(statement_index)), np.nan)
        for participant, statement, vote in votes:
            column = statement_index.get(statement)
            if column is not None:
                values[participant_index[participant], column] = vote
        return cls(
            participants=tuple(participant_index),
            statements=tuple(statement_index),
            values=values,
            moderated_out=frozenset(moderated_out),
        )


@dataclass
class GroupStatement:
    """How one group voted on one statement, and how far that sets it apart from the rest."""

    statement: int
    agree: int
    disagree: int
    passed: int
    seen: int
    direction: str  # "agree" or "disagree": which way the group leans more than the rest
    probability: float  # of the group voting that way (with Pol.is's +1/+2 smoothing)
    ratio: float  # that probability against the rest's
    z: float


@dataclass
class OpinionResult:
    """The groups found: who is in which, where they sit on the map, what sets each apart."""

    participants: tuple[str, ...]  # the counted participants, in matrix order
    statements: tuple[str, ...]
    labels: np.ndarray  # group of each counted participant, 0-based
    points: np.ndarray  # (n, 2) map positions
    group_count: int
    silhouettes: dict[int, float]
    votes: np.ndarray  # the counted participants' votes (NaN = none)
    representative: list[list[GroupStatement]] = field(default_factory=list)
    consensus: list[tuple[int, str, float]] = field(default_factory=list)
    divisive: list[tuple[int, float]] = field(default_factory=list)
    components: np.ndarray | None = None
    centre: np.ndarray | None = None
    moderated: tuple[bool, ...] = ()  # per statement: moderated out, so never representative

    def group_of(self) -> dict[str, int]:
        return {p: int(g) for p, g in zip(self.participants, self.labels, strict=True)}


# --- the maths --------------------------------------------------------------------------------


def _prepared(matrix: VoteMatrix) -> np.ndarray:
    values = matrix.values.astype(float, copy=True)
    for column, key in enumerate(matrix.statements):
        if key in matrix.moderated_out:
            values[:, column] = np.where(np.isnan(values[:, column]), np.nan, 0.0)
    return values


def pca_fit(values: np.ndarray, components: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """The statement means and the first principal components of the mean-imputed matrix."""
    voted = ~np.isnan(values)
    counts = voted.sum(axis=0)
    sums = np.where(voted, values, 0.0).sum(axis=0)
    centre = np.divide(sums, counts, out=np.zeros_like(sums), where=counts > 0)
    filled = np.where(voted, values, centre) - centre
    if filled.shape[0] < 2 or filled.shape[1] == 0:
        return centre, np.zeros((components, values.shape[1]))
    _u, _s, vt = np.linalg.svd(filled, full_matrices=False)
    result = np.zeros((components, values.shape[1]))
    taken = vt[:components]
    # A component's sign is arbitrary; fix it so that results repeat across platforms.
    for i, row in enumerate(taken):
        pivot = np.argmax(np.abs(row))
        result[i] = row if row[pivot] >= 0 else -row
    return centre, result


def project(values: np.ndarray, centre: np.ndarray, components: np.ndarray) -> np.ndarray:
    """Each participant from their own votes only, scaled by sqrt(statements / their votes)."""
    voted = ~np.isnan(values)
    centred = np.where(voted, values - centre, 0.0)
    points = centred @ components.T
    n_votes = np.maximum(voted.sum(axis=1), 1)
    scale = np.sqrt(values.shape[1] / n_votes)
    return points * scale[:, None]


@dataclass
class Cluster:
    """A k-means cluster: its members (indexes of the points) and its centre."""

    id: int
    members: list[int]
    centre: np.ndarray


def _step(points: np.ndarray, weights: np.ndarray, clusters: list[Cluster]) -> list[Cluster]:
    """Assign every point to its nearest centre, then move each centre to its members' mean."""
    centres = np.array([c.centre for c in clusters])
    nearest = ((points[:, None, :] - centres[None, :, :]) ** 2).sum(axis=2).argmin(axis=1)
    stepped = []
    for index, cluster in enumerate(clusters):
        members = np.flatnonzero(nearest == index)
        if len(members) == 0:
            continue  # an empty cluster is dropped
        centre = np.average(points[members], axis=0, weights=weights[members])
        stepped.append(Cluster(cluster.id, members.tolist(), centre))
    return stepped


def _first_distinct(points: np.ndarray, k: int) -> list[Cluster]:
    """Pol.is's starting clusters: the first k distinct points, one each."""
    clusters: list[Cluster] = []
    seen: set[tuple[float, ...]] = set()
    for index, point in enumerate(points):
        key = tuple(np.round(point, 12))
        if key in seen:
            continue
        seen.add(key)
        clusters.append(Cluster(len(clusters), [index], point.copy()))
        if len(clusters) == k:
            break
    return clusters


def kmeans(
    points: np.ndarray,
    k: int,
    *,
    weights: np.ndarray | None = None,
    iterations: int = KMEANS_ITERATIONS,
) -> list[Cluster]:
    """Weighted k-means in Pol.is's manner, from the first k distinct points; a cluster left
    empty is dropped, so fewer than k may come back."""
    weights = np.ones(len(points)) if weights is None else weights
    clusters = _first_distinct(points, k)
    for _ in range(iterations):
        stepped = _step(points, weights, clusters)
        same = len(stepped) == len(clusters) and all(
            a.members == b.members for a, b in zip(stepped, clusters, strict=True)
        )
        clusters = stepped
        if same:
            break
    return clusters


def silhouette(points: np.ndarray, labels: np.ndarray) -> float:
    """Mean silhouette width; 0 when there is a single cluster."""
    clusters = np.unique(labels)
    if len(clusters) < 2:
        return 0.0
    distances = np.sqrt(((points[:, None, :] - points[None, :, :]) ** 2).sum(axis=2))
    widths = np.zeros(len(points))
    for i in range(len(points)):
        own = labels == labels[i]
        if own.sum() <= 1:
            continue  # a singleton's width is 0 by convention
        a = distances[i, own].sum() / (own.sum() - 1)
        b = min(distances[i, labels == other].mean() for other in clusters if other != labels[i])
        widths[i] = (b - a) / max(a, b) if max(a, b) > 0 else 0.0
    return float(widths.mean())


def counted(values: np.ndarray) -> np.ndarray:
    """Which participants count: at least min(7, statements) votes; if fewer than 15 do, the most
    active voters make the numbers up (Pol.is's greedy backfill)."""
    vote_counts = (~np.isnan(values)).sum(axis=1)
    threshold = max(min(MIN_VOTES, values.shape[1]), 1)
    chosen = vote_counts >= threshold
    if chosen.sum() < GREEDY_PARTICIPANTS:
        for row in sorted(
            np.flatnonzero(~chosen & (vote_counts > 0)), key=lambda r: (-vote_counts[r], r)
        ):
            if chosen.sum() >= GREEDY_PARTICIPANTS:
                break
            chosen[row] = True
    return chosen


def group_count_choose(silhouettes: dict[int, float], margin: float = GROUP_COUNT_MARGIN) -> int:
    """The fewest groups whose silhouette is within `margin` of the best.

    Pol.is starts every conversation at two groups (while there are fewer than 24 base clusters
    it cannot have more than three) and moves to another count only after that count has been
    best on four updates in a row. A one-off computation has no history to smooth,
    so it leans the same way: a larger count must be clearly better, not just better.
    """
    best = max(silhouettes.values())
    return min(k for k, value in silhouettes.items() if value >= best - margin)


def opinion_groups(
    matrix: VoteMatrix, *, margin: float = GROUP_COUNT_MARGIN
) -> OpinionResult | None:
    """The opinion groups of a vote matrix, or None when fewer than 4 participants count.

    `margin`: see group_count_choose (0 takes the best silhouette as it is).
    """
    with one_blas_thread():
        return _opinion_groups(matrix, margin)


def _opinion_groups(matrix: VoteMatrix, margin: float) -> OpinionResult | None:
    values = _prepared(matrix)
    voters = np.flatnonzero(~np.all(np.isnan(values), axis=1))
    rows = np.flatnonzero(counted(values))
    if len(rows) < 4:
        return None
    # The components are fitted on everyone who voted; only those who count are grouped.
    centre, components = pca_fit(values[voters])
    points = project(values[rows], centre, components)
    base = kmeans(points, BASE_CLUSTERS)
    base_centres = np.array([cluster.centre for cluster in base])
    base_sizes = np.array([len(cluster.members) for cluster in base], dtype=float)
    max_k = min(MAX_GROUPS, 2 + len(base) // 12, len(base))
    silhouettes: dict[int, float] = {}
    base_labels: dict[int, np.ndarray] = {}
    for k in range(2, max_k + 1):
        groups = kmeans(base_centres, k, weights=base_sizes)
        labels = np.zeros(len(base), dtype=int)
        for number, group in enumerate(groups):
            labels[group.members] = number
        base_labels[k] = labels
        silhouettes[k] = silhouette(base_centres, labels)
    participant_labels = np.zeros(len(rows), dtype=int)
    if silhouettes:
        chosen = base_labels[group_count_choose(silhouettes, margin)]
        for index, cluster in enumerate(base):
            participant_labels[cluster.members] = chosen[index]
    labels = _relabel(participant_labels)
    result = OpinionResult(
        participants=tuple(matrix.participants[r] for r in rows),
        statements=matrix.statements,
        labels=labels,
        points=points,
        group_count=int(labels.max()) + 1,
        silhouettes=silhouettes,
        votes=values[rows],
        components=components,
        centre=centre,
        moderated=tuple(key in matrix.moderated_out for key in matrix.statements),
    )
    _describe(result)
    return result


def regrouped(result: OpinionResult, labels: np.ndarray) -> OpinionResult:
    """The same participants and votes described by other groups (0-based `labels`, such as
    their stakeholder types): representative, consensus and divisive statements of those."""
    other = dataclasses.replace(
        result,
        labels=labels,
        group_count=int(labels.max()) + 1 if len(labels) else 0,
        representative=[],
        consensus=[],
        divisive=[],
    )
    _describe(other)
    return other


def _relabel(labels: np.ndarray) -> np.ndarray:
    """Groups numbered by size, largest first (ties by first member), as people read them."""
    groups = sorted(np.unique(labels), key=lambda g: (-(labels == g).sum(), np.argmax(labels == g)))
    remap = {old: new for new, old in enumerate(groups)}
    return np.array([remap[label] for label in labels], dtype=int)


# --- what sets groups apart -------------------------------------------------------------------


def _describe(result: OpinionResult) -> None:
    moderated = result.moderated or (False,) * len(result.statements)
    votes = result.votes
    agree = votes == 1
    disagree = votes == -1
    seen = ~np.isnan(votes)
    k = result.group_count
    usable = [i for i in range(votes.shape[1]) if not moderated[i]]
    per_group = []
    for g in range(k):
        inside = result.labels == g
        per_group.append(
            (agree[inside].sum(axis=0), disagree[inside].sum(axis=0), seen[inside].sum(axis=0))
        )
    totals = (agree.sum(axis=0), disagree.sum(axis=0), seen.sum(axis=0))
    for g in range(k):
        na, nd, ns = per_group[g]
        oa, od, os_ = totals[0] - na, totals[1] - nd, totals[2] - ns
        candidates: list[GroupStatement] = []
        for i in usable:
            if ns[i] == 0:
                continue
            for direction, n_in, n_out in (("agree", na[i], oa[i]), ("disagree", nd[i], od[i])):
                p_in = (n_in + 1) / (ns[i] + 2)
                p_out = (n_out + 1) / (os_[i] + 2)
                z = _two_proportion_z(n_in, ns[i], n_out, os_[i])
                if p_in > 0.5 and z > Z_90:
                    candidates.append(
                        GroupStatement(
                            statement=i,
                            agree=int(na[i]),
                            disagree=int(nd[i]),
                            passed=int(ns[i] - na[i] - nd[i]),
                            seen=int(ns[i]),
                            direction=direction,
                            probability=p_in,
                            ratio=p_in / p_out,
                            z=z,
                        )
                    )
        candidates.sort(key=lambda c: (-c.ratio * c.probability, c.statement))
        chosen: list[GroupStatement] = []
        for candidate in candidates:
            if all(c.statement != candidate.statement for c in chosen):
                chosen.append(candidate)
            if len(chosen) == 5:
                break
        result.representative.append(chosen)
    # Consensus: every group more likely than not to vote the same way (Pol.is's group-aware
    # consensus: the product of the groups' smoothed probabilities).
    for i in usable:
        for direction, index in (("agree", 0), ("disagree", 1)):
            probabilities = [
                (per_group[g][index][i] + 1) / (per_group[g][2][i] + 2) for g in range(k)
            ]
            if k and min(probabilities) > 0.5 and all(per_group[g][2][i] for g in range(k)):
                result.consensus.append((i, direction, float(np.prod(probabilities))))
    result.consensus.sort(key=lambda c: (-c[2], c[0]))
    # Divisive: the widest gap between groups' agreement rates, where the gap is significant.
    for i in usable:
        rates = []
        for g in range(k):
            na, _nd, ns = per_group[g]
            if ns[i]:
                rates.append(((na[i] + 1) / (ns[i] + 2), na[i], ns[i]))
        if len(rates) < 2:
            continue
        high = max(rates)
        low = min(rates)
        if _two_proportion_z(high[1], high[2], low[1], low[2]) > Z_90 and high[0] - low[0] > 0.3:
            result.divisive.append((i, float(high[0] - low[0])))
    result.divisive.sort(key=lambda d: (-d[1], d[0]))


def _two_proportion_z(success_1: float, n_1: float, success_2: float, n_2: float) -> float:
    """Pol.is's two-proportion test, with its +1/+2 smoothing."""
    p1 = (success_1 + 1) / (n_1 + 2)
    p2 = (success_2 + 1) / (n_2 + 2)
    pooled = (success_1 + success_2 + 1) / (n_1 + n_2 + 2)
    spread = math.sqrt(pooled * (1 - pooled) * (1 / (n_1 + 2) + 1 / (n_2 + 2)))
    return (p1 - p2) / spread if spread > 0 else 0.0


# --- comparing groupings -------------------------------------------------------------------


def adjusted_rand_index(first: Sequence[int], second: Sequence[int]) -> float:
    """Hubert and Arabie's adjusted Rand index of two labellings of the same items."""
    if len(first) != len(second):
        raise ValueError("The two labellings must be of the same items.")
    n = len(first)
    if n < 2:
        return 1.0
    pairs: dict[tuple[int, int], int] = {}
    for a, b in zip(first, second, strict=True):
        pairs[(a, b)] = pairs.get((a, b), 0) + 1
    rows: dict[int, int] = {}
    columns: dict[int, int] = {}
    for (a, b), count in pairs.items():
        rows[a] = rows.get(a, 0) + count
        columns[b] = columns.get(b, 0) + count

    def choose2(x: int) -> float:
        return x * (x - 1) / 2

    index = sum(choose2(c) for c in pairs.values())
    row_sum = sum(choose2(c) for c in rows.values())
    column_sum = sum(choose2(c) for c in columns.values())
    expected = row_sum * column_sum / choose2(n)
    maximum = (row_sum + column_sum) / 2
    if maximum == expected:
        return 1.0
    return (index - expected) / (maximum - expected)
