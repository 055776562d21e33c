"""Staff pages of the register's engagement side: relationships, the power/interest grid, segments.

Each view checks its rule (engagement.permissions), parses a form, and calls one service or
selector; the register's filters themselves live in stakeholders.register.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Model
from django.forms import BaseForm
from django.http import QueryDict
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import urlencode

from convenor.engagement import register_selectors, register_services
from convenor.engagement.charts import power_interest_chart
from convenor.engagement.choices import Quadrant
from convenor.engagement.models import Relationship, Segment
from convenor.engagement.register_forms import RelationshipForm, SegmentForm
from convenor.stakeholders.models import Organisation, Person
from convenor.stakeholders.register import register_filter_apply
from convenor.ui.forms import GovukFormMixin
from convenor.ui.staff import Breadcrumbs, StaffDeletePage, StaffFormPage, StaffPage, paginate

STAFF_HOME = ("Staff area", "strategy_staff:home")


def _home() -> tuple[str, str]:
    return (STAFF_HOME[0], reverse(STAFF_HOME[1]))


# Relationships


class RelationshipEdit(StaffFormPage):
    """Our relationship with an organisation or a person: owner, power, interest, interests."""

    permission_required = "engagement.change_relationship"
    form_class = RelationshipForm
    submit_label = "Save relationship"
    party: Organisation | Person
    relationship: Relationship | None

    def get_page_title(self) -> str:
        return f"Relationship with {self.party.name}"

    def get_form_kwargs(self) -> dict[str, Any]:
        instance = self.relationship or Relationship(**{self.party_field: self.party})
        return {"instance": instance}

    party_field = ""

    def save(self, form: BaseForm) -> Relationship:
        data = form.cleaned_data
        party: dict[str, Any] = {self.party_field: self.party}
        return register_services.relationship_save(
            **party,
            owner=data["owner"],
            power=data["power"],
            interest=data["interest"],
            assessment_note=data["assessment_note"],
            assessed_on=data["assessed_on"],
            priorities=data["priorities"],
            actor=self.request.user,
        )

    def success_message(self, saved: Relationship) -> str:
        return f"Saved the relationship with {self.party.name}."


class PersonRelationshipEdit(RelationshipEdit):
    """Our relationship with a person."""

    party_field = "person"

    def load(self) -> None:
        self.party = get_object_or_404(Person, pk=self.kwargs["pk"])
        self.relationship = register_selectors.relationship_for(person=self.party)

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [
            _home(),
            ("People", reverse("stakeholders_staff:person_list")),
            (self.party.name, reverse("stakeholders_staff:person_edit", args=[self.party.pk])),
        ]

    def success_url(self, saved: Relationship) -> str:
        return reverse("stakeholders_staff:person_edit", args=[self.party.pk])

    def cancel_url(self) -> str:
        return reverse("stakeholders_staff:person_edit", args=[self.party.pk])


class OrganisationRelationshipEdit(RelationshipEdit):
    """Our relationship with an organisation."""

    party_field = "organisation"

    def load(self) -> None:
        self.party = get_object_or_404(Organisation, pk=self.kwargs["pk"])
        self.relationship = register_selectors.relationship_for(organisation=self.party)

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [
            _home(),
            ("Organisations", reverse("stakeholders_staff:organisation_list")),
            (
                self.party.name,
                reverse("stakeholders_staff:organisation_edit", args=[self.party.pk]),
            ),
        ]

    def success_url(self, saved: Relationship) -> str:
        return reverse("stakeholders_staff:organisation_edit", args=[self.party.pk])

    def cancel_url(self) -> str:
        return reverse("stakeholders_staff:organisation_edit", args=[self.party.pk])


class GridFilterForm(GovukFormMixin, forms.Form):
    """Narrow the grid's table to a quadrant, and to organisations or people."""

    quadrant = forms.ChoiceField(
        label="Quadrant", required=False, choices=[("", "All quadrants"), *Quadrant.choices]
    )
    kind = forms.ChoiceField(
        label="Show",
        required=False,
        choices=[
            ("", "Organisations and people"),
            (register_selectors.GRID_ORGANISATIONS, "Organisations"),
            (register_selectors.GRID_PEOPLE, "People"),
        ],
    )


class RelationshipGrid(StaffPage):
    """The power/interest grid of everyone assessed, with a table of who is in each quadrant."""

    permission_required = "engagement.view_relationship"
    template_name = "engagement/staff/register_grid.html"
    page_title = "Power and interest"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [_home(), ("Power and interest", None)]

    def extra_context_data(self) -> dict[str, Any]:
        filter_form = GridFilterForm(self.request.GET or None)
        chosen = filter_form.cleaned_data if filter_form.is_valid() else {}
        quadrant, kind = chosen.get("quadrant", ""), chosen.get("kind", "")
        chart = power_interest_chart(register_selectors.relationship_grid_counts(kind=kind))
        relationships = register_selectors.relationship_grid_list(quadrant=quadrant, kind=kind)
        return {
            "filter_form": filter_form,
            "chart": chart,
            "is_filtered": bool(quadrant or kind),
            **paginate(self.request, relationships),
        }


