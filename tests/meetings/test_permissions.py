"""Who may see meetings, their papers and minutes, and record progress on actions: each rule for
staff, a member, a person invited to one meeting, a member whose membership ended, a stranger
and someone not signed in; through the rules and through the pages. Refused changes change
nothing."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from convenor.core.models import AuditEvent
from convenor.meetings.choices import ActionStatus
from convenor.meetings.models import Action, ActionUpdate
from tests.meetings.factories import ActionFactory, MeetingFactory, PaperFactory
from tests.meetings.scenes import scene_build, users_of

pytestmark = pytest.mark.django_db

ROLES = ["staff", "member", "invited", "ended member", "stranger", "anonymous"]
MEETING_RULES = [
    "meetings.view_meeting",
    "meetings.view_meeting_papers",
    "meetings.view_meeting_minutes",
]
# Who takes part in the closed group's meeting: staff, its member, the person invited to it.
TAKES_PART_IN_CLOSED = {"staff", "member", "invited"}
# Who takes part in the public board's meeting: staff and the board's member.
TAKES_PART_IN_BOARD = {"staff", "member"}


@pytest.fixture
def scene():
    return scene_build()


def user_for(scene, role):
    return users_of(scene)[role] or AnonymousUser()


# --- The rules ----------------------------------------------------------------------------------


@pytest.mark.parametrize("perm", MEETING_RULES)
@pytest.mark.parametrize("role", ROLES)
def test_a_closed_bodys_meeting_is_for_those_taking_part(scene, perm, role):
    allowed = user_for(scene, role).has_perm(perm, scene.closed_meeting)
    assert allowed is (role in TAKES_PART_IN_CLOSED)


@pytest.mark.parametrize("perm", MEETING_RULES)
@pytest.mark.parametrize("role", ROLES)
def test_a_joint_session_with_a_closed_body_is_for_those_taking_part(scene, perm, role):
    # The member sits on both bodies; the person invited to the closed group's meeting is not
    # invited to this one.
    allowed = user_for(scene, role).has_perm(perm, scene.joint_meeting)
    assert allowed is (role in {"staff", "member"})


@pytest.mark.parametrize("perm", MEETING_RULES)
@pytest.mark.parametrize("role", ROLES)
def test_a_public_meeting_with_papers_and_minutes_published_is_for_everyone(scene, perm, role):
    assert user_for(scene, role).has_perm(perm, scene.board_meeting) is True


@pytest.mark.parametrize("role", ROLES)
def test_a_public_meetings_unpublished_papers_and_minutes_are_for_those_taking_part(scene, role):
    meeting = MeetingFactory(body=scene.board)
    user = user_for(scene, role)

    assert user.has_perm("meetings.view_meeting", meeting) is True
    assert user.has_perm("meetings.view_meeting_papers", meeting) is (role in TAKES_PART_IN_BOARD)
    assert user.has_perm("meetings.view_meeting_minutes", meeting) is (role in TAKES_PART_IN_BOARD)


@pytest.mark.parametrize("role", ROLES)
def test_progress_on_an_action_is_for_its_owner_and_staff(scene, role):
    action = ActionFactory(meeting=scene.closed_meeting, owner=scene.member.person)
    allowed = user_for(scene, role).has_perm("meetings.add_actionupdate", action)
    assert allowed is (role in {"staff", "member"})


# --- Through the pages --------------------------------------------------------------------------


def sign_in(client, scene, role):
    user = users_of(scene)[role]
    if user is not None:
        client.force_login(user)


@pytest.mark.parametrize("role", ROLES)
def test_closed_meeting_page_and_paper(client, scene, role):
    sign_in(client, scene, role)
    slug = scene.strategy.slug
    expected = 200 if role in TAKES_PART_IN_CLOSED else 403

    page = client.get(reverse("meetings:meeting_detail", args=[slug, scene.closed_meeting.pk]))
    paper = client.get(
        reverse(
            "meetings:paper_download", args=[slug, scene.closed_meeting.pk, scene.closed_paper.pk]
        )
    )

    assert (page.status_code, paper.status_code) == (expected, expected)
    if expected == 403:
        assert "Narwhal" not in page.content.decode()
        assert not hasattr(paper, "streaming_content")


@pytest.mark.parametrize("role", ROLES)
def test_confidential_paper_of_a_public_meeting(client, scene, role):
    sign_in(client, scene, role)
    url = reverse(
        "meetings:paper_download",
        args=[scene.strategy.slug, scene.board_meeting.pk, scene.confidential_paper.pk],
    )

    response = client.get(url)

    assert response.status_code == (200 if role in TAKES_PART_IN_BOARD else 403)


@pytest.mark.parametrize("role", ROLES)
def test_unpublished_paper_of_a_public_meeting(client, scene, role):
    sign_in(client, scene, role)
    meeting = MeetingFactory(body=scene.board)
    paper = PaperFactory(meeting=meeting)
    url = reverse("meetings:paper_download", args=[scene.strategy.slug, meeting.pk, paper.pk])

    assert client.get(url).status_code == (200 if role in TAKES_PART_IN_BOARD else 403)


@pytest.mark.parametrize("role", ROLES)
def test_recording_progress(client, scene, role):
    action = ActionFactory(
        meeting=scene.closed_meeting, owner=scene.member.person, status=ActionStatus.OPEN
    )
    sign_in(client, scene, role)
    url = reverse("meetings:action_progress", args=[action.pk])
    events_before = AuditEvent.objects.count()

    page = client.get(url)
    response = client.post(
        url, {f"action-{action.pk}-note": "Done it.", f"action-{action.pk}-status": "done"}
    )

    if role in {"staff", "member"}:
        assert page.status_code == 200
        assert response.status_code == 302
        assert ActionUpdate.objects.filter(action=action).count() == 1
        assert Action.objects.get(pk=action.pk).status == ActionStatus.DONE
        return
    if role == "anonymous":
        # Sent to sign in first.
        assert page.status_code == response.status_code == 302
        assert response["Location"].startswith(reverse("account_login"))
    else:
        assert page.status_code == response.status_code == 403
    # Nothing changed.
    assert not ActionUpdate.objects.exists()
    action.refresh_from_db()
    assert (action.status, action.completed_on) == (ActionStatus.OPEN, None)
    assert AuditEvent.objects.count() == events_before


def test_staff_recording_progress_on_someone_elses_action_stay_on_its_page(client, scene):
    action = ActionFactory(meeting=scene.closed_meeting, owner=scene.member.person)
    client.force_login(scene.staff)
    url = reverse("meetings:action_progress", args=[action.pk])

    response = client.post(
        url, {f"action-{action.pk}-note": "Chased.", f"action-{action.pk}-status": "in_progress"}
    )

    assert response["Location"] == url
    assert ActionUpdate.objects.get(action=action).author == scene.staff


def test_progress_on_an_unknown_action_is_404(client, scene):
    client.force_login(scene.staff)
    assert client.get(reverse("meetings:action_progress", args=[999999])).status_code == 404
