"""Reading a Pol.is export folder: its statements, votes, and the groups Pol.is itself found.

An export holds comments.csv (the statements, `moderated` -1 when moderated out), votes.csv
(every vote with its time; optional), participants-votes.csv (the latest vote of each
participant on each statement, and Pol.is's `group-id`) and summary.csv (`groups`: how many
groups Pol.is found). Votes: 1 agree, -1 disagree, 0 pass.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

# participants-votes.csv columns that are not statements.
_NOT_STATEMENTS = {
    "participant",
    "xid",
    "group-id",
    "n-comments",
    "n-votes",
    "n-agree",
    "n-disagree",
}


class PolisExportError(ValueError):
    """An export folder that cannot be read, with the file and the reason."""


@dataclass(frozen=True)
class PolisComment:
    key: str
    text: str
    moderated_out: bool


@dataclass(frozen=True)
class PolisExport:
    """One conversation as exported by Pol.is."""

    name: str
    topic: str
    comments: tuple[PolisComment, ...]
    # (participant, statement, vote), in the order cast when votes.csv gives times.
    votes: tuple[tuple[str, str, float], ...]
    votes_timed: bool
    polis_groups: dict[str, int]  # participant -> Pol.is's group, for those it grouped
    polis_group_count: int | None


def _rows(path: Path) -> list[dict[str, str]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as handle:
            return list(csv.DictReader(handle))
    except (OSError, UnicodeDecodeError, csv.Error) as error:
        raise PolisExportError(f"{path}: {error}") from error


def _vote(text: str, where: str) -> float | None:
    text = text.strip()
    if text == "":
        return None
    try:
        value = float(text)
    except ValueError:
        raise PolisExportError(f"{where}: the vote {text!r} is not 1, -1 or 0") from None
    if value not in (1.0, -1.0, 0.0):
        raise PolisExportError(f"{where}: the vote {text!r} is not 1, -1 or 0")
    return value


def polis_export_read(folder: Path) -> PolisExport:
    """Read an export folder; participants-votes.csv is enough when votes.csv is missing."""
    matrix_path = folder / "participants-votes.csv"
    if not matrix_path.exists():
        raise PolisExportError(f"{folder}: no participants-votes.csv")
    matrix_rows = _rows(matrix_path)
    statement_keys: list[str] = []
    if matrix_rows:
        statement_keys = [key for key in matrix_rows[0] if key not in _NOT_STATEMENTS]

    comments: list[PolisComment] = []
    comments_path = folder / "comments.csv"
    if comments_path.exists():
        for row in _rows(comments_path):
            key = (row.get("comment-id") or "").strip()
            if key:
                comments.append(
                    PolisComment(
                        key=key,
                        text=row.get("comment-body") or "",
                        moderated_out=(row.get("moderated") or "").strip() == "-1",
                    )
                )
    known = {comment.key for comment in comments}
    for key in statement_keys:
        if key not in known:
            comments.append(PolisComment(key=key, text="", moderated_out=False))
            known.add(key)

    polis_groups: dict[str, int] = {}
    matrix_votes: list[tuple[str, str, float]] = []
    for line, row in enumerate(matrix_rows, start=2):
        participant = (row.get("participant") or "").strip()
        group = (row.get("group-id") or "").strip()
        if group:
            polis_groups[participant] = int(group)
        for key in statement_keys:
            vote = _vote(row.get(key) or "", f"{matrix_path}, line {line}, column {key}")
            if vote is not None:
                matrix_votes.append((participant, key, vote))

    votes_path = folder / "votes.csv"
    votes_timed = votes_path.exists()
    if votes_timed:
        timed: list[tuple[int, int, str, str, float]] = []
        for line, row in enumerate(_rows(votes_path), start=2):
            where = f"{votes_path}, line {line}"
            vote = _vote(row.get("vote") or "", where)
            if vote is None:
                continue
            try:
                moment = int(float(row.get("timestamp") or 0))
            except ValueError:
                raise PolisExportError(f"{where}: the timestamp is not a number") from None
            timed.append(
                (
                    moment,
                    line,
                    (row.get("voter-id") or "").strip(),
                    (row.get("comment-id") or "").strip(),
                    vote,
                )
            )
        timed.sort()
        votes = tuple((voter, comment, vote) for _m, _l, voter, comment, vote in timed)
    else:
        votes = tuple(matrix_votes)

    summary: dict[str, str] = {}
    summary_path = folder / "summary.csv"
    if summary_path.exists():
        try:
            with summary_path.open(newline="", encoding="utf-8-sig") as handle:
                for record in csv.reader(handle):
                    if len(record) >= 2:
                        summary[record[0].strip()] = record[1].strip()
        except (OSError, csv.Error) as error:
            raise PolisExportError(f"{summary_path}: {error}") from error
    group_count = summary.get("groups")
    return PolisExport(
        name=folder.name,
        topic=summary.get("topic", folder.name),
        comments=tuple(comments),
        votes=votes,
        votes_timed=votes_timed,
        polis_groups=polis_groups,
        polis_group_count=int(group_count) if group_count and group_count.isdigit() else None,
    )
