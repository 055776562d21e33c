"""The permission-denied page tells a signed-out visitor how to sign in and come back."""

import pytest
from django.urls import reverse

from convenor.governance.choices import BodyKind
from tests.governance.factories import BodyFactory
from tests.meetings.factories import MeetingFactory

pytestmark = pytest.mark.django_db


def test_a_signed_out_visitor_to_a_closed_meeting_is_offered_sign_in_back_to_it(client):
    body = BodyFactory(kind=BodyKind.STEERING_GROUP, is_public=False)
    meeting = MeetingFactory(body=body)
    url = reverse("meetings:meeting_detail", args=[body.strategy.slug, meeting.pk])

    response = client.get(url)

    assert response.status_code == 403
    sign_in = f"{reverse('account_login')}?next={url}"
    assert f'<a class="govuk-link" href="{sign_in}">sign in</a>' in response.content.decode()
