"""Writes to meetings: agendas, papers, invitations, attendance, minutes, decisions and actions.

Every function validates the whole row (full_clean) inside one transaction and records an audit
event saying who changed what. Mail goes through convenor.meetings.notifications, which schedules
it for after the transaction commits, so nobody is told of a change that was rolled back.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone

from convenor.accounts.models import User
from convenor.core import clock
from convenor.core.services import (
    audit_event_record,
    record_delete,
    record_save,
    record_update,
)
from convenor.core.uploads import document_file_check
from convenor.governance.choices import MEMBERSHIP_ROLE_ORDER, MembershipRole
from convenor.governance.models import Body, Membership
from convenor.meetings.choices import (
    ActionStatus,
    DecisionOutcome,
    InvitationRole,
    MeetingStatus,
)
from convenor.meetings.models import (
    PAPER_EXTENSIONS,
    Action,
    ActionUpdate,
    AgendaItem,
    Decision,
    Declaration,
    Invitation,
    Meeting,
    Paper,
)
from convenor.stakeholders.models import Person
from convenor.strategy.models import Priority, Strategy

Actor = User | AnonymousUser | None

MEETING_FIELDS = frozenset(
    {
        "body",
        "joint_bodies",
        "title",
        "purpose",
        "starts_at",
        "ends_at",
        "location",
        "online_url",
        "host",
        "focus",
    }
)
AGENDA_ITEM_FIELDS = frozenset(
    {"order", "title", "description", "priorities", "presenter", "is_confidential"}
)
INVITATION_FIELDS = frozenset({"role", "response"})
DECISION_FIELDS = frozenset({"agenda_item", "order", "verb", "text", "outcome", "amendment"})
ACTION_FIELDS = frozenset({"agenda_item", "description", "owner", "due_on", "status"})


# The invitation role that follows from a membership role: chairs and core members are members
# of the meeting like any other; experts, observers and the secretariat keep their role.
INVITATION_ROLE_FOR_MEMBERSHIP = {
    MembershipRole.CHAIR: InvitationRole.MEMBER,
    MembershipRole.VICE_CHAIR: InvitationRole.MEMBER,
    MembershipRole.CORE_MEMBER: InvitationRole.MEMBER,
    MembershipRole.MEMBER: InvitationRole.MEMBER,
    MembershipRole.INVITED_EXPERT: InvitationRole.INVITED_EXPERT,
    MembershipRole.OBSERVER: InvitationRole.OBSERVER,
    MembershipRole.SECRETARIAT: InvitationRole.SECRETARIAT,
}


# Meetings


def _joint_bodies_check(*, body: Body, joint_bodies: Iterable[Body]) -> None:
    foreign = [other for other in joint_bodies if other.strategy_id != body.strategy_id]
    if foreign:
        raise ValidationError(
            {"joint_bodies": [f"{other} is a body of another strategy." for other in foreign]}
        )
    if any(other.pk == body.pk for other in joint_bodies):
        raise ValidationError(
            {"joint_bodies": [f"{body} convenes the meeting: it cannot also join it."]}
        )


@transaction.atomic
def meeting_create(
    *,
    actor: Actor,
    body: Body,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    purpose: str = "",
    location: str = "",
    online_url: str = "",
    joint_bodies: Collection[Body] = (),
    host: Person | None = None,
    focus: str = "",
) -> Meeting:
    """Arrange a meeting of `body`, or a joint session of it with `joint_bodies`."""
    joint = list(joint_bodies)
    _joint_bodies_check(body=body, joint_bodies=joint)
    meeting = Meeting(
        strategy_id=body.strategy_id,
        body=body,
        title=title,
        purpose=purpose,
        starts_at=starts_at,
        ends_at=ends_at,
        location=location,
        online_url=online_url,
        host=host,
        focus=focus,
    )
    record_save(instance=meeting, actor=actor)
    if joint:
        meeting.joint_bodies.set(joint)
    return meeting


@transaction.atomic
def meeting_update(*, meeting: Meeting, actor: Actor, data: Mapping[str, Any]) -> Meeting:
    """Change a meeting's details: when, where, who convenes it, who joins it."""
    body = data.get("body", meeting.body)
    if "joint_bodies" in data or "body" in data:
        joint = data.get("joint_bodies", list(meeting.joint_bodies.all()))
        _joint_bodies_check(body=body, joint_bodies=list(joint))
    return record_update(instance=meeting, actor=actor, data=data, fields=MEETING_FIELDS)[0]


