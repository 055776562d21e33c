"""Writes to meetings: agenda, papers, invitations, minutes, decisions, actions and their audit."""

import datetime
import io
import zipfile
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from convenor.core.models import AuditEvent
from convenor.governance.choices import BodyKind, MembershipRole
from convenor.meetings import services
from convenor.meetings.choices import (
    ActionStatus,
    Attendance,
    DecisionOutcome,
    DecisionVerb,
    InvitationResponse,
    InvitationRole,
    MeetingStatus,
)
from convenor.meetings.models import ActionUpdate, AgendaItem, Invitation, Meeting, Paper
from tests.accounts.factories import StaffUserFactory
from tests.governance.factories import BodyFactory, MembershipFactory
from tests.meetings.factories import (
    ActionFactory,
    AgendaItemFactory,
    InvitationFactory,
    MeetingFactory,
)
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import PriorityFactory, StrategyFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
NINE_PRIORITIES = [
    "Innovation",
    "Skills",
    "Towns",
    "Digital connectivity",
    "Enterprise",
    "Land and property",
    "Housing",
    "Smart mobility",
    "Clean growth",
]


def at(day: str, time: str = "10:00") -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=LONDON)


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def office_file(extension: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if extension in ("odt", "ods"):
            kind = "text" if extension == "odt" else "spreadsheet"
            archive.writestr("mimetype", f"application/vnd.oasis.opendocument.{kind}")
        else:
            archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("content.xml", "<doc/>")
    return buffer.getvalue()


# Meetings


def test_meeting_create_for_a_joint_session_records_exact_values():
    actor = StaffUserFactory()
    transport = BodyFactory(name="Transport Action Group")
    skills = BodyFactory(strategy=transport.strategy, name="Skills Action Group")
    host = PersonFactory(name="Stacey King")

    meeting = services.meeting_create(
        actor=actor,
        body=transport,
        joint_bodies=[skills],
        title="Joint session on skills for transport",
        starts_at=at("2019-03-31", "00:30"),
        ends_at=at("2019-03-31", "03:30"),
        location="Basingstoke",
        host=host,
        focus="formative",
    )

    meeting.refresh_from_db()
    assert (
        meeting.strategy,
        meeting.body,
        list(meeting.joint_bodies.all()),
        meeting.title,
        meeting.status,
        meeting.host,
        meeting.focus,
    ) == (
        transport.strategy,
        transport,
        [skills],
        "Joint session on skills for transport",
        MeetingStatus.PLANNED,
        host,
        "formative",
    )
    # 00:30 GMT and 03:30 BST on the day the clocks go forward: two hours apart.
    assert meeting.ends_at - meeting.starts_at == datetime.timedelta(hours=2)
    assert list(AuditEvent.objects.values_list("verb", "actor")) == [("created", actor.pk)]


def test_a_joint_session_only_joins_bodies_of_the_same_strategy():
    body = BodyFactory()
    elsewhere = BodyFactory(name="Elsewhere Group")

    with pytest.raises(ValidationError) as error:
        services.meeting_create(
            actor=None,
            body=body,
            joint_bodies=[elsewhere],
            title="Joint",
            starts_at=at("2019-05-22"),
            ends_at=at("2019-05-22", "12:00"),
        )

    assert error.value.message_dict == {
        "joint_bodies": ["Elsewhere Group is a body of another strategy."]
    }
    assert not Meeting.objects.exists()


def test_a_meeting_must_end_after_it_starts():
    with pytest.raises(ValidationError) as error:
        services.meeting_create(
            actor=None,
            body=BodyFactory(),
            title="Backwards",
            starts_at=at("2019-05-22", "12:00"),
            ends_at=at("2019-05-22", "10:00"),
        )
    assert error.value.message_dict["ends_at"] == ["A meeting must end after it starts."]


def test_meeting_cancel_needs_a_reason_and_records_it():
    actor = StaffUserFactory()
    meeting = MeetingFactory()

    with pytest.raises(ValidationError) as error:
        services.meeting_cancel(meeting=meeting, actor=actor, reason="  ")
    assert error.value.message_dict == {
        "cancellation_reason": ["Say why the meeting was cancelled."]
    }

    services.meeting_cancel(meeting=meeting, actor=actor, reason="Not quorate")

    meeting.refresh_from_db()
    assert (meeting.status, meeting.cancellation_reason) == (MeetingStatus.CANCELLED, "Not quorate")
    assert list(AuditEvent.objects.values_list("verb", "detail")) == [
        ("cancelled", {"status": "cancelled", "cancellation_reason": "Not quorate"})
    ]


def test_mark_held_refuses_a_meeting_not_yet_started_or_cancelled():
    future = MeetingFactory(
        starts_at=timezone.now() + datetime.timedelta(days=2),
        ends_at=timezone.now() + datetime.timedelta(days=2, hours=2),
    )
    cancelled = MeetingFactory(status=MeetingStatus.CANCELLED, cancellation_reason="Moved")
    past = MeetingFactory()

    with pytest.raises(ValidationError) as not_yet:
        services.meeting_mark_held(meeting=future, actor=None)
    with pytest.raises(ValidationError) as was_cancelled:
        services.meeting_mark_held(meeting=cancelled, actor=None)
    services.meeting_mark_held(meeting=past, actor=None)

    assert not_yet.value.messages == [
        "This meeting has not started yet: mark it as held once it has."
    ]
    assert was_cancelled.value.messages == [
        "This meeting was cancelled: it cannot be marked as held."
    ]
    past.refresh_from_db()
    assert past.status == MeetingStatus.HELD


# Agenda


def test_agenda_items_are_numbered_at_the_end_and_tied_to_priorities():
    meeting = MeetingFactory()
    towns = PriorityFactory(strategy=meeting.strategy, number=3, title="Towns")
    AgendaItemFactory(meeting=meeting, order=1, title="Welcome")

    item = services.agenda_item_create(
        actor=None, meeting=meeting, title="Towns", priorities=[towns]
    )

    assert (item.order, list(item.priorities.all())) == (2, [towns])


def test_an_agenda_item_cannot_take_a_priority_of_another_strategy():
    meeting = MeetingFactory()
    elsewhere = PriorityFactory(number=1, title="Elsewhere")
    with pytest.raises(ValidationError) as error:
        services.agenda_item_create(
            actor=None, meeting=meeting, title="Item", priorities=[elsewhere]
        )
    assert error.value.message_dict == {
        "priorities": ["1. Elsewhere is a priority of another strategy."]
    }
    assert not AgendaItem.objects.exists()


def test_the_joint_leaders_board_agenda_has_one_item_per_priority_in_order():
    actor = StaffUserFactory()
    strategy = StrategyFactory()
    jlb = BodyFactory(strategy=strategy, name="Joint Leaders Board", kind=BodyKind.LEADERS_BOARD)
    # Created out of order, to show the agenda follows the priorities' numbers.
    priorities = {
        number: PriorityFactory(strategy=strategy, number=number, title=title)
        for number, title in reversed(list(enumerate(NINE_PRIORITIES, start=1)))
    }
    meeting = MeetingFactory(body=jlb)
    AgendaItemFactory(meeting=meeting, order=1, title="Apologies")
    AgendaItemFactory(meeting=meeting, order=2, title="Minutes of the last meeting")

    items = services.agenda_generate_by_priorities(meeting=meeting, actor=actor)

    assert [(item.order, item.title) for item in items] == [
        (number + 2, title) for number, title in enumerate(NINE_PRIORITIES, start=1)
    ]
    assert [list(item.priorities.all()) for item in items] == [
        [priorities[number]] for number in range(1, 10)
    ]
    assert list(meeting.agenda_items.values_list("order", flat=True)) == list(range(1, 12))
    event = AuditEvent.objects.get()
    assert (event.verb, event.detail) == ("generated agenda", {"items": NINE_PRIORITIES})


def test_generating_again_adds_only_priorities_not_yet_on_the_agenda():
    meeting = MeetingFactory()
    towns = PriorityFactory(strategy=meeting.strategy, number=3, title="Towns")
    PriorityFactory(strategy=meeting.strategy, number=8, title="Smart mobility")
    item = AgendaItemFactory(meeting=meeting, order=1, title="Towns and high streets")
    item.priorities.add(towns)

    first = services.agenda_generate_by_priorities(meeting=meeting, actor=None)
    second = services.agenda_generate_by_priorities(meeting=meeting, actor=None)

    assert [(item.order, item.title) for item in first] == [(2, "Smart mobility")]
    assert second == []


# Papers


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("paper.pdf", b"%PDF-1.7\n1 0 obj\n"),
        ("paper.docx", office_file("docx")),
        ("figures.xlsx", office_file("xlsx")),
        ("paper.odt", office_file("odt")),
        ("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100),
        ("figures.csv", "area,gva\nBasingstoke,£5.1bn\n".encode()),
        ("notes.txt", "Café notes\r\n".encode("cp1252")),
    ],
)
def test_paper_upload_accepts_files_that_are_what_they_say(name, content):
    actor = StaffUserFactory()
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting)

    paper = services.paper_upload(
        actor=actor,
        meeting=meeting,
        agenda_item=item,
        title="The paper",
        file=upload(name, content),
    )

    paper.refresh_from_db()
    assert (paper.title, paper.agenda_item, paper.uploaded_by) == ("The paper", item, actor)
    assert paper.file.read() == content
    assert AuditEvent.objects.get().verb == "created"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "paper.pdf",
            b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff",
            "“paper.pdf” is not a real .pdf file: its contents do not match its name. "
            "Save it again as that type, or choose another file.",
        ),
        (
            "paper.docx",
            b"%PDF-1.4 a pdf in disguise",
            "“paper.docx” is not a real .docx file: its contents do not match its name. "
            "Save it again as that type, or choose another file.",
        ),
        (
            "figures.csv",
            b"MZ\x90\x00\x03\x00\x00\x00",
            "“figures.csv” is not a real .csv file: its contents do not match its name. "
            "Save it again as that type, or choose another file.",
        ),
        (
            "setup.exe",
            b"MZ\x90\x00",
            "“setup.exe” is not a type of file papers can be: use one of .pdf, .docx, .doc, "
            ".odt, .xlsx, .xls, .ods, .pptx, .csv, .txt.",
        ),
    ],
)
def test_paper_upload_refuses_a_file_that_is_not_what_it_says(name, content, message):
    meeting = MeetingFactory()
    with pytest.raises(ValidationError) as error:
        services.paper_upload(
            actor=None, meeting=meeting, title="Paper", file=upload(name, content)
        )
    assert error.value.message_dict == {"file": [message]}
    assert not Paper.objects.exists()


