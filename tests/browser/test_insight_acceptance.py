"""Issue 8's acceptance in a browser: on the demo, staff open the insight page of the early beta
statement's reaction window, relabel a theme, confirm a suggested priority tag, link the theme
to a change in an intervention's lifecycle, rebuild the engagement report, and its "you said,
we did" shows the link. axe-core checks the insight pages on the way (the strategy's, with its
opinion map, the window's, the link form and "you said, we did").
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from convenor.insights.choices import TagStatus, ThemeScope
from convenor.insights.forms import CHANGE
from convenor.insights.models import PriorityTag, Theme, YouSaid
from convenor.interventions.models import StageChange
from convenor.publishing.models import Publication
from convenor.scenarios.demo import DemoLogin
from tests.browser.axe import axe_violations, violations_described
from tests.browser.session import sign_in
from tests.browser.test_publishing_acceptance import run_worker_once

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WINDOW_KEY = "early-beta-statement-draft"
NEW_LABEL = "How the strategy is being made"


def axe_clean(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}\n{violations_described(violations)}"


def test_staff_relabel_confirm_and_link_and_the_engagement_report_shows_it(
    page: Page, live_server, lead_login: DemoLogin
):
    theme = (
        Theme.objects.filter(run__scope=ThemeScope.WINDOW, run__window__key=WINDOW_KEY)
        .select_related("run__strategy", "run__window")
        .order_by("-run__finished_at", "number")
        .first()
    )
    assert theme is not None, "the demo's reaction window has themes once loaded"
    strategy, window = theme.run.strategy, theme.run.window
    sign_in(page, live_server.url, lead_login)

    # The strategy's insight page: its themes, coverage and opinion groups with their map.
    page.goto(live_server.url + reverse("insights_staff:strategy", args=[strategy.slug]))
    expect(page.locator("#opinion-groups")).to_have_text("Opinion groups")
    expect(page.locator("svg[role=img]").first).to_be_visible()
    axe_clean(page)

    # The window's insight page: its themes, with their terms and quotes.
    page.goto(live_server.url + reverse("insights_staff:window", args=[strategy.slug, window.pk]))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Insight on {window.title}")
    card = page.locator(f"#theme-{theme.pk}")
    expect(card).to_contain_text(", ".join(theme.terms))
    axe_clean(page)

    # Relabel the theme.
    card.get_by_role("link", name=f"Relabel theme {theme.number}").click()
    page.get_by_label("Label").fill(NEW_LABEL)
    page.get_by_role("button", name="Save the label").click()
    card = page.locator(f"#theme-{theme.pk}")
    expect(card.get_by_role("heading", level=3)).to_have_text(f"Theme {theme.number}: {NEW_LABEL}")
    theme.refresh_from_db()
    assert theme.label == NEW_LABEL

    # Confirm the first suggested priority tag waiting in this window.
    suggestion = (
        PriorityTag.objects.filter(text__window=window, status=TagStatus.SUGGESTED)
        .select_related("priority")
        .order_by("-confidence", "text_id", "priority__number")
        .first()
    )
    assert suggestion is not None, "the demo's reaction window has suggestions to decide"
    page.locator(f"#tag-{suggestion.pk}").get_by_role(
        "button", name=f"Confirm priority {suggestion.priority.number} for this text"
    ).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        f"Confirmed priority {suggestion.priority.number}"
    )
    suggestion.refresh_from_db()
    assert suggestion.status == TagStatus.CONFIRMED
    assert suggestion.decided_by is not None and suggestion.decided_by.email == lead_login.email

    # Link the theme to a change in an intervention's lifecycle.
    change = (
        StageChange.objects.filter(intervention__priority__strategy=strategy)
        .select_related("intervention")
        .order_by("at", "pk")
        .first()
    )
    assert change is not None
    page.goto(live_server.url + reverse("insights_staff:window", args=[strategy.slug, window.pk]))
    page.locator(f"#theme-{theme.pk}").get_by_role(
        "link", name=f"Link to what we did about theme {theme.number}"
    ).click()
    axe_clean(page)
    page.get_by_label("What answers it").select_option(f"{CHANGE}-{change.pk}")
    page.get_by_role("button", name="Link them").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("You said, we did")
    expect(page.locator("main")).to_contain_text(NEW_LABEL)
    expect(page.locator("main")).to_contain_text(change.intervention.title)
    axe_clean(page)
    link = YouSaid.objects.get(theme=theme)
    assert (link.said, link.stage_change_id) == (NEW_LABEL, change.pk)

    # The engagement report, built again, says so in "you said, we did".
    report = Publication.objects.get(strategy=strategy, kind="engagement-report")
    version = report.versions.order_by("-number").first()
    assert version is not None
    page.goto(
        live_server.url
        + reverse(
            "publishing_staff:version_detail", args=[strategy.slug, report.slug, version.number]
        )
    )
    page.get_by_role("button", name="Build the files").click()
    run_worker_once()
    expect(page.locator("#build-progress")).to_contain_text("Built", timeout=20_000)
    page.goto(
        live_server.url
        + reverse(
            "publishing:version_file",
            args=[strategy.slug, report.slug, version.number, "html"],
        )
    )
    table = page.locator("table", has=page.locator("caption", has_text="You said, we did"))
    row = table.locator("tr", has_text=NEW_LABEL)
    expect(row).to_have_count(1)
    expect(row).to_contain_text(change.intervention.title)
