"""Reads of meetings for public pages, the members' page and the staff dashboard, joins done.

Who may see what is decided by the rules in meetings.permissions; these functions take the
answers (`can_take_part`, `include_closed`...) as arguments and filter what they return, so a
page never hands a template anything the person may not see.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Case, IntegerField, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from convenor.governance.models import Body
from convenor.meetings.choices import ActionStatus, Attendance, MeetingStatus
from convenor.meetings.models import (
    Action,
    ActionUpdate,
    AgendaItem,
    Decision,
    Declaration,
    Invitation,
    Meeting,
    Paper,
)
from convenor.meetings.working_days import minutes_due_by, papers_due_by
from convenor.strategy.models import Priority, Strategy

# The paper (1.4.6): roundtables hosted by board members, "with the aim to have 3 or 4 a year".
ROUNDTABLES_AIM = (3, 4)
OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
HELD_STATUSES = (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED)
# Papers due within this many days count as "due soon" on the staff dashboard.
PAPERS_DUE_SOON_DAYS = 14
# Five clear working days before a meeting never reach back more than this many calendar days
# (the longest run of non-working days is Christmas to New Year), so meetings further ahead than
# PAPERS_DUE_SOON_DAYS plus this cannot have papers due soon.
PAPERS_LEAD_MAX_DAYS = 14

JointBodyLink = Meeting.joint_bodies.through


# --- Which meetings are public ------------------------------------------------------------------


def meetings_public(*, strategy: Strategy) -> QuerySet[Meeting]:
    """The strategy's public meetings: every body taking part meets in public."""
    return _public(Meeting.objects.filter(strategy=strategy, strategy__is_public=True))


