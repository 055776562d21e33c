"""A mail server that fails after the change is saved: the change stays, the failure is logged."""

import datetime
import logging
from zoneinfo import ZoneInfo

import pytest
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction

from convenor.governance.choices import BodyKind
from convenor.meetings.models import Invitation
from convenor.meetings.notifications import invitations_notify
from tests.governance.factories import BodyFactory
from tests.meetings.factories import InvitationFactory, MeetingFactory
from tests.stakeholders.factories import PersonFactory

LONDON = ZoneInfo("Europe/London")


class RefusingBackend(BaseEmailBackend):
    """A mail server that is down."""

    def send_messages(self, email_messages):
        raise ConnectionRefusedError("mail server down")


@pytest.mark.django_db(transaction=True)
def test_a_failing_mail_server_is_logged_and_the_invitation_is_kept(settings, caplog):
    settings.EMAIL_BACKEND = "tests.meetings.test_mail_failure.RefusingBackend"
    body = BodyFactory(kind=BodyKind.ACTION_GROUP, is_public=True)
    meeting = MeetingFactory(
        body=body, starts_at=datetime.datetime(2019, 5, 22, 10, 0, tzinfo=LONDON)
    )
    invitation = InvitationFactory(meeting=meeting, person=PersonFactory(email="jo@example.org"))

    with caplog.at_level(logging.ERROR, logger="django.db.backends.base"), transaction.atomic():
        invitations_notify(meeting=meeting, invitations=[invitation])
        # The block committed and ran the mail callback, which failed: no exception reaches here.

    assert Invitation.objects.filter(pk=invitation.pk).exists()
    assert any("send_invitations" in record.getMessage() for record in caplog.records), [
        record.getMessage() for record in caplog.records
    ]
