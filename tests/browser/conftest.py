"""Fixtures for the browser tests: Debian's Chromium driven by Playwright, and the demo loaded."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from convenor.cli import DEMO_SCENARIO
from convenor.scenarios.demo import DemoLogin, demo_logins_create
from convenor.scenarios.loader import scenario_load

# Playwright's sync API keeps an event loop running in the test's thread; without this Django
# refuses the ORM calls the fixtures make there, though nothing here runs concurrently.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
# Playwright's own browser download cannot run here, so it drives Debian's Chromium instead.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole run; each test gets its own context and page."""
    if not CHROMIUM.exists():
        pytest.skip(
            f"{CHROMIUM} is not installed: `bash scripts/test` installs Debian's chromium when it "
            "runs as root (apt-get install chromium fonts-liberation libharfbuzz-subset0)"
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page (no cookies) in a desktop-sized window."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(15_000)
    new_page = context.new_page()
    yield new_page
    context.close()


@pytest.fixture
def demo_logins(transactional_db: None, live_server: Any) -> list[DemoLogin]:
    """The Enterprise M3 demo loaded into the live server's database, and its demo logins."""
    scenario_load(path=DEMO_SCENARIO, build_publications=False)
    return demo_logins_create(path=DEMO_SCENARIO)


@pytest.fixture
def lead_login(demo_logins: list[DemoLogin]) -> DemoLogin:
    """The demo login of the strategy lead, who is staff."""
    (lead,) = [login for login in demo_logins if "strategy lead" in login.role.lower()]
    return lead
