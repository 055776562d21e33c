"""In a browser: the intervention pages are axe-clean, and a member links evidence by keyboard."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from convenor.evidence.choices import QualityRating
from convenor.interventions.choices import InterventionStage
from tests.browser.axe import axe_violations, violations_described
from tests.browser.test_documents_accessibility import sign_in
from tests.evidence.factories import EvidenceItemFactory
from tests.interventions.conftest import world  # noqa: F401  (the fixture)
from tests.interventions.factories import (
    DeliveryMilestoneFactory,
    ProgressUpdateFactory,
    SupportFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def check(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    violations = axe_violations(page)
    assert not violations, f"{url}\n{violations_described(violations)}"


def test_intervention_pages_have_no_violations(page, live_server, world):  # noqa: F811
    intervention = world.intervention
    intervention.stage = InterventionStage.AGREED
    intervention.save()
    support = SupportFactory(intervention=intervention, organisation=world.lep)
    milestone = DeliveryMilestoneFactory(
        intervention=intervention, due_on=datetime.date(2020, 1, 1)
    )
    ProgressUpdateFactory(intervention=intervention)
    EvidenceItemFactory(strategy=world.strategy, title="Towns study")
    sign_in(page, live_server.url, world.staff.email)
    slug, pk = world.strategy.slug, intervention.pk
    names = [
        ("intervention_list", []),
        ("delivery", []),
        ("intervention_create", [world.priority.number]),
        ("intervention_detail", [pk]),
        ("intervention_edit", [pk]),
        ("intervention_links", [pk]),
        ("intervention_delete", [pk]),
        ("stage_change", [pk]),
        ("support_add", [pk]),
        ("support_remove", [pk, support.pk]),
        ("milestone_add", [pk]),
        ("milestone_edit", [pk, milestone.pk]),
        ("milestone_done", [pk, milestone.pk]),
        ("progress_add", [pk]),
    ]
    for name, args in names:
        check(page, live_server.url + reverse(f"interventions_staff:{name}", args=[slug, *args]))
    check(
        page,
        live_server.url
        + reverse("interventions_staff:support_add", args=[slug, pk])
        + "?q=Enterprise",
    )
    check(
        page,
        live_server.url
        + reverse("strategy_staff:priority_edit", args=[slug, world.priority.number]),
    )


def test_member_links_good_evidence_by_keyboard(page, live_server, world):  # noqa: F811
    EvidenceItemFactory(
        strategy=world.strategy,
        title="Towns study",
        quality=QualityRating.GOOD,
        quality_reason="A large, recent sample.",
    )
    sign_in(page, live_server.url, world.member.email)
    slug = world.strategy.slug
    page.goto(
        live_server.url
        + reverse("strategy_staff:priority_edit", args=[slug, world.priority.number])
    )
    page.get_by_role("link", name="Town centre fund").click()
    evidence_row = page.locator(".govuk-summary-list__row", has_text="Evidence based")
    expect(evidence_row).to_contain_text("Not met")
    page.get_by_role("link", name="Link evidence and engagement").click()
    checkbox = page.get_by_label("Towns study")
    checkbox.focus()
    page.keyboard.press("Space")
    expect(checkbox).to_be_checked()
    page.get_by_role("button", name="Save links").focus()
    page.keyboard.press("Enter")
    evidence_row = page.locator(".govuk-summary-list__row", has_text="Evidence based")
    expect(evidence_row).to_contain_text("Met")
    expect(evidence_row).not_to_contain_text("Not met")
    expect(evidence_row).to_contain_text("1 linked evidence item is rated good or better.")
