"""The staff area's meeting pages: the list, the meeting hub, and each small form it links to."""

import datetime
from html import escape
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from convenor.core.models import AuditEvent
from convenor.governance.choices import BodyKind, MembershipRole
from convenor.meetings.choices import (
    ActionStatus,
    Attendance,
    DecisionOutcome,
    DecisionVerb,
    InvitationResponse,
    InvitationRole,
    MeetingStatus,
)
from convenor.meetings.models import Action, AgendaItem, Decision, Invitation, Meeting, Paper
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.governance.factories import BodyFactory, MembershipFactory
from tests.meetings.factories import (
    ActionFactory,
    AgendaItemFactory,
    DecisionFactory,
    DeclarationFactory,
    InvitationFactory,
    MeetingFactory,
    PaperFactory,
)
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import PriorityFactory, StrategyFactory
from tests.strategy.test_staff_views import text_of

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC


@pytest.fixture
def staff(client):
    user = StaffUserFactory()
    client.force_login(user)
    return user


def hub_url(meeting: Meeting, anchor: str = "") -> str:
    url = reverse("meetings_staff:meeting_hub", args=[meeting.strategy.slug, meeting.pk])
    return f"{url}#{anchor}" if anchor else url


def meeting_url(name: str, meeting: Meeting, *more: int) -> str:
    return reverse(f"meetings_staff:{name}", args=[meeting.strategy.slug, meeting.pk, *more])


def at(day: str, time: str = "10:00") -> datetime.datetime:
    return datetime.datetime.fromisoformat(f"{day}T{time}").replace(tzinfo=LONDON)


def meeting_data(body, **overrides):
    data = {
        "body": str(body.pk),
        "title": "Transport Action Group, May",
        "purpose": "Smart mobility project brief",
        "day": "2019-05-22",
        "starts": "10:00",
        "ends": "12:30",
        "location": "Basingstoke",
        "online_url": "",
        "host": "",
        "focus": "",
    }
    data.update(overrides)
    return data


# The list of meetings


def test_meeting_list_searches_filters_and_pages(client, staff):
    strategy = StrategyFactory()
    transport = BodyFactory(strategy=strategy, name="Transport")
    skills = BodyFactory(strategy=strategy, name="Skills")
    for number in range(26):
        MeetingFactory(
            body=transport,
            title=f"Transport {number:02d}",
            starts_at=at("2019-01-01") + datetime.timedelta(days=number),
        )
    joint = MeetingFactory(body=skills, title="Joint session", starts_at=at("2019-03-01"))
    joint.joint_bodies.add(transport)
    MeetingFactory(body=skills, title="Skills only", starts_at=at("2019-03-02"))
    upcoming = MeetingFactory(
        body=skills,
        title="Skills next",
        starts_at=timezone.now() + datetime.timedelta(days=7),
        ends_at=timezone.now() + datetime.timedelta(days=7, hours=2),
    )
    cancelled = MeetingFactory(
        body=skills,
        title="Skills cancelled",
        starts_at=at("2018-12-03"),
        status=MeetingStatus.CANCELLED,
        cancellation_reason="Not quorate",
    )
    url = reverse("meetings_staff:meeting_list", args=[strategy.slug])

    first = client.get(url)
    second = client.get(url, {"page": "2"})
    by_title = client.get(url, {"q": "joint"})
    by_body = client.get(url, {"body": str(skills.pk)})
    by_status = client.get(url, {"status": MeetingStatus.CANCELLED})
    coming = client.get(url, {"when": "upcoming"})
    nothing = client.get(url, {"q": "Atlantis"})

    def titles(response):
        return [meeting.title for meeting in response.context["object_list"]]

    assert len(titles(first)) == 25
    assert titles(first)[:3] == ["Skills next", "Skills only", "Joint session"]
    assert titles(second) == [
        "Transport 03",
        "Transport 02",
        "Transport 01",
        "Transport 00",
        "Skills cancelled",
    ]
    assert titles(by_title) == ["Joint session"]
    assert titles(by_body) == ["Skills next", "Skills only", "Joint session", "Skills cancelled"]
    assert titles(by_status) == [cancelled.title]
    assert titles(coming) == [upcoming.title]
    assert "Joint session" in text_of(first) and "Skills and Transport" in text_of(first)
    assert "No meeting matches the search." in text_of(nothing)


