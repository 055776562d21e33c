"""The sounding board's pages: home, joining (newcomer, signed in, invited), profile, leaving,
unsubscribing, and the staff settings and participant list."""

import datetime
from html import escape
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse

from convenor.accounts.models import User
from convenor.engagement import joining_selectors
from convenor.engagement.choices import NotificationChoice, ParticipantStatus
from convenor.engagement.models import Participant
from convenor.governance.models import Membership
from convenor.stakeholders.importing import organisation_name_key
from convenor.stakeholders.models import Person
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.engagement.factories import (
    DocumentFactory,
    ParticipantFactory,
    SoundingBoardFactory,
    StatementFactory,
)
from tests.governance.factories import BodyFactory
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import PriorityFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
AS_OF = datetime.datetime(2019, 5, 22, 17, 0, tzinfo=LONDON)
PASSWORD = "a-long-test-password-7"


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.CONVENOR_AS_OF = AS_OF
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def url(name, board, *more):
    return reverse(f"joining:{name}", args=[board.strategy.slug, *more])


def staff_url(name, board, *more):
    return reverse(f"joining_staff:{name}", args=[board.strategy.slug, *more])


def member(board, **kwargs):
    user = UserFactory()
    person = PersonFactory(user=user, email=user.email)
    return user, ParticipantFactory(sounding_board=board, person=person, **kwargs)


def form_data(**overrides):
    data = {
        "name": "Ann Example",
        "email": "ann@example.org",
        "password": PASSWORD,
        "organisation_name": "Orbital Widgets",
        "sector": "Space",
        "name_shown": "full_name",
        "notifications": "weekly",
        "consent": "on",
    }
    data.update(overrides)
    return data


# Home


def test_home_for_a_visitor_explains_and_offers_joining(client):
    board = SoundingBoardFactory(welcome="A <b>group</b> of partners")
    member(board)

    response = client.get(url("home", board))

    content = response.content.decode()
    assert escape("A <b>group</b> of partners") in content
    assert "1 person is on the sounding board" in content
    assert url("join", board) in content


def test_home_for_a_member_links_to_the_profile(client):
    board = SoundingBoardFactory()
    user, _ = member(board)
    client.force_login(user)

    response = client.get(url("home", board))

    assert url("profile", board) in response.content.decode()
    assert "Join the sounding board" not in response.content.decode()


def test_a_strategy_without_a_board_has_no_sounding_board_page(client):
    board = SoundingBoardFactory()
    board.delete()

    assert client.get(url("home", board)).status_code == 404


# Joining


def test_a_newcomer_joins_through_the_form(client, django_capture_on_commit_callbacks):
    board = SoundingBoardFactory()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url("join", board), form_data())

    assert response.status_code == 302
    participant = Participant.objects.get()
    assert participant.status == ParticipantStatus.MEMBER
    assert Membership.objects.filter(person=participant.person, body=board.body).count() == 1
    assert User.objects.count() == 1 and Person.objects.count() == 1
    # allauth's email confirmation went out, and the newcomer is signed in
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["ann@example.org"]
    assert client.get(url("profile", board)).status_code == 200


def test_the_join_form_needs_consent_and_keeps_what_was_typed(client):
    board = SoundingBoardFactory()

    response = client.post(url("join", board), form_data(consent="", password="123"))

    content = response.content.decode()
    assert response.status_code == 200
    assert "Agree to the privacy notice" in content
    assert "govuk-error-summary" in content
    assert 'value="Orbital Widgets"' in content
    assert board.privacy_notice_version in content
    assert not User.objects.exists()


def test_the_join_form_refuses_an_email_that_has_an_account(client):
    board = SoundingBoardFactory()
    UserFactory(email="ann@example.org")

    response = client.post(url("join", board), form_data(email="ANN@example.org"))

    assert "sign in first" in response.content.decode()
    assert not Participant.objects.exists()


def test_a_signed_in_user_joins_without_email_or_password(client):
    board = SoundingBoardFactory()
    user = UserFactory(email="bob@example.org")
    PersonFactory(user=user, email="bob@example.org", name="Bob Register")
    client.force_login(user)

    page = client.get(url("join", board)).content.decode()
    assert 'name="password"' not in page and 'value="Bob Register"' in page
    response = client.post(url("join", board), form_data(name="Bob Register"))

    assert response.status_code == 302
    assert Participant.objects.get().person.user == user


def test_the_invited_link_prefills_from_the_register_and_fixes_the_email(client):
    board = SoundingBoardFactory()
    person = PersonFactory(name="Cat Invited", email="cat@example.org")
    link = joining_selectors.join_url(person, board.strategy)
    path = link.split("//", 1)[1].split("/", 1)[1]

    page = client.get("/" + path).content.decode()
    assert 'value="Cat Invited"' in page and 'value="cat@example.org"' in page
    assert "disabled" in page
    response = client.post("/" + path, form_data(email="evil@example.org"))

    assert response.status_code == 302
    assert User.objects.get().email == "cat@example.org"
    assert Participant.objects.get().person == person


