"""The staff pages of interventions: rules, forms, the four tests shown, panels, query counts."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from convenor.evidence.choices import QualityRating
from convenor.governance.choices import BodyKind
from convenor.interventions import permissions  # noqa: F401  (the rules under test)
from convenor.interventions.choices import CostBand, InterventionStage, Timescale
from convenor.interventions.models import (
    DeliveryMilestone,
    Intervention,
    ProgressUpdate,
    StageChange,
    Support,
)
from convenor.meetings.choices import DecisionOutcome
from tests.engagement.factories import ActivityFactory, ContributionFactory, StatementFactory
from tests.evidence.factories import EvidenceItemFactory
from tests.governance.factories import BodyFactory
from tests.interventions.factories import (
    DeliveryMilestoneFactory,
    InterventionFactory,
    ProgressUpdateFactory,
    StageChangeFactory,
    SupportFactory,
)
from tests.meetings.factories import DecisionFactory, MeetingFactory
from tests.stakeholders.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def iv(name, world, *args):
    """A URL of the interventions_staff namespace for the world's intervention."""
    return reverse(f"interventions_staff:{name}", args=[world.strategy.slug, *args])


def agreed(world):
    world.intervention.stage = InterventionStage.AGREED
    world.intervention.save()
    return world.intervention


def intervention_pages(world):
    pk = world.intervention.pk
    milestone = DeliveryMilestoneFactory(intervention=agreed(world))
    support = SupportFactory(intervention=world.intervention)
    return [
        iv("intervention_detail", world, pk),
        iv("intervention_edit", world, pk),
        iv("intervention_links", world, pk),
        iv("intervention_delete", world, pk),
        iv("stage_change", world, pk),
        iv("support_add", world, pk),
        iv("support_remove", world, pk, support.pk),
        iv("milestone_add", world, pk),
        iv("milestone_edit", world, pk, milestone.pk),
        iv("milestone_done", world, pk, milestone.pk),
        iv("milestone_delete", world, pk, milestone.pk),
        iv("progress_add", world, pk),
    ]


# Rules: one predicate per action


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("staff", True), ("member", True), ("other_member", False), ("outsider", False)],
)
@pytest.mark.parametrize("action", ["view", "change", "delete"])
def test_intervention_rules(world, who, allowed, action):
    user = getattr(world, who)
    assert user.has_perm(f"interventions.{action}_intervention", world.intervention) is allowed


@pytest.mark.parametrize(
    ("who", "allowed"),
    [("staff", True), ("member", True), ("other_member", False), ("outsider", False)],
)
def test_add_rule_is_checked_against_the_priority(world, who, allowed):
    user = getattr(world, who)
    assert user.has_perm("interventions.add_intervention", world.priority) is allowed
    assert not world.member.has_perm("interventions.add_intervention", world.other_priority)


def test_a_past_member_is_refused(world):
    from convenor.governance.models import Membership

    Membership.objects.filter(person__user=world.member).update(ends_on=datetime.date(2019, 12, 31))
    assert not world.member.has_perm("interventions.change_intervention", world.intervention)


def test_the_strategy_wide_pages_are_for_staff(world):
    assert world.staff.has_perm("interventions.view_intervention_list", world.strategy)
    assert not world.member.has_perm("interventions.view_intervention_list", world.strategy)


def test_pages_send_the_signed_out_to_sign_in_and_refuse_others(client, world):
    pages = [
        *intervention_pages(world),
        iv("intervention_list", world),
        iv("delivery", world),
        iv("intervention_create", world, world.priority.number),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], page
    client.force_login(world.other_member)
    for page in pages:
        assert client.get(page).status_code == 403, page
    for page in pages:
        assert client.post(page, {"title": "Changed", "reason": "x"}).status_code == 403, page
    world.intervention.refresh_from_db()
    assert world.intervention.title == "Town centre fund"
    assert world.intervention.stage == "agreed"
    assert Intervention.objects.count() == 1
    assert Support.objects.count() == 1 and DeliveryMilestone.objects.count() == 1
    assert not StageChange.objects.exists() and not ProgressUpdate.objects.exists()
    client.force_login(world.staff)
    for page in pages:
        assert client.get(page).status_code == 200, page
    client.force_login(world.member)
    for page in intervention_pages(world):
        assert client.get(page).status_code == 200, page
    assert client.get(iv("intervention_list", world)).status_code == 403


