"""Scenario sections for the evidence base and interventions: briefs, indicators, evidence items,
interventions with supports and history; loaded idempotently, errors reported by path."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

import pytest

from convenor.evidence.choices import BRIEF_CLOSED
from convenor.evidence.models import (
    EvidenceItem,
    EvidenceTerm,
    Indicator,
    IndicatorValue,
    ProjectBrief,
)
from convenor.evidence.search import evidence_search
from convenor.interventions.four_tests import (
    intervention_tests,
    interventions_for_tests,
    meets_all_tests,
)
from convenor.interventions.models import Intervention, StageChange, Support
from convenor.scenarios.loader import ScenarioError, scenario_load_data
from convenor.strategy.models import Stage, Strategy

# The demo shows the strategy as of the Board meeting of 22 May 2019.
AS_OF = datetime.date(2019, 5, 22)


def scenario(**sections: Any) -> dict[str, Any]:
    """A small valid strategy with a meeting deciding something, an activity and a statement."""
    document: dict[str, Any] = {
        "format": "convenor-scenario/1",
        "strategy": {
            "slug": "harbour-lis",
            "name": "Harbour strategy",
            "area_name": "Harbourside",
            "lead_organisation": "harbour-lep",
        },
        "organisations": [
            {"key": "harbour-lep", "name": "Harbour LEP", "kind": "agency", "ownership": "public"},
            {"key": "port-co", "name": "Port Co", "kind": "business", "ownership": "private"},
        ],
        "people": [{"key": "ada-khan", "name": "Ada Khan"}],
        "stages": [
            {"name": "Develop", "kind": "develop", "starts_on": "2024-01-01",
             "ends_on": "2024-06-30", "status": "current"},
        ],
        "priorities": [
            {"number": 1, "title": "Ports", "lines_of_enquiry": ["Why?", "How?"]},
            {"number": 2, "title": "Towns", "lines_of_enquiry": ["Where?"]},
        ],
        "bodies": [{"slug": "steering", "name": "Steering group", "kind": "steering_group"}],
        "meetings": [
            {"key": "steering-1", "body": "steering", "title": "Steering group",
             "starts_at": "2024-03-01 10:00", "ends_at": "2024-03-01 12:00",
             "agenda": [{"title": "Propositions", "decisions": [
                 {"verb": "agree", "text": "that the port skills hub is compelling",
                  "outcome": "as_asked"}]}]},
        ],
        "activities": [
            {"key": "port-workshop", "kind": "workshop", "title": "Port workshop",
             "starts_at": "2024-02-01 10:00",
             "contributions": [{"kind": "idea", "text": "A skills hub at the port."}]},
        ],
        "statements": [{"key": "hub", "kind": "narrative", "text": "The port needs a skills hub."}],
        "project_briefs": [
            {"key": "port-study", "priority": 1, "title": "Port study", "scope": "The port.",
             "questions": ["Why is it slow?", "What would help?"], "supplier": "Quay Ltd",
             "budget": 12500.5, "due_on": "2024-04-30", "status": "delivered"},
        ],
        "indicators": [
            {"key": "gva", "name": "GVA per hour", "unit": "£ per hour", "source": "ONS",
             "comparison_area_code": "K02000001", "periods": [2016, 2017],
             "values": {"E07000084": [36.1, 37], "K02000001": [33.0, None]}},
        ],
        "evidence_items": [
            {"key": "port-report", "title": "The port report", "kind": "commissioned_research",
             "summary": "Ships are bigger.", "key_findings": ["Berths are too shallow."],
             "url": "https://example.org/port", "priorities": [1],
             "lines_of_enquiry": {1: [2]}, "quality": "good", "quality_reason": "Peer reviewed.",
             "visibility": "public", "brief": "port-study", "indicators": ["gva"]},
        ],
        "interventions": [
            {"key": "skills-hub", "priority": 1, "title": "Port skills hub",
             "description": "Training at the port.", "stage": "tested",
             "lead_partner": "port-co", "cost_band": "100k_1m", "timescale": "1_3",
             "evidence": ["port-report"], "activities": ["port-workshop"],
             "contributions": {"port-workshop": [1]}, "statements": ["hub"],
             "compelling_decision": {"meeting": "steering-1", "decision": 1},
             "supports": [
                 {"organisation": "harbour-lep", "given_on": "2024-02-01", "form": "meeting"},
                 {"organisation": "port-co", "given_on": "2024-02-02", "form": "letter"},
             ],
             "history": [
                 {"to": "idea", "at": "2024-02-01 12:00", "reason": "Raised at the workshop."},
                 {"from": "idea", "to": "tested", "at": "2024-03-01 12:00",
                  "reason": "Tested with the port."},
             ]},
            {"key": "dredging", "priority": 1, "title": "Dredging", "description": "Deeper.",
             "stage": "parked", "parked_reason": "No money this year."},
        ],
    }  # fmt: skip
    document.update(sections)
    return document


def load(document: dict[str, Any]) -> Any:
    return scenario_load_data(data=document, source="harbour.yaml")


def errors_of(document: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(ScenarioError) as raised:
        load(document)
    return raised.value.errors


# --- A small scenario ----------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_new_sections_load_with_the_rows_they_describe():
    report = load(scenario())

    counts = {label: dict(counter) for label, counter in report.counts.items()}
    expected = {
        "project briefs": {"created": 1},
        "indicators": {"created": 1},
        "indicator values": {"created": 3},
        "evidence items": {"created": 1},
        "interventions": {"created": 2},
        "supports": {"created": 2},
        "lifecycle changes": {"created": 2},
    }
    assert {label: counts[label] for label in expected} == expected
    brief = ProjectBrief.objects.get(key="port-study")
    assert (brief.priority.number, brief.questions, brief.budget, brief.status) == (
        1,
        "Why is it slow?\nWhat would help?",
        Decimal("12500.50"),
        "delivered",
    )
    indicator = Indicator.objects.get(key="gva")
    assert sorted(
        IndicatorValue.objects.filter(indicator=indicator).values_list(
            "area_code", "period", "value"
        )
    ) == [
        ("E07000084", "2016", Decimal("36.1")),
        ("E07000084", "2017", Decimal("37")),
        ("K02000001", "2016", Decimal("33")),
    ]
    item = EvidenceItem.objects.get(key="port-report")
    assert item.brief == brief
    assert item.key_findings == "Berths are too shallow."
    assert [line.question for line in item.lines_of_enquiry.all()] == ["How?"]
    assert list(item.indicators.all()) == [indicator]
    assert (item.kind, item.quality, item.visibility) == ("commissioned_research", "good", "public")
    assert Stage.objects.get(strategy__slug="harbour-lis").kind == "develop"


@pytest.mark.django_db
def test_an_intervention_loads_with_its_links_supports_and_history():
    load(scenario())

    hub = interventions_for_tests(Intervention.objects.filter(key="skills-hub")).get()
    assert hub.compelling_decision is not None
    assert hub.compelling_decision.text == "that the port skills hub is compelling"
    assert [c.text for c in hub.contributions.all()] == ["A skills hub at the port."]
    assert [s.key for s in hub.statements.all()] == ["hub"]
    assert [a.key for a in hub.activities.all()] == ["port-workshop"]
    assert sorted(
        Support.objects.filter(intervention=hub).values_list("organisation__key", "form")
    ) == [
        ("harbour-lep", "meeting"),
        ("port-co", "letter"),
    ]
    assert list(
        StageChange.objects.filter(intervention=hub).values_list("from_stage", "to_stage", "actor")
    ) == [("", "idea", None), ("idea", "tested", None)]
    assert [result.met for result in intervention_tests(hub)] == [True, True, True, True]
    parked = Intervention.objects.get(key="dredging")
    assert (parked.stage, parked.parked_reason) == ("parked", "No money this year.")


@pytest.mark.django_db
def test_loading_the_new_sections_twice_changes_nothing():
    load(scenario())
    terms = list(EvidenceTerm.objects.order_by("pk").values_list("pk", "term"))

    again = load(scenario())

    assert not again.changed
    assert list(EvidenceTerm.objects.order_by("pk").values_list("pk", "term")) == terms


@pytest.mark.django_db
def test_a_changed_value_and_finding_are_updated_and_the_index_follows():
    load(scenario())
    document = scenario()
    document["indicators"][0]["values"]["E07000084"] = [36.1, 38.25]
    document["evidence_items"][0]["key_findings"] = ["Quays are crumbling."]

    report = load(document)

    assert report.counts["indicator values"] == {"updated": 1, "unchanged": 2}
    assert IndicatorValue.objects.get(area_code="E07000084", period="2017").value == Decimal(
        "38.25"
    )
    items = EvidenceItem.objects.all()
    assert [item.key for item in evidence_search(items, "crumbling")] == ["port-report"]
    assert list(evidence_search(items, "shallow")) == []


@pytest.mark.django_db
def test_the_search_index_is_built_for_loaded_items():
    load(scenario())

    items = EvidenceItem.objects.all()
    assert [item.key for item in evidence_search(items, "berths")] == ["port-report"]
    assert [item.key for item in evidence_search(items, "ships")] == ["port-report"]


# --- Errors, reported by path --------------------------------------------------------------------


@pytest.mark.django_db
def test_a_bad_organisation_in_a_support_is_reported_by_path_and_nothing_is_written():
    document = scenario()
    document["interventions"][0]["supports"][1]["organisation"] = "no-such-org"

    assert errors_of(document) == [
        (
            "interventions[0].supports[1].organisation",
            'no organisation with key "no-such-org" in this file',
        )
    ]
    assert not Strategy.objects.filter(slug="harbour-lis").exists()
    assert not Intervention.objects.exists()


@pytest.mark.django_db
def test_a_bad_evidence_key_and_a_bad_stage_are_reported_by_path():
    document = scenario()
    document["interventions"][0]["evidence"] = ["port-report", "no-such-item"]
    document["interventions"][1]["stage"] = "shelved"

    errors = errors_of(document)

    assert (
        "interventions[0].evidence[1]",
        'no evidence item with key "no-such-item" in this file',
    ) in errors
    assert any(
        path == "interventions[1].stage" and message.startswith('"shelved" is not one of: idea,')
        for path, message in errors
    )


@pytest.mark.django_db
def test_the_cross_checks_of_the_new_sections_report_each_mistake_by_path():
    document = scenario()
    item = document["evidence_items"][0]
    item["lines_of_enquiry"] = {1: [3], 2: [1]}
    item["quality_reason"] = ""
    document["indicators"][0]["values"]["E07000085"] = [1.0]
    document["indicators"][0]["values"]["bad-code"] = [1.0, 2.0]
    hub = document["interventions"][0]
    hub["contributions"] = {"port-workshop": [2]}
    hub["compelling_decision"] = {"meeting": "steering-1", "decision": 2}
    hub["history"][1]["to"] = "worked_up"
    document["interventions"][1]["parked_reason"] = ""

    assert sorted(errors_of(document)) == sorted(
        [
            ("evidence_items[0].quality_reason", "a rated item needs the reason for its rating"),
            (
                "evidence_items[0].lines_of_enquiry.2",
                "these lines of enquiry are priority 2's; add 2 to priorities",
            ),
            (
                "evidence_items[0].lines_of_enquiry.1[0]",
                "priority 1 has no line of enquiry 3",
            ),
            (
                "indicators[0].values.bad-code",
                '"bad-code" is not an area code: a letter and 8 digits, like E07000084',
            ),
            (
                "indicators[0].values.E07000085",
                "1 values for 2 periods: give one per period (null where there is none)",
            ),
            (
                "interventions[0].contributions.port-workshop[0]",
                'activity "port-workshop" has 1 contribution, so no number 2',
            ),
            (
                "interventions[0].compelling_decision.decision",
                'meeting "steering-1" takes 1 decision, so no decision 2',
            ),
            ("interventions[0].stage", "its history ends at worked_up, not at its stage tested"),
            (
                "interventions[1].parked_reason",
                "a parked intervention needs the reason it is parked",
            ),
        ]
    )


@pytest.mark.django_db
def test_a_history_out_of_order_or_not_following_on_is_reported():
    document = scenario()
    document["interventions"][0]["history"] = [
        {"to": "idea", "at": "2024-02-01 12:00", "reason": "Raised."},
        {"from": "worked_up", "to": "tested", "at": "2024-01-01 12:00", "reason": "Tested."},
    ]

    assert errors_of(document) == [
        (
            "interventions[0].history[1].at",
            "the history is in time order: this move comes earlier",
        ),
        (
            "interventions[0].history[1].from",
            "the move before this one left it at idea, not worked_up",
        ),
    ]


@pytest.mark.django_db
def test_budget_values_and_periods_must_be_numbers_and_periods():
    document = scenario()
    document["project_briefs"][0]["budget"] = -5
    document["indicators"][0]["values"]["E07000084"] = ["lots", 1.23456]
    bad_periods = scenario()
    bad_periods["indicators"][0]["periods"] = [2016, True]

    assert errors_of(document) == [
        ("project_briefs[0].budget", "must be 0 or more, not -5"),
        ("indicators[0].values.E07000084[0]", 'expected a number, found "lots"'),
        ("indicators[0].values.E07000084[1]", "1.23456 has more than 4 decimal places"),
    ]
    assert errors_of(bad_periods)[0] == (
        "indicators[0].periods[1]",
        "expected a period, found true (a yes/no value)",
    )


@pytest.mark.django_db
def test_a_compelling_decision_must_name_a_meeting_and_a_number():
    document = scenario()
    document["interventions"][0]["compelling_decision"] = {"meeting": "nope", "when": 1}

    assert errors_of(document) == [
        (
            "interventions[0].compelling_decision.when",
            'unknown field "when"; a decision reference may have: meeting, decision',
        ),
        (
            "interventions[0].compelling_decision.decision",
            "a decision reference needs a decision (its number)",
        ),
    ]


# --- The demo ------------------------------------------------------------------------------------


@pytest.fixture
def demo(demo_loaded_for_module, db) -> Strategy:
    # Loaded once for the module (tests/conftest.py); each test's changes are rolled back.
    return Strategy.objects.get(slug="enterprise-m3-lis")


def test_the_demo_has_the_evidence_base_and_interventions_it_describes(demo):
    interventions = Intervention.objects.filter(priority__strategy=demo)

    assert ProjectBrief.objects.filter(priority__strategy=demo).count() == 9
    assert Indicator.objects.filter(strategy=demo).count() == 6
    assert IndicatorValue.objects.filter(indicator__strategy=demo).count() == 450
    assert EvidenceItem.objects.filter(strategy=demo).count() == 13
    assert interventions.count() == 25
    assert Support.objects.filter(intervention__priority__strategy=demo).count() == 34
    assert StageChange.objects.filter(intervention__priority__strategy=demo).count() == 54
    for number in range(1, 10):
        assert 2 <= interventions.filter(priority__number=number).count() <= 4, number
    assert all(i.is_illustrative for i in interventions)
    kinds = Stage.objects.filter(strategy=demo).order_by("order").values_list("kind", flat=True)
    assert list(kinds) == ["set_up", "develop", "engage", "assemble", "agree", "publish"]


def test_the_demo_names_the_papers_research_and_the_towns_item_is_public(demo):
    items = EvidenceItem.objects.filter(strategy=demo)
    kinds = set(items.values_list("kind", flat=True))

    assert {"commissioned_research", "dataset", "qualitative"} <= kinds
    assert items.get(key="towns-research-emerging-findings").visibility == "public"
    assert items.get(key="towns-study-33-towns").brief.key == "towns-research"
    assert set(items.values_list("quality", flat=True)) >= {"strong", "good", "limited", ""}
    assert {
        item.key
        for item in items.filter(kind="qualitative")
        if item.visibility in ("partners", "staff")
    } == set(items.filter(kind="qualitative").values_list("key", flat=True))
    employment = items.get(key="employment-by-sector-2013-2017")
    assert (
        sorted(employment.indicators.values_list("key", flat=True))[0] == "employment-construction"
    )
    assert Indicator.objects.filter(strategy=demo, is_illustrative=False).count() == 0


def test_evidence_search_finds_a_demo_item_by_a_word_of_its_findings(demo):
    items = EvidenceItem.objects.filter(strategy=demo)

    assert [item.key for item in evidence_search(items, "predictor")] == ["productivity-research"]
    assert [item.key for item in evidence_search(items, "wayleave")] == [
        "workshop-notes-digital-5g-2019-04"
    ]


def test_in_the_demo_two_interventions_meet_all_four_tests_and_the_rest_do_not(demo):
    interventions = interventions_for_tests(Intervention.objects.filter(priority__strategy=demo))

    assert sorted(i.key for i in interventions if meets_all_tests(i)) == [
        "shared-5g-test-beds",
        "technology-adoption-vouchers",
    ]
    # Each test is met by some interventions and not by others.
    results = [intervention_tests(i) for i in interventions]
    for position in range(4):
        assert {tests[position].met for tests in results} == {True, False}


def test_in_the_demo_one_brief_is_overdue_and_some_lines_are_answered(demo):
    briefs = ProjectBrief.objects.filter(priority__strategy=demo)
    overdue = [
        b.key for b in briefs if b.due_on and b.due_on < AS_OF and b.status not in BRIEF_CLOSED
    ]

    assert overdue == ["digital-coverage-gaps"]
    assert {b.priority.number for b in briefs} == {1, 2, 3, 4, 5, 7, 8, 9}
    answered = {
        (line.priority.number, line.order)
        for item in EvidenceItem.objects.filter(strategy=demo)
        for line in item.lines_of_enquiry.select_related("priority")
    }
    lines = {
        (line.priority.number, line.order, line.status)
        for line in demo.priorities.get(number=1).lines_of_enquiry.select_related("priority")
    }
    assert (1, 3) not in answered and (1, 3, "open") in lines
    assert {(3, 1), (4, 2), (8, 1)} <= answered


def test_parked_demo_interventions_say_why(demo):
    parked = Intervention.objects.filter(priority__strategy=demo, stage="parked")

    assert sorted(parked.values_list("key", flat=True)) == [
        "heathrow-supply-chain",
        "institute-of-technology-bid",
    ]
    assert all(i.parked_reason for i in parked)
