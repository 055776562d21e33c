"""Staff pages for an activity's invitations: invite an audience, the invitee list, reminders,
attendance and walk-ins.

Each view checks its rule (engagement.permissions), parses a form and calls one service. The
invite page is driven by GET (choose, search people, preview) so it works without JavaScript;
only the final confirmation posts.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from convenor.engagement import invitation_selectors, invitation_services
from convenor.engagement.choices import ActivityAttendance, ActivityStatus
from convenor.engagement.invitation_forms import (
    AttendanceForm,
    AudienceForm,
    ConfirmForm,
    InvitationFilterForm,
    PeopleSearchForm,
    WalkInForm,
)
from convenor.engagement.models import Activity, ActivityInvitation
from convenor.stakeholders.privacy import recipients_contactable
from convenor.strategy.models import Strategy
from convenor.ui.forms import add_service_errors
from convenor.ui.staff import Breadcrumbs, StaffDeletePage, StaffFormPage, StaffPage, paginate


def _plural(count: int, noun: str, plural: str = "") -> str:
    return f"{count} {noun if count == 1 else (plural or noun + 's')}"


class ActivityInvitationsPage(StaffPage):
    """A page about the invitations of one activity, named by strategy slug and number."""

    strategy: Strategy
    activity: Activity

    def load(self) -> None:
        self.strategy = get_object_or_404(Strategy, slug=self.kwargs["slug"])
        self.activity = get_object_or_404(
            invitation_selectors.activity_for_invitations(
                strategy=self.strategy, pk=self.kwargs["pk"]
            )
        )

    def permission_object(self) -> Model:
        return self.activity

    def url(self, name: str) -> str:
        return reverse(f"engagement_staff:{name}", args=[self.strategy.slug, self.activity.pk])

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [
            ("Staff area", reverse("strategy_staff:home")),
            (
                self.strategy.name,
                reverse("strategy_staff:strategy_edit", args=[self.strategy.slug]),
            ),
            ("Activities", reverse("engagement_staff:activity_list", args=[self.strategy.slug])),
            (self.activity.title, self.url("activity_hub")),
            ("Invitations", self.url("invitation_list")),
        ]

    def success_url(self, *args: Any) -> str:
        return self.url("invitation_list")

    def cancel_url(self) -> str:
        return self.url("invitation_list")

    def extra_context_data(self) -> dict[str, Any]:
        return {
            "strategy": self.strategy,
            "activity": self.activity,
            "is_cancelled": self.activity.status == ActivityStatus.CANCELLED,
        }


class InvitationList(ActivityInvitationsPage):
    """The activity's invitees with their replies and attendance, searchable and filtered."""

    permission_required = "engagement.view_activityinvitation"
    template_name = "engagement/staff/invitation_list.html"

    def get_page_title(self) -> str:
        return f"Invitations to {self.activity.title}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], ("Invitations", None)]

    def extra_context_data(self) -> dict[str, Any]:
        filter_form = InvitationFilterForm(self.request.GET or None)
        filters: dict[str, Any] = {}
        if filter_form.is_valid():
            data = filter_form.cleaned_data
            filters = {
                "query": data["q"],
                "response": data["response"],
                "attendance": data["attendance"],
            }
        page = paginate(
            self.request,
            invitation_selectors.invitation_list(activity=self.activity, **filters),
        )
        return {
            **super().extra_context_data(),
            "filter_form": filter_form,
            "filtered": any(filters.values()),
            "counts": invitation_selectors.invitation_counts(activity=self.activity),
            "attended_value": ActivityAttendance.ATTENDED,
            **page,
        }


