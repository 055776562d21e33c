"""Staff pages for meetings: the list of a strategy's meetings, and each meeting's hub.

Each view checks its rule (meetings.permissions), parses a form, and calls one service. The hub
page shows everything about one meeting; each part is changed on its own small page.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponseBase
from django.shortcuts import get_object_or_404
from django.urls import reverse

from convenor.core.panels import Panel
from convenor.governance.choices import BodyKind
from convenor.governance.models import Body
from convenor.meetings import services, staff_selectors
from convenor.meetings.choices import MeetingStatus
from convenor.meetings.forms import (
    ActionForm,
    AgendaItemForm,
    AttendanceForm,
    ConfirmForm,
    DecisionForm,
    DeclarationForm,
    InvitationForm,
    InvitationReplyForm,
    MeetingCancelForm,
    MeetingFilterForm,
    MeetingForm,
    MinutesApproveForm,
    MinutesForm,
    PaperForm,
)
from convenor.meetings.models import (
    Action,
    AgendaItem,
    Decision,
    Declaration,
    Invitation,
    Meeting,
    Paper,
)
from convenor.strategy.models import Strategy
from convenor.ui.staff import Breadcrumbs, StaffDeletePage, StaffFormPage, StaffPage, paginate

# The slot of the staff home page (strategy.staff_views.STAFF_HOME_SLOT) this app adds to.
STAFF_HOME_SLOT = "staff_home"


def meetings_links_panel(request: HttpRequest) -> Panel | None:
    """The staff home's panel of links to each strategy's meetings (staff only)."""
    if not request.user.has_perm("meetings.change_meeting"):
        return None
    return Panel(
        template_name="meetings/staff/panel_links.html",
        context={"strategies": list(staff_selectors.strategies_for_meetings())},
    )


class StrategyMeetingsPage(StaffPage):
    """A page about the meetings of one strategy, named by its slug in the URL."""

    strategy: Strategy

    def load(self) -> None:
        self.strategy = get_object_or_404(Strategy, slug=self.kwargs["slug"])

    def meeting_list_url(self) -> str:
        return reverse("meetings_staff:meeting_list", args=[self.strategy.slug])

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [
            ("Staff area", reverse("strategy_staff:home")),
            (
                self.strategy.name,
                reverse("strategy_staff:strategy_edit", args=[self.strategy.slug]),
            ),
            ("Meetings", self.meeting_list_url()),
        ]


class MeetingList(StrategyMeetingsPage):
    """A strategy's meetings, searchable, filtered by body, status and time, with deadlines."""

    permission_required = "meetings.change_meeting"
    template_name = "meetings/staff/meeting_list.html"

    def get_page_title(self) -> str:
        return f"Meetings of {self.strategy.name}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], ("Meetings", None)]

    def extra_context_data(self) -> dict[str, Any]:
        filter_form = MeetingFilterForm(self.request.GET or None, strategy=self.strategy)
        filters: dict[str, Any] = {}
        if filter_form.is_valid():
            data = filter_form.cleaned_data
            filters = {
                "query": data["q"],
                "body": data["body"],
                "status": data["status"],
                "when": data["when"],
            }
        page = paginate(
            self.request,
            staff_selectors.meeting_staff_list(strategy=self.strategy, **filters),
        )
        rows = [
            (meeting, staff_selectors.meeting_deadlines(meeting=meeting))
            for meeting in page["object_list"]
        ]
        return {
            "strategy": self.strategy,
            "filter_form": filter_form,
            "rows": rows,
            "filtered": any(filters.values()),
            **page,
        }


