"""Opinion groups (insights.opinion) on a hand-checkable matrix and on one real Pol.is export.

The small world: 16 participants and 6 statements. Camp A (p1-p8) agrees with s1-s3 and
disagrees with s4-s5; camp B (p9-p16) the opposite; everyone agrees with s6. One member of camp
A, p8, passes on s3 instead of agreeing, so the figures for s3 differ from the others'. p17 votes
on five statements only, fewer than min(7, 6) = 6, and does not count: there are 16 who do,
enough (at least GREEDY_PARTICIPANTS, 15) that Pol.is's backfill of active voters stays out.
"""

import math

import numpy as np
import pytest

from convenor.insights import opinion, polis
from tests.conftest import SHARED_DIR

STATEMENTS = ("s1", "s2", "s3", "s4", "s5", "s6")
CAMP_A = {"s1": 1.0, "s2": 1.0, "s3": 1.0, "s4": -1.0, "s5": -1.0, "s6": 1.0}
CAMP_B = {"s1": -1.0, "s2": -1.0, "s3": -1.0, "s4": 1.0, "s5": 1.0, "s6": 1.0}
POLIS_CONVERSATION = SHARED_DIR / "data" / "polis" / "canadian-electoral-reform"


def two_camps(*, moderated_out=()) -> opinion.VoteMatrix:
    votes = []
    for number in range(1, 17):
        camp = CAMP_A if number <= 8 else CAMP_B
        for statement, vote in camp.items():
            if number == 8 and statement == "s3":
                vote = 0.0  # p8 passes
            votes.append((f"p{number}", statement, vote))
    votes += [("p17", statement, CAMP_B[statement]) for statement in STATEMENTS[:5]]
    return opinion.VoteMatrix.from_votes(votes, moderated_out=moderated_out)


def describe(items: list[opinion.GroupStatement]) -> list[tuple[str, str, float, float]]:
    return [
        (STATEMENTS[item.statement], item.direction, item.probability, item.ratio) for item in items
    ]


def test_who_counts():
    result = opinion.opinion_groups(two_camps())

    assert result is not None
    assert result.participants == tuple(f"p{n}" for n in range(1, 17))
    assert result.votes.shape == (16, 6)


def test_the_two_camps_are_the_two_groups():
    result = opinion.opinion_groups(two_camps())

    assert result.group_count == 2
    # Equal sizes: the group of the first member (p1, camp A) is numbered first.
    assert result.labels.tolist() == [0] * 8 + [1] * 8
    assert result.group_of()["p9"] == 1
    assert sorted(result.silhouettes) == [2]  # 3 distinct points: too few for 3 groups


def test_the_map_puts_the_camps_on_either_side():
    result = opinion.opinion_groups(two_camps())

    x = result.points[:, 0]
    # Camp A (but p8, who passed once) sits on one point, camp B on another, across the origin.
    assert np.allclose(result.points[:7], result.points[0])
    assert np.allclose(result.points[8:], result.points[8])
    assert np.sign(x[:8]).tolist() == [np.sign(x[0])] * 8
    assert np.sign(x[8:]).tolist() == [-np.sign(x[0])] * 8


def test_consensus_is_the_statement_everyone_agrees_with():
    result = opinion.opinion_groups(two_camps())

    # Each group: (8 agree + 1) / (8 seen + 2) = 0.9; the product over the groups 0.81.
    assert [(STATEMENTS[i], d, s) for i, d, s in result.consensus] == [
        ("s6", "agree", pytest.approx(0.81))
    ]


def test_divisive_statements_are_those_the_camps_split_on():
    result = opinion.opinion_groups(two_camps())

    # Agreement rates with +1/+2 smoothing: 9/10 against 1/10, a gap of 0.8; for s3 camp A's
    # is (7 + 1) / (8 + 2) = 0.8, a gap of 0.7. s6 (0.9 and 0.9) has none.
    assert [(STATEMENTS[i], gap) for i, gap in result.divisive] == [
        ("s1", pytest.approx(0.8)),
        ("s2", pytest.approx(0.8)),
        ("s4", pytest.approx(0.8)),
        ("s5", pytest.approx(0.8)),
        ("s3", pytest.approx(0.7)),
    ]


