"""Staff pages for engagement activities: the list, each activity's hub, and its small forms.

Each view checks its rule (engagement.permissions), parses a form, and calls one service. The
hub shows everything about one activity; each part is changed on its own small page.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import BaseForm
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from convenor.core import clock
from convenor.engagement import activity_selectors, activity_services, workshops_selectors
from convenor.engagement.activity_forms import (
    ActivityFilterForm,
    ActivityForm,
    ContributionFilterForm,
    ContributionForm,
    FollowUpForm,
    MaterialForm,
    WriteUpForm,
)
from convenor.engagement.choices import ActivityStatus
from convenor.engagement.models import Activity, ActivityMaterial, Contribution, FollowUp
from convenor.strategy.models import Strategy
from convenor.ui.staff import Breadcrumbs, StaffDeletePage, StaffFormPage, StaffPage, paginate


class StrategyActivitiesPage(StaffPage):
    """A page about the activities of one strategy, named by its slug in the URL."""

    strategy: Strategy

    def load(self) -> None:
        self.strategy = get_object_or_404(Strategy, slug=self.kwargs["slug"])

    def activity_list_url(self) -> str:
        return reverse("engagement_staff:activity_list", args=[self.strategy.slug])

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [
            ("Staff area", reverse("strategy_staff:home")),
            (
                self.strategy.name,
                reverse("strategy_staff:strategy_edit", args=[self.strategy.slug]),
            ),
            ("Activities", self.activity_list_url()),
        ]


class ActivityList(StrategyActivitiesPage):
    """A strategy's activities, searchable, filtered by kind, status, priority and time."""

    permission_required = "engagement.view_activity"
    template_name = "engagement/staff/activity_list.html"

    def get_page_title(self) -> str:
        return f"Activities of {self.strategy.name}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], ("Activities", None)]

    def extra_context_data(self) -> dict[str, Any]:
        filter_form = ActivityFilterForm(self.request.GET or None, strategy=self.strategy)
        filters: dict[str, Any] = {}
        if filter_form.is_valid():
            data = filter_form.cleaned_data
            filters = {
                "query": data["q"],
                "kind": data["kind"],
                "status": data["status"],
                "priority": data["priority"],
                "when": data["when"],
            }
        page = paginate(
            self.request,
            activity_selectors.activity_staff_list(strategy=self.strategy, **filters),
        )
        return {
            "strategy": self.strategy,
            "filter_form": filter_form,
            "filtered": any(filters.values()),
            "now": clock.now(),
            **page,
        }


class ActivityCreate(StrategyActivitiesPage, StaffFormPage):
    """Plan an activity: a workshop, roundtable, session, survey or window."""

    permission_required = "engagement.add_activity"
    form_class = ActivityForm
    page_title = "Add an activity"
    submit_label = "Add activity"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"strategy": self.strategy}

    def save(self, form: BaseForm) -> Activity:
        return activity_services.activity_create(
            actor=self.request.user,
            strategy=self.strategy,
            **form.activity_data(),  # type: ignore[attr-defined]
        )

    def success_message(self, saved: Activity) -> str:
        return f"Added {saved}. Now add its materials and invite people."

    def success_url(self, saved: Activity) -> str:
        return reverse("engagement_staff:activity_hub", args=[self.strategy.slug, saved.pk])

    def cancel_url(self) -> str:
        return self.activity_list_url()


class ActivityPage(StrategyActivitiesPage):
    """A page about one activity, named by its number in the URL."""

    activity: Activity
    # The part of the hub a page returns to.
    anchor = ""

    def load(self) -> None:
        super().load()
        self.activity = get_object_or_404(
            activity_selectors.activity_for_hub(strategy=self.strategy, pk=self.kwargs["pk"])
        )

    def permission_object(self) -> Model:
        return self.activity

    def hub_url(self, anchor: str = "") -> str:
        url = reverse("engagement_staff:activity_hub", args=[self.strategy.slug, self.activity.pk])
        return f"{url}#{anchor}" if anchor else url

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs(), (self.activity.title, self.hub_url())]

    def success_url(self, *args: Any) -> str:
        return self.hub_url(self.anchor)

    def cancel_url(self) -> str:
        return self.hub_url(self.anchor)

    def extra_context_data(self) -> dict[str, Any]:
        return {"strategy": self.strategy, "activity": self.activity}