class MeetingCreate(StrategyMeetingsPage, StaffFormPage):
    """Arrange a meeting of a body, or a joint session of several."""

    permission_required = "meetings.add_meeting"
    form_class = MeetingForm
    page_title = "Arrange a meeting"
    submit_label = "Add meeting"

    def get_form_kwargs(self) -> dict[str, Any]:
        kwargs: dict[str, Any] = {"strategy": self.strategy}
        body_slug = self.request.GET.get("body")
        if body_slug:
            body = Body.objects.filter(strategy=self.strategy, slug=body_slug).first()
            if body is not None:
                kwargs["initial"] = {"body": body.pk}
        return kwargs

    def save(self, form: BaseForm) -> Meeting:
        return services.meeting_create(actor=self.request.user, **form.meeting_data())  # type: ignore[attr-defined]

    def success_message(self, saved: Meeting) -> str:
        return f"Added {saved}. Now set its agenda and invite its members."

    def success_url(self, saved: Meeting) -> str:
        return reverse("meetings_staff:meeting_hub", args=[self.strategy.slug, saved.pk])

    def cancel_url(self) -> str:
        return self.meeting_list_url()


class MeetingPage(StrategyMeetingsPage):
    """A page about one meeting, named by its number in the URL."""

    meeting: Meeting

    def load(self) -> None:
        super().load()
        self.meeting = get_object_or_404(
            staff_selectors.meeting_for_hub(strategy=self.strategy, pk=self.kwargs["pk"])
        )

    def permission_object(self) -> Model:
        return self.meeting

    def hub_url(self, anchor: str = "") -> str:
        url = reverse("meetings_staff:meeting_hub", args=[self.strategy.slug, self.meeting.pk])
        return f"{url}#{anchor}" if anchor else url

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs(), (self.meeting.title, self.hub_url())]

    # The part of the hub a page returns to.
    anchor = ""

    def success_url(self, *args: Any) -> str:
        return self.hub_url(self.anchor)

    def cancel_url(self) -> str:
        return self.hub_url(self.anchor)

    def extra_context_data(self) -> dict[str, Any]:
        return {"strategy": self.strategy, "meeting": self.meeting}


class MeetingHub(MeetingPage, StaffFormPage):
    """Everything about one meeting: details, agenda, papers, people, minutes and outcomes."""

    permission_required = "meetings.change_meeting"
    form_class = MeetingForm
    template_name = "meetings/staff/meeting_hub.html"
    submit_label = "Save details"

    def get_page_title(self) -> str:
        return self.meeting.title

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], (self.meeting.title, None)]

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"strategy": self.strategy, "meeting": self.meeting}

    def extra_context_data(self) -> dict[str, Any]:
        meeting = self.meeting
        invitations = list(staff_selectors.meeting_invitations(meeting=meeting))
        return {
            **super().extra_context_data(),
            "is_leaders_board": meeting.body.kind == BodyKind.LEADERS_BOARD,
            "is_cancelled": meeting.status == MeetingStatus.CANCELLED,
            "can_mark_held": meeting.status
            in (MeetingStatus.PLANNED, MeetingStatus.PAPERS_PUBLISHED),
            "deadlines": staff_selectors.meeting_deadlines(meeting=meeting),
            "agenda": list(staff_selectors.meeting_agenda(meeting=meeting)),
            "papers": list(staff_selectors.meeting_papers(meeting=meeting)),
            "invitations": invitations,
            "unsent_count": sum(
                1
                for invitation in invitations
                if invitation.sent_at is None
                and not invitation.person.opted_out
                and invitation.person.email
            ),
            "attendance_form": AttendanceForm(invitations=invitations),
            "minutes_form": MinutesForm(initial={"minutes": meeting.minutes}),
            "approve_form": MinutesApproveForm(),
            "decisions": list(staff_selectors.meeting_decisions(meeting=meeting)),
            "actions": list(staff_selectors.meeting_actions(meeting=meeting)),
        }

    def save(self, form: BaseForm) -> Meeting:
        return services.meeting_update(
            meeting=self.meeting,
            actor=self.request.user,
            data=form.meeting_data(),  # type: ignore[attr-defined]
        )

    def success_message(self, saved: Meeting) -> str:
        return f"Saved the details of {saved.title}."

    def cancel_url(self) -> str:
        return self.meeting_list_url()


