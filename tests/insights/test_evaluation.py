"""The tagging evaluation (insights.evaluation): reading the labelled set, folds, the report."""

import csv
from pathlib import Path

import pytest

from convenor.insights import evaluation, tagging
from convenor.insights.evaluation import Evaluation, LabelledComment

REPO_ROOT = Path(__file__).resolve().parents[2]
LABELLED = REPO_ROOT / "tests" / "data" / "insight" / "labelled_comments.csv"
SCENARIO = REPO_ROOT / "src" / "convenor" / "scenarios" / "em3-2019.yaml"

SMALL_SCENARIO = """\
strategy:
  name: Small
priorities:
  - number: 2
    title: Smart mobility
    summary: >-
      Buses, trains and cycling
      that get people to work.
    lines_of_enquiry:
      - Which transport links matter most?
  - number: 1
    title: Housing supply
    summary: More homes that people can afford.
    lines_of_enquiry:
      - status: answered
        question: Where should new homes be built?
      - question: Who rents?
"""
HOUSING = [
    "Rents are far too high for nurses",
    "Young couples cannot buy a flat",
    "Bungalows would free up family houses",
    "Planning permission for new estates takes years",
    "Empty flats above shops could be homes",
    "Shared ownership on every estate",
    "Landlords are selling up and tenants have nowhere to go",
    "Starter flats near the station",
    "A mortgage is out of reach on local wages",
    "Key workers should get first refusal on new flats",
    "Council estates need repair",
    "Self-build plots would suit families",
]
MOBILITY = [
    "The buses stop running at six",
    "Trains to London are packed",
    "A cycle path along the canal",
    "Parking at the station is full by seven",
    "Electric buses would cut fumes",
    "The bus timetable does not match the trains",
    "Fares are too expensive",
    "Congestion on the ring road",
    "Car sharing from the villages",
    "A railway station for the new town",
    "Minibuses could serve the villages",
    "Safer cycle lanes for children",
]


@pytest.fixture
def small_world(tmp_path: Path) -> tuple[Path, Path]:
    labelled = tmp_path / "labelled.csv"
    rows = [(text, "1") for text in HOUSING] + [(text, "2") for text in MOBILITY]
    rows.append(("New homes need buses to the station", "1;2"))
    with labelled.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["id", "text", "priorities", "author_kind"])
        for key, (text, priorities) in enumerate(rows, start=1):
            writer.writerow([key, text, priorities, "resident"])
    scenario = tmp_path / "scenario.yaml"
    scenario.write_text(SMALL_SCENARIO, encoding="utf-8")
    return labelled, scenario


def test_labelled_set_is_read_in_id_order_with_its_priorities():
    comments = evaluation.labelled_read(LABELLED)

    assert len(comments) == 372
    assert [c.key for c in comments] == list(range(1, 373))
    assert comments[0].text.startswith("Modular housing factories could be a local industry")
    assert comments[0].priorities == frozenset({7})
    assert sum(1 for c in comments if len(c.priorities) == 2) == 91
    assert sum(1 for c in comments if len(c.priorities) == 3) == 3
    assert sum(1 for c in comments if 2 in c.priorities) == 67


def test_scenario_priorities_take_titles_summaries_and_questions():
    priorities = evaluation.scenario_priorities(SCENARIO)

    assert [p.number for p in priorities] == list(range(1, 10))
    first = priorities[0]
    assert first.title == "Innovation and the commercialisation of knowledge in leading sectors"
    assert first.summary.startswith("Turning the area's research strengths (its universities,")
    # Two questions written as mappings, the third as the question alone; folded lines joined.
    assert first.lines == (
        "Which of the area's leading sectors have the best prospects of growing through the "
        "commercialisation of research, and what holds each back?",
        "How can universities, research parks and large firms work together so that more ideas "
        "are taken to market in the area rather than elsewhere?",
        "What innovation infrastructure (test beds, incubators, shared facilities) would make the "
        "biggest difference, and who would run it?",
    )


def test_scenario_priorities_sorted_by_number(small_world):
    _labelled, scenario = small_world

    priorities = evaluation.scenario_priorities(scenario)

    assert priorities == [
        tagging.PriorityWords(
            1,
            "Housing supply",
            "More homes that people can afford.",
            ("Where should new homes be built?", "Who rents?"),
        ),
        tagging.PriorityWords(
            2,
            "Smart mobility",
            "Buses, trains and cycling that get people to work.",
            ("Which transport links matter most?",),
        ),
    ]


def test_folds_are_a_fixed_partition_of_the_comments():
    comments = [LabelledComment(key, f"text {key}", frozenset({1})) for key in range(1, 24)]

    split = evaluation.folds_split(comments, 5)

    assert [len(fold) for fold in split] == [5, 5, 5, 4, 4]
    keys = [c.key for fold in split for c in fold]
    assert sorted(keys) == list(range(1, 24))
    assert keys != list(range(1, 24))  # shuffled, not dealt in id order
    # The same folds whatever order the comments come in.
    again = evaluation.folds_split(list(reversed(comments)), 5)
    assert [[c.key for c in fold] for fold in again] == [[c.key for c in fold] for fold in split]


