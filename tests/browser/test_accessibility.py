"""axe-core finds no WCAG 2.2 A or AA violation on the demo's pages, public and staff."""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page

from convenor.governance.models import Body
from convenor.strategy.models import Strategy
from tests.browser.axe import axe_violations, violations_described

pytestmark = pytest.mark.browser


def assert_no_violations(page: Page, paths: list[str], base_url: str) -> None:
    """Visit each path and check it with axe; fail listing every violation on every page."""
    found = {}
    for path in paths:
        response = page.goto(base_url + path)
        assert response is not None and response.status == 200, f"{path}: {response}"
        violations = axe_violations(page)
        if violations:
            found[path] = violations_described(violations)
    report = "\n\n".join(f"== {path}\n{described}" for path, described in found.items())
    assert not found, f"axe-core found WCAG 2.2 AA violations:\n\n{report}"


def test_home_page_has_no_violations(page, live_server, demo_logins):
    assert_no_violations(page, [reverse("strategy:home")], live_server.url)


def test_every_priority_page_has_no_violations(page, live_server, demo_logins):
    strategy = Strategy.objects.get()
    paths = [
        reverse("strategy:priority_detail", kwargs={"slug": strategy.slug, "number": number})
        for number in strategy.priorities.values_list("number", flat=True)
    ]
    assert len(paths) == 9

    assert_no_violations(page, paths, live_server.url)


def test_every_body_page_and_the_body_list_have_no_violations(page, live_server, demo_logins):
    strategy = Strategy.objects.get()
    body_slugs = Body.objects.filter(strategy=strategy).values_list("slug", flat=True)
    paths = [reverse("governance:body_list", kwargs={"slug": strategy.slug})] + [
        reverse("governance:body_detail", kwargs={"slug": strategy.slug, "body_slug": body_slug})
        for body_slug in body_slugs
    ]
    assert len(paths) > 10

    assert_no_violations(page, paths, live_server.url)


def test_sign_in_page_has_no_violations(page, live_server, demo_logins):
    assert_no_violations(page, [reverse("account_login")], live_server.url)


def test_staff_home_has_no_violations(page, live_server, lead_login):
    page.goto(live_server.url + reverse("account_login"))
    page.locator('input[name="login"]').fill(lead_login.email)
    page.locator('input[name="password"]').fill(lead_login.password)
    page.locator('input[name="password"]').press("Enter")
    page.wait_for_url(live_server.url + reverse("strategy_staff:home"))

    assert_no_violations(page, [reverse("strategy_staff:home")], live_server.url)
