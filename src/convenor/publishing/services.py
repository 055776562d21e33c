"""Writes to publications: creating them, editing and ordering sections, building a version's
files, waiving lint findings, asking for and giving sign-off, publishing, and new versions.

Every function is keyword-only, validates inside one transaction and records an audit event. A
signed-off version is fixed: its sections are not edited, its files are not rebuilt, and a change
starts a new version (`version_new`), leaving the old files as they were.
"""

from __future__ import annotations

import hashlib
import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Max

from convenor.accounts.models import User
from convenor.core import clock
from convenor.core.services import audit_event_record, record_delete, record_save, record_update
from convenor.governance.models import Body
from convenor.meetings.models import AgendaItem
from convenor.publishing.choices import BuildStatus, LintCode, VersionStatus
from convenor.publishing.lints import Finding
from convenor.publishing.models import (
    OUTPUTS,
    LintFinding,
    LintWaiver,
    Publication,
    PublicationVersion,
    Section,
)
from convenor.publishing.outlines import outline_for, outline_text
from convenor.strategy.models import Strategy

logger = logging.getLogger(__name__)

Actor = User | AnonymousUser | None

PUBLICATION_FIELDS = frozenset({"title", "slug", "summary", "is_consultation"})
SECTION_FIELDS = frozenset({"heading", "body", "starts_new_page", "kind"})
VERSION_FIELDS = frozenset({"as_of", "reactions_document"})


def _fixed_check(version: PublicationVersion) -> None:
    if version.is_fixed:
        raise ValidationError(
            f"Version {version.number} is {version.get_status_display().lower()}: it cannot "
            f"change. Start version {_next_number(version.publication)} to make changes."
        )


def _next_number(publication: Publication) -> int:
    latest = publication.versions.aggregate(latest=Max("number"))["latest"]
    return (latest or 0) + 1


def _changed(version: PublicationVersion, *, actor: Actor) -> None:
    """A section changed: the last build no longer shows the version, and a pending sign-off
    request is withdrawn (the signer would otherwise sign what they have not seen)."""
    fields = ["build_status", "updated_at"]
    if version.build_status != BuildStatus.NOT_BUILT:
        version.build_status = BuildStatus.NOT_BUILT
    if version.status == VersionStatus.IN_REVIEW:
        version.status = VersionStatus.DRAFT
        version.review_requested_at = None
        fields += ["status", "review_requested_at"]
        audit_event_record(
            actor=actor,
            verb="sign-off request withdrawn",
            target=version,
            detail={"reason": "a section changed"},
        )
    version.save(update_fields=fields)


# --- Publications ----------------------------------------------------------------------------


@transaction.atomic
def publication_create(
    *,
    actor: Actor,
    strategy: Strategy,
    kind: str,
    title: str,
    slug: str,
    as_of: Any,
    summary: str = "",
    is_consultation: bool = False,
    agenda_item: AgendaItem | None = None,
) -> Publication:
    """A new publication with version 1 in draft, its sections the kind's outline."""
    if agenda_item is not None and agenda_item.meeting.strategy_id != strategy.pk:
        raise ValidationError({"agenda_item": ["That agenda item is for another strategy."]})
    publication = record_save(
        instance=Publication(
            strategy=strategy,
            kind=kind,
            title=title,
            slug=slug,
            summary=summary,
            is_consultation=is_consultation,
            agenda_item=agenda_item,
        ),
        actor=actor,
    )
    version = record_save(
        instance=PublicationVersion(
            publication=publication, number=1, as_of=as_of, created_by=_user(actor)
        ),
        actor=actor,
    )
    Section.objects.bulk_create(
        Section(
            version=version,
            position=position,
            kind=outline.kind,
            heading=outline.heading,
            body=outline_text(section=outline, strategy=strategy),
            starts_new_page=outline.starts_new_page,
        )
        for position, outline in enumerate(outline_for(kind=kind), start=1)
    )
    return publication


def publication_update(
    *, actor: Actor, publication: Publication, data: dict[str, Any]
) -> Publication:
    """Change a publication's title, slug, summary or whether it is a consultation."""
    publication, _changed_fields = record_update(
        instance=publication, actor=actor, data=data, fields=PUBLICATION_FIELDS
    )
    return publication


def version_update(
    *, actor: Actor, version: PublicationVersion, data: dict[str, Any]
) -> PublicationVersion:
    """Change the date a draft speaks for, or the document the sounding board reacts in."""
    _fixed_check(version)
    version, changed = record_update(
        instance=version, actor=actor, data=data, fields=VERSION_FIELDS
    )
    if "as_of" in changed:
        _changed(version, actor=actor)
    return version


# --- Sections --------------------------------------------------------------------------------


