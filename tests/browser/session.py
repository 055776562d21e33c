"""Signing in and out in the browser, as a person does: the sign-in form and the Sign out button."""

from __future__ import annotations

from django.urls import reverse
from playwright.sync_api import Page, expect

from convenor.scenarios.demo import DemoLogin


def sign_in(page: Page, base_url: str, login: DemoLogin) -> None:
    """Sign in through the sign-in page with the login's email address and password."""
    page.goto(base_url + reverse("account_login"))
    page.get_by_label("Email", exact=True).fill(login.email)
    page.get_by_label("Password", exact=True).fill(login.password)
    page.get_by_label("Password", exact=True).press("Enter")
    expect(page.locator("footer")).to_contain_text(f"Signed in as {login.email}")


def sign_out(page: Page) -> None:
    """Press the header's Sign out button."""
    page.get_by_role("button", name="Sign out").click()
    expect(page.locator("footer")).not_to_contain_text("Signed in as")
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
