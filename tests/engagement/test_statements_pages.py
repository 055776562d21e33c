"""Statement pages: voting, changing votes, submitting, the posting limit, staff pages, counts."""

from html import escape

import pytest
from django.core import mail
from django.template.defaultfilters import linebreaksbr
from django.test import Client
from django.urls import reverse

from convenor.core.models import AuditEvent
from convenor.engagement import statements_services
from convenor.engagement.choices import ContentStatus, NotificationChoice, VoteChoice
from convenor.engagement.models import Statement, Vote
from convenor.engagement.statements_mail import _send_now
from convenor.engagement.statements_services import TEXT_MAX
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.engagement.factories import (
    ParticipantFactory,
    SoundingBoardFactory,
    StatementFactory,
    VoteFactory,
)
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import StrategyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def board():
    return SoundingBoardFactory(strategy=StrategyFactory(is_public=True))


@pytest.fixture
def member(client, board):
    user = UserFactory()
    participant = ParticipantFactory(sounding_board=board, person=PersonFactory(user=user))
    client.force_login(user)
    return participant


@pytest.fixture
def staff(client):
    user = StaffUserFactory()
    client.force_login(user)
    return user


def url(name, strategy, *args):
    return reverse(name, args=[strategy.slug, *args])


def test_a_member_sees_one_statement_with_progress_and_votes(client, board, member):
    statements = StatementFactory.create_batch(3, strategy=board.strategy)
    response = client.get(url("statements:vote", board.strategy))
    shown = response.context["statement"]
    assert shown in statements
    assert "0 of 3 voted" in response.content.decode()
    response = client.post(
        url("statements:vote_cast", board.strategy, shown.pk), {"choice": "agree"}
    )
    assert response.status_code == 302
    assert response.url == url("statements:vote", board.strategy)
    response = client.get(url("statements:vote", board.strategy))
    assert response.context["statement"] != shown
    assert "1 of 3 voted" in response.content.decode()


def test_when_all_are_voted_the_page_says_so_and_offers_to_submit(client, board, member):
    statement = StatementFactory(strategy=board.strategy)
    VoteFactory(statement=statement, person=member.person)
    page = client.get(url("statements:vote", board.strategy)).content.decode()
    assert "You have voted on every statement" in page
    assert url("statements:submit", board.strategy) in page


def test_a_vote_is_changed_from_my_votes_and_counted_once(client, board, member):
    statement = StatementFactory(strategy=board.strategy)
    VoteFactory(statement=statement, person=member.person, choice=VoteChoice.AGREE)
    my_votes = url("statements:my_votes", board.strategy)
    assert "Change to Disagree" in client.get(my_votes).content.decode()
    response = client.post(
        url("statements:vote_cast", board.strategy, statement.pk),
        {"choice": "disagree", "next": my_votes},
    )
    assert response.url == my_votes
    assert list(Vote.objects.values_list("choice", flat=True)) == ["disagree"]


def test_a_forged_choice_is_answered_with_the_form_not_an_error(client, board, member):
    statement = StatementFactory(strategy=board.strategy)
    response = client.post(
        url("statements:vote_cast", board.strategy, statement.pk), {"choice": "x"}
    )
    assert response.status_code == 400
    assert "govuk-error-summary" in response.content.decode()
    assert not Vote.objects.exists()


def test_an_offsite_next_is_ignored(client, board, member):
    statement = StatementFactory(strategy=board.strategy)
    response = client.post(
        url("statements:vote_cast", board.strategy, statement.pk),
        {"choice": "agree", "next": "https://evil.example.com/"},
    )
    assert response.url == url("statements:vote", board.strategy)


def test_signed_out_people_read_the_statements_and_are_asked_to_sign_in_to_vote(client, board):
    statement = StatementFactory(strategy=board.strategy, text="Published one")
    StatementFactory(strategy=board.strategy, text="Waiting one", status=ContentStatus.PENDING)
    page = client.get(url("statements:vote", board.strategy)).content.decode()
    assert "Published one" in page and "Waiting one" not in page
    assert "sign in" in page
    response = client.post(
        url("statements:vote_cast", board.strategy, statement.pk), {"choice": "agree"}
    )
    assert response.status_code == 302 and "/accounts/login/" in response.url
    for name in ("statements:submit", "statements:my_votes"):
        assert "/accounts/login/" in client.get(url(name, board.strategy)).url
    assert not Vote.objects.exists()


