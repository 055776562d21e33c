"""Staff pages of interventions: the strategy's list, adding one from a priority, its page (with
the four tests), editing it and its links, its lifecycle, supporters, delivery, and the review.

Each view checks its rule (interventions.permissions), parses a form and calls one service.
Members of a body steering the priority may work on its interventions as staff do.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model, Q
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from convenor.core import clock
from convenor.interventions import selectors, services
from convenor.interventions.forms import (
    ConfirmForm,
    InterventionCreateForm,
    InterventionFilterForm,
    InterventionForm,
    InterventionLinksForm,
    MilestoneForm,
    OrganisationSearchForm,
    ProgressUpdateForm,
    StageChangeForm,
    SupportAddForm,
)
from convenor.interventions.four_tests import intervention_tests
from convenor.interventions.models import DeliveryMilestone, Intervention, Support
from convenor.stakeholders.models import Organisation
from convenor.strategy.models import Priority, Strategy
from convenor.ui.forms import add_service_errors
from convenor.ui.staff import Breadcrumbs, StaffDeletePage, StaffFormPage, StaffPage, paginate


def with_tests(interventions: Any) -> list[dict[str, Any]]:
    """Rows for a table: each intervention with its four tests' results."""
    return [
        {"intervention": intervention, "tests": intervention_tests(intervention)}
        for intervention in interventions
    ]


class StrategyInterventionsPage(StaffPage):
    """A staff page about the interventions of one strategy, named by its slug."""

    strategy: Strategy

    def load(self) -> None:
        self.strategy = get_object_or_404(Strategy, slug=self.kwargs["slug"])

    def list_url(self) -> str:
        return reverse("interventions_staff:intervention_list", args=[self.strategy.slug])

    def get_breadcrumbs(self) -> Breadcrumbs:
        if self.request.user.has_perm("interventions.view_intervention_list", self.strategy):
            return [
                ("Staff area", reverse("strategy_staff:home")),
                (
                    self.strategy.name,
                    reverse("strategy_staff:strategy_edit", args=[self.strategy.slug]),
                ),
                ("Interventions", self.list_url()),
            ]
        return [
            (self.strategy.name, reverse("strategy:strategy_detail", args=[self.strategy.slug]))
        ]

    def extra_context_data(self) -> dict[str, Any]:
        return {"strategy": self.strategy}


class InterventionList(StrategyInterventionsPage):
    """A strategy's interventions, filtered and searched, each with its four tests."""

    permission_required = "interventions.view_intervention_list"
    template_name = "interventions/staff/intervention_list.html"

    def permission_object(self) -> Model:
        return self.strategy

    def get_page_title(self) -> str:
        return f"Interventions of {self.strategy.name}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], ("Interventions", None)]

    def extra_context_data(self) -> dict[str, Any]:
        filter_form = InterventionFilterForm(self.request.GET or None, strategy=self.strategy)
        cleaned: dict[str, Any] = filter_form.cleaned_data if filter_form.is_valid() else {}
        page = paginate(
            self.request,
            selectors.intervention_list(
                strategy=self.strategy,
                priority=cleaned.get("priority"),
                stage=cleaned.get("stage") or "",
                meets_all=bool(cleaned.get("meets_all")),
                query=cleaned.get("q") or "",
            ),
        )
        return {
            **super().extra_context_data(),
            "filter_form": filter_form,
            "filtered": any(cleaned.values()),
            **page,
            "rows": with_tests(page["object_list"]),
        }


class InterventionCreate(StrategyInterventionsPage, StaffFormPage):
    """Add an intervention to a priority."""

    permission_required = "interventions.add_intervention"
    form_class = InterventionCreateForm
    submit_label = "Add intervention"
    priority: Priority

    def load(self) -> None:
        super().load()
        self.priority = get_object_or_404(
            Priority, strategy=self.strategy, number=self.kwargs["number"]
        )

    def permission_object(self) -> Model:
        return self.priority

    def get_page_title(self) -> str:
        return f"Add an intervention to priority {self.priority.number}: {self.priority.title}"

    def save(self, form: BaseForm) -> Intervention:
        data = form.cleaned_data
        return services.intervention_create(
            actor=self.request.user,
            priority=self.priority,
            title=data["title"],
            description=data["description"],
            rationale=data["rationale"],
            stage=data["stage"],
        )

    def success_message(self, saved: Intervention) -> str:
        return f"Added {saved}."

    def success_url(self, saved: Intervention) -> str:
        return reverse(
            "interventions_staff:intervention_detail", args=[self.strategy.slug, saved.pk]
        )

    def cancel_url(self) -> str:
        return reverse(
            "strategy_staff:priority_edit", args=[self.strategy.slug, self.priority.number]
        )