def test_meeting_list_shows_the_transparency_deadlines_of_public_meetings(client, staff):
    strategy = StrategyFactory()
    board = BodyFactory(strategy=strategy, name="Board", kind=BodyKind.BOARD, is_public=True)
    closed = BodyFactory(strategy=strategy, name="Closed group")
    MeetingFactory(
        body=board,
        title="Board, 22 May 2019",
        starts_at=at("2019-05-22"),
        papers_published_at=at("2019-05-13", "17:00"),
    )
    MeetingFactory(body=closed, title="Closed, 22 May 2019", starts_at=at("2019-05-22"))

    response = client.get(reverse("meetings_staff:meeting_list", args=[strategy.slug]))

    rows = {meeting.title: deadlines for meeting, deadlines in response.context["rows"]}
    board_deadlines = rows["Board, 22 May 2019"]
    assert (board_deadlines.papers.due_on, board_deadlines.papers.label) == (
        datetime.date(2019, 5, 14),
        "Met",
    )
    # Ten clear working days after 22 May 2019, skipping the Spring bank holiday (27 May).
    assert (board_deadlines.minutes.due_on, board_deadlines.minutes.label) == (
        datetime.date(2019, 6, 6),
        "Overdue",
    )
    assert (rows["Closed, 22 May 2019"].papers, rows["Closed, 22 May 2019"].minutes) == (None, None)
    page = text_of(response)
    assert "14 May 2019 Met" in page
    assert "6 Jun 2019 Overdue" in page


def test_meeting_list_empty_state(client, staff):
    strategy = StrategyFactory()
    response = client.get(reverse("meetings_staff:meeting_list", args=[strategy.slug]))
    assert "This strategy has no meetings yet. Arrange a meeting to start." in text_of(response)


def test_the_staff_home_links_to_each_strategys_meetings(client, staff):
    strategy = StrategyFactory(name="EM3 Local Industrial Strategy")
    html = client.get(reverse("strategy_staff:home")).content.decode()
    url = reverse("meetings_staff:meeting_list", args=[strategy.slug])
    assert f'href="{url}"' in html


# Arranging a meeting


def test_meeting_create_saves_exact_values_in_london_time(client, staff):
    strategy = StrategyFactory()
    transport = BodyFactory(strategy=strategy, name="Transport", slug="transport")
    skills = BodyFactory(strategy=strategy, name="Skills")
    host = PersonFactory(name="Stacey King")
    url = reverse("meetings_staff:meeting_create", args=[strategy.slug])
    form_page = client.get(url, {"body": "transport"})
    assert form_page.context["form"].initial == {"body": transport.pk}

    response = client.post(
        url,
        meeting_data(
            transport,
            joint_bodies=[str(skills.pk)],
            host=str(host.pk),
            focus="formative",
            online_url="meet.example.org/transport",
        ),
    )

    meeting = Meeting.objects.get()
    assert response["Location"] == hub_url(meeting)
    assert (
        meeting.strategy,
        meeting.body,
        list(meeting.joint_bodies.all()),
        meeting.title,
        meeting.purpose,
        meeting.starts_at,
        meeting.ends_at,
        meeting.location,
        meeting.online_url,
        meeting.host,
        meeting.focus,
    ) == (
        strategy,
        transport,
        [skills],
        "Transport Action Group, May",
        "Smart mobility project brief",
        # British Summer Time: an hour ahead of UTC.
        datetime.datetime(2019, 5, 22, 9, 0, tzinfo=UTC),
        datetime.datetime(2019, 5, 22, 11, 30, tzinfo=UTC),
        "Basingstoke",
        "https://meet.example.org/transport",
        host,
        "formative",
    )
    assert AuditEvent.objects.get().actor == staff


