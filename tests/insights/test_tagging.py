"""Priority tagging (insights.tagging): the keyword baseline, the classifier, and the scores."""

import numpy as np
import pytest

from convenor.insights import tagging

PRIORITIES = [
    tagging.PriorityWords(
        1,
        "Housing supply",
        "More homes that people can afford to rent or buy.",
        ("Where should new homes be built?",),
    ),
    tagging.PriorityWords(
        2,
        "Smart mobility",
        "Transport: buses, trains and cycling that get people to work.",
        ("Which transport links matter most?",),
    ),
    tagging.PriorityWords(
        3,
        "Workforce and skills",
        "Training, apprenticeships and colleges for the skills employers need.",
        ("Which skills are short?",),
    ),
]
# Confirmed examples. "Bungalows" is in none of the priorities' own words: only the examples
# can teach the tagger that it is about housing.
HOUSING = [
    "Rents are far too high for nurses and teachers.",
    "Young couples cannot buy a flat in the town.",
    "Bungalows for older people would free up family houses.",
    "Planning permission for new estates takes years.",
    "Empty flats above shops could be lived in.",
    "Shared ownership should be offered on every estate.",
    "Bungalows are never built any more, only flats.",
    "Landlords are selling up and tenants have nowhere to go.",
    "Starter flats near the station would keep graduates here.",
    "Bungalows on the edge of the village would let older people downsize.",
    "Council estates need repair before new ones are built.",
    "A mortgage is out of reach on local wages.",
    "Key workers should get first refusal on new flats.",
    "Self-build plots would suit some families.",
]
MOBILITY = [
    "The buses stop running at six.",
    "Trains to London are packed every morning.",
    "A cycle path along the canal would get people to work.",
    "Parking at the station is full by seven.",
    "Electric buses on the main road would cut fumes.",
    "The bus timetable does not match the trains.",
    "Fares for young people are too expensive.",
    "Apprentices miss shifts when the bus does not come.",
    "Congestion on the ring road costs us hours each week.",
    "Car sharing from the villages would help.",
    "A railway station for the new town is overdue.",
    "On-demand minibuses could serve the rural villages.",
    "Charging points for electric cars are scarce.",
    "Safer cycle lanes would get children to school.",
]
SKILLS = [
    "Employers cannot find welders or electricians.",
    "The college cannot recruit lecturers in engineering.",
    "Apprenticeships are hard for small firms to offer.",
    "Adults need evening courses to retrain.",
    "School leavers lack basic digital skills.",
    "Nursing degrees should be offered locally.",
    "T levels need placements with employers.",
    "Older workers want to retrain in care.",
    "The apprenticeship levy goes unspent.",
    "Coding bootcamps would help career changers.",
    "Careers advice in schools is thin.",
    "Construction firms need more bricklayers trained.",
    "Training for carers is underfunded.",
    "Graduates leave because there are no graduate jobs here.",
]
EXAMPLES = (
    [(text, [1]) for text in HOUSING]
    + [(text, [2]) for text in MOBILITY]
    + [(text, [3]) for text in SKILLS]
)


def numbers(suggestions: list[tagging.Suggestion]) -> list[int]:
    return [suggestion.number for suggestion in suggestions]


def test_keyword_baseline_picks_the_obvious_priority():
    tagger = tagging.Tagger(PRIORITIES)

    suggested = tagger.suggest(
        [
            "Please build more homes to rent.",
            "The buses and trains are late every day.",
            "Apprenticeships and training at the colleges.",
        ]
    )

    assert tagger.method == "keywords"
    assert tagger.learnt is False
    assert [numbers(row) for row in suggested] == [[1], [2], [3]]
    # Many of a priority's own words: confident, never certain.
    assert [round(row[0].confidence, 3) for row in suggested] == [0.757, 0.691, 0.736]


def test_keyword_baseline_suggests_nothing_without_a_shared_word():
    tagger = tagging.Tagger(PRIORITIES)

    assert tagger.suggest(["Bungalows for older residents.", ""]) == [[], []]


def test_suggest_takes_what_reaches_the_threshold_else_the_single_best_guess(monkeypatch):
    tagger = tagging.Tagger(PRIORITIES)
    scores = np.array([[0.1, 0.3, 0.2], [0.5, 0.0, 0.4], [0.35, 0.2, 0.9], [0.0, 0.0, 0.0]])
    monkeypatch.setattr(tagger, "scores", lambda texts: scores)

    suggested = tagger.suggest(["a", "b", "c", "d"])

    assert tagging.SUGGEST_AT == 0.35
    assert [[(s.number, s.confidence) for s in row] for row in suggested] == [
        [(2, 0.3)],  # nothing reaches 0.35: the best guess alone
        [(1, 0.5), (3, 0.4)],  # strongest first
        [(3, 0.9), (1, 0.35)],  # exactly at the threshold counts
        [],  # no score at all: no guess
    ]


def test_too_few_confirmed_texts_keep_the_keyword_baseline():
    examples = EXAMPLES[: tagging.MIN_CONFIRMED_TEXTS - 1]

    tagger = tagging.Tagger(PRIORITIES, examples)

    assert len(examples) == 39
    assert tagger.method == "keywords"
    assert tagger.suggest(["Bungalows for older residents."]) == [[]]


