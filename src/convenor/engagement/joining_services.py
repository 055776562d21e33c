"""Writes for the sounding board: joining, the profile, leaving, unsubscribing, staff decisions.

Every function runs in one transaction and records an audit event. Joining is an explicit
consent, recorded on the person (consent, today, web form, the privacy notice's version) even if
they had opted out before; an erased person cannot be brought back by joining. Mail goes through
convenor.engagement.joining_mail, which sends only after the transaction commits and never to
anyone erased, opted out or without an email address.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.db import transaction

from convenor.accounts.models import User
from convenor.core import clock
from convenor.core.services import audit_event_record, record_save
from convenor.engagement import joining_mail
from convenor.engagement.choices import NotificationChoice, ParticipantStatus
from convenor.engagement.models import Participant, Relationship, SoundingBoard
from convenor.governance.choices import MembershipRole
from convenor.governance.models import Membership
from convenor.governance.selectors import membership_current_q
from convenor.governance.services import membership_create, membership_end
from convenor.stakeholders.choices import ConsentChannel, LawfulBasis, OrganisationKind, Ownership
from convenor.stakeholders.importing import organisation_name_key
from convenor.stakeholders.models import Area, Organisation, Person
from convenor.stakeholders.privacy import person_erase
from convenor.stakeholders.services import key_for, organisation_create
from convenor.strategy.models import Priority

Actor = User | AnonymousUser | None

ERASED_MESSAGE = (
    "We cannot add this person to the sounding board: their details were erased at their "
    "request. If you want to take part again, contact the organisers."
)
CLOSED_MESSAGE = "The sounding board is not taking new members at the moment."
ALREADY_MESSAGE = "You are already on the sounding board."
PENDING_MESSAGE = "You have already asked to join: the organisers will decide soon."
ACCOUNT_TAKEN_MESSAGE = (
    "There is already an account with this email address: sign in first, then join."
)
LINKED_ELSEWHERE_MESSAGE = (
    "This email address belongs to someone else's account: sign in with that account, "
    "or use another address."
)


@dataclass(frozen=True)
class JoinDetails:
    """What a person tells us when they join, or changes on their profile."""

    name: str
    organisation_name: str
    sector: str
    area: Area | None
    priorities: list[Priority]
    name_shown: str
    notifications: str


@dataclass(frozen=True)
class JoinResult:
    """What joining did: the participation, the account, and the address to confirm, if any."""

    participant: Participant
    user: User
    user_created: bool
    address_to_confirm: EmailAddress | None


# Pieces shared by joining and the profile


def organisation_for(
    *, name: str, sector: str, area: Area | None, actor: Actor
) -> Organisation | None:
    """The register's organisation of this name (as duplicates are found), else a new business.

    An existing organisation is never changed from a public form: other people share it.
    """
    name = name.strip()
    if not name:
        return None
    wanted = organisation_name_key(name)
    # Names are compared after folding, which the database cannot do: narrow by a word first.
    first_word = wanted.split()[0] if wanted.split() else name
    for organisation in Organisation.objects.filter(name__icontains=first_word).order_by("pk"):
        if organisation_name_key(organisation.name) == wanted:
            return organisation
    return organisation_create(
        actor=actor,
        name=name,
        kind=OrganisationKind.BUSINESS,
        ownership=Ownership.PRIVATE,
        sector=sector.strip(),
        area=area,
    )


def priorities_of_interest_set(
    *,
    person: Person,
    strategy_priorities: Iterable[Priority],
    chosen: Iterable[Priority],
    actor: Actor,
) -> Relationship:
    """Set which of a strategy's priorities the person cares about, keeping other strategies'."""
    relationship = Relationship.objects.filter(person=person).first()
    creating = relationship is None
    if relationship is None:
        relationship = Relationship(person=person)
        relationship.full_clean()
        relationship.save()
    offered = {priority.pk for priority in strategy_priorities}
    kept = {pk for pk in relationship.priorities.values_list("pk", flat=True) if pk not in offered}
    wanted = kept | {priority.pk for priority in chosen if priority.pk in offered}
    relationship.priorities.set(sorted(wanted))
    audit_event_record(
        actor=actor,
        verb="noted priorities of interest" if creating else "changed priorities of interest",
        target=relationship,
        detail={"priorities": sorted(wanted), "through": "sounding board"},
    )
    return relationship


def _membership_start(*, participant: Participant, actor: Actor) -> None:
    body = participant.sounding_board.body
    today = clock.today()
    current = Membership.objects.filter(
        membership_current_q(today=today),
        body=body,
        person=participant.person,
        role=MembershipRole.MEMBER,
    )
    if not current.exists():
        membership_create(
            actor=actor,
            body=body,
            person=participant.person,
            role=MembershipRole.MEMBER,
            starts_on=today,
            note="Joined the sounding board",
        )


def _membership_stop(*, participant: Participant, actor: Actor) -> None:
    today = clock.today()
    current = Membership.objects.filter(
        membership_current_q(today=today),
        body=participant.sounding_board.body,
        person=participant.person,
    )
    for membership in current:
        # Current means started by today: it ends today, and the record that they served stays.
        membership_end(membership=membership, actor=actor, ends_on=today)


def _consent_record(*, person: Person, sounding_board: SoundingBoard) -> None:
    # Joining is an explicit consent: it replaces whatever basis, or opt-out, we held before.
    person.lawful_basis = LawfulBasis.CONSENT
    person.consent_date = clock.today()
    person.consent_channel = ConsentChannel.WEB_FORM
    person.consent_wording_version = sounding_board.privacy_notice_version
    person.opted_out = False


def _person_for(*, user: User | None, email: str, invited: Person | None) -> Person | None:
    """The register's person who is joining: the invited one, the account's, or by email."""
    if invited is not None:
        return Person.objects.select_for_update().get(pk=invited.pk)
    if user is not None:
        own = Person.objects.select_for_update().filter(user=user).first()
        if own is not None:
            return own
    if not email:
        return None
    # Any case: "Ann@Example.org" in the register is the same person as "ann@example.org".
    same_email = Person.objects.select_for_update().filter(email__iexact=email.strip())
    return same_email.order_by("erased_at", "user_id", "pk").first()


# Joining


@transaction.atomic
def sounding_board_join(
    *,
    sounding_board: SoundingBoard,
    details: JoinDetails,
    user: User | None = None,
    email: str = "",
    password: str = "",
    invited: Person | None = None,
) -> JoinResult:
    """Join the board: an account (for a newcomer), the person (linked, never duplicated), the
    priorities of interest, the participation and, for a member, the body's membership.

    Pass `user` for a signed-in person, or `email` and `password` for a newcomer. An invited
    person (through the join link in an invitation) joins even when the board is closed, and
    without waiting for approval: the invitation was the organisers' decision.
    """
    sounding_board = SoundingBoard.objects.select_related("body", "strategy").get(
        pk=sounding_board.pk
    )
    if invited is not None and invited.erased_at is not None:
        raise ValidationError(ERASED_MESSAGE)
    if not sounding_board.is_open and invited is None:
        raise ValidationError(CLOSED_MESSAGE)
    if user is None:
        email = (invited.email if invited is not None else email).strip()
        if not email:
            raise ValidationError({"email": "Enter your email address."})
        if User.objects.filter(email__iexact=email).exists():
            raise ValidationError({"email": ACCOUNT_TAKEN_MESSAGE})
    else:
        email = user.email
    person = _person_for(user=user, email=email, invited=invited)
    if person is not None:
        if person.erased_at is not None:
            raise ValidationError(ERASED_MESSAGE)
        if person.user_id is not None and (user is None or person.user_id != user.pk):
            raise ValidationError(LINKED_ELSEWHERE_MESSAGE)
    participant = (
        Participant.objects.select_for_update()
        .filter(sounding_board=sounding_board, person=person)
        .first()
        if person is not None
        else None
    )
    if participant is not None and participant.status == ParticipantStatus.MEMBER:
        raise ValidationError(ALREADY_MESSAGE)
    if participant is not None and participant.status == ParticipantStatus.PENDING:
        raise ValidationError(PENDING_MESSAGE)

    user_created = False
    address_to_confirm: EmailAddress | None = None
    actor: Actor = user
    if user is None:
        user = User.objects.create_user(email=email, password=password, name=details.name)
        user_created = True
        actor = user
        audit_event_record(
            actor=user, verb="created account", target=user, detail={"through": "joining"}
        )
    if not EmailAddress.objects.filter(user=user, verified=True).exists():
        address_to_confirm = EmailAddress.objects.filter(
            user=user, email__iexact=user.email
        ).first()
        if address_to_confirm is None:
            address_to_confirm = EmailAddress.objects.create(
                user=user, email=user.email.lower(), primary=True, verified=False
            )

    organisation = organisation_for(
        name=details.organisation_name, sector=details.sector, area=details.area, actor=actor
    )
    if person is None:
        person = Person(key=key_for(model=Person, name=details.name), email=email)
    creating_person = person._state.adding
    person.name = details.name
    person.user = user
    if organisation is not None:
        person.organisation = organisation
    _consent_record(person=person, sounding_board=sounding_board)
    record_save(instance=person, actor=actor)
    if not creating_person:
        audit_event_record(
            actor=actor,
            verb="gave consent by joining the sounding board",
            target=person,
            detail={"wording": sounding_board.privacy_notice_version, "channel": "web_form"},
        )
    priorities_of_interest_set(
        person=person,
        strategy_priorities=sounding_board.strategy.priorities.all(),
        chosen=details.priorities,
        actor=actor,
    )

    status = (
        ParticipantStatus.PENDING
        if sounding_board.requires_approval and invited is None
        else ParticipantStatus.MEMBER
    )
    if participant is None:
        participant = Participant(sounding_board=sounding_board, person=person)
    participant.status = status
    participant.name_shown = details.name_shown
    participant.notifications = details.notifications
    participant.left_at = None
    participant.decided_at = None
    participant.decided_by = None
    participant.full_clean(validate_constraints=False)
    participant.save()
    participant.sounding_board = sounding_board
    audit_event_record(
        actor=actor,
        verb="joined the sounding board"
        if status == ParticipantStatus.MEMBER
        else "asked to join the sounding board",
        target=participant,
        detail={"status": status, "invited": invited is not None},
    )
    if status == ParticipantStatus.MEMBER:
        _membership_start(participant=participant, actor=actor)
    return JoinResult(
        participant=participant,
        user=user,
        user_created=user_created,
        address_to_confirm=address_to_confirm,
    )


# The profile


@transaction.atomic
def participant_profile_update(
    *, participant: Participant, details: JoinDetails, actor: Actor
) -> Participant:
    """Change how the participant is named, their mail, priorities of interest and organisation."""
    participant = (
        Participant.objects.select_for_update()
        .select_related("person", "sounding_board__strategy")
        .get(pk=participant.pk)
    )
    person = participant.person
    organisation = organisation_for(
        name=details.organisation_name, sector=details.sector, area=details.area, actor=actor
    )
    person_changed = []
    if person.name != details.name:
        person.name = details.name
        person_changed.append("name")
    if person.organisation_id != (organisation.pk if organisation else None):
        person.organisation = organisation
        person_changed.append("organisation")
    if person_changed:
        record_save(instance=person, actor=actor, changed=person_changed)
    participant_changed = []
    for field in ("name_shown", "notifications"):
        if getattr(participant, field) != getattr(details, field):
            setattr(participant, field, getattr(details, field))
            participant_changed.append(field)
    if (
        "notifications" in participant_changed
        and details.notifications == NotificationChoice.WEEKLY
    ):
        # Mail as it happened has told them of everything so far: their first digest starts now.
        participant.digest_sent_at = clock.now()
        participant_changed.append("digest_sent_at")
    if participant_changed:
        record_save(instance=participant, actor=actor, changed=participant_changed)
    priorities_of_interest_set(
        person=person,
        strategy_priorities=participant.sounding_board.strategy.priorities.all(),
        chosen=details.priorities,
        actor=actor,
    )
    return participant


# Leaving and unsubscribing


@transaction.atomic
def participant_leave(*, participant: Participant, actor: Actor, erase: bool) -> Participant:
    """Leave the board: membership ended, no more mail; optionally erase the person's data.

    Comments and votes stay: shown as by a former member, or, after erasure, anonymised.
    """
    participant = (
        Participant.objects.select_for_update()
        .select_related("person", "sounding_board__body")
        .get(pk=participant.pk)
    )
    participant.status = ParticipantStatus.LEFT
    participant.left_at = clock.now()
    participant.notifications = NotificationChoice.NONE
    participant.save(update_fields=["status", "left_at", "notifications", "updated_at"])
    audit_event_record(
        actor=actor,
        verb="left the sounding board",
        target=participant,
        detail={"erase": erase},
    )
    _membership_stop(participant=participant, actor=actor)
    if erase:
        participant.person = person_erase(person=participant.person, actor=actor)
    return participant


@transaction.atomic
def participant_unsubscribe(*, participant: Participant, actor: Actor) -> Participant:
    """Stop all sounding-board email to the participant (notifications: none)."""
    participant = Participant.objects.select_for_update().get(pk=participant.pk)
    if participant.notifications == NotificationChoice.NONE:
        # Already unsubscribed (a second click on the link): nothing changes, nothing to record.
        return participant
    before = participant.notifications
    participant.notifications = NotificationChoice.NONE
    participant.save(update_fields=["notifications", "updated_at"])
    audit_event_record(
        actor=actor,
        verb="unsubscribed from sounding board email",
        target=participant,
        detail={"through": "unsubscribe link", "was": before},
    )
    return participant


# Staff


@transaction.atomic
def sounding_board_save(
    *,
    strategy_id: int,
    sounding_board: SoundingBoard | None,
    body_id: int,
    is_open: bool,
    requires_approval: bool,
    privacy_notice_version: str,
    welcome: str,
    actor: Actor,
) -> SoundingBoard:
    """Create or change a strategy's sounding board."""
    board = sounding_board or SoundingBoard(strategy_id=strategy_id)
    changed = [
        name
        for name, value in (
            ("body_id", body_id),
            ("is_open", is_open),
            ("requires_approval", requires_approval),
            ("privacy_notice_version", privacy_notice_version),
            ("welcome", welcome),
        )
        if getattr(board, name) != value
    ]
    board.body_id = body_id
    board.is_open = is_open
    board.requires_approval = requires_approval
    board.privacy_notice_version = privacy_notice_version
    board.welcome = welcome
    if board._state.adding or changed:
        record_save(
            instance=board, actor=actor, changed=[name.removesuffix("_id") for name in changed]
        )
    return board


@transaction.atomic
def participant_decide(*, participant: Participant, actor: Actor, approve: bool) -> Participant:
    """Approve (a member, with the body's membership, and tell them) or decline a pending one."""
    participant = (
        Participant.objects.select_for_update()
        .select_related("person", "sounding_board__body", "sounding_board__strategy")
        .get(pk=participant.pk)
    )
    if participant.status != ParticipantStatus.PENDING:
        raise ValidationError(
            f"{participant.person.name} is not waiting for a decision: "
            f"their status is “{participant.get_status_display()}”."
        )
    participant.status = ParticipantStatus.MEMBER if approve else ParticipantStatus.DECLINED
    participant.decided_at = clock.now()
    participant.decided_by = actor if isinstance(actor, User) else None
    participant.save(update_fields=["status", "decided_at", "decided_by", "updated_at"])
    audit_event_record(
        actor=actor,
        verb="approved for the sounding board" if approve else "declined for the sounding board",
        target=participant,
    )
    if approve:
        _membership_start(participant=participant, actor=actor)
        joining_mail.approved_notify(participant=participant)
    return participant
