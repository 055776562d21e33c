"""The members' page: a signed-in person's bodies, meetings to come with papers, and the
actions they own, with progress recorded through a form."""

import datetime

import pytest
from django.urls import reverse

from convenor.meetings.choices import ActionStatus, InvitationRole
from convenor.meetings.models import Action, ActionUpdate
from tests.accounts.factories import UserFactory
from tests.governance.factories import BodyFactory, MembershipFactory
from tests.meetings.factories import (
    ActionFactory,
    AgendaItemFactory,
    InvitationFactory,
    MeetingFactory,
    PaperFactory,
)
from tests.meetings.scenes import at, scene_build
from tests.stakeholders.factories import PersonFactory

pytestmark = pytest.mark.django_db

ME = "/me/"


def text_of(response) -> str:
    return response.content.decode()


@pytest.fixture
def scene():
    return scene_build()


def next_year() -> int:
    return datetime.date.today().year + 1


def test_the_page_asks_people_to_sign_in(client):
    response = client.get(ME)

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('account_login')}?next=/me/"


def test_the_header_links_to_the_page_for_signed_in_people_only(client, scene):
    link = '<a class="govuk-header__link" href="/me/">Your meetings and actions</a>'
    assert link not in text_of(client.get(reverse("strategy:home")))

    client.force_login(scene.stranger)
    assert link in text_of(client.get(reverse("strategy:home")))


def test_the_page_lists_current_bodies_only(client, scene):
    client.force_login(scene.member)

    page = text_of(client.get(ME))
    bodies = page[page.index('id="bodies"') : page.index('id="meetings"')]

    assert "<title>Your meetings and actions \N{EN DASH} Convenor</title>" in page
    assert (
        '<a class="govuk-link" href="/s/em3-lis/bodies/digital/">Digital Working Group</a> (chair)'
        in bodies
    )
    assert (
        '<a class="govuk-link" href="/s/em3-lis/bodies/board/">Enterprise M3 Board</a> (member)'
        in bodies
    )
    client.force_login(scene.ended)
    assert "You do not sit on any body at the moment." in text_of(client.get(ME))


def test_upcoming_meetings_of_my_bodies_and_those_i_am_invited_to_with_papers(client, scene):
    year = next_year()
    of_my_body = MeetingFactory(
        body=scene.closed, title="Digital group, spring", starts_at=at(year, 3, 4)
    )
    secret_item = AgendaItemFactory(meeting=of_my_body, order=1, is_confidential=True)
    paper = PaperFactory(meeting=of_my_body, agenda_item=secret_item, title="Spectrum costings")
    joint = MeetingFactory(
        body=BodyFactory(strategy=scene.strategy), title="Joint session", starts_at=at(year, 4, 1)
    )
    joint.joint_bodies.set([scene.closed])
    invited_to = MeetingFactory(
        body=BodyFactory(strategy=scene.strategy),
        title="Steering group with experts",
        starts_at=at(year, 2, 1),
    )
    InvitationFactory(
        meeting=invited_to, person=scene.member.person, role=InvitationRole.INVITED_EXPERT
    )
    MeetingFactory(
        body=BodyFactory(strategy=scene.strategy), title="Not mine", starts_at=at(year, 2, 2)
    )
    client.force_login(scene.member)

    page = text_of(client.get(ME))
    meetings = page[page.index('id="meetings"') : page.index('id="actions"')]

    titles = ["Steering group with experts", "Digital group, spring", "Joint session"]
    positions = [meetings.index(f"{title}</a></h3>") for title in titles]
    assert positions == sorted(positions)
    assert "Not mine" not in meetings
    # The board's 2019 meeting is past.
    assert "Enterprise M3 Board meeting" not in meetings
    assert "Outside expert invited to this meeting; no reply yet" in meetings
    assert (
        f'<a class="govuk-link" href="/s/em3-lis/meetings/{of_my_body.pk}/papers/{paper.pk}/" '
        "download>"
        'Spectrum costings</a> <strong class="govuk-tag govuk-tag--red">Confidential</strong>'
        in meetings
    )
    weekday = f"{of_my_body.starts_at:%A}"
    assert f"{weekday} 4 March {year}, 10:00am to 12:00pm" in meetings