class InterventionPage(StrategyInterventionsPage):
    """A staff page about one intervention."""

    intervention: Intervention

    def load(self) -> None:
        super().load()
        intervention = selectors.intervention_get(strategy=self.strategy, pk=self.kwargs["pk"])
        if intervention is None:
            raise Http404("No such intervention.")
        self.intervention = intervention

    def permission_object(self) -> Model:
        return self.intervention

    def detail_url(self) -> str:
        return reverse(
            "interventions_staff:intervention_detail",
            args=[self.strategy.slug, self.intervention.pk],
        )

    def url(self, name: str, *args: Any) -> str:
        return reverse(
            f"interventions_staff:{name}", args=[self.strategy.slug, self.intervention.pk, *args]
        )

    def get_breadcrumbs(self) -> Breadcrumbs:
        priority = self.intervention.priority
        return [
            *super().get_breadcrumbs(),
            (
                f"Priority {priority.number}",
                reverse("strategy_staff:priority_edit", args=[self.strategy.slug, priority.number]),
            ),
            (self.intervention.title, self.detail_url()),
        ]

    def cancel_url(self) -> str:
        return self.detail_url()

    def extra_context_data(self) -> dict[str, Any]:
        return {**super().extra_context_data(), "intervention": self.intervention}


class InterventionDetail(InterventionPage):
    """Everything about one intervention: the four tests, history, supporters, links, delivery."""

    permission_required = "interventions.view_intervention"
    template_name = "interventions/staff/intervention_detail.html"

    def get_page_title(self) -> str:
        return self.intervention.title

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], (self.intervention.title, None)]

    def extra_context_data(self) -> dict[str, Any]:
        intervention = self.intervention
        user = self.request.user
        return {
            **super().extra_context_data(),
            "tests": intervention_tests(intervention),
            "can_change": user.has_perm("interventions.change_intervention", intervention),
            "can_delete": user.has_perm("interventions.delete_intervention", intervention),
            "in_delivery": intervention.stage in services.DELIVERY_STAGES,
            "today": clock.today(),
        }


class InterventionEdit(InterventionPage, StaffFormPage):
    """Change an intervention's details, deliverability and the compelling decision."""

    permission_required = "interventions.change_intervention"
    form_class = InterventionForm
    submit_label = "Save intervention"

    def get_page_title(self) -> str:
        return f"Edit {self.intervention.title}"

    def get_form(self, data: Any = None) -> BaseForm:
        if data is None:
            return InterventionForm(intervention=self.intervention)
        return InterventionForm(data=data, intervention=self.intervention)

    def save(self, form: BaseForm) -> Intervention:
        services.intervention_update(
            actor=self.request.user, intervention=self.intervention, **form.cleaned_data
        )
        return self.intervention

    def success_url(self, saved: Intervention) -> str:
        return self.detail_url()

    def delete_url(self) -> str:
        return self.url("intervention_delete")


class InterventionLinks(InterventionPage, StaffFormPage):
    """Link the evidence items, activities, contributions and statements that shaped it."""

    permission_required = "interventions.change_intervention"
    form_class = InterventionLinksForm
    template_name = "interventions/staff/intervention_links.html"
    submit_label = "Save links"

    def get_page_title(self) -> str:
        return f"Evidence and engagement behind {self.intervention.title}"

    def get_form(self, data: Any = None) -> BaseForm:
        if data is None:
            return InterventionLinksForm(intervention=self.intervention)
        return InterventionLinksForm(data=data, intervention=self.intervention)

    def save(self, form: BaseForm) -> Intervention:
        services.intervention_links_set(
            actor=self.request.user,
            intervention=self.intervention,
            **{name: list(value) for name, value in form.cleaned_data.items()},
        )
        return self.intervention

    def success_message(self, saved: Intervention) -> str:
        return f"Saved the links of {saved}."

    def success_url(self, saved: Intervention) -> str:
        return self.detail_url()


class InterventionDelete(InterventionPage, StaffDeletePage):
    """Delete an intervention with its supporters, history, milestones and progress."""

    permission_required = "interventions.delete_intervention"

    def target(self) -> Intervention:
        return self.intervention

    def delete(self) -> None:
        services.intervention_delete(actor=self.request.user, intervention=self.intervention)

    def success_url(self) -> str:
        return reverse(
            "strategy_staff:priority_edit",
            args=[self.strategy.slug, self.intervention.priority.number],
        )