def test_a_winter_meeting_is_saved_in_greenwich_mean_time(client, staff):
    body = BodyFactory()
    client.post(
        reverse("meetings_staff:meeting_create", args=[body.strategy.slug]),
        meeting_data(body, day="2019-10-28", starts="10:00", ends="11:00"),
    )
    assert Meeting.objects.get().starts_at == datetime.datetime(2019, 10, 28, 10, 0, tzinfo=UTC)


def test_meeting_create_shows_errors_and_keeps_what_was_typed(client, staff):
    body = BodyFactory()
    response = client.post(
        reverse("meetings_staff:meeting_create", args=[body.strategy.slug]),
        meeting_data(body, title="Roundtable <b>one</b>", starts="14:00", ends="13:00", day=""),
    )

    assert response.status_code == 200
    assert response.context["form"].errors == {
        "day": ["Enter the date of the meeting"],
    }
    response = client.post(
        reverse("meetings_staff:meeting_create", args=[body.strategy.slug]),
        meeting_data(body, title="Roundtable <b>one</b>", starts="14:00", ends="13:00"),
    )
    assert response.context["form"].errors == {"ends": ["The meeting must end after it starts"]}
    html = response.content.decode()
    assert '<a href="#id_ends">The meeting must end after it starts</a>' in html
    assert 'value="Roundtable &lt;b&gt;one&lt;/b&gt;"' in html
    assert 'value="14:00"' in html and 'value="2019-05-22"' in html
    assert not Meeting.objects.exists()


def test_a_body_cannot_join_its_own_meeting(client, staff):
    body = BodyFactory(name="Transport")
    response = client.post(
        reverse("meetings_staff:meeting_create", args=[body.strategy.slug]),
        meeting_data(body, joint_bodies=[str(body.pk)]),
    )
    assert response.context["form"].errors == {
        "joint_bodies": ["Transport convenes the meeting: do not tick it as joining it"]
    }
    assert not Meeting.objects.exists()


# The meeting hub


def test_the_hub_shows_every_part_of_the_meeting(client, staff):
    body = BodyFactory(name="Transport Action Group", is_public=True)
    meeting = MeetingFactory(body=body, title="Transport, 22 May", starts_at=at("2019-05-22"))
    priority = PriorityFactory(strategy=body.strategy, number=8, title="Smart mobility")
    item = AgendaItemFactory(meeting=meeting, order=1, title="Smart mobility brief")
    item.priorities.add(priority)
    DeclarationFactory(
        agenda_item=item, person=PersonFactory(name="Dave Axam"), interest="Bus operator"
    )
    paper = PaperFactory(meeting=meeting, agenda_item=item, title="Brief, draft 2")
    invitation = InvitationFactory(
        meeting=meeting, person=PersonFactory(name="Mike Short"), response="accepted"
    )
    InvitationFactory(meeting=meeting, person=PersonFactory(name="Opted Out", opted_out=True))
    DecisionFactory(meeting=meeting, verb=DecisionVerb.AGREE, text="the brief", outcome="as_asked")
    ActionFactory(
        meeting=meeting,
        description="Circulate the brief",
        owner=PersonFactory(name="Kevin Lloyd"),
        due_on=datetime.date(2019, 6, 14),
    )

    response = client.get(hub_url(meeting))

    page = text_of(response)
    for words in (
        "Transport, 22 May",
        "Papers due by 14 May 2019 Overdue",
        "1 Smart mobility brief 8. Smart mobility Dave Axam: Bus operator",
        "Brief, draft 2",
        "Mike Short",
        "Accepted",
        "Not emailed: opted out of contact",
        "1 invitation is ready to email.",
        "The Transport Action Group is asked to: AGREE the brief Outcome: Agreed",
        "Circulate the brief Kevin Lloyd 14 Jun 2019 Open",
    ):
        assert words in page, words
    html = response.content.decode()
    assert f'href="{meeting_url("paper_download", meeting, paper.pk)}"' in html
    assert f'name="invitation_{invitation.pk}" type="radio" value="not_recorded" checked' in html
    # Only a leaders' board gets the button generating an agenda from the priorities.
    assert "Generate one item per priority" not in page


