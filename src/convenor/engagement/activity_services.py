"""Writes to activities: details and status, write-up, materials, follow-ups and contributions.

Every function validates the whole row (full_clean) inside one transaction and records an audit
event saying who changed what. Nothing a participant said is dropped: an activity with
contributions cannot be deleted, and cancelling one keeps everything recorded about it.
"""

from __future__ import annotations

import datetime
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.storage import Storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from convenor.accounts.models import User
from convenor.core import clock
from convenor.core.events import SAID, event_announce
from convenor.core.services import audit_event_record, record_delete, record_save, record_update
from convenor.core.uploads import document_file_check
from convenor.engagement import workshops_services
from convenor.engagement.choices import ActivityKind, ActivityStatus
from convenor.engagement.models import (
    MATERIAL_EXTENSIONS,
    Activity,
    ActivityMaterial,
    Contribution,
    FollowUp,
)
from convenor.governance.models import Body
from convenor.stakeholders.models import Person
from convenor.strategy.models import Priority, Strategy

Actor = User | AnonymousUser | None

ACTIVITY_FIELDS = frozenset(
    {
        "kind",
        "title",
        "purpose",
        "priorities",
        "host",
        "body",
        "starts_at",
        "ends_at",
        "place",
        "online_url",
        "status",
        "agenda",
        "is_open_for_sign_up",
        "capacity",
    }
)
FOLLOW_UP_FIELDS = frozenset({"text", "owner", "due_on", "is_done"})
CONTRIBUTION_FIELDS = frozenset({"kind", "text", "author", "is_anonymous", "made_on", "priorities"})

# Kinds that happen in writing over a period, with no room or call to come to.
KINDS_WITHOUT_VENUE = frozenset(
    {
        ActivityKind.SURVEY,
        ActivityKind.DOCUMENT_REACTION_WINDOW,
        ActivityKind.RESEARCH_COMMENT_WINDOW,
    }
)
# Statuses saying the activity took place, which cannot be true before it starts.
STATUSES_AFTER_START = frozenset({ActivityStatus.HELD, ActivityStatus.WRITTEN_UP})


# Activities


def _priorities_check(*, strategy_id: int, priorities: Iterable[Priority]) -> None:
    foreign = [priority for priority in priorities if priority.strategy_id != strategy_id]
    if foreign:
        raise ValidationError(
            {
                "priorities": [
                    f"{priority} is a priority of another strategy." for priority in foreign
                ]
            }
        )


def _activity_rules_check(activity: Activity) -> None:
    """The rules an activity's values must meet together, beyond each field's own."""
    errors: dict[str, list[str]] = {}
    body = activity.body
    if body is not None and body.strategy_id != activity.strategy_id:
        errors["body"] = [f"{body} is a body of another strategy."]
    if activity.kind not in KINDS_WITHOUT_VENUE and not (
        activity.place.strip() or activity.online_url.strip()
    ):
        errors["place"] = ["Enter the place, or an online link, or both."]
    if activity.ends_at is not None and activity.ends_at < activity.starts_at:
        errors["ends_at"] = ["The activity cannot end before it starts."]
    if activity.status in STATUSES_AFTER_START and activity.starts_at > clock.now():
        label = ActivityStatus(activity.status).label
        errors["status"] = [
            f"The activity has not started yet: it cannot be “{label}” before it starts."
        ]
    if activity.status == ActivityStatus.WRITTEN_UP and not (
        activity.notes.strip() or activity.outputs.strip()
    ):
        errors.setdefault("status", []).append(
            "Write the activity up (notes or outputs) before marking it as written up."
        )
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def activity_create(
    *,
    actor: Actor,
    strategy: Strategy,
    kind: str,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime | None = None,
    purpose: str = "",
    priorities: Collection[Priority] = (),
    host: Person | None = None,
    body: Body | None = None,
    place: str = "",
    online_url: str = "",
    status: str = ActivityStatus.PLANNED,
    agenda: str = "",
    is_open_for_sign_up: bool = False,
    capacity: int | None = None,
) -> Activity:
    """Plan an activity of a strategy: a workshop, roundtable, survey or window."""
    chosen = list(priorities)
    _priorities_check(strategy_id=strategy.pk, priorities=chosen)
    activity = Activity(
        strategy=strategy,
        kind=kind,
        title=title,
        purpose=purpose,
        host=host,
        body=body,
        starts_at=starts_at,
        ends_at=ends_at,
        place=place,
        online_url=online_url,
        status=status,
        agenda=agenda,
        is_open_for_sign_up=is_open_for_sign_up,
        capacity=capacity,
    )
    _activity_rules_check(activity)
    record_save(instance=activity, actor=actor)
    if chosen:
        activity.priorities.set(chosen)
    return activity