class MeetingDelete(MeetingPage, StaffDeletePage):
    """Delete a meeting entered by mistake (cancel one that will not take place instead)."""

    permission_required = "meetings.delete_meeting"

    def target(self) -> Meeting:
        return self.meeting

    def extra_context_data(self) -> dict[str, Any]:
        return {
            "delete_note": "If the meeting will not take place, cancel it instead: deleting "
            "it removes the record that it was arranged."
        }

    def delete(self) -> None:
        services.meeting_delete(meeting=self.meeting, actor=self.request.user)

    def success_url(self, *args: Any) -> str:
        return self.meeting_list_url()


class MeetingCancel(MeetingPage, StaffFormPage):
    """Cancel a meeting, saying why."""

    permission_required = "meetings.change_meeting"
    form_class = MeetingCancelForm
    submit_label = "Cancel the meeting"

    def get_page_title(self) -> str:
        return f"Cancel {self.meeting.title}"

    def save(self, form: BaseForm) -> Meeting:
        return services.meeting_cancel(
            meeting=self.meeting, actor=self.request.user, reason=form.cleaned_data["reason"]
        )

    def success_message(self, saved: Meeting) -> str:
        return f"Cancelled {saved.title}."


class MeetingConfirmPage(MeetingPage, StaffFormPage):
    """A page asking to confirm one step (publish the papers, send invitations...); POST does it.

    The hub's buttons post here directly; the page itself is shown when the step is refused.
    """

    permission_required = "meetings.change_meeting"
    form_class = ConfirmForm
    template_name = "meetings/staff/confirm.html"
    explanation = ""

    def extra_context_data(self) -> dict[str, Any]:
        return {**super().extra_context_data(), "explanation": self.explanation}


class MeetingMarkHeld(MeetingConfirmPage):
    """Record that the meeting took place."""

    submit_label = "Mark as held"
    explanation = "Once it is marked as held, you can record attendance and publish minutes."

    def get_page_title(self) -> str:
        return f"Mark {self.meeting.title} as held?"

    def save(self, form: BaseForm) -> Meeting:
        return services.meeting_mark_held(meeting=self.meeting, actor=self.request.user)

    def success_message(self, saved: Meeting) -> str:
        return f"Marked {saved.title} as held."


class PapersPublish(MeetingConfirmPage):
    """Publish the meeting's papers, telling the people invited."""

    submit_label = "Publish the papers"
    explanation = (
        "Members and everyone invited can then read the papers, and are told by email. "
        "For a meeting in public, anyone can read them."
    )
    anchor = "papers"

    def get_page_title(self) -> str:
        return f"Publish the papers of {self.meeting.title}?"

    def save(self, form: BaseForm) -> Meeting:
        return services.meeting_papers_publish(meeting=self.meeting, actor=self.request.user)

    def success_message(self, saved: Meeting) -> str:
        return f"Published the papers of {saved.title}."


class AgendaGenerate(MeetingConfirmPage):
    """Add one agenda item per priority of the strategy (the Joint Leaders Board's structure)."""

    submit_label = "Generate one item per priority"
    explanation = (
        "Adds an item for each priority of the strategy, in priority order, after the items "
        "already on the agenda. Priorities already on the agenda are skipped."
    )
    anchor = "agenda"

    def get_page_title(self) -> str:
        return f"Generate the agenda of {self.meeting.title} from the priorities?"

    def save(self, form: BaseForm) -> list[AgendaItem]:
        return services.agenda_generate_by_priorities(meeting=self.meeting, actor=self.request.user)

    def success_message(self, saved: list[AgendaItem]) -> str:
        if not saved:
            return "Every priority already has an item on the agenda."
        return f"Added {len(saved)} agenda items, one per priority."


