"""Staff pages of publications: the list, a new publication and its details, its versions, one
version's date and sections, build, lint findings and waivers, comparing versions, asking for
sign-off and publishing.

Each view checks its rule (publishing.permissions), parses a form and calls one service. Buttons
that post (move a section, build, waive, publish...) re-show the version page with the service's
refusal in the error summary, so nothing the person typed is lost.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse

from convenor.publishing import selectors_pages as selectors
from convenor.publishing import services
from convenor.publishing.choices import BuildStatus, VersionStatus
from convenor.publishing.forms import (
    CompareForm,
    PublicationCreateForm,
    PublicationEditForm,
    SectionForm,
    SignOffRequestForm,
    VersionEditForm,
    WaiveForm,
)
from convenor.publishing.models import LintWaiver, Publication, PublicationVersion, Section
from convenor.strategy.models import Strategy
from convenor.ui.staff import Breadcrumbs, StaffDeletePage, StaffFormPage, StaffPage


def error_messages(error: ValidationError) -> list[str]:
    """A service's refusal as plain sentences for the error summary."""
    return [str(message) for message in error.messages]


class StrategyPublicationsPage(StaffPage):
    """A staff page about the publications of one strategy, named by its slug."""

    permission_required = "publishing.view_publication_staff"
    strategy: Strategy

    def load(self) -> None:
        self.strategy = get_object_or_404(Strategy, slug=self.kwargs["slug"])

    def list_url(self) -> str:
        return reverse("publishing_staff:publication_list", args=[self.strategy.slug])

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [
            ("Staff area", reverse("strategy_staff:home")),
            (
                self.strategy.name,
                reverse("strategy_staff:strategy_edit", args=[self.strategy.slug]),
            ),
            ("Publications", self.list_url()),
        ]

    def extra_context_data(self) -> dict[str, Any]:
        return {"strategy": self.strategy}


class PublicationList(StrategyPublicationsPage):
    """The strategy's publications with their latest and published versions."""

    template_name = "publishing/staff/publication_list.html"

    def get_page_title(self) -> str:
        return f"Publications of {self.strategy.name}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], ("Publications", None)]

    def extra_context_data(self) -> dict[str, Any]:
        return {
            **super().extra_context_data(),
            "publications": selectors.publication_list_staff(strategy=self.strategy),
        }


class PublicationCreate(StrategyPublicationsPage, StaffFormPage):
    """A new publication, its version 1 starting with the kind's outline of sections."""

    permission_required = "publishing.change_publication"
    form_class = PublicationCreateForm
    page_title = "Create a publication"
    submit_label = "Create the publication"

    def get_form(self, data: Any = None) -> BaseForm:
        return PublicationCreateForm(data=data, strategy=self.strategy)

    def save(self, form: BaseForm) -> Publication:
        data = form.cleaned_data
        return services.publication_create(
            actor=self.request.user,
            strategy=self.strategy,
            kind=data["kind"],
            title=data["title"],
            slug=data["slug"],
            as_of=data["as_of"],
            summary=data["summary"],
            is_consultation=data["is_consultation"],
            agenda_item=data["agenda_item"],
        )

    def success_message(self, saved: Publication) -> str:
        return f"Created {saved.title}, with version 1 as a draft."

    def success_url(self, saved: Publication) -> str:
        return reverse("publishing_staff:version_detail", args=[self.strategy.slug, saved.slug, 1])

    def cancel_url(self) -> str:
        return self.list_url()


class PublicationPage(StrategyPublicationsPage):
    """A staff page about one publication, named by its slug."""

    publication: Publication

    def load(self) -> None:
        super().load()
        publication = selectors.publication_get(
            strategy=self.strategy, slug=self.kwargs["publication"]
        )
        if publication is None:
            raise Http404("No such publication.")
        self.publication = publication

    def permission_object(self) -> Publication:
        return self.publication

    def publication_url(self) -> str:
        return reverse(
            "publishing_staff:publication_detail", args=[self.strategy.slug, self.publication.slug]
        )

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs(), (self.publication.title, self.publication_url())]

    def versions(self) -> list[PublicationVersion]:
        return list(self.publication.versions.all())

    def open_draft(self) -> PublicationVersion | None:
        return next(
            (
                v
                for v in self.versions()
                if v.status in (VersionStatus.DRAFT, VersionStatus.IN_REVIEW)
            ),
            None,
        )

    def next_number(self) -> int:
        versions = self.versions()
        return (versions[0].number if versions else 0) + 1

    def extra_context_data(self) -> dict[str, Any]:
        return {
            **super().extra_context_data(),
            "publication": self.publication,
            "open_draft": self.open_draft(),
            "next_number": self.next_number(),
        }