def test_a_tampered_invitation_link_is_a_clear_404(client):
    board = SoundingBoardFactory()
    token = joining_selectors.join_token(PersonFactory()) + "x"

    response = client.get(url("join_invited", board, token))

    assert response.status_code == 404
    assert "This joining link does not work" in response.content.decode()


# Verification: not yet a member for the rules


def test_an_unverified_participant_cannot_vote_or_comment_until_they_confirm():
    board = SoundingBoardFactory()
    user, _ = member(board)
    document = DocumentFactory(strategy=board.strategy)
    statement = StatementFactory(strategy=board.strategy, status="published")
    address = EmailAddress.objects.create(user=user, email=user.email, verified=False, primary=True)

    assert not user.has_perm("engagement.comment_on_document", document)
    assert not user.has_perm("engagement.vote_on_statement", statement)
    address.verified = True
    address.save()
    assert user.has_perm("engagement.comment_on_document", document)
    assert user.has_perm("engagement.vote_on_statement", statement)


# Profile and leaving


@pytest.mark.parametrize("name", ["profile", "leave"])
def test_profile_and_leave_need_sign_in_and_a_participation(client, name):
    board = SoundingBoardFactory()

    assert client.get(url(name, board)).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url(name, board)).status_code == 403


def test_the_profile_is_edited(client):
    board = SoundingBoardFactory()
    priority = PriorityFactory(strategy=board.strategy)
    user, participant = member(board)
    client.force_login(user)

    response = client.post(
        url("profile", board),
        {
            "name": "New Name",
            "organisation_name": "",
            "sector": "",
            "priorities": [priority.pk],
            "name_shown": "initials",
            "notifications": "none",
        },
    )

    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.name_shown == "initials" and participant.notifications == "none"
    assert participant.person.name == "New Name"


@pytest.mark.parametrize("what", ["stop", "erase"])
def test_leaving_through_the_page(client, what):
    board = SoundingBoardFactory()
    user, participant = member(board)
    client.force_login(user)

    page = client.get(url("leave", board)).content.decode()
    assert "a former member" in page and "anonymised" in page
    response = client.post(url("leave", board), {"what": what})

    assert response.status_code == 302
    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.LEFT
    assert (participant.person.erased_at is not None) == (what == "erase")


# Unsubscribing


def test_unsubscribe_get_changes_nothing_and_post_sets_none(client):
    board = SoundingBoardFactory()
    _, participant = member(board, notifications=NotificationChoice.IMMEDIATE)
    link = joining_selectors.unsubscribe_url(participant)
    assert link.startswith("http")
    path = url("unsubscribe", board, joining_selectors.unsubscribe_token(participant))

    assert "Stop emails" in client.get(path).content.decode()
    participant.refresh_from_db()
    assert participant.notifications == NotificationChoice.IMMEDIATE
    response = client.post(path)

    assert "You are unsubscribed" in response.content.decode()
    participant.refresh_from_db()
    assert participant.notifications == NotificationChoice.NONE


def test_a_tampered_unsubscribe_token_is_a_clear_404(client):
    board = SoundingBoardFactory()
    _, participant = member(board)
    token = joining_selectors.unsubscribe_token(participant)

    for bad in (token + "0", "nonsense", token.replace(":", ":x", 1)):
        response = client.post(url("unsubscribe", board, bad))
        assert response.status_code == 404
        assert "This unsubscribe link does not work" in response.content.decode()
    participant.refresh_from_db()
    assert participant.notifications != NotificationChoice.NONE


def test_an_unsubscribe_token_does_not_work_on_another_strategy(client):
    board, other = SoundingBoardFactory(), SoundingBoardFactory()
    _, participant = member(board)

    response = client.get(
        url("unsubscribe", other, joining_selectors.unsubscribe_token(participant))
    )

    assert response.status_code == 404


# Staff


@pytest.mark.parametrize("name", ["settings", "participant_list"])
def test_staff_pages_need_staff(client, name):
    board = SoundingBoardFactory()

    assert client.get(staff_url(name, board)).status_code == 302
    client.force_login(UserFactory())
    assert client.get(staff_url(name, board)).status_code == 403


def test_staff_set_up_the_board(client):
    body = BodyFactory(kind="sounding_board")
    client.force_login(StaffUserFactory())

    response = client.post(
        reverse("joining_staff:settings", args=[body.strategy.slug]),
        {"body": body.pk, "is_open": "on", "privacy_notice_version": "v1", "welcome": "Hello"},
    )

    assert response.status_code == 302
    assert body.sounding_board.privacy_notice_version == "v1"


