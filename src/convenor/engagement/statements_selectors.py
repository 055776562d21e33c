"""Reads for statements: the next one a participant votes on, their votes, lists and results.

Every read here runs a fixed number of queries whatever the number of statements, votes or
voters: counts are aggregated in the database, and the next statement is chosen there too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from convenor.engagement.choices import ContentStatus, ParticipantStatus, VoteChoice
from convenor.engagement.models import Participant, Statement, Vote
from convenor.stakeholders.choices import OrganisationKind
from convenor.stakeholders.models import Person
from convenor.strategy.models import Strategy

# Multipliers of a cheap integer hash, in arithmetic SQLite and PostgreSQL both do exactly
# (64-bit integers, no overflow for any key below a billion), so that every participant sees the
# statements in their own order, and the same order on every reload.
HASH_STATEMENT = 2654435761
HASH_PERSON = 40503
HASH_MODULUS = 1000003

NO_ORGANISATION = ""
NO_ORGANISATION_LABEL = "No organisation"


def member_for(*, user: Any, strategy: Strategy) -> Participant | None:
    """The signed-in user's current membership of the strategy's sounding board, or None."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Participant.objects.select_related("person", "sounding_board")
        .filter(
            sounding_board__strategy=strategy,
            person__user=user,
            status=ParticipantStatus.MEMBER,
        )
        .first()
    )


def statements_published(*, strategy: Strategy) -> QuerySet[Statement]:
    """The strategy's published statements, in the order they were added."""
    return (
        Statement.objects.filter(strategy=strategy, status=ContentStatus.PUBLISHED)
        .select_related("priority")
        .order_by("pk")
    )


def statement_next(*, strategy: Strategy, person: Person) -> Statement | None:
    """The published statement `person` votes on next: one they have not voted on.

    Chosen by a hash of the person's key and the statement's, so each person meets the
    statements in a different order, and reloading shows the same one until they vote.
    """
    shuffle = (F("pk") * Value(HASH_STATEMENT) + Value(person.pk * HASH_PERSON)) % Value(
        HASH_MODULUS
    )
    return (
        statements_published(strategy=strategy)
        .exclude(votes__person=person)
        .annotate(shuffle=shuffle)
        .order_by("shuffle", "pk")
        .first()
    )


@dataclass(frozen=True)
class VotingProgress:
    """How many published statements there are and how many a person has voted on."""

    voted: int
    total: int

    @property
    def remaining(self) -> int:
        return self.total - self.voted


def voting_progress(*, strategy: Strategy, person: Person) -> VotingProgress:
    """How far `person` has got through the strategy's published statements (one query)."""
    counts = Statement.objects.filter(strategy=strategy, status=ContentStatus.PUBLISHED).aggregate(
        total=Count("pk", distinct=True),
        voted=Count("votes", filter=Q(votes__person=person)),
    )
    return VotingProgress(voted=counts["voted"], total=counts["total"])


def votes_of(*, strategy: Strategy, person: Person) -> QuerySet[Vote]:
    """The person's votes on the strategy's published statements, latest first."""
    return (
        Vote.objects.filter(
            person=person,
            statement__strategy=strategy,
            statement__status=ContentStatus.PUBLISHED,
        )
        .select_related("statement__priority")
        .order_by("-updated_at", "-pk")
    )


def statements_submitted_by(*, strategy: Strategy, person: Person) -> QuerySet[Statement]:
    """The statements the person submitted, newest first, whatever their moderation status."""
    return (
        Statement.objects.filter(strategy=strategy, submitted_by=person)
        .select_related("priority")
        .order_by("-created_at", "-pk")
    )


def _with_counts(statements: QuerySet[Statement]) -> QuerySet[Statement]:
    return statements.annotate(
        agree_count=Count("votes", filter=Q(votes__choice=VoteChoice.AGREE)),
        disagree_count=Count("votes", filter=Q(votes__choice=VoteChoice.DISAGREE)),
        pass_count=Count("votes", filter=Q(votes__choice=VoteChoice.PASS)),
        vote_count=Count("votes"),
    )