@transaction.atomic
def section_add(
    *,
    actor: Actor,
    version: PublicationVersion,
    kind: str,
    heading: str,
    body: str = "",
    starts_new_page: bool = False,
) -> Section:
    """A section added at the end of the version."""
    _fixed_check(version)
    last = version.sections.aggregate(last=Max("position"))["last"] or 0
    section = record_save(
        instance=Section(
            version=version,
            position=last + 1,
            kind=kind,
            heading=heading,
            body=body,
            starts_new_page=starts_new_page,
        ),
        actor=actor,
    )
    _changed(version, actor=actor)
    return section


@transaction.atomic
def section_update(*, actor: Actor, section: Section, data: dict[str, Any]) -> Section:
    _fixed_check(section.version)
    section, changed = record_update(
        instance=section, actor=actor, data=data, fields=SECTION_FIELDS
    )
    if changed:
        _changed(section.version, actor=actor)
    return section


@transaction.atomic
def section_delete(*, actor: Actor, section: Section) -> None:
    version = section.version
    _fixed_check(version)
    record_delete(instance=section, actor=actor)
    _positions_renumber(version)
    _changed(version, actor=actor)


@transaction.atomic
def section_move(*, actor: Actor, section: Section, by: int) -> Section:
    """Move a section up (`by=-1`) or down (`by=1`) among its version's sections."""
    version = section.version
    _fixed_check(version)
    sections = list(version.sections.order_by("position", "id"))
    index = next(i for i, s in enumerate(sections) if s.pk == section.pk)
    target = index + by
    if not 0 <= target < len(sections):
        raise ValidationError(
            "That section is already first." if by < 0 else "That section is already last."
        )
    sections.insert(target, sections.pop(index))
    for position, each in enumerate(sections, start=1):
        each.position = position
    Section.objects.bulk_update(sections, ["position"])
    audit_event_record(actor=actor, verb="moved", target=section, detail={"position": target + 1})
    _changed(version, actor=actor)
    section.refresh_from_db()
    return section


def _positions_renumber(version: PublicationVersion) -> None:
    sections = list(version.sections.order_by("position", "id"))
    for position, each in enumerate(sections, start=1):
        each.position = position
    Section.objects.bulk_update(sections, ["position"])


# --- Building --------------------------------------------------------------------------------


@transaction.atomic
def version_build_request(*, actor: Actor, version: PublicationVersion) -> PublicationVersion:
    """Queue a build of the version's files; the page shows its progress while it runs."""
    from convenor.publishing.tasks import version_build_task

    _fixed_check(version)
    if version.build_status in (BuildStatus.QUEUED, BuildStatus.RUNNING):
        raise ValidationError("This version is already being built.")
    version.build_status = BuildStatus.QUEUED
    version.build_progress = 0
    version.build_step = "Waiting for a worker to start the build"
    version.save(update_fields=["build_status", "build_progress", "build_step", "updated_at"])
    audit_event_record(actor=actor, verb="build requested", target=version)
    version_id = version.pk
    transaction.on_commit(lambda: version_build_task.enqueue(version_id=version_id))
    return version


def _progress(version: PublicationVersion, percent: int, step: str) -> None:
    """Saved at once, outside any transaction, so the page polling it sees the build move."""
    PublicationVersion.objects.filter(pk=version.pk).update(
        build_status=BuildStatus.RUNNING, build_progress=percent, build_step=step
    )


