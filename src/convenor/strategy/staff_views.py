"""Staff pages for strategies, their stages, milestones, priorities and lines of enquiry.

Each view checks its rule (strategy.permissions, governance.permissions), parses a form, and
calls one service. Members of a body that steers a priority reach the priority and its lines
of enquiry here; everything else is for staff.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.forms import BaseForm
from django.shortcuts import get_object_or_404
from django.urls import reverse

from convenor.core.panels import panels_for
from convenor.strategy import services, staff_selectors
from convenor.strategy.forms import (
    LineOfEnquiryForm,
    MilestoneForm,
    PriorityForm,
    StageForm,
    StrategyForm,
)
from convenor.strategy.models import LineOfEnquiry, Milestone, Priority, Stage, Strategy
from convenor.ui.forms import SearchForm
from convenor.ui.staff import (
    Breadcrumbs,
    StaffDeletePage,
    StaffFormPage,
    StaffPage,
    paginate,
)


def staff_home_url() -> str:
    return reverse("strategy_staff:home")


# Apps that know about deadlines (meetings, later briefs) add panels to the staff home here.
STAFF_HOME_SLOT = "staff_home"
# Apps that know more about a priority (engagement's reach) add panels to its staff page here;
# each panel factory is called with the priority.
PRIORITY_STAFF_PAGE_SLOT = "priority_staff_page"


class StaffHome(StaffPage):
    """The staff area's front page: the strategies to edit and the latest changes."""

    permission_required = "strategy.change_strategy"
    template_name = "strategy/staff/home.html"
    page_title = "Staff area"

    def extra_context_data(self) -> dict[str, Any]:
        filter_form = SearchForm(self.request.GET or None)
        query = filter_form.cleaned_data["q"] if filter_form.is_valid() else ""
        return {
            "filter_form": filter_form,
            **paginate(self.request, staff_selectors.strategy_staff_list(query=query)),
            "audit_events": staff_selectors.audit_events_recent(limit=20),
            "panels": panels_for(slot=STAFF_HOME_SLOT, request=self.request),
        }


# Strategies


class StrategyPage(StaffPage):
    """A page about one strategy, named by its slug in the URL."""

    strategy: Strategy

    def load(self) -> None:
        self.strategy = get_object_or_404(Strategy, slug=self.kwargs["slug"])

    def permission_object(self) -> Model:
        return self.strategy

    def hub_url(self, anchor: str = "") -> str:
        url = reverse("strategy_staff:strategy_edit", args=[self.strategy.slug])
        return f"{url}#{anchor}" if anchor else url

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [("Staff area", staff_home_url()), (self.strategy.name, self.hub_url())]


class StrategyCreate(StaffFormPage):
    """Start a new strategy."""

    permission_required = "strategy.add_strategy"
    form_class = StrategyForm
    page_title = "Add a strategy"
    submit_label = "Add strategy"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [("Staff area", staff_home_url())]

    def save(self, form: BaseForm) -> Strategy:
        return services.strategy_create(actor=self.request.user, **form.cleaned_data)

    def success_message(self, saved: Strategy) -> str:
        return f"Added {saved}. Now add its stages, milestones and priorities."

    def success_url(self, saved: Strategy) -> str:
        return reverse("strategy_staff:strategy_edit", args=[saved.slug])

    def cancel_url(self) -> str:
        return staff_home_url()


class StrategyEdit(StrategyPage, StaffFormPage):
    """The hub for one strategy: its details, and its stages, milestones, priorities, bodies."""

    permission_required = "strategy.change_strategy"
    form_class = StrategyForm
    template_name = "strategy/staff/strategy_edit.html"
    submit_label = "Save strategy"

    def get_page_title(self) -> str:
        return f"Edit {self.strategy.name}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [("Staff area", staff_home_url()), (self.strategy.name, None)]

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": self.strategy}

    def extra_context_data(self) -> dict[str, Any]:
        return {
            "strategy": self.strategy,
            "stages": staff_selectors.strategy_stages(strategy=self.strategy),
            "milestones": staff_selectors.strategy_milestones(strategy=self.strategy),
            "priorities": staff_selectors.strategy_priorities(strategy=self.strategy),
            "bodies": staff_selectors.strategy_bodies(strategy=self.strategy),
        }

    def save(self, form: BaseForm) -> Strategy:
        return services.strategy_update(
            strategy=self.strategy, actor=self.request.user, data=form.cleaned_data
        )

    def success_url(self, saved: Strategy) -> str:
        return reverse("strategy_staff:strategy_edit", args=[saved.slug])


