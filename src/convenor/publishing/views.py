"""Public pages of publications, and the signer's pages.

Everyone reads what is published: the list, a publication's current version with its web page,
downloads and checksums (each file checked against its signed SHA-256 every time), and superseded
versions. A version never published is not found, except by staff and its named signer. The
signer sees the versions awaiting their sign-off, what exactly they sign, and signs it off or
returns it with a reason.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from convenor.publishing import selectors_pages as selectors
from convenor.publishing import services
from convenor.publishing.choices import VersionStatus
from convenor.publishing.forms import ReturnForm
from convenor.publishing.models import OUTPUTS, Publication, PublicationVersion
from convenor.strategy.models import Strategy
from convenor.strategy.selectors import strategy_visible_get

Breadcrumbs = list[tuple[str, str | None]]


def _strategy_or_404(request: HttpRequest, slug: str) -> Strategy:
    strategy = strategy_visible_get(slug=slug, user=request.user)
    if strategy is None:
        raise Http404("No such strategy.")
    return strategy


def _publication_or_404(strategy: Strategy, slug: str) -> Publication:
    publication = selectors.publication_get(strategy=strategy, slug=slug)
    if publication is None:
        raise Http404("No such publication.")
    return publication


def _version_or_404(
    request: HttpRequest, publication: Publication, number: int
) -> PublicationVersion:
    version = selectors.version_get(publication=publication, number=number)
    # Never published: not found, so nobody learns a draft exists (staff and the signer excepted).
    if version is None or not request.user.has_perm("publishing.view_version", version):
        raise Http404("No such version.")
    return version


def _crumbs(strategy: Strategy) -> Breadcrumbs:
    return [
        ("Home", reverse("strategy:home")),
        (strategy.name, reverse("strategy:strategy_detail", args=[strategy.slug])),
        ("Publications", reverse("publishing:publication_list", args=[strategy.slug])),
    ]


def publication_list(request: HttpRequest, slug: str) -> HttpResponse:
    """The strategy's published publications, each with its current version."""
    strategy = _strategy_or_404(request, slug)
    return render(
        request,
        "publishing/publication_list.html",
        {
            "page_title": f"Publications: {strategy.name}",
            "breadcrumbs": [*_crumbs(strategy)[:-1], ("Publications", None)],
            "strategy": strategy,
            "publications": selectors.publication_list_public(strategy=strategy),
        },
    )


def _version_page(
    request: HttpRequest, publication: Publication, version: PublicationVersion
) -> HttpResponse:
    strategy = publication.strategy
    versions = [v for v in publication.versions.all() if v.published_at is not None]
    current = next((v for v in versions if v.status == VersionStatus.PUBLISHED), None)
    is_current = current is not None and current.pk == version.pk
    crumbs = _crumbs(strategy)
    if is_current:
        crumbs.append((publication.title, None))
    else:
        crumbs.append(
            (
                publication.title,
                reverse("publishing:publication_detail", args=[strategy.slug, publication.slug]),
            )
        )
        crumbs.append((f"Version {version.number}", None))
    return render(
        request,
        "publishing/publication_detail.html",
        {
            "page_title": publication.title
            if is_current
            else f"{publication.title}, version {version.number}",
            "breadcrumbs": crumbs,
            "strategy": strategy,
            "publication": publication,
            "version": version,
            "is_current": is_current,
            "current": current,
            "files": selectors.version_files_check(version),
            "versions": versions,
            "reactions_draft": selectors.publication_reactions_draft(publication=publication),
        },
    )


def publication_detail(request: HttpRequest, slug: str, publication: str) -> HttpResponse:
    """A publication's current published version: web page, downloads and checksums."""
    found = _publication_or_404(_strategy_or_404(request, slug), publication)
    current = next((v for v in found.versions.all() if v.status == VersionStatus.PUBLISHED), None)
    if current is None:
        raise Http404("This publication is not published yet.")
    version = selectors.version_get(publication=found, number=current.number)
    assert version is not None
    return _version_page(request, found, version)


