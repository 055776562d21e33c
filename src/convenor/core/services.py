"""Writes shared by every app: saving a validated row and recording it in the audit trail."""

from __future__ import annotations

from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from convenor.core.models import AuditEvent

M = TypeVar("M", bound=models.Model)


def audit_event_record(
    *, actor: Any, verb: str, target: models.Model, detail: dict[str, Any] | None = None
) -> AuditEvent:
    """Record that `actor` did `verb` to `target`; `actor` may be anonymous or None (the system)."""
    return AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        verb=verb,
        target_type=ContentType.objects.get_for_model(target, for_concrete_model=False),
        target_id=str(target.pk),
        target_repr=str(target)[:300],
        detail=detail or {},
    )


@transaction.atomic
def record_save(*, instance: M, actor: Any, changed: list[str] | None = None) -> M:
    """Validate and save `instance`, and record its creation or change in the audit trail."""
    creating = instance._state.adding
    instance.full_clean()
    instance.save()
    detail = {"fields": sorted(changed)} if changed else {}
    audit_event_record(
        actor=actor, verb="created" if creating else "changed", target=instance, detail=detail
    )
    return instance


@transaction.atomic
def record_delete(*, instance: models.Model, actor: Any) -> None:
    """Delete `instance`, keeping a record in the audit trail of what it was and who removed it."""
    audit_event_record(actor=actor, verb="deleted", target=instance)
    instance.delete()