class ActivityHub(ActivityPage):
    """Everything about one activity: details, agenda, materials, people, write-up, follow-ups."""

    permission_required = "engagement.view_activity"
    template_name = "engagement/staff/activity_hub.html"

    def get_page_title(self) -> str:
        return self.activity.title

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], (self.activity.title, None)]

    def extra_context_data(self) -> dict[str, Any]:
        activity = self.activity
        contributions = activity_selectors.activity_contributions(activity=activity)
        latest = list(contributions[: activity_selectors.HUB_CONTRIBUTIONS + 1])
        return {
            **super().extra_context_data(),
            "today": clock.today(),
            "now": clock.now(),
            "is_cancelled": activity.status == ActivityStatus.CANCELLED,
            "materials": list(activity_selectors.activity_materials(activity=activity)),
            "invitations": activity_selectors.activity_invitation_summary(activity=activity),
            "follow_ups": list(activity_selectors.activity_follow_ups(activity=activity)),
            "contributions": latest[: activity_selectors.HUB_CONTRIBUTIONS],
            "more_contributions": len(latest) > activity_selectors.HUB_CONTRIBUTIONS,
            "workshop_share": workshops_selectors.workshop_share(activity),
        }


class ActivityEdit(ActivityPage, StaffFormPage):
    """Change an activity's details or status (cancel it here: everything is kept)."""

    permission_required = "engagement.change_activity"
    form_class = ActivityForm
    submit_label = "Save activity"

    def get_page_title(self) -> str:
        return f"Edit {self.activity.title}"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"strategy": self.strategy, "activity": self.activity}

    def delete_url(self) -> str:
        return reverse(
            "engagement_staff:activity_delete", args=[self.strategy.slug, self.activity.pk]
        )

    def save(self, form: BaseForm) -> Activity:
        return activity_services.activity_update(
            activity=self.activity,
            actor=self.request.user,
            data=form.activity_data(),  # type: ignore[attr-defined]
        )

    def success_message(self, saved: Activity) -> str:
        return f"Saved {saved.title}."


class ActivityDelete(ActivityPage, StaffDeletePage):
    """Delete an activity entered by mistake; refused while it holds contributions."""

    permission_required = "engagement.delete_activity"

    def target(self) -> Activity:
        return self.activity

    def render(self, **context: Any) -> HttpResponse:
        refusal = context.pop("refusal", None) or activity_services.activity_delete_refusal(
            self.activity
        )
        if refusal:
            self.template_name = "engagement/staff/activity_delete_refused.html"
            return StaffPage.render(
                self,
                page_title=f"{self.activity.title} cannot be deleted",
                refusal=refusal,
                cancel_url=self.cancel_url(),
                **context,
            )
        context.setdefault(
            "delete_note",
            "If the activity will not take place, cancel it instead: deleting it removes the "
            "record that it was planned.",
        )
        return super().render(**context)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        title = self.activity.title
        try:
            activity_services.activity_delete(activity=self.activity, actor=request.user)
        except ValidationError as error:
            return self.render(refusal=" ".join(error.messages))
        messages.success(request, f"Deleted the activity “{title}”.")
        return redirect(self.activity_list_url())

    def delete(self) -> None:
        activity_services.activity_delete(activity=self.activity, actor=self.request.user)

    def success_url(self) -> str:
        return self.activity_list_url()


class ActivityWriteUp(ActivityPage, StaffFormPage):
    """Write the activity up: notes and outputs. Saving marks it as written up."""

    permission_required = "engagement.change_activity"
    form_class = WriteUpForm
    submit_label = "Save the write-up"
    anchor = "write-up"

    def get_page_title(self) -> str:
        return f"Write up {self.activity.title}"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"activity": self.activity}

    def save(self, form: BaseForm) -> Activity:
        return activity_services.activity_write_up(
            activity=self.activity,
            actor=self.request.user,
            notes=form.cleaned_data["notes"],
            outputs=form.cleaned_data["outputs"],
        )

    def success_message(self, saved: Activity) -> str:
        return f"Saved the write-up of {saved.title}."


# Materials