def test_an_intervention_of_another_strategy_is_not_found(client, world):
    other = InterventionFactory()
    client.force_login(world.staff)
    assert client.get(iv("intervention_detail", world, other.pk)).status_code == 404


# Adding, editing, moving


def test_member_adds_an_intervention_from_their_priority(client, world):
    client.force_login(world.member)
    url = iv("intervention_create", world, world.priority.number)
    response = client.post(url, {"title": "", "description": "", "stage": "idea"})
    assert response.status_code == 200
    assert "There is a problem" in response.content.decode()
    assert "Enter the title" in response.content.decode()
    response = client.post(
        url,
        {"title": "Skills passport", "description": "A passport.", "stage": "worked_up"},
    )
    created = Intervention.objects.get(title="Skills passport")
    assert response.status_code == 302
    assert response["Location"] == iv("intervention_detail", world, created.pk)
    assert created.stage == "worked_up" and created.priority == world.priority
    assert StageChange.objects.get(intervention=created).reason == "Created as Worked up."


def test_edit_sets_deliverability_and_the_lead_partner_from_supporters(client, world):
    supporter = SupportFactory(intervention=world.intervention).organisation
    stranger = OrganisationFactory()
    decision = DecisionFactory(
        meeting=MeetingFactory(
            body=BodyFactory(strategy=world.strategy, kind=BodyKind.STEERING_GROUP)
        ),
        outcome=DecisionOutcome.AS_ASKED,
    )
    client.force_login(world.member)
    url = iv("intervention_edit", world, world.intervention.pk)
    page = client.get(url).content.decode()
    assert escape(supporter.name) in page and escape(stranger.name) not in page
    data = {
        "title": "Town centre fund",
        "description": "Grants.",
        "lead_partner": stranger.pk,
        "cost_band": CostBand.TO_1M,
        "timescale": Timescale.ONE_TO_3_YEARS,
        "compelling_decision": decision.pk,
    }
    response = client.post(url, data)
    assert response.status_code == 200  # the stranger is not offered
    world.intervention.refresh_from_db()
    assert world.intervention.lead_partner is None
    assert 'value="Grants."' in response.content.decode() or "Grants." in response.content.decode()
    response = client.post(url, {**data, "lead_partner": supporter.pk})
    assert response.status_code == 302
    world.intervention.refresh_from_db()
    assert world.intervention.lead_partner == supporter
    assert world.intervention.compelling_decision == decision
    detail = client.get(iv("intervention_detail", world, world.intervention.pk)).content.decode()
    assert "Its lead partner, cost band and timescale are set." in detail


def test_stage_change_page_needs_a_reason_and_records_it(client, world):
    client.force_login(world.member)
    url = iv("stage_change", world, world.intervention.pk)
    response = client.post(url, {"to_stage": "parked", "reason": "  "})
    assert response.status_code == 200
    assert "Say why it moves to this stage" in response.content.decode()
    assert not StageChange.objects.exists()
    response = client.post(url, {"to_stage": "parked", "reason": "No lead partner."})
    assert response.status_code == 302
    world.intervention.refresh_from_db()
    assert world.intervention.parked_reason == "No lead partner."
    detail = client.get(iv("intervention_detail", world, world.intervention.pk)).content.decode()
    assert "Why it is parked:" in detail and "Idea to Parked" in detail


# Supporters: picked by a search, never a whole-register select