class StrategyDelete(StrategyPage, StaffDeletePage):
    """Delete a strategy with everything in it."""

    permission_required = "strategy.delete_strategy"

    def target(self) -> Strategy:
        return self.strategy

    def delete(self) -> None:
        services.strategy_delete(strategy=self.strategy, actor=self.request.user)

    def success_url(self) -> str:
        return staff_home_url()

    def cancel_url(self) -> str:
        return self.hub_url()


# Stages


class StageCreate(StrategyPage, StaffFormPage):
    """Add a stage to the timetable."""

    permission_required = "strategy.add_stage"
    form_class = StageForm
    page_title = "Add a stage"
    submit_label = "Add stage"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            "instance": Stage(strategy=self.strategy),
            "initial": {"order": services.stage_next_order(strategy=self.strategy)},
        }

    def save(self, form: BaseForm) -> Stage:
        return services.stage_create(
            actor=self.request.user, strategy=self.strategy, **form.cleaned_data
        )

    def success_url(self, saved: Stage) -> str:
        return self.hub_url("stages")

    def cancel_url(self) -> str:
        return self.hub_url("stages")


class StagePage(StrategyPage):
    """A page about one stage of a strategy."""

    stage: Stage

    def load(self) -> None:
        super().load()
        self.stage = get_object_or_404(Stage, strategy=self.strategy, pk=self.kwargs["pk"])

    def permission_object(self) -> Model:
        return self.stage


class StageEdit(StagePage, StaffFormPage):
    """Change a stage, or make it the current one."""

    permission_required = "strategy.change_stage"
    form_class = StageForm
    submit_label = "Save stage"

    def get_page_title(self) -> str:
        return f"Edit stage: {self.stage.name}"

    def delete_url(self) -> str:
        return reverse("strategy_staff:stage_delete", args=[self.strategy.slug, self.stage.pk])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": self.stage}

    def save(self, form: BaseForm) -> Stage:
        return services.stage_update(
            stage=self.stage, actor=self.request.user, data=form.cleaned_data
        )

    def success_url(self, saved: Stage) -> str:
        return self.hub_url("stages")

    def cancel_url(self) -> str:
        return self.hub_url("stages")


class StageDelete(StagePage, StaffDeletePage):
    """Remove a stage; its milestones stay."""

    permission_required = "strategy.delete_stage"

    def target(self) -> Stage:
        return self.stage

    def extra_context_data(self) -> dict[str, Any]:
        return {"delete_note": "Its milestones stay on the timetable, no longer tied to a stage."}

    def delete(self) -> None:
        services.stage_delete(stage=self.stage, actor=self.request.user)

    def success_url(self) -> str:
        return self.hub_url("stages")

    def cancel_url(self) -> str:
        return self.hub_url("stages")


# Milestones


class MilestoneCreate(StrategyPage, StaffFormPage):
    """Add a milestone to the timetable."""

    permission_required = "strategy.add_milestone"
    form_class = MilestoneForm
    page_title = "Add a milestone"
    submit_label = "Add milestone"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"strategy": self.strategy, "instance": Milestone(strategy=self.strategy)}

    def save(self, form: BaseForm) -> Milestone:
        return services.milestone_create(
            actor=self.request.user, strategy=self.strategy, **form.cleaned_data
        )

    def success_url(self, saved: Milestone) -> str:
        return self.hub_url("milestones")

    def cancel_url(self) -> str:
        return self.hub_url("milestones")


class MilestonePage(StrategyPage):
    """A page about one milestone of a strategy."""

    milestone: Milestone

    def load(self) -> None:
        super().load()
        self.milestone = get_object_or_404(Milestone, strategy=self.strategy, pk=self.kwargs["pk"])

    def permission_object(self) -> Model:
        return self.milestone