class InvitationsForMembers(MeetingConfirmPage):
    """Invite every current member of the bodies taking part."""

    submit_label = "Invite all members"
    explanation = (
        "Adds everyone who is a member of the bodies taking part on the day of the meeting. "
        "Nobody is emailed until you send the invitations."
    )
    anchor = "invitations"

    def get_page_title(self) -> str:
        return f"Invite the members to {self.meeting.title}?"

    def save(self, form: BaseForm) -> list[Invitation]:
        return services.invitations_create_for_members(
            meeting=self.meeting, actor=self.request.user
        )

    def success_message(self, saved: list[Invitation]) -> str:
        if not saved:
            return "Every member is already invited."
        return f"Invited {len(saved)} {'member' if len(saved) == 1 else 'members'}."


class InvitationsSend(MeetingConfirmPage):
    """Email the invitations not yet sent."""

    submit_label = "Send invitations"
    explanation = (
        "Emails each person not yet sent an invitation, with the meeting in their calendar. "
        "People who opted out of contact, or have no email address, are not emailed."
    )
    anchor = "invitations"

    def get_page_title(self) -> str:
        return f"Send the invitations to {self.meeting.title}?"

    def save(self, form: BaseForm) -> list[Invitation]:
        return services.invitations_send(meeting=self.meeting, actor=self.request.user)

    def success_message(self, saved: list[Invitation]) -> str:
        return f"Sent {len(saved)} {'invitation' if len(saved) == 1 else 'invitations'}."


class MinutesPublish(MeetingConfirmPage):
    """Publish the minutes."""

    submit_label = "Publish the minutes"
    explanation = "Members (and, for a meeting in public, everyone) can then read the minutes."
    anchor = "minutes"

    def get_page_title(self) -> str:
        return f"Publish the minutes of {self.meeting.title}?"

    def save(self, form: BaseForm) -> Meeting:
        return services.minutes_publish(meeting=self.meeting, actor=self.request.user)

    def success_message(self, saved: Meeting) -> str:
        return f"Published the minutes of {saved.title}."


# Minutes and attendance


class MinutesEdit(MeetingPage, StaffFormPage):
    """Write or change the minutes."""

    permission_required = "meetings.change_meeting"
    form_class = MinutesForm
    submit_label = "Save minutes"
    anchor = "minutes"

    def get_page_title(self) -> str:
        return f"Minutes of {self.meeting.title}"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"initial": {"minutes": self.meeting.minutes}}

    def save(self, form: BaseForm) -> Meeting:
        return services.minutes_save(
            meeting=self.meeting, actor=self.request.user, minutes=form.cleaned_data["minutes"]
        )

    def success_message(self, saved: Meeting) -> str:
        return f"Saved the minutes of {saved.title}."


class MinutesApprove(MeetingPage, StaffFormPage):
    """Record the day the body approved the minutes."""

    permission_required = "meetings.change_meeting"
    form_class = MinutesApproveForm
    submit_label = "Approve the minutes"
    anchor = "minutes"

    def get_page_title(self) -> str:
        return f"Approve the minutes of {self.meeting.title}"

    def save(self, form: BaseForm) -> Meeting:
        return services.minutes_approve(
            meeting=self.meeting,
            actor=self.request.user,
            approved_on=form.cleaned_data["approved_on"],
        )

    def success_message(self, saved: Meeting) -> str:
        return f"Recorded that the minutes of {saved.title} were approved."


class AttendanceEdit(MeetingPage, StaffFormPage):
    """Record, for everyone invited, whether they came."""

    permission_required = "meetings.change_invitation"
    form_class = AttendanceForm
    submit_label = "Save attendance"
    anchor = "invitations"

    def get_page_title(self) -> str:
        return f"Attendance at {self.meeting.title}"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"invitations": list(staff_selectors.meeting_invitations(meeting=self.meeting))}

    def save(self, form: BaseForm) -> list[Invitation]:
        return services.attendance_record(
            meeting=self.meeting,
            actor=self.request.user,
            attendance=form.attendance(),  # type: ignore[attr-defined]
        )

    def success_message(self, saved: list[Invitation]) -> str:
        return "Saved the attendance."