def test_a_leaders_board_meeting_generates_its_agenda_from_the_priorities(client, staff):
    jlb = BodyFactory(name="Joint Leaders Board", kind=BodyKind.LEADERS_BOARD)
    for number, title in enumerate(["Innovation", "Skills", "Towns"], start=1):
        PriorityFactory(strategy=jlb.strategy, number=number, title=title)
    meeting = MeetingFactory(body=jlb)
    assert "Generate one item per priority" in text_of(client.get(hub_url(meeting)))

    response = client.post(meeting_url("agenda_generate", meeting))

    assert response["Location"] == hub_url(meeting, "agenda")
    assert list(
        AgendaItem.objects.filter(meeting=meeting).values_list(
            "order", "title", "priorities__number"
        )
    ) == [(1, "Innovation", 1), (2, "Skills", 2), (3, "Towns", 3)]


def test_the_hub_saves_the_meeting_details(client, staff):
    meeting = MeetingFactory(title="Old title")

    response = client.post(hub_url(meeting), meeting_data(meeting.body, title="New title"))

    assert response["Location"] == hub_url(meeting)
    meeting.refresh_from_db()
    assert (meeting.title, meeting.ends_at) == (
        "New title",
        datetime.datetime(2019, 5, 22, 11, 30, tzinfo=UTC),
    )
    assert AuditEvent.objects.get().detail == {
        "fields": ["ends_at", "location", "purpose", "title"]
    }


def test_agenda_items_are_added_edited_and_deleted(client, staff):
    meeting = MeetingFactory()
    towns = PriorityFactory(strategy=meeting.strategy, number=3, title="Towns")
    digital = PriorityFactory(strategy=meeting.strategy, number=4, title="Digital")
    presenter = PersonFactory(name="Kevin Lloyd")
    create = client.post(
        meeting_url("agenda_item_create", meeting),
        {
            "order": "",
            "title": "Towns and digital",
            "description": "",
            "priorities": [towns.pk, digital.pk],
            "presenter": presenter.pk,
        },
    )
    item = AgendaItem.objects.get()
    assert (item.order, item.title, item.presenter, item.is_confidential) == (
        1,
        "Towns and digital",
        presenter,
        False,
    )
    assert sorted(item.priorities.values_list("number", flat=True)) == [3, 4]

    edit = client.post(
        meeting_url("agenda_item_edit", meeting, item.pk),
        {"order": "2", "title": "Towns", "priorities": [towns.pk], "is_confidential": "on"},
    )
    item.refresh_from_db()
    assert (item.order, item.title, item.presenter, item.is_confidential) == (
        2,
        "Towns",
        None,
        True,
    )
    assert list(item.priorities.values_list("number", flat=True)) == [3]

    delete = client.post(meeting_url("agenda_item_delete", meeting, item.pk))
    assert [r["Location"] for r in (create, edit, delete)] == [hub_url(meeting, "agenda")] * 3
    assert not AgendaItem.objects.exists()


def test_naughty_strings_survive_the_agenda_form_and_are_escaped_on_the_hub(
    client, staff, naughty_strings
):
    meeting = MeetingFactory()
    # Form fields strip surrounding spaces and refuse NUL characters, by design.
    titles = [
        text
        for text in naughty_strings
        if text and text.strip() == text and "\x00" not in text and len(text) <= 300
    ]
    assert len(titles) > 400

    for title in titles:
        response = client.post(meeting_url("agenda_item_create", meeting), {"title": title})
        assert response.status_code == 302, (title, response.context["form"].errors)

    assert list(AgendaItem.objects.order_by("order").values_list("title", flat=True)) == titles
    html = client.get(hub_url(meeting)).content.decode()
    for title in titles:
        assert f"{escape(title)}" in html
    assert "<script>alert(0)</script>" not in html


# Papers


