"""Workshop sign-up services: capacity, waiting order, promotion, closing, concurrency."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import close_old_connections, connection

from convenor.core.models import AuditEvent
from convenor.engagement import activity_services, invitation_services, workshops_selectors
from convenor.engagement import workshops_services as services
from convenor.engagement.choices import ActivityStatus, InvitedVia, Rsvp
from convenor.engagement.models import ActivityInvitation
from tests.accounts.factories import StaffUserFactory
from tests.engagement.factories import LONDON, ActivityFactory, ActivityInvitationFactory
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import StrategyFactory

pytestmark = pytest.mark.django_db

AS_OF = datetime.datetime(2019, 5, 22, 12, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def as_of(settings):
    settings.CONVENOR_AS_OF = AS_OF
    return AS_OF


def workshop(capacity: int | None = 2, **fields: object):
    return ActivityFactory(
        strategy=StrategyFactory(is_public=True),
        is_open_for_sign_up=True,
        capacity=capacity,
        **fields,
    )


def book(activity, person=None):
    return services.place_book(activity=activity, person=person or PersonFactory(), actor=None)


def responses(activity):
    return dict(
        ActivityInvitation.objects.filter(activity=activity).values_list("person__name", "response")
    )


def test_places_are_given_until_full_then_the_waiting_list_in_order(settings):
    activity = workshop(capacity=2)
    people = [PersonFactory(name=f"P{n}") for n in range(5)]
    for minute, person in enumerate(people):
        settings.CONVENOR_AS_OF = AS_OF + datetime.timedelta(minutes=minute)
        invitation = book(activity, person)
        assert invitation.invited_via == InvitedVia.SIGN_UP
    assert responses(activity) == {
        "P0": Rsvp.ACCEPTED,
        "P1": Rsvp.ACCEPTED,
        "P2": Rsvp.WAITING,
        "P3": Rsvp.WAITING,
        "P4": Rsvp.WAITING,
    }
    positions = [
        workshops_selectors.booking_of(activity=activity, person=person).position
        for person in people
    ]
    assert positions == [None, None, 1, 2, 3]
    groups = workshops_selectors.sign_ups(activity=activity)
    assert [i.person.name for i in groups["waiting"]] == ["P2", "P3", "P4"]
    assert AuditEvent.objects.filter(verb="joined the waiting list").count() == 3


def test_booking_twice_keeps_ones_place_and_no_limit_means_everyone_comes():
    activity = workshop(capacity=None)
    person = PersonFactory()
    first = book(activity, person)
    again = book(activity, person)
    assert first.pk == again.pk and again.response == Rsvp.ACCEPTED
    for _ in range(5):
        book(activity)
    assert set(responses(activity).values()) == {Rsvp.ACCEPTED}


def test_cancelling_gives_the_place_to_the_first_waiting(settings):
    activity = workshop(capacity=1)
    first, second, third = (PersonFactory(name=n) for n in ("A", "B", "C"))
    for minute, person in enumerate((first, second, third)):
        settings.CONVENOR_AS_OF = AS_OF + datetime.timedelta(minutes=minute)
        book(activity, person)
    services.place_cancel(activity=activity, person=first, actor=None)
    assert responses(activity) == {"A": Rsvp.DECLINED, "B": Rsvp.ACCEPTED, "C": Rsvp.WAITING}
    # Leaving the waiting list frees no place.
    services.place_cancel(activity=activity, person=third, actor=None)
    assert responses(activity) == {"A": Rsvp.DECLINED, "B": Rsvp.ACCEPTED, "C": Rsvp.DECLINED}
    with pytest.raises(ValidationError, match="no place to cancel"):
        services.place_cancel(activity=activity, person=first, actor=None)


def test_a_staff_invitee_who_books_is_accepted_under_the_same_rule():
    activity = workshop(capacity=1)
    book(activity)
    invited = ActivityInvitationFactory(activity=activity, invited_via=InvitedVia.BODY)
    invitation = book(activity, invited.person)
    assert invitation.pk == invited.pk
    assert invitation.response == Rsvp.WAITING
    assert invitation.invited_via == InvitedVia.BODY


def test_an_invitee_replying_coming_to_a_full_activity_waits_and_a_decline_promotes():
    activity = workshop(capacity=1)
    holder = ActivityInvitationFactory(activity=activity)
    waiting = ActivityInvitationFactory(activity=activity)
    invitation_services.invitation_respond(invitation=holder, response=Rsvp.ACCEPTED)
    replied = invitation_services.invitation_respond(invitation=waiting, response=Rsvp.ACCEPTED)
    assert replied.response == Rsvp.WAITING
    invitation_services.invitation_respond(invitation=holder, response=Rsvp.DECLINED)
    waiting.refresh_from_db()
    assert waiting.response == Rsvp.ACCEPTED


def test_raising_the_capacity_promotes_in_order_and_lowering_below_those_coming_is_refused(
    settings,
):
    activity = workshop(capacity=1)
    for minute, name in enumerate("ABCD"):
        settings.CONVENOR_AS_OF = AS_OF + datetime.timedelta(minutes=minute)
        book(activity, PersonFactory(name=name))
    staff = StaffUserFactory()
    activity_services.activity_update(activity=activity, actor=staff, data={"capacity": 3})
    assert responses(activity) == {
        "A": Rsvp.ACCEPTED,
        "B": Rsvp.ACCEPTED,
        "C": Rsvp.ACCEPTED,
        "D": Rsvp.WAITING,
    }
    with pytest.raises(ValidationError, match="3 people are already coming"):
        activity_services.activity_update(activity=activity, actor=staff, data={"capacity": 2})
    activity.refresh_from_db()
    assert activity.capacity == 3
    activity_services.activity_update(activity=activity, actor=staff, data={"capacity": None})
    assert set(responses(activity).values()) == {Rsvp.ACCEPTED}


def test_sign_up_closes_when_the_workshop_starts_or_is_cancelled(settings):
    activity = workshop(capacity=1)
    person = PersonFactory()
    book(activity, person)
    settings.CONVENOR_AS_OF = activity.starts_at
    with pytest.raises(ValidationError, match="has started"):
        book(activity)
    with pytest.raises(ValidationError, match="has started"):
        services.place_cancel(activity=activity, person=person, actor=None)
    settings.CONVENOR_AS_OF = AS_OF
    activity.status = ActivityStatus.CANCELLED
    activity.save()
    with pytest.raises(ValidationError, match="cancelled"):
        book(activity)
    closed = ActivityFactory(is_open_for_sign_up=False)
    with pytest.raises(ValidationError, match="not open for sign-up"):
        book(closed)


def test_the_open_list_shows_upcoming_open_workshops_with_counts():
    activity = workshop(capacity=2)
    strategy = activity.strategy
    ActivityFactory(strategy=strategy, is_open_for_sign_up=True, status=ActivityStatus.CANCELLED)
    ActivityFactory(strategy=strategy, is_open_for_sign_up=True, starts_at=AS_OF)
    ActivityFactory(strategy=strategy)
    for _ in range(3):
        book(activity)
    (listed,) = workshops_selectors.workshops_open(strategy=strategy)
    assert (listed, listed.places_taken, listed.waiting_count) == (activity, 2, 1)
    assert workshops_selectors.places_left(listed, listed.places_taken) == 0


@pytest.mark.django_db(transaction=True)
def test_capacity_is_never_exceeded_when_many_book_at_once():
    if connection.vendor != "postgresql":
        pytest.skip(
            "Threads need a database server: SQLite's in-memory test database is one connection"
        )
    activity = workshop(capacity=3)
    people = [PersonFactory() for _ in range(12)]
    start = threading.Barrier(len(people))
    errors: list[BaseException] = []

    def book_now(person):
        try:
            start.wait()
            services.place_book(activity=activity, person=person, actor=None)
        except BaseException as error:
            errors.append(error)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=book_now, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    invitations = ActivityInvitation.objects.filter(activity=activity)
    assert invitations.filter(response=Rsvp.ACCEPTED).count() == 3
    assert invitations.filter(response=Rsvp.WAITING).count() == 9
