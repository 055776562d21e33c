"""Reads behind the publishing pages: lists, one version with all it shows, who may sign, the
diff between two versions, and the check of each file on disk against its signed checksum.

Each function fetches what its page shows in a fixed number of queries, whatever the data.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet

from convenor.accounts.models import User
from convenor.engagement.models import Document
from convenor.governance.models import Body, Membership
from convenor.meetings.models import AgendaItem
from convenor.publishing.blocks import BuiltDocument, BuiltSection, Paragraph
from convenor.publishing.choices import BuildStatus, VersionStatus
from convenor.publishing.models import (
    OUTPUTS,
    LintFinding,
    LintWaiver,
    Publication,
    PublicationVersion,
    Section,
)
from convenor.publishing.services import sha256_of
from convenor.strategy.models import Strategy

# What each output is called on the pages, and the type it is served as.
OUTPUT_NAMES = {"html": "Web page (HTML)", "pdf": "PDF", "docx": "Word document (DOCX)"}
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}

_VERSION_RELATED = ("publication__strategy", "signer", "signer_body", "reactions_document")


def _versions_newest_first() -> QuerySet[PublicationVersion]:
    return PublicationVersion.objects.select_related("signer", "signer_body").order_by("-number")


# --- Staff -----------------------------------------------------------------------------------


def publication_list_staff(*, strategy: Strategy) -> list[Publication]:
    """The strategy's publications, each with `latest` and `published` versions set (or None)."""
    publications = list(
        Publication.objects.filter(strategy=strategy)
        .prefetch_related(Prefetch("versions", queryset=_versions_newest_first()))
        .order_by("kind", "title")
    )
    for publication in publications:
        versions = list(publication.versions.all())
        publication.latest = versions[0] if versions else None  # type: ignore[attr-defined]
        publication.published = next(  # type: ignore[attr-defined]
            (v for v in versions if v.status == VersionStatus.PUBLISHED), None
        )
    return publications


def publication_get(*, strategy: Strategy, slug: str) -> Publication | None:
    """One publication of the strategy with its versions, newest first, prefetched."""
    return (
        Publication.objects.filter(strategy=strategy, slug=slug)
        .select_related("strategy", "agenda_item__meeting")
        .prefetch_related(Prefetch("versions", queryset=_versions_newest_first()))
        .first()
    )


def version_get(*, publication: Publication, number: int) -> PublicationVersion | None:
    """One version of the publication, with who signs it and for which body."""
    return (
        PublicationVersion.objects.filter(publication=publication, number=number)
        .select_related(*_VERSION_RELATED)
        .first()
    )


def version_sections(*, version: PublicationVersion) -> list[Section]:
    """The version's sections in order."""
    return list(version.sections.order_by("position", "id"))


def version_findings(*, version: PublicationVersion) -> list[LintFinding]:
    """The last build's lint findings, each with its section, in document order."""
    return list(LintFinding.objects.filter(version=version).select_related("section"))


def version_waivers(*, version: PublicationVersion) -> list[LintWaiver]:
    """The version's lint waivers, each with its section and who waived it."""
    return list(LintWaiver.objects.filter(version=version).select_related("section", "waived_by"))


def findings_marked(
    *, findings: list[LintFinding], waivers: list[LintWaiver]
) -> list[dict[str, Any]]:
    """Each finding with `waived`: whether a waiver (whole version or its section) covers it."""
    waived = {(w.code, w.section_id) for w in waivers}
    return [
        {
            "finding": finding,
            # Which finding a re-shown waiver form belongs to: "questions:12", or "questions:".
            "key": f"{finding.code}:{finding.section_id or ''}",
            "waived": (finding.code, None) in waived
            or (finding.code, finding.section_id) in waived,
        }
        for finding in findings
    ]


def words_in(text: str) -> int:
    """How many words a section's Markdown holds (markup characters are not words)."""
    return len(re.findall(r"[A-Za-z0-9\u2019'][A-Za-z0-9\u2019'\-]*", text))


