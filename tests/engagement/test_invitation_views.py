"""The staff pages of an activity's invitations: invite, list, remind, attendance, remove."""

import datetime
from html import escape
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse

from convenor.engagement.choices import ActivityAttendance, ActivityStatus, InvitedVia, Rsvp
from convenor.engagement.models import ActivityInvitation
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.engagement.factories import ActivityFactory, ActivityInvitationFactory, SegmentFactory
from tests.governance.factories import BodyFactory, MembershipFactory
from tests.stakeholders.factories import PersonFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
AS_OF = datetime.datetime(2019, 5, 22, 17, 0, tzinfo=LONDON)

# Queries per page, the same at 3 and at 30 rows (see the tests at the end).
LIST_QUERIES = 8
INVITE_QUERIES = 8
PREVIEW_QUERIES = 8
REMIND_QUERIES = 6
ATTENDANCE_QUERIES = 8
DELETE_QUERIES = 6


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.CONVENOR_AS_OF = AS_OF
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def staff(client):
    user = StaffUserFactory()
    client.force_login(user)
    return user


def url(name, activity, *more):
    return reverse(f"engagement_staff:{name}", args=[activity.strategy.slug, activity.pk, *more])


# Permissions


PAGES = ["invitation_list", "invite", "remind", "attendance"]


@pytest.mark.parametrize("name", PAGES)
def test_signed_in_people_who_are_not_staff_get_403(client, name):
    activity = ActivityFactory()
    client.force_login(UserFactory())

    assert client.get(url(name, activity)).status_code == 403


def test_posts_by_non_staff_change_nothing(client):
    invitation = ActivityInvitationFactory()
    activity = invitation.activity
    client.force_login(UserFactory())

    responses = [
        client.post(url("invite", activity), {"people": [PersonFactory().pk]}),
        client.post(url("attendance", activity), {f"invitation_{invitation.pk}": "attended"}),
        client.post(url("invitation_delete", activity, invitation.pk)),
        client.post(url("remind", activity)),
    ]

    assert [r.status_code for r in responses] == [403, 403, 403, 403]
    assert list(ActivityInvitation.objects.values_list("pk", "attendance")) == [
        (invitation.pk, "not_recorded")
    ]
    assert mail.outbox == []


@pytest.mark.parametrize("name", PAGES)
def test_people_not_signed_in_are_sent_to_sign_in(client, name):
    activity = ActivityFactory()

    response = client.get(url(name, activity))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_an_activity_of_another_strategy_is_404(client, staff):
    activity = ActivityFactory()
    other = ActivityFactory()

    response = client.get(
        reverse("engagement_staff:invitation_list", args=[other.strategy.slug, activity.pk])
    )

    assert response.status_code == 404


# Inviting


