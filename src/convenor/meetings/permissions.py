"""Who may see and change meetings, their papers and minutes, and actions: one rule per action.

A meeting is public when every body taking part meets in public; a closed body's meetings,
papers and minutes are for its members, the people invited, and staff.
"""

from __future__ import annotations

import rules

from convenor.governance.permissions import current_memberships
from convenor.meetings.models import Action, Invitation, Meeting

is_staff = rules.is_staff


def meeting_is_public(meeting: Meeting) -> bool:
    """Every body taking part meets in public (uses the prefetched joint bodies when present)."""
    return meeting.body.is_public and all(body.is_public for body in meeting.joint_bodies.all())


@rules.predicate
def is_public_meeting(user, meeting: Meeting | None) -> bool:
    return meeting is not None and meeting.strategy.is_public and meeting_is_public(meeting)


@rules.predicate
def is_meeting_participant(user, meeting: Meeting | None) -> bool:
    """A current member of a body taking part, or a person invited to this meeting."""
    if meeting is None or not user.is_authenticated:
        return False
    body_ids = [meeting.body_id, *(body.pk for body in meeting.joint_bodies.all())]
    if current_memberships(user).filter(body_id__in=body_ids).exists():
        return True
    return Invitation.objects.filter(meeting=meeting, person__user=user).exists()


@rules.predicate
def papers_are_published(user, meeting: Meeting | None) -> bool:
    return meeting is not None and meeting.papers_published_at is not None


@rules.predicate
def minutes_are_published(user, meeting: Meeting | None) -> bool:
    return meeting is not None and meeting.minutes_published_at is not None


@rules.predicate
def owns_action(user, action: Action | None) -> bool:
    return action is not None and user.is_authenticated and action.owner.user_id == user.pk


can_take_part = is_staff | is_meeting_participant

rules.add_perm("meetings.view_meeting", is_public_meeting | can_take_part)
rules.add_perm(
    "meetings.view_meeting_papers", can_take_part | (is_public_meeting & papers_are_published)
)
rules.add_perm(
    "meetings.view_meeting_minutes", can_take_part | (is_public_meeting & minutes_are_published)
)
for _model in ("meeting", "agendaitem", "paper", "invitation", "decision", "action", "declaration"):
    for _action in ("add", "change", "delete"):
        rules.add_perm(f"meetings.{_action}_{_model}", is_staff)
# The owner of an action reports its progress; staff may too.
rules.add_perm("meetings.add_actionupdate", is_staff | owns_action)