def _public(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    # A joint session is public only if every body in it is: exclude any with a closed partner.
    return meetings.filter(body__is_public=True).exclude(joint_bodies__is_public=False)


def _with_bodies(meetings: QuerySet[Meeting]) -> QuerySet[Meeting]:
    return meetings.select_related("strategy", "body").prefetch_related(
        Prefetch("joint_bodies", queryset=Body.objects.order_by("name"))
    )


# --- A meeting's page ---------------------------------------------------------------------------


def meeting_for_access(*, strategy: Strategy, pk: int) -> Meeting | None:
    """A meeting with what its access rules read: strategy, convening body, joint bodies."""
    return _with_bodies(Meeting.objects.filter(strategy=strategy, pk=pk)).first()


def paper_of_meeting(*, meeting: Meeting, pk: int) -> Paper | None:
    """One paper of the meeting, with its agenda item (which says whether it is confidential)."""
    return Paper.objects.filter(meeting=meeting, pk=pk).select_related("agenda_item").first()


def paper_is_confidential(paper: Paper) -> bool:
    """Papers for an item taken in private are for the people taking part only."""
    return paper.agenda_item is not None and paper.agenda_item.is_confidential


def meeting_for_page(*, strategy: Strategy, pk: int) -> Meeting | None:
    """A meeting with everything its page shows, in a fixed number of queries."""
    items = AgendaItem.objects.select_related(
        "presenter", "presenter__organisation"
    ).prefetch_related(
        Prefetch("priorities", queryset=Priority.objects.order_by("number")),
        Prefetch(
            "declarations",
            queryset=Declaration.objects.select_related("person", "person__organisation"),
        ),
    )
    return (
        _with_bodies(Meeting.objects.filter(strategy=strategy, pk=pk))
        .select_related("host", "host__organisation")
        .prefetch_related(
            Prefetch("agenda_items", queryset=items),
            Prefetch("papers", queryset=Paper.objects.select_related("agenda_item")),
            Prefetch("decisions", queryset=Decision.objects.select_related("agenda_item")),
            Prefetch(
                "invitations",
                queryset=Invitation.objects.select_related("person", "person__organisation"),
            ),
        )
        .first()
    )


@dataclass(frozen=True)
class AgendaEntry:
    """An agenda item as a page shows it: confidential items are hidden from outsiders."""

    item: AgendaItem
    hidden: bool
    papers: tuple[Paper, ...]


@dataclass(frozen=True)
class MeetingPage:
    """What a meeting's page shows to one person."""

    meeting: Meeting
    bodies: tuple[Body, ...]
    asked: str
    agenda: tuple[AgendaEntry, ...]
    papers_shown: bool
    papers: tuple[Paper, ...]
    minutes_shown: bool
    decisions: tuple[Decision, ...]
    declarations: tuple[Declaration, ...]
    present: tuple[Invitation, ...]
    apologies: tuple[Invitation, ...]
    papers_due_by: datetime.date
    minutes_due_by: datetime.date
    has_started: bool


def bodies_asked(bodies: Sequence[Body]) -> str:
    """ "Enterprise M3 Board is asked to", or "A and B are asked to" for a joint session."""
    names = [body.name for body in bodies]
    if len(names) == 1:
        return f"{names[0]} is asked to"
    return f"{', '.join(names[:-1])} and {names[-1]} are asked to"


def meeting_page(
    *,
    meeting: Meeting,
    can_take_part: bool,
    can_see_papers: bool,
    can_see_minutes: bool,
    now: datetime.datetime,
) -> MeetingPage:
    """Split a meeting (from meeting_for_page) into what this person may see of it.

    Outsiders (the public) never see what belongs to a confidential item: its title, papers,
    decisions or declarations.
    """
    bodies = (meeting.body, *meeting.joint_bodies.all())
    visible_items = {
        item.pk for item in meeting.agenda_items.all() if can_take_part or not item.is_confidential
    }

    def visible(agenda_item_id: int | None) -> bool:
        return agenda_item_id is None or agenda_item_id in visible_items

    papers = (
        tuple(p for p in meeting.papers.all() if visible(p.agenda_item_id))
        if can_see_papers
        else ()
    )
    agenda = tuple(
        AgendaEntry(
            item=item,
            hidden=item.pk not in visible_items,
            papers=tuple(p for p in papers if p.agenda_item_id == item.pk),
        )
        for item in meeting.agenda_items.all()
    )
    invitations = list(meeting.invitations.all()) if can_see_minutes else []
    day = timezone.localtime(meeting.starts_at).date()
    return MeetingPage(
        meeting=meeting,
        bodies=bodies,
        asked=bodies_asked(bodies),
        agenda=agenda,
        papers_shown=can_see_papers,
        papers=papers,
        minutes_shown=can_see_minutes,
        decisions=tuple(d for d in meeting.decisions.all() if visible(d.agenda_item_id)),
        declarations=tuple(
            declaration
            for entry in agenda
            if not entry.hidden
            for declaration in entry.item.declarations.all()
        ),
        present=tuple(i for i in invitations if i.attendance == Attendance.PRESENT),
        apologies=tuple(i for i in invitations if i.attendance == Attendance.APOLOGIES),
        papers_due_by=papers_due_by(day),
        minutes_due_by=minutes_due_by(day),
        has_started=meeting.starts_at <= now,
    )


# --- The list of a strategy's public meetings ---------------------------------------------------


@dataclass(frozen=True)
class MeetingLists:
    """Meetings still to come (soonest first) and those past (latest first, to paginate)."""

    upcoming: tuple[Meeting, ...]
    past: QuerySet[Meeting]


def meeting_public_lists(*, strategy: Strategy, now: datetime.datetime) -> MeetingLists:
    """The strategy's public meetings, split into upcoming and past at `now`.

    Upcoming meetings are few and all shown; past ones accumulate over the years, so they come
    as a queryset for the page to paginate.
    """
    meetings = _with_bodies(meetings_public(strategy=strategy))
    return MeetingLists(
        upcoming=tuple(meetings.filter(starts_at__gte=now).order_by("starts_at", "id")),
        past=meetings.filter(starts_at__lt=now).order_by("-starts_at", "-id"),
    )


# --- A body's meetings, for its page ------------------------------------------------------------


@dataclass(frozen=True)
class BodyMeeting:
    """A meeting on a body's page with the priorities its (visible) agenda covered."""

    meeting: Meeting
    priorities: tuple[Priority, ...]


@dataclass(frozen=True)
class PriorityCoverage:
    """A priority and the body's meetings whose agenda covered it."""

    priority: Priority
    meetings: tuple[Meeting, ...]


@dataclass(frozen=True)
class RoundtableYear:
    """How many roundtables of a series were held in a year, against the paper's aim."""

    year: int
    held: int
    planned: int

    @property
    def summary(self) -> str:
        low, high = ROUNDTABLES_AIM
        return f"{self.year}: {self.held} held, aim {low} to {high}"


@dataclass(frozen=True)
class MeetingDecisions:
    """The decisions of one meeting, with the words introducing them ("... is asked to")."""

    meeting: Meeting
    asked: str
    decisions: tuple[Decision, ...]


@dataclass(frozen=True)
class BodyMeetings:
    """A body's meetings, decisions and, by kind, priority coverage or roundtables per year."""

    meetings: tuple[BodyMeeting, ...]
    decisions: tuple[MeetingDecisions, ...]
    coverage: tuple[PriorityCoverage, ...] = ()
    roundtable_years: tuple[RoundtableYear, ...] = field(default=())


def body_meetings_list(*, body: Body, include_closed: bool) -> QuerySet[Meeting]:
    """Meetings a body convened or joined, latest first; public ones only unless include_closed."""
    joined = JointBodyLink.objects.filter(body_id=body.pk).values("meeting_id")
    meetings = Meeting.objects.filter(Q(body=body) | Q(pk__in=joined), strategy=body.strategy_id)
    if not include_closed:
        meetings = _public(meetings.filter(strategy__is_public=True))
    return (
        _with_bodies(meetings)
        .select_related("host", "host__organisation")
        .prefetch_related(
            Prefetch(
                "agenda_items",
                queryset=AgendaItem.objects.prefetch_related(
                    Prefetch("priorities", queryset=Priority.objects.order_by("number"))
                ),
            ),
            Prefetch("decisions", queryset=Decision.objects.select_related("agenda_item")),
        )
        .order_by("-starts_at", "-id")
    )


def body_meetings(
    *,
    meetings: Iterable[Meeting],
    can_take_part: bool,
    strategy_priorities: Iterable[Priority] = (),
    count_roundtables: bool = False,
) -> BodyMeetings:
    """What a body's page shows of its meetings (from body_meetings_list).

    `strategy_priorities`, when given (a leaders' board structures its meetings by them), adds
    which meetings covered each; `count_roundtables` adds how many were held each year.
    Confidential items count for nothing unless the person takes part.
    """
    rows: list[BodyMeeting] = []
    decisions: list[MeetingDecisions] = []
    for meeting in meetings:
        items = [i for i in meeting.agenda_items.all() if can_take_part or not i.is_confidential]
        visible_items = {item.pk for item in items}
        covered = {p.pk: p for item in items for p in item.priorities.all()}
        rows.append(
            BodyMeeting(
                meeting=meeting,
                priorities=tuple(sorted(covered.values(), key=lambda p: p.number)),
            )
        )
        taken = tuple(
            d
            for d in meeting.decisions.all()
            if d.agenda_item_id is None or d.agenda_item_id in visible_items
        )
        if taken:
            decisions.append(
                MeetingDecisions(
                    meeting=meeting,
                    asked=bodies_asked((meeting.body, *meeting.joint_bodies.all())),
                    decisions=taken,
                )
            )
    coverage = tuple(
        PriorityCoverage(
            priority=priority,
            meetings=tuple(
                row.meeting
                for row in reversed(rows)
                if any(p.pk == priority.pk for p in row.priorities)
            ),
        )
        for priority in strategy_priorities
    )
    return BodyMeetings(
        meetings=tuple(rows),
        decisions=tuple(decisions),
        coverage=coverage,
        roundtable_years=roundtable_years([row.meeting for row in rows])
        if count_roundtables
        else (),
    )


def roundtable_years(meetings: Iterable[Meeting]) -> tuple[RoundtableYear, ...]:
    """Per calendar year (earliest first): roundtables held, and those still planned."""
    held: dict[int, int] = {}
    planned: dict[int, int] = {}
    for meeting in meetings:
        year = timezone.localtime(meeting.starts_at).year
        held.setdefault(year, 0)
        planned.setdefault(year, 0)
        if meeting.status in HELD_STATUSES:
            held[year] += 1
        elif meeting.status != MeetingStatus.CANCELLED:
            planned[year] += 1
    return tuple(
        RoundtableYear(year=year, held=held[year], planned=planned[year]) for year in sorted(held)
    )


# --- The members' page --------------------------------------------------------------------------


def meetings_upcoming_for_person(
    *, user_id: int, body_ids: Sequence[int], now: datetime.datetime
) -> QuerySet[Meeting]:
    """Meetings still to come that the user is invited to, or whose bodies they sit on.

    Each has `my_invitations` (the user's own invitation, if any) and its papers.
    """
    invited = Invitation.objects.filter(person__user_id=user_id).values("meeting_id")
    joined = JointBodyLink.objects.filter(body_id__in=body_ids).values("meeting_id")
    return (
        _with_bodies(
            Meeting.objects.filter(
                Q(pk__in=invited) | Q(body_id__in=body_ids) | Q(pk__in=joined),
                starts_at__gte=now,
            )
        )
        .prefetch_related(
            Prefetch(
                "invitations",
                queryset=Invitation.objects.filter(person__user_id=user_id),
                to_attr="my_invitations",
            ),
            Prefetch("papers", queryset=Paper.objects.select_related("agenda_item")),
        )
        .order_by("starts_at", "id")
    )


def _actions_with_updates() -> QuerySet[Action]:
    return Action.objects.select_related("strategy", "meeting", "owner").prefetch_related(
        Prefetch(
            "updates", queryset=ActionUpdate.objects.select_related("author").order_by("at", "id")
        )
    )


def actions_owned(*, user_id: int) -> QuerySet[Action]:
    """The user's actions with their progress notes: open and in progress first (soonest due
    first), then those done or dropped."""
    return (
        _actions_with_updates()
        .filter(owner__user_id=user_id)
        .annotate(
            is_closed=Case(
                When(status__in=OPEN_ACTION_STATUSES, then=Value(0)),
                default=Value(1),
                output_field=IntegerField(),
            )
        )
        .order_by("is_closed", "due_on", "id")
    )


def action_for_progress(*, pk: int) -> Action | None:
    """One action with its progress notes and its owner (whom its rule reads)."""
    return _actions_with_updates().filter(pk=pk).first()


def action_is_overdue(action: Action, *, today: datetime.date) -> bool:
    """Past its due date and still open or in progress."""
    return action.status in OPEN_ACTION_STATUSES and action.due_on < today


# --- The staff dashboard ------------------------------------------------------------------------


@dataclass(frozen=True)
class Deadline:
    """A meeting's papers or minutes, the day they are due, and whether that day has passed."""

    meeting: Meeting
    due_on: datetime.date
    overdue: bool


@dataclass(frozen=True)
class StrategyDeadlines:
    """One strategy's transparency deadlines and overdue actions, for the staff dashboard."""

    strategy: Strategy
    papers: tuple[Deadline, ...]
    minutes: tuple[Deadline, ...]
    actions: tuple[Action, ...]


def staff_deadlines(*, today: datetime.date, now: datetime.datetime) -> list[StrategyDeadlines]:
    """Per strategy with anything due: public meetings whose papers are due within
    PAPERS_DUE_SOON_DAYS or overdue (and the meeting is still to come), past public meetings
    whose minutes are not yet published, and actions past their due date still open.
    """
    horizon = now + datetime.timedelta(days=PAPERS_DUE_SOON_DAYS + PAPERS_LEAD_MAX_DAYS)
    unpublished = Q(
        papers_published_at__isnull=True, starts_at__gte=now, starts_at__lt=horizon
    ) | Q(minutes_published_at__isnull=True, starts_at__lt=now)
    meetings = (
        _public(Meeting.objects.filter(unpublished))
        .exclude(status=MeetingStatus.CANCELLED)
        .select_related("strategy", "body")
        .order_by("starts_at", "id")
    )
    actions = (
        Action.objects.filter(due_on__lt=today, status__in=OPEN_ACTION_STATUSES)
        .select_related("strategy", "meeting", "owner")
        .order_by("due_on", "id")
    )
    soon = today + datetime.timedelta(days=PAPERS_DUE_SOON_DAYS)
    papers: dict[int, list[Deadline]] = {}
    minutes: dict[int, list[Deadline]] = {}
    strategies: dict[int, Strategy] = {}
    for meeting in meetings:
        day = timezone.localtime(meeting.starts_at).date()
        if meeting.starts_at >= now:
            due = papers_due_by(day)
            if due <= soon:
                papers.setdefault(meeting.strategy_id, []).append(
                    Deadline(meeting=meeting, due_on=due, overdue=due < today)
                )
                strategies[meeting.strategy_id] = meeting.strategy
        else:
            due = minutes_due_by(day)
            minutes.setdefault(meeting.strategy_id, []).append(
                Deadline(meeting=meeting, due_on=due, overdue=due < today)
            )
            strategies[meeting.strategy_id] = meeting.strategy
    overdue_actions: dict[int, list[Action]] = {}
    for action in actions:
        overdue_actions.setdefault(action.strategy_id, []).append(action)
        strategies[action.strategy_id] = action.strategy
    return [
        StrategyDeadlines(
            strategy=strategy,
            papers=tuple(papers.get(pk, ())),
            minutes=tuple(sorted(minutes.get(pk, ()), key=lambda d: (d.due_on, d.meeting.pk))),
            actions=tuple(overdue_actions.get(pk, ())),
        )
        for pk, strategy in sorted(strategies.items(), key=lambda kv: (kv[1].name, kv[0]))
    ]


def priorities_by_number(*, strategy_id: int) -> QuerySet[Priority]:
    """A strategy's priorities in number order, nothing joined."""
    return Priority.objects.filter(strategy_id=strategy_id).order_by("number")