def test_staff_choose_preview_and_invite_a_body_a_segment_and_people(
    client, staff, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(status=ActivityStatus.PLANNED)
    body = BodyFactory(strategy=activity.strategy, name="Skills action group")
    member = PersonFactory(name="Mo Member", email="mo@example.org")
    MembershipFactory(body=body, person=member)
    segment = SegmentFactory(name="Everyone called Seg", filters={"q": "Seg Ment"})
    PersonFactory(name="Seg Ment", email="seg@example.org")
    picked = PersonFactory(name="Pip Picked", email="pip@example.org")
    opted_out = PersonFactory(name="Olly Optout", opted_out=True)
    already = ActivityInvitationFactory(activity=activity, person=PersonFactory(name="Al Ready"))
    MembershipFactory(body=body, person=already.person)

    search = client.get(
        url("invite", activity), {"bodies": [body.pk], "q": "Pip", "action": "search"}
    )
    html = search.content.decode()
    assert f'id="found-{picked.pk}"' in html
    assert "Skills action group" in html and "Everyone called Seg" in html

    params = {
        "bodies": [body.pk],
        "segments": [segment.pk],
        "people": [picked.pk, opted_out.pk],
        "action": "preview",
    }
    preview = client.get(url("invite", activity), params)
    assert preview.status_code == 200
    page = preview.context["preview"]
    assert [i.person.name for i in page.to_email] == ["Mo Member", "Pip Picked", "Seg Ment"]
    assert [(i.person.name, i.reason_not_emailed) for i in page.not_emailed] == [
        ("Olly Optout", "opted out of contact")
    ]
    assert [p.name for p in page.already_invited] == ["Al Ready"]
    assert "Invite 4 and send 3 emails" in preview.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            url("invite", activity),
            {"bodies": [body.pk], "segments": [segment.pk], "people": [picked.pk, opted_out.pk]},
        )

    assert done.status_code == 302
    assert done["Location"] == url("invitation_list", activity)
    rows = ActivityInvitation.objects.filter(activity=activity).order_by("person__name")
    assert [(i.person.name, i.invited_via) for i in rows] == [
        ("Al Ready", InvitedVia.HAND_PICKED),
        ("Mo Member", InvitedVia.BODY),
        ("Olly Optout", InvitedVia.HAND_PICKED),
        ("Pip Picked", InvitedVia.HAND_PICKED),
        ("Seg Ment", InvitedVia.SEGMENT),
    ]
    assert sorted(m.to[0] for m in mail.outbox) == [
        "mo@example.org",
        "pip@example.org",
        "seg@example.org",
    ]
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.INVITATIONS_SENT


def test_searching_keeps_the_people_already_ticked(client, staff):
    activity = ActivityFactory()
    ticked = PersonFactory(name="Tia Ticked")
    PersonFactory(name="Other Person")

    response = client.get(
        url("invite", activity), {"people": [ticked.pk], "q": "Other", "action": "search"}
    )

    html = response.content.decode()
    assert (
        f'id="chosen-{ticked.pk}" name="people" type="checkbox" value="{ticked.pk}" checked' in html
    )
    assert [p.name for p in response.context["results"]] == ["Other Person"]


def test_the_search_leaves_out_people_already_invited_and_erased(client, staff):
    activity = ActivityFactory()
    ActivityInvitationFactory(activity=activity, person=PersonFactory(name="Ina Invited"))
    PersonFactory(name="Ina Free")

    response = client.get(url("invite", activity), {"q": "Ina"})

    assert [p.name for p in response.context["results"]] == ["Ina Free"]


def test_previewing_with_nothing_chosen_says_what_to_do(client, staff):
    activity = ActivityFactory()

    response = client.get(url("invite", activity), {"action": "preview"})

    html = response.content.decode()
    assert "There is a problem" in html
    assert "Choose whom to invite: a body, a saved segment, or people picked by hand." in html
    assert "<title>Error: " in html


def test_confirming_when_everyone_is_already_invited_shows_the_reason(client, staff):
    invitation = ActivityInvitationFactory()

    response = client.post(url("invite", invitation.activity), {"people": [invitation.person.pk]})

    assert response.status_code == 200
    assert "Everyone in this audience is already invited" in response.content.decode()


def test_naughty_search_strings_are_shown_escaped_and_never_break_the_pages(
    client, staff, naughty_strings
):
    activity = ActivityFactory()
    for query in naughty_strings:
        for name in ("invite", "attendance", "invitation_list"):
            response = client.get(url(name, activity), {"q": query})
            assert response.status_code == 200, (name, query)
            if query.strip() and "\x00" not in query and name == "invite" and len(query) <= 200:
                assert escape(query.strip()) in response.content.decode()


# The list


