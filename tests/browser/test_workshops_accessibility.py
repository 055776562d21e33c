"""axe-core finds no violation on the workshop pages; a member books a place by keyboard."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from convenor.engagement import workshops_services
from tests.accounts.factories import PASSWORD, StaffUserFactory, UserFactory
from tests.browser.axe import axe_violations, violations_described
from tests.engagement.factories import (
    LONDON,
    ActivityFactory,
    ParticipantFactory,
    SoundingBoardFactory,
)
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import PriorityFactory, StrategyFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

AS_OF = datetime.datetime(2019, 5, 22, 12, 0, tzinfo=LONDON)


def check(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    violations = axe_violations(page)
    assert not violations, f"{url}\n{violations_described(violations)}"


def sign_in(page: Page, base: str, email: str) -> None:
    page.goto(base + reverse("account_login"))
    page.get_by_label("Email", exact=True).fill(email)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password", exact=True).press("Enter")
    expect(page.locator("footer")).to_contain_text(f"Signed in as {email}")


def test_workshop_pages_are_clean_and_a_member_books_by_keyboard(page, live_server, settings):
    settings.CONVENOR_AS_OF = AS_OF
    board = SoundingBoardFactory(strategy=StrategyFactory(is_public=True))
    strategy = board.strategy
    full = ActivityFactory(
        strategy=strategy, is_open_for_sign_up=True, capacity=1, title="Towns workshop"
    )
    full.priorities.set([PriorityFactory(strategy=strategy)])
    ActivityFactory(
        strategy=strategy,
        is_open_for_sign_up=True,
        capacity=None,
        title="Skills workshop",
        place="",
        online_url="https://meet.example.org/skills",
    )
    workshops_services.place_book(activity=full, person=PersonFactory(), actor=None)
    user = UserFactory(email="member@example.org")
    ParticipantFactory(sounding_board=board, person=PersonFactory(user=user))
    base = live_server.url
    list_url = base + reverse("workshops:workshop_list", args=[strategy.slug])
    detail_url = base + reverse("workshops:workshop_detail", args=[strategy.slug, full.pk])

    check(page, list_url)  # signed out
    expect(page.get_by_role("heading", level=1)).to_have_text("Workshops")
    check(page, detail_url)

    sign_in(page, base, user.email)
    check(page, list_url)
    check(page, detail_url)
    page.get_by_role("button", name="Join the waiting list").focus()
    page.keyboard.press("Enter")
    expect(page.locator(".govuk-inset-text")).to_contain_text("number 1 on the waiting list")
    violations = axe_violations(page)
    assert not violations, violations_described(violations)

    staff = StaffUserFactory(email="staff@example.org")
    page.context.clear_cookies()
    sign_in(page, base, staff.email)
    check(page, base + reverse("workshops_staff:signups", args=[strategy.slug, full.pk]))
    expect(page.locator("#waiting")).to_contain_text(user.person.name)
