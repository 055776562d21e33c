"""What governance and meetings hold about a person, for their subject access report.

It lives here because meetings is the highest app so far, the lowest that can see every row to
gather (memberships, invitations, actions, declarations); MeetingsConfig.ready() registers it
with stakeholders.privacy, so the register's pages show it without importing meetings.
"""

from __future__ import annotations

from django.utils import timezone

from convenor.governance.models import Membership
from convenor.meetings.calendar import LONDON
from convenor.meetings.models import Action, ActionUpdate, Declaration, Invitation
from convenor.stakeholders.models import Person
from convenor.stakeholders.privacy import SubjectAccessSection, text


def _when(value: object) -> str:
    if value is None:
        return ""
    return text(timezone.localtime(value, LONDON))  # type: ignore[arg-type]


def person_meetings_data(person: Person) -> list[SubjectAccessSection]:
    """The person's memberships, invitations and attendance, actions and declarations."""
    memberships = (
        Membership.objects.filter(person=person)
        .select_related("body", "representing")
        .order_by("starts_on", "pk")
    )
    invitations = (
        Invitation.objects.filter(person=person)
        .select_related("meeting")
        .order_by("meeting__starts_at", "pk")
    )
    actions = Action.objects.filter(owner=person).select_related("meeting").order_by("due_on", "pk")
    updates = (
        ActionUpdate.objects.filter(action__owner=person)
        .select_related("action")
        .order_by("at", "pk")
    )
    declarations = (
        Declaration.objects.filter(person=person)
        .select_related("agenda_item__meeting")
        .order_by("agenda_item__meeting__starts_at", "agenda_item__order", "pk")
    )
    return [
        SubjectAccessSection(
            "memberships",
            "Memberships of bodies",
            ("Body", "Role", "From", "Until", "Representing", "Note"),
            tuple(
                (
                    m.body.name,
                    str(m.get_role_display()),
                    text(m.starts_on),
                    text(m.ends_on),
                    m.representing.name if m.representing else "",
                    m.note,
                )
                for m in memberships
            ),
        ),
        SubjectAccessSection(
            "invitations",
            "Meeting invitations and attendance",
            ("Meeting", "Starts at", "Invited as", "Invitation sent at", "Reply", "Attendance"),
            tuple(
                (
                    i.meeting.title,
                    _when(i.meeting.starts_at),
                    str(i.get_role_display()),
                    _when(i.sent_at),
                    str(i.get_response_display()),
                    str(i.get_attendance_display()),
                )
                for i in invitations
            ),
        ),
        SubjectAccessSection(
            "actions",
            "Actions",
            ("Action", "Meeting", "Due on", "Status", "Completed on"),
            tuple(
                (
                    a.description,
                    a.meeting.title if a.meeting else "",
                    text(a.due_on),
                    str(a.get_status_display()),
                    text(a.completed_on),
                )
                for a in actions
            ),
        ),
        SubjectAccessSection(
            "action_updates",
            "Progress notes on your actions",
            ("Action", "At", "Note", "Status after"),
            tuple(
                (u.action.description, _when(u.at), u.note, str(u.get_status_display()))
                for u in updates
            ),
        ),
        SubjectAccessSection(
            "declarations",
            "Declarations of interest",
            ("Meeting", "Agenda item", "Interest declared", "Action taken"),
            tuple(
                (
                    d.agenda_item.meeting.title,
                    f"{d.agenda_item.order}. {d.agenda_item.title}",
                    d.interest,
                    d.action_taken,
                )
                for d in declarations
            ),
        ),
    ]