@pytest.mark.parametrize("status", ["pending", "left", "declined", None])
def test_people_not_members_cannot_vote_or_submit(client, board, status):
    user = UserFactory()
    if status:
        ParticipantFactory(sounding_board=board, person=PersonFactory(user=user), status=status)
    client.force_login(user)
    statement = StatementFactory(strategy=board.strategy)
    assert (
        "Only members of the sounding board can vote"
        in client.get(url("statements:vote", board.strategy)).content.decode()
    )
    vote = client.post(
        url("statements:vote_cast", board.strategy, statement.pk), {"choice": "agree"}
    )
    assert vote.status_code == 403
    assert (
        client.post(url("statements:submit", board.strategy), {"text": "Mine"}).status_code == 403
    )
    assert client.get(url("statements:my_votes", board.strategy)).status_code == 403
    assert not Vote.objects.exists() and Statement.objects.count() == 1


def test_a_hidden_statement_cannot_be_voted_on(client, board, member):
    statement = StatementFactory(strategy=board.strategy, status=ContentStatus.HIDDEN)
    response = client.post(
        url("statements:vote_cast", board.strategy, statement.pk), {"choice": "agree"}
    )
    assert response.status_code == 404
    assert not Vote.objects.exists()


def test_a_submission_waits_and_its_author_sees_the_hide_reason(client, board, member):
    response = client.post(url("statements:submit", board.strategy), {"text": "Towns first"})
    assert response.url.endswith("#submitted")
    statement = Statement.objects.get()
    assert statement.status == ContentStatus.PENDING
    mine = client.get(url("statements:my_votes", board.strategy)).content.decode()
    assert "Towns first" in mine and "Waiting for moderation" in mine
    client.logout()
    assert "Towns first" not in client.get(url("statements:vote", board.strategy)).content.decode()
    client.force_login(StaffUserFactory())
    client.post(
        url("statements_staff:statement_moderate", board.strategy, statement.pk),
        {"action": "hide", "reason": "Please split it into two ideas.", "note": ""},
    )
    client.force_login(member.person.user)
    mine = client.get(url("statements:my_votes", board.strategy)).content.decode()
    assert "Hidden by a moderator" in mine and "Please split it into two ideas." in mine


def test_an_empty_or_too_long_submission_keeps_what_was_typed(client, board, member):
    response = client.post(url("statements:submit", board.strategy), {"text": "x" * 401})
    assert response.status_code == 200
    page = response.content.decode()
    assert "govuk-error-summary" in page and "x" * 401 in page
    assert not Statement.objects.exists()


def test_the_sixth_submission_gets_the_limit_page(client, board, member):
    for number in range(5):
        client.post(url("statements:submit", board.strategy), {"text": f"Idea {number}"})
    response = client.post(url("statements:submit", board.strategy), {"text": "Keep this text"})
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    page = response.content.decode()
    assert "You can submit it after" in page and "Keep this text" in page
    assert Statement.objects.count() == 5


def _statement_refusals(text, *, limit_message, blank_message):
    """What a statement form must say to `text`: NUL cannot be stored, the limit counts what
    was typed, and blank space is no statement (said only when nothing else is)."""
    refusals = []
    if "\x00" in text:
        refusals.append("Null characters are not allowed.")
    if len(text) > TEXT_MAX:
        refusals.append(limit_message)
    if not refusals and not text.strip():
        refusals.append(blank_message)
    return refusals


def _refusal_problem(response, text, expected):
    """Why a refused post fails the person (None if it does not): it must answer 200 with each
    message and keep what they typed in the form."""
    if response.status_code != 200:
        return response.status_code
    html = response.content.decode()
    missing = [message for message in expected if escape(message) not in html]
    if missing or escape(text) not in html:
        return missing or "what was typed is lost"
    return None


def test_naughty_strings_through_submit_are_stored_exactly_and_shown_escaped(
    client, board, member, naughty_strings, monkeypatch
):
    # The posting limit is tested on its own; here one member submits every string.
    monkeypatch.setattr(statements_services, "SUBMISSION_LIMIT", 10**6)
    failures = []
    submitted = []
    for index, text in enumerate(naughty_strings):
        response = client.post(url("statements:submit", board.strategy), {"text": text})
        expected = _statement_refusals(
            text,
            limit_message=f"Your statement must be {TEXT_MAX} characters or fewer",
            blank_message="Enter your statement",
        )
        if expected:
            problem = _refusal_problem(response, text, expected)
            if problem or Statement.objects.count() != len(submitted):
                failures.append((index, text, problem))
            continue
        statement = Statement.objects.order_by("-pk").first()
        if response.status_code != 302 or statement is None or statement.text != text.strip():
            failures.append((index, text, response.status_code, statement and statement.text))
        else:
            submitted.append(statement.text)
    assert failures == []
    assert len(submitted) == Statement.objects.count() > 500
    # The member's page lists every submission, escaped.
    page = client.get(url("statements:my_votes", board.strategy))
    assert page.status_code == 200
    html = page.content.decode()
    assert "<script>alert(0)</script>" not in html
    assert [text for text in submitted if linebreaksbr(text, autoescape=True) not in html] == []


