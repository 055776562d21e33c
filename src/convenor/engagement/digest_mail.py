"""The weekly digest mail: one message per participant who chose it, sent by `send_digests`.

Each participant's message goes out on its own and only then is their digest_sent_at moved to
the period's end, so a mail server refusing one address leaves that participant's period for the
next run and does not stop the others. Just before a message is addressed the participant is read
again (a member who left or switched to "none" or "immediate" since the list was drawn up gets
nothing) and `recipients_contactable` is asked (erased, opted-out and emailless people get
nothing). A digest with nothing in it sends no mail, and digest_sent_at moves on all the same:
every item is counted in the period its moment falls in (see digest_selectors), so nothing can
be lost by closing an empty period, and the next digest is a week away rather than growing daily.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from typing import Any

from django.core import mail
from django.urls import reverse

from convenor.core import clock
from convenor.engagement.choices import NotificationChoice, ParticipantStatus
from convenor.engagement.digest_selectors import Digest, Reply, digest_for, participants_due
from convenor.engagement.models import Participant
from convenor.engagement.participant_mail import absolute_url, participant_message
from convenor.stakeholders.privacy import reason_not_contactable, recipients_contactable

logger = logging.getLogger(__name__)

DIGEST = "digest"


@dataclass
class DigestRun:
    """What one run did: whom it mailed, whose digest was empty, whom it skipped or failed."""

    end: datetime.datetime
    sent: list[Digest] = field(default_factory=list)
    empty: list[Participant] = field(default_factory=list)
    skipped: list[tuple[Participant, str]] = field(default_factory=list)
    failed: list[Participant] = field(default_factory=list)
    would_send: list[Digest] = field(default_factory=list)


def _url(name: str, args: tuple[Any, ...], anchor: str = "") -> str:
    return absolute_url(reverse(name, args=args)) + (f"#{anchor}" if anchor else "")


def _reply_item(reply: Reply, name: str) -> dict[str, Any]:
    return {"reply": reply, "url": _url(name, reply.url_args, reply.anchor)}


def digest_context(digest: Digest) -> dict[str, Any]:
    """What the digest templates are given: each item with the address of its page."""
    slug = digest.participant.sounding_board.strategy.slug
    return {
        "digest": digest,
        "strategy": digest.participant.sounding_board.strategy,
        "comment_replies": [
            _reply_item(r, "documents:document_detail") for r in digest.comment_replies
        ],
        "post_replies": [
            _reply_item(r, "discussions:discussion_detail") for r in digest.post_replies
        ],
        "documents": [
            {"document": d, "url": _url("documents:document_detail", (slug, d.pk))}
            for d in digest.documents_opened
        ],
        "discussions": [
            {"discussion": d, "url": _url("discussions:discussion_detail", (slug, d.pk))}
            for d in digest.discussions_opened
        ],
        "statements": digest.statements_published,
        "statements_url": _url("statements:vote", (slug,)),
        "workshops": [
            {"activity": a, "url": _url("workshops:workshop_detail", (slug, a.pk))}
            for a in digest.workshops
        ],
        "profile_url": _url("joining:profile", (slug,)),
    }


def digest_message(*, digest: Digest, connection: Any = None) -> mail.EmailMultiAlternatives:
    """The digest as a message to its participant, with their unsubscribe link."""
    return participant_message(
        template=DIGEST,
        context=digest_context(digest),
        participant=digest.participant,
        connection=connection,
    )


def _still_weekly(participant: Participant) -> Participant | None:
    # Read afresh: they may have left, changed their choice or been erased since the list.
    return (
        Participant.objects.select_related("person", "sounding_board__strategy")
        .filter(
            pk=participant.pk,
            status=ParticipantStatus.MEMBER,
            notifications=NotificationChoice.WEEKLY,
        )
        .first()
    )


def _period_close(participant: Participant, end: datetime.datetime) -> None:
    Participant.objects.filter(pk=participant.pk).update(digest_sent_at=end)
    participant.digest_sent_at = end


def digests_send(*, dry_run: bool = False) -> DigestRun:
    """Send every weekly member who is due their digest (dry run: only say who would get what)."""
    end = clock.now()
    run = DigestRun(end=end)
    connection = None if dry_run else mail.get_connection()
    for due in participants_due(now=end):
        participant = due if dry_run else _still_weekly(due)
        if participant is None:
            continue
        digest = digest_for(participant=participant, end=end)
        if digest.is_empty:
            run.empty.append(participant)
            if not dry_run:
                _period_close(participant, end)
            continue
        if not recipients_contactable([participant.person]):
            reason = reason_not_contactable(participant.person) or ""
            logger.info("Not emailing person %s a digest: %s", participant.person_id, reason)
            run.skipped.append((participant, reason))
            continue
        if dry_run:
            run.would_send.append(digest)
            continue
        try:
            message = digest_message(digest=digest, connection=connection)
            connection.send_messages([message])  # type: ignore[union-attr]
        except Exception:
            # One refused address must not stop the others: their period stays for next time.
            logger.exception("The digest to participant %s failed", participant.pk)
            run.failed.append(participant)
            connection = mail.get_connection()  # a fresh one: the failure may have broken it
            continue
        _period_close(participant, end)
        run.sent.append(digest)
    return run
