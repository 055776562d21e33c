"""Statement services and selectors: the next statement, votes, submissions, moderation, results."""

import datetime
import threading

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection
from django.utils import timezone

from convenor.core.models import AuditEvent
from convenor.engagement import statements_selectors, statements_services
from convenor.engagement.choices import ContentStatus, StatementKind, VoteChoice
from convenor.engagement.models import Statement, Vote
from convenor.stakeholders.choices import OrganisationKind
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.engagement.factories import (
    ParticipantFactory,
    SoundingBoardFactory,
    StatementFactory,
    VoteFactory,
)
from tests.stakeholders.factories import OrganisationFactory, PersonFactory
from tests.strategy.factories import PriorityFactory, StrategyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    return SoundingBoardFactory(strategy=StrategyFactory(is_public=True))


def member_of(board, **person):
    user = UserFactory()
    return ParticipantFactory(sounding_board=board, person=PersonFactory(user=user, **person))


def test_the_next_statement_is_one_not_voted_on_and_stays_until_voted(board):
    participant = member_of(board)
    person = participant.person
    statements = StatementFactory.create_batch(6, strategy=board.strategy)
    StatementFactory(strategy=board.strategy, status=ContentStatus.PENDING)
    StatementFactory(strategy=board.strategy, status=ContentStatus.HIDDEN)
    seen = []
    for _ in range(6):
        chosen = statements_selectors.statement_next(strategy=board.strategy, person=person)
        again = statements_selectors.statement_next(strategy=board.strategy, person=person)
        assert chosen == again
        assert chosen in statements and chosen not in seen
        seen.append(chosen)
        statements_services.vote_cast(statement=chosen, person=person, choice=VoteChoice.PASS)
    assert statements_selectors.statement_next(strategy=board.strategy, person=person) is None
    assert statements_selectors.voting_progress(
        strategy=board.strategy, person=person
    ) == statements_selectors.VotingProgress(voted=6, total=6)


def test_people_meet_the_statements_in_different_orders(board):
    StatementFactory.create_batch(12, strategy=board.strategy)
    firsts = {
        statements_selectors.statement_next(strategy=board.strategy, person=member_of(board).person)
        for _ in range(8)
    }
    assert len(firsts) > 1


def test_a_changed_vote_stays_one_vote(board):
    person = member_of(board).person
    statement = StatementFactory(strategy=board.strategy)
    statements_services.vote_cast(statement=statement, person=person, choice=VoteChoice.AGREE)
    statements_services.vote_cast(statement=statement, person=person, choice=VoteChoice.DISAGREE)
    assert list(Vote.objects.values_list("person", "choice")) == [(person.pk, "disagree")]


@pytest.mark.parametrize("status", [ContentStatus.PENDING, ContentStatus.HIDDEN])
def test_no_vote_on_a_statement_not_published(board, status):
    person = member_of(board).person
    statement = StatementFactory(strategy=board.strategy, status=status)
    with pytest.raises(ValidationError):
        statements_services.vote_cast(statement=statement, person=person, choice=VoteChoice.AGREE)
    assert not Vote.objects.exists()


def test_an_unknown_choice_is_refused(board):
    statement = StatementFactory(strategy=board.strategy)
    with pytest.raises(ValidationError):
        statements_services.vote_cast(
            statement=statement, person=member_of(board).person, choice="maybe"
        )


@pytest.mark.django_db(transaction=True)
def test_no_vote_is_lost_when_many_vote_at_once():
    if connection.vendor != "postgresql":
        pytest.skip(
            "Threads need a database server: SQLite's in-memory test database is one connection"
        )
    board = SoundingBoardFactory(strategy=StrategyFactory(is_public=True))
    statement = StatementFactory(strategy=board.strategy)
    voters = [member_of(board).person for _ in range(12)]
    start = threading.Barrier(len(voters) * 2)
    errors: list[BaseException] = []

    def vote_twice(person, first, second):
        try:
            start.wait()
            statements_services.vote_cast(statement=statement, person=person, choice=first)
            statements_services.vote_cast(statement=statement, person=person, choice=second)
        except BaseException as error:
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = []
    for person in voters:
        # Two threads per voter: the same person voting twice at once still leaves one vote.
        threads.append(
            threading.Thread(target=vote_twice, args=(person, VoteChoice.AGREE, VoteChoice.PASS))
        )
        threads.append(
            threading.Thread(target=vote_twice, args=(person, VoteChoice.PASS, VoteChoice.PASS))
        )
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Vote.objects.filter(statement=statement).count() == len(voters)
    assert set(Vote.objects.values_list("choice", flat=True)) == {VoteChoice.PASS}