class StageChangePage(InterventionPage, StaffFormPage):
    """Move it to another lifecycle stage, with the reason recorded."""

    permission_required = "interventions.change_intervention"
    form_class = StageChangeForm
    template_name = "interventions/staff/stage_change.html"
    submit_label = "Move it"

    def get_page_title(self) -> str:
        return f"Move {self.intervention.title} to another stage"

    def get_form(self, data: Any = None) -> BaseForm:
        return StageChangeForm(data=data, intervention=self.intervention)

    def save(self, form: BaseForm) -> Intervention:
        services.intervention_stage_change(
            actor=self.request.user,
            intervention=self.intervention,
            to_stage=form.cleaned_data["to_stage"],
            reason=form.cleaned_data["reason"],
        )
        return self.intervention

    def success_message(self, saved: Intervention) -> str:
        return f"Moved {saved} to “{saved.get_stage_display()}”."

    def success_url(self, saved: Intervention) -> str:
        return self.detail_url()


class SupportAdd(InterventionPage):
    """Find an organisation by name, then record that it supports the intervention."""

    permission_required = "interventions.change_intervention"
    template_name = "interventions/staff/support_add.html"

    def get_page_title(self) -> str:
        return f"Add a supporter of {self.intervention.title}"

    def _page(
        self, *, form: SupportAddForm, query: str, results: list[Organisation]
    ) -> HttpResponse:
        return self.render(
            form=form,
            search_form=OrganisationSearchForm({"q": query} if query else None),
            query=query,
            results=results,
            cancel_url=self.detail_url(),
        )

    def _results(self, query: str) -> list[Organisation]:
        return selectors.organisation_search(
            query=query,
            exclude=Organisation.objects.filter(supports__intervention=self.intervention),
        )

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        search = OrganisationSearchForm(request.GET or None)
        query = search.cleaned_data["q"] if search.is_valid() else ""
        results = self._results(query)
        form = SupportAddForm(
            candidates=Organisation.objects.filter(pk__in=[o.pk for o in results]),
            initial={"given_on": clock.today()},
        )
        return self._page(form=form, query=query, results=results)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        query = request.POST.get("q", "")[:200]
        results = self._results(query)
        posted = request.POST.get("organisation", "")
        chosen = Q(pk=int(posted)) if posted.isdigit() else Q(pk__in=[])
        candidates = Organisation.objects.filter(Q(pk__in=[o.pk for o in results]) | chosen)
        form = SupportAddForm(request.POST, candidates=candidates)
        if form.is_valid():
            data = form.cleaned_data
            try:
                support = services.support_add(
                    actor=request.user,
                    intervention=self.intervention,
                    organisation=data["organisation"],
                    given_on=data["given_on"],
                    form=data["form"],
                    note=data["note"],
                )
            except ValidationError as error:
                add_service_errors(form, error)
            else:
                messages.success(request, f"Recorded that {support.organisation} supports it.")
                return redirect(self.detail_url())
        # Keep the chosen organisation offered even if the search no longer finds it.
        shown = list(candidates.order_by("name", "pk"))
        return self._page(form=form, query=query, results=shown)


class SupportRemove(InterventionPage, StaffDeletePage):
    """Remove a supporter."""

    permission_required = "interventions.change_intervention"
    support: Support

    def load(self) -> None:
        super().load()
        self.support = get_object_or_404(
            Support.objects.select_related("organisation"),
            intervention=self.intervention,
            pk=self.kwargs["support_pk"],
        )

    def get_page_title(self) -> str:
        return f"Remove {self.support.organisation} as a supporter?"

    def target(self) -> Support:
        return self.support

    def delete(self) -> None:
        services.support_remove(actor=self.request.user, support=self.support)

    def success_url(self) -> str:
        return self.detail_url()


class MilestoneAdd(InterventionPage, StaffFormPage):
    """Add a delivery milestone (once agreed or in delivery)."""

    permission_required = "interventions.change_intervention"
    form_class = MilestoneForm
    submit_label = "Add milestone"

    def get_page_title(self) -> str:
        return f"Add a delivery milestone to {self.intervention.title}"

    def save(self, form: BaseForm) -> DeliveryMilestone:
        return services.milestone_add(
            actor=self.request.user,
            intervention=self.intervention,
            title=form.cleaned_data["title"],
            due_on=form.cleaned_data["due_on"],
        )

    def success_message(self, saved: DeliveryMilestone) -> str:
        return f"Added the milestone {saved}."

    def success_url(self, saved: DeliveryMilestone) -> str:
        return self.detail_url()