def _meeting_transition(
    *, meeting: Meeting, actor: Actor, verb: str, changes: Mapping[str, Any]
) -> Meeting:
    """Apply `changes`, validate, save, and record the event under its own verb."""
    for name, value in changes.items():
        setattr(meeting, name, value)
    meeting.full_clean()
    meeting.save(update_fields=[*changes, "updated_at"])
    audit_event_record(
        actor=actor,
        verb=verb,
        target=meeting,
        detail={
            name: value if isinstance(value, str) else str(value) for name, value in changes.items()
        },
    )
    return meeting


@transaction.atomic
def meeting_cancel(*, meeting: Meeting, actor: Actor, reason: str) -> Meeting:
    """Cancel a meeting, saying why; it stays on the record."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("This meeting is already cancelled.")
    if meeting.status in (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED):
        raise ValidationError("This meeting has been held: it can no longer be cancelled.")
    if not reason.strip():
        raise ValidationError({"cancellation_reason": "Say why the meeting was cancelled."})
    return _meeting_transition(
        meeting=meeting,
        actor=actor,
        verb="cancelled",
        changes={"status": MeetingStatus.CANCELLED, "cancellation_reason": reason.strip()},
    )


def meeting_delete(*, meeting: Meeting, actor: Actor) -> None:
    """Delete a meeting entered by mistake, with its agenda, papers and invitations."""
    papers = [(paper.file.storage, paper.file.name) for paper in meeting.papers.all()]
    with transaction.atomic():
        record_delete(instance=meeting, actor=actor)
        # The files go only once the rows are gone for good.
        transaction.on_commit(lambda: _files_delete(papers))


def _files_delete(files: Iterable[tuple[Storage, str | None]]) -> None:
    for storage, name in files:
        if name:
            storage.delete(name)


@transaction.atomic
def meeting_mark_held(*, meeting: Meeting, actor: Actor) -> Meeting:
    """Record that a meeting took place."""
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("This meeting was cancelled: it cannot be marked as held.")
    if meeting.status in (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED):
        raise ValidationError("This meeting is already marked as held.")
    if meeting.starts_at > clock.now():
        raise ValidationError("This meeting has not started yet: mark it as held once it has.")
    return _meeting_transition(
        meeting=meeting, actor=actor, verb="marked held", changes={"status": MeetingStatus.HELD}
    )


# Agenda


def _priorities_check(*, meeting: Meeting, priorities: Iterable[Priority]) -> None:
    foreign = [p for p in priorities if p.strategy_id != meeting.strategy_id]
    if foreign:
        raise ValidationError(
            {
                "priorities": [
                    f"{priority} is a priority of another strategy." for priority in foreign
                ]
            }
        )


def _next_agenda_number(meeting: Meeting) -> int:
    highest = meeting.agenda_items.aggregate(highest=Max("order"))["highest"]
    return (highest or 0) + 1


@transaction.atomic
def agenda_item_create(
    *,
    actor: Actor,
    meeting: Meeting,
    title: str,
    order: int | None = None,
    description: str = "",
    priorities: Collection[Priority] = (),
    presenter: Person | None = None,
    is_confidential: bool = False,
) -> AgendaItem:
    """Add an item to a meeting's agenda; without a number, it goes at the end."""
    chosen = list(priorities)
    _priorities_check(meeting=meeting, priorities=chosen)
    item = AgendaItem(
        meeting=meeting,
        order=order if order is not None else _next_agenda_number(meeting),
        title=title,
        description=description,
        presenter=presenter,
        is_confidential=is_confidential,
    )
    record_save(instance=item, actor=actor)
    if chosen:
        item.priorities.set(chosen)
    return item


