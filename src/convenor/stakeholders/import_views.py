"""Staff pages importing organisations and people (upload, preview, confirm) and exporting them.

The uploaded file is kept as a pending import owned by its uploader (its id also kept in their
session, so the upload page can lead them back to it); nothing reaches the register until they
confirm on the preview page, and the file is deleted when they confirm or cancel.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse

from convenor.stakeholders import exporting, importing, staff_selectors
from convenor.stakeholders.importing import ImportKind
from convenor.ui.forms import GovukFormMixin
from convenor.ui.staff import Breadcrumbs, StaffFormPage, StaffPage

SESSION_KEY = "stakeholder_imports"
LIST_URLS = {
    "organisations": "stakeholders_staff:organisation_list",
    "people": "stakeholders_staff:person_list",
}
ADD_PERMISSIONS = {
    "organisations": "stakeholders.add_organisation",
    "people": "stakeholders.add_person",
}
# Creating rows is listed in full up to this many; more are counted (duplicates and problems are
# always listed in full, since each needs a choice or a fix).
CREATIONS_LISTED = 200


class ImportUploadForm(GovukFormMixin, forms.Form):
    """The file to import, and for people whether to add the organisations the register lacks."""

    upload = forms.FileField(
        label="File to import",
        help_text="A CSV or Excel (.xlsx) file whose first row names the columns, or LinkedIn's "
        "connections export (Connections.csv).",
    )
    create_missing_organisations = forms.BooleanField(
        label="Create organisations the register does not have",
        required=False,
        help_text="Each is added as a business in the private sector; you can change it after.",
    )

    def __init__(self, *args: Any, kind: ImportKind, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        if kind != "people":
            del self.fields["create_missing_organisations"]

    def clean_upload(self) -> Any:
        upload = self.cleaned_data["upload"]
        if upload.size > importing.MAX_UPLOAD_BYTES:
            raise forms.ValidationError("The file must be smaller than 20 MB")
        content = upload.read()
        try:
            importing.table_read(content=content, filename=upload.name, kind=self.kind)
        except importing.ImportFileError as error:
            raise forms.ValidationError(str(error)) from error
        self.content = content
        return upload


def _session_imports(request: HttpRequest) -> list[str]:
    return list(request.session.get(SESSION_KEY, []))


def _forget(request: HttpRequest, import_id: str) -> None:
    request.session[SESSION_KEY] = [
        known for known in _session_imports(request) if known != import_id
    ]
    importing.pending_import_delete(import_id=import_id)


class ImportUpload(StaffFormPage):
    """Upload a file of organisations or people to preview its import."""

    form_class = ImportUploadForm
    template_name = "stakeholders/staff/import_upload.html"
    submit_label = "Upload and check"
    kind: ImportKind

    def get_permission_required(self) -> tuple[str, ...]:
        return (ADD_PERMISSIONS[self.kind],)

    def get_page_title(self) -> str:
        return f"Import {self.kind}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [
            ("Staff area", reverse("strategy_staff:home")),
            (self.kind.capitalize(), reverse(LIST_URLS[self.kind])),
        ]

    def get_form_kwargs(self) -> dict[str, Any]:
        return {"kind": self.kind, "files": self.request.FILES or None}

    def extra_context_data(self) -> dict[str, Any]:
        columns = importing.COLUMNS[self.kind]
        return {
            "kind": self.kind,
            "columns": sorted(
                {importing.FIELD_LABELS.get(name, "") for name in columns.values()} - {""}
            ),
        }

    def cancel_url(self) -> str:
        return reverse(LIST_URLS[self.kind])

    def save(self, form: BaseForm) -> str:
        assert isinstance(form, ImportUploadForm)
        import_id = importing.pending_import_save(
            owner=self.request.user,
            kind=self.kind,
            filename=form.cleaned_data["upload"].name,
            content=form.content,
            create_missing_organisations=form.cleaned_data.get(
                "create_missing_organisations", False
            ),
        )
        self.request.session[SESSION_KEY] = [*_session_imports(self.request), import_id]
        return import_id

    def success_message(self, saved: str) -> str:
        return "Check what the import would do, then confirm it."

    def success_url(self, saved: str) -> str:
        return reverse("stakeholders_staff:import_preview", args=[saved])


class OrganisationImport(ImportUpload):
    """Upload organisations."""

    kind = "organisations"


class PersonImport(ImportUpload):
    """Upload people, or LinkedIn connections."""

    kind = "people"


class DuplicateChoicesForm(GovukFormMixin, forms.Form):
    """For each duplicate row of the file: merge it into the row it repeats, or skip it."""

    def __init__(self, *args: Any, duplicates: list[importing.PlannedRow], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for row in duplicates:
            fills = ", ".join(row.fills) if row.fills else "nothing (no empty field to fill)"
            self.fields[f"line_{row.line}"] = forms.ChoiceField(
                label=f"Line {row.line}: {row.label}",
                help_text=f"{row.duplicate_reason}. Merging fills: {fills}.",
                choices=[("merge", "Merge: fill in what is missing"), ("skip", "Skip this row")],
                initial="skip",
                widget=forms.RadioSelect,
            )

    def decisions(self) -> dict[int, importing.Decision]:
        return {int(name.removeprefix("line_")): value for name, value in self.cleaned_data.items()}


class ImportPreview(StaffPage):
    """What an import would create, merge or skip, and its bad rows; confirm or cancel here."""

    template_name = "stakeholders/staff/import_preview.html"
    pending: importing.PendingImport

    def load(self) -> None:
        pending = importing.pending_import_load(
            import_id=self.kwargs["import_id"], owner=self.request.user
        )
        if pending is None:
            raise Http404("No such import waiting for you")
        self.pending = pending

    def get_permission_required(self) -> tuple[str, ...]:
        return (ADD_PERMISSIONS[self.pending.kind],)

    def get_page_title(self) -> str:
        return f"Check the import of {self.pending.kind} from {self.pending.filename}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        kind = self.pending.kind
        return [
            ("Staff area", reverse("strategy_staff:home")),
            (kind.capitalize(), reverse(LIST_URLS[kind])),
        ]

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        plan = self.pending.plan()
        return self._render_preview(plan, DuplicateChoicesForm(duplicates=plan.duplicates))

    def _render_preview(self, plan: importing.ImportPlan, form: BaseForm) -> HttpResponse:
        to_create = plan.to_create
        return self.render(
            plan=plan,
            form=form,
            to_create=to_create[:CREATIONS_LISTED],
            to_create_count=len(to_create),
            to_create_unlisted=max(len(to_create) - CREATIONS_LISTED, 0),
            problems=plan.problems,
            bad_row_count=len(plan.bad_lines),
            submit_label="Confirm import",
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        list_url = reverse(LIST_URLS[self.pending.kind])
        if "cancel" in request.POST:
            _forget(request, self.pending.import_id)
            messages.success(request, "Import cancelled: nothing was written.")
            return redirect(list_url)
        plan = self.pending.plan()
        form = DuplicateChoicesForm(request.POST, duplicates=plan.duplicates)
        if not form.is_valid():
            return self._render_preview(plan, form)
        try:
            result = importing.import_write(
                plan=plan, decisions=form.decisions(), actor=request.user
            )
        except importing.ImportConflict as error:
            messages.error(request, str(error))
            return self._render_preview(plan, form)
        _forget(request, self.pending.import_id)
        self.template_name = "stakeholders/staff/import_result.html"
        return self.render(
            page_title=f"Imported {self.pending.kind} from {self.pending.filename}",
            result=result,
            list_url=list_url,
        )


class OrganisationExport(StaffPage):
    """The organisation list, searched and filtered as on its page, as CSV or XLSX."""

    permission_required = "stakeholders.view_organisation"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        file_format = _export_format(kwargs["file_format"])
        result = staff_selectors.organisation_staff_list(data=request.GET)
        return exporting.register_export(
            queryset=result.queryset,
            file_format=file_format,
            filters=result.filters(),
            actor=request.user,
        )


class PersonExport(StaffPage):
    """The people list, searched and filtered as on its page, as CSV or XLSX (staff only)."""

    permission_required = "stakeholders.view_person"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        file_format = _export_format(kwargs["file_format"])
        result = staff_selectors.person_staff_list(data=request.GET)
        return exporting.register_export(
            queryset=result.queryset,
            file_format=file_format,
            filters=result.filters(),
            actor=request.user,
        )


def _export_format(file_format: str) -> str:
    if file_format not in exporting.FORMATS:
        raise Http404("Exports are CSV or XLSX")
    return file_format