# Agenda items


class AgendaItemCreate(MeetingPage, StaffFormPage):
    """Add an item to the agenda."""

    permission_required = "meetings.add_agendaitem"
    form_class = AgendaItemForm
    submit_label = "Add item"
    anchor = "agenda"

    def get_page_title(self) -> str:
        return f"Add an agenda item to {self.meeting.title}"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": AgendaItem(meeting=self.meeting)}

    def save(self, form: BaseForm) -> AgendaItem:
        return services.agenda_item_create(
            actor=self.request.user, meeting=self.meeting, **form.cleaned_data
        )

    def success_message(self, saved: AgendaItem) -> str:
        return f"Added {saved}."


class AgendaItemPage(MeetingPage):
    """A page about one item of the meeting's agenda."""

    item: AgendaItem
    anchor = "agenda"

    def load(self) -> None:
        super().load()
        self.item = get_object_or_404(
            AgendaItem.objects.select_related("meeting"),
            meeting=self.meeting,
            pk=self.kwargs["item_pk"],
        )

    def permission_object(self) -> Model:
        return self.item


class AgendaItemEdit(AgendaItemPage, StaffFormPage):
    """Change an agenda item."""

    permission_required = "meetings.change_agendaitem"
    form_class = AgendaItemForm
    submit_label = "Save item"

    def get_page_title(self) -> str:
        return f"Edit {self.item}"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": self.item}

    def delete_url(self) -> str:
        return reverse(
            "meetings_staff:agenda_item_delete",
            args=[self.strategy.slug, self.meeting.pk, self.item.pk],
        )

    def save(self, form: BaseForm) -> AgendaItem:
        return services.agenda_item_update(
            item=self.item, actor=self.request.user, data=form.cleaned_data
        )


class AgendaItemDelete(AgendaItemPage, StaffDeletePage):
    """Take an item off the agenda."""

    permission_required = "meetings.delete_agendaitem"

    def target(self) -> AgendaItem:
        return self.item

    def delete(self) -> None:
        services.agenda_item_delete(item=self.item, actor=self.request.user)


class DeclarationCreate(AgendaItemPage, StaffFormPage):
    """Record a declaration of interest on an agenda item."""

    permission_required = "meetings.add_declaration"
    form_class = DeclarationForm
    submit_label = "Record declaration"

    def get_page_title(self) -> str:
        return f"Declare an interest in {self.item}"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": Declaration(agenda_item=self.item)}

    def save(self, form: BaseForm) -> Declaration:
        return services.declaration_create(
            actor=self.request.user, agenda_item=self.item, **form.cleaned_data
        )

    def success_message(self, saved: Declaration) -> str:
        return f"Recorded the interest {saved.person} declared in {self.item}."


class DeclarationDelete(AgendaItemPage, StaffDeletePage):
    """Remove a declaration of interest recorded by mistake."""

    permission_required = "meetings.delete_declaration"
    declaration: Declaration

    def load(self) -> None:
        super().load()
        self.declaration = get_object_or_404(
            Declaration.objects.select_related("person"),
            agenda_item=self.item,
            pk=self.kwargs["declaration_pk"],
        )

    def permission_object(self) -> Model:
        return self.declaration

    def target(self) -> Declaration:
        return self.declaration

    def delete(self) -> None:
        services.declaration_delete(declaration=self.declaration, actor=self.request.user)


# Papers


class PaperUpload(MeetingPage, StaffFormPage):
    """Upload a paper for the meeting."""

    permission_required = "meetings.add_paper"
    form_class = PaperForm
    submit_label = "Upload paper"
    anchor = "papers"

    def get_page_title(self) -> str:
        return f"Upload a paper for {self.meeting.title}"

    def get_form(self, data: Any = None) -> BaseForm:
        files = self.request.FILES if data is not None else None
        return PaperForm(data=data, files=files, meeting=self.meeting)

    def save(self, form: BaseForm) -> Paper:
        return services.paper_upload(
            actor=self.request.user, meeting=self.meeting, **form.cleaned_data
        )

    def success_message(self, saved: Paper) -> str:
        return f"Uploaded {saved.title}."


