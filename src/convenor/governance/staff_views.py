"""Staff pages for bodies, the priorities they steer, and their memberships.

Each view checks its rule (governance.permissions), parses a form, and calls one service.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.forms import BaseForm
from django.shortcuts import get_object_or_404
from django.urls import reverse

from convenor.governance import services, staff_selectors
from convenor.governance.forms import (
    BodyForm,
    BodyPrioritiesForm,
    MembershipEndForm,
    MembershipForm,
)
from convenor.governance.models import Body, BodyPriority, Membership
from convenor.strategy.models import Strategy
from convenor.ui.forms import SearchForm
from convenor.ui.staff import Breadcrumbs, StaffDeletePage, StaffFormPage, StaffPage, paginate


class StrategyBodiesPage(StaffPage):
    """A page about the bodies of one strategy, named by its slug in the URL."""

    strategy: Strategy

    def load(self) -> None:
        self.strategy = get_object_or_404(Strategy, slug=self.kwargs["slug"])

    def body_list_url(self) -> str:
        return reverse("governance_staff:body_list", args=[self.strategy.slug])

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [
            ("Staff area", reverse("strategy_staff:home")),
            (
                self.strategy.name,
                reverse("strategy_staff:strategy_edit", args=[self.strategy.slug]),
            ),
            ("Bodies", self.body_list_url()),
        ]


class BodyList(StrategyBodiesPage):
    """A strategy's bodies, searchable by name or theme."""

    permission_required = "governance.change_body"
    template_name = "governance/staff/body_list.html"

    def get_page_title(self) -> str:
        return f"Bodies of {self.strategy.name}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], ("Bodies", None)]

    def extra_context_data(self) -> dict[str, Any]:
        filter_form = SearchForm(self.request.GET or None)
        filter_form.fields["q"].label = "Search by name or theme"
        query = filter_form.cleaned_data["q"] if filter_form.is_valid() else ""
        return {
            "strategy": self.strategy,
            "filter_form": filter_form,
            **paginate(
                self.request,
                staff_selectors.body_staff_list(strategy=self.strategy, query=query),
            ),
        }


class BodyCreate(StrategyBodiesPage, StaffFormPage):
    """Add a body to a strategy."""

    permission_required = "governance.add_body"
    form_class = BodyForm
    page_title = "Add a body"
    submit_label = "Add body"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"strategy": self.strategy, "instance": Body(strategy=self.strategy)}

    def save(self, form: BaseForm) -> Body:
        return services.body_create(
            actor=self.request.user, strategy=self.strategy, **form.cleaned_data
        )

    def success_message(self, saved: Body) -> str:
        return f"Added {saved}. Now choose the priorities it steers and add its members."

    def success_url(self, saved: Body) -> str:
        return reverse("governance_staff:body_edit", args=[self.strategy.slug, saved.slug])

    def cancel_url(self) -> str:
        return self.body_list_url()


class BodyPage(StrategyBodiesPage):
    """A page about one body, named by its slug in the URL."""

    body: Body

    def load(self) -> None:
        super().load()
        self.body = get_object_or_404(Body, strategy=self.strategy, slug=self.kwargs["body_slug"])

    def permission_object(self) -> Model:
        return self.body

    def body_url(self, anchor: str = "") -> str:
        url = reverse("governance_staff:body_edit", args=[self.strategy.slug, self.body.slug])
        return f"{url}#{anchor}" if anchor else url

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs(), (self.body.name, self.body_url())]


class BodyEdit(BodyPage, StaffFormPage):
    """Change a body; see and set the priorities it steers and its memberships."""

    permission_required = "governance.change_body"
    form_class = BodyForm
    template_name = "governance/staff/body_edit.html"
    submit_label = "Save body"

    def get_page_title(self) -> str:
        return f"Edit {self.body.name}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], (self.body.name, None)]

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"strategy": self.strategy, "instance": self.body}

    def extra_context_data(self) -> dict[str, Any]:
        return {
            "strategy": self.strategy,
            "body": self.body,
            "priorities_form": BodyPrioritiesForm(body=self.body),
            "steering": staff_selectors.body_steering(body=self.body),
            "memberships": staff_selectors.body_memberships(body=self.body),
        }

    def save(self, form: BaseForm) -> Body:
        return services.body_update(body=self.body, actor=self.request.user, data=form.cleaned_data)

    def success_url(self, saved: Body) -> str:
        return reverse("governance_staff:body_edit", args=[self.strategy.slug, saved.slug])

    def cancel_url(self) -> str:
        return self.body_list_url()