def test_actions_open_first_with_the_overdue_marked(client, scene):
    owner = scene.member.person
    today = datetime.date.today()
    done = ActionFactory(
        meeting=scene.board_meeting,
        owner=owner,
        description="Done already",
        due_on=today - datetime.timedelta(days=30),
        status=ActionStatus.DONE,
    )
    later = ActionFactory(
        meeting=scene.board_meeting,
        owner=owner,
        description="Due later",
        due_on=today + datetime.timedelta(days=10),
    )
    overdue = ActionFactory(
        meeting=scene.board_meeting,
        owner=owner,
        description="Overdue one",
        due_on=today - datetime.timedelta(days=3),
        status=ActionStatus.IN_PROGRESS,
    )
    ActionFactory(meeting=scene.board_meeting, description="Someone else's")
    client.force_login(scene.member)

    page = text_of(client.get(ME))
    actions = page[page.index('id="actions"') :]

    order = [actions.index(f'id="action-{a.pk}"') for a in (overdue, later, done)]
    assert order == sorted(order)
    assert "Someone else&#x27;s" not in actions
    overdue_card = actions[order[0] : order[1]]
    assert '<strong class="govuk-tag govuk-tag--red">Overdue</strong>' in overdue_card
    assert "Overdue" not in actions[order[1] : order[2]]
    assert "Overdue" not in actions[order[2] :]
    assert f'action="/me/actions/{overdue.pk}/progress/"' in overdue_card
    assert f'id="id_action-{overdue.pk}-note"' in overdue_card
    # The form starts at the action's present status.
    assert 'value="in_progress" checked' in overdue_card


def test_the_owner_records_progress(client, scene):
    action = ActionFactory(meeting=scene.board_meeting, owner=scene.member.person)
    client.force_login(scene.member)

    response = client.post(
        f"/me/actions/{action.pk}/progress/",
        {
            f"action-{action.pk}-note": "Draft circulated to the group.",
            f"action-{action.pk}-status": "in_progress",
        },
    )

    assert response.status_code == 302
    assert response["Location"] == f"/me/#action-{action.pk}"
    update = ActionUpdate.objects.get(action=action)
    assert (update.note, update.status, update.author) == (
        "Draft circulated to the group.",
        "in_progress",
        scene.member,
    )
    action.refresh_from_db()
    assert action.status == ActionStatus.IN_PROGRESS
    page = text_of(client.get(ME))
    assert ": Draft circulated to the group. (in progress)</li>" in page
    assert f"Progress recorded on “{action}”." in page


def test_marking_an_action_done_completes_it(client, scene):
    action = ActionFactory(meeting=scene.board_meeting, owner=scene.member.person)
    client.force_login(scene.member)

    client.post(
        f"/me/actions/{action.pk}/progress/",
        {f"action-{action.pk}-note": "Sent.", f"action-{action.pk}-status": "done"},
    )

    action.refresh_from_db()
    assert (action.status, action.completed_on) == (ActionStatus.DONE, datetime.date.today())


def test_progress_without_a_note_is_refused_with_the_error_summary(client, scene):
    action = ActionFactory(meeting=scene.board_meeting, owner=scene.member.person)
    client.force_login(scene.member)

    response = client.post(
        f"/me/actions/{action.pk}/progress/",
        {f"action-{action.pk}-note": "  ", f"action-{action.pk}-status": "done"},
    )

    assert response.status_code == 200
    page = text_of(response)
    assert "<title>Error: Record progress on an action \N{EN DASH} Convenor</title>" in page
    assert (
        f'<li><a href="#id_action-{action.pk}-note">Say what progress has been made.</a></li>'
        in page
    )
    assert not ActionUpdate.objects.exists()
    action.refresh_from_db()
    assert action.status == ActionStatus.OPEN


