"""Writes to the evidence base: adding, changing and deleting evidence items and their files.

Every function validates inside one transaction, records an audit event and rebuilds the item's
search terms. An uploaded file is checked by its contents, not its name, before it is stored; a
replaced or deleted item's old file goes only once the change is committed. Members of steering
bodies tag items only with the priorities (and lines of enquiry) their bodies steer.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import ProtectedError

from convenor.accounts.models import User
from convenor.core.services import (
    audit_event_record,
    record_delete,
    record_save,
    record_update,
)
from convenor.core.uploads import document_file_check
from convenor.evidence.choices import EvidenceKind, QualityRating, Visibility
from convenor.evidence.models import (
    EVIDENCE_EXTENSIONS,
    EvidenceItem,
    Indicator,
    ProjectBrief,
)
from convenor.evidence.search import evidence_terms_refresh
from convenor.strategy.models import LineOfEnquiry, Priority, Strategy

Actor = User | AnonymousUser | None

# What evidence_item_update may change (the file goes through its own arguments).
ITEM_FIELDS = frozenset(
    {
        "title",
        "kind",
        "source",
        "author",
        "summary",
        "key_findings",
        "url",
        "published_on",
        "priorities",
        "lines_of_enquiry",
        "geography",
        "quality",
        "quality_reason",
        "visibility",
        "brief",
        "indicators",
        "key",
        "is_illustrative",
    }
)
IN_USE_MESSAGE = (
    "This item cannot be deleted while a comment window is on it: delete the window first, "
    "or keep the item."
)


def evidence_file_check(file: UploadedFile) -> None:
    """Refuse a file that is too big, of a type not accepted, or not what its name claims."""
    document_file_check(file, what="evidence items", extensions=EVIDENCE_EXTENSIONS)


def _priorities_check(*, strategy: Strategy, priorities: Iterable[Priority]) -> None:
    foreign = [p for p in priorities if p.strategy_id != strategy.pk]
    if foreign:
        raise ValidationError(
            {"priorities": [f"{p} is a priority of another strategy." for p in foreign]}
        )


def _lines_check(
    *, priorities: Iterable[Priority], lines_of_enquiry: Iterable[LineOfEnquiry]
) -> None:
    """Refuse a line of enquiry whose priority the item is not tagged with."""
    tagged = {p.pk for p in priorities}
    stray = [line for line in lines_of_enquiry if line.priority_id not in tagged]
    if stray:
        raise ValidationError(
            {
                "lines_of_enquiry": [
                    f"“{line}” is a line of enquiry of a priority this item is not tagged "
                    "with: tick that priority too, or untick the line."
                    for line in stray
                ]
            }
        )


def _relations_check(
    *, strategy: Strategy, brief: ProjectBrief | None, indicators: Iterable[Indicator]
) -> None:
    """Refuse a brief or an indicator belonging to another strategy."""
    errors: dict[str, list[str]] = {}
    if brief is not None and brief.priority.strategy_id != strategy.pk:
        errors["brief"] = ["This brief belongs to another strategy."]
    foreign = [i for i in indicators if i.strategy_id != strategy.pk]
    if foreign:
        errors["indicators"] = [f"{i} is an indicator of another strategy." for i in foreign]
    if errors:
        raise ValidationError(errors)


def _quality_check(*, quality: str, quality_reason: str) -> None:
    """A rating needs its reason (the database insists too; this says so on the field)."""
    if quality and not quality_reason.strip():
        label = QualityRating(quality).label
        raise ValidationError(
            {
                "quality_reason": [
                    f"Give the reason for rating it “{label}”: say why the evidence can be "
                    "relied on that far."
                ]
            }
        )


def _tagging_check(
    *,
    actor: Actor,
    priorities_before: Iterable[Priority],
    priorities_after: Iterable[Priority],
    lines_before: Iterable[LineOfEnquiry],
    lines_after: Iterable[LineOfEnquiry],
) -> None:
    """Members of steering bodies tag and untag only the priorities (and lines) they steer.

    Staff may tag anything; None is the system (the scenario loader), which is trusted. A
    member must also leave one of their priorities on the item, or they could not change it.
    """
    if actor is None or actor.is_staff:
        return
    before, after = set(priorities_before), set(priorities_after)
    steered = {p.pk for p in before | after if actor.has_perm("evidence.add_evidenceitem", p)}
    not_theirs = sorted(
        (p for p in before ^ after if p.pk not in steered), key=lambda p: (p.number, p.pk)
    )
    if not_theirs:
        names = "; ".join(f"priority {p.number}, {p.title}" for p in not_theirs)
        raise ValidationError(
            {
                "priorities": [
                    "You can tag evidence only with the priorities your groups steer: you "
                    f"cannot add or remove {names}."
                ]
            }
        )
    if not any(p.pk in steered for p in after):
        raise ValidationError(
            {"priorities": ["Tick at least one of the priorities your groups steer."]}
        )
    changed_lines = set(lines_before) ^ set(lines_after)
    stray = [line for line in changed_lines if line.priority_id not in steered]
    if stray:
        raise ValidationError(
            {
                "lines_of_enquiry": [
                    "You can link evidence only to lines of enquiry of the priorities your "
                    f"groups steer: not “{line}”."
                    for line in stray
                ]
            }
        )


def _source_check(*, file: Any, url: str) -> None:
    if file and url:
        raise ValidationError({"url": ["Give a file or a link, not both."]})
    if not file and not url:
        raise ValidationError({"file": ["Upload a file or give a link to where it is published."]})


def _files_delete(files: Iterable[tuple[Storage, str]]) -> None:
    for storage, name in files:
        if name:
            storage.delete(name)


def _stored_file_discard(item: EvidenceItem) -> None:
    """Delete the file just written for `item` (saving it commits it), if it was written."""
    if item.file and getattr(item.file, "_committed", False) and item.file.name:
        item.file.storage.delete(item.file.name)


def evidence_item_create(
    *,
    actor: Actor,
    strategy: Strategy,
    title: str,
    summary: str,
    kind: str = EvidenceKind.PUBLISHED_REPORT,
    source: str = "",
    author: str = "",
    key_findings: str = "",
    file: UploadedFile | None = None,
    url: str = "",
    published_on: datetime.date | None = None,
    priorities: Iterable[Priority] = (),
    lines_of_enquiry: Iterable[LineOfEnquiry] = (),
    geography: str = "",
    quality: str = "",
    quality_reason: str = "",
    visibility: str = Visibility.STAFF,
    brief: ProjectBrief | None = None,
    indicators: Iterable[Indicator] = (),
    key: str = "",
    is_illustrative: bool = False,
) -> EvidenceItem:
    """Add an evidence item with its file (checked by its contents) or its link.

    Everything is checked before anything is written, so a refused item leaves no row, no file
    in storage and no search terms.
    """
    priorities, lines, indicators = list(priorities), list(lines_of_enquiry), list(indicators)
    _priorities_check(strategy=strategy, priorities=priorities)
    _tagging_check(
        actor=actor,
        priorities_before=[],
        priorities_after=priorities,
        lines_before=[],
        lines_after=lines,
    )
    _lines_check(priorities=priorities, lines_of_enquiry=lines)
    _relations_check(strategy=strategy, brief=brief, indicators=indicators)
    _quality_check(quality=quality, quality_reason=quality_reason)
    _source_check(file=file, url=url)
    if file is not None:
        evidence_file_check(file)
    item = EvidenceItem(
        strategy=strategy,
        key=key,
        title=title,
        kind=kind,
        source=source,
        author=author,
        summary=summary,
        key_findings=key_findings,
        url=url,
        published_on=published_on,
        geography=geography,
        quality=quality,
        quality_reason=quality_reason,
        visibility=visibility,
        brief=brief,
        is_illustrative=is_illustrative,
    )
    if file is not None:
        item.file = file  # type: ignore[assignment]
    try:
        with transaction.atomic():
            item = record_save(instance=item, actor=actor)
            item.priorities.set(priorities)
            item.lines_of_enquiry.set(lines)
            item.indicators.set(indicators)
            evidence_terms_refresh(item=item)
    except Exception:
        # The row is rolled back; a file already written to storage must not outlive it.
        _stored_file_discard(item)
        raise
    return item


def evidence_item_update(
    *,
    actor: Actor,
    item: EvidenceItem,
    file: UploadedFile | None = None,
    remove_file: bool = False,
    **data: Any,
) -> list[str]:
    """Change an item's details; a new file replaces the old one; return the fields changed.

    `remove_file` drops the stored file (a link must then be given). The old file is deleted
    from storage only once the change is committed. The search terms are rebuilt every time.
    """
    unknown = set(data) - ITEM_FIELDS
    if unknown:
        raise ValueError(f"Cannot update {', '.join(sorted(unknown))} here")
    old = (item.file.storage, item.file.name or "") if item.file else None
    kept: Any = None if remove_file else item.file
    priorities_before = list(item.priorities.all())
    lines_before = list(item.lines_of_enquiry.all())
    priorities = list(data.get("priorities", priorities_before))
    lines = list(data.get("lines_of_enquiry", lines_before))
    _priorities_check(strategy=item.strategy, priorities=priorities)
    _tagging_check(
        actor=actor,
        priorities_before=priorities_before,
        priorities_after=priorities,
        lines_before=lines_before,
        lines_after=lines,
    )
    _lines_check(priorities=priorities, lines_of_enquiry=lines)
    _relations_check(
        strategy=item.strategy,
        brief=data.get("brief"),
        indicators=data.get("indicators", ()),
    )
    _quality_check(
        quality=data.get("quality", item.quality),
        quality_reason=data.get("quality_reason", item.quality_reason),
    )
    _source_check(file=file if file is not None else kept, url=data.get("url", item.url))
    if file is not None:
        evidence_file_check(file)
    file_changed = file is not None or (remove_file and bool(item.file))
    try:
        with transaction.atomic():
            if file_changed:
                item.file = file if file is not None else ""  # type: ignore[assignment]
            _, changed = record_update(instance=item, actor=actor, data=data, fields=ITEM_FIELDS)
            if file_changed:
                if changed:
                    # Saved with the other fields; the trail still says the file changed.
                    audit_event_record(
                        actor=actor, verb="changed", target=item, detail={"fields": ["file"]}
                    )
                else:
                    record_save(instance=item, actor=actor, changed=["file"])
                changed = sorted([*changed, "file"])
                if old is not None:
                    transaction.on_commit(lambda: _files_delete([old]))
            evidence_terms_refresh(item=item)
    except Exception:
        # A new file written before the change failed must not stay in storage.
        if file is not None:
            _stored_file_discard(item)
        raise
    return changed


def evidence_item_delete(*, actor: Actor, item: EvidenceItem) -> None:
    """Delete an item and its file; refused while something (a comment window) protects it."""
    files = [(item.file.storage, item.file.name or "")] if item.file else []
    try:
        with transaction.atomic():
            record_delete(instance=item, actor=actor)
            transaction.on_commit(lambda: _files_delete(files))
    except ProtectedError as error:
        raise ValidationError(IN_USE_MESSAGE) from error
