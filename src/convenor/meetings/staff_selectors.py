"""Reads for the staff area's meeting pages, with their joins done, and transparency deadlines."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from convenor.core import clock
from convenor.governance.models import Body
from convenor.meetings.choices import MeetingStatus
from convenor.meetings.models import (
    Action,
    AgendaItem,
    Decision,
    Declaration,
    Invitation,
    Meeting,
    Paper,
)
from convenor.meetings.permissions import meeting_is_public
from convenor.meetings.working_days import minutes_due_by, papers_due_by
from convenor.strategy.models import Priority, Strategy

UPCOMING, PAST = "upcoming", "past"


def meeting_staff_list(
    *,
    strategy: Strategy,
    query: str = "",
    body: Body | None = None,
    status: str = "",
    when: str = "",
    now: datetime.datetime | None = None,
) -> QuerySet[Meeting]:
    """A strategy's meetings matching the search and filters; the next first when upcoming.

    A body's meetings include the joint sessions it takes part in.
    """
    now = now or clock.now()
    meetings = Meeting.objects.filter(strategy=strategy)
    if query:
        meetings = meetings.filter(title__icontains=query)
    if body is not None:
        meetings = meetings.filter(Q(body=body) | Q(joint_bodies=body)).distinct()
    if status:
        meetings = meetings.filter(status=status)
    if when == UPCOMING:
        meetings = meetings.filter(starts_at__gte=now).order_by("starts_at", "id")
    elif when == PAST:
        meetings = meetings.filter(starts_at__lt=now).order_by("-starts_at", "-id")
    else:
        meetings = meetings.order_by("-starts_at", "-id")
    return meetings.select_related("body").prefetch_related(
        Prefetch("joint_bodies", queryset=Body.objects.order_by("name"))
    )


def meeting_for_hub(*, strategy: Strategy, pk: int) -> QuerySet[Meeting]:
    """The meeting a staff page is about, with its bodies, host and strategy."""
    return (
        Meeting.objects.filter(strategy=strategy, pk=pk)
        .select_related("body", "strategy", "host")
        .prefetch_related(Prefetch("joint_bodies", queryset=Body.objects.order_by("name")))
    )


def meeting_agenda(*, meeting: Meeting) -> QuerySet[AgendaItem]:
    """A meeting's agenda in order, with each item's priorities, presenter and declarations."""
    return (
        AgendaItem.objects.filter(meeting=meeting)
        .select_related("presenter")
        .prefetch_related(
            Prefetch("priorities", queryset=Priority.objects.order_by("number")),
            Prefetch(
                "declarations",
                queryset=Declaration.objects.select_related("person").order_by(
                    "person__name", "pk"
                ),
            ),
        )
        .order_by("order")
    )


def meeting_papers(*, meeting: Meeting) -> QuerySet[Paper]:
    """A meeting's papers by agenda item, then title."""
    return (
        Paper.objects.filter(meeting=meeting)
        .select_related("agenda_item")
        .order_by("agenda_item__order", "title", "pk")
    )


def meeting_invitations(*, meeting: Meeting) -> QuerySet[Invitation]:
    """Everyone invited to a meeting, by name, with their organisation."""
    return (
        Invitation.objects.filter(meeting=meeting)
        .select_related("person", "person__organisation")
        .order_by("person__name", "pk")
    )


def meeting_decisions(*, meeting: Meeting) -> QuerySet[Decision]:
    """A meeting's decisions in order, with the items they were taken on."""
    return (
        Decision.objects.filter(meeting=meeting)
        .select_related("agenda_item")
        .order_by("order", "pk")
    )


def meeting_actions(*, meeting: Meeting) -> QuerySet[Action]:
    """The actions agreed at a meeting, by due date, with their owners."""
    return (
        Action.objects.filter(meeting=meeting)
        .select_related("owner", "agenda_item")
        .order_by("due_on", "pk")
    )


def strategies_for_meetings() -> QuerySet[Strategy]:
    """Every strategy, by name, for the links to their meetings."""
    return Strategy.objects.order_by("name")


# Transparency deadlines

MET, LATE, OVERDUE, DUE = "met", "late", "overdue", "due"
DEADLINE_LABELS = {
    MET: "Met",
    LATE: "Late",
    OVERDUE: "Overdue",
    DUE: "Due",
}


@dataclass(frozen=True)
class Deadline:
    """A transparency deadline: the last day, and whether it was met, missed, or is still ahead."""

    due_on: datetime.date
    state: str

    @property
    def label(self) -> str:
        return DEADLINE_LABELS[self.state]


@dataclass(frozen=True)
class MeetingDeadlines:
    """The papers and minutes deadlines of a meeting of public bodies (None when not due)."""

    papers: Deadline | None
    minutes: Deadline | None


def _deadline(
    *, due_on: datetime.date, done_at: datetime.datetime | None, today: datetime.date
) -> Deadline:
    if done_at is not None:
        done_on = timezone.localtime(done_at).date()
        return Deadline(due_on, MET if done_on <= due_on else LATE)
    return Deadline(due_on, OVERDUE if today > due_on else DUE)


def meeting_deadlines(*, meeting: Meeting, today: datetime.date | None = None) -> MeetingDeadlines:
    """Papers out 5 clear working days before, minutes within 10 after, for public meetings.

    A closed or cancelled meeting has no deadlines; minutes are due only once it has happened.
    Uses the meeting's body and prefetched joint bodies.
    """
    if meeting.status == MeetingStatus.CANCELLED or not meeting_is_public(meeting):
        return MeetingDeadlines(papers=None, minutes=None)
    today = today or clock.today()
    day = timezone.localtime(meeting.starts_at).date()
    papers = _deadline(due_on=papers_due_by(day), done_at=meeting.papers_published_at, today=today)
    minutes = None
    if day <= today:
        minutes = _deadline(
            due_on=minutes_due_by(day), done_at=meeting.minutes_published_at, today=today
        )
    return MeetingDeadlines(papers=papers, minutes=minutes)
