"""The weekly digest: who is due one, and what it holds for them, read from the data itself.

There is no queue of things to tell people. A participant's digest covers the moments
(digest_sent_at, or when they joined if never; now], and lists what happened to them or on the
priorities they follow in that period, all of it published (pending or hidden content never):

- published replies to their comments on documents and to their posts in discussions, each
  counted at the moment it became readable: when a moderator last published or restored it
  (moderated_at), or when it was written if no moderator has touched it (post-moderation);
- document windows and discussions that opened (opens_at) on a priority they follow;
- statements they submitted that a moderator published (moderated_at);
- workshops open for sign-up on a priority they follow that have not started. The model keeps no
  moment at which sign-up opened, so "newly" means created or changed (updated_at) since the
  period began: a workshop edited after a digest listed it is listed again, which is better
  than missing one that an edit opened for sign-up. Nor is updated_at bounded by the period's
  end: in a demonstration, whose clock is set before the moment its rows were stamped, a
  workshop loaded open for sign-up is news in every digest until it starts.

A moment is counted in one period only, so running the digest twice lists nothing twice; the
exceptions are the workshop edits above and a moderator dismissing flags on a published reply
(which moves its moderated_at): both repeat an item, neither loses one.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from convenor.engagement.choices import (
    ActivityStatus,
    ContentStatus,
    NotificationChoice,
    ParticipantStatus,
)
from convenor.engagement.documents_selectors import shown_name
from convenor.engagement.models import (
    Activity,
    Comment,
    Discussion,
    Document,
    Participant,
    Post,
    Relationship,
    Statement,
)

# A weekly digest goes out once the last one is this old. The hour of slack lets a daily job
# that starts a few seconds earlier than last week's still send on the seventh day.
DIGEST_INTERVAL = datetime.timedelta(days=7)
DIGEST_SLACK = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class Reply:
    """A published reply to something the participant wrote, with the name its author shows."""

    text: str
    author_name: str
    what: str  # the participant's own text that was replied to
    place: str  # where: "paragraph 3 of <document>" or the discussion's title
    url_args: tuple[str, int]  # the strategy's slug and the document's or discussion's pk
    anchor: str
    published_at: datetime.datetime


@dataclass(frozen=True)
class Digest:
    """What one participant's digest holds for the period (start, end], each list in order."""

    participant: Participant
    start: datetime.datetime
    end: datetime.datetime
    comment_replies: list[Reply]
    post_replies: list[Reply]
    documents_opened: list[Document]
    discussions_opened: list[Discussion]
    statements_published: list[Statement]
    workshops: list[Activity]

    @property
    def item_count(self) -> int:
        """How many items the digest lists."""
        return (
            len(self.comment_replies)
            + len(self.post_replies)
            + len(self.documents_opened)
            + len(self.discussions_opened)
            + len(self.statements_published)
            + len(self.workshops)
        )

    @property
    def is_empty(self) -> bool:
        """Whether there is nothing to tell (then no mail is sent)."""
        return self.item_count == 0


def participants_due(*, now: datetime.datetime) -> QuerySet[Participant]:
    """Current members who chose the weekly digest and whose last one is a week old, or never."""
    due_before = now - DIGEST_INTERVAL + DIGEST_SLACK
    return (
        Participant.objects.filter(
            status=ParticipantStatus.MEMBER, notifications=NotificationChoice.WEEKLY
        )
        .filter(Q(digest_sent_at__isnull=True) | Q(digest_sent_at__lte=due_before))
        .select_related("person", "sounding_board__strategy")
        .order_by("sounding_board_id", "person__name", "pk")
    )


def digest_period_start(*, participant: Participant, end: datetime.datetime) -> datetime.datetime:
    """Where the participant's digest period begins: the last digest, or when they joined."""
    start = participant.digest_sent_at or participant.created_at
    if start >= end:
        # Only when the clock is set back (a demonstration's moment is earlier than the moment
        # the demo's rows were stamped when loaded): cover the week before, as a digest does.
        start = end - DIGEST_INTERVAL
    return start


def _published_at() -> Coalesce:
    # When it became readable: a moderator's last publish or restore, else when it was written.
    return Coalesce(F("moderated_at"), F("created_at"))


def _name_shown(strategy_id: int) -> Subquery:
    return Subquery(
        Participant.objects.filter(
            sounding_board__strategy_id=strategy_id, person_id=OuterRef("author_id")
        ).values("name_shown")[:1]
    )