def sections_readability(*, sections: list[Section]) -> dict[int, float | None]:
    """Flesch reading ease of each section's written text, by section id (None: too short).

    Computed from the text staff wrote (a paragraph per blank-line block), not from a full build,
    so the page costs no queries of the record; generated parts are tables and lists, which a
    reading-ease score does not describe.
    """
    from convenor.publishing import lints

    readability = getattr(lints, "section_readability", None)
    if readability is None:
        return {}
    document = BuiltDocument(
        title="",
        kind_label="",
        strategy_name="",
        organisation="",
        as_of_text="",
        version_number=0,
        language="en-GB",
        sections=[
            BuiltSection(
                section_id=section.pk,
                anchor=f"section-{section.pk}",
                heading=section.heading,
                blocks=[
                    Paragraph.of(re.sub(r"^[#>\-*\d.\s]+", "", block.strip()))
                    for block in re.split(r"\n\s*\n", section.body)
                    if block.strip()
                ],
            )
            for section in sections
        ],
    )
    try:
        scores: dict[int, float | None] = dict(readability(document))
    except Exception:
        return {}
    return scores


def signer_choices(*, strategy: Strategy) -> list[tuple[str, str]]:
    """Who may be asked to sign off: "<user id>:<body id>" and "Stacey King — Enterprise M3
    Board", for each current member with an account of each of the strategy's bodies."""
    from convenor.core import clock

    today = clock.today()
    memberships = (
        Membership.objects.filter(body__strategy=strategy, person__user__isnull=False)
        .exclude(starts_on__gt=today)
        .exclude(ends_on__lt=today)
        .select_related("person", "body")
        .order_by("body__name", "person__name")
    )
    return [
        (f"{m.person.user_id}:{m.body_id}", f"{m.person.name} — {m.body.name}") for m in memberships
    ]


def signer_parse(*, strategy: Strategy, value: str) -> tuple[User, Body] | None:
    """The user and body a signer choice names, if both exist (the service checks membership)."""
    user_id, _, body_id = value.partition(":")
    if not (user_id.isdigit() and body_id.isdigit()):
        return None
    user = User.objects.filter(pk=int(user_id)).first()
    body = Body.objects.filter(pk=int(body_id), strategy=strategy).first()
    if user is None or body is None:
        return None
    return user, body


def agenda_item_choices(*, strategy: Strategy) -> QuerySet[AgendaItem]:
    """The agenda items of the strategy's meetings, for a board paper to be written for."""
    return (
        AgendaItem.objects.filter(meeting__strategy=strategy)
        .select_related("meeting")
        .order_by("-meeting__starts_at", "order")
    )


def reactions_document_choices(*, strategy: Strategy) -> QuerySet[Document]:
    """The strategy's documents the sounding board may react to a draft in."""
    return Document.objects.filter(strategy=strategy).order_by("title")


# --- Comparing versions ----------------------------------------------------------------------


@dataclass(frozen=True)
class DiffRow:
    """One line of a side-by-side comparison: what each version says, and how it changed."""

    change: str  # "same", "removed", "added" or "changed"
    left: str
    right: str


def version_text(*, version: PublicationVersion) -> list[str]:
    """A version's sections as lines: each heading (marked as such), then its text's lines."""
    lines: list[str] = []
    for section in version.sections.order_by("position", "id"):
        lines.append(f"Section: {section.heading}")
        lines.extend(line for line in section.body.splitlines() if line.strip())
    return lines


