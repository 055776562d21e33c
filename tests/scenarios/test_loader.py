"""Loading scenario files: every error reported with its path, all-or-nothing, idempotent."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from django.apps import apps

from convenor import cli
from convenor.core.models import AuditEvent
from convenor.scenarios.loader import (
    ScenarioError,
    scenario_load,
    scenario_load_data,
)
from convenor.stakeholders.models import Area, Person

DATA = Path(__file__).parent / "data"
DEMO = cli.DEMO_SCENARIO
APP_LABELS = (
    "core",
    "accounts",
    "stakeholders",
    "strategy",
    "governance",
    "meetings",
    "engagement",
    "evidence",
    "interventions",
)


def row_counts() -> dict[str, int]:
    """The number of rows in every table of the apps a scenario writes to, join tables included."""
    return {
        model._meta.db_table: model._default_manager.count()
        for label in APP_LABELS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    }


def minimal(**sections: object) -> dict[str, object]:
    """A valid scenario with nothing but a strategy, with `sections` added or replaced."""
    return {
        "format": "convenor-scenario/1",
        "strategy": {"slug": "minimal", "name": "Minimal strategy", "area_name": "Somewhere"},
        **sections,
    }


@pytest.mark.django_db
def test_load_scenario_with_three_errors_prints_each_with_its_path_and_writes_nothing(capsys):
    scenario_load(path=DEMO, build_publications=False)
    before = row_counts()

    exit_code = cli.main(["load-scenario", str(DATA / "three-errors.yaml")])

    captured = capsys.readouterr()
    assert exit_code == 1
    assert captured.err.splitlines() == [
        "three-errors.yaml: stages[1].ends_on: the stage ends (2019-01-01) before it starts "
        "(2019-03-01)",
        "three-errors.yaml: priorities[1].title: a priority needs a title",
        'three-errors.yaml: bodies[0].members[1].person: no person with key "jo-bloggs" in this '
        "file",
    ]
    assert captured.out == ""
    assert row_counts() == before


@pytest.mark.django_db
def test_scenario_error_keeps_the_list_of_paths_and_messages():
    with pytest.raises(ScenarioError) as raised:
        scenario_load(path=DATA / "three-errors.yaml")

    assert raised.value.errors == [
        ("stages[1].ends_on", "the stage ends (2019-01-01) before it starts (2019-03-01)"),
        ("priorities[1].title", "a priority needs a title"),
        ("bodies[0].members[1].person", 'no person with key "jo-bloggs" in this file'),
    ]


@pytest.mark.django_db
def test_loading_the_demo_twice_leaves_the_same_rows_as_loading_it_once():
    first = scenario_load(path=DEMO, build_publications=False)
    once = row_counts()

    second = scenario_load(path=DEMO, build_publications=False)

    assert row_counts() == once
    assert first.created == 4379
    assert (second.created, second.updated, second.unchanged) == (0, 0, 4379)
    assert second.summary() == (
        "Loaded em3-2019.yaml (strategy enterprise-m3-lis): nothing changed; "
        "all 4379 rows were already up to date."
    )


@pytest.mark.django_db
def test_load_scenario_command_prints_what_it_created(capsys):
    exit_code = cli.main(["load-scenario", str(DEMO)])

    out = capsys.readouterr().out
    assert exit_code == 0
    # The labels are padded to the longest, "declarations of interest".
    assert out.splitlines()[:4] == [
        # With the publications built: their builds, the signer's account and the sign-off.
        "Loaded em3-2019.yaml (strategy enterprise-m3-lis): 4384 created, 0 updated, 0 unchanged.",
        "  areas                    16 created",
        "  organisations            90 created",
        "  people                   178 created",
    ]
    assert out.splitlines()[12:18] == [
        "  meetings                 13 created",
        "  agenda items             29 created",
        "  decisions                16 created",
        "  invitations              101 created",
        "  actions                  12 created",
        "  declarations of interest 2 created",
    ]
    assert out.splitlines()[18:24] == [
        "  relationships            18 created",
        "  segments                 3 created",
        "  activities               9 created",
        "  activity invitations     252 created",
        "  contributions            25 created",
        "  follow-up actions        7 created",
    ]
    assert out.splitlines()[24:] == [
        "  sounding boards          1 created",
        "  participants             153 created",
        "  project briefs           9 created",
        "  indicators               6 created",
        "  indicator values         450 created",
        "  evidence items           13 created",
        "  documents                2 created",
        "  paragraphs               23 created",
        "  paragraph versions       24 created",
        "  comments                 40 created",
        "  reactions                84 created",
        "  statements               20 created",
        "  votes                    2313 created",
        "  discussions              2 created",
        "  posts                    10 created",
        "  interventions            25 created",
        "  supports                 34 created",
        "  lifecycle changes        54 created",
        "  publications             3 created",
        "  publication versions     4 created",
        "  sections                 27 created",
        "  publication builds       3 created",
        "  accounts                 1 created",
        "  sign-offs                1 created",
        "  lint waivers             1 created",
    ]


@pytest.mark.django_db
def test_a_changed_field_is_updated_and_nothing_else_is_touched():
    scenario_load(path=DEMO, build_publications=False)
    document = minimal(
        areas=[
            {
                "key": "hampshire",
                "name": "Hampshire (renamed)",
                "tier": "county",
                "gss_code": "E10000014",
                "county": "Hampshire",
            }
        ]
    )

    report = scenario_load_data(data=document, source="rename.yaml")

    assert Area.objects.get(key="hampshire").name == "Hampshire (renamed)"
    assert report.counts["areas"] == {"updated": 1}
    assert report.counts["strategies"] == {"created": 1}
    event = AuditEvent.objects.first()
    assert event is not None
    assert (event.verb, event.target_repr) == ("scenario loaded", "Minimal strategy")
    assert event.detail["counts"]["areas"] == {"updated": 1}


@pytest.mark.django_db
def test_a_model_validation_failure_is_reported_with_its_path_and_nothing_is_written():
    scenario_load(path=DEMO, build_publications=False)
    before = row_counts()

    with pytest.raises(ScenarioError) as raised:
        scenario_load(path=DATA / "consent-without-date.yaml")

    assert str(raised.value) == (
        "consent-without-date.yaml: people[1].consent_date: "
        "Give the date consent was given, or choose another basis."
    )
    assert row_counts() == before
    assert Area.objects.get(key="hampshire").name == "Hampshire"
    assert not Person.objects.filter(key="first-person").exists()


@pytest.mark.django_db
def test_a_yaml_syntax_error_is_reported_with_its_line_and_column(capsys):
    exit_code = cli.main(["load-scenario", str(DATA / "syntax-error.yaml")])

    assert exit_code == 1
    assert capsys.readouterr().err == (
        "syntax-error.yaml: line 6, column 1: this is not valid YAML: while scanning a quoted "
        "scalar (from line 4, column 9), found unexpected end of stream\n"
    )


@pytest.mark.django_db
def test_an_unknown_format_version_is_refused():
    with pytest.raises(ScenarioError) as raised:
        scenario_load(path=DATA / "unknown-format.yaml")

    assert raised.value.errors == [
        (
            "format",
            'unknown format "convenor-scenario/2": this version of Convenor reads '
            "convenor-scenario/1",
        )
    ]


@pytest.mark.django_db
def test_a_file_without_a_format_is_refused():
    document = minimal()
    del document["format"]

    with pytest.raises(ScenarioError) as raised:
        scenario_load_data(data=document, source="no-format.yaml")

    assert str(raised.value) == (
        "no-format.yaml: format: say which format the file is written in: "
        "format: convenor-scenario/1"
    )


@pytest.mark.django_db
def test_unknown_fields_wrong_types_bad_choices_and_duplicates_are_all_reported():
    document = minimal(
        areas=[
            {"key": "north", "name": "North", "tier": "county", "gss_code": "E10000001"},
            {"key": "north", "name": "Another North", "tier": "borough"},
        ],
        people=[{"key": "ann", "name": "Ann", "titel": "Director", "email": "not an email"}],
        priorities=[
            {"number": "one", "title": "Innovation"},
            {"number": 2, "title": "Skills", "board_sponsor": "bob", "lep_role": "leading"},
        ],
        bodies=[
            {"slug": "a", "name": "A", "kind": "board", "reports_to": "b", "leads": [2, 7]},
            {"slug": "b", "name": "B", "kind": "board", "reports_to": "a", "leads": [2]},
        ],
        stages=[{"name": "Set Up", "starts_on": "1 November 2018", "ends_on": True}],
    )

    with pytest.raises(ScenarioError) as raised:
        scenario_load_data(data=document, source="many.yaml")

    assert raised.value.errors == [
        ("areas[1].tier", '"borough" is not one of: county, district, unitary, other'),
        ("areas[1].key", 'another area (areas[0]) already has key "north"'),
        (
            "people[0].titel",
            'unknown field "titel"; a person may have: key, name, organisation, job_title, '
            "email, linkedin_url, lawful_basis, consent_date, consent_channel, "
            "consent_wording_version, opted_out, illustrative",
        ),
        ("people[0].email", '"not an email" is not an email address'),
        ("stages[0].starts_on", 'expected a date (YYYY-MM-DD), found "1 November 2018"'),
        ("stages[0].ends_on", "expected a date (YYYY-MM-DD), found true (a yes/no value)"),
        ("priorities[0].number", 'expected a whole number, found "one"'),
        ("priorities[1].lep_role", '"leading" is not one of: convening, developing, both'),
        ("priorities[1].board_sponsor", 'no person with key "bob" in this file'),
        ("bodies[0].leads[1]", "no priority with number 7 in this file"),
        ("bodies[1].leads[0]", "priority 2 already has a lead body (bodies[0])"),
        ("bodies[0].reports_to", "reporting loop: a -> b -> a"),
        ("bodies[1].reports_to", "reporting loop: b -> a -> b"),
    ]


@pytest.mark.django_db
def test_a_key_given_twice_in_one_mapping_is_reported_with_both_lines(tmp_path):
    scenario = tmp_path / "twice.yaml"
    scenario.write_text(
        "format: convenor-scenario/1\n"
        "strategy:\n"
        "  slug: twice\n"
        "  name: First name\n"
        "  area_name: Somewhere\n"
        "  name: Second name\n"
    )

    with pytest.raises(ScenarioError) as raised:
        scenario_load(path=scenario)

    assert str(raised.value) == (
        'twice.yaml: strategy.name: "name" is given twice in one mapping (lines 4 and 6)'
    )


@pytest.mark.django_db
def test_a_suggestion_is_given_for_a_misspelt_section():
    document = minimal(prioritys=[])

    with pytest.raises(ScenarioError) as raised:
        scenario_load_data(data=document, source="typo.yaml")

    path, message = raised.value.errors[0]
    assert path == "prioritys"
    assert message.startswith('unknown field "prioritys" (did you mean "priorities"?); ')


@pytest.mark.django_db
def test_a_stage_can_be_moved_to_current_when_another_was_current():
    stages = [
        {
            "name": "One",
            "starts_on": datetime.date(2019, 1, 1),
            "ends_on": datetime.date(2019, 2, 1),
            "status": "current",
        },
        {
            "name": "Two",
            "starts_on": datetime.date(2019, 2, 1),
            "ends_on": datetime.date(2019, 3, 1),
        },
    ]
    scenario_load_data(data=minimal(stages=stages), source="one.yaml")
    stages[0]["status"], stages[1]["status"] = "complete", "current"

    report = scenario_load_data(data=minimal(stages=stages), source="two.yaml")

    assert report.counts["stages"] == {"updated": 2}