def test_papers_are_uploaded_downloaded_and_deleted(client, staff):
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting, order=8, title="LIS engagement")
    content = b"%PDF-1.7\nthe board paper"

    created = client.post(
        meeting_url("paper_upload", meeting),
        {
            "title": "LIS engagement paper",
            "agenda_item": item.pk,
            "file": SimpleUploadedFile("lis.pdf", content),
        },
    )
    paper = Paper.objects.get()
    assert (paper.title, paper.agenda_item, paper.uploaded_by) == (
        "LIS engagement paper",
        item,
        staff,
    )
    download = client.get(meeting_url("paper_download", meeting, paper.pk))
    assert b"".join(download.streaming_content) == content
    assert download["Content-Disposition"] == 'attachment; filename="lis.pdf"'

    deleted = client.post(meeting_url("paper_delete", meeting, paper.pk))
    assert [r["Location"] for r in (created, deleted)] == [hub_url(meeting, "papers")] * 2
    assert not Paper.objects.exists()


def test_a_program_renamed_pdf_is_refused_with_the_reason(client, staff):
    meeting = MeetingFactory()

    response = client.post(
        meeting_url("paper_upload", meeting),
        {
            "title": "Board paper",
            "file": SimpleUploadedFile("paper.pdf", b"MZ\x90\x00\x03\x00\x00\x00"),
        },
    )

    assert response.status_code == 200
    message = (
        "“paper.pdf” is not a real .pdf file: its contents do not match its name. "
        "Save it again as that type, or choose another file."
    )
    assert response.context["form"].errors == {"file": [message]}
    html = response.content.decode()
    assert f'<a href="#id_file">{escape(message)}</a>' in html
    assert 'value="Board paper"' in html
    assert 'enctype="multipart/form-data"' in html
    assert not Paper.objects.exists()


def test_publishing_the_papers_mails_the_members_after_commit(
    client, staff, django_capture_on_commit_callbacks
):
    meeting = MeetingFactory(title="Board, 22 May")
    MembershipFactory(body=meeting.body, person=PersonFactory(email="member@example.org"))

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(meeting_url("papers_publish", meeting))

    assert response["Location"] == hub_url(meeting, "papers")
    meeting.refresh_from_db()
    assert meeting.status == MeetingStatus.PAPERS_PUBLISHED
    assert [message.to for message in mail.outbox] == [["member@example.org"]]


def test_a_refused_step_shows_why_on_its_page(client, staff):
    meeting = MeetingFactory(status=MeetingStatus.CANCELLED, cancellation_reason="Moved")

    response = client.post(meeting_url("papers_publish", meeting))

    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "This meeting was cancelled: its papers cannot be published."
    ]
    assert "There is a problem" in text_of(response)


# Invitations and attendance


def test_invite_members_and_an_expert_send_and_record_attendance(
    client, staff, django_capture_on_commit_callbacks
):
    body = BodyFactory(name="Steering Group", kind=BodyKind.STEERING_GROUP)
    meeting = MeetingFactory(body=body, status=MeetingStatus.HELD)
    chair = PersonFactory(name="Stacey King", email="stacey@example.org")
    MembershipFactory(body=body, person=chair, role=MembershipRole.CHAIR)
    expert = PersonFactory(name="Prof. Outside", email="expert@example.org")

    members = client.post(meeting_url("invitations_for_members", meeting))
    invited = client.post(
        meeting_url("invitation_create", meeting),
        {"person": expert.pk, "role": InvitationRole.INVITED_EXPERT},
    )
    with django_capture_on_commit_callbacks(execute=True):
        sent = client.post(meeting_url("invitations_send", meeting))
    stacey = Invitation.objects.get(person=chair)
    prof = Invitation.objects.get(person=expert)
    replied = client.post(
        meeting_url("invitation_edit", meeting, prof.pk),
        {"response": InvitationResponse.ACCEPTED, "role": InvitationRole.INVITED_EXPERT},
    )
    attended = client.post(
        meeting_url("attendance", meeting),
        {
            f"invitation_{stacey.pk}": Attendance.APOLOGIES,
            f"invitation_{prof.pk}": Attendance.PRESENT,
        },
    )

    assert [r["Location"] for r in (members, invited, sent, replied, attended)] == [
        hub_url(meeting, "invitations")
    ] * 5
    assert sorted(mail.outbox[i].to[0] for i in range(len(mail.outbox))) == [
        "expert@example.org",
        "stacey@example.org",
    ]
    assert sorted(
        Invitation.objects.values_list("person__name", "role", "response", "attendance")
    ) == [
        ("Prof. Outside", InvitationRole.INVITED_EXPERT, "accepted", Attendance.PRESENT),
        ("Stacey King", InvitationRole.MEMBER, "pending", Attendance.APOLOGIES),
    ]
    assert Invitation.objects.filter(sent_at__isnull=True).count() == 0