def version_detail(request: HttpRequest, slug: str, publication: str, number: int) -> HttpResponse:
    """One version of a publication (superseded ones stay available), with its files."""
    found = _publication_or_404(_strategy_or_404(request, slug), publication)
    return _version_page(request, found, _version_or_404(request, found, number))


def version_file(
    request: HttpRequest, slug: str, publication: str, number: int, output: str
) -> FileResponse:
    """One of a version's files as stored: the web page inline, the PDF and DOCX as downloads.

    Served whatever its checksum says: the page beside it tells readers whether it still matches.
    """
    if output not in OUTPUTS:
        raise Http404("No such file.")
    found = _publication_or_404(_strategy_or_404(request, slug), publication)
    version = _version_or_404(request, found, number)
    field = getattr(version, f"{output}_file")
    if not field:
        raise Http404("This version has no such file yet.")
    try:
        handle = field.storage.open(field.name, "rb")
    except OSError as missing:
        raise Http404("The file is missing.") from missing
    response = FileResponse(
        handle,
        as_attachment=output != "html",
        filename=f"{found.slug}-v{version.number}.{output}",
        content_type=selectors.CONTENT_TYPES[output],
    )
    if output == "html":
        # The stored page is Convenor's own escaped HTML; still, it runs no script of ours.
        response["Content-Security-Policy"] = "script-src 'none'"
    return response


# --- The signer ------------------------------------------------------------------------------


@login_required
def sign_off_list(request: HttpRequest) -> HttpResponse:
    """The versions waiting for the signed-in person's sign-off."""
    return render(
        request,
        "publishing/sign_off_list.html",
        {
            "page_title": "Publications to sign off",
            "breadcrumbs": [
                ("Home", reverse("strategy:home")),
                ("Publications to sign off", None),
            ],
            "versions": selectors.versions_awaiting_sign_off(user=request.user),
        },
    )


def _signer_version(request: HttpRequest, pk: int) -> PublicationVersion:
    version = selectors.version_get_by_pk(pk=pk)
    if version is None:
        raise Http404("No such version.")
    if not request.user.has_perm("publishing.sign_off_version", version):
        raise PermissionDenied("Only the person asked may sign this version off.")
    return version


def _sign_off_page(
    request: HttpRequest, version: PublicationVersion, **context: Any
) -> HttpResponse:
    publication = version.publication
    context.setdefault("form", ReturnForm())
    return render(
        request,
        "publishing/sign_off_detail.html",
        {
            "page_title": f"Sign off {publication.title}, version {version.number}",
            "breadcrumbs": [
                ("Home", reverse("strategy:home")),
                ("Publications to sign off", reverse("publishing:sign_off_list")),
                (f"{publication.title}, version {version.number}", None),
            ],
            "version": version,
            "publication": publication,
            "strategy": publication.strategy,
            "files": selectors.version_files_check(version),
            "waivers": selectors.version_waivers(version=version),
            **context,
        },
    )


@login_required
def sign_off_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """What the signer signs: the title, version, files with sizes and SHA-256, the waivers."""
    return _sign_off_page(request, _signer_version(request, pk))


@login_required
@require_POST
def sign_off_sign(request: HttpRequest, pk: int) -> HttpResponse:
    """The signer signs the version off on behalf of the body (POST)."""
    version = _signer_version(request, pk)
    try:
        services.version_sign_off(actor=request.user, version=version)  # type: ignore[arg-type]
    except ValidationError as error:
        return _sign_off_page(request, version, errors=[str(m) for m in error.messages])
    messages.success(
        request,
        f"You signed off {version.publication.title}, version {version.number}, "
        f"on behalf of {version.signer_body}.",
    )
    return redirect("publishing:sign_off_list")


@login_required
@require_POST
def sign_off_return(request: HttpRequest, pk: int) -> HttpResponse:
    """The signer returns the version to staff with what needs to change (POST)."""
    version = _signer_version(request, pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.version_review_withdraw(
                actor=request.user, version=version, reason=form.cleaned_data["reason"]
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                f"You returned {version.publication.title}, version {version.number}, "
                "with your reason.",
            )
            return redirect("publishing:sign_off_list")
    return _sign_off_page(request, version, form=form)
