"""Signing in with the keyboard alone: from the home page to the staff area."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser


def focused_element(page: Page) -> str:
    """The focused element, as a short description for messages."""
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return `${e.tagName.toLowerCase()} ${e.getAttribute('name') || ''}"
        " ${(e.textContent || '').trim().slice(0, 30)}`.trim(); }"
    )


def tab_to(page: Page, selector: str, *, most: int = 40) -> None:
    """Press Tab until the element matching `selector` has the focus, as a keyboard user would."""
    seen = []
    for _ in range(most):
        page.keyboard.press("Tab")
        if page.evaluate("selector => document.activeElement.matches(selector)", selector):
            return
        seen.append(focused_element(page))
    pytest.fail(f"{most} presses of Tab never reached {selector}; focus went to: {seen}")


def test_strategy_lead_signs_in_with_the_keyboard_alone(page, live_server, lead_login):
    page.goto(live_server.url + reverse("strategy:home"))

    tab_to(page, f'a[href="{reverse("account_login")}"]')
    page.keyboard.press("Enter")
    page.wait_for_url(live_server.url + reverse("account_login"))
    tab_to(page, 'input[name="login"]')
    page.keyboard.type(lead_login.email)
    tab_to(page, 'input[name="password"]')
    page.keyboard.type(lead_login.password)
    page.keyboard.press("Enter")

    page.wait_for_url(live_server.url + reverse("strategy_staff:home"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("footer")).to_contain_text(f"Signed in as {lead_login.email}")


def test_a_wrong_password_keeps_the_lead_on_the_sign_in_page(page, live_server, lead_login):
    page.goto(live_server.url + reverse("account_login"))

    tab_to(page, 'input[name="login"]')
    page.keyboard.type(lead_login.email)
    tab_to(page, 'input[name="password"]')
    page.keyboard.type(lead_login.password + "-wrong")
    page.keyboard.press("Enter")

    expect(
        page.get_by_text("The email address and/or password you specified are not correct.").first
    ).to_be_visible()
    assert page.url == live_server.url + reverse("account_login")
    expect(page.locator("footer")).not_to_contain_text("Signed in as")
