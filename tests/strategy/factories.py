"""Factories for strategies, stages, milestones, priorities and lines of enquiry."""

import datetime

import factory

from convenor.strategy.models import LineOfEnquiry, Milestone, Priority, Stage, Strategy


class StrategyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Strategy

    slug = factory.Sequence(lambda n: f"strategy-{n}")
    name = factory.Sequence(lambda n: f"Local Industrial Strategy {n}")
    area_name = "The test area"
    vision = "A productive, inclusive and sustainable economy."


class StageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Stage

    strategy = factory.SubFactory(StrategyFactory)
    order = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Stage {n + 1}")
    starts_on = datetime.date(2019, 1, 1)
    ends_on = datetime.date(2019, 3, 31)


class MilestoneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Milestone

    strategy = factory.SubFactory(StrategyFactory)
    date = datetime.date(2019, 6, 21)
    title = factory.Sequence(lambda n: f"Milestone {n}")


class PriorityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Priority

    strategy = factory.SubFactory(StrategyFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Priority title {n + 1}")
    summary = "What this priority is about."


class LineOfEnquiryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LineOfEnquiry

    priority = factory.SubFactory(PriorityFactory)
    order = factory.Sequence(lambda n: n + 1)
    question = factory.Sequence(lambda n: f"What would most improve outcome {n}?")
