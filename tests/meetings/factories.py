"""Factories for meetings, agenda items, papers, invitations, decisions, actions, declarations."""

import datetime
from zoneinfo import ZoneInfo

import factory

from convenor.meetings.choices import DecisionVerb
from convenor.meetings.models import (
    Action,
    AgendaItem,
    Decision,
    Declaration,
    Invitation,
    Meeting,
    Paper,
)
from tests.governance.factories import BodyFactory
from tests.stakeholders.factories import PersonFactory

LONDON = ZoneInfo("Europe/London")


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    body = factory.SubFactory(BodyFactory)
    strategy = factory.SelfAttribute("body.strategy")
    title = factory.Sequence(lambda n: f"Meeting {n}")
    starts_at = datetime.datetime(2019, 5, 22, 10, 0, tzinfo=LONDON)
    ends_at = factory.LazyAttribute(lambda meeting: meeting.starts_at + datetime.timedelta(hours=2))
    location = "Enterprise M3 offices, Basingstoke"


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Agenda item {n + 1}")


class PaperFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Paper

    meeting = factory.SubFactory(MeetingFactory)
    title = factory.Sequence(lambda n: f"Paper {n}")
    file = factory.django.FileField(filename="paper.pdf", data=b"%PDF-1.4 test paper")


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)


class DecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Decision

    meeting = factory.SubFactory(MeetingFactory)
    order = factory.Sequence(lambda n: n + 1)
    verb = DecisionVerb.NOTE
    text = "the proposed approach to steering further work on the strategy"


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    meeting = factory.SubFactory(MeetingFactory)
    strategy = factory.SelfAttribute("meeting.strategy")
    description = factory.Sequence(lambda n: f"Circulate the draft of section {n}")
    owner = factory.SubFactory(PersonFactory)
    due_on = datetime.date(2019, 6, 14)


class DeclarationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Declaration

    agenda_item = factory.SubFactory(AgendaItemFactory)
    person = factory.SubFactory(PersonFactory)
    interest = "Director of a company bidding for the contract"
