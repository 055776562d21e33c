"""Writes to statements: votes, participants' submissions, staff seeding, editing and moderation.

A vote is an upsert relying on the one-vote-per-person unique constraint, so two requests from
the same person at once leave one vote, and many voters at once lose none. Every staff change
and every moderation action is an audit event; a submitted statement waits for moderation.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from convenor.accounts.models import User
from convenor.core.events import VOTED, event_announce
from convenor.core.services import audit_event_record, record_delete, record_save, record_update
from convenor.engagement import statements_mail
from convenor.engagement.choices import ContentStatus, StatementKind, VoteChoice
from convenor.engagement.models import Participant, Statement, Vote
from convenor.stakeholders.models import Person
from convenor.strategy.models import Priority, Strategy

Actor = User | AnonymousUser | None

# The posting limit: how many statements one person may submit within the window.
SUBMISSION_LIMIT = 5
SUBMISSION_WINDOW = datetime.timedelta(minutes=10)
TEXT_MAX = 400

STATEMENT_FIELDS = frozenset({"kind", "text", "priority"})
# What staff seed: the participants' own kind comes only through submission.
SEEDED_KINDS = (StatementKind.INTERVENTION, StatementKind.NARRATIVE)


class PostingLimitReached(Exception):
    """A person has submitted as many statements as the limit allows for now."""

    def __init__(self, retry_at: datetime.datetime) -> None:
        super().__init__(f"Too many statements submitted; try again at {retry_at:%H:%M}.")
        self.retry_at = retry_at


# Votes


def vote_cast(*, statement: Statement, person: Person, choice: str) -> Vote:
    """Record or change the person's vote on a published statement: one vote each, always."""
    if choice not in VoteChoice.values:
        raise ValidationError({"choice": ["Choose agree, disagree or pass."]})
    if statement.status != ContentStatus.PUBLISHED:
        raise ValidationError("This statement is not open to votes.")
    # update_or_create locks the row if it exists and, if two requests both find none, the
    # unique constraint refuses the second insert and it updates the first one's row instead.
    vote, _created = Vote.objects.update_or_create(
        statement=statement, person=person, defaults={"choice": choice}
    )
    event_announce(name=VOTED, strategy_id=statement.strategy_id)
    return vote


# Submissions


def _text_check(text: str, *, field: str = "text") -> str:
    cleaned = text.strip()
    if not cleaned:
        raise ValidationError({field: ["Enter the statement."]})
    if len(cleaned) > TEXT_MAX:
        raise ValidationError(
            {
                field: [
                    f"A statement must be {TEXT_MAX} characters or fewer: this is {len(cleaned)}."
                ]
            }
        )
    return cleaned


def _priority_check(*, strategy: Strategy, priority: Priority | None) -> None:
    if priority is not None and priority.strategy_id != strategy.pk:
        raise ValidationError({"priority": [f"{priority} is a priority of another strategy."]})


def submission_retry_at(*, person: Person, strategy: Strategy) -> datetime.datetime | None:
    """When the person may submit again, or None if they are within the posting limit."""
    # created_at holds the real time of submission, so the window is measured in real time.
    since = timezone.now() - SUBMISSION_WINDOW
    recent = list(
        Statement.objects.filter(strategy=strategy, submitted_by=person, created_at__gte=since)
        .order_by("-created_at")
        .values_list("created_at", flat=True)[:SUBMISSION_LIMIT]
    )
    if len(recent) < SUBMISSION_LIMIT:
        return None
    return recent[-1] + SUBMISSION_WINDOW


@transaction.atomic
def statement_submit(
    *, participant: Participant, text: str, priority: Priority | None = None
) -> Statement:
    """A member submits a statement; it waits for moderation before anyone else sees it.

    Raises PostingLimitReached past the limit; the participant's row is locked first so that
    submissions sent at once are counted one after the other.
    """
    strategy = participant.sounding_board.strategy
    person = participant.person
    Participant.objects.select_for_update().filter(pk=participant.pk).first()
    cleaned = _text_check(text)
    _priority_check(strategy=strategy, priority=priority)
    retry_at = submission_retry_at(person=person, strategy=strategy)
    if retry_at is not None:
        raise PostingLimitReached(retry_at)
    statement = Statement(
        strategy=strategy,
        kind=StatementKind.PARTICIPANT,
        text=cleaned,
        priority=priority,
        submitted_by=person,
        status=ContentStatus.PENDING,
    )
    statement.full_clean()
    statement.save()
    audit_event_record(actor=person.user, verb="submitted", target=statement)
    return statement


# Staff: seeding, editing and deleting