def test_the_list_counts_replies_and_filters_by_reply_attendance_and_name(client, staff):
    activity = ActivityFactory()
    ActivityInvitationFactory(
        activity=activity, person=PersonFactory(name="Ann Accepts"), response=Rsvp.ACCEPTED
    )
    ActivityInvitationFactory(
        activity=activity,
        person=PersonFactory(name="Dan Declines"),
        response=Rsvp.DECLINED,
        attendance=ActivityAttendance.ABSENT,
    )
    ActivityInvitationFactory(activity=activity, person=PersonFactory(name="Pat Pending"))

    everyone = client.get(url("invitation_list", activity))
    assert everyone.context["counts"] == {
        "total": 3,
        "accepted": 1,
        "declined": 1,
        "pending": 1,
        "waiting": 0,
        "attended": 0,
    }

    def shown(**params):
        response = client.get(url("invitation_list", activity), params)
        return [i.person.name for i in response.context["object_list"]]

    assert shown() == ["Ann Accepts", "Dan Declines", "Pat Pending"]
    assert shown(response="accepted") == ["Ann Accepts"]
    assert shown(attendance="absent") == ["Dan Declines"]
    assert shown(q="pat") == ["Pat Pending"]
    assert (
        "Nobody invited matches the search."
        in client.get(url("invitation_list", activity), {"q": "zzz"}).content.decode()
    )


def test_an_empty_list_says_so(client, staff):
    activity = ActivityFactory()

    assert "Nobody is invited yet." in client.get(url("invitation_list", activity)).content.decode()


# Removing


def test_an_invitation_is_removed_after_confirming(client, staff):
    invitation = ActivityInvitationFactory(person=PersonFactory(name="Wes Withdrawn"))

    page = client.get(url("invitation_delete", invitation.activity, invitation.pk))
    done = client.post(url("invitation_delete", invitation.activity, invitation.pk))

    assert "Remove the invitation of Wes Withdrawn?" in page.content.decode()
    assert done.status_code == 302
    assert not ActivityInvitation.objects.exists()


def test_an_invitation_of_someone_who_attended_is_not_removed(client, staff):
    invitation = ActivityInvitationFactory(attendance=ActivityAttendance.ATTENDED)

    page = client.get(url("invitation_delete", invitation.activity, invitation.pk))
    refused = client.post(url("invitation_delete", invitation.activity, invitation.pk))

    assert page.status_code == 409 and refused.status_code == 409
    assert "cannot be removed" in refused.content.decode()
    assert ActivityInvitation.objects.filter(pk=invitation.pk).exists()


# Reminders


def test_reminders_ask_first_then_go_to_those_who_have_not_replied(
    client, staff, django_capture_on_commit_callbacks
):
    activity = ActivityFactory()
    ActivityInvitationFactory(
        activity=activity, sent_at=AS_OF, person=PersonFactory(email="wait@example.org")
    )
    ActivityInvitationFactory(
        activity=activity, sent_at=AS_OF, person=PersonFactory(opted_out=True)
    )

    page = client.get(url("remind", activity))
    assert mail.outbox == []
    assert "1 of the 2 people emailed who have not replied" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(url("remind", activity))

    assert done.status_code == 302
    assert [m.to for m in mail.outbox] == [["wait@example.org"]]


def test_reminders_refused_show_why(client, staff):
    activity = ActivityFactory()

    response = client.post(url("remind", activity))

    assert response.status_code == 200
    assert "There is nobody to remind" in response.content.decode()


# Attendance


def test_attendance_is_saved_per_page_and_a_past_activity_becomes_held(client, staff, settings):
    activity = ActivityFactory(status=ActivityStatus.INVITATIONS_SENT)
    came = ActivityInvitationFactory(activity=activity, person=PersonFactory(name="Cam Came"))
    stayed = ActivityInvitationFactory(activity=activity, person=PersonFactory(name="Sam Stayed"))
    settings.CONVENOR_AS_OF = datetime.datetime(2019, 6, 13, 9, 0, tzinfo=LONDON)

    response = client.post(
        url("attendance", activity),
        {f"invitation_{came.pk}": "attended", f"invitation_{stayed.pk}": "absent"},
    )

    assert response.status_code == 302
    came.refresh_from_db()
    stayed.refresh_from_db()
    assert (came.attendance, stayed.attendance) == ("attended", "absent")
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.HELD