@pytest.mark.parametrize("folds", [1, 24])
def test_folds_must_be_between_two_and_the_number_of_comments(folds):
    comments = [LabelledComment(key, "text", frozenset({1})) for key in range(1, 24)]

    with pytest.raises(ValueError, match="between 2 and the number of comments"):
        evaluation.folds_split(comments, folds)


def test_the_classifier_is_judged_only_on_comments_it_did_not_learn(small_world, monkeypatch):
    labelled, scenario = small_world
    trained_on: list[set[str]] = []
    judged: list[tuple[int, set[str]]] = []

    class RecordingTagger(tagging.Tagger):
        def __init__(self, priorities, examples=()):
            super().__init__(priorities, examples)
            self.seen = {text for text, _tags in examples}
            trained_on.append(self.seen)

        def suggest(self, texts):
            judged.append((len(self.seen), set(texts)))
            return super().suggest(texts)

    monkeypatch.setattr(tagging, "Tagger", RecordingTagger)

    result = evaluation.tagging_evaluate(labelled=labelled, scenario=scenario, folds=5)

    # One baseline, then per fold: 40, 80 and 160 comments (capped by what there is), and all.
    assert len(trained_on) == 1 + 5 * 4
    assert trained_on[0] == set()
    everything = set(HOUSING) | set(MOBILITY) | {"New homes need buses to the station"}
    held_out = [texts for _size, texts in judged[1:]]
    for fold in range(5):
        fold_texts = held_out[fold * 4]
        for run in range(4):
            assert not trained_on[1 + fold * 4 + run] & fold_texts
            assert held_out[fold * 4 + run] == fold_texts
        assert trained_on[1 + fold * 4 + 3] == everything - fold_texts
    assert set().union(*held_out) == everything
    assert sum(len(held_out[fold * 4]) for fold in range(5)) == 25
    assert result.comments == 25
    assert result.folds == 5


def test_evaluation_figures_of_a_small_world(small_world):
    labelled, scenario = small_world

    result = evaluation.tagging_evaluate(labelled=labelled, scenario=scenario, folds=5)

    comments = evaluation.labelled_read(labelled)
    priorities = evaluation.scenario_priorities(scenario)
    baseline = tagging.Tagger(priorities).suggest([c.text for c in comments])
    expected_rows, expected_macro = tagging.evaluate(
        [set(c.priorities) for c in comments], [{s.number for s in row} for row in baseline], [1, 2]
    )
    assert list(result.keywords) == expected_rows
    assert result.keywords_macro == expected_macro
    # Every comment is held out once: the classifier's supports are the true counts.
    assert [(row.number, row.support) for row in result.classifier] == [(1, 13), (2, 13)]
    assert result.classifier_macro.support == 26
    # 20 training comments per fold is below the classifier's minimum of 40: keywords it is.
    assert result.methods == ("keywords",) * 5
    assert [size for size, _f1 in result.learning_curve] == [40, 80, 160, None]
    # Fewer than 40 training comments: every point of the curve is trained on the same texts.
    assert len({f1 for _size, f1 in result.learning_curve}) == 1
    assert result.learning_curve[-1][1] == result.classifier_macro.f1


def test_evaluation_table_in_markdown():
    priorities = (
        tagging.PriorityWords(1, "Housing | homes"),
        tagging.PriorityWords(2, "Smart mobility"),
    )
    result = Evaluation(
        priorities=priorities,
        comments=30,
        folds=5,
        keywords=(
            tagging.PriorityScore(1, 0.5, 0.25, 1 / 3, 12),
            tagging.PriorityScore(2, 1.0, 0.5, 2 / 3, 20),
        ),
        keywords_macro=tagging.PriorityScore(0, 0.75, 0.375, 0.5, 32),
        classifier=(
            tagging.PriorityScore(1, 0.8, 0.9, 0.847, 12),
            tagging.PriorityScore(2, 0.9, 0.8, 0.847, 20),
        ),
        classifier_macro=tagging.PriorityScore(0, 0.85, 0.85, 0.847, 32),
        learning_curve=((40, 0.5), (80, 0.6), (160, 0.7), (None, 0.847)),
        methods=("classifier",) * 5,
    )

    assert evaluation.evaluation_table(result) == (
        "| Priority | Support | Keywords P | Keywords R | Keywords F1 "
        "| Classifier P | Classifier R | Classifier F1 |\n"
        "|---|---:|---:|---:|---:|---:|---:|---:|\n"
        "| 1. Housing \\| homes | 12 | 0.50 | 0.25 | 0.33 | 0.80 | 0.90 | 0.85 |\n"
        "| 2. Smart mobility | 20 | 1.00 | 0.50 | 0.67 | 0.90 | 0.80 | 0.85 |\n"
        "| **Macro average** | 32 | 0.75 | 0.38 | 0.50 | 0.85 | 0.85 | 0.85 |\n"
        "\n"
        "Learning curve (classifier macro F1 on the held-out folds, by training comments per "
        "fold; 30 comments, 5 folds): 40: 0.50, 80: 0.60, 160: 0.70, all: 0.85."
    )