class InvitePeople(ActivityInvitationsPage):
    """Choose an audience, see who it would invite and email, then invite them."""

    permission_required = "engagement.add_activityinvitation"
    template_name = "engagement/staff/invitation_invite.html"
    preview_template_name = "engagement/staff/invitation_preview.html"

    def get_page_title(self) -> str:
        return f"Invite people to {self.activity.title}"

    def _chooser(self, form: AudienceForm, *, show_errors: bool) -> HttpResponse:
        data = self.request.GET
        search_form = PeopleSearchForm(data or None)
        query = search_form.cleaned_data["q"] if search_form.is_valid() else ""
        chosen = invitation_selectors.people_chosen(pks=form.chosen_people_pks())
        chosen_pks = {person.pk for person in chosen}
        results = [
            person
            for person in invitation_selectors.people_search(
                query=query, exclude_activity=self.activity
            )
            if person.pk not in chosen_pks
        ]
        return self.render(
            form=form,
            show_errors=show_errors,
            search_form=search_form,
            query=query,
            chosen=chosen,
            results=results,
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        data = request.GET
        form = AudienceForm(data or None, strategy=self.strategy)
        if data.get("action") == "preview" and form.is_valid():
            preview = invitation_selectors.audience_preview(
                activity=self.activity,
                bodies=form.cleaned_data["bodies"],
                segments=form.cleaned_data["segments"],
                people=form.cleaned_data["people"],
            )
            change = {key: data.getlist(key) for key in ("bodies", "segments", "people")}
            self.template_name = self.preview_template_name
            return self.render_to_response(
                {
                    **self.extra_context_data(),
                    "page_title": f"Check whom you will invite to {self.activity.title}",
                    "breadcrumbs": self.get_breadcrumbs(),
                    "form": form,
                    "preview": preview,
                    "change_url": f"{request.path}?{urlencode(change, doseq=True)}",
                }
            )
        return self._chooser(form, show_errors=data.get("action") == "preview")

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = AudienceForm(request.POST, strategy=self.strategy)
        if form.is_valid():
            try:
                run = invitation_services.invitations_send(
                    activity=self.activity,
                    actor=request.user,
                    bodies=form.cleaned_data["bodies"],
                    segments=form.cleaned_data["segments"],
                    people=form.cleaned_data["people"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                not_emailed = len(run.created) - len(run.emailed)
                text = f"Invited {_plural(len(run.created), 'person', 'people')}"
                text += f" and emailed {_plural(len(run.emailed), 'invitation')}."
                if not_emailed:
                    text += f" {_plural(not_emailed, 'person', 'people')} could not be emailed."
                messages.success(request, text)
                return redirect(self.url("invitation_list"))
        return self._chooser(form, show_errors=True)


class RemindPending(ActivityInvitationsPage, StaffFormPage):
    """Email a reminder to everyone invited who has not replied (asks first)."""

    permission_required = "engagement.change_activityinvitation"
    form_class = ConfirmForm
    template_name = "engagement/staff/invitation_remind.html"
    submit_label = "Send reminders"

    def get_page_title(self) -> str:
        return f"Remind people who have not replied to {self.activity.title}?"

    def extra_context_data(self) -> dict[str, Any]:
        pending = list(invitation_selectors.invitations_to_remind(activity=self.activity))
        contactable = recipients_contactable(invitation.person for invitation in pending)
        return {
            **super().extra_context_data(),
            "pending_count": len(pending),
            "remind_count": len(contactable),
        }

    def save(self, form: BaseForm) -> list[ActivityInvitation]:
        return invitation_services.invitations_remind(
            activity=self.activity, actor=self.request.user
        )

    def success_message(self, saved: list[ActivityInvitation]) -> str:
        return f"Sent {_plural(len(saved), 'reminder')}."


class AttendanceRecord(ActivityInvitationsPage):
    """Record who came, one page of invitees at a time, and add people who came uninvited."""

    permission_required = "engagement.change_activityinvitation"
    template_name = "engagement/staff/invitation_attendance.html"

    def get_page_title(self) -> str:
        return f"Attendance at {self.activity.title}"

    def _page(self) -> dict[str, Any]:
        return paginate(self.request, invitation_selectors.invitation_list(activity=self.activity))

    def _render(
        self,
        *,
        page: dict[str, Any],
        form: AttendanceForm | None = None,
        walk_in_form: WalkInForm | None = None,
    ) -> HttpResponse:
        search_form = PeopleSearchForm(self.request.GET or None)
        query = search_form.cleaned_data["q"] if search_form.is_valid() else ""
        if form is None:
            form = AttendanceForm(invitations=list(page["object_list"]))
        return self.render(
            form=form,
            walk_in_form=walk_in_form or WalkInForm(),
            search_form=search_form,
            query=query,
            results=invitation_selectors.people_search(query=query, exclude_activity=self.activity),
            **page,
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self._render(page=self._page())

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        page = self._page()
        back = request.get_full_path()
        if request.POST.get("action") == "walk_in":
            walk_in_form = WalkInForm(request.POST)
            if walk_in_form.is_valid():
                try:
                    invitation = invitation_services.walk_in_add(
                        activity=self.activity,
                        actor=request.user,
                        person=walk_in_form.cleaned_data["person"],
                    )
                except ValidationError as error:
                    add_service_errors(walk_in_form, error)
                else:
                    messages.success(
                        request,
                        f"Recorded that {invitation.person.name} came without an invitation.",
                    )
                    return redirect(self.url("attendance"))
            return self._render(page=page, walk_in_form=walk_in_form)
        form = AttendanceForm(request.POST, invitations=list(page["object_list"]))
        if form.is_valid():
            try:
                invitation_services.attendance_record(
                    activity=self.activity, actor=request.user, attendance=form.attendance()
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, "Saved the attendance.")
                return redirect(back)
        return self._render(page=page, form=form)


class InvitationDelete(ActivityInvitationsPage, StaffDeletePage):
    """Withdraw an invitation made by mistake; refused for someone who attended."""

    permission_required = "engagement.delete_activityinvitation"
    invitation: ActivityInvitation
    refused_template_name = "engagement/staff/invitation_delete_refused.html"

    def load(self) -> None:
        super().load()
        self.invitation = get_object_or_404(
            ActivityInvitation.objects.select_related("person"),
            activity=self.activity,
            pk=self.kwargs["invitation_pk"],
        )

    def permission_object(self) -> Model:
        return self.invitation

    def target(self) -> ActivityInvitation:
        return self.invitation

    def get_page_title(self) -> str:
        return f"Remove the invitation of {self.invitation.person.name}?"

    def delete(self) -> None:
        invitation_services.invitation_delete(invitation=self.invitation, actor=self.request.user)

    def _refused(self, error: ValidationError) -> HttpResponse:
        self.template_name = self.refused_template_name
        return self.render_to_response(
            {
                **self.extra_context_data(),
                "page_title": f"You cannot remove the invitation of {self.invitation.person.name}",
                "breadcrumbs": self.get_breadcrumbs(),
                "reason": " ".join(error.messages),
                "back_url": self.url("invitation_list"),
            },
            status=409,
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            invitation_services.invitation_delete_check(invitation=self.invitation)
        except ValidationError as error:
            return self._refused(error)
        return super().get(request, *args, **kwargs)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        name = self.invitation.person.name
        try:
            self.delete()
        except ValidationError as error:
            return self._refused(error)
        messages.success(request, f"Removed the invitation of {name}.")
        return redirect(self.url("invitation_list"))