@transaction.atomic
def agenda_item_update(*, item: AgendaItem, actor: Actor, data: Mapping[str, Any]) -> AgendaItem:
    """Change an agenda item: its number, title, priorities, presenter."""
    if "priorities" in data:
        _priorities_check(meeting=item.meeting, priorities=data["priorities"])
    return record_update(instance=item, actor=actor, data=data, fields=AGENDA_ITEM_FIELDS)[0]


def agenda_item_delete(*, item: AgendaItem, actor: Actor) -> None:
    """Take an item off the agenda, with its declarations of interest."""
    record_delete(instance=item, actor=actor)


@transaction.atomic
def agenda_generate_by_priorities(*, meeting: Meeting, actor: Actor) -> list[AgendaItem]:
    """Add one agenda item per priority of the strategy, in priority order, after the others.

    The Joint Leaders Board structures its meetings by the nine priorities (paper, 1.4.3). A
    priority that already has an item on this agenda gets no second one, so pressing the button
    again adds only the priorities added to the strategy since.
    """
    covered = set(
        AgendaItem.priorities.through.objects.filter(agendaitem__meeting=meeting).values_list(
            "priority_id", flat=True
        )
    )
    priorities = [
        priority
        for priority in Priority.objects.filter(strategy_id=meeting.strategy_id).order_by("number")
        if priority.pk not in covered
    ]
    number = _next_agenda_number(meeting)
    items = []
    for offset, priority in enumerate(priorities):
        item = AgendaItem(meeting=meeting, order=number + offset, title=priority.title)
        item.full_clean()
        item.save()
        item.priorities.add(priority)
        items.append(item)
    if items:
        audit_event_record(
            actor=actor,
            verb="generated agenda",
            target=meeting,
            detail={"items": [item.title for item in items]},
        )
    return items


# Papers


def paper_file_check(file: UploadedFile) -> None:
    """Refuse a file that is too big, of a type not accepted, or not what its name claims."""
    document_file_check(file, what="papers", extensions=PAPER_EXTENSIONS)


@transaction.atomic
def paper_upload(
    *,
    actor: Actor,
    meeting: Meeting,
    title: str,
    file: UploadedFile,
    agenda_item: AgendaItem | None = None,
) -> Paper:
    """Add a paper to a meeting, after checking the file is what it claims to be."""
    paper_file_check(file)
    user = actor if isinstance(actor, User) else None
    paper = Paper(
        meeting=meeting, agenda_item=agenda_item, title=title, file=file, uploaded_by=user
    )
    paper.full_clean()
    paper.save()
    audit_event_record(actor=actor, verb="created", target=paper)
    return paper


def paper_delete(*, paper: Paper, actor: Actor) -> None:
    """Remove a paper; its file is deleted once the removal is committed."""
    files = [(paper.file.storage, paper.file.name)]
    with transaction.atomic():
        record_delete(instance=paper, actor=actor)
        transaction.on_commit(lambda: _files_delete(files))


# Invitations


def _members_on(*, bodies: Iterable[Body], day: datetime.date) -> list[Membership]:
    return list(
        Membership.objects.filter(
            Q(starts_on__isnull=True) | Q(starts_on__lte=day),
            Q(ends_on__isnull=True) | Q(ends_on__gte=day),
            body__in=list(bodies),
        ).select_related("person")
    )