def sha256_of(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def version_build(
    *, version: PublicationVersion, progress: Callable[[int, str], None] | None = None
) -> PublicationVersion:
    """Build the version's HTML, PDF and DOCX from its sections and the record, lint them, and
    keep the files with their SHA-256. A failure is recorded on the version, not raised."""
    from convenor.publishing.generate import document_build
    from convenor.publishing.render import docx_render, html_render, pdf_render

    _fixed_check(version)

    def step(percent: int, text: str) -> None:
        _progress(version, percent, text)
        if progress is not None:
            progress(percent, text)

    started = time.perf_counter()
    try:
        step(5, "Gathering the record")
        document = document_build(version=version)
        step(25, "Writing the web page")
        html = html_render(document)
        step(40, "Laying out the PDF")
        pdf = pdf_render(html=html)
        step(80, "Writing the Word document")
        docx = docx_render(document)
        step(90, "Checking the document")
        findings = version_lint(version=version, document=document, html=html, pages=pdf.pages)
        outputs = {"html": html.encode("utf-8"), "pdf": pdf.content, "docx": docx}
        _build_keep(
            version=version,
            outputs=outputs,
            findings=findings,
            pages=pdf.pages,
            seconds=time.perf_counter() - started,
        )
    except Exception as error:  # any failure is shown to staff on the page, not raised
        logger.exception("Building %s failed", version)
        PublicationVersion.objects.filter(pk=version.pk).update(
            build_status=BuildStatus.FAILED,
            build_step=f"The build failed: {error}"[:200],
        )
    version.refresh_from_db()
    return version


def version_lint(
    *, version: PublicationVersion, document: Any, html: str, pages: int
) -> list[Finding]:
    from convenor.publishing.lints import document_lint

    publication = version.publication
    return document_lint(
        document=document,
        html=html,
        page_count=pages,
        kind=publication.kind,
        is_consultation=publication.is_consultation,
    )


@transaction.atomic
def _build_keep(
    *,
    version: PublicationVersion,
    outputs: dict[str, bytes],
    findings: Iterable[Finding],
    pages: int,
    seconds: float,
) -> None:
    version = PublicationVersion.objects.select_for_update().get(pk=version.pk)
    _fixed_check(version)
    stem = f"{version.publication.slug}-v{version.number}"
    for output in OUTPUTS:
        field = getattr(version, f"{output}_file")
        if field:
            field.delete(save=False)
        field.save(f"{stem}.{output}", ContentFile(outputs[output]), save=False)
        setattr(version, f"{output}_sha256", sha256_of(outputs[output]))
    version.build_status = BuildStatus.BUILT
    version.build_progress = 100
    version.build_step = "Built"
    version.built_at = clock.now()
    version.build_seconds = round(seconds, 3)
    version.page_count = pages
    version.save()
    version.findings.all().delete()
    sections = set(version.sections.values_list("pk", flat=True))
    LintFinding.objects.bulk_create(
        LintFinding(
            version=version,
            code=finding.code,
            section_id=finding.section_id if finding.section_id in sections else None,
            message=finding.message[:500],
            figure=finding.figure[:100],
        )
        for finding in findings
    )
    audit_event_record(
        actor=None,
        verb="built",
        target=version,
        detail={"pages": pages, **_checksums(version)},
    )


# --- Lint waivers ----------------------------------------------------------------------------


@transaction.atomic
def lint_waive(
    *,
    actor: Actor,
    version: PublicationVersion,
    code: str,
    reason: str,
    section: Section | None = None,
) -> LintWaiver:
    """Publish despite a check's findings (for the version, or one section), with a reason."""
    _fixed_check(version)
    if code not in LintCode.values:
        raise ValidationError({"code": ["Choose a check."]})
    if section is not None and section.version_id != version.pk:
        raise ValidationError({"section": ["That section is in another version."]})
    if LintWaiver.objects.filter(version=version, code=code, section=section).exists():
        raise ValidationError("That check is already waived here.")
    waiver = record_save(
        instance=LintWaiver(
            version=version,
            code=code,
            section=section,
            reason=reason.strip(),
            waived_by=_user(actor),
        ),
        actor=actor,
    )
    return waiver


@transaction.atomic
def lint_waiver_withdraw(*, actor: Actor, waiver: LintWaiver) -> None:
    _fixed_check(waiver.version)
    record_delete(instance=waiver, actor=actor)


def findings_blocking(*, version: PublicationVersion) -> list[LintFinding]:
    """The findings of the last build that no waiver covers: each one blocks sign-off."""
    waived = {(w.code, w.section_id) for w in version.waivers.all()}
    return [
        finding
        for finding in version.findings.all()
        if (finding.code, None) not in waived and (finding.code, finding.section_id) not in waived
    ]


# --- Sign-off and publication ----------------------------------------------------------------


def _files_check(version: PublicationVersion) -> None:
    """The files on disk are still the ones the build wrote (their checksums match)."""
    for output in OUTPUTS:
        field = getattr(version, f"{output}_file")
        expected = getattr(version, f"{output}_sha256")
        try:
            with field.open("rb") as handle:
                actual = sha256_of(handle.read())
        except (OSError, ValueError):
            actual = ""
        if actual != expected:
            raise ValidationError(
                f"The {output.upper()} file is not the one the build wrote: build it again."
            )


@transaction.atomic
def version_review_request(
    *, actor: Actor, version: PublicationVersion, signer: User, signer_body: Body
) -> PublicationVersion:
    """Ask a named person to sign the built version off on behalf of a body."""
    _fixed_check(version)
    if version.build_status != BuildStatus.BUILT:
        raise ValidationError(
            "Build the version, with every change in it, before asking for sign-off."
        )
    blocking = findings_blocking(version=version)
    if blocking:
        raise ValidationError(
            f"Fix or waive the {len(blocking)} problem{'s' if len(blocking) != 1 else ''} "
            "the checks found before asking for sign-off."
        )
    if signer_body.strategy_id != version.publication.strategy_id:
        raise ValidationError({"signer_body": ["That body belongs to another strategy."]})
    from convenor.governance.permissions import current_memberships

    if not current_memberships(signer).filter(body=signer_body).exists():
        raise ValidationError({"signer": [f"{signer} is not a current member of {signer_body}."]})
    version.status = VersionStatus.IN_REVIEW
    version.signer = signer
    version.signer_body = signer_body
    version.review_requested_by = _user(actor)
    version.review_requested_at = clock.now()
    version.save()
    audit_event_record(
        actor=actor,
        verb="sign-off requested",
        target=version,
        detail={"signer": str(signer), "on_behalf_of": str(signer_body)},
    )
    return version


@transaction.atomic
def version_review_withdraw(
    *, actor: Actor, version: PublicationVersion, reason: str = ""
) -> PublicationVersion:
    """Take the version back to draft: by staff, or by the signer declining with a reason."""
    if version.status != VersionStatus.IN_REVIEW:
        raise ValidationError("This version is not awaiting sign-off.")
    version.status = VersionStatus.DRAFT
    version.review_requested_at = None
    version.save(update_fields=["status", "review_requested_at", "updated_at"])
    audit_event_record(
        actor=actor, verb="sign-off request withdrawn", target=version, detail={"reason": reason}
    )
    return version


@transaction.atomic
def version_sign_off(*, actor: User, version: PublicationVersion) -> PublicationVersion:
    """The named signer signs the version off: its files and their checksums are fixed."""
    if version.status != VersionStatus.IN_REVIEW:
        raise ValidationError("This version is not awaiting sign-off.")
    if version.signer_id != actor.pk:
        raise ValidationError(f"Only {version.signer} can sign this version off.")
    _files_check(version)
    version.status = VersionStatus.SIGNED_OFF
    version.signed_off_at = clock.now()
    version.save()
    audit_event_record(
        actor=actor,
        verb="signed off",
        target=version,
        detail={
            "on_behalf_of": str(version.signer_body),
            **_checksums(version),
        },
    )
    return version


@transaction.atomic
def version_publish(*, actor: Actor, version: PublicationVersion) -> PublicationVersion:
    """Publish a signed-off version; the versions before it are marked superseded."""
    if version.status != VersionStatus.SIGNED_OFF:
        raise ValidationError("Only a signed-off version can be published.")
    now = clock.now()
    earlier = version.publication.versions.filter(number__lt=version.number).exclude(
        status=VersionStatus.SUPERSEDED
    )
    for old in earlier:
        old.status = VersionStatus.SUPERSEDED
        old.superseded_at = now
        old.save(update_fields=["status", "superseded_at", "updated_at"])
        audit_event_record(
            actor=actor, verb="superseded", target=old, detail={"by": version.number}
        )
    version.status = VersionStatus.PUBLISHED
    version.published_at = now
    version.save(update_fields=["status", "published_at", "updated_at"])
    audit_event_record(actor=actor, verb="published", target=version)
    return version


@transaction.atomic
def version_new(*, actor: Actor, publication: Publication) -> PublicationVersion:
    """Start the next version as a draft, its sections copied from the latest version.

    The files of every earlier version stay exactly as they were. A draft shared with the
    sounding board for reactions is kept as they saw it (superseded, never edited again) when
    the next version starts; any other open draft is changed in place instead.
    """
    open_draft = publication.versions.filter(
        status__in=(VersionStatus.DRAFT, VersionStatus.IN_REVIEW)
    ).first()
    if open_draft is not None:
        shared = open_draft.status == VersionStatus.DRAFT and open_draft.reactions_document_id
        if not shared:
            raise ValidationError(
                f"Version {open_draft.number} is still a draft: change that one instead."
            )
        open_draft.status = VersionStatus.SUPERSEDED
        open_draft.superseded_at = clock.now()
        open_draft.save(update_fields=["status", "superseded_at", "updated_at"])
        audit_event_record(
            actor=actor,
            verb="superseded",
            target=open_draft,
            detail={"reason": "kept as shared for reactions; a new version was started"},
        )
    latest = publication.versions.order_by("-number").first()
    version = record_save(
        instance=PublicationVersion(
            publication=publication,
            number=_next_number(publication),
            as_of=latest.as_of if latest else clock.today(),
            created_by=_user(actor),
        ),
        actor=actor,
    )
    if latest is not None:
        Section.objects.bulk_create(
            Section(
                version=version,
                position=section.position,
                kind=section.kind,
                heading=section.heading,
                body=section.body,
                starts_new_page=section.starts_new_page,
            )
            for section in latest.sections.all()
        )
    return version


def _checksums(version: PublicationVersion) -> dict[str, str]:
    return {f"{output}_sha256": getattr(version, f"{output}_sha256") for output in OUTPUTS}


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) and actor.is_authenticated else None