def test_paper_upload_refuses_a_file_over_20_mb():
    meeting = MeetingFactory()
    too_big = b"%PDF-1.7\n" + b"0" * (20 * 1024 * 1024)
    with pytest.raises(ValidationError) as error:
        services.paper_upload(
            actor=None, meeting=meeting, title="Paper", file=upload("big.pdf", too_big)
        )
    assert error.value.message_dict == {
        "file": ["The file must be 20 MB or smaller: “big.pdf” is 20.0 MB."]
    }
    assert not Paper.objects.exists()


def test_paper_delete_removes_the_file_after_commit(django_capture_on_commit_callbacks):
    paper = services.paper_upload(
        actor=None,
        meeting=MeetingFactory(),
        title="Paper",
        file=upload("paper.pdf", b"%PDF-1.7"),
    )
    storage, name = paper.file.storage, paper.file.name

    with django_capture_on_commit_callbacks(execute=True):
        services.paper_delete(paper=paper, actor=None)

    assert not Paper.objects.exists()
    assert not storage.exists(name)


# Invitations


def test_members_of_the_body_and_joint_bodies_are_invited_once_each():
    actor = StaffUserFactory()
    transport = BodyFactory(name="Transport")
    skills = BodyFactory(strategy=transport.strategy, name="Skills")
    meeting = MeetingFactory(body=transport, starts_at=at("2019-05-22"))
    meeting.joint_bodies.add(skills)
    both = PersonFactory(name="Ann Both")
    MembershipFactory(body=transport, person=both, role=MembershipRole.MEMBER)
    MembershipFactory(body=skills, person=both, role=MembershipRole.CHAIR)
    opted_out = PersonFactory(name="Bea Opted", opted_out=True)
    MembershipFactory(body=skills, person=opted_out)
    observer = PersonFactory(name="Cy Observer")
    MembershipFactory(body=transport, person=observer, role=MembershipRole.OBSERVER)
    already = PersonFactory(name="Dee Already")
    MembershipFactory(body=transport, person=already)
    InvitationFactory(meeting=meeting, person=already, role=InvitationRole.PRESENTER)
    # Not members on the day of the meeting:
    MembershipFactory(body=transport, ends_on=datetime.date(2019, 5, 21))
    MembershipFactory(body=skills, starts_on=datetime.date(2019, 5, 23))
    # A member of another body of the strategy:
    MembershipFactory(body=BodyFactory(strategy=transport.strategy))

    created = services.invitations_create_for_members(meeting=meeting, actor=actor)
    again = services.invitations_create_for_members(meeting=meeting, actor=actor)

    assert [(i.person.name, i.role) for i in created] == [
        ("Ann Both", InvitationRole.MEMBER),
        ("Bea Opted", InvitationRole.MEMBER),
        ("Cy Observer", InvitationRole.OBSERVER),
    ]
    assert again == []
    assert sorted(meeting.invitations.values_list("person__name", "role")) == [
        ("Ann Both", InvitationRole.MEMBER),
        ("Bea Opted", InvitationRole.MEMBER),
        ("Cy Observer", InvitationRole.OBSERVER),
        ("Dee Already", InvitationRole.PRESENTER),
    ]
    event = AuditEvent.objects.get()
    assert (event.verb, event.detail) == (
        "invited members",
        {"people": ["Ann Both", "Bea Opted", "Cy Observer"]},
    )


