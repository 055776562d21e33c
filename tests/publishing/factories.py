"""Factories for publications, their versions and sections."""

import datetime

import factory

from convenor.publishing.choices import PublicationKind, SectionKind
from convenor.publishing.models import Publication, PublicationVersion, Section
from tests.strategy.factories import StrategyFactory


class PublicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Publication

    strategy = factory.SubFactory(StrategyFactory)
    kind = PublicationKind.EVIDENCE_SUMMARY
    slug = factory.Sequence(lambda n: f"publication-{n}")
    title = factory.Sequence(lambda n: f"Evidence summary {n}")


class PublicationVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PublicationVersion

    publication = factory.SubFactory(PublicationFactory)
    number = factory.Sequence(lambda n: n + 1)
    as_of = datetime.date(2019, 6, 21)


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    version = factory.SubFactory(PublicationVersionFactory)
    position = factory.Sequence(lambda n: n + 1)
    kind = SectionKind.WRITTEN
    heading = factory.Sequence(lambda n: f"Section {n}")
    body = "The strategy is being developed with partners across the area."