def test_an_unknown_status_is_refused(client, scene):
    action = ActionFactory(meeting=scene.board_meeting, owner=scene.member.person)
    client.force_login(scene.member)

    response = client.post(
        f"/me/actions/{action.pk}/progress/",
        {f"action-{action.pk}-note": "Note", f"action-{action.pk}-status": "finished"},
    )

    assert response.status_code == 200
    assert "Select a valid choice. finished is not one of the available choices." in text_of(
        response
    )
    assert not ActionUpdate.objects.exists()


def test_hostile_progress_notes_are_kept_as_typed_and_escaped(client, scene, naughty_strings):
    action = ActionFactory(meeting=scene.board_meeting, owner=scene.member.person)
    client.force_login(scene.member)
    notes = [s for s in naughty_strings if s.strip() and "\x00" not in s][:40]

    for note in notes:
        response = client.post(
            f"/me/actions/{action.pk}/progress/",
            {f"action-{action.pk}-note": note, f"action-{action.pk}-status": "in_progress"},
        )
        assert response.status_code == 302, note

    assert list(ActionUpdate.objects.order_by("id").values_list("note", flat=True)) == [
        note.strip() for note in notes
    ]
    page = text_of(client.get(ME))
    assert "<script>alert(0)</script>" not in page


def test_the_progress_page_shows_the_action_and_its_history(client, scene):
    action = ActionFactory(
        meeting=scene.board_meeting,
        owner=scene.member.person,
        description="Write the brief",
        due_on=datetime.date(2019, 6, 14),
    )
    ActionUpdate.objects.create(action=action, note="Started.", status="in_progress")
    client.force_login(scene.member)

    page = text_of(client.get(f"/me/actions/{action.pk}/progress/"))

    assert '<h1 class="govuk-heading-l">Record progress on an action</h1>' in page
    assert '<dd class="govuk-summary-list__value">Write the brief</dd>' in page
    assert '14 June 2019 <strong class="govuk-tag govuk-tag--red">Overdue</strong>' in page
    assert ": Started. (in progress)</li>" in page


def test_an_account_without_a_person_is_told_so(client):
    client.force_login(UserFactory(password=None))

    page = text_of(client.get(ME))

    assert "Your account is not linked to anyone in the stakeholder register yet" in page
    assert "No meetings coming up." in page
    assert "You own no actions." in page


# --- Query counts -------------------------------------------------------------------------------


def grow(scene, times: int) -> None:
    """More bodies and meetings the member sits on or is invited to, with papers and actions."""
    year = next_year()
    person = scene.member.person
    for n in range(times):
        body = BodyFactory(strategy=scene.strategy)
        MembershipFactory(body=body, person=person)
        meeting = MeetingFactory(body=body, starts_at=at(year, 1 + n % 12, 3))
        meeting.joint_bodies.set([BodyFactory(strategy=scene.strategy)])
        PaperFactory(meeting=meeting, agenda_item=AgendaItemFactory(meeting=meeting, order=1))
        invited = MeetingFactory(
            body=BodyFactory(strategy=scene.strategy), starts_at=at(year, 1 + n % 12, 4)
        )
        InvitationFactory(meeting=invited, person=person)
        action = ActionFactory(meeting=meeting, owner=person)
        ActionUpdate.objects.create(action=action, note=f"Update {n}", status="open")
        MembershipFactory(body=body, person=PersonFactory())


@pytest.mark.parametrize("times", [1, 10])
def test_the_page_makes_as_many_queries_for_ten_times_the_data(
    client, scene, django_assert_num_queries, times
):
    grow(scene, times)
    client.force_login(scene.member)
    client.get(ME)
    # session, user, person, memberships, meetings, their joint bodies, the person's
    # invitations, papers, actions, their updates, the navigation's strategy, and what waits
    # for the person's sign-off (publishing's panel).
    with django_assert_num_queries(12):
        assert client.get(ME).status_code == 200
    assert Action.objects.filter(owner=scene.member.person).count() == times