def test_attendance_missing_for_someone_is_an_error_that_keeps_the_rest(client, staff):
    activity = ActivityFactory()
    came = ActivityInvitationFactory(activity=activity)
    unknown = ActivityInvitationFactory(activity=activity, person=PersonFactory(name="Una Known"))

    response = client.post(url("attendance", activity), {f"invitation_{came.pk}": "attended"})

    html = response.content.decode()
    assert f'<a href="#id_invitation_{unknown.pk}">Say whether Una Known came</a>' in html
    kept = f'name="invitation_{came.pk}" type="radio" value="attended" checked'
    assert kept in html
    came.refresh_from_db()
    assert came.attendance == "not_recorded"


def test_a_walk_in_is_found_and_recorded(client, staff):
    activity = ActivityFactory()
    walker = PersonFactory(name="Wally Walkin")

    found = client.get(url("attendance", activity), {"q": "Wally"})
    assert [p.name for p in found.context["results"]] == ["Wally Walkin"]
    done = client.post(url("attendance", activity), {"action": "walk_in", "person": walker.pk})

    assert done.status_code == 302
    invitation = ActivityInvitation.objects.get(activity=activity, person=walker)
    assert (invitation.attendance, invitation.invited_via, invitation.sent_at) == (
        "attended",
        "hand_picked",
        None,
    )
    again = client.post(url("attendance", activity), {"action": "walk_in", "person": walker.pk})
    assert "Wally Walkin is already invited" in again.content.decode()


# Query counts: the same at 3 and at 30 rows


def activity_with(size):
    activity = ActivityFactory()
    body = BodyFactory(strategy=activity.strategy)
    for index in range(size):
        person = PersonFactory(name=f"Person {index:02d}")
        ActivityInvitationFactory(activity=activity, person=person, sent_at=AS_OF)
        MembershipFactory(body=body, person=PersonFactory(name=f"Member {index:02d}"))
        BodyFactory(strategy=activity.strategy)
        SegmentFactory()
    return activity, body


@pytest.mark.parametrize("size", [3, 30])
@pytest.mark.parametrize(
    ("name", "params", "expected"),
    [
        ("invitation_list", {}, LIST_QUERIES),
        ("invite", {"q": "Person"}, INVITE_QUERIES),
        ("remind", {}, REMIND_QUERIES),
        ("attendance", {"q": "Member"}, ATTENDANCE_QUERIES),
    ],
)
def test_pages_make_as_many_queries_for_ten_times_the_data(
    client, staff, django_assert_num_queries, size, name, params, expected
):
    activity, _ = activity_with(size)
    client.get(url(name, activity), params)
    with django_assert_num_queries(expected):
        response = client.get(url(name, activity), params)
    assert response.status_code == 200


@pytest.mark.parametrize("size", [3, 30])
def test_the_preview_makes_as_many_queries_for_ten_times_the_data(
    client, staff, django_assert_num_queries, size
):
    activity, body = activity_with(size)
    params = {"bodies": [body.pk], "action": "preview"}
    client.get(url("invite", activity), params)
    with django_assert_num_queries(PREVIEW_QUERIES):
        response = client.get(url("invite", activity), params)
    assert len(response.context["preview"].to_email) == size


@pytest.mark.parametrize("size", [3, 30])
def test_the_remove_page_makes_as_many_queries_for_ten_times_the_data(
    client, staff, django_assert_num_queries, size
):
    activity, _ = activity_with(size)
    invitation = activity.invitations.first()
    client.get(url("invitation_delete", activity, invitation.pk))
    with django_assert_num_queries(DELETE_QUERIES):
        client.get(url("invitation_delete", activity, invitation.pk))