@transaction.atomic
def activity_update(*, activity: Activity, actor: Actor, data: Mapping[str, Any]) -> Activity:
    """Change an activity's details or status; cancelling it keeps everything recorded."""
    if "priorities" in data:
        _priorities_check(strategy_id=activity.strategy_id, priorities=data["priorities"])
    was_status = activity.status
    # The rules are checked on a copy first, so a refused change leaves the activity untouched.
    candidate = Activity.objects.get(pk=activity.pk)
    for name, value in data.items():
        if name != "priorities":
            setattr(candidate, name, value)
    _activity_rules_check(candidate)
    if "capacity" in data:
        workshops_services.capacity_check(activity=activity, capacity=data["capacity"])
    activity, changed = record_update(
        instance=activity, actor=actor, data=data, fields=ACTIVITY_FIELDS
    )
    if "status" in changed:
        audit_event_record(
            actor=actor,
            verb="status changed",
            target=activity,
            detail={"from": was_status, "to": activity.status},
        )
    if "capacity" in changed:
        # More places (or no limit now): the first on the waiting list take them.
        workshops_services.waiting_list_promote(activity=activity, actor=actor)
    return activity


@transaction.atomic
def activity_write_up(*, activity: Activity, actor: Actor, notes: str, outputs: str) -> Activity:
    """Record what was discussed and what came out of it; the activity is then written up."""
    if activity.status == ActivityStatus.CANCELLED:
        raise ValidationError("This activity was cancelled: there is nothing to write up.")
    if not (notes.strip() or outputs.strip()):
        raise ValidationError({"notes": ["Enter the notes, the outputs, or both."]})
    if activity.starts_at > clock.now():
        raise ValidationError(
            "This activity has not started yet: write it up once it has taken place."
        )
    activity.notes = notes
    activity.outputs = outputs
    activity.status = ActivityStatus.WRITTEN_UP
    activity.written_up_at = clock.now()
    _activity_rules_check(activity)
    activity.full_clean()
    activity.save(update_fields=["notes", "outputs", "status", "written_up_at", "updated_at"])
    audit_event_record(actor=actor, verb="written up", target=activity)
    return activity


def activity_delete_refusal(activity: Activity) -> str | None:
    """Why `activity` may not be deleted (it holds contributions), or None if it may."""
    count = activity.contributions.count()
    if not count:
        return None
    noun = "contribution" if count == 1 else "contributions"
    return (
        f"{activity.title} cannot be deleted: it holds {count} {noun}, and nothing a "
        "participant said is dropped. Cancel the activity instead, or delete its "
        "contributions first if they were recorded by mistake."
    )


def activity_delete(*, activity: Activity, actor: Actor) -> None:
    """Delete an activity entered by mistake, with its materials, follow-ups and invitations."""
    refusal = activity_delete_refusal(activity)
    if refusal:
        raise ValidationError(refusal)
    files = [
        (material.file.storage, material.file.name)
        for material in activity.materials.exclude(file="")
    ]
    with transaction.atomic():
        record_delete(instance=activity, actor=actor)
        # The files go only once the rows are gone for good.
        transaction.on_commit(lambda: _files_delete(files))


def _files_delete(files: Iterable[tuple[Storage, str | None]]) -> None:
    for storage, name in files:
        if name:
            storage.delete(name)


# Materials


def material_file_check(file: UploadedFile) -> None:
    """Refuse a file that is too big, of a type not accepted, or not what its name claims."""
    document_file_check(file, what="materials", extensions=MATERIAL_EXTENSIONS)


