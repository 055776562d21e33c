"""Factories for activities, invitations, contributions, follow-ups, relationships and segments."""

import datetime
from zoneinfo import ZoneInfo

import factory

from convenor.engagement.choices import (
    ActivityKind,
    ContributionKind,
    ParticipantStatus,
    StatementKind,
    VoteChoice,
)
from convenor.engagement.models import (
    Activity,
    ActivityInvitation,
    ActivityMaterial,
    Comment,
    Contribution,
    Discussion,
    Document,
    FollowUp,
    Paragraph,
    ParagraphVersion,
    Participant,
    Post,
    Relationship,
    Segment,
    SoundingBoard,
    Statement,
    Vote,
)
from tests.governance.factories import BodyFactory
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import StrategyFactory

LONDON = ZoneInfo("Europe/London")


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Activity

    strategy = factory.SubFactory(StrategyFactory)
    kind = ActivityKind.WORKSHOP
    title = factory.Sequence(lambda n: f"Workshop {n}")
    starts_at = datetime.datetime(2019, 6, 12, 10, 0, tzinfo=LONDON)
    ends_at = factory.LazyAttribute(
        lambda activity: activity.starts_at + datetime.timedelta(hours=3)
    )
    place = "Enterprise M3 offices, Basingstoke"


class ActivityMaterialFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityMaterial

    activity = factory.SubFactory(ActivityFactory)
    title = factory.Sequence(lambda n: f"Briefing {n}")
    url = "https://www.enterprisem3.org.uk/"


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    activity = factory.SubFactory(ActivityFactory)
    text = factory.Sequence(lambda n: f"Follow up {n}")


class ActivityInvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ActivityInvitation

    activity = factory.SubFactory(ActivityFactory)
    person = factory.SubFactory(PersonFactory)


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    activity = factory.SubFactory(ActivityFactory)
    kind = ContributionKind.IDEA
    text = factory.Sequence(lambda n: f"Contribution {n}")
    author = factory.SubFactory(PersonFactory)
    made_on = datetime.date(2019, 6, 12)

    @factory.post_generation
    def priorities(self, create: bool, extracted: object, **kwargs: object) -> None:
        if create and extracted:
            self.priorities.set(extracted)  # type: ignore[attr-defined]


class RelationshipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Relationship

    person = factory.SubFactory(PersonFactory)


class SegmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Segment

    name = factory.Sequence(lambda n: f"Segment {n}")


class SoundingBoardFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SoundingBoard

    strategy = factory.SubFactory(StrategyFactory)
    body = factory.SubFactory(
        BodyFactory, strategy=factory.SelfAttribute("..strategy"), kind="sounding_board"
    )
    privacy_notice_version = "privacy-notice-2019-05"


class ParticipantFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Participant

    sounding_board = factory.SubFactory(SoundingBoardFactory)
    person = factory.SubFactory(PersonFactory)
    status = ParticipantStatus.MEMBER


class DocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Document

    strategy = factory.SubFactory(StrategyFactory)
    title = factory.Sequence(lambda n: f"Draft document {n}")
    opens_at = datetime.datetime(2019, 5, 1, 9, 0, tzinfo=LONDON)
    closes_at = datetime.datetime(2019, 6, 30, 17, 0, tzinfo=LONDON)


class ParagraphFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Paragraph

    document = factory.SubFactory(DocumentFactory)
    order = factory.Sequence(lambda n: n + 1)


class ParagraphVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ParagraphVersion

    paragraph = factory.SubFactory(ParagraphFactory)
    number = 1
    text = factory.Sequence(lambda n: f"The text of paragraph {n}.")


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    version = factory.SubFactory(ParagraphVersionFactory)
    author = factory.SubFactory(PersonFactory)
    text = factory.Sequence(lambda n: f"Comment {n}")


class StatementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Statement

    strategy = factory.SubFactory(StrategyFactory)
    kind = StatementKind.INTERVENTION
    text = factory.Sequence(lambda n: f"Statement {n}")


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote

    statement = factory.SubFactory(StatementFactory)
    person = factory.SubFactory(PersonFactory)
    choice = VoteChoice.AGREE


class DiscussionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Discussion

    strategy = factory.SubFactory(StrategyFactory)
    title = factory.Sequence(lambda n: f"Discussion topic {n}")
    prompt = "What should the strategy do about this?"
    opens_at = datetime.datetime(2019, 5, 1, 9, 0, tzinfo=LONDON)
    closes_at = datetime.datetime(2019, 6, 30, 17, 0, tzinfo=LONDON)


class PostFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Post

    discussion = factory.SubFactory(DiscussionFactory)
    author = factory.SubFactory(PersonFactory)
    text = factory.Sequence(lambda n: f"Post {n}")
