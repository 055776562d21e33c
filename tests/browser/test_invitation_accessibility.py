"""axe-core finds no WCAG 2.2 AA violation on invitation pages; an invitee replies by keyboard."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from convenor.engagement.invitation_selectors import invitation_token
from tests.accounts.factories import PASSWORD, StaffUserFactory
from tests.browser.axe import axe_violations, violations_described
from tests.engagement.factories import ActivityFactory, ActivityInvitationFactory
from tests.governance.factories import BodyFactory, MembershipFactory
from tests.stakeholders.factories import PersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONDON = ZoneInfo("Europe/London")


def check(page: Page, url: str, status: int = 200) -> None:
    response = page.goto(url)
    assert response is not None and response.status == status, url
    violations = axe_violations(page)
    assert not violations, f"{url}\n{violations_described(violations)}"


@pytest.fixture
def invitation(settings):
    settings.CONVENOR_AS_OF = datetime.datetime(2019, 5, 22, 17, 0, tzinfo=LONDON)
    activity = ActivityFactory(
        title="Exporting workshop",
        purpose="Test the exporting priorities.",
        starts_at=datetime.datetime(2019, 6, 12, 10, 0, tzinfo=LONDON),
        online_url="https://meet.example.org/x",
    )
    body = BodyFactory(strategy=activity.strategy, name="Skills action group")
    MembershipFactory(body=body, person=PersonFactory(name="Mo Member"))
    PersonFactory(name="Pip Picked")
    return ActivityInvitationFactory(
        activity=activity, person=PersonFactory(name="Ivy Invitee"), sent_at=settings.CONVENOR_AS_OF
    )


def test_an_invitee_replies_by_keyboard_on_pages_axe_finds_clean(page, live_server, invitation):
    token = invitation_token(invitation)
    url = live_server.url + reverse("engagement:rsvp", args=[token])
    check(page, live_server.url + reverse("engagement:rsvp", args=["forged"]), status=404)
    check(page, url)

    page.get_by_role("button", name="Send reply").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Say whether you are coming")
    page.get_by_label("Yes, I am coming").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Send reply").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-panel")).to_contain_text("You are coming")
    violations = axe_violations(page)
    assert not violations, violations_described(violations)


def test_the_staff_invitation_pages_have_no_violations(page, live_server, invitation):
    staff = StaffUserFactory(email="staff@example.org")
    page.goto(live_server.url + reverse("account_login"))
    page.get_by_label("Email", exact=True).fill(staff.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password", exact=True).press("Enter")
    expect(page.locator("footer")).to_contain_text("Signed in as staff@example.org")
    activity = invitation.activity
    body = activity.strategy.bodies.get()

    def staff_url(name: str, query: str = "") -> str:
        path = reverse(f"engagement_staff:{name}", args=[activity.strategy.slug, activity.pk])
        return f"{live_server.url}{path}{query}"

    for url in (
        staff_url("invitation_list"),
        staff_url("invite", "?q=Pip&action=search"),
        staff_url("invite", "?action=preview"),
        staff_url("invite", f"?bodies={body.pk}&action=preview"),
        staff_url("remind"),
        staff_url("attendance", "?q=Pip"),
    ):
        check(page, url)
