"""Writes to the evidence base: adding, changing and deleting evidence items and their files.

Every function validates inside one transaction and records an audit event. An uploaded file is
checked by its contents, not its name, before it is stored; a replaced or deleted item's old
file goes only once the change is committed.
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
from convenor.evidence.models import EVIDENCE_EXTENSIONS, EvidenceItem
from convenor.strategy.models import Priority, Strategy

Actor = User | AnonymousUser | None

ITEM_FIELDS = frozenset({"title", "summary", "url", "published_on", "priorities", "key"})
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


def _source_check(*, file: Any, url: str) -> None:
    if file and url:
        raise ValidationError({"url": ["Give a file or a link, not both."]})
    if not file and not url:
        raise ValidationError({"file": ["Upload a file or give a link to where it is published."]})


def _files_delete(files: Iterable[tuple[Storage, str]]) -> None:
    for storage, name in files:
        if name:
            storage.delete(name)


@transaction.atomic
def evidence_item_create(
    *,
    actor: Actor,
    strategy: Strategy,
    title: str,
    summary: str,
    file: UploadedFile | None = None,
    url: str = "",
    published_on: datetime.date | None = None,
    priorities: Iterable[Priority] = (),
    key: str = "",
    is_illustrative: bool = False,
) -> EvidenceItem:
    """Add an evidence item with its file (checked by its contents) or its link."""
    priorities = list(priorities)
    _priorities_check(strategy=strategy, priorities=priorities)
    _source_check(file=file, url=url)
    if file is not None:
        evidence_file_check(file)
    item = EvidenceItem(
        strategy=strategy,
        key=key,
        title=title,
        summary=summary,
        url=url,
        published_on=published_on,
        is_illustrative=is_illustrative,
    )
    if file is not None:
        item.file = file  # type: ignore[assignment]
    item = record_save(instance=item, actor=actor)
    item.priorities.set(priorities)
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
    from storage only once the change is committed.
    """
    old = (item.file.storage, item.file.name or "") if item.file else None
    kept: Any = None if remove_file else item.file
    _source_check(file=file if file is not None else kept, url=data.get("url", item.url))
    if "priorities" in data:
        _priorities_check(strategy=item.strategy, priorities=data["priorities"])
    if file is not None:
        evidence_file_check(file)
    file_changed = file is not None or (remove_file and bool(item.file))
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
