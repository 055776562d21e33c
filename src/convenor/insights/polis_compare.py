"""Checking our opinion groups against Pol.is's own, on Pol.is's open data.

Each export is imported as a strategy's statements and votes (one anonymous person per voter),
our analysis runs on it from the database exactly as it does for a strategy, and the groups are
compared with those Pol.is found: the group count against summary.csv, and the adjusted Rand
index over the participants Pol.is grouped. A participant Pol.is grouped whom we did not (too
few votes) counts against us, in a group of their own. Everything imported is rolled back.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from convenor.engagement.choices import ContentStatus, StatementKind, VoteChoice
from convenor.engagement.models import Statement, Vote
from convenor.insights import opinion
from convenor.insights.polis import PolisExport, polis_export_read
from convenor.insights.services import strategy_votes
from convenor.stakeholders.models import Person
from convenor.strategy.models import Strategy

CHOICES = {1.0: VoteChoice.AGREE, -1.0: VoteChoice.DISAGREE, 0.0: VoteChoice.PASS}
HEADER = ("name", "participants", "statements", "polis_groups", "our_groups", "ari", "seconds")


@dataclass(frozen=True)
class Comparison:
    name: str
    participants: int  # the participants Pol.is grouped
    statements: int
    polis_groups: int | None
    our_groups: int
    ari: float
    seconds: float  # our analysis, reading the votes from the database included

    def line(self) -> str:
        polis = "-" if self.polis_groups is None else str(self.polis_groups)
        return (
            f"{self.name} {self.participants} {self.statements} {polis} {self.our_groups} "
            f"{self.ari:.3f} {self.seconds:.2f}"
        )


class _RollBack(Exception):
    pass


def polis_import(export: PolisExport) -> tuple[Strategy, dict[str, str]]:
    """The export as a strategy with statements and votes; returns it and person id → voter id."""
    strategy = Strategy.objects.create(
        slug=f"polis-{export.name}"[:80].lower().replace(".", "-"), name=export.topic[:200]
    )
    statement_of: dict[str, Statement] = {}
    for comment in export.comments:
        text = " ".join(comment.text.split()) or f"Statement {comment.key}"
        statement_of[comment.key] = Statement.objects.create(
            strategy=strategy,
            key=f"polis-{comment.key}",
            kind=StatementKind.PARTICIPANT,
            text=text if len(text) <= 400 else f"{text[:399]}…",
            status=ContentStatus.HIDDEN if comment.moderated_out else ContentStatus.PUBLISHED,
        )
    # The last vote of each voter on each statement stands, as in Pol.is.
    latest: dict[tuple[str, str], float] = {}
    for voter, key, vote in export.votes:
        if key in statement_of:
            latest[(voter, key)] = vote
    voters = sorted({voter for voter, _key in latest}, key=lambda v: (len(v), v))
    people = Person.objects.bulk_create(
        [Person(key=f"polis-{export.name}-{voter}"[:80], name=f"Voter {voter}") for voter in voters]
    )
    if people and people[0].pk is None:  # databases that do not return keys from bulk inserts
        people = list(Person.objects.filter(key__startswith=f"polis-{export.name}-"))
        people.sort(key=lambda p: voters.index(p.key.rsplit("-", 1)[1]))
    person_of = {voter: person for voter, person in zip(voters, people, strict=True)}
    votes = [
        Vote(statement=statement_of[key], person=person_of[voter], choice=CHOICES[value])
        for (voter, key), value in latest.items()
    ]
    Vote.objects.bulk_create(votes, batch_size=5000)
    return strategy, {str(person.pk): voter for voter, person in person_of.items()}


def polis_compare(folder: Path, *, margin: float = opinion.GROUP_COUNT_MARGIN) -> Comparison:
    """Import one export, run our analysis on it from the database, compare with Pol.is's."""
    export = polis_export_read(folder)
    comparison: Comparison | None = None
    try:
        with transaction.atomic():
            strategy, voter_of = polis_import(export)
            started = time.perf_counter()
            _statements, matrix, _kinds = strategy_votes(strategy=strategy)
            found = opinion.opinion_groups(matrix, margin=margin)
            seconds = time.perf_counter() - started
            ours = {voter_of[p]: g for p, g in found.group_of().items()} if found else {}
            grouped = sorted(export.polis_groups)
            theirs = [export.polis_groups[p] for p in grouped]
            mine = [ours.get(p, -1) for p in grouped]
            comparison = Comparison(
                name=export.name,
                participants=len(grouped),
                statements=len(export.comments),
                polis_groups=export.polis_group_count,
                our_groups=found.group_count if found else 0,
                ari=opinion.adjusted_rand_index(theirs, mine) if grouped else 0.0,
                seconds=seconds,
            )
            raise _RollBack
    except _RollBack:
        pass
    assert comparison is not None
    return comparison
