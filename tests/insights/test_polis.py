"""Reading Pol.is exports and comparing our groups with Pol.is's: on the real open data in
shared/data/polis, with and without votes.csv, and on broken exports."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from convenor.engagement.models import Statement, Vote
from convenor.insights.polis import PolisExportError, polis_export_read
from convenor.insights.polis_compare import HEADER, polis_compare
from convenor.stakeholders.models import Person
from convenor.strategy.models import Strategy

POLIS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "polis"
BREXIT = POLIS / "brexit-consensus"

pytestmark = pytest.mark.skipif(not BREXIT.exists(), reason=f"{POLIS} is not there")


def test_an_export_is_read_whole():
    export = polis_export_read(BREXIT)

    assert export.name == "brexit-consensus"
    assert export.topic == "Can there be consensus on Brexit?"
    assert len(export.comments) == 50
    assert not any(comment.moderated_out for comment in export.comments)
    assert export.votes_timed is True
    assert len(export.votes) == 5312  # every line of votes.csv but its header
    assert export.polis_group_count == 2
    assert len(export.polis_groups) == 197
    assert sorted(set(export.polis_groups.values())) == [0, 1]


def test_without_votes_csv_the_matrix_gives_the_same_final_votes(tmp_path):
    copy = tmp_path / "brexit-consensus"
    shutil.copytree(BREXIT, copy)
    (copy / "votes.csv").unlink()

    timed = polis_export_read(BREXIT)
    untimed = polis_export_read(copy)

    latest: dict[tuple[str, str], float] = {}
    for voter, statement, vote in timed.votes:
        latest[(voter, statement)] = vote
    assert untimed.votes_timed is False
    assert {(v, s): vote for v, s, vote in untimed.votes} == latest
    assert untimed.polis_groups == timed.polis_groups


def test_moderated_out_comments_are_marked():
    export = polis_export_read(POLIS / "15-per-hour-seattle")

    assert sum(comment.moderated_out for comment in export.comments) == 23


def test_a_folder_without_the_matrix_is_refused(tmp_path):
    with pytest.raises(PolisExportError) as raised:
        polis_export_read(tmp_path)

    assert str(raised.value) == f"{tmp_path}: no participants-votes.csv"


def test_a_bad_vote_is_reported_with_its_file_line_and_column(tmp_path):
    copy = tmp_path / "broken"
    shutil.copytree(BREXIT, copy)
    (copy / "votes.csv").unlink()
    matrix = copy / "participants-votes.csv"
    lines = matrix.read_text(encoding="utf-8").splitlines()
    cells = lines[2].split(",")
    cells[6] = "yes"  # the first statement column of the second participant
    lines[2] = ",".join(cells)
    matrix.write_text("\n".join(lines) + "\n", encoding="utf-8")

    with pytest.raises(PolisExportError) as raised:
        polis_export_read(copy)

    assert str(raised.value) == f"{matrix}, line 3, column 0: the vote 'yes' is not 1, -1 or 0"


@pytest.mark.django_db
def test_compare_imports_analyses_and_leaves_nothing_behind():
    before = (Strategy.objects.count(), Person.objects.count(), Statement.objects.count())

    comparison = polis_compare(BREXIT)

    assert (
        comparison.name,
        comparison.participants,
        comparison.statements,
        comparison.polis_groups,
        comparison.our_groups,
    ) == ("brexit-consensus", 197, 50, 2, 2)
    assert comparison.ari == pytest.approx(0.808, abs=0.0005)
    assert (Strategy.objects.count(), Person.objects.count(), Statement.objects.count()) == before
    assert not Vote.objects.exists()
    fields = comparison.line().split()
    assert len(fields) == len(HEADER)
    assert fields[:6] == ["brexit-consensus", "197", "50", "2", "2", "0.808"]


@pytest.mark.django_db
def test_without_a_margin_brexit_gets_three_groups():
    """The group-count margin is what brings brexit-consensus to Pol.is's two (docs/insight.md)."""
    assert polis_compare(BREXIT, margin=0.0).our_groups == 3