def test_a_submission_waits_for_moderation_and_is_audited(board):
    participant = member_of(board)
    priority = PriorityFactory(strategy=board.strategy)
    statement = statements_services.statement_submit(
        participant=participant, text="  Towns need fast broadband.  ", priority=priority
    )
    assert (statement.status, statement.kind, statement.text, statement.submitted_by) == (
        ContentStatus.PENDING,
        StatementKind.PARTICIPANT,
        "Towns need fast broadband.",
        participant.person,
    )
    assert list(statements_selectors.statements_published(strategy=board.strategy)) == []
    assert AuditEvent.objects.filter(verb="submitted", target_id=str(statement.pk)).exists()


def test_a_priority_of_another_strategy_is_refused(board):
    with pytest.raises(ValidationError):
        statements_services.statement_submit(
            participant=member_of(board), text="Something", priority=PriorityFactory()
        )
    assert not Statement.objects.exists()


def test_the_sixth_submission_in_ten_minutes_is_refused_until_the_first_is_ten_minutes_old(board):
    participant = member_of(board)
    for number in range(5):
        statements_services.statement_submit(participant=participant, text=f"Idea {number}")
    first = Statement.objects.order_by("created_at").first()
    with pytest.raises(statements_services.PostingLimitReached) as refused:
        statements_services.statement_submit(participant=participant, text="One too many")
    assert refused.value.retry_at == first.created_at + datetime.timedelta(minutes=10)
    Statement.objects.filter(pk=first.pk).update(
        created_at=timezone.now() - datetime.timedelta(minutes=11)
    )
    statements_services.statement_submit(participant=participant, text="Now allowed")
    assert Statement.objects.count() == 6


def test_moderation_hides_with_a_reason_restores_and_audits_each_action(board):
    staff = StaffUserFactory()
    statement = statements_services.statement_submit(participant=member_of(board), text="Idea")
    with pytest.raises(ValidationError):
        statements_services.statement_moderate(statement=statement, actor=staff, action="hide")
    statements_services.statement_moderate(
        statement=statement, actor=staff, action="hide", reason="Two ideas in one.", note="Hmm"
    )
    statement.refresh_from_db()
    assert (statement.status, statement.moderation_reason, statement.moderator_note) == (
        ContentStatus.HIDDEN,
        "Two ideas in one.",
        "Hmm",
    )
    statements_services.statement_moderate(statement=statement, actor=staff, action="restore")
    statement.refresh_from_db()
    assert (statement.status, statement.moderation_reason) == (ContentStatus.PUBLISHED, "")
    with pytest.raises(ValidationError):
        statements_services.statement_moderate(statement=statement, actor=staff, action="publish")
    verbs = list(
        AuditEvent.objects.filter(target_id=str(statement.pk))
        .order_by("pk")
        .values_list("verb", flat=True)
    )
    assert verbs == ["submitted", "hidden", "restored"]


def _statement_refusal(text):
    """What the services say to `text` as a statement, or None: they store it stripped."""
    if not text.strip():
        return {"text": ["Enter the statement."]}
    if len(text.strip()) > statements_services.TEXT_MAX:
        return {
            "text": [f"A statement must be 400 characters or fewer: this is {len(text.strip())}."]
        }
    return None


def _refused(call, **kwargs):
    try:
        return call(**kwargs), None
    except ValidationError as error:
        return None, error.message_dict