class PublicationDetail(PublicationPage):
    """A publication's versions: status, date, build, pages, sign-off and publication."""

    template_name = "publishing/staff/publication_detail.html"

    def get_page_title(self) -> str:
        return self.publication.title

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], (self.publication.title, None)]

    def extra_context_data(self) -> dict[str, Any]:
        return {**super().extra_context_data(), "versions": self.versions()}


class VersionNew(PublicationDetail):
    """Start the next version (POST): its sections copied from the latest one."""

    permission_required = "publishing.change_publication"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            version = services.version_new(actor=request.user, publication=self.publication)
        except ValidationError as error:
            return self.render(errors=error_messages(error))
        messages.success(request, f"Started version {version.number} as a draft.")
        return redirect(
            "publishing_staff:version_detail",
            self.strategy.slug,
            self.publication.slug,
            version.number,
        )


class VersionPage(PublicationPage):
    """A staff page about one version of a publication, named by its number."""

    version: PublicationVersion

    def load(self) -> None:
        super().load()
        version = selectors.version_get(publication=self.publication, number=self.kwargs["number"])
        if version is None:
            raise Http404("No such version.")
        self.version = version

    def version_url(self) -> str:
        return reverse(
            "publishing_staff:version_detail",
            args=[self.strategy.slug, self.publication.slug, self.version.number],
        )

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs(), (f"Version {self.version.number}", self.version_url())]

    def cancel_url(self) -> str:
        return self.version_url()

    def extra_context_data(self) -> dict[str, Any]:
        return {**super().extra_context_data(), "version": self.version}


class VersionDetail(VersionPage):
    """A version: its sections, build and files, lint findings and waivers, and sign-off."""

    template_name = "publishing/staff/version_detail.html"

    def get_page_title(self) -> str:
        return f"{self.publication.title}: version {self.version.number}"

    def get_breadcrumbs(self) -> Breadcrumbs:
        return [*super().get_breadcrumbs()[:-1], (f"Version {self.version.number}", None)]

    def extra_context_data(self) -> dict[str, Any]:
        version = self.version
        sections = selectors.version_sections(version=version)
        built = version.build_status == BuildStatus.BUILT
        readability = selectors.sections_readability(sections=sections) if built else {}
        findings = selectors.version_findings(version=version)
        waivers = selectors.version_waivers(version=version)
        marked = selectors.findings_marked(findings=findings, waivers=waivers)
        return {
            **super().extra_context_data(),
            "sections": [
                {
                    "section": section,
                    "words": selectors.words_in(section.body),
                    "readability": readability.get(section.pk),
                }
                for section in sections
            ],
            "built": built,
            "building": version.build_status in (BuildStatus.QUEUED, BuildStatus.RUNNING),
            "files": selectors.version_files_check(version) if built or version.is_fixed else [],
            "findings": marked,
            "blocking": sum(1 for row in marked if not row["waived"]),
            "waivers": waivers,
            "waive_form": None,
            "waive_key": "",
            "can_edit": not version.is_fixed,
            "versions": self.versions(),
        }

    def act(self, call: Callable[[], Any], success: str) -> HttpResponse:
        """Call one service; on success go back to the version, else show its refusal here."""
        try:
            call()
        except ValidationError as error:
            return self.render(errors=error_messages(error))
        messages.success(self.request, success)
        return redirect(self.version_url())


class VersionProgress(VersionPage):
    """The build's progress alone, which the version page polls while a build runs."""

    template_name = "publishing/includes/build_progress.html"

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = self.render()
        building = self.version.build_status in (BuildStatus.QUEUED, BuildStatus.RUNNING)
        if getattr(request, "htmx", False) and not building:
            # The build has ended: reload the whole page, which then shows the files and checks.
            response["HX-Refresh"] = "true"
        return response


class VersionBuild(VersionDetail):
    """Queue a build of the version's files (POST)."""

    permission_required = "publishing.change_publication"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.act(
            lambda: services.version_build_request(actor=request.user, version=self.version),
            "The build has started: this page shows its progress.",
        )


class SectionMove(VersionDetail):
    """Move a section up or down among its version's sections (POST)."""

    permission_required = "publishing.change_publication"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        section = get_object_or_404(Section, version=self.version, pk=self.kwargs["pk"])
        by = -1 if request.POST.get("direction") == "up" else 1
        response = self.act(
            lambda: services.section_move(actor=request.user, section=section, by=by),
            f"Moved “{section.heading}” {'up' if by < 0 else 'down'}.",
        )
        if response.status_code == 302:
            # Back to the moved section's buttons, so a keyboard user carries on from there.
            return redirect(f"{self.version_url()}#section-{section.pk}")
        return response


