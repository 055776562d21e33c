"""Factories for evidence items."""

import factory

from convenor.evidence.models import EvidenceItem
from tests.strategy.factories import StrategyFactory


class EvidenceItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvidenceItem

    strategy = factory.SubFactory(StrategyFactory)
    title = factory.Sequence(lambda n: f"Research report {n}")
    summary = "What the research found, in two sentences. It is illustrative."
    url = factory.Sequence(lambda n: f"https://example.org/research/{n}")