class MilestonePage(InterventionPage):
    """A page about one milestone of the intervention."""

    milestone: DeliveryMilestone

    def load(self) -> None:
        super().load()
        self.milestone = get_object_or_404(
            DeliveryMilestone, intervention=self.intervention, pk=self.kwargs["milestone_pk"]
        )


class MilestoneEdit(MilestonePage, StaffFormPage):
    """Change a milestone's title, due date or date done."""

    permission_required = "interventions.change_intervention"
    form_class = MilestoneForm
    submit_label = "Save milestone"

    def get_page_title(self) -> str:
        return f"Edit the milestone {self.milestone.title}"

    def get_form(self, data: Any = None) -> BaseForm:
        if data is None:
            return MilestoneForm(milestone=self.milestone)
        return MilestoneForm(data=data, milestone=self.milestone)

    def save(self, form: BaseForm) -> DeliveryMilestone:
        services.milestone_update(
            actor=self.request.user, milestone=self.milestone, **form.cleaned_data
        )
        return self.milestone

    def success_url(self, saved: DeliveryMilestone) -> str:
        return self.detail_url()

    def delete_url(self) -> str:
        return self.url("milestone_delete", self.milestone.pk)


class MilestoneDone(MilestonePage, StaffFormPage):
    """Mark a milestone done today (a confirmation button)."""

    permission_required = "interventions.change_intervention"
    form_class = ConfirmForm
    template_name = "interventions/staff/milestone_done.html"
    submit_label = "Mark it done"

    def get_page_title(self) -> str:
        return f"Mark “{self.milestone.title}” done?"

    def save(self, form: BaseForm) -> DeliveryMilestone:
        return services.milestone_done(actor=self.request.user, milestone=self.milestone)

    def success_message(self, saved: DeliveryMilestone) -> str:
        return f"Marked {saved} done."

    def success_url(self, saved: DeliveryMilestone) -> str:
        return self.detail_url()


class MilestoneDelete(MilestonePage, StaffDeletePage):
    """Delete a milestone."""

    permission_required = "interventions.change_intervention"

    def target(self) -> DeliveryMilestone:
        return self.milestone

    def delete(self) -> None:
        services.milestone_delete(actor=self.request.user, milestone=self.milestone)

    def success_url(self) -> str:
        return self.detail_url()


class ProgressUpdateAdd(InterventionPage, StaffFormPage):
    """Report how delivery stands."""

    permission_required = "interventions.change_intervention"
    form_class = ProgressUpdateForm
    submit_label = "Add progress update"

    def get_page_title(self) -> str:
        return f"Report progress on {self.intervention.title}"

    def save(self, form: BaseForm) -> Any:
        return services.progress_update_add(
            actor=self.request.user, intervention=self.intervention, **form.cleaned_data
        )

    def success_message(self, saved: Any) -> str:
        return "Added the progress update."

    def success_url(self, saved: Any) -> str:
        return self.detail_url()


class DeliveryReview(StrategyInterventionsPage):
    """Agreed and in-delivery interventions by priority: the review list for roundtables."""

    permission_required = "interventions.view_intervention_list"
    template_name = "interventions/staff/delivery.html"

    def permission_object(self) -> Model:
        return self.strategy

    def get_page_title(self) -> str:
        return f"Delivery of {self.strategy.name}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], ("Delivery", None)]

    def extra_context_data(self) -> dict[str, Any]:
        today = clock.today()
        groups: list[dict[str, Any]] = []
        for intervention in selectors.delivery_list(strategy=self.strategy):
            if not groups or groups[-1]["priority"].pk != intervention.priority_id:
                groups.append({"priority": intervention.priority, "rows": []})
            updates = list(intervention.progress_updates.all())
            groups[-1]["rows"].append(
                {
                    "intervention": intervention,
                    "milestones": [
                        {
                            "milestone": m,
                            "overdue": m.done_on is None and m.due_on < today,
                        }
                        for m in intervention.milestones.all()
                    ],
                    "latest": updates[0] if updates else None,
                }
            )
        return {**super().extra_context_data(), "groups": groups, "today": today}
