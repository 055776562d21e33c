"""The paper's four tests: a test per rule, met and not met, at each boundary."""

from types import SimpleNamespace

import pytest

from convenor.evidence.choices import QualityRating
from convenor.governance.choices import BodyKind
from convenor.interventions.choices import CostBand, Timescale
from convenor.interventions.four_tests import (
    intervention_tests,
    interventions_for_tests,
    meets_all_tests,
    supported_test,
)
from convenor.interventions.models import Intervention, Support
from convenor.meetings.choices import DecisionOutcome
from tests.evidence.factories import EvidenceItemFactory
from tests.governance.factories import BodyFactory
from tests.interventions.factories import InterventionFactory, SupportFactory
from tests.meetings.factories import DecisionFactory, MeetingFactory
from tests.stakeholders.factories import OrganisationFactory
from tests.strategy.factories import PriorityFactory, StrategyFactory

pytestmark = pytest.mark.django_db


def result(intervention, name):
    """The named test's result for the intervention, fetched afresh."""
    fresh = interventions_for_tests(Intervention.objects.filter(pk=intervention.pk)).get()
    return next(r for r in intervention_tests(fresh) if r.name == name)


@pytest.fixture
def lep():
    return OrganisationFactory(name="Enterprise M3 LEP")


@pytest.fixture
def intervention(lep):
    strategy = StrategyFactory(lead_organisation=lep)
    return InterventionFactory(priority=PriorityFactory(strategy=strategy))


def decision_at(intervention, kind, outcome):
    """A decision at a meeting of a body of `kind` in the intervention's strategy."""
    body = BodyFactory(strategy=intervention.priority.strategy, kind=kind, name="The body")
    meeting = MeetingFactory(body=body, title="The meeting")
    return DecisionFactory(
        meeting=meeting, outcome=outcome, amendment="Add a pilot." * (outcome == "amended")
    )


def test_the_four_come_in_the_papers_order(intervention):
    names = [r.name for r in intervention_tests(intervention)]
    assert names == ["Compelling", "Supported", "Evidence based", "Practical"]


# Supported


def test_supported_no_supporters_not_met(intervention):
    r = result(intervention, "Supported")
    assert not r.met
    assert "0 organisations" in r.reason


def test_supported_one_supporter_not_met(intervention):
    SupportFactory(intervention=intervention)
    r = result(intervention, "Supported")
    assert not r.met
    assert "1 organisation supports it" in r.reason


def test_supported_only_the_lep_not_met(intervention, lep):
    SupportFactory(intervention=intervention, organisation=lep)
    r = result(intervention, "Supported")
    assert not r.met


def test_supported_two_both_the_lep_not_met(intervention, lep):
    # The database allows one support per organisation, so two from the LEP can only be built
    # in memory: the rule must still say no when nobody outside the LEP supports it.
    supports = [Support(organisation=lep), Support(organisation=lep)]
    fake = SimpleNamespace(
        priority=intervention.priority, supports=SimpleNamespace(all=lambda: supports)
    )
    r = supported_test(fake)
    assert not r.met
    assert "all the LEP" in r.reason


def test_supported_two_one_of_them_the_lep_met(intervention, lep):
    SupportFactory(intervention=intervention, organisation=lep)
    SupportFactory(intervention=intervention)
    r = result(intervention, "Supported")
    assert r.met
    assert "1 of them outside the LEP" in r.reason


def test_supported_two_outside_met(intervention):
    SupportFactory(intervention=intervention)
    SupportFactory(intervention=intervention)
    assert result(intervention, "Supported").met


def test_supported_without_a_lep_every_supporter_counts_as_outside():
    intervention = InterventionFactory(priority=PriorityFactory(strategy=StrategyFactory()))
    SupportFactory(intervention=intervention)
    SupportFactory(intervention=intervention)
    r = result(intervention, "Supported")
    assert r.met
    assert "2 of them outside" in r.reason


# Evidence based


def test_evidence_based_nothing_linked_not_met(intervention):
    r = result(intervention, "Evidence based")
    assert not r.met
    assert "No evidence item" in r.reason


@pytest.mark.parametrize("quality", ["", QualityRating.LIMITED, QualityRating.WEAK])
def test_evidence_based_limited_item_not_met(intervention, quality):
    item = EvidenceItemFactory(
        strategy=intervention.priority.strategy,
        quality=quality,
        quality_reason="Small sample." if quality else "",
    )
    intervention.evidence_items.add(item)
    r = result(intervention, "Evidence based")
    assert not r.met
    assert "not rated good or better" in r.reason


