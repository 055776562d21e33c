"""Writes to the stakeholder register: keys, consent, and the audit trail."""

import pytest
from django.core.exceptions import ValidationError

from convenor.core.models import AuditEvent
from convenor.stakeholders import services
from convenor.stakeholders.choices import LawfulBasis, OrganisationKind, Ownership
from convenor.stakeholders.models import Organisation, Person
from tests.accounts.factories import StaffUserFactory

pytestmark = pytest.mark.django_db


def test_organisations_get_unique_keys_from_their_names():
    first = services.organisation_create(
        actor=None,
        name="Hart District Council",
        kind=OrganisationKind.COUNCIL,
        ownership=Ownership.PUBLIC,
    )
    second = services.organisation_create(
        actor=None,
        name="Hart District Council",
        kind=OrganisationKind.COUNCIL,
        ownership=Ownership.PUBLIC,
    )
    no_letters = services.organisation_create(
        actor=None, name="😍", kind=OrganisationKind.BUSINESS, ownership=Ownership.PRIVATE
    )
    assert [first.key, second.key, no_letters.key] == [
        "hart-district-council",
        "hart-district-council-2",
        "organisation",
    ]


def test_consent_needs_a_date_and_nothing_is_saved_without_it():
    with pytest.raises(ValidationError) as error:
        services.person_create(actor=None, name="Kevin Lloyd", lawful_basis=LawfulBasis.CONSENT)
    assert error.value.message_dict == {
        "consent_date": ["Give the date consent was given, or choose another basis."],
        "consent_channel": ["Say how consent was given, or choose another basis."],
    }
    assert not Person.objects.exists()
    assert AuditEvent.objects.count() == 0


def test_the_audit_trail_records_who_changed_which_fields():
    actor = StaffUserFactory()
    organisation = services.organisation_create(
        actor=actor,
        name="Enterprise M3",
        kind=OrganisationKind.BUSINESS_BODY,
        ownership=Ownership.PUBLIC,
    )
    services.organisation_update(
        organisation=organisation,
        actor=actor,
        data={
            "name": "Enterprise M3 LEP",
            "sector": "Local enterprise partnership",
            "kind": OrganisationKind.BUSINESS_BODY,
        },
    )
    assert list(
        AuditEvent.objects.order_by("id").values_list("actor", "verb", "target_repr", "detail")
    ) == [
        (actor.pk, "created", "Enterprise M3", {}),
        (actor.pk, "changed", "Enterprise M3 LEP", {"fields": ["name", "sector"]}),
    ]
    assert Organisation.objects.get().name == "Enterprise M3 LEP"