def test_attendance_without_an_answer_for_someone_says_so(client, staff):
    meeting = MeetingFactory()
    invitation = InvitationFactory(meeting=meeting, person=PersonFactory(name="Mike Short"))

    response = client.post(meeting_url("attendance", meeting), {})

    assert response.context["form"].errors == {
        f"invitation_{invitation.pk}": ["Say whether Mike Short came"]
    }


# Minutes, status


def test_minutes_are_saved_published_and_approved_through_the_forms(client, staff):
    meeting = MeetingFactory(starts_at=at("2019-05-22"))

    held = client.post(meeting_url("meeting_mark_held", meeting))
    saved = client.post(meeting_url("minutes_edit", meeting), {"minutes": "Present: all."})
    published = client.post(meeting_url("minutes_publish", meeting))
    early = client.post(meeting_url("minutes_approve", meeting), {"approved_on": "2019-05-01"})
    approved = client.post(meeting_url("minutes_approve", meeting), {"approved_on": "2019-07-17"})

    assert held["Location"] == hub_url(meeting)
    assert [r["Location"] for r in (saved, published, approved)] == [
        hub_url(meeting, "minutes")
    ] * 3
    assert early.context["form"].errors == {
        "approved_on": ["Minutes cannot be approved before the meeting (22 May 2019)."]
    }
    assert 'value="2019-05-01"' in early.content.decode()
    meeting.refresh_from_db()
    assert (meeting.status, meeting.minutes, meeting.minutes_approved_on) == (
        MeetingStatus.MINUTES_APPROVED,
        "Present: all.",
        datetime.date(2019, 7, 17),
    )
    assert "Approved on 17 July 2019." in text_of(client.get(hub_url(meeting)))


def test_a_meeting_is_cancelled_with_a_reason(client, staff):
    meeting = MeetingFactory()

    empty = client.post(meeting_url("meeting_cancel", meeting), {"reason": ""})
    done = client.post(meeting_url("meeting_cancel", meeting), {"reason": "Not quorate"})

    assert empty.context["form"].errors == {"reason": ["Say why the meeting is cancelled"]}
    assert done["Location"] == hub_url(meeting)
    meeting.refresh_from_db()
    assert (meeting.status, meeting.cancellation_reason) == (MeetingStatus.CANCELLED, "Not quorate")


def test_meeting_delete_says_what_goes_with_it(client, staff):
    meeting = MeetingFactory()
    AgendaItemFactory.create_batch(2, meeting=meeting)
    url = meeting_url("meeting_delete", meeting)
    assert client.get(url).context["also_deleted"] == ["2 agenda items"]
    response = client.post(url)
    assert response["Location"] == reverse(
        "meetings_staff:meeting_list", args=[meeting.strategy.slug]
    )
    assert not Meeting.objects.exists()


# Decisions, actions, declarations