def test_an_outside_expert_is_invited_to_one_meeting_only():
    body = BodyFactory(name="Steering Group", kind=BodyKind.STEERING_GROUP)
    meeting = MeetingFactory(body=body)
    next_meeting = MeetingFactory(body=body, starts_at=at("2019-06-19"))
    expert = PersonFactory(name="Prof. Outside")

    invitation = services.invitation_create(actor=None, meeting=meeting, person=expert)
    services.invitations_create_for_members(meeting=next_meeting, actor=None)

    assert (invitation.meeting, invitation.role) == (meeting, InvitationRole.INVITED_EXPERT)
    assert list(Invitation.objects.values_list("meeting", "person")) == [(meeting.pk, expert.pk)]
    with pytest.raises(ValidationError) as error:
        services.invitation_create(actor=None, meeting=meeting, person=expert)
    assert error.value.messages == ["This person is already invited to this meeting."]


def test_invitations_send_emails_after_commit_and_never_the_opted_out(
    django_capture_on_commit_callbacks,
):
    meeting = MeetingFactory(title="Steering group, May")
    keen = InvitationFactory(meeting=meeting, person=PersonFactory(email="keen@example.org"))
    opted_out = InvitationFactory(
        meeting=meeting, person=PersonFactory(email="no@example.org", opted_out=True)
    )
    no_email = InvitationFactory(meeting=meeting, person=PersonFactory(email=""))

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        sent = services.invitations_send(meeting=meeting, actor=None)
        assert mail.outbox == []

    assert len(callbacks) == 1
    assert sent == [keen]
    assert [message.to for message in mail.outbox] == [["keen@example.org"]]
    keen.refresh_from_db()
    opted_out.refresh_from_db()
    no_email.refresh_from_db()
    assert keen.sent_at is not None
    assert (opted_out.sent_at, no_email.sent_at) == (None, None)
    with pytest.raises(ValidationError) as error:
        services.invitations_send(meeting=meeting, actor=None)
    assert error.value.messages == [
        "There is no invitation to send: everyone invited has had theirs, or cannot be emailed."
    ]


