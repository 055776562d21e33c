"""No email ever goes to a person who opted out or was erased, whatever the path (PECR, UK GDPR).

Every mail-sending path in src/ is listed here (a test fails when a new one appears unlisted);
each is driven with an opted-in control, an opted-out person and an erased person all eligible,
and only the control is mailed.

Account mail (allauth): a password reset the account holder asks for themselves is sent even if
their Person opted out (it is the service they asked for, not contact from us, and without it
they could not sign in to see their own data); an erased person's account is closed and its
address deleted, so nothing is sent to their former address.
"""

from __future__ import annotations

import datetime
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from convenor.engagement import invitation_services as engagement_services
from convenor.engagement import notifications as engagement_notifications
from convenor.governance.choices import BodyKind
from convenor.meetings import services as meeting_services
from convenor.meetings.notifications import invitations_notify, papers_published_notify
from convenor.stakeholders.models import Person
from convenor.stakeholders.privacy import person_erase, recipients_contactable
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.engagement.factories import ActivityFactory, ActivityInvitationFactory
from tests.governance.factories import BodyFactory, MembershipFactory
from tests.meetings.factories import InvitationFactory, MeetingFactory
from tests.stakeholders.factories import PersonFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
SRC = Path(__file__).resolve().parent.parent / "src" / "convenor"
MAIL_CALL = re.compile(
    r"\b(send_mail|send_mass_mail|mail_admins|mail_managers|EmailMessage|"
    r"EmailMultiAlternatives|send_messages)\b"
)
# Every module in src/ that sends mail, and the tests below that drive it.
# The sounding board's mail modules are driven by tests of their own: test_joining_services.py,
# test_statements_pages.py, test_documents_mail.py, test_digest_mail.py, test_discussions_mail.py
# and test_workshops_mail.py in tests/engagement;
# participant_mail.py builds their messages and draws up their lists (its callers ask the guard
# again when sending).
MAIL_MODULES = {
    "engagement/participant_mail.py",
    "engagement/digest_mail.py",
    "engagement/discussions_mail.py",
    "engagement/workshops_mail.py",
    "meetings/notifications.py",
    "engagement/notifications.py",
    "engagement/joining_mail.py",
    "engagement/statements_mail.py",
    "engagement/documents_mail.py",
}

CONTROL = "carol.control@example.org"
OPTED_OUT = "olive.optout@example.org"
ERASED = "ernest.erased@example.org"


@pytest.fixture(autouse=True)
def _locmem_mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def staff():
    return StaffUserFactory()


@pytest.fixture
def trio():
    """An opted-in control, an opted-out person and a person to be erased, each with an account."""
    return {
        "control": PersonFactory(
            name="Carol Control", email=CONTROL, user=UserFactory(email=CONTROL)
        ),
        "opted_out": PersonFactory(
            name="Olive Optout", email=OPTED_OUT, opted_out=True, user=UserFactory(email=OPTED_OUT)
        ),
        "erased": PersonFactory(name="Ernest Erased", email=ERASED, user=UserFactory(email=ERASED)),
    }


@pytest.fixture
def meeting(trio, staff):
    """A board meeting whose members (and so invitees) are all three, one of them then erased."""
    body = BodyFactory(slug="board", name="Enterprise M3 Board", kind=BodyKind.BOARD)
    for person in trio.values():
        MembershipFactory(body=body, person=person)
    meeting = MeetingFactory(
        body=body,
        title="Enterprise M3 Board",
        starts_at=datetime.datetime(2019, 5, 22, 10, 0, tzinfo=LONDON),
        ends_at=datetime.datetime(2019, 5, 22, 13, 0, tzinfo=LONDON),
    )
    for person in trio.values():
        InvitationFactory(meeting=meeting, person=person)
    person_erase(person=trio["erased"], actor=staff)
    return meeting


def addressees() -> list[str]:
    return sorted(address for message in mail.outbox for address in message.to)


def test_every_mail_sending_module_is_walked_here_and_uses_the_guard():
    senders = {
        str(path.relative_to(SRC))
        for path in SRC.rglob("*.py")
        if "migrations" not in path.parts and MAIL_CALL.search(path.read_text())
    }
    assert senders == MAIL_MODULES
    for module in senders:
        assert "recipients_contactable(" in (SRC / module).read_text()


def test_the_guard_keeps_only_people_who_may_be_emailed(trio, staff):
    person_erase(person=trio["erased"], actor=staff)
    trio["erased"].refresh_from_db()
    no_email = PersonFactory(email="")

    assert recipients_contactable([no_email, *trio.values()]) == [trio["control"]]


