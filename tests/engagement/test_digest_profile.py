"""The profile page says when a weekly member's last digest was sent."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from convenor.engagement.choices import NotificationChoice
from tests.accounts.factories import UserFactory
from tests.engagement.factories import ParticipantFactory
from tests.stakeholders.factories import PersonFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
ROW = "Last weekly digest"


def profile(client, **participant: object) -> str:
    user = UserFactory()
    member = ParticipantFactory(person=PersonFactory(user=user), **participant)
    client.force_login(user)
    response = client.get(reverse("joining:profile", args=[member.sounding_board.strategy.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_weekly_member_sees_when_the_last_digest_went(client):
    page = profile(
        client,
        notifications=NotificationChoice.WEEKLY,
        digest_sent_at=datetime.datetime(2019, 5, 15, 23, 30, tzinfo=datetime.UTC),
    )
    assert ROW in page
    assert "Sent 16 May 2019" in page  # 00:30 on the 16th in London


def test_a_weekly_member_with_no_digest_yet_is_told_so(client):
    page = profile(client, notifications=NotificationChoice.WEEKLY)
    assert ROW in page and "Not sent yet" in page


def test_members_who_chose_otherwise_see_no_digest_row(client):
    assert ROW not in profile(client, notifications=NotificationChoice.IMMEDIATE)