def test_attendance_and_replies_are_recorded_with_exact_values():
    meeting = MeetingFactory()
    came, sorry = InvitationFactory.create_batch(2, meeting=meeting)
    unchanged = InvitationFactory(meeting=meeting, attendance=Attendance.ABSENT)

    changed = services.attendance_record(
        meeting=meeting,
        actor=None,
        attendance={came: Attendance.PRESENT, sorry: Attendance.APOLOGIES, unchanged: "absent"},
    )
    services.invitation_update(
        invitation=came, actor=None, data={"response": InvitationResponse.ACCEPTED}
    )

    assert changed == [came, sorry]
    assert sorted(meeting.invitations.values_list("pk", "attendance", "response")) == [
        (came.pk, Attendance.PRESENT, InvitationResponse.ACCEPTED),
        (sorry.pk, Attendance.APOLOGIES, InvitationResponse.PENDING),
        (unchanged.pk, Attendance.ABSENT, InvitationResponse.PENDING),
    ]


def test_attendance_cannot_be_recorded_for_another_meetings_invitation():
    meeting = MeetingFactory()
    stranger = InvitationFactory(person=PersonFactory(name="Someone Else"))
    with pytest.raises(ValidationError) as error:
        services.attendance_record(
            meeting=meeting, actor=None, attendance={stranger: Attendance.PRESENT}
        )
    assert error.value.messages == [
        "Someone Else is not invited to this meeting: invite them first."
    ]


