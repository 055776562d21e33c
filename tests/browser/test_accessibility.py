"""axe-core finds no WCAG 2.2 A or AA violation on the demo's pages, public and staff."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from playwright.sync_api import Page, expect

from convenor.evidence.models import EvidenceItem, Indicator, ProjectBrief
from convenor.governance.models import Body
from convenor.interventions.models import Intervention
from convenor.meetings.models import Action, Meeting
from convenor.strategy.models import Strategy
from tests.browser.axe import axe_violations, violations_described
from tests.browser.session import sign_in

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
    # The meetings app's panels were on the page axe checked.
    expect(page.get_by_role("heading", name="Papers, minutes and actions due")).to_be_visible()
    expect(page.get_by_role("heading", name="Meetings", exact=True)).to_be_visible()


# --- Meetings (issue 3) -------------------------------------------------------------------------


def board_meeting_of_22_may_2019() -> Meeting:
    """The demo's Board meeting that took the board paper as item 8."""
    return Meeting.objects.get(body__slug="board", starts_at__date=datetime.date(2019, 5, 22))


def body_page(strategy: Strategy, body_slug: str) -> str:
    return reverse("governance:body_detail", kwargs={"slug": strategy.slug, "body_slug": body_slug})


def test_public_meeting_pages_have_no_violations(page, live_server, demo_logins):
    strategy = Strategy.objects.get()
    meeting = board_meeting_of_22_may_2019()
    paths = [
        reverse("meetings:meeting_list", kwargs={"slug": strategy.slug}),
        reverse("meetings:meeting_detail", kwargs={"slug": strategy.slug, "pk": meeting.pk}),
        body_page(strategy, "board"),
    ]

    assert_no_violations(page, paths, live_server.url)
    # The board's page lists its meetings and shows its decisions, so axe checked those too.
    page.goto(live_server.url + body_page(strategy, "board"))
    expect(
        page.get_by_role("table", name="Meetings of Enterprise M3 Board, latest first")
    ).to_be_visible()
    expect(page.get_by_role("heading", name="Decisions", exact=True)).to_be_visible()


def test_closed_body_pages_seen_by_staff_have_no_violations(page, live_server, lead_login):
    strategy = Strategy.objects.get()
    sign_in(page, live_server.url, lead_login)
    paths = [
        body_page(strategy, "joint-leaders-board"),
        body_page(strategy, "business-roundtables"),
        # Staff see the closed meeting's papers, minutes and confidential items too.
        reverse(
            "meetings:meeting_detail",
            kwargs={"slug": strategy.slug, "pk": board_meeting_of_22_may_2019().pk},
        ),
    ]

    assert_no_violations(page, paths, live_server.url)
    # What makes these pages different from the public ones was on them when axe ran.
    page.goto(live_server.url + body_page(strategy, "joint-leaders-board"))
    expect(page.get_by_role("table", name="Priorities its meetings covered")).to_be_visible()
    page.goto(live_server.url + body_page(strategy, "business-roundtables"))
    expect(page.get_by_role("heading", name="Roundtables each year")).to_be_visible()


def test_members_page_of_the_action_group_member_has_no_violations(page, live_server, demo_logins):
    (member,) = [login for login in demo_logins if login.role == "Action group member"]
    sign_in(page, live_server.url, member)
    action = Action.objects.filter(owner__user__email=member.email).order_by("pk").first()
    assert action is not None, "the demo gives the action group member actions to own"

    assert_no_violations(
        page,
        [
            reverse("meetings:my_meetings"),
            reverse("meetings:action_progress", kwargs={"pk": action.pk}),
        ],
        live_server.url,
    )
    # The progress form sits in a closed <details>: open it and check it as the member sees it.
    page.goto(live_server.url + reverse("meetings:my_meetings"))
    page.locator(f"#action-{action.pk}").get_by_text("Record progress").click()
    violations = axe_violations(page)
    assert not violations, violations_described(violations)


