"""Workshop pages: the public list and workshop, booking and cancelling, the staff sign-ups page."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from convenor.engagement import invitation_selectors, workshops_services
from convenor.engagement.choices import ActivityStatus, Rsvp
from convenor.engagement.models import ActivityInvitation
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.engagement.factories import (
    LONDON,
    ActivityFactory,
    ActivityInvitationFactory,
    ParticipantFactory,
    SoundingBoardFactory,
)
from tests.stakeholders.factories import OrganisationFactory, PersonFactory
from tests.strategy.factories import PriorityFactory, StrategyFactory

pytestmark = pytest.mark.django_db

AS_OF = datetime.datetime(2019, 5, 22, 12, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def as_of(settings):
    settings.CONVENOR_AS_OF = AS_OF


@pytest.fixture
def board():
    return SoundingBoardFactory(strategy=StrategyFactory(is_public=True))


def member_of(board, **person):
    return ParticipantFactory(
        sounding_board=board, person=PersonFactory(user=UserFactory(), **person)
    )


def workshop_of(board, **fields):
    fields.setdefault("capacity", 2)
    return ActivityFactory(strategy=board.strategy, is_open_for_sign_up=True, **fields)


def detail_url(activity):
    return reverse("workshops:workshop_detail", args=[activity.strategy.slug, activity.pk])


def test_the_list_shows_upcoming_open_workshops_with_places_or_full(client, board):
    roomy = workshop_of(board, title="Skills workshop", place="Guildford", capacity=10)
    full = workshop_of(board, title="Towns workshop", place="", online_url="https://meet.example")
    roomy.priorities.set([PriorityFactory(strategy=board.strategy, title="Skills")])
    for _ in range(3):
        workshops_services.place_book(activity=full, person=PersonFactory(), actor=None)
    workshop_of(board, title="Past workshop", starts_at=AS_OF - datetime.timedelta(days=1))
    ActivityFactory(strategy=board.strategy, title="Staff only roundtable")
    response = client.get(reverse("workshops:workshop_list", args=[board.strategy.slug]))
    assert response.status_code == 200
    text = response.content.decode()
    assert "Skills workshop" in text and "Towns workshop" in text
    assert "Past workshop" not in text and "Staff only roundtable" not in text
    assert "10 places left" in text
    assert "Full: waiting list" in text
    assert "Online" in text and "https://meet.example" not in text
    assert "Skills" in text


def test_the_list_has_an_empty_state_and_a_private_strategy_is_404(client, board):
    response = client.get(reverse("workshops:workshop_list", args=[board.strategy.slug]))
    assert "There are no workshops open for sign-up" in response.content.decode()
    private = StrategyFactory(is_public=False)
    assert client.get(reverse("workshops:workshop_list", args=[private.slug])).status_code == 404


def test_a_visitor_is_asked_to_join_or_sign_in_and_booking_sends_them_to_sign_in(client, board):
    activity = workshop_of(board)
    text = client.get(detail_url(activity)).content.decode()
    assert "Join the sounding board" in text and "sign in</a> to book a place" in text
    response = client.post(reverse("workshops:place_book", args=[board.strategy.slug, activity.pk]))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]
    assert not ActivityInvitation.objects.exists()


def test_a_signed_in_non_member_gets_403_and_nothing_changes(client, board):
    activity = workshop_of(board)
    client.force_login(UserFactory())
    text = client.get(detail_url(activity)).content.decode()
    assert "Only members of the sounding board can book a place." in text
    for name in ("place_book", "place_cancel"):
        response = client.post(
            reverse(f"workshops:{name}", args=[board.strategy.slug, activity.pk])
        )
        assert response.status_code == 403
    assert not ActivityInvitation.objects.exists()


def test_a_member_books_joins_the_waiting_list_and_cancels(client, board):
    activity = workshop_of(board, capacity=1, online_url="https://meet.example/w")
    first = member_of(board)
    second = member_of(board)
    book_url = reverse("workshops:place_book", args=[board.strategy.slug, activity.pk])
    cancel_url = reverse("workshops:place_cancel", args=[board.strategy.slug, activity.pk])
    client.force_login(first.person.user)
    assert "Book a place" in client.get(detail_url(activity)).content.decode()
    response = client.post(book_url, follow=True)
    text = response.content.decode()
    assert "Your place is booked" in text and "You have a place" in text
    assert "https://meet.example/w" in text
    client.force_login(second.person.user)
    assert "Join the waiting list" in client.get(detail_url(activity)).content.decode()
    text = client.post(book_url, follow=True).content.decode()
    assert "you are on the waiting list" in text
    assert "You are number 1 on the waiting list" in text
    assert "https://meet.example/w" not in text
    client.force_login(first.person.user)
    text = client.post(cancel_url, follow=True).content.decode()
    assert "Your place is cancelled" in text
    assert ActivityInvitation.objects.get(person=second.person).response == Rsvp.ACCEPTED


def test_a_closed_workshop_shows_why_and_refuses_with_a_message(client, board, settings):
    activity = workshop_of(board, status=ActivityStatus.CANCELLED)
    member = member_of(board)
    client.force_login(member.person.user)
    text = client.get(detail_url(activity)).content.decode()
    assert "This workshop was cancelled." in text and "Book a place" not in text
    response = client.post(
        reverse("workshops:place_book", args=[board.strategy.slug, activity.pk]), follow=True
    )
    assert "This workshop was cancelled." in response.content.decode()
    assert not ActivityInvitation.objects.exists()
    not_open = ActivityFactory(strategy=board.strategy)
    assert client.get(detail_url(not_open)).status_code == 404


def test_the_staff_page_needs_staff(client, board):
    activity = workshop_of(board)
    url = reverse("workshops_staff:signups", args=[board.strategy.slug, activity.pk])
    remind = reverse("workshops_staff:remind", args=[board.strategy.slug, activity.pk])
    response = client.get(url)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    client.force_login(member_of(board).person.user)
    assert client.get(url).status_code == 403
    assert client.post(remind).status_code == 403


def test_the_staff_page_lists_coming_waiting_in_order_and_cancelled(client, board, settings):
    activity = workshop_of(board, capacity=1)
    people = [PersonFactory(name=name) for name in ("Zed", "Amy", "Bob", "Cat")]
    for minute, person in enumerate(people):
        settings.CONVENOR_AS_OF = AS_OF + datetime.timedelta(minutes=minute)
        workshops_services.place_book(activity=activity, person=person, actor=None)
    workshops_services.place_cancel(activity=activity, person=people[3], actor=None)
    client.force_login(StaffUserFactory())
    response = client.get(
        reverse("workshops_staff:signups", args=[board.strategy.slug, activity.pk])
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Coming (1)" in text and "Waiting list, in order (2)" in text
    assert text.index("Amy") < text.index("Bob")
    assert "Cancelled or not coming (1)" in text
    assert "Share on LinkedIn" in text
    hub = client.get(
        reverse("engagement_staff:activity_hub", args=[board.strategy.slug, activity.pk])
    ).content.decode()
    assert "1 of 1; 2 on the waiting list" in hub
    assert "Share on LinkedIn" in hub


def test_staff_send_reminders_now(client, board, mailoutbox, django_capture_on_commit_callbacks):
    activity = workshop_of(board, starts_at=AS_OF + datetime.timedelta(days=1))
    person = PersonFactory(email="coming@example.org")
    workshops_services.place_book(activity=activity, person=person, actor=None)
    mailoutbox.clear()
    client.force_login(StaffUserFactory())
    remind = reverse("workshops_staff:remind", args=[board.strategy.slug, activity.pk])
    assert client.get(remind).status_code == 405
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(remind, follow=True)
    assert "Sent the reminder to 1 person." in response.content.decode()
    assert [m.to for m in mailoutbox] == [["coming@example.org"]]
    response = client.post(remind, follow=True)
    assert "Nobody to remind" in response.content.decode()


def test_the_activity_form_sets_sign_up_and_places(client, board):
    activity = ActivityFactory(strategy=board.strategy)
    client.force_login(StaffUserFactory())
    url = reverse("engagement_staff:activity_edit", args=[board.strategy.slug, activity.pk])
    data = {
        "kind": "workshop",
        "title": activity.title,
        "starts_on": "2019-06-12",
        "starts_time": "10:00",
        "place": "Guildford",
        "status": "planned",
        "is_open_for_sign_up": "on",
        "capacity": "0",
    }
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Enter at least 1 place" in response.content.decode()
    response = client.post(url, {**data, "capacity": "25"})
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.is_open_for_sign_up is True and activity.capacity == 25


def _fill(board, count):
    organisation = OrganisationFactory()
    for n in range(count):
        activity = workshop_of(board, capacity=n % 3 + 1)
        activity.priorities.set([PriorityFactory(strategy=board.strategy)])
        for _ in range(2):
            workshops_services.place_book(
                activity=activity, person=PersonFactory(organisation=organisation), actor=None
            )


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_page_queries_do_not_grow(client, board, count, django_assert_num_queries):
    _fill(board, count)
    member = member_of(board)
    client.force_login(member.person.user)
    url = reverse("workshops:workshop_list", args=[board.strategy.slug])
    with django_assert_num_queries(LIST_QUERIES):
        assert client.get(url).status_code == 200


def _signups(board, count, settings):
    activity = workshop_of(board, capacity=count // 2)
    organisation = OrganisationFactory()
    for minute in range(count):
        settings.CONVENOR_AS_OF = AS_OF + datetime.timedelta(minutes=minute)
        workshops_services.place_book(
            activity=activity, person=PersonFactory(organisation=organisation), actor=None
        )
    settings.CONVENOR_AS_OF = AS_OF + datetime.timedelta(hours=1)
    return activity


@pytest.mark.parametrize("count", [4, 40])
def test_the_workshop_page_queries_do_not_grow(
    client, board, count, settings, django_assert_num_queries
):
    activity = _signups(board, count, settings)
    member = member_of(board)
    workshops_services.place_book(activity=activity, person=member.person, actor=None)
    client.force_login(member.person.user)
    with django_assert_num_queries(DETAIL_QUERIES):
        assert client.get(detail_url(activity)).status_code == 200


@pytest.mark.parametrize("count", [4, 40])
def test_the_workshop_page_queries_signed_out(
    client, board, count, settings, django_assert_num_queries
):
    activity = _signups(board, count, settings)
    with django_assert_num_queries(DETAIL_QUERIES_SIGNED_OUT):
        assert client.get(detail_url(activity)).status_code == 200


@pytest.mark.parametrize("count", [4, 40])
def test_the_staff_page_queries_do_not_grow(
    client, board, count, settings, django_assert_num_queries
):
    activity = _signups(board, count, settings)
    workshops_services.place_cancel(
        activity=activity, person=activity.invitations.first().person, actor=None
    )
    client.force_login(StaffUserFactory())
    url = reverse("workshops_staff:signups", args=[board.strategy.slug, activity.pk])
    with django_assert_num_queries(STAFF_QUERIES):
        assert client.get(url).status_code == 200


LIST_QUERIES = 7
DETAIL_QUERIES = 10
DETAIL_QUERIES_SIGNED_OUT = 4
STAFF_QUERIES = 7


def test_naughty_titles_places_and_purposes_are_shown_escaped(client, board, naughty_strings):
    for text in naughty_strings:
        activity = workshop_of(board, title=text[:200] or "x", place=text[:300], purpose=text)
        response = client.get(detail_url(activity))
        assert response.status_code == 200
    response = client.get(reverse("workshops:workshop_list", args=[board.strategy.slug]))
    assert response.status_code == 200
    assert "<script>alert(0)</script>" not in response.content.decode()


def test_an_invitee_replying_coming_to_a_full_activity_is_told_they_wait(client, board):
    activity = ActivityFactory(strategy=board.strategy, capacity=1)
    ActivityInvitationFactory(activity=activity, response=Rsvp.ACCEPTED)
    invitation = ActivityInvitationFactory(activity=activity)
    url = reverse("engagement:rsvp", args=[invitation_selectors.invitation_token(invitation)])
    response = client.post(url, {"response": "accepted"}, follow=True)
    text = response.content.decode()
    assert "Every place is taken: you are on the waiting list" in text
    assert "You are on the waiting list" in text
    invitation.refresh_from_db()
    assert invitation.response == Rsvp.WAITING
    staff_list = reverse(
        "engagement_staff:invitation_list", args=[board.strategy.slug, activity.pk]
    )
    client.force_login(StaffUserFactory())
    assert client.get(staff_list).context["counts"]["waiting"] == 1
