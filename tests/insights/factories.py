"""Factories for insight: texts, priority tags, theme runs and themes, opinion runs, links."""

import datetime

import factory
from django.utils import timezone

from convenor.insights.choices import RunStatus, TagMethod, TagStatus, TextKind, ThemeScope
from convenor.insights.models import OpinionRun, PriorityTag, Text, Theme, ThemeQuote, ThemeRun
from tests.engagement.factories import ContributionFactory
from tests.strategy.factories import PriorityFactory


class TextFactory(factory.django.DjangoModelFactory):
    """A contribution's text, copied into insight as `texts_sync` would."""

    class Meta:
        model = Text

    contribution = factory.SubFactory(ContributionFactory)
    strategy = factory.SelfAttribute("contribution.activity.strategy")
    kind = TextKind.CONTRIBUTION
    text = factory.SelfAttribute("contribution.text")
    said_on = datetime.date(2019, 5, 20)


class PriorityTagFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PriorityTag

    text = factory.SubFactory(TextFactory)
    priority = factory.SubFactory(
        PriorityFactory, strategy=factory.SelfAttribute("..text.strategy")
    )
    confidence = 0.6
    method = TagMethod.KEYWORDS
    status = TagStatus.SUGGESTED


class ThemeRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThemeRun

    strategy = factory.SubFactory("tests.strategy.factories.StrategyFactory")
    scope = ThemeScope.STRATEGY
    status = RunStatus.DONE
    requested_at = factory.LazyFunction(timezone.now)
    finished_at = factory.LazyFunction(timezone.now)


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Theme

    run = factory.SubFactory(ThemeRunFactory)
    number = factory.Sequence(lambda n: n + 1)
    terms = factory.LazyFunction(lambda: ["housing", "rents", "young people"])
    size = 3
    by_kind = factory.LazyFunction(lambda: {"business": 2, "council": 1})
    by_area = factory.LazyFunction(lambda: {"Guildford": 3})


class ThemeQuoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ThemeQuote

    theme = factory.SubFactory(ThemeFactory)
    text = factory.SubFactory(TextFactory)
    weight = 0.5


class OpinionRunFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OpinionRun

    strategy = factory.SubFactory("tests.strategy.factories.StrategyFactory")
    status = RunStatus.DONE
    requested_at = factory.LazyFunction(timezone.now)
    finished_at = factory.LazyFunction(timezone.now)