def test_the_classifier_is_used_once_enough_texts_are_confirmed():
    tagger = tagging.Tagger(PRIORITIES, EXAMPLES[: tagging.MIN_CONFIRMED_TEXTS])

    assert tagging.MIN_CONFIRMED_TEXTS == 40
    assert tagger.method == "classifier"
    assert tagger.learnt is True
    assert sorted(tagger._models) == [1, 2, 3]


def test_the_classifier_learns_a_word_the_priority_lacks():
    assert "bungalow" not in " ".join(p.text.lower() for p in PRIORITIES)
    tagger = tagging.Tagger(PRIORITIES, EXAMPLES)

    (suggestions,) = tagger.suggest(["Bungalows for older residents."])

    assert numbers(suggestions) == [1]
    assert suggestions[0].confidence >= tagging.SUGGEST_AT


def test_a_priority_with_too_few_positives_keeps_its_keywords():
    examples = [(text, [1]) for text in HOUSING] + [(text, [2]) for text in MOBILITY]
    examples += [(text, [2]) for text in SKILLS[:12]] + [(text, [3]) for text in SKILLS[12:]]

    tagger = tagging.Tagger(PRIORITIES, examples)
    text = "Apprenticeships and training at the colleges."

    assert tagger.method == "classifier"
    assert sorted(tagger._models) == [1, 2]
    similarity = (tagger._keywords.transform([text]) @ tagger._profiles.T).toarray()[0, 2]
    # The keyword baseline's confidence, not a trained model's.
    assert tagger.scores([text])[0, 2] == similarity / (similarity + tagging.KEYWORD_HALF)


def test_scores_of_no_texts():
    assert tagging.Tagger(PRIORITIES).scores([]).shape == (0, 3)
    assert tagging.Tagger(PRIORITIES).suggest([]) == []


def test_word_char_grams_are_scikit_learns_char_wb_features():
    from sklearn.feature_extraction.text import TfidfVectorizer

    training = [text for text, _tags in EXAMPLES] + ["Café  ÉCOLE\tand\u00a0a x", "ab", ""]
    later = ["Bungalows, bungalows!", "Ünknown wörds", "", "x"]
    theirs = TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True, min_df=2)
    ours = tagging.WordCharGrams(ngram_range=(3, 5), min_df=2)

    fitted = ours.fit_transform(training)
    expected = theirs.fit_transform(training)

    assert fitted.shape == expected.shape
    assert abs(fitted - expected).max() < 1e-12
    # Transformed in two goes, as the tagger scores in batches, new words met along the way.
    for batch in (later[:2], later[2:], training[:5]):
        assert abs(ours.transform(batch) - theirs.transform(batch)).max() < 1e-12


def test_scores_in_batches_are_the_scores_at_once(monkeypatch):
    tagger = tagging.Tagger(PRIORITIES, EXAMPLES)
    texts = [text for text, _tags in EXAMPLES] + ["Bungalows for older residents."]
    at_once = tagger.scores(texts)

    monkeypatch.setattr(tagging, "SCORE_BATCH", 4)

    assert np.allclose(tagger.scores(texts), at_once)


def test_evaluate_counts_by_hand():
    truth = [{1}, {1, 2}, {2}, {3}, {1}]
    predicted = [{1}, {1}, {1, 2}, set(), {2}]

    rows, macro = tagging.evaluate(truth, predicted, [1, 2, 3])

    # Priority 1: tp 2 (texts 0, 1), fp 1 (text 2), fn 1 (text 4): P 2/3, R 2/3, F1 2/3.
    # Priority 2: tp 1 (text 2), fp 1 (text 4), fn 1 (text 1): P 1/2, R 1/2, F1 1/2.
    # Priority 3: tp 0, fp 0, fn 1: P 0 (nothing predicted), R 0, F1 0.
    assert [(r.number, r.support) for r in rows] == [(1, 3), (2, 2), (3, 1)]
    assert [r.precision for r in rows] == pytest.approx([2 / 3, 1 / 2, 0.0])
    assert [r.recall for r in rows] == pytest.approx([2 / 3, 1 / 2, 0.0])
    assert [r.f1 for r in rows] == pytest.approx([2 / 3, 1 / 2, 0.0])
    assert macro.number == 0
    assert macro.support == 6
    assert macro.precision == pytest.approx((2 / 3 + 1 / 2) / 3)
    assert macro.f1 == pytest.approx((2 / 3 + 1 / 2) / 3)


def test_evaluate_f1_is_the_harmonic_mean():
    # Priority 1: tp 1, fp 3, fn 0: P 1/4, R 1, F1 2 * 1/4 / (5/4) = 2/5.
    rows, _macro = tagging.evaluate([{1}, set(), set(), set()], [{1}, {1}, {1}, {1}], [1])

    assert (rows[0].precision, rows[0].recall, rows[0].f1) == pytest.approx((0.25, 1.0, 0.4))
