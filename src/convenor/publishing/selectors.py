"""Reads publishing needs to build a document from the record, each with its joins done.

Every reader here makes a fixed number of queries whatever the size of the strategy: the
generated sections of a document cost the same to build for nine priorities as for ninety.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Prefetch, Q

from convenor.engagement.choices import ContentStatus
from convenor.engagement.models import Activity, Comment, Contribution, Document, Post, Statement
from convenor.evidence.choices import QualityRating, Visibility
from convenor.evidence.models import EvidenceItem, Indicator, IndicatorValue
from convenor.governance.choices import BodyKind
from convenor.governance.models import Body, BodyPriority, Membership
from convenor.governance.selectors import membership_current_q
from convenor.interventions.choices import InterventionStage, stages_from
from convenor.interventions.four_tests import interventions_for_tests
from convenor.interventions.models import Intervention, StageChange
from convenor.meetings.choices import MeetingStatus
from convenor.meetings.models import AgendaItem, Decision, Meeting
from convenor.publishing.models import PublicationVersion, Section
from convenor.strategy.models import LineOfEnquiry, Priority, Strategy


def version_for_build(*, pk: int) -> PublicationVersion:
    """A version with everything its cover and board paper need joined (one query)."""
    return PublicationVersion.objects.select_related(
        "publication__strategy__lead_organisation",
        "publication__agenda_item__meeting__body",
        "publication__agenda_item__presenter",
        "signer__person",
        "signer_body",
    ).get(pk=pk)


def version_sections(*, version: PublicationVersion) -> list[Section]:
    """The version's sections in order."""
    return list(Section.objects.filter(version=version).order_by("position", "id"))


def strategy_is_illustrative(*, strategy: Strategy) -> bool:
    """Whether any of the strategy's record is marked illustrative (made up for a demonstration),
    as the demo's is: the document then says so on its cover (one query)."""
    flagged = {
        "evidence": EvidenceItem.objects.filter(strategy=OuterRef("pk"), is_illustrative=True),
        "indicators": Indicator.objects.filter(strategy=OuterRef("pk"), is_illustrative=True),
        "activities": Activity.objects.filter(strategy=OuterRef("pk"), is_illustrative=True),
        "interventions": Intervention.objects.filter(
            priority__strategy=OuterRef("pk"), is_illustrative=True
        ),
        "statements": Statement.objects.filter(strategy=OuterRef("pk"), is_illustrative=True),
        "documents": Document.objects.filter(strategy=OuterRef("pk"), is_illustrative=True),
        "members": Membership.objects.filter(
            body__strategy=OuterRef("pk"), person__is_illustrative=True
        ),
    }
    row = (
        Strategy.objects.filter(pk=strategy.pk)
        .annotate(**{f"has_illustrative_{name}": Exists(query) for name, query in flagged.items()})
        .values(*(f"has_illustrative_{name}" for name in flagged))
        .first()
    )
    return bool(row and any(row.values()))


def priorities_with_enquiries(*, strategy: Strategy) -> list[Priority]:
    """The strategy's priorities by number, each with its lines of enquiry (two queries)."""
    return list(
        Priority.objects.filter(strategy=strategy)
        .prefetch_related(
            Prefetch("lines_of_enquiry", queryset=LineOfEnquiry.objects.order_by("order", "id"))
        )
        .order_by("number")
    )


def priorities_with_lead_body(*, strategy: Strategy) -> list[Priority]:
    """The strategy's priorities by number, each with the bodies steering it (two queries)."""
    return list(
        Priority.objects.filter(strategy=strategy)
        .prefetch_related(
            Prefetch("steering", queryset=BodyPriority.objects.select_related("body"))
        )
        .order_by("number")
    )


def upcoming_board_meetings(*, strategy: Strategy, since: datetime.date) -> list[Meeting]:
    """Meetings of the strategy's boards (and leaders' boards) from `since`, not cancelled."""
    return list(
        Meeting.objects.filter(
            strategy=strategy,
            body__kind__in=(BodyKind.BOARD, BodyKind.LEADERS_BOARD),
            starts_at__date__gte=since,
        )
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("body")
        .order_by("starts_at", "pk")
    )


def bodies_for_arrangements(*, strategy: Strategy, today: datetime.date) -> list[Body]:
    """The strategy's bodies with their current members (people and organisations joined), the
    priorities each steers, and `member_count` (four queries)."""
    current = (
        Membership.objects.filter(membership_current_q(today=today), person__erased_at__isnull=True)
        .select_related("person__organisation", "representing")
        .order_by("person__name", "pk")
    )
    return list(
        Body.objects.filter(strategy=strategy)
        .annotate(
            member_count=Count(
                "memberships__person",
                filter=membership_current_q(today=today, prefix="memberships__"),
                distinct=True,
            )
        )
        .prefetch_related(
            Prefetch("memberships", queryset=current, to_attr="current_memberships"),
            Prefetch(
                "steered",
                queryset=BodyPriority.objects.select_related("priority").order_by(
                    "priority__number"
                ),
            ),
        )
        .order_by("name")
    )


# The order evidence is listed in: strongest first, unrated last.
QUALITY_ORDER = {
    QualityRating.STRONG: 0,
    QualityRating.GOOD: 1,
    QualityRating.LIMITED: 2,
    QualityRating.WEAK: 3,
    "": 4,
}