@pytest.mark.parametrize("quality", [QualityRating.GOOD, QualityRating.STRONG])
def test_evidence_based_good_item_met(intervention, quality):
    limited = EvidenceItemFactory(
        strategy=intervention.priority.strategy,
        quality=QualityRating.LIMITED,
        quality_reason="Small sample.",
    )
    good = EvidenceItemFactory(
        strategy=intervention.priority.strategy, quality=quality, quality_reason="Robust."
    )
    intervention.evidence_items.add(limited, good)
    r = result(intervention, "Evidence based")
    assert r.met
    assert "1 linked evidence item is rated good or better" in r.reason


# Practical


def practical_intervention(intervention, **overrides):
    values = {
        "lead_partner": OrganisationFactory(),
        "cost_band": CostBand.TO_1M,
        "timescale": Timescale.ONE_TO_3_YEARS,
    }
    values.update(overrides)
    for name, value in values.items():
        setattr(intervention, name, value)
    intervention.save()
    return intervention


def test_practical_all_set_met(intervention):
    assert result(practical_intervention(intervention), "Practical").met


@pytest.mark.parametrize(
    ("field", "empty", "named"),
    [
        ("lead_partner", None, "lead partner"),
        ("cost_band", "", "cost band"),
        ("timescale", "", "timescale"),
    ],
)
def test_practical_each_missing_field_not_met_and_named(intervention, field, empty, named):
    r = result(practical_intervention(intervention, **{field: empty}), "Practical")
    assert not r.met
    assert r.reason == f"Not yet set: {named}."


def test_practical_nothing_set_names_all_three(intervention):
    r = result(intervention, "Practical")
    assert not r.met
    assert r.reason == "Not yet set: lead partner, cost band and timescale."


# Compelling


def test_compelling_no_decision_not_met(intervention):
    r = result(intervention, "Compelling")
    assert not r.met


@pytest.mark.parametrize("outcome", [DecisionOutcome.AS_ASKED, DecisionOutcome.AMENDED])
def test_compelling_steering_group_decision_met(intervention, outcome):
    intervention.compelling_decision = decision_at(intervention, BodyKind.STEERING_GROUP, outcome)
    intervention.save()
    r = result(intervention, "Compelling")
    assert r.met
    assert "The body decided it is compelling at The meeting" in r.reason


def test_compelling_board_decision_not_met(intervention):
    intervention.compelling_decision = decision_at(
        intervention, BodyKind.BOARD, DecisionOutcome.AS_ASKED
    )
    intervention.save()
    r = result(intervention, "Compelling")
    assert not r.met
    assert "not a steering group" in r.reason


@pytest.mark.parametrize(
    "outcome",
    [DecisionOutcome.DEFERRED, DecisionOutcome.PENDING, DecisionOutcome.NOT_AGREED],
)
def test_compelling_deferred_decision_not_met(intervention, outcome):
    intervention.compelling_decision = decision_at(intervention, BodyKind.STEERING_GROUP, outcome)
    intervention.save()
    r = result(intervention, "Compelling")
    assert not r.met
    assert "is recorded as" in r.reason


# All four


def test_meets_all_tests(intervention, lep):
    assert not meets_all_tests(intervention)
    practical_intervention(intervention)
    SupportFactory(intervention=intervention, organisation=lep)
    SupportFactory(intervention=intervention)
    intervention.evidence_items.add(
        EvidenceItemFactory(
            strategy=intervention.priority.strategy,
            quality=QualityRating.GOOD,
            quality_reason="Robust.",
        )
    )
    intervention.compelling_decision = decision_at(
        intervention, BodyKind.STEERING_GROUP, DecisionOutcome.AS_ASKED
    )
    intervention.save()
    fresh = interventions_for_tests(Intervention.objects.filter(pk=intervention.pk)).get()
    assert meets_all_tests(fresh)


@pytest.mark.parametrize("count", [3, 30])
def test_evaluating_a_list_costs_a_constant_number_of_queries(
    django_assert_num_queries, lep, count
):
    strategy = StrategyFactory(lead_organisation=lep)
    priority = PriorityFactory(strategy=strategy)
    decision = DecisionFactory(
        meeting=MeetingFactory(body=BodyFactory(strategy=strategy, kind=BodyKind.STEERING_GROUP)),
        outcome=DecisionOutcome.AS_ASKED,
    )
    for _ in range(count):
        intervention = InterventionFactory(priority=priority, compelling_decision=decision)
        SupportFactory(intervention=intervention)
        intervention.evidence_items.add(EvidenceItemFactory(strategy=strategy))
    # One for the interventions (with their priority, strategy, decision, meeting and body),
    # one for the supports, one for the evidence items.
    with django_assert_num_queries(3):
        results = [
            intervention_tests(i)
            for i in interventions_for_tests(Intervention.objects.filter(priority=priority))
        ]
    assert len(results) == count