def test_each_group_has_its_representative_statements():
    result = opinion.opinion_groups(two_camps())

    # Camp A on s1: 8 of 8 agree, p = 9/10, the rest 0 of 8, 1/10: ratio 9 (ranked by
    # ratio x p = 8.1). On s3 camp A has 7 of 8: p = 8/10, ratio 8 (6.4): last. s6 is agreed
    # by both (ratio 1): not representative of either.
    assert describe(result.representative[0]) == [
        ("s1", "agree", pytest.approx(0.9), pytest.approx(9.0)),
        ("s2", "agree", pytest.approx(0.9), pytest.approx(9.0)),
        ("s4", "disagree", pytest.approx(0.9), pytest.approx(9.0)),
        ("s5", "disagree", pytest.approx(0.9), pytest.approx(9.0)),
        ("s3", "agree", pytest.approx(0.8), pytest.approx(8.0)),
    ]
    # Camp B disagrees with s3 8 of 8 while camp A never does: ratio 9 like the rest.
    assert describe(result.representative[1]) == [
        ("s1", "disagree", pytest.approx(0.9), pytest.approx(9.0)),
        ("s2", "disagree", pytest.approx(0.9), pytest.approx(9.0)),
        ("s3", "disagree", pytest.approx(0.9), pytest.approx(9.0)),
        ("s4", "agree", pytest.approx(0.9), pytest.approx(9.0)),
        ("s5", "agree", pytest.approx(0.9), pytest.approx(9.0)),
    ]
    s3 = result.representative[0][4]
    assert (s3.agree, s3.disagree, s3.passed, s3.seen) == (7, 0, 1, 8)
    # z of 7 of 8 against 0 of 8: (0.8 - 0.1) / sqrt(8/18 x 10/18 x (1/10 + 1/10)).
    assert s3.z == pytest.approx(0.7 / math.sqrt(8 / 18 * 10 / 18 * 0.2))


def test_a_moderated_out_statement_is_zeroed_and_not_reported():
    result = opinion.opinion_groups(two_camps(moderated_out=["s3"]))

    assert result.votes[:, 2].tolist() == [0.0] * 16
    assert result.labels.tolist() == [0] * 8 + [1] * 8
    reported = {item.statement for group in result.representative for item in group}
    reported |= {i for i, _d, _s in result.consensus} | {i for i, _gap in result.divisive}
    assert reported == {0, 1, 3, 4, 5}
    # Zeroed, s3 no longer moves anyone on the map: p8 sits with the rest of camp A.
    assert np.allclose(result.points[:8], result.points[0])


def test_too_few_participants_have_no_groups():
    votes = [(f"p{n}", s, 1.0) for n in range(1, 4) for s in STATEMENTS]

    assert opinion.opinion_groups(opinion.VoteMatrix.from_votes(votes)) is None


def test_counted_needs_min_of_seven_and_the_statements():
    nan = np.nan
    # 10 statements: 7 votes count, 6 do not. 16 voters with 7, so no backfill.
    values = np.full((17, 10), nan)
    values[:16, :7] = 1.0
    values[16, :6] = -1.0
    assert opinion.counted(values).tolist() == [True] * 16 + [False]
    # 3 statements: all 3 are needed.
    values = np.full((17, 3), 1.0)
    values[16, 2] = nan
    assert opinion.counted(values).tolist() == [True] * 16 + [False]


def test_counted_backfills_the_most_active_voters_up_to_fifteen():
    # 13 voters with all 10 votes; then voters with 6, 5, 5 and 0 votes. The two most active
    # (the first of the two with 5 by position) make the numbers up to 15; no one with no vote.
    values = np.full((17, 10), np.nan)
    values[:13] = 1.0
    values[13, :6] = 1.0
    values[14, :5] = 1.0
    values[15, :5] = 1.0
    assert opinion.GREEDY_PARTICIPANTS == 15
    assert opinion.counted(values).tolist() == [True] * 13 + [True, True, False, False]


def test_project_scales_by_the_share_of_statements_voted():
    values = np.array([[1.0, np.nan, np.nan, -1.0], [1.0, 1.0, 1.0, 1.0]])
    centre = np.array([0.5, 0.0, 0.0, 0.0])
    components = np.array([[1.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 1.0]])

    points = opinion.project(values, centre, components)

    # p1 voted 2 of 4: (1 - 0.5, -1) x sqrt(4 / 2); p2 all 4: (0.5, 1) x 1. Missing votes add 0.
    assert points[0].tolist() == pytest.approx([0.5 * math.sqrt(2), -math.sqrt(2)])
    assert points[1].tolist() == pytest.approx([0.5, 1.0])


def test_pca_fit_imputes_means_and_finds_the_axis():
    values = np.array([[1.0, 1.0], [-1.0, -1.0], [1.0, 1.0], [-1.0, np.nan], [1.0, np.nan]])

    centre, components = opinion.pca_fit(values)

    # Column means of the votes cast: (1 - 1 + 1 - 1 + 1) / 5 and (1 - 1 + 1) / 3.
    assert centre.tolist() == pytest.approx([0.2, 1 / 3])
    assert np.linalg.norm(components[0]) == pytest.approx(1.0)
    assert np.dot(components[0], components[1]) == pytest.approx(0.0)
    # The first component leans on the first statement, which varies most, signed positive.
    assert components[0][0] > abs(components[0][1]) > 0