# Segments


class SegmentList(StaffPage):
    """Saved segments of the register."""

    permission_required = "engagement.view_segment"
    template_name = "engagement/staff/segment_list.html"
    page_title = "Segments"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [_home(), ("Segments", None)]

    def extra_context_data(self) -> dict[str, Any]:
        return paginate(self.request, register_selectors.segment_list())


def _segments_breadcrumbs() -> Breadcrumbs:
    return [_home(), ("Segments", reverse("engagement_staff:segment_list"))]


class SegmentCreate(StaffFormPage):
    """Save the people list's filters (from the query string) as a named segment."""

    permission_required = "engagement.add_segment"
    form_class = SegmentForm
    template_name = "engagement/staff/segment_create.html"
    page_title = "Save these filters as a segment"
    submit_label = "Save segment"

    def load(self) -> None:
        # The query string is the people list's; the form posts back to this same address.
        self.query = register_filter_apply(kind="people", data=self.request.GET)

    def get_breadcrumbs(self) -> Breadcrumbs:
        return _segments_breadcrumbs()

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": Segment()}

    def extra_context_data(self) -> dict[str, Any]:
        return {
            "chosen_filters": self.query.chosen,
            "people_count": self.query.queryset.count(),
            "filters_valid": self.query.is_valid,
        }

    def save(self, form: BaseForm) -> Segment:
        return register_services.segment_create(
            name=form.cleaned_data["name"],
            description=form.cleaned_data["description"],
            filters=self.query.filters(),
            actor=self.request.user,
        )

    def success_url(self, saved: Segment) -> str:
        return reverse("engagement_staff:segment_edit", args=[saved.pk])

    def cancel_url(self) -> str:
        query = urlencode(self.query.filters(), doseq=True)
        return reverse("stakeholders_staff:person_list") + (f"?{query}" if query else "")


class SegmentPage(StaffPage):
    """A page about one segment."""

    segment: Segment

    def load(self) -> None:
        self.segment = get_object_or_404(Segment, pk=self.kwargs["pk"])

    def permission_object(self) -> Model:
        return self.segment

    def get_breadcrumbs(self) -> Breadcrumbs:
        return _segments_breadcrumbs()

    def cancel_url(self) -> str:
        return reverse("engagement_staff:segment_list")


class SegmentEdit(SegmentPage, StaffFormPage):
    """A segment: its name and description, what it selects, and the people it selects now."""

    permission_required = "engagement.change_segment"
    form_class = SegmentForm
    template_name = "engagement/staff/segment_edit.html"
    submit_label = "Save segment"

    def get_page_title(self) -> str:
        return f"Segment: {self.segment.name}"

    def delete_url(self) -> str:
        return reverse("engagement_staff:segment_delete", args=[self.segment.pk])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": self.segment}

    def extra_context_data(self) -> dict[str, Any]:
        filters = self.segment.filters or {}
        selected = register_selectors.segment_query(segment=self.segment)
        query = QueryDict(mutable=True)
        for name, value in filters.items():
            query.setlist(name, value if isinstance(value, list) else [value])
        return {
            "segment": self.segment,
            "described": register_selectors.segment_filters_describe(filters=filters),
            # A segment whose filters no longer hold selects nobody: no export would match it.
            "querystring": query.urlencode() if selected.is_valid else None,
            **paginate(
                self.request, selected.queryset if selected.is_valid else Person.objects.none()
            ),
        }

    def save(self, form: BaseForm) -> Segment:
        return register_services.segment_update(
            segment=self.segment,
            name=form.cleaned_data["name"],
            description=form.cleaned_data["description"],
            actor=self.request.user,
        )

    def success_url(self, saved: Segment) -> str:
        return reverse("engagement_staff:segment_edit", args=[saved.pk])


class SegmentDelete(SegmentPage, StaffDeletePage):
    """Delete a segment; invitations already sent to its people are kept."""

    permission_required = "engagement.delete_segment"

    def target(self) -> Segment:
        return self.segment

    def extra_context_data(self) -> dict[str, Any]:
        return {
            "delete_note": "Invitations already sent to its people are kept; the people stay "
            "in the register."
        }

    def delete(self) -> None:
        register_services.segment_delete(segment=self.segment, actor=self.request.user)

    def success_url(self) -> str:
        return reverse("engagement_staff:segment_list")
