"""Data protection: consent recorded, subject access (page, JSON, CSV) and erasure by staff."""

from __future__ import annotations

import csv
import datetime
import io
import json

import pytest
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from convenor.core.models import AuditEvent
from convenor.core.services import audit_event_record
from convenor.governance.forms import MembershipForm
from convenor.meetings.forms import InvitationForm
from convenor.stakeholders import services
from convenor.stakeholders.choices import ConsentChannel, LawfulBasis
from convenor.stakeholders.models import Person
from convenor.stakeholders.privacy import csv_cell_safe, person_erase
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.governance.factories import BodyFactory, MembershipFactory
from tests.meetings.factories import (
    ActionFactory,
    AgendaItemFactory,
    DeclarationFactory,
    InvitationFactory,
    MeetingFactory,
)
from tests.stakeholders.factories import OrganisationFactory, PersonFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff():
    return StaffUserFactory(email="sam.staff@example.org")


@pytest.fixture
def chloe():
    """A person with an account, a consent record, and a place in every part of the system."""
    person = PersonFactory(
        name="Chloe Marsden",
        email="chloe.marsden@example.org",
        job_title="Founder",
        linkedin_url="https://www.linkedin.com/in/chloe",
        organisation=OrganisationFactory(name="Kestrel Earth Observation"),
        lawful_basis=LawfulBasis.CONSENT,
        consent_date=datetime.date(2019, 5, 8),
        consent_channel=ConsentChannel.WEB_FORM,
        consent_wording_version="privacy-notice-2019-05",
        user=UserFactory(email="chloe.marsden@example.org"),
    )
    body = BodyFactory(name="Digital Action Group")
    MembershipFactory(body=body, person=person, starts_on=datetime.date(2019, 1, 1))
    meeting = MeetingFactory(body=body, title="Digital Action Group, May")
    InvitationFactory(meeting=meeting, person=person)
    item = AgendaItemFactory(meeting=meeting, order=3, title="5G testbeds")
    DeclarationFactory(agenda_item=item, person=person, interest="Director of a 5G start-up")
    ActionFactory(strategy=body.strategy, meeting=meeting, owner=person, description="=1+2 map")
    return person


# Consent


def test_consent_needs_a_channel_as_well_as_a_date(staff):
    with pytest.raises(Exception) as error:
        services.person_create(
            actor=staff,
            name="Kevin Lloyd",
            lawful_basis=LawfulBasis.CONSENT,
            consent_date=datetime.date(2019, 5, 1),
        )
    assert error.value.message_dict == {  # type: ignore[attr-defined]
        "consent_channel": ["Say how consent was given, or choose another basis."]
    }
    assert not Person.objects.exists()


def test_staff_see_and_change_the_consent_record_on_the_person_form(client, staff, chloe):
    client.force_login(staff)
    url = reverse("stakeholders_staff:person_edit", args=[chloe.pk])
    html = client.get(url).content.decode()
    assert 'name="consent_channel" type="radio" value="web_form" checked' in html
    assert 'value="privacy-notice-2019-05"' in html

    client.post(
        url,
        {
            "name": "Chloe Marsden",
            "organisation": str(chloe.organisation_id),
            "job_title": "Founder",
            "email": "chloe.marsden@example.org",
            "linkedin_url": "https://www.linkedin.com/in/chloe",
            "lawful_basis": LawfulBasis.CONSENT,
            "consent_date": "2019-06-01",
            "consent_channel": ConsentChannel.PAPER_FORM,
            "consent_wording_version": "privacy-notice-2019-06",
            "user": str(chloe.user_id),
        },
    )
    chloe.refresh_from_db()
    assert (chloe.consent_date, chloe.consent_channel, chloe.consent_wording_version) == (
        datetime.date(2019, 6, 1),
        "paper_form",
        "privacy-notice-2019-06",
    )


def test_the_consent_wording_version_survives_every_naughty_string(staff, naughty_strings):
    person = PersonFactory(name="Naughty Strings")
    for number, value in enumerate(naughty_strings):
        # The field holds 100 characters; Django strips surrounding whitespace like any form.
        wanted = value[:100]
        services.person_update(person=person, actor=staff, data={"consent_wording_version": wanted})
        person.refresh_from_db()
        assert person.consent_wording_version == wanted, number
    subject = PersonFactory(consent_wording_version="<script>alert(1)</script>", user=UserFactory())
    client = Client()
    client.force_login(subject.user)
    html = client.get(reverse("stakeholders:my_data")).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