def test_support_add_finds_organisations_by_search(client, world):
    wanted = OrganisationFactory(name="University of Surrey")
    OrganisationFactory(name="Hampshire County Council")
    client.force_login(world.member)
    url = iv("support_add", world, world.intervention.pk)
    page = client.get(url).content.decode()
    assert "University of Surrey" not in page and "Hampshire County Council" not in page
    page = client.get(url, {"q": "surrey"}).content.decode()
    assert "University of Surrey" in page and "Hampshire County Council" not in page
    response = client.post(
        url, {"q": "surrey", "organisation": wanted.pk, "given_on": "", "form": "letter"}
    )
    assert response.status_code == 200
    assert "Enter the date it said so" in response.content.decode()
    assert "University of Surrey" in response.content.decode()
    response = client.post(
        url,
        {"q": "surrey", "organisation": wanted.pk, "given_on": "2019-06-01", "form": "letter"},
        follow=True,
    )
    assert response.redirect_chain[0][0] == iv("intervention_detail", world, world.intervention.pk)
    support = Support.objects.get()
    assert (support.organisation, support.given_on) == (wanted, datetime.date(2019, 6, 1))
    # Already a supporter: not found again.
    assert "University of Surrey" not in client.get(url, {"q": "surrey"}).content.decode()


def test_support_remove(client, world):
    support = SupportFactory(intervention=world.intervention)
    client.force_login(world.member)
    response = client.post(iv("support_remove", world, world.intervention.pk, support.pk))
    assert response.status_code == 302 and not Support.objects.exists()


# Linking evidence: the acceptance path


def test_member_links_good_evidence_and_it_turns_evidence_based(client, world):
    good = EvidenceItemFactory(
        strategy=world.strategy,
        title="Towns study",
        quality=QualityRating.GOOD,
        quality_reason="Robust.",
    )
    EvidenceItemFactory(title="Another strategy's report")
    client.force_login(world.member)
    detail_url = iv("intervention_detail", world, world.intervention.pk)
    detail = client.get(detail_url).content.decode()
    assert "No evidence item is linked to it." in detail
    links_url = iv("intervention_links", world, world.intervention.pk)
    page = client.get(links_url).content.decode()
    assert "Towns study" in page and "Another strategy" not in page
    assert 'type="checkbox"' in page
    response = client.post(links_url, {"evidence_items": [good.pk]})
    assert response.status_code == 302 and response["Location"] == detail_url
    detail = client.get(detail_url).content.decode()
    assert "1 linked evidence item is rated good or better." in detail


def test_links_offer_engagement_of_the_priority(client, world):
    activity = ActivityFactory(strategy=world.strategy, title="Towns roundtable")
    ContributionFactory(activity=activity, text="Tagged idea", priorities=[world.priority])
    ContributionFactory(activity=activity, text="Other idea", priorities=[world.other_priority])
    StatementFactory(strategy=world.strategy, priority=world.priority, text="Tagged statement")
    client.force_login(world.staff)
    page = client.get(iv("intervention_links", world, world.intervention.pk)).content.decode()
    assert "Towns roundtable" in page and "Tagged idea" in page and "Tagged statement" in page
    assert "Other idea" not in page


# Delivery


def test_milestones_and_progress_pages(client, world):
    client.force_login(world.member)
    pk = world.intervention.pk
    response = client.post(
        iv("milestone_add", world, pk), {"title": "Open", "due_on": "2020-01-31"}
    )
    assert response.status_code == 200 and not DeliveryMilestone.objects.exists()
    agreed(world)
    response = client.post(
        iv("milestone_add", world, pk), {"title": "Open", "due_on": "2020-01-31"}
    )
    assert response.status_code == 302
    milestone = DeliveryMilestone.objects.get()
    detail = client.get(iv("intervention_detail", world, pk)).content.decode()
    assert "Overdue" in detail
    assert client.post(iv("milestone_done", world, pk, milestone.pk)).status_code == 302
    milestone.refresh_from_db()
    assert milestone.done_on == datetime.date(2020, 2, 10)
    response = client.post(
        iv("progress_add", world, pk), {"status": "at_risk", "text": "Slower than hoped."}
    )
    assert response.status_code == 302
    assert ProgressUpdate.objects.get().author == world.member