def statement_staff_list(
    *, strategy: Strategy, status: str = "", kind: str = ""
) -> QuerySet[Statement]:
    """Every statement of the strategy with its vote counts, filtered by status and kind."""
    statements = Statement.objects.filter(strategy=strategy)
    if status:
        statements = statements.filter(status=status)
    if kind:
        statements = statements.filter(kind=kind)
    return _with_counts(statements.select_related("priority", "submitted_by")).order_by("pk")


def statement_for_staff(*, strategy: Strategy, pk: int) -> Statement | None:
    """One statement of the strategy, with its counts, priority and submitter."""
    return statement_staff_list(strategy=strategy).filter(pk=pk).first()


def pending_count(*, strategy: Strategy) -> int:
    """How many submitted statements wait for moderation."""
    return Statement.objects.filter(strategy=strategy, status=ContentStatus.PENDING).count()


def stakeholder_types() -> list[tuple[str, str]]:
    """The columns of the results: each organisation type, then people with no organisation."""
    kinds = [(str(kind.value), str(kind.label)) for kind in OrganisationKind]
    return [*kinds, (NO_ORGANISATION, NO_ORGANISATION_LABEL)]


@dataclass
class TypeResult:
    """The votes on one statement from voters of one stakeholder type."""

    kind: str
    label: str
    agree: int = 0
    disagree: int = 0
    passed: int = 0

    @property
    def total(self) -> int:
        return self.agree + self.disagree + self.passed

    @property
    def agree_percent(self) -> int | None:
        """Agree votes as a whole percentage of all votes, or None when there are none."""
        return round(100 * self.agree / self.total) if self.total else None


@dataclass
class StatementResult:
    """One statement's votes: all together, and by stakeholder type."""

    statement: Statement
    by_type: list[TypeResult] = field(default_factory=list)
    overall: TypeResult = field(default_factory=lambda: TypeResult(kind="all", label="All voters"))


def statement_results(*, statements: list[Statement]) -> list[StatementResult]:
    """Each statement's votes by the voter's organisation type, counted in one query."""
    types = stakeholder_types()
    results = {
        statement.pk: StatementResult(
            statement=statement,
            by_type=[TypeResult(kind=kind, label=str(label)) for kind, label in types],
        )
        for statement in statements
    }
    index = {kind: position for position, (kind, _label) in enumerate(types)}
    rows = (
        Vote.objects.filter(statement__in=[statement.pk for statement in statements])
        .annotate(kind=Coalesce("person__organisation__kind", Value(NO_ORGANISATION)))
        .values("statement_id", "kind", "choice")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for row in rows:
        result = results[row["statement_id"]]
        position = index.get(row["kind"], index[NO_ORGANISATION])
        for tally in (result.by_type[position], result.overall):
            if row["choice"] == VoteChoice.AGREE:
                tally.agree += row["count"]
            elif row["choice"] == VoteChoice.DISAGREE:
                tally.disagree += row["count"]
            else:
                tally.passed += row["count"]
    return [results[statement.pk] for statement in statements]


BAR_WIDTH = 300


@dataclass(frozen=True)
class BarSegment:
    """One part of a statement's bar: agree, disagree or pass, where it starts and how wide."""

    name: str
    label: str
    count: int
    x: int
    width: int


def bar_segments(tally: TypeResult, *, width: int = BAR_WIDTH) -> list[BarSegment]:
    """The agree, disagree and pass parts of a bar `width` wide, in proportion to the votes."""
    parts = [
        ("agree", "Agree", tally.agree),
        ("disagree", "Disagree", tally.disagree),
        ("pass", "Pass", tally.passed),
    ]
    segments = []
    x = 0
    for position, (name, label, count) in enumerate(parts):
        if position == len(parts) - 1:
            # The last part takes what rounding left, so the bar always fills its width.
            size = width - x if tally.total else 0
        else:
            size = round(width * count / tally.total) if tally.total else 0
        segments.append(BarSegment(name=name, label=label, count=count, x=x, width=size))
        x += size
    return segments
