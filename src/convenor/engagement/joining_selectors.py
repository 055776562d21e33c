"""Reads for the sounding board: a user's participation, members, and the signed links in mail.

Two links need no sign-in: the unsubscribe link in every sounding-board email (a signed
participant id) and the join link in an invitation (a signed person id, so that the form can be
filled in from the register). Each has its own salt, so one cannot be passed off as the other.
"""

from __future__ import annotations

from typing import Any

from django.core import signing
from django.db.models import Q, QuerySet
from django.urls import reverse

from convenor.engagement.calendar import site_url
from convenor.engagement.choices import ParticipantStatus
from convenor.engagement.models import Participant, SoundingBoard
from convenor.stakeholders.models import Person
from convenor.strategy.models import Priority, Strategy

UNSUBSCRIBE_TOKEN_SALT = "convenor.engagement.joining.unsubscribe"
JOIN_TOKEN_SALT = "convenor.engagement.joining.join"


# The board and its participants


def sounding_board_for(*, strategy: Strategy) -> SoundingBoard | None:
    """The strategy's sounding board, with its body, or None if it has none yet."""
    return (
        SoundingBoard.objects.select_related("body", "strategy").filter(strategy=strategy).first()
    )


def participant_for(*, user: Any, strategy: Strategy) -> Participant | None:
    """The signed-in user's participation in the strategy's sounding board, whatever its status."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Participant.objects.select_related(
            "person__organisation", "sounding_board__strategy", "sounding_board__body"
        )
        .filter(sounding_board__strategy=strategy, person__user=user)
        .first()
    )


def member_count(*, sounding_board: SoundingBoard) -> int:
    """How many people are members of the board now."""
    return sounding_board.participants.filter(status=ParticipantStatus.MEMBER).count()


def participant_list(
    *, sounding_board: SoundingBoard, status: str = "", search: str = ""
) -> QuerySet[Participant]:
    """The board's participants for staff, filtered by status and by name or email."""
    participants = Participant.objects.select_related("person__organisation").filter(
        sounding_board=sounding_board
    )
    if status:
        participants = participants.filter(status=status)
    if search:
        participants = participants.filter(
            Q(person__name__icontains=search) | Q(person__email__icontains=search)
        )
    return participants.order_by("person__name", "pk")


def participant_for_staff(*, sounding_board: SoundingBoard, pk: int) -> Participant | None:
    """One participant of the board, with their person, or None."""
    return (
        Participant.objects.select_related(
            "person", "sounding_board__body", "sounding_board__strategy"
        )
        .filter(sounding_board=sounding_board, pk=pk)
        .first()
    )


def priorities_of_interest(*, person: Person, strategy: Strategy) -> list[Priority]:
    """The strategy's priorities the person said they care about (on their relationship)."""
    # A relationship is the person's, across strategies: keep this strategy's priorities only.
    return list(
        Priority.objects.filter(
            strategy=strategy, interested_relationships__person=person
        ).order_by("number")
    )


# The unsubscribe link


def _unsubscribe_signer() -> signing.Signer:
    # No timestamp: an unsubscribe link must keep working for as long as mail is sent.
    return signing.Signer(salt=UNSUBSCRIBE_TOKEN_SALT)


def unsubscribe_token(participant: Participant) -> str:
    """The signed token in a participant's unsubscribe link."""
    return _unsubscribe_signer().sign_object(participant.pk)


def participant_by_unsubscribe_token(*, token: str, strategy: Strategy) -> Participant | None:
    """The participant a token was issued for on this strategy's board; None if forged or gone."""
    try:
        pk = _unsubscribe_signer().unsign_object(token)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int) or isinstance(pk, bool):
        return None
    return (
        Participant.objects.select_related("person", "sounding_board__strategy")
        .filter(pk=pk, sounding_board__strategy=strategy)
        .first()
    )


def unsubscribe_url(participant: Participant) -> str:
    """The absolute address at which a participant stops all sounding-board mail, no sign-in."""
    slug = participant.sounding_board.strategy.slug
    return site_url(reverse("joining:unsubscribe", args=[slug, unsubscribe_token(participant)]))


# The join link in an invitation


def _join_signer() -> signing.Signer:
    return signing.Signer(salt=JOIN_TOKEN_SALT)


def join_token(person: Person) -> str:
    """The signed token in an invitation's join link."""
    return _join_signer().sign_object(person.pk)


def person_by_join_token(token: str) -> Person | None:
    """The person a join link was issued for; None if forged or the person is gone."""
    try:
        pk = _join_signer().unsign_object(token)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int) or isinstance(pk, bool):
        return None
    return Person.objects.select_related("organisation").filter(pk=pk).first()


def join_url(person: Person, strategy: Strategy) -> str:
    """The absolute address at which an invited person joins the board, pre-filled."""
    return site_url(reverse("joining:join_invited", args=[strategy.slug, join_token(person)]))