@transaction.atomic
def statement_create(
    *,
    actor: Actor,
    strategy: Strategy,
    kind: str,
    text: str,
    priority: Priority | None = None,
    key: str = "",
    is_illustrative: bool = False,
) -> Statement:
    """Seed a statement for participants to vote on: published at once."""
    if kind not in SEEDED_KINDS:
        raise ValidationError({"kind": ["Choose a candidate intervention or a narrative claim."]})
    cleaned = _text_check(text)
    _priority_check(strategy=strategy, priority=priority)
    statement = Statement(
        strategy=strategy,
        key=key,
        kind=kind,
        text=cleaned,
        priority=priority,
        status=ContentStatus.PUBLISHED,
        is_illustrative=is_illustrative,
    )
    return record_save(instance=statement, actor=actor)


@transaction.atomic
def statement_update(*, statement: Statement, actor: Actor, data: Mapping[str, Any]) -> Statement:
    """Change a statement's kind, words or priority."""
    changes = dict(data)
    if "text" in changes:
        changes["text"] = _text_check(changes["text"])
    if "priority" in changes:
        _priority_check(strategy=statement.strategy, priority=changes["priority"])
    return record_update(instance=statement, actor=actor, data=changes, fields=STATEMENT_FIELDS)[0]


def statement_delete_refusal(statement: Statement) -> str | None:
    """Why the statement may not be deleted (people voted on it), or None if it may."""
    count = statement.votes.count()
    if not count:
        return None
    noun = "vote" if count == 1 else "votes"
    return (
        f"This statement cannot be deleted: it has {count} {noun}, and no vote is ever dropped. "
        "Hide it instead: its votes are kept, and participants no longer see it."
    )


@transaction.atomic
def statement_delete(*, statement: Statement, actor: Actor) -> None:
    """Delete a statement entered by mistake; refused once anyone has voted on it."""
    refusal = statement_delete_refusal(statement)
    if refusal:
        raise ValidationError(refusal)
    record_delete(instance=statement, actor=actor)


# Moderation

PUBLISH = "publish"
HIDE = "hide"
RESTORE = "restore"
NOTE = "note"


@dataclass(frozen=True)
class ModerationAction:
    """A moderation action offered for a statement in a given status."""

    value: str
    label: str


def moderation_actions(statement: Statement) -> list[ModerationAction]:
    """What a moderator may do to the statement now."""
    if statement.status == ContentStatus.PENDING:
        return [
            ModerationAction(PUBLISH, "Publish it"),
            ModerationAction(HIDE, "Hide it, with a reason the author sees"),
            ModerationAction(NOTE, "Only save the moderators' note"),
        ]
    if statement.status == ContentStatus.HIDDEN:
        return [
            ModerationAction(RESTORE, "Restore it: publish it again"),
            ModerationAction(NOTE, "Only save the moderators' note"),
        ]
    return [
        ModerationAction(HIDE, "Hide it, with a reason the author sees"),
        ModerationAction(NOTE, "Only save the moderators' note"),
    ]


@transaction.atomic
def statement_moderate(
    *, statement: Statement, actor: Actor, action: str, reason: str = "", note: str | None = None
) -> Statement:
    """Publish, hide (with a reason the author sees) or restore a statement, or note on it.

    The first publication of a participant's statement emails them, once the change commits.
    """
    allowed = {option.value for option in moderation_actions(statement)}
    if action not in allowed:
        raise ValidationError({"action": ["That cannot be done to this statement now."]})
    reason = reason.strip()
    if action == HIDE and not reason:
        raise ValidationError({"reason": ["Enter the reason for hiding it: the author sees it."]})
    was_status = statement.status
    fields = ["moderated_at", "moderated_by", "updated_at"]
    if note is not None and note != statement.moderator_note:
        statement.moderator_note = note
        fields.append("moderator_note")
    if action in (PUBLISH, RESTORE):
        statement.status = ContentStatus.PUBLISHED
        statement.moderation_reason = ""
        fields += ["status", "moderation_reason"]
    elif action == HIDE:
        statement.status = ContentStatus.HIDDEN
        statement.moderation_reason = reason
        fields += ["status", "moderation_reason"]
    statement.moderated_at = timezone.now()
    statement.moderated_by = actor if isinstance(actor, User) else None
    statement.full_clean()
    statement.save(update_fields=fields)
    verbs = {PUBLISH: "published", HIDE: "hidden", RESTORE: "restored", NOTE: "noted"}
    detail: dict[str, Any] = {"from": was_status, "to": statement.status}
    if action == HIDE:
        detail["reason"] = reason
    audit_event_record(actor=actor, verb=verbs[action], target=statement, detail=detail)
    if action == PUBLISH and statement.submitted_by_id is not None:
        statements_mail.statement_published_notify(statement=statement)
    return statement