# Subject access


def test_a_person_sees_everything_held_about_them(client, chloe):
    client.force_login(chloe.user)
    response = client.get(reverse("stakeholders:my_data"))
    assert response.status_code == 200
    html = response.content.decode()
    for held in (
        "chloe.marsden@example.org",
        "Kestrel Earth Observation",
        "Digital Action Group",
        "Digital Action Group, May",
        "Director of a 5G start-up",
        "=1+2 map",
        "privacy-notice-2019-05",
    ):
        assert held in html, held
    assert [section.title for section in response.context["sections"]] == [
        "Your record",
        "Organisation",
        "Changes made to your record",
        "Memberships of bodies",
        "Meeting invitations and attendance",
        "Actions",
        "Progress notes on your actions",
        "Declarations of interest",
        "Invitations to engagement activities",
        "Your contributions to engagement activities",
        "How we assess our relationship with you",
    ]


def test_a_signed_in_account_without_a_record_is_told_so(client):
    client.force_login(UserFactory(email="nobody@example.org"))
    html = client.get(reverse("stakeholders:my_data")).content.decode()
    assert "No stakeholder record is linked to your account" in html
    response = client.get(reverse("stakeholders:my_data_download", args=["json"]))
    assert response.status_code == 404


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get(reverse("stakeholders:my_data"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_the_json_download_holds_each_section(client, chloe):
    client.force_login(chloe.user)
    response = client.get(reverse("stakeholders:my_data_download", args=["json"]))
    assert response["Content-Disposition"] == (
        f'attachment; filename="convenor-data-person-{chloe.pk}.json"'
    )
    data = json.loads(response.content)
    assert data["person"][0]["Email address"] == "chloe.marsden@example.org"
    assert data["person"][0]["Consent given by"] == "Web form"
    assert data["declarations"] == [
        {
            "Meeting": "Digital Action Group, May",
            "Agenda item": "3. 5G testbeds",
            "Interest declared": "Director of a 5G start-up",
            "Action taken": "",
        }
    ]
    assert data["memberships"][0]["Body"] == "Digital Action Group"
    assert data["actions"][0]["Action"] == "=1+2 map"  # JSON is data: kept exactly


def test_the_csv_download_has_no_formula_cells(client, chloe):
    chloe.job_title = "@SUM(A1)"
    chloe.save()
    client.force_login(chloe.user)
    response = client.get(reverse("stakeholders:my_data_download", args=["csv"]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["Section", "Record", "Field", "Value"]
    assert ["Actions", "1", "Action", "'=1+2 map"] in rows
    assert ["Your record", "1", "Job title", "'@SUM(A1)"] in rows
    assert all(
        not cell.startswith(("=", "+", "-", "@", "\t", "\r")) for row in rows for cell in row
    )


def test_csv_cells_are_neutralised_for_every_formula_start():
    assert [csv_cell_safe(v) for v in ("=A", "+A", "-A", "@A", "\tA", "\rA", "A=")] == [
        "'=A",
        "'+A",
        "'-A",
        "'@A",
        "'\tA",
        "'\rA",
        "A=",
    ]


def test_staff_produce_the_same_report_for_any_person(client, staff, chloe):
    client.force_login(staff)
    response = client.get(reverse("stakeholders_staff:person_data", args=[chloe.pk]))
    assert response.status_code == 200
    assert "Data held about Chloe Marsden" in response.content.decode()
    download = client.get(
        reverse("stakeholders_staff:person_data_download", args=[chloe.pk, "json"])
    )
    client.force_login(chloe.user)
    own = client.get(reverse("stakeholders:my_data_download", args=["json"]))
    assert json.loads(download.content) == json.loads(own.content)


def test_people_who_are_not_staff_cannot_see_another_persons_data(client, chloe):
    client.force_login(UserFactory())
    response = client.get(reverse("stakeholders_staff:person_data", args=[chloe.pk]))
    assert response.status_code == 403


# Erasure


def test_the_confirmation_page_says_what_is_deleted_and_kept(client, staff, chloe):
    client.force_login(staff)
    html = client.get(reverse("stakeholders_staff:person_erase", args=[chloe.pk])).content.decode()
    assert "Erase Chloe Marsden?" in html
    assert f"their name, replaced by “Erased person {chloe.pk}”" in html
    assert "their email address, LinkedIn profile and job title" in html
    assert "You cannot undo this." in html


def test_erasure_deletes_contact_data_and_keeps_contributions(client, staff, chloe):
    account = chloe.user
    earlier = AuditEvent.objects.create(
        verb="changed",
        target_type=ContentType.objects.get_for_model(Person),
        target_id=str(chloe.pk),
        target_repr="Chloe Marsden",
    )
    client.force_login(staff)
    response = client.post(reverse("stakeholders_staff:person_erase", args=[chloe.pk]))
    assert response.status_code == 302

    chloe.refresh_from_db()
    assert (
        chloe.name,
        chloe.key,
        chloe.email,
        chloe.job_title,
        chloe.linkedin_url,
        chloe.consent_date,
        chloe.consent_channel,
        chloe.consent_wording_version,
        chloe.opted_out,
        chloe.user,
    ) == (
        f"Erased person {chloe.pk}",
        f"erased-person-{chloe.pk}",
        "",
        "",
        "",
        None,
        "",
        "",
        True,
        None,
    )
    assert chloe.erased_at is not None
    account.refresh_from_db()
    assert (account.is_active, account.email, account.has_usable_password()) == (
        False,
        f"erased-account-{account.pk}@erased.invalid",
        False,
    )
    assert (
        chloe.memberships.count(),
        chloe.invitations.count(),
        chloe.declarations.count(),
        chloe.actions_owned.count(),
    ) == (1, 1, 1, 1)

    erasure = AuditEvent.objects.get(verb="erased")
    assert (erasure.actor, erasure.target_id, erasure.target_repr) == (
        staff,
        str(chloe.pk),
        f"person {chloe.pk}",
    )
    assert "Chloe" not in json.dumps(erasure.detail)
    assert "chloe" not in json.dumps(erasure.detail)
    earlier.refresh_from_db()
    assert earlier.target_repr == f"Erased person {chloe.pk}"
    assert not AuditEvent.objects.filter(target_repr__contains="Chloe Marsden").exists()


def test_people_who_are_not_staff_cannot_erase_and_nothing_changes(client, chloe):
    client.force_login(UserFactory())
    response = client.post(reverse("stakeholders_staff:person_erase", args=[chloe.pk]))
    assert response.status_code == 403
    chloe.refresh_from_db()
    assert (chloe.name, chloe.erased_at) == ("Chloe Marsden", None)
    assert not AuditEvent.objects.filter(verb="erased").exists()


def test_erased_people_are_offered_for_no_new_invitation_or_membership(staff, chloe):
    kept = PersonFactory(name="Kevin Lloyd")
    person_erase(person=chloe, actor=staff)
    invitation_choices = list(InvitationForm().fields["person"].queryset)
    membership_choices = list(MembershipForm().fields["person"].queryset)

    assert chloe not in invitation_choices and kept in invitation_choices
    assert chloe not in membership_choices and kept in membership_choices


def test_erasure_removes_the_name_and_email_from_audit_event_details(staff):
    """Services log invitees by name in event details; erasure must not leave them there."""
    person = PersonFactory(name="Zoë O'Brien-Łukasz", email="zoe@example.org")
    bystander = PersonFactory(name="Sam Smith")
    meeting = MeetingFactory(title="Skills Action Group, June")
    audit_event_record(
        actor=staff,
        verb="sent invitations",
        target=meeting,
        detail={"to": [person.name, bystander.name], "emails": ["zoe@example.org"], "count": 2},
    )

    person_erase(person=person, actor=staff)

    event = AuditEvent.objects.get(verb="sent invitations")
    label = f"Erased person {person.pk}"
    assert event.detail == {"to": [label, "Sam Smith"], "emails": [label], "count": 2}


def test_erasure_is_all_or_nothing(staff, monkeypatch):
    """A failure part-way (here, writing the audit event) leaves the person as they were."""
    person = PersonFactory(name="Ravi Patel", email="ravi@example.org")

    def refuse(**kwargs):
        raise RuntimeError("audit store unavailable")

    monkeypatch.setattr(AuditEvent.objects, "create", refuse)
    with pytest.raises(RuntimeError):
        person_erase(person=person, actor=staff)

    person.refresh_from_db()
    assert (person.name, person.email, person.erased_at) == ("Ravi Patel", "ravi@example.org", None)