class MilestoneEdit(MilestonePage, StaffFormPage):
    """Change a milestone."""

    permission_required = "strategy.change_milestone"
    form_class = MilestoneForm
    submit_label = "Save milestone"

    def get_page_title(self) -> str:
        return f"Edit milestone: {self.milestone.title}"

    def delete_url(self) -> str:
        return reverse(
            "strategy_staff:milestone_delete", args=[self.strategy.slug, self.milestone.pk]
        )

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"strategy": self.strategy, "instance": self.milestone}

    def save(self, form: BaseForm) -> Milestone:
        return services.milestone_update(
            milestone=self.milestone, actor=self.request.user, data=form.cleaned_data
        )

    def success_url(self, saved: Milestone) -> str:
        return self.hub_url("milestones")

    def cancel_url(self) -> str:
        return self.hub_url("milestones")


class MilestoneDelete(MilestonePage, StaffDeletePage):
    """Remove a milestone."""

    permission_required = "strategy.delete_milestone"

    def target(self) -> Milestone:
        return self.milestone

    def delete(self) -> None:
        services.milestone_delete(milestone=self.milestone, actor=self.request.user)

    def success_url(self) -> str:
        return self.hub_url("milestones")

    def cancel_url(self) -> str:
        return self.hub_url("milestones")


# Priorities


class PriorityCreate(StrategyPage, StaffFormPage):
    """Add a strategic priority."""

    permission_required = "strategy.add_priority"
    form_class = PriorityForm
    page_title = "Add a priority"
    submit_label = "Add priority"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            "instance": Priority(strategy=self.strategy),
            "initial": {"number": services.priority_next_number(strategy=self.strategy)},
        }

    def save(self, form: BaseForm) -> Priority:
        return services.priority_create(
            actor=self.request.user, strategy=self.strategy, **form.cleaned_data
        )

    def success_url(self, saved: Priority) -> str:
        return reverse("strategy_staff:priority_edit", args=[self.strategy.slug, saved.number])

    def cancel_url(self) -> str:
        return self.hub_url("priorities")


class PriorityPage(StrategyPage):
    """A page about one priority, named by its number; members of its steering bodies may come.

    People who may not edit the strategy (members of a steering body) are not shown the staff
    area in the breadcrumbs, since they cannot open it.
    """

    priority: Priority

    def load(self) -> None:
        super().load()
        self.priority = get_object_or_404(
            Priority, strategy=self.strategy, number=self.kwargs["number"]
        )

    def permission_object(self) -> Model:
        return self.priority

    def priority_url(self) -> str:
        return reverse(
            "strategy_staff:priority_edit", args=[self.strategy.slug, self.priority.number]
        )

    def get_breadcrumbs(self) -> Breadcrumbs:
        if self.request.user.has_perm("strategy.change_strategy", self.strategy):
            crumbs = super().get_breadcrumbs()
        else:
            crumbs = [
                (
                    self.strategy.name,
                    reverse("strategy:strategy_detail", args=[self.strategy.slug]),
                )
            ]
        return [*crumbs, (f"Priority {self.priority.number}", self.priority_url())]


class PriorityEdit(PriorityPage, StaffFormPage):
    """Change a priority, and see and manage its lines of enquiry."""

    permission_required = "strategy.change_priority"
    form_class = PriorityForm
    template_name = "strategy/staff/priority_edit.html"
    submit_label = "Save priority"

    def get_page_title(self) -> str:
        return f"Edit priority {self.priority.number}: {self.priority.title}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], (f"Priority {self.priority.number}", None)]

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": self.priority}

    def extra_context_data(self) -> dict[str, Any]:
        return {
            "strategy": self.strategy,
            "priority": self.priority,
            "lines_of_enquiry": staff_selectors.priority_lines_of_enquiry(priority=self.priority),
            "can_delete_priority": self.request.user.has_perm(
                "strategy.delete_priority", self.priority
            ),
            "panels": panels_for(
                slot=PRIORITY_STAFF_PAGE_SLOT, request=self.request, priority=self.priority
            ),
        }

    def save(self, form: BaseForm) -> Priority:
        return services.priority_update(
            priority=self.priority, actor=self.request.user, data=form.cleaned_data
        )

    def success_url(self, saved: Priority) -> str:
        return reverse("strategy_staff:priority_edit", args=[self.strategy.slug, saved.number])

    def cancel_url(self) -> str:
        if self.request.user.has_perm("strategy.change_strategy", self.strategy):
            return self.hub_url("priorities")
        return reverse("strategy:strategy_detail", args=[self.strategy.slug])