def test_delivery_review_lists_agreed_interventions(client, world):
    agreed(world)
    DeliveryMilestoneFactory(
        intervention=world.intervention, title="Fund open", due_on=datetime.date(2020, 1, 1)
    )
    ProgressUpdateFactory(intervention=world.intervention, text="Older news.")
    ProgressUpdateFactory(
        intervention=world.intervention, reported_on=datetime.date(2020, 2, 1), text="Latest news."
    )
    InterventionFactory(priority=world.priority, title="Just an idea")
    client.force_login(world.staff)
    page = client.get(iv("delivery", world)).content.decode()
    assert "review list for roundtables" in page and "Print this page" in page
    assert "Town centre fund" in page and "Just an idea" not in page
    assert "Overdue" in page and "Latest news." in page and "Older news." not in page


def test_delivery_review_empty_state(client, world):
    client.force_login(world.staff)
    page = client.get(iv("delivery", world)).content.decode()
    assert "No intervention has been agreed with Government yet." in page


# The list


def test_list_filters_and_shows_the_four_tests(client, world):
    InterventionFactory(priority=world.other_priority, title="Skills passport", stage="tested")
    client.force_login(world.staff)
    url = iv("intervention_list", world)
    page = client.get(url).content.decode()
    assert "Town centre fund" in page and "Skills passport" in page
    assert "Evidence based: not met" in page
    page = client.get(url, {"stage": "tested"}).content.decode()
    assert "Town centre fund" not in page and "Skills passport" in page
    page = client.get(url, {"priority": world.priority.pk}).content.decode()
    assert "Town centre fund" in page and "Skills passport" not in page
    page = client.get(url, {"q": "passport"}).content.decode()
    assert "Town centre fund" not in page and "Skills passport" in page
    page = client.get(url, {"meets_all": "on"}).content.decode()
    assert "No intervention matches the search and filters." in page


def make_meet_all(world, intervention):
    """Give `intervention` everything the four tests ask for."""
    SupportFactory(intervention=intervention, organisation=world.lep)
    supporter = SupportFactory(intervention=intervention).organisation
    intervention.evidence_items.add(
        EvidenceItemFactory(
            strategy=world.strategy, quality=QualityRating.STRONG, quality_reason="Robust."
        )
    )
    intervention.lead_partner = supporter
    intervention.cost_band = CostBand.UNDER_100K
    intervention.timescale = Timescale.UNDER_1_YEAR
    intervention.compelling_decision = DecisionFactory(
        meeting=MeetingFactory(
            body=BodyFactory(strategy=world.strategy, kind=BodyKind.STEERING_GROUP)
        ),
        outcome=DecisionOutcome.AMENDED,
        amendment="With a pilot first.",
    )
    intervention.save()


def test_meets_all_filter_agrees_with_the_tests(client, world):
    from convenor.interventions import selectors
    from convenor.interventions.four_tests import meets_all_tests

    make_meet_all(world, world.intervention)
    almost = InterventionFactory(priority=world.priority, title="Almost")
    make_meet_all(world, almost)
    almost.timescale = ""
    almost.save()
    only_lep = InterventionFactory(priority=world.priority, title="Only the LEP and one")
    make_meet_all(world, only_lep)
    Support.objects.filter(intervention=only_lep).exclude(organisation=world.lep).delete()
    listed = list(selectors.intervention_list(strategy=world.strategy, meets_all=True))
    assert listed == [world.intervention]
    everything = selectors.intervention_list(strategy=world.strategy)
    assert [i for i in everything if meets_all_tests(i)] == listed
    client.force_login(world.staff)
    page = client.get(iv("intervention_list", world), {"meets_all": "on"}).content.decode()
    assert "Town centre fund" in page and "Almost" not in page


def test_meets_all_filter_with_no_lep(world):
    from convenor.interventions import selectors

    world.strategy.lead_organisation = None
    world.strategy.save()
    make_meet_all(world, world.intervention)
    assert list(selectors.intervention_list(strategy=world.strategy, meets_all=True)) == [
        world.intervention
    ]


def test_list_empty_state(client, world):
    world.intervention.delete()
    client.force_login(world.staff)
    page = client.get(iv("intervention_list", world)).content.decode()
    assert "This strategy has no interventions yet." in page


