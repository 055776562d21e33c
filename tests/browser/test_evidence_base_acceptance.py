"""Issue 6's acceptance in a browser: an action group member evidences their own priority.

A member of the group steering a priority adds an evidence item to it from the priority's page,
links it to a line of enquiry and to an intervention, and sees the intervention's "evidence
based" test turn to met. A member of another group is refused that priority (403) and nothing
changes.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from convenor.core.models import AuditEvent
from convenor.evidence.choices import QualityRating, Visibility
from convenor.evidence.models import EvidenceItem
from convenor.interventions.four_tests import intervention_tests
from convenor.strategy.models import Priority
from tests.browser.axe import axe_violations, violations_described
from tests.browser.test_documents_accessibility import sign_in
from tests.interventions.conftest import world  # noqa: F401  (the fixture)
from tests.strategy.factories import LineOfEnquiryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTION = "Which town centres are losing footfall fastest, and why?"


def axe_clean(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}\n{violations_described(violations)}"


def evidence_based(intervention) -> bool:
    (result,) = [test for test in intervention_tests(intervention) if test.name == "Evidence based"]
    return result.met


def test_a_member_evidences_their_priority_and_the_intervention_becomes_evidence_based(
    page: Page,
    live_server,
    world,  # noqa: F811
):
    line = LineOfEnquiryFactory(priority=world.priority, question=QUESTION)
    assert not evidence_based(world.intervention)
    sign_in(page, live_server.url, world.member.email)
    page.goto(
        live_server.url
        + reverse("strategy_staff:priority_edit", args=[world.strategy.slug, world.priority.number])
    )

    page.get_by_role("link", name=f"Add evidence to priority {world.priority.number}").click()
    axe_clean(page)
    page.get_by_label("Title").fill("Footfall in our town centres, 2014 to 2018")
    page.get_by_label("Qualitative intelligence").check()
    page.get_by_label("Summary").fill("Footfall counts from eight town centre partnerships.")
    page.get_by_label("Key findings").fill(
        "Footfall fell by a fifth in the smaller towns.\nMarket days hold their numbers."
    )
    page.get_by_label("Or a link").fill("https://example.org/footfall-2018")
    page.get_by_label(f"Priority {world.priority.number}: {QUESTION}").check()
    page.get_by_label("Good", exact=True).check()
    page.get_by_label("Reason for the rating").fill("Counted the same way in every town.")
    page.get_by_label("Partners: signed-in members and participants").check()
    page.get_by_role("button", name="Add evidence item").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Footfall in our town centres, 2014 to 2018"
    )
    item = EvidenceItem.objects.get(title="Footfall in our town centres, 2014 to 2018")
    assert (item.quality, item.visibility) == (QualityRating.GOOD, Visibility.PARTNERS)
    assert list(item.priorities.all()) == [world.priority]
    assert list(item.lines_of_enquiry.all()) == [line]

    page.goto(
        live_server.url
        + reverse("strategy_staff:priority_edit", args=[world.strategy.slug, world.priority.number])
    )
    # The priority's page now shows the line of enquiry answered by the new item.
    expect(
        page.get_by_role("link", name="Footfall in our town centres, 2014 to 2018").first
    ).to_be_visible()
    page.get_by_role("link", name=world.intervention.title).click()
    evidence_row = page.locator(".govuk-summary-list__row", has_text="Evidence based")
    expect(evidence_row).to_contain_text("Not met")
    page.get_by_role("link", name="Link evidence and engagement").click()
    axe_clean(page)
    page.get_by_label("Footfall in our town centres, 2014 to 2018").check()
    page.get_by_role("button", name="Save links").click()

    evidence_row = page.locator(".govuk-summary-list__row", has_text="Evidence based")
    expect(evidence_row).to_contain_text("Met")
    expect(evidence_row).not_to_contain_text("Not met")
    axe_clean(page)
    world.intervention.refresh_from_db()
    assert evidence_based(world.intervention)


def test_a_member_of_another_group_cannot_edit_that_priority(
    page: Page,
    live_server,
    world,  # noqa: F811
):
    priority_before = Priority.objects.values().get(pk=world.priority.pk)
    events_before = AuditEvent.objects.count()
    sign_in(page, live_server.url, world.other_member.email)
    url = live_server.url + reverse(
        "strategy_staff:priority_edit", args=[world.strategy.slug, world.priority.number]
    )

    response = page.goto(url)
    assert response is not None and response.status == 403
    add_evidence = live_server.url + reverse(
        "evidence_staff:priority_item_create", args=[world.strategy.slug, world.priority.number]
    )
    response = page.goto(add_evidence)
    assert response is not None and response.status == 403
    # A forged form, sent with the page's own session and CSRF cookie, is refused too.
    page.goto(
        live_server.url
        + reverse(
            "strategy_staff:priority_edit", args=[world.strategy.slug, world.other_priority.number]
        )
    )
    token = page.locator("input[name=csrfmiddlewaretoken]").first.get_attribute("value")
    posted = page.request.post(
        url,
        form={"csrfmiddlewaretoken": token or "", "title": "Taken over", "number": "1"},
        headers={"Referer": url},
    )
    assert posted.status == 403

    assert Priority.objects.values().get(pk=world.priority.pk) == priority_before
    assert AuditEvent.objects.count() == events_before
    assert not EvidenceItem.objects.exists()
