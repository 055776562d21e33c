"""Writes shared by every app: saving a validated row and recording it in the audit trail."""

from __future__ import annotations

from collections.abc import Collection, Mapping
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


@transaction.atomic
def record_update(
    *, instance: M, actor: Any, data: Mapping[str, Any], fields: Collection[str]
) -> tuple[M, list[str]]:
    """Apply `data` to `instance` (only the named `fields`), then validate, save and audit it.

    Returns the instance and the names of the fields that changed; when nothing changed, nothing
    is saved and no audit event is recorded, so the trail lists only real changes.
    """
    unknown = set(data) - set(fields)
    if unknown:
        raise ValueError(f"Cannot update {', '.join(sorted(unknown))} here")
    changed: list[str] = []
    many_to_many: dict[str, set[Any]] = {}
    for name, value in data.items():
        field = instance._meta.get_field(name)
        if not isinstance(field, models.Field):
            raise ValueError(f"{name} is a relation declared on another model")
        if field.many_to_many:
            wanted = {item.pk for item in value}
            current = set(getattr(instance, name).values_list("pk", flat=True))
            if wanted != current:
                many_to_many[name] = wanted
                changed.append(name)
        elif field.is_relation:
            # Compare keys, not objects, so an unchanged relation costs no query.
            new_id = value.pk if value is not None else None
            if getattr(instance, field.attname) != new_id:
                setattr(instance, name, value)
                changed.append(name)
        elif getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    if not changed:
        return instance, []
    instance.full_clean()
    instance.save()
    for name, ids in many_to_many.items():
        getattr(instance, name).set(ids)
    audit_event_record(
        actor=actor, verb="changed", target=instance, detail={"fields": sorted(changed)}
    )
    return instance, changed