def versions_diff(*, old: PublicationVersion, new: PublicationVersion) -> list[DiffRow]:
    """The two versions' headings and text side by side, each row marked same/removed/added."""
    left, right = version_text(version=old), version_text(version=new)
    rows: list[DiffRow] = []
    matcher = difflib.SequenceMatcher(a=left, b=right, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            rows.extend(DiffRow("same", line, line) for line in left[i1:i2])
        elif tag == "delete":
            rows.extend(DiffRow("removed", line, "") for line in left[i1:i2])
        elif tag == "insert":
            rows.extend(DiffRow("added", "", line) for line in right[j1:j2])
        else:
            olds, news = left[i1:i2], right[j1:j2]
            for index in range(max(len(olds), len(news))):
                before = olds[index] if index < len(olds) else ""
                after = news[index] if index < len(news) else ""
                change = "changed" if before and after else ("removed" if before else "added")
                rows.append(DiffRow(change, before, after))
    return rows


# --- Signers ---------------------------------------------------------------------------------


def versions_awaiting_sign_off(*, user: Any) -> list[PublicationVersion]:
    """The versions waiting for this person's sign-off (none for anyone signed out)."""
    if not user.is_authenticated:
        return []
    return list(
        PublicationVersion.objects.filter(signer=user, status=VersionStatus.IN_REVIEW)
        .select_related(*_VERSION_RELATED)
        .order_by("review_requested_at", "pk")
    )


def version_get_by_pk(*, pk: int) -> PublicationVersion | None:
    """A version by its id, with its publication, strategy, signer and body."""
    return PublicationVersion.objects.filter(pk=pk).select_related(*_VERSION_RELATED).first()


# --- Public ----------------------------------------------------------------------------------


def publication_list_public(*, strategy: Strategy) -> list[Publication]:
    """The strategy's publications with a published version, each with `published` set."""
    publications: list[Publication] = list(
        Publication.objects.filter(strategy=strategy, versions__status=VersionStatus.PUBLISHED)
        .distinct()
        .prefetch_related(
            Prefetch(
                "versions",
                queryset=_versions_newest_first().filter(status=VersionStatus.PUBLISHED),
                to_attr="published_versions",
            )
        )
        .order_by("kind", "title")
    )
    for publication in publications:
        publication.published = publication.published_versions[0]  # type: ignore[attr-defined]
    return publications


def publication_reactions_draft(*, publication: Publication) -> PublicationVersion | None:
    """The newest draft shared for sounding board reactions, from the prefetched versions.

    A draft never published, still open or superseded since by a published version: the
    sounding board's reactions to it stay where they were made, and the page links to them.
    """
    for version in publication.versions.all():
        if version.published_at is None and version.reactions_document_id is not None:
            return version
    return None


def version_in_review_or_published(version: PublicationVersion) -> bool:
    """Whether the version has files worth listing (built, whatever its status)."""
    return version.build_status == BuildStatus.BUILT or version.is_fixed


# --- Files -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FileCheck:
    """One output file of a version: what it is, its size, and whether it is still as signed."""

    output: str
    name: str
    filename: str
    size: int | None
    signed_sha256: str
    current_sha256: str
    matches: bool
    missing: bool


def version_files_check(version: PublicationVersion) -> list[FileCheck]:
    """Each of the version's files read from storage now and hashed against its recorded SHA-256.

    Read every time the page is shown: a file changed on disk since it was signed off shows as
    not matching; a file gone shows as missing.
    """
    rows = []
    for output in OUTPUTS:
        field = getattr(version, f"{output}_file")
        signed = getattr(version, f"{output}_sha256")
        current = ""
        size: int | None = None
        missing = not field
        if field:
            try:
                with field.storage.open(field.name, "rb") as handle:
                    content = handle.read()
            except (OSError, ValueError):
                missing = True
            else:
                size = len(content)
                current = sha256_of(content)
        rows.append(
            FileCheck(
                output=output,
                name=OUTPUT_NAMES[output],
                filename=os.path.basename(field.name or ""),
                size=size,
                signed_sha256=signed,
                current_sha256=current,
                matches=bool(signed) and current == signed,
                missing=missing,
            )
        )
    return rows