@transaction.atomic
def invitations_create_for_members(*, meeting: Meeting, actor: Actor) -> list[Invitation]:
    """Invite everyone who is a member, on the day of the meeting, of the bodies taking part.

    A person on several of the bodies, or with several roles, is invited once, in their most
    senior role; people already invited are left as they are. People who opted out of contact
    are on the list (they may still come) but invitations_send never emails them.
    """
    day = timezone.localtime(meeting.starts_at).date()
    bodies = [meeting.body, *meeting.joint_bodies.all()]
    already = set(meeting.invitations.values_list("person_id", flat=True))
    best: dict[int, Membership] = {}
    for membership in _members_on(bodies=bodies, day=day):
        # An erased person's memberships are kept as a record, but they are invited to nothing.
        if membership.person_id in already or membership.person.erased_at is not None:
            continue
        held = best.get(membership.person_id)
        if (
            held is None
            or MEMBERSHIP_ROLE_ORDER[membership.role] < MEMBERSHIP_ROLE_ORDER[held.role]
        ):
            best[membership.person_id] = membership
    invitations = []
    for membership in sorted(best.values(), key=lambda m: (m.person.name, m.person_id)):
        invitation = Invitation(
            meeting=meeting,
            person=membership.person,
            role=INVITATION_ROLE_FOR_MEMBERSHIP[MembershipRole(membership.role)],
        )
        invitation.full_clean(validate_unique=False, validate_constraints=False)
        invitations.append(invitation)
    created = Invitation.objects.bulk_create(invitations)
    if created:
        audit_event_record(
            actor=actor,
            verb="invited members",
            target=meeting,
            detail={"people": [invitation.person.name for invitation in created]},
        )
    return created


def invitation_create(
    *,
    actor: Actor,
    meeting: Meeting,
    person: Person,
    role: str = InvitationRole.INVITED_EXPERT,
) -> Invitation:
    """Invite one person to this meeting only: by default an outside expert."""
    return record_save(instance=Invitation(meeting=meeting, person=person, role=role), actor=actor)


def invitation_update(
    *, invitation: Invitation, actor: Actor, data: Mapping[str, Any]
) -> Invitation:
    """Record a person's reply to an invitation, or change the role they are invited in."""
    return record_update(instance=invitation, actor=actor, data=data, fields=INVITATION_FIELDS)[0]


def invitation_delete(*, invitation: Invitation, actor: Actor) -> None:
    """Withdraw an invitation made by mistake."""
    record_delete(instance=invitation, actor=actor)


@transaction.atomic
def invitations_send(*, meeting: Meeting, actor: Actor) -> list[Invitation]:
    """Email every invitation not yet sent, to people who have an address and have not opted out.

    Returns the invitations sent; those of people who cannot be emailed stay unsent.
    """
    from convenor.meetings import notifications

    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("This meeting was cancelled: its invitations cannot be sent.")
    invitations = list(
        meeting.invitations.filter(sent_at__isnull=True, person__opted_out=False)
        .exclude(person__email="")
        .select_related("person")
        .order_by("person__name", "pk")
    )
    if not invitations:
        raise ValidationError(
            "There is no invitation to send: everyone invited has had theirs, or cannot be emailed."
        )
    now = clock.now()
    Invitation.objects.filter(pk__in=[invitation.pk for invitation in invitations]).update(
        sent_at=now
    )
    for invitation in invitations:
        invitation.sent_at = now
    audit_event_record(
        actor=actor,
        verb="sent invitations",
        target=meeting,
        detail={"people": [invitation.person.name for invitation in invitations]},
    )
    notifications.invitations_notify(meeting=meeting, invitations=invitations)
    return invitations


@transaction.atomic
def attendance_record(
    *, meeting: Meeting, actor: Actor, attendance: Mapping[Invitation, str]
) -> list[Invitation]:
    """Record who came, sent apologies or was absent; returns the invitations that changed."""
    strangers = [inv for inv in attendance if inv.meeting_id != meeting.pk]
    if strangers:
        raise ValidationError(
            f"{strangers[0].person} is not invited to this meeting: invite them first."
        )
    changed = []
    for invitation, value in attendance.items():
        if invitation.attendance == value:
            continue
        invitation.attendance = value
        invitation.full_clean(validate_unique=False, validate_constraints=False)
        invitation.save(update_fields=["attendance", "updated_at"])
        changed.append(invitation)
    if changed:
        audit_event_record(
            actor=actor,
            verb="recorded attendance",
            target=meeting,
            detail={invitation.person.name: invitation.attendance for invitation in changed},
        )
    return changed


# Publishing papers and minutes