class MaterialCreate(ActivityPage, StaffFormPage):
    """Add a material to the activity: a file to upload or a link."""

    permission_required = "engagement.add_activitymaterial"
    form_class = MaterialForm
    submit_label = "Add material"
    anchor = "materials"

    def get_page_title(self) -> str:
        return f"Add a material to {self.activity.title}"

    def get_form(self, data: Any = None) -> BaseForm:
        files = self.request.FILES if data is not None else None
        return MaterialForm(data=data, files=files)

    def save(self, form: BaseForm) -> ActivityMaterial:
        data = form.cleaned_data
        return activity_services.material_add(
            actor=self.request.user,
            activity=self.activity,
            title=data["title"],
            file=data["file"] or None,
            url=data["url"],
        )

    def success_message(self, saved: ActivityMaterial) -> str:
        return f"Added {saved.title}."


class MaterialPage(ActivityPage):
    """A page about one material of the activity."""

    material: ActivityMaterial
    anchor = "materials"

    def load(self) -> None:
        super().load()
        self.material = get_object_or_404(
            ActivityMaterial, activity=self.activity, pk=self.kwargs["material_pk"]
        )

    def permission_object(self) -> Model:
        return self.material


class MaterialDownload(MaterialPage):
    """The material's file, for staff to check what was uploaded."""

    permission_required = "engagement.view_activitymaterial"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:  # type: ignore[override]
        if not self.material.file:
            raise Http404("This material is a link, not a file.")
        try:
            handle = self.material.file.open("rb")
        except FileNotFoundError as missing:
            raise Http404("The file of this material is missing.") from missing
        filename = (self.material.file.name or "material").rsplit("/", 1)[-1]
        return FileResponse(handle, as_attachment=True, filename=filename)


class MaterialDelete(MaterialPage, StaffDeletePage):
    """Remove a material (and its file)."""

    permission_required = "engagement.delete_activitymaterial"

    def target(self) -> ActivityMaterial:
        return self.material

    def delete(self) -> None:
        activity_services.material_delete(material=self.material, actor=self.request.user)


# Follow-up actions


class FollowUpCreate(ActivityPage, StaffFormPage):
    """Record a follow-up action agreed at the activity."""

    permission_required = "engagement.add_followup"
    form_class = FollowUpForm
    submit_label = "Add follow-up action"
    anchor = "follow-ups"

    def get_page_title(self) -> str:
        return f"Add a follow-up action from {self.activity.title}"

    def save(self, form: BaseForm) -> FollowUp:
        return activity_services.follow_up_create(
            actor=self.request.user, activity=self.activity, **form.cleaned_data
        )

    def success_message(self, saved: FollowUp) -> str:
        return "Added the follow-up action."


class FollowUpPage(ActivityPage):
    """A page about one follow-up action of the activity."""

    follow_up: FollowUp
    anchor = "follow-ups"

    def load(self) -> None:
        super().load()
        self.follow_up = get_object_or_404(
            FollowUp.objects.select_related("owner"),
            activity=self.activity,
            pk=self.kwargs["follow_up_pk"],
        )

    def permission_object(self) -> Model:
        return self.follow_up


class FollowUpEdit(FollowUpPage, StaffFormPage):
    """Change a follow-up action, or mark it done."""

    permission_required = "engagement.change_followup"
    form_class = FollowUpForm
    submit_label = "Save follow-up action"

    def get_page_title(self) -> str:
        return "Edit follow-up action"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"follow_up": self.follow_up}

    def delete_url(self) -> str:
        return reverse(
            "engagement_staff:follow_up_delete",
            args=[self.strategy.slug, self.activity.pk, self.follow_up.pk],
        )

    def save(self, form: BaseForm) -> FollowUp:
        return activity_services.follow_up_update(
            follow_up=self.follow_up, actor=self.request.user, data=form.cleaned_data
        )

    def success_message(self, saved: FollowUp) -> str:
        return "Saved the follow-up action."


class FollowUpDelete(FollowUpPage, StaffDeletePage):
    """Remove a follow-up action recorded by mistake."""

    permission_required = "engagement.delete_followup"

    def target(self) -> FollowUp:
        return self.follow_up

    def delete(self) -> None:
        activity_services.follow_up_delete(follow_up=self.follow_up, actor=self.request.user)


