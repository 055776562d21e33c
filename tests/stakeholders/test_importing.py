"""Reading, validating and writing imports of organisations and people (stakeholders.importing)."""

from __future__ import annotations

import csv
import datetime
import io

import openpyxl
import pytest

from convenor.core.models import AuditEvent
from convenor.stakeholders.importing import (
    ImportFileError,
    Problem,
    import_plan,
    import_write,
    organisation_name_key,
)
from convenor.stakeholders.models import Organisation, Person
from tests.accounts.factories import StaffUserFactory
from tests.stakeholders.factories import AreaFactory, OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

PEOPLE_HEADINGS = ["Name", "Email", "Organisation", "Job title", "Lawful basis", "Consent date"]


def csv_bytes(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


def people_file(count: int, organisation: str = "Acme Ltd") -> list[list[str]]:
    return [PEOPLE_HEADINGS] + [
        [f"Person {n}", f"person{n}@example.org", organisation, "Analyst", "", ""]
        for n in range(count)
    ]


def test_organisation_names_match_whatever_their_case_punctuation_spacing_and_suffix():
    assert organisation_name_key("ACME  Ltd.") == "acme"
    assert organisation_name_key("Acme Limited") == "acme"
    assert organisation_name_key("acme plc") == "acme"
    assert organisation_name_key("Acme, Holdings (UK) Ltd") == "acme holdings uk"
    assert organisation_name_key("Limited") == "limited"
    assert organisation_name_key("!!!") == "!!!"


def test_a_thousand_rows_with_three_bad_ones_report_exactly_those_three():
    OrganisationFactory(name="Acme Ltd")
    rows = people_file(1000)
    rows[11][1] = "not-an-email"  # line 12
    rows[500][4] = "Consent"  # line 501: consent with no date
    rows[900][0] = "x" * 151  # line 901: longer than a name may be
    organisations, people = Organisation.objects.count(), Person.objects.count()

    plan = import_plan(kind="people", content=csv_bytes(rows), filename="people.csv")

    assert plan.problems == [
        Problem(12, "Email", "Enter a valid email address."),
        Problem(501, "Consent date", "Give the date consent was given, or choose another basis."),
        Problem(901, "Name", "Ensure this value has at most 150 characters (it has 151)."),
    ]
    assert len(plan.to_create) == 997
    assert (Organisation.objects.count(), Person.objects.count()) == (organisations, people)

    staff = StaffUserFactory()
    result = import_write(plan=plan, decisions={}, actor=staff)

    assert result.created == 997
    assert Person.objects.count() == people + 997
    assert [(row.line, row.reason) for row in result.not_written] == [
        (12, "Email: Enter a valid email address."),
        (501, "Consent date: Give the date consent was given, or choose another basis."),
        (901, "Name: Ensure this value has at most 150 characters (it has 151)."),
    ]
    person = Person.objects.get(email="person3@example.org")
    assert (person.name, person.organisation.name, person.job_title) == (
        "Person 3",
        "Acme Ltd",
        "Analyst",
    )
    # An import is one act: one audit event with its counts, not an event per row.
    event = AuditEvent.objects.get()
    assert (event.actor, event.verb, event.target_type.model, event.target_id) == (
        staff,
        "imported",
        "person",
        "",
    )
    assert event.detail == {
        "import": "people.csv",
        "kind": "people",
        "created": 997,
        "duplicates": 0,
        "merged": 0,
        "bad_rows": 3,
        "organisations_created": 0,
    }


def test_organisation_rows_report_unknown_types_areas_and_missing_names():
    AreaFactory(name="Rushmoor", gss_code="E07000092")
    rows = [
        ["Name", "Type", "Sector", "Area", "Website"],
        ["Farnborough College", "College", "Education", "Rushmoor", ""],
        ["Mystery", "Spaceship", "", "", ""],
        ["", "Business", "", "", ""],
        ["Nowhere Council", "Council", "", "Atlantis", ""],
        ["Bad Site Ltd", "Business", "", "E07000092", "not a url"],
    ]

    plan = import_plan(kind="organisations", content=csv_bytes(rows), filename="orgs.csv")

    assert plan.problems == [
        Problem(
            2,
            "Public, private or third sector",
            "Say whether it is in the public, private or third sector",
        ),
        Problem(
            3,
            "Type",
            "Unknown organisation type “Spaceship”: use one of Council, University, College, "
            "Business, Business representative body, Government, Agency, Voluntary and community",
        ),
        Problem(4, "Name", "Enter the organisation's name"),
        Problem(5, "Area", "No area “Atlantis” in the register: use its name or code"),
        Problem(6, "Website", "Enter a valid URL."),
    ]


def test_duplicates_are_found_in_the_register_and_in_the_file_and_merged_or_skipped_as_chosen():
    existing = OrganisationFactory(name="Acme Limited", sector="", website="")
    kept_person = PersonFactory(email="jo@example.org", job_title="", name="Jo Bloggs")
    rows = [
        ["Name", "Type", "Sector", "Website"],
        ["ACME Ltd.", "Business", "Aerospace", "https://acme.example"],  # 2: register's Acme
        ["Widgets plc", "Business", "Manufacturing", ""],  # 3: new
        ["widgets", "Business", "", "https://widgets.example"],  # 4: repeats line 3
    ]
    plan = import_plan(kind="organisations", content=csv_bytes(rows), filename="orgs.csv")
    assert [(row.line, row.existing, row.duplicate_of_line) for row in plan.duplicates] == [
        (2, existing, None),
        (4, None, 3),
    ]
    assert plan.duplicates[0].fills == ["Sector", "Website"]

    result = import_write(plan=plan, decisions={2: "merge", 4: "skip"}, actor=None)

    existing.refresh_from_db()
    assert (existing.name, existing.sector, existing.website) == (
        "Acme Limited",
        "Aerospace",
        "https://acme.example",
    )
    widgets = Organisation.objects.get(name="Widgets plc")
    assert widgets.website == ""
    assert result.merged == [(2, "ACME Ltd.", ["Sector", "Website"])]
    assert result.kept == [(2, "ACME Ltd.", "Name", "Acme Limited", "ACME Ltd.")]
    assert [(row.line, row.reason) for row in result.not_written] == [
        (4, "Skipped as you chose: “Widgets plc” is on line 3 of this file")
    ]

    people = [
        ["Name", "Email", "Job title"],
        ["Joanna Bloggs", "JO@Example.org", "Chair"],
        ["New Person", "new@example.org", ""],
        ["New Again", "NEW@example.org", "Treasurer"],
    ]
    plan = import_plan(kind="people", content=csv_bytes(people), filename="people.csv")
    result = import_write(plan=plan, decisions={2: "merge", 4: "merge"}, actor=None)

    kept_person.refresh_from_db()
    assert (kept_person.name, kept_person.job_title) == ("Jo Bloggs", "Chair")
    new = Person.objects.get(email="new@example.org")
    assert (new.name, new.job_title) == ("New Person", "Treasurer")
    assert result.created == 1
    assert result.kept == [
        (2, "Joanna Bloggs", "Name", "Jo Bloggs", "Joanna Bloggs"),
        (4, "New Again", "Name", "New Person", "New Again"),
    ]


def test_a_duplicate_naming_an_organisation_not_in_the_register_can_be_merged():
    kept = PersonFactory(email="jo@example.org", organisation=None)
    rows = [["Name", "Email", "Organisation"], ["Jo", "jo@example.org", "New Co"]]
    plan = import_plan(
        kind="people",
        content=csv_bytes(rows),
        filename="p.csv",
        create_missing_organisations=True,
    )
    assert [row.existing for row in plan.duplicates] == [kept]

    result = import_write(plan=plan, decisions={2: "merge"}, actor=None)

    kept.refresh_from_db()
    assert kept.organisation.name == "New Co"
    assert (result.created, result.organisations_created) == (0, ["New Co"])
    assert AuditEvent.objects.get(verb="imported").detail["merged"] == 1


def test_linkedin_connections_export_is_read_after_its_notes():
    OrganisationFactory(name="Surrey Satellite Technology Ltd")
    content = (
        b"Notes:\n"
        b'"When exporting your connection data, you may notice that some of the email addresses '
        b'are missing."\n'
        b"\n"
        b"First Name,Last Name,URL,Email Address,Company,Position,Connected On\n"
        b"Ada,Lovelace,https://www.linkedin.com/in/ada,ada@example.org,"
        b"Surrey Satellite Technology,Engineer,15 Mar 2021\n"
        b"Grace,Hopper,https://www.linkedin.com/in/grace,,New Co,Admiral,01 Jan 2020\n"
    )

    plan = import_plan(
        kind="people",
        content=content,
        filename="Connections.csv",
        create_missing_organisations=True,
    )
    assert plan.problems == []
    assert plan.ignored_columns == ["Connected On"]
    assert plan.new_organisations == ["New Co"]
    import_write(plan=plan, decisions={}, actor=None)

    ada = Person.objects.get(email="ada@example.org")
    assert (ada.name, ada.job_title, ada.linkedin_url, ada.organisation.name) == (
        "Ada Lovelace",
        "Engineer",
        "https://www.linkedin.com/in/ada",
        "Surrey Satellite Technology Ltd",
    )
    grace = Person.objects.get(name="Grace Hopper")
    assert (grace.email, grace.organisation.name, grace.organisation.kind) == (
        "",
        "New Co",
        "business",
    )


def test_an_unknown_organisation_is_a_problem_unless_missing_ones_are_created():
    rows = [["Name", "Company"], ["Ada Lovelace", "Nowhere Ltd"]]
    plan = import_plan(kind="people", content=csv_bytes(rows), filename="p.csv")
    assert plan.problems == [
        Problem(
            2,
            "Company",
            "No organisation “Nowhere Ltd” in the register: add it first, or tick “Create "
            "organisations the register does not have”",
        )
    ]


def test_xlsx_files_are_read_with_their_row_numbers_and_dates():
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["A title row the import passes over"])
    sheet.append(["Name", "Email", "Lawful basis", "Consent date"])
    sheet.append(["Ada Lovelace", "ada@example.org", "Consent", datetime.datetime(2019, 5, 22)])
    sheet.append(["Bad Email", "nope", "", None])
    buffer = io.BytesIO()
    workbook.save(buffer)

    plan = import_plan(kind="people", content=buffer.getvalue(), filename="people.xlsx")

    assert plan.problems == [Problem(4, "Email", "Enter a valid email address.")]
    assert plan.rows[0].values["consent_date"] == datetime.date(2019, 5, 22)


def test_a_file_without_a_heading_row_is_refused():
    with pytest.raises(ImportFileError, match="No heading row found"):
        import_plan(kind="people", content=b"a,b\n1,2\n", filename="x.csv")


def test_the_plan_makes_as_many_queries_for_a_big_file_as_for_a_small_one(
    django_assert_num_queries,
):
    OrganisationFactory(name="Acme Ltd")
    with django_assert_num_queries(2):
        import_plan(kind="people", content=csv_bytes(people_file(5)), filename="small.csv")
    with django_assert_num_queries(2):
        import_plan(kind="people", content=csv_bytes(people_file(500)), filename="big.csv")
