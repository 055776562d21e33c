"""Exports of the organisation and people lists: filtered, formula-safe, staff only, audited."""

from __future__ import annotations

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from convenor.core.models import AuditEvent
from convenor.stakeholders.exporting import cell_neutralise
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.stakeholders.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db

HOSTILE = ["=1+1", "+1", "-1", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.fixture
def staff(client):
    user = StaffUserFactory()
    client.force_login(user)
    return user


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"), newline="")))


def xlsx_rows(response) -> list[list[str]]:
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return [[cell.value or "" for cell in row] for row in workbook.active.iter_rows()]


def xlsx_formula_cells(response) -> list[str]:
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return [
        cell.coordinate
        for row in workbook.active.iter_rows()
        for cell in row
        if cell.data_type == "f" or str(cell.value or "").startswith("=")
    ]


def test_cells_a_spreadsheet_would_run_are_quoted_and_others_left_alone():
    assert [cell_neutralise(value) for value in HOSTILE] == [f"'{value}" for value in HOSTILE]
    assert cell_neutralise("Acme = best") == "Acme = best"
    assert cell_neutralise(None) == ""


def test_exported_people_hold_no_formula_and_keep_their_values(client, staff):
    for number, text in enumerate(HOSTILE):
        PersonFactory(name=f"P{number} {text}", job_title=text, email=f"p{number}@example.org")

    for file_format, read in (("csv", csv_rows), ("xlsx", xlsx_rows)):
        response = client.get(reverse("stakeholders_staff:person_export", args=[file_format]))
        assert response.status_code == 200
        rows = read(response)
        assert rows[0][:4] == ["Name", "Email", "Organisation", "Job title"]
        job_titles = sorted(row[3] for row in rows[1:])
        # Exact in both formats: openpyxl writes through lxml (installed with python-docx),
        # which keeps a carriage return as a character reference instead of a raw one that XML
        # readers would turn into a line feed.
        expected = [f"'{text}" for text in HOSTILE]
        assert (file_format, job_titles) == (file_format, sorted(expected))
        for row in rows[1:]:
            assert not row[3].startswith(("=", "+", "-", "@", "\t", "\r"))
    xlsx = client.get(reverse("stakeholders_staff:person_export", args=["xlsx"]))
    assert xlsx_formula_cells(xlsx) == []


def test_the_export_is_of_the_list_as_searched_and_filtered(client, staff):
    OrganisationFactory(name='=HYPERLINK("http://evil")', sector="-2+3")
    OrganisationFactory(name="Surrey County Council", kind="council", ownership="public")
    url = reverse("stakeholders_staff:organisation_export", args=["csv"])

    rows = csv_rows(client.get(url, {"kind": "council"}))
    assert [row[0] for row in rows[1:]] == ["Surrey County Council"]

    rows = csv_rows(client.get(url, {"q": "HYPERLINK"}))
    assert [(row[0], row[2]) for row in rows[1:]] == [('\'=HYPERLINK("http://evil")', "'-2+3")]
    event = AuditEvent.objects.get(
        verb="exported organisations", detail__filters={"q": "HYPERLINK"}
    )
    assert (event.actor, event.detail["format"], event.detail["rows"]) == (staff, "csv", 1)


def test_people_who_are_not_staff_cannot_export_personal_data(client):
    PersonFactory()
    client.force_login(UserFactory())
    for name in ("person_export", "organisation_export"):
        response = client.get(reverse(f"stakeholders_staff:{name}", args=["csv"]))
        assert response.status_code == 403
    assert AuditEvent.objects.filter(verb__startswith="exported").count() == 0


def test_an_export_makes_as_many_queries_for_many_people_as_for_few(
    client, staff, django_assert_num_queries
):
    url = reverse("stakeholders_staff:person_export", args=["csv"])
    PersonFactory.create_batch(2)
    client.get(url)  # fills the content type cache
    with django_assert_num_queries(4):  # session, user, people, audit event
        client.get(url)
    PersonFactory.create_batch(30)
    with django_assert_num_queries(4):
        client.get(url)
