"""Factories for evidence items, project briefs and indicators."""

import datetime
from decimal import Decimal

import factory

from convenor.evidence.models import EvidenceItem, Indicator, IndicatorValue, ProjectBrief
from tests.strategy.factories import PriorityFactory, StrategyFactory


class EvidenceItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EvidenceItem

    strategy = factory.SubFactory(StrategyFactory)
    title = factory.Sequence(lambda n: f"Research report {n}")
    summary = "What the research found, in two sentences. It is illustrative."
    url = factory.Sequence(lambda n: f"https://example.org/research/{n}")


class ProjectBriefFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectBrief

    priority = factory.SubFactory(PriorityFactory)
    title = factory.Sequence(lambda n: f"Research brief {n}")
    scope = "What the work covers and what it does not."
    due_on = datetime.date(2019, 9, 30)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    strategy = factory.SubFactory(StrategyFactory)
    name = factory.Sequence(lambda n: f"GVA per hour worked {n}")
    unit = "£ per hour"
    source = "ONS, subregional productivity (illustrative)"


class IndicatorValueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorValue

    indicator = factory.SubFactory(IndicatorFactory)
    area_code = "E07000209"
    period = factory.Sequence(lambda n: str(2000 + n))
    value = Decimal("35.5")
