"""Meeting mail: invitations and papers notices go out after commit, to the right people."""

import datetime
import logging
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import transaction
from icalendar import Calendar

from convenor.governance.choices import BodyKind
from convenor.meetings.choices import InvitationRole
from convenor.meetings.notifications import (
    MailRecipients,
    SkippedRecipient,
    invitations_notify,
    papers_published_notify,
)
from tests.governance.factories import BodyFactory, MembershipFactory
from tests.meetings.factories import (
    AgendaItemFactory,
    InvitationFactory,
    MeetingFactory,
    PaperFactory,
)
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import StrategyFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
SITE = "https://convenor.example.org"


@pytest.fixture(autouse=True)
def _mail_settings(settings):
    settings.CONVENOR_SITE_URL = SITE
    settings.DEFAULT_FROM_EMAIL = "Enterprise M3 LEP <lis@enterprisem3.example.org>"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def board():
    strategy = StrategyFactory(slug="em3-lis", name="Enterprise M3 Local Industrial Strategy")
    return BodyFactory(
        strategy=strategy,
        slug="board",
        name="Enterprise M3 Board",
        kind=BodyKind.BOARD,
        is_public=True,
    )


@pytest.fixture
def meeting(board):
    meeting = MeetingFactory(
        body=board,
        title="Enterprise M3 Board",
        starts_at=datetime.datetime(2019, 5, 22, 10, 0, tzinfo=LONDON),
        ends_at=datetime.datetime(2019, 5, 22, 13, 0, tzinfo=LONDON),
        location="Enterprise M3 offices, Basingstoke",
    )
    AgendaItemFactory(meeting=meeting, order=1, title="Welcome and apologies")
    AgendaItemFactory(
        meeting=meeting,
        order=8,
        title="A Local Industrial Strategy for the EM3 Area \N{EN DASH} Engagement",
    )
    return meeting


@pytest.fixture
def people():
    return {
        "kevin": PersonFactory(name="Kevin Lloyd", email="kevin.lloyd@example.org"),
        "stacey": PersonFactory(name="Stacey King", email="stacey.king@example.org"),
        "opted_out": PersonFactory(
            name="Olive Opted-Out", email="olive@example.org", opted_out=True
        ),
        "no_email": PersonFactory(name="Nadia No-Email", email=""),
    }


def recipients_of_outbox() -> list[list[str]]:
    return [message.to for message in mail.outbox]


def attachment_calendar(message) -> tuple[str, Calendar, str]:
    (attachment,) = message.attachments
    filename, content, mimetype = attachment
    return filename, Calendar.from_ical(content), mimetype


# Invitations


def test_invitations_are_sent_only_after_the_transaction_commits(
    meeting, people, django_capture_on_commit_callbacks
):
    invitations = [
        InvitationFactory(meeting=meeting, person=people["kevin"]),
        InvitationFactory(meeting=meeting, person=people["stacey"]),
    ]

    with django_capture_on_commit_callbacks() as callbacks:
        invitations_notify(meeting=meeting, invitations=invitations)
        assert mail.outbox == []
    assert mail.outbox == []
    assert len(callbacks) == 1

    callbacks[0]()

    # One message per recipient, by name.
    assert recipients_of_outbox() == [["kevin.lloyd@example.org"], ["stacey.king@example.org"]]