def test_staff_approve_from_the_list(client, django_capture_on_commit_callbacks):
    board = SoundingBoardFactory(requires_approval=True)
    _, participant = member(board, status=ParticipantStatus.PENDING)
    client.force_login(StaffUserFactory())

    page = client.get(staff_url("participant_list", board), {"status": "pending"})
    assert "Approve" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(staff_url("participant_decide", board, participant.pk), {"decision": "approve"})

    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.MEMBER
    assert Membership.objects.filter(person=participant.person).exists()
    assert len(mail.outbox) == 1


def test_deciding_is_post_only_and_staff_only(client):
    board = SoundingBoardFactory(requires_approval=True)
    _, participant = member(board, status=ParticipantStatus.PENDING)
    path = staff_url("participant_decide", board, participant.pk)
    client.force_login(UserFactory())

    assert client.post(path, {"decision": "approve"}).status_code == 403
    client.force_login(StaffUserFactory())
    assert client.get(path).status_code == 405


def _refusals(text, limit, *, required_message=""):
    """The messages a text input of the join form must give for `text`: Django strips it, asks
    for a required one, then refuses NUL and counts what is left."""
    kept = text.strip()
    if not kept:
        return [required_message] if required_message else []
    refusals = []
    if len(kept) > limit:
        refusals.append(f"Ensure this value has at most {limit} characters (it has {len(kept)}).")
    if "\x00" in kept:
        refusals.append("Null characters are not allowed.")
    return refusals


def test_every_naughty_string_joins_as_typed_or_gets_a_message_keeping_it(client, naughty_strings):
    board = SoundingBoardFactory()
    staff = StaffUserFactory()
    failures = []
    joined = {}
    for index, text in enumerate(naughty_strings):
        client.logout()
        response = client.post(
            url("join", board),
            form_data(
                name=text,
                email=f"n{index}@example.org",
                organisation_name=text,
                sector=text,
            ),
        )
        kept = text.strip()
        expected = [
            *_refusals(text, 150, required_message="Enter your name."),
            *_refusals(text, 200),
            *_refusals(text, 120),
        ]
        if expected:
            html = response.content.decode() if response.status_code == 200 else ""
            missing = [escape(message) for message in expected if escape(message) not in html]
            # Refused as a whole, with the reason, and the form still holds what was typed.
            if (
                response.status_code != 200
                or missing
                or escape(text) not in html
                or Person.objects.filter(email=f"n{index}@example.org").exists()
            ):
                failures.append((index, text, response.status_code, missing))
            continue
        person = Person.objects.filter(email=f"n{index}@example.org").first()
        organisation = person.organisation if person else None
        # A name folding to one already registered joins that organisation, unchanged.
        if (
            response.status_code != 302
            or person is None
            or person.name != kept
            or organisation is None
            or organisation_name_key(organisation.name) != organisation_name_key(kept)
            or (organisation.name == kept and organisation.sector != kept)
        ):
            failures.append((index, text, response.status_code, person and person.name))
        else:
            joined[index] = person
    assert failures == []
    assert len(joined) > 400

    # Every page of the staff list shows each name escaped, and runs no script.
    client.force_login(staff)
    shown = ""
    for page in range(1, len(joined) // 25 + 2):
        response = client.get(staff_url("participant_list", board), {"page": page})
        assert response.status_code == 200, page
        shown += response.content.decode()
    assert "<script>alert(0)</script>" not in shown
    assert [person.name for person in joined.values() if escape(person.name) not in shown] == []


# Query counts, the same at 3 and at 30 rows


def board_with(size):
    board = SoundingBoardFactory()
    PriorityFactory.create_batch(3, strategy=board.strategy)
    for _ in range(size):
        member(board)
    user, participant = member(board)
    return board, user, participant


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize(
    ("name", "signed_in", "expected"),
    [
        ("home", False, 4),
        ("home", True, 7),
        ("join", False, 5),
        ("profile", True, 8),
        ("leave", True, 5),
    ],
)
def test_public_pages_query_counts(
    client, django_assert_num_queries, size, name, signed_in, expected
):
    board, user, _ = board_with(size)
    if signed_in:
        client.force_login(user)
    client.get(url(name, board))
    with django_assert_num_queries(expected):
        response = client.get(url(name, board))
    assert response.status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_unsubscribe_page_query_count(client, django_assert_num_queries, size):
    board, _, participant = board_with(size)
    path = url("unsubscribe", board, joining_selectors.unsubscribe_token(participant))
    with django_assert_num_queries(3):
        assert client.get(path).status_code == 200


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize(("name", "expected"), [("settings", 7), ("participant_list", 7)])
def test_staff_pages_query_counts(client, django_assert_num_queries, size, name, expected):
    board, _, _ = board_with(size)
    client.force_login(StaffUserFactory())
    client.get(staff_url(name, board))
    with django_assert_num_queries(expected):
        assert client.get(staff_url(name, board)).status_code == 200
