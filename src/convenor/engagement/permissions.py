"""Who may see and change engagement records: staff run engagement; participants take part.

The register's relationships and segments, and every activity with its invitations and
contributions, are staff work. An invitee answers through the signed link in their invitation,
which needs no rule: the signature is the permission. On the sounding board, anyone may read
a document once its window has opened and the statements published; members of the sounding
board (participants whose membership is current) comment, react, flag, vote and submit
statements while the window or the strategy is open to them.
"""

from __future__ import annotations

from typing import Any

import rules
from allauth.account.models import EmailAddress
from django.db.models import Exists

from convenor.core import clock
from convenor.engagement.choices import ContentStatus, ParticipantStatus
from convenor.engagement.models import (
    Comment,
    Discussion,
    Document,
    Participant,
    Post,
    Statement,
)
from convenor.strategy.models import Strategy

is_staff = rules.is_staff

for _model in (
    "relationship",
    "segment",
    "activity",
    "activitymaterial",
    "followup",
    "activityinvitation",
    "contribution",
    "soundingboard",
    "participant",
    "document",
    "comment",
    "statement",
    "discussion",
    "post",
):
    for _action in ("add", "change", "delete"):
        rules.add_perm(f"engagement.{_action}_{_model}", is_staff)
for _model in (
    "relationship",
    "segment",
    "activity",
    "activitymaterial",
    "followup",
    "activityinvitation",
    "contribution",
    "soundingboard",
    "participant",
):
    rules.add_perm(f"engagement.view_{_model}", is_staff)
rules.add_perm("engagement.view_coverage", is_staff)
rules.add_perm("engagement.moderate", is_staff)


def strategy_of(obj: Any) -> Strategy | None:
    """The strategy a document, statement, comment or strategy belongs to."""
    if isinstance(obj, Strategy):
        return obj
    if isinstance(obj, Document | Statement | Discussion):
        return obj.strategy
    if isinstance(obj, Comment):
        return obj.version.paragraph.document.strategy
    if isinstance(obj, Post):
        return obj.discussion.strategy
    return None


@rules.predicate
def is_sounding_board_member(user: Any, obj: Any) -> bool:
    """A signed-in person whose place on the strategy's sounding board is current.

    Someone who joined through the sounding board has an unconfirmed email address until they
    follow the link we sent: until then they are not yet a member for commenting or voting.
    (Accounts made by staff have no allauth address at all, and are not held back.)
    """
    strategy = strategy_of(obj)
    if strategy is None or not user.is_authenticated:
        return False
    addresses = EmailAddress.objects.filter(user_id=user.pk)
    return (
        Participant.objects.filter(
            sounding_board__strategy=strategy,
            person__user=user,
            status=ParticipantStatus.MEMBER,
        )
        .exclude(Exists(addresses) & ~Exists(addresses.filter(verified=True)))
        .exists()
    )


@rules.predicate
def window_has_opened(user: Any, document: Document | Discussion | None) -> bool:
    return (
        document is not None
        and document.strategy.is_public
        and document.opens_at is not None
        and document.opens_at <= clock.now()
    )


@rules.predicate
def window_is_open(user: Any, document: Document | Discussion | None) -> bool:
    now = clock.now()
    return (
        document is not None
        and document.opens_at is not None
        and document.opens_at <= now
        and (document.closes_at is None or now < document.closes_at)
    )


@rules.predicate
def is_published_statement(user: Any, statement: Statement | None) -> bool:
    return (
        statement is not None
        and statement.strategy.is_public
        and statement.status == ContentStatus.PUBLISHED
    )


# Reading: anyone, once a window has opened (it stays readable after it closes); staff always.
rules.add_perm("engagement.view_document", is_staff | window_has_opened)
rules.add_perm("engagement.view_statement", is_staff | is_published_statement)
# Taking part: members of the sounding board, while the window is open.
rules.add_perm("engagement.comment_on_document", is_sounding_board_member & window_is_open)
rules.add_perm("engagement.react_to_document", is_sounding_board_member & window_is_open)
rules.add_perm("engagement.flag_comment", is_sounding_board_member)
rules.add_perm("engagement.vote_on_statement", is_sounding_board_member & is_published_statement)
# Submitting a statement: the object is the strategy.
rules.add_perm("engagement.submit_statement", is_sounding_board_member)

# Discussions open and close like a document's window: readable once opened, by anyone.
rules.add_perm("engagement.view_discussion", is_staff | window_has_opened)
rules.add_perm("engagement.post_in_discussion", is_sounding_board_member & window_is_open)
rules.add_perm("engagement.flag_post", is_sounding_board_member)
# Booking a place at a workshop open for sign-up: the object is the activity's strategy.
rules.add_perm("engagement.sign_up_for_workshop", is_sounding_board_member)