def test_a_decision_in_the_papers_form_with_an_amendment(client, staff):
    board = BodyFactory(name="Enterprise M3 Board", kind=BodyKind.BOARD)
    meeting = MeetingFactory(body=board)
    item = AgendaItemFactory(meeting=meeting, order=8)
    url = meeting_url("decision_create", meeting)
    form_page = client.get(url)
    assert "The Enterprise M3 Board is asked to" in text_of(form_page)
    data = {
        "agenda_item": item.pk,
        "verb": DecisionVerb.NOTE,
        "text": "the proposal to publish a short LIS early beta document at the AGM",
        "outcome": DecisionOutcome.AMENDED,
        "amendment": "",
    }

    refused = client.post(url, data)
    saved = client.post(url, {**data, "amendment": "Signed off by Stacey King for the Board."})

    assert refused.context["form"].errors["amendment"] == ["Give the amendment the body made."]
    assert "the proposal to publish a short LIS early beta document at the AGM" in (
        refused.content.decode()
    )
    assert saved["Location"] == hub_url(meeting, "decisions")
    decision = Decision.objects.get()
    assert (decision.order, decision.verb, decision.outcome_text, decision.amendment) == (
        1,
        DecisionVerb.NOTE,
        "Noted with an amendment",
        "Signed off by Stacey King for the Board.",
    )
    assert (
        "The Enterprise M3 Board is asked to: NOTE the proposal to publish a short LIS early "
        "beta document at the AGM (item 8) Outcome: Noted with an amendment. Amendment: "
        "Signed off by Stacey King for the Board."
    ) in text_of(client.get(hub_url(meeting)))


def test_actions_are_added_and_completed_through_the_forms(client, staff):
    meeting = MeetingFactory()
    owner = PersonFactory(name="Kevin Lloyd")
    created = client.post(
        meeting_url("action_create", meeting),
        {
            "description": "Circulate the early beta draft",
            "owner": owner.pk,
            "due_on": "2019-06-14",
            "status": ActionStatus.OPEN,
            "agenda_item": "",
        },
    )
    action = Action.objects.get()
    assert (action.strategy, action.meeting, action.owner, action.due_on, action.status) == (
        meeting.strategy,
        meeting,
        owner,
        datetime.date(2019, 6, 14),
        ActionStatus.OPEN,
    )

    done = client.post(
        meeting_url("action_edit", meeting, action.pk),
        {
            "description": "Circulate the early beta draft",
            "owner": owner.pk,
            "due_on": "2019-06-14",
            "status": ActionStatus.DONE,
        },
    )

    assert [r["Location"] for r in (created, done)] == [hub_url(meeting, "actions")] * 2
    action.refresh_from_db()
    assert (action.status, action.completed_on) == (ActionStatus.DONE, timezone.localdate())


def test_a_declaration_of_interest_is_recorded_on_an_item(client, staff):
    meeting = MeetingFactory()
    item = AgendaItemFactory(meeting=meeting)
    person = PersonFactory(name="Dave Axam")

    response = client.post(
        meeting_url("declaration_create", meeting, item.pk),
        {"person": person.pk, "interest": "Director of a bidder", "action_taken": "Left the room"},
    )

    assert response["Location"] == hub_url(meeting, "agenda")
    assert list(item.declarations.values_list("person__name", "interest", "action_taken")) == [
        ("Dave Axam", "Director of a bidder", "Left the room")
    ]


# Who may use these pages


def member_of(body):
    user = UserFactory()
    MembershipFactory(body=body, person=PersonFactory(user=user))
    return user


def forbidden_posts(meeting, item, decision, action):
    return [
        (hub_url(meeting), meeting_data(meeting.body, title="Hijacked")),
        (meeting_url("meeting_cancel", meeting), {"reason": "Hijacked"}),
        (meeting_url("meeting_mark_held", meeting), {}),
        (meeting_url("papers_publish", meeting), {}),
        (meeting_url("agenda_generate", meeting), {}),
        (meeting_url("agenda_item_create", meeting), {"title": "Hijacked"}),
        (meeting_url("agenda_item_delete", meeting, item.pk), {}),
        (meeting_url("invitations_for_members", meeting), {}),
        (meeting_url("minutes_edit", meeting), {"minutes": "Hijacked"}),
        (
            meeting_url("decision_edit", meeting, decision.pk),
            {"verb": "approve", "text": "Hijacked", "outcome": "as_asked"},
        ),
        (
            meeting_url("action_edit", meeting, action.pk),
            {
                "description": "Hijacked",
                "owner": action.owner_id,
                "due_on": "2019-06-14",
                "status": "done",
            },
        ),
        (meeting_url("meeting_delete", meeting), {}),
    ]


