"""Joining the sounding board, the profile, leaving, unsubscribing and staff decisions."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError

from convenor.accounts.models import User
from convenor.core.models import AuditEvent
from convenor.engagement import joining_services
from convenor.engagement.choices import NameShown, NotificationChoice, ParticipantStatus
from convenor.engagement.joining_services import JoinDetails
from convenor.engagement.models import Participant, Relationship
from convenor.governance.models import Membership
from convenor.stakeholders.models import Organisation, Person
from convenor.stakeholders.privacy import person_erase
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.engagement.factories import ParticipantFactory, SoundingBoardFactory
from tests.stakeholders.factories import AreaFactory, OrganisationFactory, PersonFactory
from tests.strategy.factories import PriorityFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
AS_OF = datetime.datetime(2019, 5, 22, 17, 0, tzinfo=LONDON)
PASSWORD = "a-long-test-password-7"


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.CONVENOR_AS_OF = AS_OF
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    # Accounts are made by the hundred here (naughty strings): a fast hasher keeps that quick.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def details(**overrides):
    values = {
        "name": "Ann Example",
        "organisation_name": "Orbital Widgets Ltd",
        "sector": "Space",
        "area": None,
        "priorities": [],
        "name_shown": NameShown.FULL_NAME,
        "notifications": NotificationChoice.WEEKLY,
    }
    values.update(overrides)
    return JoinDetails(**values)


def join(board, **kwargs):
    kwargs.setdefault("details", details())
    if "user" not in kwargs:
        kwargs.setdefault("email", "ann@example.org")
        kwargs.setdefault("password", PASSWORD)
    return joining_services.sounding_board_join(sounding_board=board, **kwargs)


def test_joining_creates_account_person_participant_and_membership_once():
    board = SoundingBoardFactory()
    priority = PriorityFactory(strategy=board.strategy)
    area = AreaFactory()

    result = join(board, details=details(priorities=[priority], area=area))

    user = User.objects.get()
    assert result.user == user and result.user_created
    address = EmailAddress.objects.get(user=user)
    assert address.email == "ann@example.org" and not address.verified and address.primary
    person = Person.objects.get()
    assert person.user == user and person.email == "ann@example.org"
    assert person.lawful_basis == "consent" and person.consent_channel == "web_form"
    assert person.consent_date == datetime.date(2019, 5, 22)
    assert person.consent_wording_version == board.privacy_notice_version
    organisation = Organisation.objects.get()
    assert organisation.name == "Orbital Widgets Ltd" and organisation.kind == "business"
    assert organisation.sector == "Space" and organisation.area == area
    assert list(Relationship.objects.get(person=person).priorities.all()) == [priority]
    participant = Participant.objects.get()
    assert participant.status == ParticipantStatus.MEMBER
    assert participant.notifications == NotificationChoice.WEEKLY
    membership = Membership.objects.get()
    assert membership.body == board.body and membership.person == person
    assert membership.starts_on == datetime.date(2019, 5, 22)
    verbs = set(AuditEvent.objects.values_list("verb", flat=True))
    assert {"created account", "joined the sounding board"} <= verbs


def test_joining_matches_an_existing_organisation_by_its_name_key():
    board = SoundingBoardFactory()
    existing = OrganisationFactory(name="Orbital Widgets Limited", sector="Old sector")

    join(board, details=details(organisation_name="orbital widgets ltd.", sector="New"))

    assert Person.objects.get().organisation == existing
    existing.refresh_from_db()
    assert existing.sector == "Old sector"
    assert Organisation.objects.count() == 1


@pytest.mark.parametrize("email", ["ann@example.org", "ANN@Example.ORG"])
def test_an_existing_person_with_the_same_email_in_any_case_is_linked_not_duplicated(email):
    board = SoundingBoardFactory()
    person = PersonFactory(email="Ann@Example.org")

    join(board, email=email)

    assert Person.objects.count() == 1
    person.refresh_from_db()
    assert person.user == User.objects.get()
    assert Participant.objects.get().person == person


def test_an_opted_out_person_joining_gives_a_new_explicit_consent():
    board = SoundingBoardFactory(privacy_notice_version="privacy-2019-05")
    person = PersonFactory(
        email="ann@example.org", opted_out=True, lawful_basis="legitimate_interests"
    )

    join(board)

    person.refresh_from_db()
    assert person.opted_out is False
    assert person.lawful_basis == "consent"
    assert person.consent_date == datetime.date(2019, 5, 22)
    assert person.consent_channel == "web_form"
    assert person.consent_wording_version == "privacy-2019-05"
    assert AuditEvent.objects.filter(
        verb="gave consent by joining the sounding board", target_id=str(person.pk)
    ).exists()


def test_an_erased_person_is_refused_with_a_clear_message():
    board = SoundingBoardFactory()
    person = person_erase(person=PersonFactory(), actor=None)

    with pytest.raises(ValidationError, match="erased"):
        join(board, invited=person, email="")
    assert not Participant.objects.exists()
    assert not User.objects.exists()


def test_a_board_that_requires_approval_makes_a_pending_participant_without_membership():
    board = SoundingBoardFactory(requires_approval=True)

    result = join(board)

    assert result.participant.status == ParticipantStatus.PENDING
    assert not Membership.objects.exists()


def test_approval_makes_a_member_with_membership_and_emails_them(
    django_capture_on_commit_callbacks,
):
    board = SoundingBoardFactory(requires_approval=True)
    participant = join(board).participant
    staff = StaffUserFactory()
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        joining_services.participant_decide(participant=participant, actor=staff, approve=True)

    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.MEMBER
    assert participant.decided_by == staff and participant.decided_at == AS_OF
    assert Membership.objects.get().person == participant.person
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ann@example.org"]
    assert "/sounding-board/unsubscribe/" in message.body
    assert "List-Unsubscribe" in message.extra_headers


def test_declining_makes_no_membership_and_sends_nothing(django_capture_on_commit_callbacks):
    board = SoundingBoardFactory(requires_approval=True)
    participant = join(board).participant
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        joining_services.participant_decide(
            participant=participant, actor=StaffUserFactory(), approve=False
        )

    participant.refresh_from_db()
    assert participant.status == ParticipantStatus.DECLINED
    assert not Membership.objects.exists()
    assert mail.outbox == []


def test_only_pending_participants_can_be_decided():
    participant = ParticipantFactory()

    with pytest.raises(ValidationError, match="not waiting"):
        joining_services.participant_decide(
            participant=participant, actor=StaffUserFactory(), approve=True
        )


@pytest.mark.parametrize(
    "make",
    [
        lambda: {"opted_out": True},
        lambda: {"email": ""},
        lambda: "erase",
    ],
    ids=["opted-out", "emailless", "erased"],
)
def test_the_approval_mail_skips_the_opted_out_erased_and_emailless(
    make, django_capture_on_commit_callbacks
):
    """Mail path: convenor.engagement.joining_mail.approved_notify."""
    board = SoundingBoardFactory(requires_approval=True)
    change = make()
    person = PersonFactory()
    participant = ParticipantFactory(
        sounding_board=board, person=person, status=ParticipantStatus.PENDING
    )
    if change == "erase":
        person_erase(person=person, actor=None)
    else:
        Person.objects.filter(pk=person.pk).update(**change)
    participant.refresh_from_db()

    with django_capture_on_commit_callbacks(execute=True):
        joining_services.participant_decide(
            participant=participant, actor=StaffUserFactory(), approve=True
        )

    assert mail.outbox == []


def test_the_approval_mail_is_not_sent_if_they_opted_out_before_it_went(
    django_capture_on_commit_callbacks,
):
    board = SoundingBoardFactory(requires_approval=True)
    participant = ParticipantFactory(sounding_board=board, status=ParticipantStatus.PENDING)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        joining_services.participant_decide(
            participant=participant, actor=StaffUserFactory(), approve=True
        )
    Person.objects.filter(pk=participant.person_id).update(opted_out=True)
    for callback in callbacks:
        callback()

    assert mail.outbox == []


def test_a_member_cannot_join_twice():
    board = SoundingBoardFactory()
    user = join(board).user

    with pytest.raises(ValidationError, match="already"):
        join(board, user=user)
    assert Participant.objects.count() == 1


def test_an_email_with_an_account_must_sign_in_first():
    board = SoundingBoardFactory()
    UserFactory(email="ann@example.org")

    with pytest.raises(ValidationError, match="sign in first"):
        join(board, email="ANN@example.org")


def test_a_signed_in_user_joins_with_their_own_person():
    board = SoundingBoardFactory()
    user = UserFactory(email="bob@example.org")
    person = PersonFactory(user=user, email="bob@example.org")

    result = join(board, user=user)

    assert result.participant.person == person and not result.user_created
    assert Person.objects.count() == 1


def test_a_closed_board_refuses_newcomers_but_takes_the_invited():
    board = SoundingBoardFactory(is_open=False, requires_approval=True)
    invited = PersonFactory(email="inv@example.org")

    with pytest.raises(ValidationError, match="not taking"):
        join(board)
    result = join(board, invited=invited, email="someone-else@example.org")

    assert result.participant.person == invited
    assert result.participant.status == ParticipantStatus.MEMBER
    assert result.user.email == "inv@example.org"


def test_someone_who_left_can_join_again():
    board = SoundingBoardFactory()
    result = join(board)
    joining_services.participant_leave(
        participant=result.participant, actor=result.user, erase=False
    )

    again = join(board, user=result.user)

    assert again.participant.pk == result.participant.pk
    assert again.participant.status == ParticipantStatus.MEMBER
    assert again.participant.left_at is None


def test_the_profile_changes_name_shown_mail_priorities_and_organisation():
    board = SoundingBoardFactory()
    first, second = PriorityFactory.create_batch(2, strategy=board.strategy)
    elsewhere = PriorityFactory()
    result = join(board, details=details(priorities=[first]))
    Relationship.objects.get().priorities.add(elsewhere)

    joining_services.participant_profile_update(
        participant=result.participant,
        details=details(
            name="Ann Other",
            priorities=[second],
            organisation_name="New Co",
            name_shown=NameShown.INITIALS,
            notifications=NotificationChoice.NONE,
        ),
        actor=result.user,
    )

    participant = Participant.objects.get()
    assert participant.name_shown == NameShown.INITIALS
    assert participant.notifications == NotificationChoice.NONE
    assert participant.person.name == "Ann Other"
    assert participant.person.organisation.name == "New Co"
    assert set(Relationship.objects.get().priorities.all()) == {second, elsewhere}


def test_switching_to_the_weekly_digest_starts_it_now_not_at_joining():
    # Mail as things happened already told them of everything until now.
    board = SoundingBoardFactory()
    result = join(board, details=details(notifications=NotificationChoice.IMMEDIATE))
    assert result.participant.digest_sent_at is None

    joining_services.participant_profile_update(
        participant=result.participant,
        details=details(notifications=NotificationChoice.WEEKLY),
        actor=result.user,
    )

    participant = Participant.objects.get()
    assert participant.notifications == NotificationChoice.WEEKLY
    assert participant.digest_sent_at == AS_OF


def test_leaving_ends_membership_and_mail_and_keeps_the_person():
    board = SoundingBoardFactory()
    result = join(board)

    joining_services.participant_leave(
        participant=result.participant, actor=result.user, erase=False
    )

    participant = Participant.objects.get()
    assert participant.status == ParticipantStatus.LEFT
    assert participant.left_at == AS_OF
    assert participant.notifications == NotificationChoice.NONE
    assert Membership.objects.get().ends_on == datetime.date(2019, 5, 22)
    assert participant.person.erased_at is None
    assert participant.person.name == "Ann Example"


def test_leaving_with_erasure_erases_the_person_and_closes_the_account():
    board = SoundingBoardFactory()
    result = join(board)

    joining_services.participant_leave(
        participant=result.participant, actor=result.user, erase=True
    )

    participant = Participant.objects.get()
    assert participant.status == ParticipantStatus.LEFT
    assert participant.person.erased_at is not None
    assert participant.person.email == ""
    assert not User.objects.get().is_active
    assert Membership.objects.get().ends_on == datetime.date(2019, 5, 22)


def test_unsubscribing_sets_no_mail_with_an_audit_event_once():
    participant = ParticipantFactory(notifications=NotificationChoice.IMMEDIATE)

    joining_services.participant_unsubscribe(participant=participant, actor=None)
    joining_services.participant_unsubscribe(participant=participant, actor=None)

    participant.refresh_from_db()
    assert participant.notifications == NotificationChoice.NONE
    assert AuditEvent.objects.filter(verb="unsubscribed from sounding board email").count() == 1


def test_naughty_strings_through_name_organisation_and_sector(naughty_strings):
    board = SoundingBoardFactory()
    for index, text in enumerate(naughty_strings):
        name = text[:150].strip() or "x"
        organisation = text[:200].strip()
        sector = text[:120]
        joining_services.sounding_board_join(
            sounding_board=board,
            details=details(name=name, organisation_name=organisation, sector=sector),
            email=f"naughty{index}@example.org",
            password=PASSWORD,
        )
        person = Person.objects.get(email=f"naughty{index}@example.org")
        assert person.name == name
        if organisation:
            assert person.organisation is not None