@transaction.atomic
def meeting_papers_publish(*, meeting: Meeting, actor: Actor) -> Meeting:
    """Publish a meeting's papers: members (and, for a public meeting, everyone) may read them."""
    from convenor.meetings import notifications

    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("This meeting was cancelled: its papers cannot be published.")
    if meeting.papers_published_at is not None:
        published = timezone.localtime(meeting.papers_published_at)
        raise ValidationError(f"The papers were already published on {published:%-d %B %Y}.")
    changes: dict[str, Any] = {"papers_published_at": clock.now()}
    if meeting.status == MeetingStatus.PLANNED:
        changes["status"] = MeetingStatus.PAPERS_PUBLISHED
    _meeting_transition(meeting=meeting, actor=actor, verb="published papers", changes=changes)
    notifications.papers_published_notify(meeting=meeting)
    return meeting


def minutes_save(*, meeting: Meeting, actor: Actor, minutes: str) -> Meeting:
    """Write or change a meeting's minutes, until they are approved."""
    if meeting.minutes_approved_on is not None:
        raise ValidationError(
            {
                "minutes": "These minutes were approved on "
                f"{meeting.minutes_approved_on:%-d %B %Y}: they can no longer be changed."
            }
        )
    return record_update(
        instance=meeting, actor=actor, data={"minutes": minutes}, fields=("minutes",)
    )[0]


def _minutes_ready_check(meeting: Meeting) -> None:
    if meeting.status not in (MeetingStatus.HELD, MeetingStatus.MINUTES_APPROVED):
        raise ValidationError("Mark the meeting as held first: minutes are of a meeting held.")
    if not meeting.minutes.strip():
        raise ValidationError("Write the minutes first.")


@transaction.atomic
def minutes_publish(*, meeting: Meeting, actor: Actor) -> Meeting:
    """Publish the minutes (draft minutes may be published before they are approved)."""
    _minutes_ready_check(meeting)
    if meeting.minutes_published_at is not None:
        published = timezone.localtime(meeting.minutes_published_at)
        raise ValidationError(f"The minutes were already published on {published:%-d %B %Y}.")
    return _meeting_transition(
        meeting=meeting,
        actor=actor,
        verb="published minutes",
        changes={"minutes_published_at": clock.now()},
    )


@transaction.atomic
def minutes_approve(*, meeting: Meeting, actor: Actor, approved_on: datetime.date) -> Meeting:
    """Record that the body approved the minutes as a true record, on a date."""
    _minutes_ready_check(meeting)
    if meeting.minutes_approved_on is not None:
        raise ValidationError(
            f"The minutes were already approved on {meeting.minutes_approved_on:%-d %B %Y}."
        )
    meeting_day = timezone.localtime(meeting.starts_at).date()
    if approved_on < meeting_day:
        raise ValidationError(
            {
                "approved_on": "Minutes cannot be approved before the meeting "
                f"({meeting_day:%-d %B %Y})."
            }
        )
    if approved_on > clock.today():
        raise ValidationError({"approved_on": "The date of approval cannot be in the future."})
    return _meeting_transition(
        meeting=meeting,
        actor=actor,
        verb="approved minutes",
        changes={"minutes_approved_on": approved_on, "status": MeetingStatus.MINUTES_APPROVED},
    )


# Decisions


def _item_of_meeting_check(*, meeting: Meeting, agenda_item: AgendaItem | None) -> None:
    if agenda_item is not None and agenda_item.meeting_id != meeting.pk:
        raise ValidationError({"agenda_item": "Choose an item of this meeting's agenda."})


def decision_create(
    *,
    actor: Actor,
    meeting: Meeting,
    verb: str,
    text: str,
    agenda_item: AgendaItem | None = None,
    order: int | None = None,
    outcome: str = DecisionOutcome.PENDING,
    amendment: str = "",
) -> Decision:
    """Record what a body is asked to do ("NOTE the proposed approach ..."), and its outcome."""
    _item_of_meeting_check(meeting=meeting, agenda_item=agenda_item)
    if order is None:
        order = (meeting.decisions.aggregate(highest=Max("order"))["highest"] or 0) + 1
    decision = Decision(
        meeting=meeting,
        agenda_item=agenda_item,
        order=order,
        verb=verb,
        text=text,
        outcome=outcome,
        amendment=amendment,
    )
    return record_save(instance=decision, actor=actor)