class LintWaive(VersionDetail):
    """Waive a check for the version or one section, with the reason (POST)."""

    permission_required = "publishing.change_publication"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        form = WaiveForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            section = None
            if data["section"] is not None:
                section = get_object_or_404(Section, version=self.version, pk=data["section"])
            try:
                services.lint_waive(
                    actor=request.user,
                    version=self.version,
                    code=data["code"],
                    reason=data["reason"],
                    section=section,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, "Waived the check, with your reason.")
                return redirect(f"{self.version_url()}#findings")
        key = f"{request.POST.get('code', '')}:{request.POST.get('section', '')}"
        return self.render(waive_form=form, waive_key=key)


class WaiverWithdraw(VersionDetail):
    """Withdraw a waiver (POST): its findings block sign-off again."""

    permission_required = "publishing.change_publication"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        waiver = get_object_or_404(LintWaiver, version=self.version, pk=self.kwargs["pk"])
        return self.act(
            lambda: services.lint_waiver_withdraw(actor=request.user, waiver=waiver),
            "Withdrew the waiver.",
        )


class ReviewWithdraw(VersionDetail):
    """Withdraw the request for sign-off (POST): the version is a draft again."""

    permission_required = "publishing.change_publication"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.act(
            lambda: services.version_review_withdraw(actor=request.user, version=self.version),
            "Withdrew the request for sign-off.",
        )


class VersionPublish(VersionDetail):
    """Publish the signed-off version (POST); earlier versions become superseded."""

    permission_required = "publishing.change_publication"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        return self.act(
            lambda: services.version_publish(actor=request.user, version=self.version),
            f"Published version {self.version.number}.",
        )


class SignOffRequest(VersionPage, StaffFormPage):
    """Ask a named person to sign the version off on behalf of a body of the strategy."""

    permission_required = "publishing.change_publication"
    form_class = SignOffRequestForm
    submit_label = "Ask for sign-off"

    def get_page_title(self) -> str:
        return f"Ask for sign-off of version {self.version.number}"

    def get_form(self, data: Any = None) -> BaseForm:
        return SignOffRequestForm(data=data, strategy=self.strategy)

    def save(self, form: BaseForm) -> PublicationVersion:
        parsed = selectors.signer_parse(strategy=self.strategy, value=form.cleaned_data["signer"])
        if parsed is None:
            raise ValidationError({"signer": ["Choose who signs it off"]})
        signer, body = parsed
        return services.version_review_request(
            actor=self.request.user, version=self.version, signer=signer, signer_body=body
        )

    def success_message(self, saved: PublicationVersion) -> str:
        return (
            f"Asked {saved.signer} to sign version {saved.number} off "
            f"on behalf of {saved.signer_body}."
        )

    def success_url(self, saved: PublicationVersion) -> str:
        return self.version_url()


class SectionFormPage(VersionPage, StaffFormPage):
    """A page with a section's form, under a version."""

    permission_required = "publishing.change_publication"
    form_class = SectionForm
    template_name = "publishing/staff/section_form.html"

    def success_url(self, saved: Section) -> str:
        return f"{self.version_url()}#section-{saved.pk}"


class SectionCreate(SectionFormPage):
    """Add a section at the end of the version."""

    page_title = "Add a section"
    submit_label = "Add the section"

    def save(self, form: BaseForm) -> Section:
        return services.section_add(
            actor=self.request.user, version=self.version, **form.cleaned_data
        )

    def success_message(self, saved: Section) -> str:
        return f"Added the section “{saved.heading}”."


class SectionPage(VersionPage):
    """A page about one section of the version."""

    permission_required = "publishing.change_publication"
    section: Section

    def load(self) -> None:
        super().load()
        self.section = get_object_or_404(Section, version=self.version, pk=self.kwargs["pk"])


class SectionEdit(SectionPage, SectionFormPage):
    """Change a section's kind, heading, text or page break."""

    submit_label = "Save the section"

    def get_page_title(self) -> str:
        return f"Edit “{self.section.heading}”"

    def get_form(self, data: Any = None) -> BaseForm:
        section = self.section
        initial = {
            "kind": section.kind,
            "heading": section.heading,
            "body": section.body,
            "starts_new_page": section.starts_new_page,
        }
        return SectionForm(data=data, initial=initial)

    def save(self, form: BaseForm) -> Section:
        return services.section_update(
            actor=self.request.user, section=self.section, data=form.cleaned_data
        )

    def success_message(self, saved: Section) -> str:
        return f"Saved the section “{saved.heading}”."

    def delete_url(self) -> str | None:
        return reverse(
            "publishing_staff:section_delete",
            args=[self.strategy.slug, self.publication.slug, self.version.number, self.section.pk],
        )


