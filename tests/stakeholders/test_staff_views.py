"""The staff area's stakeholder register: areas, organisations and people."""

import datetime

import pytest
from django.urls import reverse
from django.utils.html import escape

from convenor.core.models import AuditEvent
from convenor.stakeholders.choices import (
    AreaTier,
    LawfulBasis,
    OrganisationKind,
    Ownership,
    SizeBand,
)
from convenor.stakeholders.models import Area, Organisation, Person
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.governance.factories import MembershipFactory
from tests.stakeholders.factories import AreaFactory, OrganisationFactory, PersonFactory
from tests.strategy.test_staff_views import text_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client):
    user = StaffUserFactory()
    client.force_login(user)
    return user


def organisation_data(**overrides):
    data = {
        "name": "Surrey Satellite Technology Ltd",
        "kind": OrganisationKind.BUSINESS,
        "ownership": Ownership.PRIVATE,
        "sector": "Space and satellite",
        "size_band": SizeBand.LARGE,
        "area": "",
        "website": "https://www.sstl.co.uk/",
        "linkedin_url": "https://www.linkedin.com/company/sstl",
    }
    data.update(overrides)
    return data


def person_data(**overrides):
    data = {
        "name": "Kevin Lloyd",
        "organisation": "",
        "job_title": "Local Industrial Strategy Lead",
        "email": "Kevin.Lloyd@example.org",
        "linkedin_url": "",
        "lawful_basis": LawfulBasis.PUBLIC_TASK,
        "consent_date": "",
        "user": "",
    }
    data.update(overrides)
    return data


# Organisations


def test_organisation_create_saves_exact_values(client, staff):
    area = AreaFactory(name="Guildford")
    url = reverse("stakeholders_staff:organisation_create")
    assert client.get(url).status_code == 200

    response = client.post(url, organisation_data(area=str(area.pk)))

    organisation = Organisation.objects.get()
    assert response["Location"] == reverse(
        "stakeholders_staff:organisation_edit", args=[organisation.pk]
    )
    assert (
        organisation.key,
        organisation.name,
        organisation.kind,
        organisation.ownership,
        organisation.sector,
        organisation.size_band,
        organisation.area,
        organisation.website,
        organisation.linkedin_url,
    ) == (
        "surrey-satellite-technology-ltd",
        "Surrey Satellite Technology Ltd",
        OrganisationKind.BUSINESS,
        Ownership.PRIVATE,
        "Space and satellite",
        SizeBand.LARGE,
        area,
        "https://www.sstl.co.uk/",
        "https://www.linkedin.com/company/sstl",
    )
    assert AuditEvent.objects.get().actor == staff


def test_organisation_form_refuses_a_linkedin_address_elsewhere(client, staff):
    response = client.post(
        reverse("stakeholders_staff:organisation_create"),
        organisation_data(linkedin_url="https://linkedin.example.com/company/sstl"),
    )
    assert response.context["form"].errors == {
        "linkedin_url": ["Enter a LinkedIn address, starting https://www.linkedin.com/"]
    }
    assert not Organisation.objects.exists()


def test_organisation_form_asks_for_type_and_sector_of_the_economy(client, staff):
    response = client.post(
        reverse("stakeholders_staff:organisation_create"),
        organisation_data(kind="", ownership=""),
    )
    assert set(response.context["form"].errors) == {"kind", "ownership"}
    html = response.content.decode()
    # Radios: the summary links to the first radio, which carries the field's id.
    assert '<a href="#id_kind">This field is required.</a>' in html
    assert 'id="id_kind" name="kind" type="radio" value="council"' in html
    assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Type</legend>' in html


def test_naughty_strings_survive_the_organisation_form_and_are_escaped_on_display(
    client, staff, naughty_strings
):
    strings = naughty_strings
    # Form fields strip surrounding spaces and refuse NUL characters, by design; names are at
    # most 200 characters and sectors 120. Every other string must come back exactly as typed.
    names = [
        text
        for text in strings
        if text and text.strip() == text and "\x00" not in text and len(text) <= 200
    ]
    assert len(names) > 400

    for name in names:
        response = client.post(
            reverse("stakeholders_staff:organisation_create"),
            organisation_data(name=name, sector=name[:120].strip()),
            follow=True,
        )
        assert response.redirect_chain, (name, response.context["form"].errors)
        organisation = Organisation.objects.get(pk=response.context["organisation"].pk)
        assert (organisation.name, organisation.sector) == (name, name[:120].strip())
        html = response.content.decode()
        assert f'<h1 class="govuk-heading-l">{escape(name)}</h1>' in html
        assert f'value="{escape(name)}"' in html

    listing = client.get(
        reverse("stakeholders_staff:organisation_list"), {"q": "<script>alert(0)</script>"}
    ).content.decode()
    assert "&lt;script&gt;alert(0)&lt;/script&gt;" in listing
    assert "<script>alert(0)</script>" not in listing