class PaperPage(MeetingPage):
    """A page about one paper of the meeting."""

    paper: Paper
    anchor = "papers"

    def load(self) -> None:
        super().load()
        self.paper = get_object_or_404(Paper, meeting=self.meeting, pk=self.kwargs["paper_pk"])

    def permission_object(self) -> Model:
        return self.paper


class PaperDownload(PaperPage):
    """The paper's file, for staff to check what was uploaded."""

    permission_required = "meetings.change_paper"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:  # type: ignore[override]
        try:
            handle = self.paper.file.open("rb")
        except FileNotFoundError as missing:
            raise Http404("The file of this paper is missing.") from missing
        filename = (self.paper.file.name or "paper").rsplit("/", 1)[-1]
        return FileResponse(handle, as_attachment=True, filename=filename)


class PaperDelete(PaperPage, StaffDeletePage):
    """Remove a paper and its file."""

    permission_required = "meetings.delete_paper"

    def target(self) -> Paper:
        return self.paper

    def delete(self) -> None:
        services.paper_delete(paper=self.paper, actor=self.request.user)


# Invitations


class InvitationCreate(MeetingPage, StaffFormPage):
    """Invite one person to this meeting only, such as an outside expert."""

    permission_required = "meetings.add_invitation"
    form_class = InvitationForm
    submit_label = "Invite"
    anchor = "invitations"

    def get_page_title(self) -> str:
        return f"Invite someone to {self.meeting.title}"

    def save(self, form: BaseForm) -> Invitation:
        return services.invitation_create(
            actor=self.request.user, meeting=self.meeting, **form.cleaned_data
        )

    def success_message(self, saved: Invitation) -> str:
        return f"Invited {saved.person.name} to this meeting."


class InvitationPage(MeetingPage):
    """A page about one invitation to the meeting."""

    invitation: Invitation
    anchor = "invitations"

    def load(self) -> None:
        super().load()
        self.invitation = get_object_or_404(
            Invitation.objects.select_related("person"),
            meeting=self.meeting,
            pk=self.kwargs["invitation_pk"],
        )

    def permission_object(self) -> Model:
        return self.invitation


class InvitationEdit(InvitationPage, StaffFormPage):
    """Record a person's reply to their invitation."""

    permission_required = "meetings.change_invitation"
    form_class = InvitationReplyForm
    submit_label = "Save reply"

    def get_page_title(self) -> str:
        return f"Reply from {self.invitation.person.name}"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": self.invitation}

    def delete_url(self) -> str:
        return reverse(
            "meetings_staff:invitation_delete",
            args=[self.strategy.slug, self.meeting.pk, self.invitation.pk],
        )

    def save(self, form: BaseForm) -> Invitation:
        return services.invitation_update(
            invitation=self.invitation, actor=self.request.user, data=form.cleaned_data
        )

    def success_message(self, saved: Invitation) -> str:
        return f"Saved the reply from {saved.person.name}."


class InvitationDelete(InvitationPage, StaffDeletePage):
    """Withdraw an invitation made by mistake."""

    permission_required = "meetings.delete_invitation"

    def target(self) -> Invitation:
        return self.invitation

    def delete(self) -> None:
        services.invitation_delete(invitation=self.invitation, actor=self.request.user)


# Decisions