def public_evidence(*, strategy: Strategy) -> list[EvidenceItem]:
    """The strategy's public evidence items, with their priorities and the indicators they cite
    (three queries); never an item for partners or staff only."""
    return list(
        EvidenceItem.objects.filter(strategy=strategy, visibility=Visibility.PUBLIC)
        .prefetch_related(
            Prefetch("priorities", queryset=Priority.objects.order_by("number")),
            Prefetch("indicators", queryset=Indicator.objects.order_by("name", "pk")),
        )
        .order_by("-published_on", "title", "pk")
    )


def indicator_values(*, indicators: list[Indicator]) -> list[tuple[int, str, str, object]]:
    """Every value of the indicators, as (indicator id, area code, period, value) (one query)."""
    return list(
        IndicatorValue.objects.filter(indicator__in=indicators)
        .order_by("indicator", "area_code", "period")
        .values_list("indicator_id", "area_code", "period", "value")
    )


def interventions_tested(*, strategy: Strategy) -> list[Intervention]:
    """Interventions at least tested in engagement (never parked), by priority, with what the
    four tests read (a fixed few queries)."""
    return list(
        interventions_for_tests(
            Intervention.objects.filter(
                priority__strategy=strategy,
                stage__in=stages_from(InterventionStage.TESTED),
            )
        ).order_by("priority__number", "title", "pk")
    )


@dataclass(frozen=True)
class PriorityVoices:
    """What was said on one priority: counts, and a few published comments and posts to quote."""

    priority: Priority
    contributions: int
    comments: int
    posts: int
    quotes: tuple[str, ...]


def voices_by_priority(*, strategy: Strategy, quotes_each: int = 3) -> list[PriorityVoices]:
    """Per priority, the contributions made in activities, and the published comments and posts
    of the sounding board; quotes only from published content (never hidden or waiting for a
    moderator), with no names and no questions (five queries)."""
    priorities = list(Priority.objects.filter(strategy=strategy).order_by("number"))
    published = Q(status=ContentStatus.PUBLISHED)
    contributions = dict(
        Priority.objects.filter(strategy=strategy)
        .annotate(n=Count("contributions", distinct=True))
        .values_list("pk", "n")
    )
    comments = dict(
        Comment.objects.filter(published, version__paragraph__document__strategy=strategy)
        .values("version__paragraph__document__priorities")
        .annotate(n=Count("pk", distinct=True))
        .values_list("version__paragraph__document__priorities", "n")
    )
    comment_texts = (
        Comment.objects.filter(published, version__paragraph__document__strategy=strategy)
        .exclude(text__contains="?")
        .order_by("created_at", "pk")
        .values_list("version__paragraph__document__priorities", "text")
    )
    posts = dict(
        Post.objects.filter(published, discussion__strategy=strategy)
        .values("discussion__priority")
        .annotate(n=Count("pk"))
        .values_list("discussion__priority", "n")
    )
    post_texts = (
        Post.objects.filter(published, discussion__strategy=strategy)
        .exclude(text__contains="?")
        .order_by("created_at", "pk")
        .values_list("discussion__priority", "text")
    )
    quotes: dict[int, list[str]] = {}
    for priority_id, text in [*comment_texts, *post_texts]:
        if priority_id is None:
            continue
        chosen = quotes.setdefault(priority_id, [])
        if len(chosen) < quotes_each and text.strip() not in chosen:
            chosen.append(text.strip())
    return [
        PriorityVoices(
            priority=priority,
            contributions=contributions.get(priority.pk, 0),
            comments=comments.get(priority.pk, 0),
            posts=posts.get(priority.pk, 0),
            quotes=tuple(quotes.get(priority.pk, ())),
        )
        for priority in priorities
    ]


def interventions_you_said(*, strategy: Strategy) -> list[Intervention]:
    """Interventions linked to contributions or published statements, with those links, their
    lifecycle changes and the decision finding them compelling (five queries)."""
    linked = Q(contributions__isnull=False) | Q(statements__status=ContentStatus.PUBLISHED)
    return list(
        Intervention.objects.filter(linked, priority__strategy=strategy)
        .distinct()
        .select_related("priority", "compelling_decision__meeting__body")
        .prefetch_related(
            Prefetch("contributions", queryset=Contribution.objects.order_by("made_on", "pk")),
            Prefetch(
                "statements",
                queryset=Statement.objects.filter(status=ContentStatus.PUBLISHED).order_by("pk"),
            ),
            Prefetch("stage_changes", queryset=StageChange.objects.order_by("at", "pk")),
        )
        .order_by("priority__number", "title", "pk")
    )


def agenda_item_decisions(*, item: AgendaItem) -> list[Decision]:
    """What the meeting is asked to do on the item, in order (one query)."""
    return list(Decision.objects.filter(agenda_item=item).order_by("order", "pk"))


def meeting_bodies(*, meeting: Meeting) -> list[Body]:
    """The body holding a meeting, then any bodies meeting jointly with it (one query)."""
    joint = list(meeting.joint_bodies.order_by("name"))
    return [meeting.body, *[body for body in joint if body.pk != meeting.body_id]]