def test_organisation_list_filters_by_type_and_searches_by_name(client, staff):
    OrganisationFactory(name="University of Surrey", kind=OrganisationKind.UNIVERSITY)
    OrganisationFactory(name="Surrey County Council", kind=OrganisationKind.COUNCIL)
    OrganisationFactory(name="Hampshire County Council", kind=OrganisationKind.COUNCIL)
    url = reverse("stakeholders_staff:organisation_list")

    councils = client.get(url, {"kind": OrganisationKind.COUNCIL})
    surrey_councils = client.get(url, {"kind": OrganisationKind.COUNCIL, "q": "surrey"})
    nothing = client.get(url, {"q": "Atlantis"})

    assert [o.name for o in councils.context["object_list"]] == [
        "Hampshire County Council",
        "Surrey County Council",
    ]
    assert [o.name for o in surrey_councils.context["object_list"]] == ["Surrey County Council"]
    assert "No organisation matches your filters." in text_of(nothing)


def test_organisation_list_pages_keep_the_filters(client, staff):
    for number in range(27):
        OrganisationFactory(name=f"Council {number:02d}", kind=OrganisationKind.COUNCIL)
    response = client.get(
        reverse("stakeholders_staff:organisation_list"), {"kind": OrganisationKind.COUNCIL}
    )
    assert len(response.context["object_list"]) == 25
    assert 'href="?kind=council&amp;page=2"' in response.content.decode()


def test_organisation_list_query_count_is_the_same_for_any_number(
    client, staff, django_assert_num_queries
):
    OrganisationFactory.create_batch(2)
    # Session, user, count, the strategy menu, the filters' choices (sectors, areas, bodies,
    # priorities, relationship owners), the page of organisations.
    with django_assert_num_queries(10):
        client.get(reverse("stakeholders_staff:organisation_list"))
    OrganisationFactory.create_batch(20)
    with django_assert_num_queries(10):
        client.get(reverse("stakeholders_staff:organisation_list"))


def test_organisation_list_empty_state(client, staff):
    response = client.get(reverse("stakeholders_staff:organisation_list"))
    assert "The register has no organisations yet." in text_of(response)


def test_organisation_delete_keeps_its_people(client, staff):
    organisation = OrganisationFactory(name="Hart District Council")
    person = PersonFactory(organisation=organisation)
    url = reverse("stakeholders_staff:organisation_delete", args=[organisation.pk])
    confirmation = client.get(url)
    client.post(url)
    assert "Its people stay in the register, with no organisation." in text_of(confirmation)
    person.refresh_from_db()
    assert person.organisation is None


# People


def test_person_create_saves_exact_values(client, staff):
    organisation = OrganisationFactory(name="Enterprise M3 LEP")
    account = UserFactory(email="kevin@example.org")
    url = reverse("stakeholders_staff:person_create")
    assert client.get(url).status_code == 200

    client.post(
        url,
        person_data(
            organisation=str(organisation.pk),
            linkedin_url="https://www.linkedin.com/in/kevin-lloyd",
            lawful_basis=LawfulBasis.CONSENT,
            consent_date="2019-05-15",
            consent_channel="paper_form",
            consent_wording_version="privacy-notice-2019-05",
            opted_out="on",
            user=str(account.pk),
        ),
    )

    person = Person.objects.get()
    assert (
        person.name,
        person.organisation,
        person.job_title,
        person.email,
        person.linkedin_url,
        person.lawful_basis,
        person.consent_date,
        person.consent_channel,
        person.consent_wording_version,
        person.opted_out,
        person.user,
    ) == (
        "Kevin Lloyd",
        organisation,
        "Local Industrial Strategy Lead",
        "kevin.lloyd@example.org",
        "https://www.linkedin.com/in/kevin-lloyd",
        LawfulBasis.CONSENT,
        datetime.date(2019, 5, 15),
        "paper_form",
        "privacy-notice-2019-05",
        True,
        account,
    )