class DecisionCreate(MeetingPage, StaffFormPage):
    """Record what the body is asked to do, and what it decided."""

    permission_required = "meetings.add_decision"
    form_class = DecisionForm
    submit_label = "Add decision"
    anchor = "decisions"

    def get_page_title(self) -> str:
        return f"Add a decision to {self.meeting.title}"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": Decision(meeting=self.meeting)}

    def save(self, form: BaseForm) -> Decision:
        return services.decision_create(
            actor=self.request.user, meeting=self.meeting, **form.cleaned_data
        )

    def success_message(self, saved: Decision) -> str:
        return f"Added the decision to {saved.get_verb_display()} {saved.text[:60]}."


class DecisionPage(MeetingPage):
    """A page about one decision of the meeting."""

    decision: Decision
    anchor = "decisions"

    def load(self) -> None:
        super().load()
        self.decision = get_object_or_404(
            Decision.objects.select_related("meeting__body"),
            meeting=self.meeting,
            pk=self.kwargs["decision_pk"],
        )

    def permission_object(self) -> Model:
        return self.decision


class DecisionEdit(DecisionPage, StaffFormPage):
    """Change a decision, or record its outcome."""

    permission_required = "meetings.change_decision"
    form_class = DecisionForm
    submit_label = "Save decision"

    def get_page_title(self) -> str:
        return "Edit decision"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": self.decision}

    def delete_url(self) -> str:
        return reverse(
            "meetings_staff:decision_delete",
            args=[self.strategy.slug, self.meeting.pk, self.decision.pk],
        )

    def save(self, form: BaseForm) -> Decision:
        return services.decision_update(
            decision=self.decision, actor=self.request.user, data=form.cleaned_data
        )

    def success_message(self, saved: Decision) -> str:
        return "Saved the decision."


class DecisionDelete(DecisionPage, StaffDeletePage):
    """Remove a decision recorded by mistake."""

    permission_required = "meetings.delete_decision"

    def target(self) -> Decision:
        return self.decision

    def delete(self) -> None:
        services.decision_delete(decision=self.decision, actor=self.request.user)


# Actions


class ActionCreate(MeetingPage, StaffFormPage):
    """Record an action agreed at the meeting."""

    permission_required = "meetings.add_action"
    form_class = ActionForm
    submit_label = "Add action"
    anchor = "actions"

    def get_page_title(self) -> str:
        return f"Add an action from {self.meeting.title}"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            "instance": Action(meeting=self.meeting, strategy=self.strategy),
            "meeting": self.meeting,
        }

    def save(self, form: BaseForm) -> Action:
        return services.action_create(
            actor=self.request.user, meeting=self.meeting, **form.cleaned_data
        )

    def success_message(self, saved: Action) -> str:
        return f"Added the action for {saved.owner.name}."


class ActionPage(MeetingPage):
    """A page about one action agreed at the meeting."""

    action: Action
    anchor = "actions"

    def load(self) -> None:
        super().load()
        self.action = get_object_or_404(
            Action.objects.select_related("owner"),
            meeting=self.meeting,
            pk=self.kwargs["action_pk"],
        )

    def permission_object(self) -> Model:
        return self.action


class ActionEdit(ActionPage, StaffFormPage):
    """Change an action: what, who, by when, and its status."""

    permission_required = "meetings.change_action"
    form_class = ActionForm
    submit_label = "Save action"

    def get_page_title(self) -> str:
        return "Edit action"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": self.action, "meeting": self.meeting}

    def delete_url(self) -> str:
        return reverse(
            "meetings_staff:action_delete",
            args=[self.strategy.slug, self.meeting.pk, self.action.pk],
        )

    def save(self, form: BaseForm) -> Action:
        return services.action_update(
            action=self.action, actor=self.request.user, data=form.cleaned_data
        )

    def success_message(self, saved: Action) -> str:
        return f"Saved the action for {saved.owner.name}."


class ActionDelete(ActionPage, StaffDeletePage):
    """Remove an action recorded by mistake, with its progress notes."""

    permission_required = "meetings.delete_action"

    def target(self) -> Action:
        return self.action

    def delete(self) -> None:
        services.action_delete(action=self.action, actor=self.request.user)