def test_no_invitation_is_sent_when_the_transaction_rolls_back(
    meeting, people, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory(meeting=meeting, person=people["kevin"])

    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        invitations_notify(meeting=meeting, invitations=[invitation])
        raise RuntimeError("the service failed after asking for the mail")

    assert callbacks == []
    assert mail.outbox == []


def test_invitations_skip_people_who_opted_out_or_have_no_email(
    meeting, people, django_capture_on_commit_callbacks, caplog
):
    caplog.set_level(logging.INFO, logger="convenor.meetings.notifications")
    invitations = [InvitationFactory(meeting=meeting, person=person) for person in people.values()]

    with django_capture_on_commit_callbacks(execute=True):
        outcome = invitations_notify(meeting=meeting, invitations=invitations)

    assert outcome == MailRecipients(
        recipients=(people["kevin"], people["stacey"]),
        skipped=(
            SkippedRecipient(person=people["no_email"], reason="no email address"),
            SkippedRecipient(person=people["opted_out"], reason="opted out of contact"),
        ),
    )
    assert recipients_of_outbox() == [["kevin.lloyd@example.org"], ["stacey.king@example.org"]]
    assert [record.getMessage() for record in caplog.records] == [
        f"Not sending the invitation for meeting {meeting.pk} to person "
        f"{people['no_email'].pk}: no email address",
        f"Not sending the invitation for meeting {meeting.pk} to person "
        f"{people['opted_out'].pk}: opted out of contact",
    ]


def test_nothing_is_scheduled_when_nobody_may_be_emailed(
    meeting, people, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory(meeting=meeting, person=people["opted_out"])

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        outcome = invitations_notify(meeting=meeting, invitations=[invitation])

    assert outcome.recipients == ()
    assert callbacks == []
    assert mail.outbox == []


def test_someone_who_opts_out_before_the_commit_is_not_emailed(
    meeting, people, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory(meeting=meeting, person=people["kevin"])

    with django_capture_on_commit_callbacks(execute=True):
        invitations_notify(meeting=meeting, invitations=[invitation])
        people["kevin"].opted_out = True
        people["kevin"].save()

    assert mail.outbox == []


def test_an_invitation_has_this_subject_and_body(
    meeting, people, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory(meeting=meeting, person=people["kevin"])

    with django_capture_on_commit_callbacks(execute=True):
        invitations_notify(meeting=meeting, invitations=[invitation])

    (message,) = mail.outbox
    assert message.subject == "Invitation: Enterprise M3 Board, Wednesday 22 May 2019"
    assert message.from_email == "Enterprise M3 LEP <lis@enterprisem3.example.org>"
    assert message.to == ["kevin.lloyd@example.org"]
    assert message.body == (
        "Dear Kevin Lloyd,\n"
        "\n"
        "You are invited to Enterprise M3 Board.\n"
        "\n"
        "Meeting of: Enterprise M3 Board\n"
        "When: Wednesday 22 May 2019, 10:00 to 13:00\n"
        "Where: Enterprise M3 offices, Basingstoke\n"
        "\n"
        "Agenda\n"
        "1. Welcome and apologies\n"
        "8. A Local Industrial Strategy for the EM3 Area \N{EN DASH} Engagement\n"
        "\n"
        f"The meeting's page: {SITE}/s/em3-lis/meetings/{meeting.pk}/\n"
        "\n"
        "The attached calendar file (invitation.ics) adds the meeting to your calendar.\n"
        "\n"
        "-- \n"
        f"Convenor, for Enterprise M3 Local Industrial Strategy: {SITE}\n"
        "You receive this because you take part in this meeting. "
        "To stop email from us, reply and say so.\n"
    )
    ((html, html_type),) = message.alternatives
    assert html_type == "text/html"
    assert '<a href="https://convenor.example.org/s/em3-lis/meetings/' in html
    assert (
        '<li value="8">A Local Industrial Strategy for the EM3 Area \N{EN DASH} Engagement</li>'
        in html
    )


def test_an_invitation_carries_a_request_calendar_for_its_invitee(
    meeting, people, django_capture_on_commit_callbacks
):
    invitation = InvitationFactory(
        meeting=meeting, person=people["kevin"], role=InvitationRole.INVITED_EXPERT
    )

    with django_capture_on_commit_callbacks(execute=True):
        invitations_notify(meeting=meeting, invitations=[invitation])

    (message,) = mail.outbox
    filename, calendar, mimetype = attachment_calendar(message)
    assert filename == "invitation.ics"
    assert mimetype == "text/calendar; method=REQUEST"
    assert 'Content-Type: text/calendar; method="REQUEST"; charset="utf-8"' in str(
        message.message()
    )
    assert calendar["METHOD"] == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert event["UID"] == f"meeting-{meeting.pk}@convenor.example.org"
    assert event["SUMMARY"] == "Enterprise M3 Board"
    assert event["DTSTART"].dt == datetime.datetime(2019, 5, 22, 10, 0, tzinfo=LONDON)
    assert event["DTSTART"].dt.astimezone(datetime.UTC).hour == 9
    assert event["ORGANIZER"] == "mailto:lis@enterprisem3.example.org"
    assert event["ATTENDEE"] == "mailto:kevin.lloyd@example.org"
    assert dict(event["ATTENDEE"].params) == {
        "CN": "Kevin Lloyd",
        "ROLE": "REQ-PARTICIPANT",
        "PARTSTAT": "NEEDS-ACTION",
        "RSVP": "FALSE",
    }
    assert "You are invited to Enterprise M3 Board, as an outside expert for this meeting.\n" in (
        message.body
    )


def test_a_title_is_text_in_the_mail_never_markup_or_a_header(
    meeting, people, django_capture_on_commit_callbacks
):
    meeting.title = "Board <script>alert(1)</script>\nBcc: everyone@example.org"
    meeting.save()
    invitation = InvitationFactory(meeting=meeting, person=people["kevin"])

    with django_capture_on_commit_callbacks(execute=True):
        invitations_notify(meeting=meeting, invitations=[invitation])

    (message,) = mail.outbox
    assert message.subject == (
        "Invitation: Board <script>alert(1)</script> Bcc: everyone@example.org, "
        "Wednesday 22 May 2019"
    )
    assert message.bcc == []
    html = message.alternatives[0][0]
    assert "<script>" not in html
    assert "Board &lt;script&gt;alert(1)&lt;/script&gt;" in html
    # Plain text is not markup: the title reads as typed.
    assert "You are invited to Board <script>alert(1)</script>\nBcc:" in message.body


def test_invitations_of_another_meeting_are_ignored(
    meeting, people, django_capture_on_commit_callbacks
):
    elsewhere = InvitationFactory(meeting=MeetingFactory(), person=people["stacey"])
    invitation = InvitationFactory(meeting=meeting, person=people["kevin"])

    with django_capture_on_commit_callbacks(execute=True):
        outcome = invitations_notify(meeting=meeting, invitations=[invitation, elsewhere])

    assert outcome.recipients == (people["kevin"],)
    assert recipients_of_outbox() == [["kevin.lloyd@example.org"]]


# Papers published


@pytest.fixture
def papers_meeting(meeting, board, people):
    """The board meeting, held jointly with the transport group, with its members and invitees."""
    transport = BodyFactory(
        strategy=board.strategy, slug="transport", name="Transport Action Group", is_public=True
    )
    meeting.joint_bodies.add(transport)
    MembershipFactory(body=board, person=people["stacey"])
    MembershipFactory(body=board, person=people["opted_out"])
    MembershipFactory(
        body=board,
        person=PersonFactory(name="Frank Former", email="frank@example.org"),
        starts_on=datetime.date(2016, 1, 1),
        ends_on=datetime.date(2018, 12, 31),
    )
    MembershipFactory(
        body=transport, person=PersonFactory(name="Tara Transport", email="tara@example.org")
    )
    # Stacey sits on the board and is invited: she gets one notice.
    InvitationFactory(meeting=meeting, person=people["stacey"])
    InvitationFactory(meeting=meeting, person=people["kevin"], role=InvitationRole.INVITED_EXPERT)
    InvitationFactory(meeting=meeting, person=people["no_email"])
    item_8 = meeting.agenda_items.get(order=8)
    PaperFactory(
        meeting=meeting,
        agenda_item=item_8,
        title="A Local Industrial Strategy for the EM3 Area \N{EN DASH} Engagement",
    )
    PaperFactory(meeting=meeting, title="Chief executive's report")
    return meeting


def test_papers_notices_go_to_invitees_and_current_members_once_each(
    papers_meeting, people, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        outcome = papers_published_notify(meeting=papers_meeting)

    assert [person.name for person in outcome.recipients] == [
        "Kevin Lloyd",
        "Stacey King",
        "Tara Transport",
    ]
    assert outcome.skipped == (
        SkippedRecipient(person=people["no_email"], reason="no email address"),
        SkippedRecipient(person=people["opted_out"], reason="opted out of contact"),
    )
    assert recipients_of_outbox() == [
        ["kevin.lloyd@example.org"],
        ["stacey.king@example.org"],
        ["tara@example.org"],
    ]


def test_a_papers_notice_has_this_subject_body_and_calendar(
    papers_meeting, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        papers_published_notify(meeting=papers_meeting)

    message = mail.outbox[0]
    assert message.subject == "Papers published: Enterprise M3 Board, Wednesday 22 May 2019"
    assert message.body == (
        "Dear Kevin Lloyd,\n"
        "\n"
        "The papers for Enterprise M3 Board are published.\n"
        "\n"
        "Meeting of: Enterprise M3 Board, in a joint session with Transport Action Group\n"
        "When: Wednesday 22 May 2019, 10:00 to 13:00\n"
        "Where: Enterprise M3 offices, Basingstoke\n"
        "\n"
        "Agenda\n"
        "1. Welcome and apologies\n"
        "8. A Local Industrial Strategy for the EM3 Area \N{EN DASH} Engagement\n"
        "\n"
        "Papers\n"
        "- Chief executive's report\n"
        "- Item 8: A Local Industrial Strategy for the EM3 Area \N{EN DASH} Engagement\n"
        "\n"
        f"Read them on the meeting's page: {SITE}/s/em3-lis/meetings/{papers_meeting.pk}/\n"
        "\n"
        f"The attached calendar file (meeting-{papers_meeting.pk}.ics) adds the meeting to your "
        "calendar.\n"
        "\n"
        "-- \n"
        f"Convenor, for Enterprise M3 Local Industrial Strategy: {SITE}\n"
        "You receive this because you take part in this meeting. "
        "To stop email from us, reply and say so.\n"
    )
    filename, calendar, mimetype = attachment_calendar(message)
    assert filename == f"meeting-{papers_meeting.pk}.ics"
    assert mimetype == "text/calendar; method=PUBLISH"
    assert calendar["METHOD"] == "PUBLISH"
    (event,) = calendar.walk("VEVENT")
    assert event["UID"] == f"meeting-{papers_meeting.pk}@convenor.example.org"
    assert "ATTENDEE" not in event


def test_no_papers_notice_is_sent_when_the_transaction_rolls_back(
    papers_meeting, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        papers_published_notify(meeting=papers_meeting)
        raise RuntimeError("publishing failed")

    assert callbacks == []
    assert mail.outbox == []


def test_papers_notices_wait_for_the_commit(papers_meeting, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        papers_published_notify(meeting=papers_meeting)
    assert mail.outbox == []

    callbacks[0]()

    assert len(mail.outbox) == 3