def _comment_replies(
    participant: Participant, start: datetime.datetime, end: datetime.datetime
) -> list[Reply]:
    strategy = participant.sounding_board.strategy
    replies = (
        Comment.objects.filter(
            parent__author_id=participant.person_id,
            status=ContentStatus.PUBLISHED,
            version__paragraph__document__strategy_id=strategy.pk,
        )
        .exclude(author_id=participant.person_id)
        .annotate(published_at=_published_at(), author_name_shown=_name_shown(strategy.pk))
        .filter(published_at__gt=start, published_at__lte=end)
        .select_related("author__organisation", "parent", "version__paragraph__document")
        .order_by("published_at", "pk")
    )
    return [
        Reply(
            text=reply.text,
            author_name=shown_name(reply.author, reply.author_name_shown),  # type: ignore[attr-defined]
            what=reply.parent.text if reply.parent else "",
            place=(
                f"paragraph {reply.version.paragraph.order} of "
                f"{reply.version.paragraph.document.title}"
            ),
            url_args=(strategy.slug, reply.version.paragraph.document_id),
            anchor=f"paragraph-{reply.version.paragraph.order}",
            published_at=reply.published_at,  # type: ignore[attr-defined]
        )
        for reply in replies
    ]


def _post_replies(
    participant: Participant, start: datetime.datetime, end: datetime.datetime
) -> list[Reply]:
    strategy = participant.sounding_board.strategy
    replies = (
        Post.objects.filter(
            parent__author_id=participant.person_id,
            status=ContentStatus.PUBLISHED,
            discussion__strategy_id=strategy.pk,
        )
        .exclude(author_id=participant.person_id)
        .annotate(published_at=_published_at(), author_name_shown=_name_shown(strategy.pk))
        .filter(published_at__gt=start, published_at__lte=end)
        .select_related("author__organisation", "parent", "discussion")
        .order_by("published_at", "pk")
    )
    return [
        Reply(
            text=reply.text,
            author_name=shown_name(reply.author, reply.author_name_shown),  # type: ignore[attr-defined]
            what=reply.parent.text if reply.parent else "",
            place=reply.discussion.title,
            url_args=(strategy.slug, reply.discussion_id),
            anchor=f"post-{reply.pk}",
            published_at=reply.published_at,  # type: ignore[attr-defined]
        )
        for reply in replies
    ]


def followed_priority_ids(*, person_id: int) -> list[int]:
    """The priorities a person follows (their relationship's priorities of interest)."""
    return list(
        Relationship.priorities.through.objects.filter(
            relationship__person_id=person_id
        ).values_list("priority_id", flat=True)
    )


def digest_for(*, participant: Participant, end: datetime.datetime) -> Digest:
    """What the participant's digest holds for the period from its start to `end`."""
    start = digest_period_start(participant=participant, end=end)
    strategy = participant.sounding_board.strategy
    followed = followed_priority_ids(person_id=participant.person_id)
    documents: list[Document] = []
    discussions: list[Discussion] = []
    workshops: list[Activity] = []
    if followed and strategy.is_public:
        documents = list(
            Document.objects.filter(
                strategy_id=strategy.pk,
                opens_at__gt=start,
                opens_at__lte=end,
                priorities__in=followed,
            )
            .distinct()
            .order_by("opens_at", "title", "pk")
        )
        discussions = list(
            Discussion.objects.filter(
                strategy_id=strategy.pk,
                opens_at__gt=start,
                opens_at__lte=end,
                priority_id__in=followed,
            )
            .select_related("priority")
            .order_by("opens_at", "title", "pk")
        )
    if followed:
        workshops = list(
            Activity.objects.filter(
                strategy_id=strategy.pk,
                is_open_for_sign_up=True,
                starts_at__gt=end,
                updated_at__gt=start,
                priorities__in=followed,
            )
            .exclude(status=ActivityStatus.CANCELLED)
            .distinct()
            .order_by("starts_at", "title", "pk")
        )
    statements = list(
        Statement.objects.filter(
            strategy_id=strategy.pk,
            submitted_by_id=participant.person_id,
            status=ContentStatus.PUBLISHED,
            moderated_at__gt=start,
            moderated_at__lte=end,
        ).order_by("moderated_at", "pk")
    )
    return Digest(
        participant=participant,
        start=start,
        end=end,
        comment_replies=_comment_replies(participant, start, end),
        post_replies=_post_replies(participant, start, end),
        documents_opened=documents,
        discussions_opened=discussions,
        statements_published=statements,
        workshops=workshops,
    )