# Papers and minutes published


def test_publishing_papers_notifies_members_and_invitees_after_commit(
    django_capture_on_commit_callbacks,
):
    actor = StaffUserFactory()
    meeting = MeetingFactory(title="Board, 22 May 2019")
    MembershipFactory(body=meeting.body, person=PersonFactory(name="A", email="a@example.org"))
    MembershipFactory(
        body=meeting.body, person=PersonFactory(name="B", email="b@example.org", opted_out=True)
    )
    InvitationFactory(meeting=meeting, person=PersonFactory(name="C", email="c@example.org"))

    with django_capture_on_commit_callbacks(execute=True):
        services.meeting_papers_publish(meeting=meeting, actor=actor)
        assert mail.outbox == []

    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PAPERS_PUBLISHED
    assert meeting.papers_published_at is not None
    assert sorted(message.to[0] for message in mail.outbox) == ["a@example.org", "c@example.org"]
    assert AuditEvent.objects.get().verb == "published papers"
    with pytest.raises(ValidationError) as error:
        services.meeting_papers_publish(meeting=meeting, actor=actor)
    published = timezone.localtime(meeting.papers_published_at)
    assert error.value.messages == [f"The papers were already published on {published:%-d %B %Y}."]


def test_minutes_are_saved_published_and_approved_then_frozen():
    meeting = MeetingFactory(status=MeetingStatus.HELD, starts_at=at("2019-05-22"))

    with pytest.raises(ValidationError) as unwritten:
        services.minutes_publish(meeting=meeting, actor=None)
    services.minutes_save(meeting=meeting, actor=None, minutes="The Board noted the approach.")
    services.minutes_publish(meeting=meeting, actor=None)
    with pytest.raises(ValidationError) as too_early:
        services.minutes_approve(
            meeting=meeting, actor=None, approved_on=datetime.date(2019, 5, 21)
        )
    services.minutes_approve(meeting=meeting, actor=None, approved_on=datetime.date(2019, 7, 17))
    with pytest.raises(ValidationError) as frozen:
        services.minutes_save(meeting=meeting, actor=None, minutes="Rewritten")

    assert unwritten.value.messages == ["Write the minutes first."]
    assert too_early.value.message_dict == {
        "approved_on": ["Minutes cannot be approved before the meeting (22 May 2019)."]
    }
    assert frozen.value.message_dict == {
        "minutes": ["These minutes were approved on 17 July 2019: they can no longer be changed."]
    }
    meeting.refresh_from_db()
    assert (meeting.minutes, meeting.minutes_approved_on, meeting.status) == (
        "The Board noted the approach.",
        datetime.date(2019, 7, 17),
        MeetingStatus.MINUTES_APPROVED,
    )
    assert meeting.minutes_published_at is not None
    assert list(AuditEvent.objects.order_by("id").values_list("verb", flat=True)) == [
        "changed",
        "published minutes",
        "approved minutes",
    ]


def test_minutes_need_the_meeting_held():
    meeting = MeetingFactory(minutes="Draft")
    with pytest.raises(ValidationError) as error:
        services.minutes_publish(meeting=meeting, actor=None)
    assert error.value.messages == [
        "Mark the meeting as held first: minutes are of a meeting held."
    ]


# Decisions