class PriorityDelete(PriorityPage, StaffDeletePage):
    """Delete a priority with its lines of enquiry."""

    permission_required = "strategy.delete_priority"

    def target(self) -> Priority:
        return self.priority

    def delete(self) -> None:
        services.priority_delete(priority=self.priority, actor=self.request.user)

    def success_url(self) -> str:
        return self.hub_url("priorities")

    def cancel_url(self) -> str:
        return self.priority_url()


# Lines of enquiry


class LineOfEnquiryCreate(PriorityPage, StaffFormPage):
    """Add a line of enquiry to a priority (checked against the priority)."""

    permission_required = "strategy.add_lineofenquiry"
    form_class = LineOfEnquiryForm
    page_title = "Add a line of enquiry"
    submit_label = "Add line of enquiry"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            "instance": LineOfEnquiry(priority=self.priority),
            "initial": {"order": services.line_of_enquiry_next_order(priority=self.priority)},
        }

    def save(self, form: BaseForm) -> LineOfEnquiry:
        return services.line_of_enquiry_create(
            actor=self.request.user, priority=self.priority, **form.cleaned_data
        )

    def success_message(self, saved: LineOfEnquiry) -> str:
        return "Added the line of enquiry."

    def success_url(self, saved: LineOfEnquiry) -> str:
        return f"{self.priority_url()}#lines-of-enquiry"

    def cancel_url(self) -> str:
        return f"{self.priority_url()}#lines-of-enquiry"


class LineOfEnquiryPage(PriorityPage):
    """A page about one line of enquiry of a priority."""

    line_of_enquiry: LineOfEnquiry

    def load(self) -> None:
        super().load()
        self.line_of_enquiry = get_object_or_404(
            LineOfEnquiry, priority=self.priority, pk=self.kwargs["pk"]
        )

    def permission_object(self) -> Model:
        return self.line_of_enquiry

    def success_url(self, *args: Any) -> str:
        return f"{self.priority_url()}#lines-of-enquiry"

    def cancel_url(self) -> str:
        return f"{self.priority_url()}#lines-of-enquiry"


class LineOfEnquiryEdit(LineOfEnquiryPage, StaffFormPage):
    """Change a line of enquiry's question, status or order."""

    permission_required = "strategy.change_lineofenquiry"
    form_class = LineOfEnquiryForm
    page_title = "Edit line of enquiry"
    submit_label = "Save line of enquiry"

    def delete_url(self) -> str:
        return reverse(
            "strategy_staff:line_of_enquiry_delete",
            args=[self.strategy.slug, self.priority.number, self.line_of_enquiry.pk],
        )

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": self.line_of_enquiry}

    def save(self, form: BaseForm) -> LineOfEnquiry:
        return services.line_of_enquiry_update(
            line_of_enquiry=self.line_of_enquiry, actor=self.request.user, data=form.cleaned_data
        )

    def success_message(self, saved: LineOfEnquiry) -> str:
        return "Saved the line of enquiry."


class LineOfEnquiryDelete(LineOfEnquiryPage, StaffDeletePage):
    """Remove a line of enquiry."""

    permission_required = "strategy.delete_lineofenquiry"

    def get_page_title(self) -> str:
        return "Delete this line of enquiry?"

    def target(self) -> LineOfEnquiry:
        return self.line_of_enquiry

    def delete(self) -> None:
        services.line_of_enquiry_delete(
            line_of_enquiry=self.line_of_enquiry, actor=self.request.user
        )