def test_staff_meeting_pages_have_no_violations(page, live_server, lead_login):
    strategy = Strategy.objects.get()
    meeting = board_meeting_of_22_may_2019()
    sign_in(page, live_server.url, lead_login)
    paths = [
        reverse("meetings_staff:meeting_list", kwargs={"slug": strategy.slug}),
        reverse("meetings_staff:meeting_hub", kwargs={"slug": strategy.slug, "pk": meeting.pk}),
        reverse("meetings_staff:meeting_create", kwargs={"slug": strategy.slug}),
    ]

    assert_no_violations(page, paths, live_server.url)


def test_create_meeting_form_with_its_errors_has_no_violations(page, live_server, lead_login):
    strategy = Strategy.objects.get()
    sign_in(page, live_server.url, lead_login)
    page.goto(
        live_server.url + reverse("meetings_staff:meeting_create", kwargs={"slug": strategy.slug})
    )

    page.get_by_role("button", name="Add meeting").click()

    expect(page.get_by_role("alert").get_by_text("There is a problem")).to_be_visible()
    violations = axe_violations(page)
    assert not violations, violations_described(violations)


def test_staff_forms_of_a_meeting_have_no_violations(page, live_server, lead_login):
    strategy = Strategy.objects.get()
    meeting = board_meeting_of_22_may_2019()
    item = meeting.agenda_items.get(order=8)
    decision = meeting.decisions.order_by("order", "pk").first()
    action = meeting.actions.order_by("pk").first()
    invitation = meeting.invitations.order_by("pk").first()
    assert decision is not None and action is not None and invitation is not None
    sign_in(page, live_server.url, lead_login)
    meeting_kwargs = {"slug": strategy.slug, "pk": meeting.pk}
    paths = [
        reverse(f"meetings_staff:{name}", kwargs=meeting_kwargs)
        for name in (
            "agenda_item_create",
            "paper_upload",
            "invitation_create",
            "attendance",
            "minutes_edit",
            "minutes_approve",
            "decision_create",
            "action_create",
            "meeting_cancel",
        )
    ] + [
        reverse("meetings_staff:agenda_item_edit", kwargs={**meeting_kwargs, "item_pk": item.pk}),
        reverse("meetings_staff:declaration_create", kwargs={**meeting_kwargs, "item_pk": item.pk}),
        reverse(
            "meetings_staff:decision_edit", kwargs={**meeting_kwargs, "decision_pk": decision.pk}
        ),
        reverse("meetings_staff:action_edit", kwargs={**meeting_kwargs, "action_pk": action.pk}),
        reverse(
            "meetings_staff:invitation_edit",
            kwargs={**meeting_kwargs, "invitation_pk": invitation.pk},
        ),
        reverse("meetings_staff:action_delete", kwargs={**meeting_kwargs, "action_pk": action.pk}),
    ]

    assert_no_violations(page, paths, live_server.url)


# --- The register and engagement (issue 4) ------------------------------------------------------


