"""Workshop mail: place confirmed, a place given from the waiting list, reminders, the command."""

from __future__ import annotations

import datetime
from io import StringIO

import pytest
from django.core.management import call_command

from convenor.engagement import activity_services, invitation_services
from convenor.engagement import workshops_services as services
from convenor.engagement.choices import Rsvp
from convenor.engagement.models import ActivityInvitation
from convenor.stakeholders.privacy import person_erase
from tests.accounts.factories import StaffUserFactory
from tests.engagement.factories import (
    LONDON,
    ActivityFactory,
    ActivityInvitationFactory,
    ParticipantFactory,
    SoundingBoardFactory,
)
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import StrategyFactory

pytestmark = pytest.mark.django_db

AS_OF = datetime.datetime(2019, 5, 22, 12, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def as_of(settings):
    settings.CONVENOR_AS_OF = AS_OF


@pytest.fixture
def board():
    return SoundingBoardFactory(strategy=StrategyFactory(is_public=True, name="EM3 strategy"))


def workshop_of(board, **fields):
    fields.setdefault("capacity", 1)
    return ActivityFactory(
        strategy=board.strategy, is_open_for_sign_up=True, title="Towns workshop", **fields
    )


def member(board, **person):
    return ParticipantFactory(sounding_board=board, person=PersonFactory(**person)).person


def test_booking_mails_the_confirmation_with_the_calendar_and_unsubscribe_link(
    board, mailoutbox, django_capture_on_commit_callbacks
):
    activity = workshop_of(board)
    person = member(board, name="Ann", email="ann@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.place_book(activity=activity, person=person, actor=None)
    (message,) = mailoutbox
    assert message.to == ["ann@example.org"]
    assert message.subject == "Your place is booked: Towns workshop"
    assert "Wednesday 12 June 2019, 10:00 to 13:00" in message.body
    assert f"/s/{board.strategy.slug}/workshops/{activity.pk}/" in message.body
    assert "/sounding-board/unsubscribe/" in message.body
    assert message.extra_headers["List-Unsubscribe"].startswith("<")
    (attachment,) = message.attachments
    assert attachment[0] == f"activity-{activity.pk}.ics"
    assert "SUMMARY:Towns workshop" in attachment[1]


def test_joining_the_waiting_list_sends_nothing_and_a_freed_place_is_mailed(
    board, mailoutbox, django_capture_on_commit_callbacks
):
    activity = workshop_of(board)
    holder = member(board)
    waiting = member(board, email="next@example.org")
    services.place_book(activity=activity, person=holder, actor=None)
    with django_capture_on_commit_callbacks(execute=True):
        services.place_book(activity=activity, person=waiting, actor=None)
    assert mailoutbox == []
    with django_capture_on_commit_callbacks(execute=True):
        services.place_cancel(activity=activity, person=holder, actor=None)
    (message,) = mailoutbox
    assert message.to == ["next@example.org"]
    assert message.subject == "A place is free for you: Towns workshop"
    assert "you were next on the waiting list" in message.body


def test_a_staff_invitee_given_a_place_gets_their_reply_link_and_no_unsubscribe(
    board, mailoutbox, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(strategy=board.strategy, capacity=1, title="Roundtable")
    holder = ActivityInvitationFactory(activity=activity, response=Rsvp.ACCEPTED)
    waiting = ActivityInvitationFactory(
        activity=activity, response=Rsvp.WAITING, responded_at=AS_OF, person__email="w@example.org"
    )
    with django_capture_on_commit_callbacks(execute=True):
        invitation_services.invitation_respond(invitation=holder, response=Rsvp.DECLINED)
    (message,) = mailoutbox
    assert message.to == [waiting.person.email]
    assert "/rsvp/" in message.body
    assert "unsubscribe" not in message.body
    assert "List-Unsubscribe" not in message.extra_headers


def test_reminders_go_once_to_those_coming_within_two_days(
    board, mailoutbox, django_capture_on_commit_callbacks
):
    soon = workshop_of(board, capacity=None, starts_at=AS_OF + datetime.timedelta(days=1))
    later = workshop_of(board, capacity=None, starts_at=AS_OF + datetime.timedelta(days=3))
    coming = member(board, email="coming@example.org")
    leaving = member(board)
    for activity in (soon, later):
        services.place_book(activity=activity, person=coming, actor=None)
    services.place_book(activity=soon, person=leaving, actor=None)
    services.place_cancel(activity=soon, person=leaving, actor=None)
    mailoutbox.clear()
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_workshop_reminders", stdout=out)
    assert "Sent 1 reminder(s)." in out.getvalue()
    (message,) = mailoutbox
    assert message.to == ["coming@example.org"]
    assert message.subject.startswith("Reminder: Towns workshop, Thursday 23 May 2019")
    assert message.attachments[0][0] == f"activity-{soon.pk}.ics"
    invitation = ActivityInvitation.objects.get(activity=soon, person=coming)
    assert invitation.reminded_at is not None
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_workshop_reminders", stdout=StringIO())
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("path", ["confirmed", "given", "reminder"])
def test_opted_out_erased_and_emailless_people_get_no_workshop_mail(
    board, path, mailoutbox, django_capture_on_commit_callbacks
):
    staff = StaffUserFactory()
    blocked = [member(board, opted_out=True), member(board, email=""), member(board)]
    person_erase(person=blocked[2], actor=staff)
    starts_at = AS_OF + datetime.timedelta(days=1)
    activity = workshop_of(board, capacity=1 if path == "given" else None, starts_at=starts_at)
    holder = member(board)
    with django_capture_on_commit_callbacks(execute=True):
        if path == "given":
            services.place_book(activity=activity, person=holder, actor=None)
        for person in blocked:
            services.place_book(activity=activity, person=person, actor=None)
    if path == "confirmed":
        assert set(activity.invitations.values_list("response", flat=True)) == {Rsvp.ACCEPTED}
        assert mailoutbox == []
        return
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        if path == "given":
            activity_services.activity_update(activity=activity, actor=staff, data={"capacity": 9})
            assert activity.invitations.filter(response=Rsvp.ACCEPTED).count() == 4
        else:
            reminded = services.reminders_send(actor=None)
            assert reminded == []
    assert mailoutbox == []
    if path == "reminder":
        assert not activity.invitations.filter(reminded_at__isnull=False).exists()