def test_consent_needs_the_date_it_was_given(client, staff):
    response = client.post(
        reverse("stakeholders_staff:person_create"),
        person_data(lawful_basis=LawfulBasis.CONSENT, consent_date="", consent_channel="email"),
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "consent_date": ["Give the date consent was given, or choose another basis."]
    }
    html = response.content.decode()
    assert '<a href="#id_consent_date">Give the date consent was given' in html
    assert 'id="id_lawful_basis" name="lawful_basis" type="radio" value="consent" checked' in html
    assert not Person.objects.exists()


def test_two_people_cannot_share_an_email_address(client, staff):
    PersonFactory(email="kevin.lloyd@example.org")
    response = client.post(reverse("stakeholders_staff:person_create"), person_data())
    assert list(response.context["form"].errors) == ["__all__"]
    assert Person.objects.count() == 1


def test_person_list_filters_by_organisation_and_searches_name_and_email(client, staff):
    lep = OrganisationFactory(name="Enterprise M3 LEP")
    PersonFactory(name="Kevin Lloyd", organisation=lep, email="kevin@em3.example")
    PersonFactory(name="Stacey King", organisation=lep, email="stacey@em3.example")
    PersonFactory(name="Mike Short", email="mike@telco.example")
    url = reverse("stakeholders_staff:person_list")

    at_lep = client.get(url, {"organisation": lep.pk})
    by_email = client.get(url, {"q": "telco"})
    by_name = client.get(url, {"q": "stacey", "organisation": lep.pk})

    assert [p.name for p in at_lep.context["object_list"]] == ["Kevin Lloyd", "Stacey King"]
    assert [p.name for p in by_email.context["object_list"]] == ["Mike Short"]
    assert [p.name for p in by_name.context["object_list"]] == ["Stacey King"]


def test_person_edit_and_delete(client, staff):
    person = PersonFactory(name="Dave Axam", email="dave@example.org")
    MembershipFactory(person=person)
    edit_url = reverse("stakeholders_staff:person_edit", args=[person.pk])
    assert client.get(edit_url).status_code == 200

    client.post(
        edit_url, person_data(name="Dave Axam", email="dave@example.org", job_title="Board member")
    )
    person.refresh_from_db()
    assert (person.job_title, person.organisation) == ("Board member", None)

    delete_url = reverse("stakeholders_staff:person_delete", args=[person.pk])
    assert client.get(delete_url).context["also_deleted"] == ["1 membership"]
    client.post(delete_url)
    assert not Person.objects.exists()


# Areas


def test_area_create_edit_and_delete(client, staff):
    create_url = reverse("stakeholders_staff:area_create")
    assert client.get(create_url).status_code == 200
    client.post(
        create_url,
        {
            "name": "Guildford",
            "gss_code": "E07000209",
            "tier": AreaTier.DISTRICT,
            "county": "Surrey",
        },
    )
    area = Area.objects.get()
    assert (area.key, area.name, area.gss_code, area.tier, area.county) == (
        "guildford",
        "Guildford",
        "E07000209",
        AreaTier.DISTRICT,
        "Surrey",
    )

    bad = client.post(
        reverse("stakeholders_staff:area_edit", args=[area.pk]),
        {"name": "Guildford", "gss_code": "X123", "tier": AreaTier.DISTRICT, "county": "Surrey"},
    )
    assert list(bad.context["form"].errors) == ["__all__"]
    area.refresh_from_db()
    assert area.gss_code == "E07000209"

    client.post(reverse("stakeholders_staff:area_delete", args=[area.pk]))
    assert not Area.objects.exists()


def test_area_list_searches_by_code(client, staff):
    AreaFactory(name="Guildford", gss_code="E07000209")
    AreaFactory(name="Hart", gss_code="E07000089")
    response = client.get(reverse("stakeholders_staff:area_list"), {"q": "e07000089"})
    assert [area.name for area in response.context["object_list"]] == ["Hart"]


def test_people_who_are_not_staff_cannot_change_the_register(client):
    organisation = OrganisationFactory(name="Hart District Council")
    client.force_login(UserFactory())
    response = client.post(
        reverse("stakeholders_staff:organisation_edit", args=[organisation.pk]),
        organisation_data(name="Renamed"),
    )
    assert response.status_code == 403
    organisation.refresh_from_db()
    assert organisation.name == "Hart District Council"
    assert AuditEvent.objects.count() == 0