def test_a_member_of_the_body_who_is_not_staff_gets_403_and_changes_nothing(client):
    jlb = BodyFactory(kind=BodyKind.LEADERS_BOARD)
    PriorityFactory(strategy=jlb.strategy, number=1)
    meeting = MeetingFactory(body=jlb, title="Untouched")
    item = AgendaItemFactory(meeting=meeting, title="Untouched item")
    decision = DecisionFactory(meeting=meeting, text="Untouched decision")
    action = ActionFactory(meeting=meeting, description="Untouched action")
    MembershipFactory(body=jlb)
    client.force_login(member_of(jlb))

    assert (
        client.get(reverse("meetings_staff:meeting_list", args=[jlb.strategy.slug])).status_code
        == 403
    )
    assert client.get(hub_url(meeting)).status_code == 403
    for url, data in forbidden_posts(meeting, item, decision, action):
        assert client.post(url, data).status_code == 403, url

    meeting.refresh_from_db()
    assert (meeting.title, meeting.status, meeting.minutes, meeting.papers_published_at) == (
        "Untouched",
        MeetingStatus.PLANNED,
        "",
        None,
    )
    assert list(meeting.agenda_items.values_list("title", flat=True)) == ["Untouched item"]
    assert list(meeting.decisions.values_list("text", flat=True)) == ["Untouched decision"]
    action.refresh_from_db()
    assert (action.description, action.status) == ("Untouched action", ActionStatus.OPEN)
    assert not meeting.invitations.exists()
    assert AuditEvent.objects.count() == 0


def test_people_not_signed_in_are_sent_to_sign_in(client):
    meeting = MeetingFactory()
    response = client.get(hub_url(meeting))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


# Query counts


def meeting_with(size: int) -> Meeting:
    """A public meeting (a joint session) with `size` of everything that hangs off it."""
    strategy = StrategyFactory()
    body = BodyFactory(strategy=strategy, is_public=True)
    meeting = MeetingFactory(body=body, title="The meeting")
    meeting.joint_bodies.add(*BodyFactory.create_batch(size, strategy=strategy, is_public=True))
    priorities = PriorityFactory.create_batch(size, strategy=strategy)
    for number in range(size):
        item = AgendaItemFactory(meeting=meeting, order=number + 1)
        item.priorities.add(*priorities)
        DeclarationFactory(agenda_item=item)
        PaperFactory(meeting=meeting, agenda_item=item)
        InvitationFactory(meeting=meeting)
        DecisionFactory(meeting=meeting, agenda_item=item)
        ActionFactory(meeting=meeting, agenda_item=item)
    return meeting


def strategy_with(size: int):
    """A strategy with `size` meetings, some public joint sessions."""
    strategy = StrategyFactory()
    bodies = BodyFactory.create_batch(3, strategy=strategy, is_public=True)
    for number in range(size):
        meeting = MeetingFactory(
            body=bodies[0], starts_at=at("2019-01-07") + datetime.timedelta(days=number)
        )
        meeting.joint_bodies.add(*bodies[1:])
    return strategy


HUB_QUERIES = 16
LIST_QUERIES = 8


@pytest.mark.parametrize("size", [2, 20])
def test_the_hub_makes_as_many_queries_for_ten_times_the_data(
    client, staff, django_assert_num_queries, size
):
    meeting = meeting_with(size)
    url = hub_url(meeting)
    client.get(url)
    with django_assert_num_queries(HUB_QUERIES):
        response = client.get(url)
    assert len(response.context["agenda"]) == size


@pytest.mark.parametrize("size", [3, 30])
def test_the_meeting_list_makes_as_many_queries_for_ten_times_the_data(
    client, staff, django_assert_num_queries, size
):
    strategy = strategy_with(size)
    url = reverse("meetings_staff:meeting_list", args=[strategy.slug])
    client.get(url)
    with django_assert_num_queries(LIST_QUERIES):
        response = client.get(url)
    assert len(response.context["rows"]) == min(size, 25)