def test_decisions_in_the_papers_form_are_numbered_in_turn():
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting, order=8, title="LIS engagement")

    first = services.decision_create(
        actor=None,
        meeting=meeting,
        agenda_item=item,
        verb=DecisionVerb.NOTE,
        text="the proposed approach to steering further work on the LIS",
        outcome=DecisionOutcome.AS_ASKED,
    )
    second = services.decision_create(
        actor=None,
        meeting=meeting,
        agenda_item=item,
        verb=DecisionVerb.NOTE,
        text="the proposal to publish a short LIS early beta document at the AGM",
        outcome=DecisionOutcome.AMENDED,
        amendment="Signed off by Stacey King on behalf of the Board.",
    )

    assert [(d.order, d.outcome_text) for d in (first, second)] == [
        (1, "Noted"),
        (2, "Noted with an amendment"),
    ]


def test_a_decision_taken_with_an_amendment_requires_the_amendment():
    meeting = MeetingFactory()
    with pytest.raises(ValidationError) as error:
        services.decision_create(
            actor=None,
            meeting=meeting,
            verb=DecisionVerb.AGREE,
            text="the timetable",
            outcome=DecisionOutcome.AMENDED,
        )
    assert error.value.message_dict["amendment"] == ["Give the amendment the body made."]
    assert not meeting.decisions.exists()


def test_a_decision_on_another_meetings_item_is_refused():
    meeting = MeetingFactory()
    with pytest.raises(ValidationError) as error:
        services.decision_create(
            actor=None,
            meeting=meeting,
            agenda_item=AgendaItemFactory(),
            verb=DecisionVerb.NOTE,
            text="x",
        )
    assert error.value.message_dict == {"agenda_item": ["Choose an item of this meeting's agenda."]}


# Actions


def test_action_progress_moves_the_status_and_completion_date():
    owner_account = StaffUserFactory()
    action = ActionFactory(owner=PersonFactory(user=owner_account))
    today = timezone.localdate()

    update = services.action_progress_record(
        action=action, actor=owner_account, note="Drafted section 2", status=ActionStatus.DONE
    )

    action.refresh_from_db()
    assert (update.action, update.author, update.note, update.status) == (
        action,
        owner_account,
        "Drafted section 2",
        ActionStatus.DONE,
    )
    assert (action.status, action.completed_on) == (ActionStatus.DONE, today)

    services.action_progress_record(
        action=action, actor=owner_account, note="Reopened: comments came in", status="in_progress"
    )

    action.refresh_from_db()
    assert (action.status, action.completed_on) == (ActionStatus.IN_PROGRESS, None)
    assert list(ActionUpdate.objects.order_by("id").values_list("status", flat=True)) == [
        ActionStatus.DONE,
        ActionStatus.IN_PROGRESS,
    ]
    assert list(AuditEvent.objects.values_list("verb", flat=True)) == ["recorded progress"] * 2


def test_action_progress_needs_a_note_and_changes_nothing_without_one():
    action = ActionFactory()
    with pytest.raises(ValidationError) as error:
        services.action_progress_record(action=action, actor=None, note=" ", status="done")
    assert error.value.message_dict == {"note": ["Say what progress has been made."]}
    action.refresh_from_db()
    assert (action.status, action.updates.count()) == (ActionStatus.OPEN, 0)


def test_actions_created_and_updated_keep_the_completion_date_in_step():
    meeting = MeetingFactory()
    owner = PersonFactory()

    action = services.action_create(
        actor=None,
        meeting=meeting,
        description="Write to Government",
        owner=owner,
        due_on=datetime.date(2019, 6, 14),
    )
    services.action_update(action=action, actor=None, data={"status": ActionStatus.DONE})
    done_on = action.completed_on
    services.action_update(action=action, actor=None, data={"status": ActionStatus.DROPPED})

    action.refresh_from_db()
    assert (action.strategy, action.meeting, action.owner) == (meeting.strategy, meeting, owner)
    assert done_on == timezone.localdate()
    assert (action.status, action.completed_on) == (ActionStatus.DROPPED, None)


# Declarations


def test_declarations_are_recorded_against_an_item():
    item = AgendaItemFactory()
    person = PersonFactory(name="Dave Axam")

    declaration = services.declaration_create(
        actor=None,
        agenda_item=item,
        person=person,
        interest="Director of a bidding company",
        action_taken="Left the meeting for this item",
    )
    assert list(item.declarations.values_list("person__name", "interest", "action_taken")) == [
        ("Dave Axam", "Director of a bidding company", "Left the meeting for this item")
    ]
    services.declaration_delete(declaration=declaration, actor=None)
    assert not item.declarations.exists()