# Panels


def test_priority_page_panel(client, world):
    client.force_login(world.member)
    url = reverse("strategy_staff:priority_edit", args=[world.strategy.slug, world.priority.number])
    page = client.get(url).content.decode()
    assert "Town centre fund" in page and "Add an intervention" in page
    assert "Compelling: not met" in page


def test_evidence_item_panel(client, world):
    item = EvidenceItemFactory(strategy=world.strategy)
    world.intervention.evidence_items.add(item)
    client.force_login(world.staff)
    page = client.get(
        reverse("evidence_staff:item_detail", args=[world.strategy.slug, item.pk])
    ).content.decode()
    assert "Interventions citing it" in page and "Town centre fund" in page


# Hostile input


def test_naughty_strings_are_stored_exactly_and_shown_escaped(client, world, naughty_strings):
    client.force_login(world.staff)
    url = iv("intervention_create", world, world.priority.number)
    for text in naughty_strings[::7]:
        if not text.strip() or len(text) > 200:
            continue
        response = client.post(url, {"title": text, "description": text, "stage": "idea"})
        assert response.status_code in (200, 302), repr(text)
        if response.status_code == 302:
            created = Intervention.objects.filter(title=text).latest("pk")
            assert created.description == text
            page = client.get(response["Location"]).content.decode()
            assert escape(text).strip() in page or not text.strip()
            client.post(
                iv("stage_change", world, created.pk), {"to_stage": "worked_up", "reason": text}
            )
            assert StageChange.objects.filter(intervention=created, reason=text).exists()


# Query counts


def fill(world, count):
    """`count` interventions on the priority, each with supporters, evidence and history."""
    decision = DecisionFactory(
        meeting=MeetingFactory(
            body=BodyFactory(strategy=world.strategy, kind=BodyKind.STEERING_GROUP)
        ),
        outcome=DecisionOutcome.AS_ASKED,
    )
    for _ in range(count):
        intervention = InterventionFactory(
            priority=world.priority,
            compelling_decision=decision,
            stage=InterventionStage.IN_DELIVERY,
        )
        SupportFactory(intervention=intervention)
        intervention.evidence_items.add(EvidenceItemFactory(strategy=world.strategy))
        StageChangeFactory(intervention=intervention)
        DeliveryMilestoneFactory(intervention=intervention)
        ProgressUpdateFactory(intervention=intervention)
    # And on the world's intervention, as many of each.
    target = world.intervention
    for _ in range(count):
        SupportFactory(intervention=target)
        target.evidence_items.add(EvidenceItemFactory(strategy=world.strategy))
        target.activities.add(ActivityFactory(strategy=world.strategy))
        target.contributions.add(
            ContributionFactory(activity=ActivityFactory(strategy=world.strategy))
        )
        target.statements.add(StatementFactory(strategy=world.strategy))
        StageChangeFactory(intervention=target, actor=world.staff)
        DeliveryMilestoneFactory(intervention=target)
        ProgressUpdateFactory(intervention=target, author=world.staff)
    target.compelling_decision = decision
    target.save()


@pytest.mark.parametrize("size", [3, 30])
def test_page_queries_do_not_grow(client, world, size, django_assert_num_queries):
    fill(world, size)
    pk = world.intervention.pk
    priority_page = reverse(
        "strategy_staff:priority_edit", args=[world.strategy.slug, world.priority.number]
    )
    # (staff, member of the group steering the priority); None: the member may not see it.
    counts = {
        iv("intervention_list", world): (9, None),
        iv("intervention_detail", world, pk): (13, 16),
        iv("intervention_edit", world, pk): (15, 16),
        iv("intervention_links", world, pk): (17, 18),
        iv("delivery", world): (7, None),
        priority_page: (18, 22),
    }
    for index, user in enumerate((world.staff, world.member)):
        client.force_login(user)
        for url, expected in counts.items():
            if expected[index] is None:
                continue
            with django_assert_num_queries(expected[index]):
                assert client.get(url).status_code == 200, url