# Contributions


class ContributionList(ActivityPage):
    """Every contribution made in the activity, searchable, filtered by priority and kind."""

    permission_required = "engagement.view_contribution"
    template_name = "engagement/staff/contribution_list.html"
    anchor = "contributions"

    def get_page_title(self) -> str:
        return f"Contributions to {self.activity.title}"

    def extra_context_data(self) -> dict[str, Any]:
        filter_form = ContributionFilterForm(self.request.GET or None, strategy=self.strategy)
        filters: dict[str, Any] = {}
        if filter_form.is_valid():
            data = filter_form.cleaned_data
            filters = {"query": data["q"], "kind": data["kind"], "priority": data["priority"]}
        page = paginate(
            self.request,
            activity_selectors.activity_contributions(activity=self.activity, **filters),
        )
        return {
            **super().extra_context_data(),
            "filter_form": filter_form,
            "filtered": any(filters.values()),
            **page,
        }


class ContributionCreate(ActivityPage, StaffFormPage):
    """Record a contribution made in the activity."""

    permission_required = "engagement.add_contribution"
    form_class = ContributionForm
    submit_label = "Add contribution"
    anchor = "contributions"

    def get_page_title(self) -> str:
        return f"Add a contribution to {self.activity.title}"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"activity": self.activity}

    def save(self, form: BaseForm) -> Contribution:
        data = form.cleaned_data
        return activity_services.contribution_create(
            actor=self.request.user,
            activity=self.activity,
            kind=data["kind"],
            text=data["text"],
            author=data["author"],
            is_anonymous=data["is_anonymous"],
            made_on=data["made_on"],
            priorities=list(data["priorities"]),
        )

    def success_message(self, saved: Contribution) -> str:
        return f"Added the {saved.get_kind_display().lower()} by {saved.author_label}."


class ContributionPage(ActivityPage):
    """A page about one contribution to the activity."""

    contribution: Contribution
    anchor = "contributions"

    def load(self) -> None:
        super().load()
        self.contribution = get_object_or_404(
            Contribution.objects.select_related("author"),
            activity=self.activity,
            pk=self.kwargs["contribution_pk"],
        )
        self.contribution.activity = self.activity

    def permission_object(self) -> Model:
        return self.contribution

    def success_url(self, *args: Any) -> str:
        return reverse(
            "engagement_staff:contribution_list", args=[self.strategy.slug, self.activity.pk]
        )

    def cancel_url(self) -> str:
        return self.success_url()


class ContributionEdit(ContributionPage, StaffFormPage):
    """Correct a contribution."""

    permission_required = "engagement.change_contribution"
    form_class = ContributionForm
    submit_label = "Save contribution"

    def get_page_title(self) -> str:
        kind = self.contribution.get_kind_display().lower()
        return f"Edit the {kind} by {self.contribution.author_label}"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"activity": self.activity, "contribution": self.contribution}

    def delete_url(self) -> str:
        return reverse(
            "engagement_staff:contribution_delete",
            args=[self.strategy.slug, self.activity.pk, self.contribution.pk],
        )

    def save(self, form: BaseForm) -> Contribution:
        data = dict(form.cleaned_data)
        data["priorities"] = list(data["priorities"])
        return activity_services.contribution_update(
            contribution=self.contribution, actor=self.request.user, data=data
        )

    def success_message(self, saved: Contribution) -> str:
        return f"Saved the {saved.get_kind_display().lower()} by {saved.author_label}."


class ContributionDelete(ContributionPage, StaffDeletePage):
    """Delete a contribution recorded by mistake, after confirming."""

    permission_required = "engagement.delete_contribution"

    def get_page_title(self) -> str:
        return (
            f"Delete the {self.contribution.get_kind_display().lower()} "
            f"by {self.contribution.author_label}?"
        )

    def target(self) -> Contribution:
        return self.contribution

    def extra_context_data(self) -> dict[str, Any]:
        return {
            **super().extra_context_data(),
            "delete_note": "Delete a contribution only if it was recorded by mistake: what "
            "participants said is the record of the engagement.",
        }

    def delete(self) -> None:
        activity_services.contribution_delete(
            contribution=self.contribution, actor=self.request.user
        )
