"""Inviting an audience to an activity, reminders, replies, attendance and walk-ins (services)."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from convenor.core.models import AuditEvent
from convenor.engagement import invitation_services as services
from convenor.engagement.choices import ActivityAttendance, ActivityStatus, InvitedVia, Rsvp
from convenor.engagement.invitation_selectors import audience_people, audience_preview
from convenor.engagement.models import ActivityInvitation
from convenor.stakeholders.privacy import person_erase
from tests.accounts.factories import StaffUserFactory
from tests.engagement.factories import (
    ActivityFactory,
    ActivityInvitationFactory,
    SegmentFactory,
)
from tests.governance.factories import BodyFactory, MembershipFactory
from tests.stakeholders.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
AS_OF = datetime.datetime(2019, 5, 22, 17, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _clock_and_mail(settings):
    settings.CONVENOR_AS_OF = AS_OF
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def staff():
    return StaffUserFactory()


def names(invitees) -> list[str]:
    return [invitee.person.name for invitee in invitees]


# Audiences


def test_a_body_brings_in_its_current_members_only():
    body = BodyFactory()
    current = PersonFactory(name="Ann Current")
    MembershipFactory(body=body, person=current, starts_on=datetime.date(2019, 1, 1))
    MembershipFactory(
        body=body,
        person=PersonFactory(name="Len Left"),
        starts_on=datetime.date(2018, 1, 1),
        ends_on=datetime.date(2019, 3, 31),
    )
    MembershipFactory(
        body=body, person=PersonFactory(name="Fay Future"), starts_on=datetime.date(2019, 9, 1)
    )

    reached = audience_people(bodies=[body])

    assert [invitee.person.name for invitee in reached.values()] == ["Ann Current"]
    assert reached[current.pk].via == InvitedVia.BODY


def test_a_segment_brings_in_the_people_its_filters_select():
    university = OrganisationFactory(kind="university", name="University of Surrey")
    PersonFactory(name="Una Uni", organisation=university)
    PersonFactory(name="Bob Business")
    segment = SegmentFactory(filters={"kind": ["university"]})

    reached = audience_people(segments=[segment])

    assert [(i.person.name, i.via) for i in reached.values()] == [("Una Uni", InvitedVia.SEGMENT)]


def test_the_union_counts_each_person_once_by_the_first_way_that_reached_them():
    body = BodyFactory()
    both = PersonFactory(name="Bea Both")
    MembershipFactory(body=body, person=both)
    picked = PersonFactory(name="Pat Picked")
    university = OrganisationFactory(kind="university")
    uni = PersonFactory(name="Una Uni", organisation=university)
    both.organisation = university
    both.save()
    segment = SegmentFactory(filters={"kind": ["university"]})

    reached = audience_people(bodies=[body], segments=[segment], people=[picked, both, uni])

    assert sorted((i.person.name, i.via) for i in reached.values()) == [
        ("Bea Both", InvitedVia.BODY),
        ("Pat Picked", InvitedVia.HAND_PICKED),
        ("Una Uni", InvitedVia.SEGMENT),
    ]


def test_the_preview_says_who_is_invited_emailed_or_not_and_already_invited(staff):
    activity = ActivityFactory()
    fine = PersonFactory(name="Amy Able")
    opted_out = PersonFactory(name="Olly Optout", opted_out=True)
    no_email = PersonFactory(name="Ned Noemail", email="")
    erased = person_erase(person=PersonFactory(name="Eve Erased"), actor=staff)
    already = PersonFactory(name="Al Ready")
    ActivityInvitationFactory(activity=activity, person=already)

    preview = audience_preview(
        activity=activity, people=[fine, opted_out, no_email, erased, already]
    )

    assert names(preview.to_email) == ["Amy Able"]
    assert [(i.person.name, i.reason_not_emailed) for i in preview.not_emailed] == [
        (erased.name, "erased"),
        ("Ned Noemail", "no email address"),
        ("Olly Optout", "opted out of contact"),
    ]
    assert [person.name for person in preview.already_invited] == ["Al Ready"]
    assert len(preview.to_invite) == 4


# Sending


def test_sending_invites_everyone_new_emails_the_contactable_and_marks_the_activity(
    staff, django_capture_on_commit_callbacks
):
    activity = ActivityFactory(status=ActivityStatus.PLANNED)
    fine = PersonFactory(name="Amy Able", email="amy@example.org")
    opted_out = PersonFactory(name="Olly Optout", opted_out=True)

    with django_capture_on_commit_callbacks(execute=True):
        run = services.invitations_send(activity=activity, actor=staff, people=[fine, opted_out])

    assert sorted(i.person.name for i in run.created) == ["Amy Able", "Olly Optout"]
    assert [i.person.name for i in run.emailed] == ["Amy Able"]
    assert [m.to for m in mail.outbox] == [["amy@example.org"]]
    rows = ActivityInvitation.objects.filter(activity=activity).order_by("person__name")
    assert [(i.person.name, i.invited_via, i.sent_at) for i in rows] == [
        ("Amy Able", InvitedVia.HAND_PICKED, AS_OF),
        ("Olly Optout", InvitedVia.HAND_PICKED, None),
    ]
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.INVITATIONS_SENT
    event = AuditEvent.objects.get(verb="sent invitations")
    assert event.detail == {"invited": [fine.pk, opted_out.pk], "emailed": [fine.pk]}


def test_a_second_run_emails_nobody_twice(staff, django_capture_on_commit_callbacks):
    activity = ActivityFactory()
    first = PersonFactory(email="first@example.org")
    second = PersonFactory(email="second@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        services.invitations_send(activity=activity, actor=staff, people=[first])
    with django_capture_on_commit_callbacks(execute=True):
        run = services.invitations_send(activity=activity, actor=staff, people=[first, second])

    assert [i.person for i in run.created] == [second]
    assert sorted(address for m in mail.outbox for address in m.to) == [
        "first@example.org",
        "second@example.org",
    ]


def test_a_run_with_nobody_new_is_refused_and_sends_nothing(
    staff, django_capture_on_commit_callbacks
):
    invitation = ActivityInvitationFactory()

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError) as error:
        services.invitations_send(
            activity=invitation.activity, actor=staff, people=[invitation.person]
        )

    assert error.value.messages == ["Everyone in this audience is already invited: nobody to add."]
    assert mail.outbox == []


def test_a_cancelled_activity_takes_no_invitations(staff):
    activity = ActivityFactory(status=ActivityStatus.CANCELLED)

    with pytest.raises(ValidationError):
        services.invitations_send(activity=activity, actor=staff, people=[PersonFactory()])

    assert not ActivityInvitation.objects.exists()


def test_a_held_activity_keeps_its_status_when_more_are_invited(staff):
    activity = ActivityFactory(status=ActivityStatus.HELD)

    services.invitations_send(activity=activity, actor=staff, people=[PersonFactory()])

    activity.refresh_from_db()
    assert activity.status == ActivityStatus.HELD


# Reminders


def test_reminders_go_to_those_emailed_who_have_not_replied(
    staff, django_capture_on_commit_callbacks
):
    activity = ActivityFactory()
    pending = ActivityInvitationFactory(
        activity=activity, sent_at=AS_OF, person=PersonFactory(email="pending@example.org")
    )
    ActivityInvitationFactory(activity=activity, sent_at=AS_OF, response=Rsvp.ACCEPTED)
    ActivityInvitationFactory(activity=activity, sent_at=None)  # never emailed
    ActivityInvitationFactory(
        activity=activity, sent_at=AS_OF, person=PersonFactory(opted_out=True)
    )

    with django_capture_on_commit_callbacks(execute=True):
        reminded = services.invitations_remind(activity=activity, actor=staff)

    assert reminded == [pending]
    assert [m.to for m in mail.outbox] == [["pending@example.org"]]
    assert mail.outbox[0].subject.startswith("Reminder, please reply: ")


def test_reminders_are_refused_after_the_start_or_when_nobody_is_left(staff):
    past = ActivityFactory(starts_at=datetime.datetime(2019, 5, 1, 10, tzinfo=LONDON))
    ActivityInvitationFactory(activity=past, sent_at=AS_OF)
    with pytest.raises(ValidationError, match="already started"):
        services.invitations_remind(activity=past, actor=staff)

    replied = ActivityFactory()
    ActivityInvitationFactory(activity=replied, sent_at=AS_OF, response=Rsvp.DECLINED)
    with pytest.raises(ValidationError, match="nobody to remind"):
        services.invitations_remind(activity=replied, actor=staff)


# Replies


def test_a_reply_is_recorded_with_its_time_and_an_audit_event_of_ids_only():
    invitation = ActivityInvitationFactory(person=PersonFactory(name="Rhiannon Reply"))

    services.invitation_respond(invitation=invitation, response=Rsvp.ACCEPTED)

    invitation.refresh_from_db()
    assert (invitation.response, invitation.responded_at) == (Rsvp.ACCEPTED, AS_OF)
    event = AuditEvent.objects.get(verb="invitee replied")
    assert event.actor is None
    assert event.detail == {
        "invitation": invitation.pk,
        "person": invitation.person_id,
        "response": "accepted",
    }
    assert "Rhiannon" not in event.target_repr


def test_a_reply_to_a_cancelled_activity_is_refused():
    invitation = ActivityInvitationFactory(activity=ActivityFactory(status="cancelled"))

    with pytest.raises(ValidationError, match="cancelled"):
        services.invitation_respond(invitation=invitation, response=Rsvp.ACCEPTED)

    invitation.refresh_from_db()
    assert invitation.response == Rsvp.PENDING


# Attendance and walk-ins


def test_attendance_is_recorded_and_a_past_activity_becomes_held(staff, settings):
    activity = ActivityFactory(status=ActivityStatus.INVITATIONS_SENT)
    came, absent = ActivityInvitationFactory.create_batch(2, activity=activity)
    settings.CONVENOR_AS_OF = datetime.datetime(2019, 6, 13, 9, 0, tzinfo=LONDON)

    changed = services.attendance_record(
        activity=activity,
        actor=staff,
        attendance={came: ActivityAttendance.ATTENDED, absent: ActivityAttendance.ABSENT},
    )

    assert changed == [came, absent]
    assert AuditEvent.objects.get(verb="recorded attendance").detail == {
        "attendance": {str(came.person_id): "attended", str(absent.person_id): "absent"}
    }
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.HELD


def test_attendance_recorded_before_the_day_leaves_the_status(staff):
    activity = ActivityFactory(status=ActivityStatus.INVITATIONS_SENT)
    invitation = ActivityInvitationFactory(activity=activity)

    services.attendance_record(
        activity=activity, actor=staff, attendance={invitation: ActivityAttendance.ATTENDED}
    )

    activity.refresh_from_db()
    assert activity.status == ActivityStatus.INVITATIONS_SENT


def test_a_walk_in_is_recorded_as_attended_hand_picked_and_not_emailed(
    staff, django_capture_on_commit_callbacks
):
    activity = ActivityFactory()
    person = PersonFactory()

    with django_capture_on_commit_callbacks(execute=True):
        invitation = services.walk_in_add(activity=activity, actor=staff, person=person)

    assert (invitation.attendance, invitation.invited_via, invitation.sent_at) == (
        ActivityAttendance.ATTENDED,
        InvitedVia.HAND_PICKED,
        None,
    )
    assert mail.outbox == []
    with pytest.raises(ValidationError, match="already invited"):
        services.walk_in_add(activity=activity, actor=staff, person=person)


def test_an_invitation_of_someone_who_attended_cannot_be_removed(staff):
    attended = ActivityInvitationFactory(attendance=ActivityAttendance.ATTENDED)
    withdrawn = ActivityInvitationFactory()

    with pytest.raises(ValidationError, match="attended"):
        services.invitation_delete(invitation=attended, actor=staff)
    services.invitation_delete(invitation=withdrawn, actor=staff)

    assert list(ActivityInvitation.objects.all()) == [attended]
