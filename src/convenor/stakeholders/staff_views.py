"""Staff pages for the stakeholder register: lists, and forms to add, edit and delete.

Each view checks its rule (stakeholders.permissions), parses a form, and calls one service.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Model
from django.forms import BaseForm
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.http import urlencode

from convenor.stakeholders import services, staff_selectors
from convenor.stakeholders.forms import (
    AreaForm,
    OrganisationForm,
    PersonForm,
)
from convenor.stakeholders.history import organisation_history, person_history
from convenor.stakeholders.models import Area, Organisation, Person
from convenor.stakeholders.register import consent_state
from convenor.ui.forms import SearchForm
from convenor.ui.staff import Breadcrumbs, StaffDeletePage, StaffFormPage, StaffPage, paginate


def _filters_querystring(filters: dict[str, str | list[str]]) -> str:
    """The chosen filters as a query string (no page number), for exports and segments."""
    return urlencode(filters, doseq=True)


def _register_breadcrumbs(label: str, url_name: str) -> Breadcrumbs:
    return [("Staff area", reverse("strategy_staff:home")), (label, reverse(url_name))]


# Areas


class AreaList(StaffPage):
    """Local authority areas, searchable by name, county or GSS code."""

    permission_required = "stakeholders.view_area"
    template_name = "stakeholders/staff/area_list.html"
    page_title = "Areas"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [("Staff area", reverse("strategy_staff:home")), ("Areas", None)]

    def extra_context_data(self) -> dict[str, Any]:
        filter_form = SearchForm(self.request.GET or None)
        filter_form.fields["q"].label = "Search by name, county or GSS code"
        query = filter_form.cleaned_data["q"] if filter_form.is_valid() else ""
        return {
            "filter_form": filter_form,
            **paginate(self.request, staff_selectors.area_staff_list(query=query)),
        }


class AreaCreate(StaffFormPage):
    """Add an area."""

    permission_required = "stakeholders.add_area"
    form_class = AreaForm
    page_title = "Add an area"
    submit_label = "Add area"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return _register_breadcrumbs("Areas", "stakeholders_staff:area_list")

    def save(self, form: BaseForm) -> Area:
        return services.area_create(actor=self.request.user, **form.cleaned_data)

    def success_url(self, saved: Area) -> str:
        return reverse("stakeholders_staff:area_list")

    def cancel_url(self) -> str:
        return reverse("stakeholders_staff:area_list")


class AreaPage(StaffPage):
    """A page about one area."""

    area: Area

    def load(self) -> None:
        self.area = get_object_or_404(Area, pk=self.kwargs["pk"])

    def permission_object(self) -> Model:
        return self.area

    def get_breadcrumbs(self) -> Breadcrumbs:
        return _register_breadcrumbs("Areas", "stakeholders_staff:area_list")

    def success_url(self, *args: Any) -> str:
        return reverse("stakeholders_staff:area_list")

    def cancel_url(self) -> str:
        return reverse("stakeholders_staff:area_list")


class AreaEdit(AreaPage, StaffFormPage):
    """Change an area."""

    permission_required = "stakeholders.change_area"
    form_class = AreaForm
    submit_label = "Save area"

    def get_page_title(self) -> str:
        return f"Edit {self.area.name}"

    def delete_url(self) -> str:
        return reverse("stakeholders_staff:area_delete", args=[self.area.pk])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": self.area}

    def save(self, form: BaseForm) -> Area:
        return services.area_update(area=self.area, actor=self.request.user, data=form.cleaned_data)


class AreaDelete(AreaPage, StaffDeletePage):
    """Delete an area; its organisations stay."""

    permission_required = "stakeholders.delete_area"

    def target(self) -> Area:
        return self.area

    def extra_context_data(self) -> dict[str, Any]:
        return {"delete_note": "Organisations in this area stay in the register, with no area."}

    def delete(self) -> None:
        services.area_delete(area=self.area, actor=self.request.user)


# Organisations


class OrganisationList(StaffPage):
    """Organisations, searchable and narrowed by every register filter."""

    permission_required = "stakeholders.view_organisation"
    template_name = "stakeholders/staff/organisation_list.html"
    page_title = "Organisations"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [("Staff area", reverse("strategy_staff:home")), ("Organisations", None)]

    def extra_context_data(self) -> dict[str, Any]:
        result = staff_selectors.organisation_staff_list(data=self.request.GET)
        return {
            "filter_form": result.form,
            "chosen_filters": result.chosen,
            "querystring": _filters_querystring(result.filters()),
            **paginate(self.request, result.queryset),
        }


class OrganisationCreate(StaffFormPage):
    """Add an organisation to the register."""

    permission_required = "stakeholders.add_organisation"
    form_class = OrganisationForm
    page_title = "Add an organisation"
    submit_label = "Add organisation"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return _register_breadcrumbs("Organisations", "stakeholders_staff:organisation_list")

    def save(self, form: BaseForm) -> Organisation:
        return services.organisation_create(actor=self.request.user, **form.cleaned_data)

    def success_url(self, saved: Organisation) -> str:
        return reverse("stakeholders_staff:organisation_edit", args=[saved.pk])

    def cancel_url(self) -> str:
        return reverse("stakeholders_staff:organisation_list")


class OrganisationPage(StaffPage):
    """A page about one organisation."""

    organisation: Organisation

    def load(self) -> None:
        self.organisation = get_object_or_404(Organisation, pk=self.kwargs["pk"])

    def permission_object(self) -> Model:
        return self.organisation

    def get_breadcrumbs(self) -> Breadcrumbs:
        return _register_breadcrumbs("Organisations", "stakeholders_staff:organisation_list")

    def cancel_url(self) -> str:
        return reverse("stakeholders_staff:organisation_list")


class OrganisationEdit(OrganisationPage, StaffFormPage):
    """Change an organisation's details."""

    permission_required = "stakeholders.change_organisation"
    form_class = OrganisationForm
    template_name = "stakeholders/staff/organisation_edit.html"
    submit_label = "Save organisation"

    def get_page_title(self) -> str:
        return f"Edit {self.organisation.name}"

    def delete_url(self) -> str:
        return reverse("stakeholders_staff:organisation_delete", args=[self.organisation.pk])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": self.organisation}

    def extra_context_data(self) -> dict[str, Any]:
        return {"organisation": self.organisation}

    def save(self, form: BaseForm) -> Organisation:
        return services.organisation_update(
            organisation=self.organisation, actor=self.request.user, data=form.cleaned_data
        )

    def success_url(self, saved: Organisation) -> str:
        return reverse("stakeholders_staff:organisation_edit", args=[saved.pk])


