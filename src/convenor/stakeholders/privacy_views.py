"""Data protection pages: a person's own data ("me/data/"), and staff subject access and erasure.

Each view reads through stakeholders.privacy (whose report gathers what every app holds) or
calls its erasure service; nothing here knows which apps contribute.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from convenor.stakeholders import privacy
from convenor.stakeholders.models import Person
from convenor.ui.staff import Breadcrumbs, StaffPage

REPORT_TEMPLATE = "stakeholders/privacy/subject_access.html"
DOWNLOAD_FORMATS = {"json": "application/json", "csv": "text/csv"}


def _download(*, person: Person, file_format: str) -> HttpResponse:
    if file_format not in DOWNLOAD_FORMATS:
        raise Http404("No such format")
    sections = privacy.subject_access_report(person=person)
    if file_format == "json":
        body = privacy.subject_access_json(sections=sections)
    else:
        body = privacy.subject_access_csv(sections=sections)
    response = HttpResponse(body, content_type=f"{DOWNLOAD_FORMATS[file_format]}; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="convenor-data-person-{person.pk}.{file_format}"'
    )
    return response


def _own_person(request: HttpRequest) -> Person | None:
    if not request.user.is_authenticated:
        return None
    return Person.objects.filter(user=request.user, erased_at__isnull=True).first()


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """Everything held about the signed-in person, with links to download it."""
    person = _own_person(request)
    return render(
        request,
        REPORT_TEMPLATE,
        {
            "page_title": "Your data",
            "breadcrumbs": [("Home", "/"), ("Your data", None)],
            "person": person,
            "own": True,
            "sections": privacy.subject_access_report(person=person) if person else [],
            "json_url": reverse("stakeholders:my_data_download", args=["json"]),
            "csv_url": reverse("stakeholders:my_data_download", args=["csv"]),
        },
    )


@login_required
def my_data_download(request: HttpRequest, file_format: str) -> HttpResponse:
    """The signed-in person's data as a JSON or CSV file."""
    person = _own_person(request)
    if person is None:
        raise Http404("No register record is linked to your account")
    return _download(person=person, file_format=file_format)


class PersonStaffPage(StaffPage):
    """A staff page about one person's data."""

    person: Person

    def load(self) -> None:
        self.person = get_object_or_404(Person.objects.select_related("user"), pk=self.kwargs["pk"])

    def permission_object(self) -> Model:
        return self.person

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [
            ("Staff area", reverse("strategy_staff:home")),
            ("People", reverse("stakeholders_staff:person_list")),
            (self.person.name, reverse("stakeholders_staff:person_edit", args=[self.person.pk])),
        ]


class PersonData(PersonStaffPage):
    """Everything held about a person, as they would see it (a subject access request)."""

    permission_required = "stakeholders.view_person"
    template_name = REPORT_TEMPLATE

    def get_page_title(self) -> str:
        return f"Data held about {self.person.name}"

    def extra_context_data(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "own": False,
            "sections": privacy.subject_access_report(person=self.person),
            "json_url": reverse(
                "stakeholders_staff:person_data_download", args=[self.person.pk, "json"]
            ),
            "csv_url": reverse(
                "stakeholders_staff:person_data_download", args=[self.person.pk, "csv"]
            ),
        }


class PersonDataDownload(PersonStaffPage):
    """A person's data as a JSON or CSV file, to send them in answer to their request."""

    permission_required = "stakeholders.view_person"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return _download(person=self.person, file_format=self.kwargs["file_format"])


class PersonErase(PersonStaffPage):
    """Asks before erasing a person, saying what is deleted and what is kept; POST erases."""

    permission_required = "stakeholders.erase_person"
    template_name = "stakeholders/privacy/erase_confirm.html"

    def get_page_title(self) -> str:
        if self.person.erased_at is not None:
            return f"{self.person.name} was erased"
        return f"Erase {self.person.name}?"

    def extra_context_data(self) -> dict[str, Any]:
        return {
            "person": self.person,
            "erased_label": privacy.erased_label(self.person.pk),
            "cancel_url": reverse("stakeholders_staff:person_edit", args=[self.person.pk]),
        }

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if self.person.erased_at is None:
            person = privacy.person_erase(person=self.person, actor=request.user)
            messages.success(request, f"Erased the person now shown as “{person.name}”.")
        return redirect(reverse("stakeholders_staff:person_list"))