def test_every_naughty_string_is_stored_stripped_or_refused_with_the_message(
    board, naughty_strings, monkeypatch
):
    # The posting limit is tested on its own; here one member submits every string.
    monkeypatch.setattr(statements_services, "SUBMISSION_LIMIT", 10**6)
    participant = member_of(board)
    staff = StaffUserFactory()
    failures = []
    for index, text in enumerate(naughty_strings):
        expected = _statement_refusal(text)
        submitted, refused = _refused(
            statements_services.statement_submit, participant=participant, text=text
        )
        created, refused_too = _refused(
            statements_services.statement_create,
            actor=staff,
            strategy=board.strategy,
            kind=StatementKind.INTERVENTION,
            text=text,
        )
        stored = [
            s.text
            for s in Statement.objects.filter(
                pk__in=[getattr(submitted, "pk", None), getattr(created, "pk", None)]
            )
        ]
        if (refused, refused_too) != (expected, expected) or (
            expected is None and stored != [text.strip(), text.strip()]
        ):
            failures.append(("statement", index, text, refused, refused_too))
        target = created or StatementFactory(strategy=board.strategy)
        _, refused = _refused(
            statements_services.statement_moderate,
            statement=target,
            actor=staff,
            action="hide",
            reason=text,
            note=text,
        )
        target.refresh_from_db()
        if not text.strip():
            if refused != {"reason": ["Enter the reason for hiding it: the author sees it."]}:
                failures.append(("moderate", index, text, refused))
        elif (target.status, target.moderation_reason, target.moderator_note) != (
            ContentStatus.HIDDEN,
            text.strip(),
            text,
        ):
            failures.append(("moderate", index, text, refused))
    assert failures == []


def test_a_statement_with_votes_cannot_be_deleted(board):
    staff = StaffUserFactory()
    statement = StatementFactory(strategy=board.strategy)
    VoteFactory(statement=statement)
    with pytest.raises(ValidationError):
        statements_services.statement_delete(statement=statement, actor=staff)
    assert Statement.objects.filter(pk=statement.pk).exists()
    empty = StatementFactory(strategy=board.strategy)
    statements_services.statement_delete(statement=empty, actor=staff)
    assert not Statement.objects.filter(pk=empty.pk).exists()


def test_results_count_votes_by_stakeholder_type_exactly(board):
    council = OrganisationFactory(kind=OrganisationKind.COUNCIL)
    business = OrganisationFactory(kind=OrganisationKind.BUSINESS)
    first, second = StatementFactory.create_batch(2, strategy=board.strategy)
    for choice in ("agree", "agree", "disagree"):
        VoteFactory(statement=first, person=PersonFactory(organisation=council), choice=choice)
    VoteFactory(statement=first, person=PersonFactory(organisation=business), choice="pass")
    VoteFactory(statement=first, person=PersonFactory(organisation=None), choice="agree")
    VoteFactory(statement=second, person=PersonFactory(organisation=business), choice="disagree")
    results = statements_selectors.statement_results(statements=[first, second])
    table = {
        tally.kind: (tally.agree, tally.disagree, tally.passed, tally.agree_percent)
        for tally in results[0].by_type
        if tally.total
    }
    assert table == {"council": (2, 1, 0, 67), "business": (0, 0, 1, 0), "": (1, 0, 0, 100)}
    assert [tally.label for tally in results[0].by_type][-1] == "No organisation"
    assert (results[0].overall.total, results[0].overall.agree) == (5, 3)
    assert [(tally.kind, tally.disagree) for tally in results[1].by_type if tally.total] == [
        ("business", 1)
    ]
    segments = statements_selectors.bar_segments(results[0].overall, width=300)
    assert [(part.x, part.width) for part in segments] == [(0, 180), (180, 60), (240, 60)]


def test_results_take_one_query_whatever_the_votes(board, django_assert_num_queries):
    statements = StatementFactory.create_batch(3, strategy=board.strategy)
    for statement in statements:
        VoteFactory.create_batch(4, statement=statement)
    with django_assert_num_queries(1):
        statements_selectors.statement_results(statements=statements)


def test_publishing_a_submission_mails_its_author_once(board, django_capture_on_commit_callbacks):
    participant = member_of(board, email="author@example.org")
    statement = statements_services.statement_submit(participant=participant, text="Idea")
    with django_capture_on_commit_callbacks(execute=True):
        statements_services.statement_moderate(
            statement=statement, actor=StaffUserFactory(), action="publish"
        )
    assert [message.to for message in mail.outbox] == [["author@example.org"]]
