"""axe-core finds no violation on the statement pages; a member votes and submits by keyboard."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from tests.accounts.factories import PASSWORD, UserFactory
from tests.browser.axe import axe_violations, violations_described
from tests.engagement.factories import ParticipantFactory, SoundingBoardFactory, StatementFactory
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import StrategyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    violations = axe_violations(page)
    assert not violations, f"{url}\n{violations_described(violations)}"


def test_statement_pages_are_clean_and_work_by_keyboard(page, live_server):
    board = SoundingBoardFactory(strategy=StrategyFactory(is_public=True))
    strategy = board.strategy
    StatementFactory.create_batch(3, strategy=strategy)
    user = UserFactory(email="member@example.org")
    ParticipantFactory(sounding_board=board, person=PersonFactory(user=user))
    vote_url = live_server.url + reverse("statements:vote", args=[strategy.slug])
    check(page, vote_url)  # signed out: the list
    expect(page.get_by_role("heading", level=1)).to_have_text("Statements")

    page.goto(live_server.url + reverse("account_login"))
    page.get_by_label("Email", exact=True).fill(user.email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password", exact=True).press("Enter")
    expect(page.locator("footer")).to_contain_text("Signed in as member@example.org")

    check(page, vote_url)
    for expected in ("1 of 3 voted", "2 of 3 voted"):
        page.get_by_role("button", name="Agree", exact=True).focus()
        page.keyboard.press("Enter")
        expect(page.locator("#progress")).to_have_text(expected)
    page.get_by_role("button", name="Disagree").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-panel__title")).to_have_text("You have voted on every statement")
    violations = axe_violations(page)
    assert not violations, violations_described(violations)

    check(page, live_server.url + reverse("statements:submit", args=[strategy.slug]))
    page.get_by_label("Your statement").focus()
    page.keyboard.type("Every town centre needs fast broadband.")
    page.get_by_role("button", name="Submit statement").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#submitted + table")).to_contain_text("Waiting for moderation")
    violations = axe_violations(page)
    assert not violations, violations_described(violations)