def test_pca_fit_of_one_line_is_that_line():
    values = np.array([[1.0, 1.0], [-1.0, -1.0], [1.0, 1.0], [-1.0, -1.0]])

    centre, components = opinion.pca_fit(values)

    assert centre.tolist() == [0.0, 0.0]
    assert components[0].tolist() == pytest.approx([math.sqrt(0.5), math.sqrt(0.5)])


def test_silhouette_by_hand():
    points = np.array([[0.0, 0.0], [1.0, 0.0], [10.0, 0.0], [11.0, 0.0]])

    # Widths: (10.5 - 1) / 10.5 for the outer points, (9.5 - 1) / 9.5 for the inner ones.
    expected = (9.5 / 10.5 + 8.5 / 9.5) / 2
    assert opinion.silhouette(points, np.array([0, 0, 1, 1])) == pytest.approx(expected)
    assert opinion.silhouette(points, np.array([0, 0, 0, 0])) == 0.0


def test_group_count_leans_to_fewer_groups_within_the_margin():
    margin = opinion.GROUP_COUNT_MARGIN

    assert opinion.group_count_choose({2: 0.5, 3: 0.5 + margin / 2, 4: 0.5 + margin * 1.5}) == 3
    assert opinion.group_count_choose({2: 0.6, 3: 0.4}) == 2
    assert opinion.group_count_choose({2: 0.3, 3: 0.3 + margin * 2}) == 3


def test_adjusted_rand_index_of_identical_labellings_is_one():
    assert opinion.adjusted_rand_index([0, 0, 1, 1, 2], [0, 0, 1, 1, 2]) == 1.0
    # The names of the groups do not matter, only who is with whom.
    assert opinion.adjusted_rand_index([0, 0, 1, 1, 2], [2, 2, 0, 0, 1]) == 1.0


def test_adjusted_rand_index_by_hand():
    # Pairs: 15. Together in both: {1,2} and {5,6}: index 2. Together in the first: 3 + 3 = 6;
    # in the second: 1 + 1 + 1 = 3. Expected 6 x 3 / 15 = 1.2; maximum (6 + 3) / 2 = 4.5.
    # ARI = (2 - 1.2) / (4.5 - 1.2) = 0.8 / 3.3 = 8 / 33.
    first = [0, 0, 0, 1, 1, 1]
    second = [0, 0, 1, 1, 2, 2]

    assert opinion.adjusted_rand_index(first, second) == pytest.approx(8 / 33)
    assert opinion.adjusted_rand_index(second, first) == pytest.approx(8 / 33)


def test_adjusted_rand_index_agrees_with_scikit_learn():
    from sklearn.metrics import adjusted_rand_score

    rng = np.random.default_rng(8)
    first = rng.integers(0, 3, 60).tolist()
    second = [label if rng.random() < 0.7 else int(rng.integers(0, 4)) for label in first]

    assert opinion.adjusted_rand_index(first, second) == pytest.approx(
        adjusted_rand_score(first, second)
    )
    with pytest.raises(ValueError, match="same items"):
        opinion.adjusted_rand_index([0, 1], [0])


def test_a_real_polis_conversation_has_as_many_groups_as_polis_found():
    """Canadian Electoral Reform (pol.is/5mnfxu85hx; 448 voters, 174 statements): Pol.is found 2
    groups. When this was written we found 2 too, with a silhouette of 0.57 against 0.40 for 3,
    and an adjusted Rand index of 0.84 against Pol.is's groups. Votes replayed in time order (a
    later vote on the same statement wins), moderated-out statements zeroed, as polis-compare
    does."""
    export = polis.polis_export_read(POLIS_CONVERSATION)
    matrix = opinion.VoteMatrix.from_votes(
        export.votes,
        statements=[comment.key for comment in export.comments],
        moderated_out=[comment.key for comment in export.comments if comment.moderated_out],
    )

    result = opinion.opinion_groups(matrix)

    assert export.polis_group_count == 2
    assert result is not None
    assert result.group_count == export.polis_group_count
    grouped = sorted(export.polis_groups)
    ours = result.group_of()
    ari = opinion.adjusted_rand_index(
        [export.polis_groups[p] for p in grouped], [ours.get(p, -1) for p in grouped]
    )
    assert ari >= 0.8  # the aim; the same count alone could be different people
