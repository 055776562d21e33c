"""axe-core finds no WCAG 2.2 AA violation on the sounding board's pages, signed out and in;
a newcomer joins through the form."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from convenor.engagement.joining_selectors import unsubscribe_token
from tests.browser.axe import axe_violations, violations_described
from tests.engagement.factories import ParticipantFactory, SoundingBoardFactory
from tests.strategy.factories import PriorityFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LONDON = ZoneInfo("Europe/London")


def check(page: Page, url: str, status: int = 200) -> None:
    response = page.goto(url)
    assert response is not None and response.status == status, url
    violations = axe_violations(page)
    assert not violations, f"{url}\n{violations_described(violations)}"


def test_the_sounding_board_pages_are_axe_clean_signed_out_and_in(page, live_server, settings):
    settings.CONVENOR_AS_OF = datetime.datetime(2019, 5, 22, 17, 0, tzinfo=LONDON)
    board = SoundingBoardFactory(welcome="Businesses who test the draft strategy.")
    PriorityFactory.create_batch(2, strategy=board.strategy)
    participant = ParticipantFactory(sounding_board=board)
    slug = board.strategy.slug
    base = live_server.url

    # Signed out
    check(page, base + reverse("joining:home", args=[slug]))
    check(page, base + reverse("joining:join", args=[slug]))
    page.get_by_role("button", name="Join the sounding board").click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter your name")
    assert not axe_violations(page), violations_described(axe_violations(page))
    token = unsubscribe_token(participant)
    check(page, base + reverse("joining:unsubscribe", args=[slug, token]))
    check(page, base + reverse("joining:unsubscribe", args=[slug, "forged"]), status=404)

    # Joining signs the newcomer in
    page.goto(base + reverse("joining:join", args=[slug]))
    page.get_by_label("Your name").fill("Ann Example")
    page.get_by_label("Email address").fill("ann@example.org")
    page.get_by_label("Password").fill("a-long-test-password-7")
    page.get_by_label("Your organisation").fill("Orbital Widgets")
    page.get_by_label("A weekly digest").check()
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Join the sounding board").click()
    expect(page.locator(".govuk-notification-banner, .govuk-body").first).to_be_visible()

    # Signed in
    check(page, base + reverse("joining:home", args=[slug]))
    check(page, base + reverse("joining:profile", args=[slug]))
    check(page, base + reverse("joining:leave", args=[slug]))