def test_register_and_engagement_staff_pages_have_no_violations(page, live_server, lead_login):
    from convenor.engagement.models import Activity, Segment
    from convenor.stakeholders.models import Organisation, Person

    strategy = Strategy.objects.get()
    activity = Activity.objects.get(key="exporting-workshop-2019-04")
    contribution = activity.contributions.order_by("pk").first()
    segment = Segment.objects.order_by("name").first()
    person = Person.objects.get(key="ben-carter")
    organisation = person.organisation
    assert contribution is not None and segment is not None and organisation is not None
    assert isinstance(organisation, Organisation)
    activity_kwargs = {"slug": strategy.slug, "pk": activity.pk}
    sign_in(page, live_server.url, lead_login)
    paths = [
        reverse("stakeholders_staff:person_list") + "?kind=university&kind=college",
        reverse("stakeholders_staff:organisation_list"),
        reverse("stakeholders_staff:person_history", args=[person.pk]),
        reverse("stakeholders_staff:organisation_history", args=[organisation.pk]),
        reverse("engagement_staff:person_relationship", args=[person.pk]),
        reverse("engagement_staff:relationship_grid"),
        reverse("engagement_staff:segment_list"),
        reverse("engagement_staff:segment_edit", args=[segment.pk]),
        reverse("engagement_staff:activity_list", kwargs={"slug": strategy.slug}),
        reverse("engagement_staff:activity_create", kwargs={"slug": strategy.slug}),
        reverse("engagement_staff:activity_hub", kwargs=activity_kwargs),
        reverse("engagement_staff:activity_write_up", kwargs=activity_kwargs),
        reverse("engagement_staff:contribution_list", kwargs=activity_kwargs),
        reverse("engagement_staff:contribution_create", kwargs=activity_kwargs),
        reverse(
            "engagement_staff:contribution_edit",
            kwargs={**activity_kwargs, "contribution_pk": contribution.pk},
        ),
        reverse("engagement_staff:invitation_list", kwargs=activity_kwargs),
        reverse("engagement_staff:invite", kwargs=activity_kwargs) + "?q=carter",
        reverse("engagement_staff:attendance", kwargs=activity_kwargs),
        reverse("engagement_staff:coverage", kwargs={"slug": strategy.slug}),
        reverse("engagement_staff:priority_coverage", kwargs={"slug": strategy.slug, "number": 7}),
    ]

    assert_no_violations(page, paths, live_server.url)
    # The grid's chart and the coverage gaps were on the pages axe checked.
    page.goto(live_server.url + reverse("engagement_staff:relationship_grid"))
    expect(page.get_by_role("img").first).to_be_visible()
    page.goto(
        live_server.url
        + reverse("engagement_staff:priority_coverage", kwargs={"slug": strategy.slug, "number": 7})
    )
    expect(page.get_by_text("No university has contributed to priority 7")).to_be_visible()


def test_evidence_base_and_dashboard_pages_have_no_violations(page, live_server, lead_login):
    strategy = Strategy.objects.get()
    slug = strategy.slug
    item = EvidenceItem.objects.get(key="innovation-evidence")
    brief = ProjectBrief.objects.get(key="digital-coverage-gaps")  # the overdue one
    indicator = Indicator.objects.get(key="gva-per-hour-worked")
    intervention = Intervention.objects.get(key="space-cluster-programme")
    public_item = EvidenceItem.objects.filter(visibility="public").order_by("pk").first()
    assert public_item is not None
    assert_no_violations(
        page,
        [
            reverse("strategy:strategy_detail", args=[slug]),
            reverse("evidence:item_list", args=[slug]),
            reverse("evidence:item_list", args=[slug]) + "?q=towns",
            reverse("evidence:item_detail", args=[slug, public_item.pk]),
        ],
        live_server.url,
    )
    sign_in(page, live_server.url, lead_login)
    assert_no_violations(
        page,
        [
            reverse("dashboard:dashboard", args=[slug]),
            reverse("strategy_staff:stage_advance", args=[slug]),
            reverse("strategy_staff:priority_edit", args=[slug, 4]),
            reverse("evidence_staff:item_list", args=[slug]) + "?q=productivity",
            reverse("evidence_staff:item_detail", args=[slug, item.pk]),
            reverse("evidence_staff:item_edit", args=[slug, item.pk]),
            reverse("evidence_staff:priority_item_create", args=[slug, 4]),
            reverse("briefs_staff:brief_list", args=[slug]),
            reverse("briefs_staff:brief_detail", args=[slug, brief.pk]),
            reverse("briefs_staff:brief_edit", args=[slug, brief.pk]),
            reverse("briefs_staff:brief_create", args=[slug, 4]),
            reverse("indicators_staff:indicator_list", args=[slug]),
            reverse("indicators_staff:indicator_detail", args=[slug, indicator.pk]),
            reverse("indicators_staff:indicator_import", args=[slug]),
            reverse("indicators_staff:indicator_edit", args=[slug, indicator.pk]),
            reverse("interventions_staff:intervention_list", args=[slug]),
            reverse("interventions_staff:intervention_detail", args=[slug, intervention.pk]),
            reverse("interventions_staff:intervention_links", args=[slug, intervention.pk]),
            reverse("interventions_staff:delivery", args=[slug]),
        ],
        live_server.url,
    )