def test_naughty_strings_through_the_staff_forms(client, board, staff, naughty_strings):
    failures = []
    created = []
    for index, text in enumerate(naughty_strings):
        response = client.post(
            url("statements_staff:statement_create", board.strategy),
            {"kind": "intervention", "text": text, "priority": ""},
        )
        expected = _statement_refusals(
            text,
            limit_message=f"The statement must be {TEXT_MAX} characters or fewer",
            blank_message="Enter the statement",
        )
        if expected:
            problem = _refusal_problem(response, text, expected)
            if problem or Statement.objects.count() != len(created):
                failures.append(("create", index, text, problem))
            # Something to moderate with this string all the same.
            statement = StatementFactory(strategy=board.strategy)
            created.append(statement.text)
        else:
            statement = Statement.objects.order_by("-pk").first()
            if response.status_code != 302 or statement.text != text.strip():
                failures.append(("create", index, text, response.status_code, statement.text))
            created.append(statement.text)

        # Hidden with the string as the reason the author sees and as the moderators' note.
        response = client.post(
            url("statements_staff:statement_moderate", board.strategy, statement.pk),
            {"action": "hide", "reason": text, "note": text},
        )
        expected = []
        if "\x00" in text:
            expected.append("Null characters are not allowed.")
        elif not text.strip():
            expected.append("Enter the reason for hiding it: the author sees it.")
        statement.refresh_from_db()
        if expected:
            problem = _refusal_problem(response, text, expected)
            if problem or statement.status != ContentStatus.PUBLISHED:
                failures.append(("moderate", index, text, problem))
        elif response.status_code != 302 or (
            statement.status,
            statement.moderation_reason,
            statement.moderator_note,
        ) != (ContentStatus.HIDDEN, text.strip(), text.strip()):
            failures.append(("moderate", index, text, response.status_code))
    assert failures == []

    # Every page of the staff list shows every statement, escaped.
    html = ""
    for page in range(1, len(created) // 25 + 2):
        listing = client.get(url("statements_staff:statement_list", board.strategy), {"page": page})
        assert listing.status_code == 200
        html += listing.content.decode()
    assert "<script>alert(0)</script>" not in html
    assert [text for text in created if linebreaksbr(text, autoescape=True) not in html] == []


def test_nul_and_over_long_statements_get_a_message_and_keep_the_text(client, board, member):
    # The list holds neither, so the refusal above is also checked here, on its own.
    staff_client = Client()
    staff_client.force_login(StaffUserFactory())
    failures = []
    for text in ("Fast\x00broadband", "x" * TEXT_MAX + "y", " " * TEXT_MAX + "\n"):
        for who, path, limit_message, blank_message in (
            (
                client,
                url("statements:submit", board.strategy),
                f"Your statement must be {TEXT_MAX} characters or fewer",
                "Enter your statement",
            ),
            (
                staff_client,
                url("statements_staff:statement_create", board.strategy),
                f"The statement must be {TEXT_MAX} characters or fewer",
                "Enter the statement",
            ),
        ):
            response = who.post(path, {"kind": "intervention", "text": text, "priority": ""})
            expected = _statement_refusals(
                text, limit_message=limit_message, blank_message=blank_message
            )
            problem = _refusal_problem(response, text, expected)
            if not expected or problem:
                failures.append((path, text[:20], expected, problem))
    assert failures == []
    assert not Statement.objects.exists()


def test_staff_list_counts_votes_and_pending_and_filters(client, board, staff):
    statement = StatementFactory(strategy=board.strategy)
    for choice in ("agree", "agree", "pass"):
        VoteFactory(statement=statement, choice=choice)
    StatementFactory.create_batch(3, strategy=board.strategy, status=ContentStatus.PENDING)
    response = client.get(url("statements_staff:statement_list", board.strategy))
    assert "3 waiting for moderation" in response.content.decode()
    counted = response.context["object_list"][0]
    assert (
        counted.agree_count,
        counted.disagree_count,
        counted.pass_count,
        counted.vote_count,
    ) == (
        2,
        0,
        1,
        3,
    )
    filtered = client.get(
        url("statements_staff:statement_list", board.strategy) + "?status=pending"
    )
    assert len(filtered.context["object_list"]) == 3


def test_deleting_a_statement_with_votes_is_refused_with_a_clear_page(client, board, staff):
    statement = StatementFactory(strategy=board.strategy)
    VoteFactory(statement=statement)
    delete = url("statements_staff:statement_delete", board.strategy, statement.pk)
    assert "Hide it instead" in client.get(delete).content.decode()
    response = client.post(delete)
    assert response.status_code == 200
    assert "cannot be deleted" in response.content.decode()
    assert Statement.objects.filter(pk=statement.pk).exists()


def test_staff_create_and_edit_are_audited(client, board, staff):
    client.post(
        url("statements_staff:statement_create", board.strategy),
        {"kind": "narrative", "text": "Our towns matter", "priority": ""},
    )
    statement = Statement.objects.get()
    assert statement.status == ContentStatus.PUBLISHED
    client.post(
        url("statements_staff:statement_edit", board.strategy, statement.pk),
        {"kind": "narrative", "text": "Our towns matter most", "priority": ""},
    )
    statement.refresh_from_db()
    assert statement.text == "Our towns matter most"
    assert list(
        AuditEvent.objects.filter(target_id=str(statement.pk))
        .order_by("pk")
        .values_list("verb", flat=True)
    ) == ["created", "changed"]


@pytest.mark.parametrize("name", ["statement_list", "statement_create", "results"])
def test_staff_pages_need_staff(client, board, name):
    page = url(f"statements_staff:{name}", board.strategy)
    assert "/accounts/login/" in client.get(page).url
    client.force_login(UserFactory())
    assert client.get(page).status_code == 403


def test_results_page_shows_the_bar_and_table(client, board, staff):
    statement = StatementFactory(strategy=board.strategy, text="Broadband first")
    VoteFactory(statement=statement, choice="agree")
    page = client.get(url("statements_staff:results", board.strategy)).content.decode()
    assert 'role="img"' in page and "Agree: 1, Disagree: 0, Pass: 0" in page
    assert "No organisation" in page


# Mail


@pytest.mark.parametrize(
    ("person", "notifications", "sent"),
    [
        ({}, NotificationChoice.IMMEDIATE, 1),
        ({}, NotificationChoice.WEEKLY, 0),
        ({}, NotificationChoice.NONE, 0),
        ({"opted_out": True}, NotificationChoice.IMMEDIATE, 0),
        ({"email": ""}, NotificationChoice.IMMEDIATE, 0),
    ],
)
def test_publication_mail_respects_choices_and_contactability(board, person, notifications, sent):
    participant = ParticipantFactory(
        sounding_board=board, person=PersonFactory(**person), notifications=notifications
    )
    statement = StatementFactory(strategy=board.strategy, submitted_by=participant.person)
    _send_now(statement_pk=statement.pk)
    assert len(mail.outbox) == sent
    if sent:
        assert "unsubscribe" in mail.outbox[0].body
        assert mail.outbox[0].extra_headers["List-Unsubscribe"].startswith("<http")


def test_an_erased_person_gets_no_publication_mail(board):
    from convenor.stakeholders.privacy import person_erase

    participant = ParticipantFactory(sounding_board=board)
    statement = StatementFactory(strategy=board.strategy, submitted_by=participant.person)
    person_erase(person=participant.person, actor=None)
    statement.refresh_from_db()
    if statement.submitted_by_id is not None:
        _send_now(statement_pk=statement.pk)
    assert mail.outbox == []


# Query counts: the same whatever the number of statements, votes and voters

QUERIES = {
    "statements:vote": 8,
    "statements:my_votes": 9,
    "signed_out_list": 4,
    "statements_staff:statement_list": 7,
    "statements_staff:results": 7,
}


def world(board, statements, voters):
    created = StatementFactory.create_batch(statements, strategy=board.strategy)
    people = PersonFactory.create_batch(voters)
    Vote.objects.bulk_create(
        Vote(statement=statement, person=person, choice="agree")
        for statement in created[: statements // 2]
        for person in people
    )
    return created


@pytest.mark.parametrize(("statements", "voters"), [(5, 10), (50, 150)])
@pytest.mark.parametrize("page", sorted(QUERIES))
def test_pages_make_as_many_queries_for_more_data(
    client, board, django_assert_num_queries, page, statements, voters
):
    created = world(board, statements, voters)
    if page.startswith("statements:"):
        user = UserFactory()
        participant = ParticipantFactory(sounding_board=board, person=PersonFactory(user=user))
        for statement in created[:3]:
            VoteFactory(statement=statement, person=participant.person)
        client.force_login(user)
        name = page
    elif page.startswith("statements_staff:"):
        client.force_login(StaffUserFactory())
        name = page
    else:
        name = "statements:vote"
    address = url(name, board.strategy)
    assert client.get(address).status_code == 200
    with django_assert_num_queries(QUERIES[page]):
        assert client.get(address).status_code == 200
