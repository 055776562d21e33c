"""Factories for areas, organisations and people."""

import factory

from convenor.stakeholders.choices import AreaTier, OrganisationKind, Ownership
from convenor.stakeholders.models import Area, Organisation, Person


class AreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Area

    key = factory.Sequence(lambda n: f"area-{n}")
    name = factory.Sequence(lambda n: f"Borough {n}")
    gss_code = factory.Sequence(lambda n: f"E07{n:06d}")
    tier = AreaTier.DISTRICT
    county = "Surrey"


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    key = factory.Sequence(lambda n: f"organisation-{n}")
    name = factory.Sequence(lambda n: f"Organisation {n} Ltd")
    kind = OrganisationKind.BUSINESS
    sector = "Space and satellite"
    ownership = Ownership.PRIVATE
    area = factory.SubFactory(AreaFactory)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    key = factory.Sequence(lambda n: f"person-{n}")
    name = factory.Faker("name", locale="en_GB")
    organisation = factory.SubFactory(OrganisationFactory)
    job_title = "Director"
    email = factory.Sequence(lambda n: f"person{n}@example.org")