def test_sending_invitations_mails_only_the_control(
    meeting, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sent = meeting_services.invitations_send(meeting=meeting, actor=staff)

    assert [invitation.person.email for invitation in sent] == [CONTROL]
    assert addressees() == [CONTROL]


def test_invitations_notify_called_directly_still_mails_only_the_control(
    meeting, django_capture_on_commit_callbacks
):
    # Below the service's own filter: the notification layer refuses them by itself.
    with django_capture_on_commit_callbacks(execute=True):
        invitations_notify(meeting=meeting, invitations=list(meeting.invitations.all()))

    assert addressees() == [CONTROL]


def test_publishing_papers_notifies_only_the_control(
    meeting, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        meeting_services.meeting_papers_publish(meeting=meeting, actor=staff)

    assert addressees() == [CONTROL]


def test_papers_notify_called_directly_still_mails_only_the_control(
    meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = papers_published_notify(meeting=meeting)

    assert [person.email for person in outcome.recipients] == [CONTROL]
    assert addressees() == [CONTROL]


def test_someone_erased_after_invitations_were_queued_is_not_mailed(
    trio, staff, django_capture_on_commit_callbacks
):
    body = BodyFactory()
    meeting = MeetingFactory(body=body)
    invitations = [InvitationFactory(meeting=meeting, person=person) for person in trio.values()]

    with django_capture_on_commit_callbacks(execute=True):
        invitations_notify(meeting=meeting, invitations=invitations)
        person_erase(person=trio["erased"], actor=staff)

    assert addressees() == [CONTROL]


def test_members_invited_afresh_leave_out_an_erased_person(meeting, staff, trio):
    meeting.invitations.all().delete()

    created = meeting_services.invitations_create_for_members(meeting=meeting, actor=staff)

    assert sorted(invitation.person.name for invitation in created) == [
        "Carol Control",
        "Olive Optout",
    ]


def test_password_reset_is_sent_to_an_opted_out_account_holder_who_asks(client, trio):
    # Allowed by decision: account mail the person asked for themselves (module docstring).
    client.post(reverse("account_reset_password"), {"email": OPTED_OUT})

    assert addressees() == [OPTED_OUT]


def test_password_reset_sends_nothing_to_an_erased_persons_former_address(client, trio, staff):
    person_erase(person=trio["erased"], actor=staff)

    response = client.post(reverse("account_reset_password"), {"email": ERASED})

    assert response.status_code == 302  # the same answer as for any address: no enumeration
    assert mail.outbox == []
    assert not Person.objects.filter(email=ERASED).exists()


# Engagement activities: invitations and reminders (an emailless invitee joins the trio)


NO_EMAIL_NAME = "Nora Noemail"


@pytest.fixture
def activity_people(trio, staff):
    """The trio, with the erased one erased, and a person who has no email address."""
    person_erase(person=trio["erased"], actor=staff)
    trio["erased"].refresh_from_db()
    return [*trio.values(), PersonFactory(name=NO_EMAIL_NAME, email="")]


@pytest.fixture
def future_activity(settings):
    settings.CONVENOR_AS_OF = datetime.datetime(2019, 5, 22, 17, 0, tzinfo=LONDON)
    return ActivityFactory(
        title="Exporting workshop",
        starts_at=datetime.datetime(2019, 6, 12, 10, 0, tzinfo=LONDON),
    )


def test_inviting_people_to_an_activity_mails_only_the_control_once(
    future_activity, activity_people, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = engagement_services.invitations_send(
            activity=future_activity, actor=staff, people=activity_people
        )

    assert len(run.created) == 4
    assert addressees() == [CONTROL]


def test_an_activity_invitation_run_again_mails_nobody_twice(
    future_activity, activity_people, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        engagement_services.invitations_send(
            activity=future_activity, actor=staff, people=activity_people[:1]
        )
        engagement_services.invitations_send(
            activity=future_activity, actor=staff, people=activity_people
        )

    assert addressees() == [CONTROL]


def test_activity_invitations_notify_called_directly_still_mails_only_the_control(
    future_activity, activity_people, django_capture_on_commit_callbacks
):
    invitations = [
        ActivityInvitationFactory(activity=future_activity, person=person)
        for person in activity_people
    ]

    with django_capture_on_commit_callbacks(execute=True):
        outcome = engagement_notifications.invitations_notify(
            activity=future_activity, invitations=invitations
        )

    assert [person.email for person in outcome.recipients] == [CONTROL]
    assert addressees() == [CONTROL]


def test_activity_reminders_mail_only_the_control_once(
    future_activity, activity_people, staff, django_capture_on_commit_callbacks
):
    for person in activity_people:
        ActivityInvitationFactory(
            activity=future_activity, person=person, sent_at=future_activity.created_at
        )

    with django_capture_on_commit_callbacks(execute=True):
        engagement_services.invitations_remind(activity=future_activity, actor=staff)

    assert addressees() == [CONTROL]


def test_activity_reminders_notify_called_directly_still_mails_only_the_control(
    future_activity, activity_people, django_capture_on_commit_callbacks
):
    invitations = [
        ActivityInvitationFactory(activity=future_activity, person=person)
        for person in activity_people
    ]

    with django_capture_on_commit_callbacks(execute=True):
        engagement_notifications.reminders_notify(activity=future_activity, invitations=invitations)

    assert addressees() == [CONTROL]


def test_someone_opting_out_after_an_activity_invitation_was_queued_is_not_mailed(
    future_activity, trio, django_capture_on_commit_callbacks
):
    invitations = [
        ActivityInvitationFactory(activity=future_activity, person=trio["control"]),
        ActivityInvitationFactory(
            activity=future_activity, person=PersonFactory(email="late@example.org")
        ),
    ]

    with django_capture_on_commit_callbacks(execute=True):
        engagement_notifications.invitations_notify(
            activity=future_activity, invitations=invitations
        )
        Person.objects.filter(email="late@example.org").update(opted_out=True)

    assert addressees() == [CONTROL]