def decision_update(*, decision: Decision, actor: Actor, data: Mapping[str, Any]) -> Decision:
    """Change a decision, or record its outcome and any amendment."""
    return record_update(instance=decision, actor=actor, data=data, fields=DECISION_FIELDS)[0]


def decision_delete(*, decision: Decision, actor: Actor) -> None:
    """Remove a decision recorded by mistake."""
    record_delete(instance=decision, actor=actor)


# Actions


def _completed_on(*, status: str, completed_on: datetime.date | None) -> datetime.date | None:
    """An action done has the day it was done (today, unless known); any other has none."""
    if status == ActionStatus.DONE:
        return completed_on or clock.today()
    return None


def action_create(
    *,
    actor: Actor,
    description: str,
    owner: Person,
    due_on: datetime.date,
    meeting: Meeting | None = None,
    strategy: Strategy | None = None,
    agenda_item: AgendaItem | None = None,
    status: str = ActionStatus.OPEN,
) -> Action:
    """Record an action someone agreed to take, at a meeting or otherwise for a strategy."""
    if meeting is not None:
        _item_of_meeting_check(meeting=meeting, agenda_item=agenda_item)
        strategy_id = meeting.strategy_id
    elif strategy is not None:
        strategy_id = strategy.pk
    else:
        raise ValueError("An action belongs to a meeting or a strategy: give one")
    action = Action(
        strategy_id=strategy_id,
        meeting=meeting,
        agenda_item=agenda_item,
        description=description,
        owner=owner,
        due_on=due_on,
        status=status,
        completed_on=_completed_on(status=status, completed_on=None),
    )
    return record_save(instance=action, actor=actor)


@transaction.atomic
def action_update(*, action: Action, actor: Actor, data: Mapping[str, Any]) -> Action:
    """Change an action's description, owner, due date or status."""
    if "agenda_item" in data and action.meeting_id is not None:
        _item_of_meeting_check(meeting=action.meeting, agenda_item=data["agenda_item"])  # type: ignore[arg-type]
    changes = dict(data)
    fields = set(ACTION_FIELDS)
    if "status" in changes:
        changes["completed_on"] = _completed_on(
            status=changes["status"], completed_on=action.completed_on
        )
        fields.add("completed_on")
    return record_update(instance=action, actor=actor, data=changes, fields=fields)[0]


def action_delete(*, action: Action, actor: Actor) -> None:
    """Remove an action recorded by mistake, with its progress notes."""
    record_delete(instance=action, actor=actor)


@transaction.atomic
def action_progress_record(*, action: Action, actor: Actor, note: str, status: str) -> ActionUpdate:
    """Add a progress note to an action and move it to `status` (done: completed today).

    Used by the action's owner from the members' pages, and by staff.
    """
    if not note.strip():
        raise ValidationError({"note": "Say what progress has been made."})
    if status not in ActionStatus.values:
        raise ValidationError({"status": "Choose the action's status."})
    author = actor if isinstance(actor, User) else None
    update = ActionUpdate(action=action, author=author, note=note.strip(), status=status)
    update.full_clean()
    update.save()
    completed_on = _completed_on(status=status, completed_on=action.completed_on)
    if (action.status, action.completed_on) != (status, completed_on):
        action.status = status
        action.completed_on = completed_on
        action.full_clean()
        action.save(update_fields=["status", "completed_on", "updated_at"])
    audit_event_record(
        actor=actor, verb="recorded progress", target=action, detail={"status": status}
    )
    return update


# Declarations of interest


def declaration_create(
    *,
    actor: Actor,
    agenda_item: AgendaItem,
    person: Person,
    interest: str,
    action_taken: str = "",
) -> Declaration:
    """Record that a person declared an interest in an agenda item, and what they did about it."""
    declaration = Declaration(
        agenda_item=agenda_item, person=person, interest=interest, action_taken=action_taken
    )
    return record_save(instance=declaration, actor=actor)


def declaration_delete(*, declaration: Declaration, actor: Actor) -> None:
    """Remove a declaration recorded by mistake."""
    record_delete(instance=declaration, actor=actor)