class SectionDelete(SectionPage, StaffDeletePage):
    """Delete a section of a draft, after asking."""

    def target(self) -> Section:
        return self.section

    def delete(self) -> None:
        services.section_delete(actor=self.request.user, section=self.section)

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return super().post(request, *args, **kwargs)
        except ValidationError as error:
            messages.error(request, " ".join(error_messages(error)))
            return redirect(self.version_url())

    def success_url(self) -> str:
        return self.version_url()


class VersionCompare(PublicationPage):
    """Any two versions of the publication side by side: headings and text, line by line."""

    template_name = "publishing/staff/version_compare.html"

    def get_page_title(self) -> str:
        return f"Compare versions of {self.publication.title}"

    def extra_context_data(self) -> dict[str, Any]:
        versions = self.versions()
        numbers = [v.number for v in versions]
        data: Any = self.request.GET or None
        if data is None and len(numbers) >= 2:
            data = {"old": str(numbers[1]), "new": str(numbers[0])}
        form = CompareForm(data=data, numbers=numbers)
        rows: list[selectors.DiffRow] = []
        old = new = None
        if data is not None and form.is_valid():
            by_number = {v.number: v for v in versions}
            old, new = by_number[form.cleaned_data["old"]], by_number[form.cleaned_data["new"]]
            rows = selectors.versions_diff(old=old, new=new)
        return {
            **super().extra_context_data(),
            "form": form,
            "old": old,
            "new": new,
            "rows": rows,
            "changes": sum(1 for row in rows if row.change != "same"),
        }


class PublicationEdit(PublicationPage, StaffFormPage):
    """Change a publication's title, web name, summary and whether it is a consultation.

    Its kind, and a board paper's agenda item, stay as they were created.
    """

    permission_required = "publishing.change_publication"
    form_class = PublicationEditForm
    template_name = "publishing/staff/publication_form.html"
    page_title = "Change the details of the publication"
    submit_label = "Save the details"

    def get_form(self, data: Any = None) -> BaseForm:
        publication = self.publication
        initial = {
            "title": publication.title,
            "slug": publication.slug,
            "summary": publication.summary,
            "is_consultation": publication.is_consultation,
        }
        return PublicationEditForm(data=data, initial=initial)

    def save(self, form: BaseForm) -> Publication:
        # The service sets the typed values on the row before checking them; a refused change
        # (a taken web name) must not leak into this page's breadcrumbs and links, so the service
        # works on a copy.
        return services.publication_update(
            actor=self.request.user,
            publication=copy.copy(self.publication),
            data=form.cleaned_data,
        )

    def success_message(self, saved: Publication) -> str:
        return f"Saved the details of {saved.title}."

    def success_url(self, saved: Publication) -> str:
        # By its web name as saved: a changed name moves the publication's pages.
        return reverse("publishing_staff:publication_detail", args=[self.strategy.slug, saved.slug])

    def cancel_url(self) -> str:
        return self.publication_url()


class VersionEdit(VersionPage, StaffFormPage):
    """Change a draft's date, or the document the sounding board reacts to it in.

    Like a section's form, a fixed version's is refused by the service, whose message the error
    summary shows; the version page links here only while the version is not fixed.
    """

    permission_required = "publishing.change_publication"
    form_class = VersionEditForm
    template_name = "publishing/staff/version_form.html"
    page_title = "Change the date or the draft for reactions"
    submit_label = "Save the version"

    def get_form(self, data: Any = None) -> BaseForm:
        version = self.version
        initial = {"as_of": version.as_of, "reactions_document": version.reactions_document_id}
        return VersionEditForm(data=data, initial=initial, strategy=self.strategy)

    def save(self, form: BaseForm) -> PublicationVersion:
        # On a copy, as for a publication's details: a refusal leaves this page's version as is.
        return services.version_update(
            actor=self.request.user, version=copy.copy(self.version), data=form.cleaned_data
        )

    def success_message(self, saved: PublicationVersion) -> str:
        return f"Saved the date and the draft for reactions of version {saved.number}."

    def success_url(self, saved: PublicationVersion) -> str:
        return self.version_url()