class OrganisationDelete(OrganisationPage, StaffDeletePage):
    """Delete an organisation; its people stay."""

    permission_required = "stakeholders.delete_organisation"

    def target(self) -> Organisation:
        return self.organisation

    def extra_context_data(self) -> dict[str, Any]:
        return {"delete_note": "Its people stay in the register, with no organisation."}

    def delete(self) -> None:
        services.organisation_delete(organisation=self.organisation, actor=self.request.user)

    def success_url(self) -> str:
        return reverse("stakeholders_staff:organisation_list")


# People


class PersonList(StaffPage):
    """People, searchable and narrowed by every register filter."""

    permission_required = "stakeholders.view_person"
    template_name = "stakeholders/staff/person_list.html"
    page_title = "People"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [("Staff area", reverse("strategy_staff:home")), ("People", None)]

    def extra_context_data(self) -> dict[str, Any]:
        result = staff_selectors.person_staff_list(data=self.request.GET)
        page = paginate(self.request, result.queryset)
        # The consent state in words, worked out from the row (no query per person).
        page["rows"] = [(person, consent_state(person)) for person in page["object_list"]]
        return {
            "filter_form": result.form,
            "chosen_filters": result.chosen,
            "querystring": _filters_querystring(result.filters()),
            **page,
        }


class PersonCreate(StaffFormPage):
    """Add a person to the register."""

    permission_required = "stakeholders.add_person"
    form_class = PersonForm
    page_title = "Add a person"
    submit_label = "Add person"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return _register_breadcrumbs("People", "stakeholders_staff:person_list")

    def save(self, form: BaseForm) -> Person:
        return services.person_create(actor=self.request.user, **form.cleaned_data)

    def success_url(self, saved: Person) -> str:
        return reverse("stakeholders_staff:person_list")

    def cancel_url(self) -> str:
        return reverse("stakeholders_staff:person_list")


class PersonPage(StaffPage):
    """A page about one person."""

    person: Person

    def load(self) -> None:
        self.person = get_object_or_404(Person, pk=self.kwargs["pk"])

    def permission_object(self) -> Model:
        return self.person

    def get_breadcrumbs(self) -> Breadcrumbs:
        return _register_breadcrumbs("People", "stakeholders_staff:person_list")

    def success_url(self, *args: Any) -> str:
        return reverse("stakeholders_staff:person_list")

    def cancel_url(self) -> str:
        return reverse("stakeholders_staff:person_list")


class PersonEdit(PersonPage, StaffFormPage):
    """Change a person's details, consent or opt-out."""

    permission_required = "stakeholders.change_person"
    form_class = PersonForm
    template_name = "stakeholders/staff/person_edit.html"
    submit_label = "Save person"

    def get_page_title(self) -> str:
        return f"Edit {self.person.name}"

    def delete_url(self) -> str:
        return reverse("stakeholders_staff:person_delete", args=[self.person.pk])

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"instance": self.person}

    def extra_context_data(self) -> dict[str, Any]:
        return {"person": self.person}

    def save(self, form: BaseForm) -> Person:
        return services.person_update(
            person=self.person, actor=self.request.user, data=form.cleaned_data
        )


class PersonDelete(PersonPage, StaffDeletePage):
    """Delete a person with their memberships."""

    permission_required = "stakeholders.delete_person"

    def target(self) -> Person:
        return self.person

    def delete(self) -> None:
        services.person_delete(person=self.person, actor=self.request.user)


# Engagement history


class PersonHistory(PersonPage):
    """Everything that happened to a person, in date order: bodies, meetings, activities."""

    permission_required = "stakeholders.view_person"
    template_name = "stakeholders/staff/person_history.html"

    def get_page_title(self) -> str:
        return f"Engagement history of {self.person.name}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [
            *_register_breadcrumbs("People", "stakeholders_staff:person_list"),
            (self.person.name, reverse("stakeholders_staff:person_edit", args=[self.person.pk])),
        ]

    def extra_context_data(self) -> dict[str, Any]:
        return {"person": self.person, **paginate(self.request, person_history(self.person))}


class OrganisationHistory(OrganisationPage):
    """Everything that happened to an organisation and its people, in date order."""

    permission_required = "stakeholders.view_organisation"
    template_name = "stakeholders/staff/organisation_history.html"

    def get_page_title(self) -> str:
        return f"Engagement history of {self.organisation.name}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [
            *_register_breadcrumbs("Organisations", "stakeholders_staff:organisation_list"),
            (
                self.organisation.name,
                reverse("stakeholders_staff:organisation_edit", args=[self.organisation.pk]),
            ),
        ]

    def extra_context_data(self) -> dict[str, Any]:
        return {
            "organisation": self.organisation,
            **paginate(self.request, organisation_history(self.organisation)),
        }
