"""The staff pages importing organisations and people: upload, preview, confirm, cancel."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from convenor.stakeholders.import_views import SESSION_KEY
from convenor.stakeholders.models import Organisation, Person
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.stakeholders.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = StaffUserFactory()
    client.force_login(user)
    return user


def csv_upload(rows: list[list[str]], name: str = "people.csv") -> SimpleUploadedFile:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode(), content_type="text/csv")


def upload(client, kind: str, rows: list[list[str]], **extra: str):
    url = reverse(f"stakeholders_staff:{kind}_import")
    return client.post(url, {"upload": csv_upload(rows), **extra})


def pending_files() -> list[str]:
    folder = Path(settings.MEDIA_ROOT) / "imports"
    return sorted(path.suffix for path in folder.iterdir()) if folder.exists() else []


def test_staff_upload_preview_and_confirm_a_file_with_a_duplicate_merged(client, staff):
    existing = PersonFactory(email="jo@example.org", job_title="")
    rows = [
        ["Name", "Email", "Job title"],
        ["Jo", "JO@example.org", "Chair"],
        ["New Person", "new@example.org", "Analyst"],
        ["No Email Either", "nope", ""],
    ]
    response = upload(client, "person", rows)
    assert response.status_code == 302
    preview_url = response["Location"]
    import_id = preview_url.rstrip("/").rsplit("/", 1)[1]
    assert client.session[SESSION_KEY] == [import_id]
    assert pending_files() == [".json", ".upload"]

    preview = client.get(preview_url)
    assert preview.status_code == 200
    page = preview.content.decode()
    assert "Check the import of people from people.csv" in page
    assert "Enter a valid email address." in page
    assert "Line 2: Jo" in page
    assert Person.objects.count() == 1

    result = client.post(preview_url, {"confirm": "", "line_2": "merge"})

    assert result.status_code == 200
    assert "Imported people from people.csv" in result.content.decode()
    existing.refresh_from_db()
    assert existing.job_title == "Chair"
    assert Person.objects.filter(email="new@example.org").count() == 1
    assert Person.objects.count() == 2
    assert pending_files() == []
    assert client.session[SESSION_KEY] == []
    assert client.get(preview_url).status_code == 404


def test_cancel_deletes_the_pending_file_and_writes_nothing(client, staff):
    response = upload(client, "organisation", [["Name", "Type"], ["Acme", "Business"]])
    cancelled = client.post(response["Location"], {"cancel": ""})
    assert cancelled.status_code == 302
    assert Organisation.objects.count() == 0
    assert pending_files() == []


def test_an_unreadable_file_is_shown_as_an_error_on_the_form(client, staff):
    response = upload(client, "person", [["what", "ever"], ["1", "2"]])
    assert response.status_code == 200
    assert "No heading row found" in response.content.decode()
    assert pending_files() == []


def test_another_person_cannot_open_or_confirm_your_import(client, staff):
    response = upload(client, "organisation", [["Name", "Type"], ["Acme", "Business"]])
    preview_url = response["Location"]
    client.force_login(StaffUserFactory())
    assert client.get(preview_url).status_code == 404
    assert client.post(preview_url, {"confirm": ""}).status_code == 404
    assert Organisation.objects.count() == 0


def test_people_without_staff_rights_get_403_and_nothing_is_written(client):
    client.force_login(UserFactory())
    rows = [["Name", "Type"], ["Acme", "Business"]]
    assert upload(client, "organisation", rows).status_code == 403
    assert client.get(reverse("stakeholders_staff:person_import")).status_code == 403
    assert Organisation.objects.count() == 0
    assert pending_files() == []


def test_every_naughty_string_survives_import_and_is_shown_back_exactly(
    client, staff, naughty_strings
):
    OrganisationFactory(name="Home Ltd")
    # Names must have something in them, so a blank string goes in as a job title and sector;
    # strings longer than a name may be are refused as too long (tested below), not cut short.
    fitting = [text for text in naughty_strings if len(text) <= 120]
    people = [["Name", "Email", "Organisation", "Job title"]]
    organisations = [["Name", "Type", "Sector"]]
    for number, text in enumerate(fitting):
        name = text if text.strip() else f"Blank {number}"
        people.append([name, f"n{number}@example.org", "Home Ltd", text])
        # Numbered, so that strings alike once normalised are not taken as one organisation.
        organisations.append([f"Org {number} {text}", "Business", text])
    for kind, rows in (("person", people), ("organisation", organisations)):
        response = upload(client, kind, rows)
        preview = client.get(response["Location"])
        assert preview.status_code == 200
        assert "Rows that will not be imported" not in preview.content.decode()
        result = client.post(response["Location"], {"confirm": ""})
        assert result.status_code == 200
        page = result.content.decode()
        assert "Rows not written" not in page

    for number, text in enumerate(fitting):
        name = text if text.strip() else f"Blank {number}"
        person = Person.objects.get(email=f"n{number}@example.org")
        assert (person.name, person.job_title) == (name, text)
        organisation = Organisation.objects.get(name=f"Org {number} {text}")
        assert organisation.sector == text
        assert organisation.kind == "business"
    # Shown back exactly: escaped, never as markup.
    preview = client.get(upload(client, "person", people[:200])["Location"]).content.decode()
    for row in people[1:200]:
        assert escape(row[0]) in preview


def test_naughty_strings_too_long_for_a_name_are_reported_as_too_long(
    client, staff, naughty_strings
):
    too_long = [text for text in naughty_strings if len(text) > 150]
    rows = [["Name"]] + [[text] for text in too_long]
    preview = client.get(upload(client, "person", rows)["Location"])
    page = preview.content.decode()
    assert page.count("Ensure this value has at most 150 characters") == len(too_long) == 7
    result = client.post(upload(client, "person", rows)["Location"], {"confirm": ""})
    assert result.content.decode().count("Name: Ensure this value has at most 150") == 7
    assert Person.objects.count() == 0