class BodyPrioritiesEdit(BodyPage, StaffFormPage):
    """Choose the priorities a body steers and those it is the lead body for."""

    permission_required = "governance.change_bodypriority"
    form_class = BodyPrioritiesForm
    template_name = "governance/staff/body_priorities.html"
    submit_label = "Save priorities"

    def get_page_title(self) -> str:
        return f"Priorities {self.body.name} steers"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"body": self.body}

    def extra_context_data(self) -> dict[str, Any]:
        return {"strategy": self.strategy, "body": self.body}

    def save(self, form: BaseForm) -> list[BodyPriority]:
        return services.body_priorities_set(
            body=self.body,
            actor=self.request.user,
            steers=form.cleaned_data["steers"],
            leads=form.cleaned_data["leads"],
        )

    def success_message(self, saved: list[BodyPriority]) -> str:
        return f"Saved the priorities {self.body.name} steers."

    def success_url(self, saved: Any) -> str:
        return self.body_url("priorities")

    def cancel_url(self) -> str:
        return self.body_url("priorities")


class BodyDelete(BodyPage, StaffDeletePage):
    """Delete a body with its memberships."""

    permission_required = "governance.delete_body"

    def target(self) -> Body:
        return self.body

    def delete(self) -> None:
        services.body_delete(body=self.body, actor=self.request.user)

    def success_url(self) -> str:
        return self.body_list_url()

    def cancel_url(self) -> str:
        return self.body_url()


# Memberships


class MembershipCreate(BodyPage, StaffFormPage):
    """Give a person from the register a place on the body."""

    permission_required = "governance.add_membership"
    form_class = MembershipForm
    submit_label = "Add member"

    def get_page_title(self) -> str:
        return f"Add a member to {self.body.name}"

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": Membership(body=self.body)}

    def save(self, form: BaseForm) -> Membership:
        return services.membership_create(
            actor=self.request.user, body=self.body, **form.cleaned_data
        )

    def success_message(self, saved: Membership) -> str:
        return f"Added {saved.person} to {self.body.name}."

    def success_url(self, saved: Membership) -> str:
        return self.body_url("members")

    def cancel_url(self) -> str:
        return self.body_url("members")


class MembershipPage(BodyPage):
    """A page about one membership of a body."""

    membership: Membership

    def load(self) -> None:
        super().load()
        self.membership = get_object_or_404(
            Membership.objects.select_related("person"), body=self.body, pk=self.kwargs["pk"]
        )

    def permission_object(self) -> Model:
        return self.membership

    def success_url(self, *args: Any) -> str:
        return self.body_url("members")

    def cancel_url(self) -> str:
        return self.body_url("members")


class MembershipEdit(MembershipPage, StaffFormPage):
    """Change a membership's person, role, dates or whom they represent."""

    permission_required = "governance.change_membership"
    form_class = MembershipForm
    submit_label = "Save membership"

    def get_page_title(self) -> str:
        return f"Edit membership: {self.membership.person}"

    def delete_url(self) -> str:
        return reverse(
            "governance_staff:membership_delete",
            args=[self.strategy.slug, self.body.slug, self.membership.pk],
        )

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": self.membership}

    def save(self, form: BaseForm) -> Membership:
        return services.membership_update(
            membership=self.membership, actor=self.request.user, data=form.cleaned_data
        )

    def success_message(self, saved: Membership) -> str:
        return f"Saved the membership of {saved.person}."


class MembershipEnd(MembershipPage, StaffFormPage):
    """End a membership on a date, keeping the record that the person served."""

    permission_required = "governance.change_membership"
    form_class = MembershipEndForm
    submit_label = "End membership"

    def get_page_title(self) -> str:
        return f"End the membership of {self.membership.person}"

    def save(self, form: BaseForm) -> Membership:
        return services.membership_end(
            membership=self.membership,
            actor=self.request.user,
            ends_on=form.cleaned_data["ends_on"],
        )

    def success_message(self, saved: Membership) -> str:
        return f"Ended the membership of {saved.person} on {saved.ends_on:%-d %B %Y}."


class MembershipDelete(MembershipPage, StaffDeletePage):
    """Remove a membership entered by mistake."""

    permission_required = "governance.delete_membership"

    def get_page_title(self) -> str:
        return f"Delete the membership of {self.membership.person}?"

    def target(self) -> Membership:
        return self.membership

    def extra_context_data(self) -> dict[str, Any]:
        return {
            "delete_note": "To record that someone has left, end the membership instead: "
            "deleting it removes the record that they served."
        }

    def delete(self) -> None:
        services.membership_delete(membership=self.membership, actor=self.request.user)