@transaction.atomic
def material_add(
    *,
    actor: Actor,
    activity: Activity,
    title: str,
    file: UploadedFile | None = None,
    url: str = "",
) -> ActivityMaterial:
    """Add a file or a link to an activity's materials, checking a file is what it claims."""
    if file is not None and url:
        raise ValidationError({"url": ["Give a file or a link, not both."]})
    if file is None and not url:
        raise ValidationError({"file": ["Choose a file to upload, or give a link."]})
    if file is not None:
        material_file_check(file)
    material = ActivityMaterial(activity=activity, title=title, url=url)
    if file is not None:
        material.file = file  # type: ignore[assignment]
    return record_save(instance=material, actor=actor)


def material_delete(*, material: ActivityMaterial, actor: Actor) -> None:
    """Remove a material; its file is deleted once the removal is committed."""
    files = [(material.file.storage, material.file.name)] if material.file else []
    with transaction.atomic():
        record_delete(instance=material, actor=actor)
        transaction.on_commit(lambda: _files_delete(files))


# Follow-up actions


@transaction.atomic
def follow_up_create(
    *,
    actor: Actor,
    activity: Activity,
    text: str,
    owner: Person | None = None,
    due_on: datetime.date | None = None,
    is_done: bool = False,
) -> FollowUp:
    """Record something agreed at an activity that someone will do."""
    follow_up = FollowUp(activity=activity, text=text, owner=owner, due_on=due_on, is_done=is_done)
    return record_save(instance=follow_up, actor=actor)


@transaction.atomic
def follow_up_update(*, follow_up: FollowUp, actor: Actor, data: Mapping[str, Any]) -> FollowUp:
    """Change a follow-up action: what, who, by when, whether it is done."""
    return record_update(instance=follow_up, actor=actor, data=data, fields=FOLLOW_UP_FIELDS)[0]


def follow_up_delete(*, follow_up: FollowUp, actor: Actor) -> None:
    """Remove a follow-up action recorded by mistake."""
    record_delete(instance=follow_up, actor=actor)


# Contributions


def _contribution_check(*, activity: Activity, text: str, made_on: datetime.date) -> None:
    errors: dict[str, list[str]] = {}
    if not text.strip():
        errors["text"] = ["Enter what they said."]
    if made_on > clock.today():
        errors["made_on"] = ["The date cannot be in the future."]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def contribution_create(
    *,
    actor: Actor,
    activity: Activity,
    kind: str,
    text: str,
    made_on: datetime.date,
    author: Person | None = None,
    is_anonymous: bool = False,
    priorities: Collection[Priority] = (),
) -> Contribution:
    """Record what someone said or wrote in an activity, exactly as given, tagged to priorities."""
    chosen = list(priorities)
    _priorities_check(strategy_id=activity.strategy_id, priorities=chosen)
    _contribution_check(activity=activity, text=text, made_on=made_on)
    contribution = Contribution(
        activity=activity,
        kind=kind,
        text=text,
        author=author,
        is_anonymous=is_anonymous,
        made_on=made_on,
        recorded_by=actor if isinstance(actor, User) else None,
    )
    record_save(instance=contribution, actor=actor)
    if chosen:
        contribution.priorities.set(chosen)
    event_announce(name=SAID, strategy_id=activity.strategy_id)
    return contribution


@transaction.atomic
def contribution_update(
    *, contribution: Contribution, actor: Actor, data: Mapping[str, Any]
) -> Contribution:
    """Correct a contribution: its kind, words, author, anonymity, date or priorities."""
    if "priorities" in data:
        _priorities_check(
            strategy_id=contribution.activity.strategy_id, priorities=data["priorities"]
        )
    _contribution_check(
        activity=contribution.activity,
        text=data.get("text", contribution.text),
        made_on=data.get("made_on", contribution.made_on),
    )
    updated = record_update(
        instance=contribution, actor=actor, data=data, fields=CONTRIBUTION_FIELDS
    )[0]
    event_announce(name=SAID, strategy_id=contribution.activity.strategy_id)
    return updated


def contribution_delete(*, contribution: Contribution, actor: Actor) -> None:
    """Delete a contribution recorded by mistake; the audit trail keeps who deleted it."""
    record_delete(instance=contribution, actor=actor)
