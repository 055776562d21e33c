"""Reads for invitations: who an audience brings in, the invitee list, and the RSVP link's token.

An audience is any mix of bodies (their current members), saved segments of the register and
people picked by hand; a person reached several ways is counted once, by the first way listed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core import signing
from django.db.models import Count, Q, QuerySet
from django.urls import reverse

from convenor.core import clock
from convenor.engagement.calendar import site_url
from convenor.engagement.choices import ActivityAttendance, InvitedVia, Rsvp
from convenor.engagement.models import Activity, ActivityInvitation, Segment
from convenor.engagement.register_selectors import segment_people
from convenor.governance.models import Body, Membership
from convenor.governance.selectors import membership_current_q
from convenor.stakeholders.models import Person
from convenor.stakeholders.privacy import reason_not_contactable
from convenor.strategy.models import Strategy

RSVP_TOKEN_SALT = "convenor.engagement.rsvp"
# How many people a search for hand-picking lists at once: enough to find someone by name,
# never the whole register.
PEOPLE_SEARCH_LIMIT = 20


# The activity


def activity_for_invitations(*, strategy: Strategy, pk: int) -> QuerySet[Activity]:
    """The activity of the strategy, with what its invitation pages show joined."""
    return Activity.objects.select_related("strategy", "body", "host").filter(
        strategy=strategy, pk=pk
    )


# The RSVP link


def _rsvp_signer() -> signing.Signer:
    # No timestamp: a reply can be changed for as long as the invitation exists.
    return signing.Signer(salt=RSVP_TOKEN_SALT)


def invitation_token(invitation: ActivityInvitation) -> str:
    """The signed token in an invitee's RSVP link, derived from the invitation's id."""
    return _rsvp_signer().sign_object(invitation.pk)


def invitation_by_token(token: str) -> ActivityInvitation | None:
    """The invitation a token was issued for, with its activity; None if forged or gone."""
    try:
        pk = _rsvp_signer().unsign_object(token)
    except signing.BadSignature:
        return None
    if not isinstance(pk, int) or isinstance(pk, bool):
        return None
    return (
        ActivityInvitation.objects.select_related("activity__strategy", "person")
        .filter(pk=pk)
        .first()
    )


def rsvp_url(invitation: ActivityInvitation) -> str:
    """The absolute address at which the invitee replies, without signing in."""
    return site_url(reverse("engagement:rsvp", args=[invitation_token(invitation)]))


# Audiences


@dataclass(frozen=True)
class Invitee:
    """A person an audience brings in, how, and why they will not be emailed (if so)."""

    person: Person
    via: InvitedVia
    reason_not_emailed: str | None = None


@dataclass
class AudiencePreview:
    """What inviting an audience would do: whom it invites and emails, and whom it leaves be."""

    to_email: list[Invitee] = field(default_factory=list)
    not_emailed: list[Invitee] = field(default_factory=list)
    already_invited: list[Person] = field(default_factory=list)

    @property
    def to_invite(self) -> list[Invitee]:
        """Everyone who would be newly invited, emailed or not, by name."""
        return sorted(
            [*self.to_email, *self.not_emailed], key=lambda i: (i.person.name, i.person.pk)
        )


def audience_people(
    *,
    bodies: Iterable[Body] = (),
    segments: Iterable[Segment] = (),
    people: Iterable[Person] = (),
) -> dict[int, Invitee]:
    """Everyone the audience reaches, by person id, each once with the first way that reached them.

    Bodies count their members today; segments run their saved filters today.
    """
    reached: dict[int, Invitee] = {}

    def add(found: Iterable[Person], via: InvitedVia) -> None:
        for person in found:
            reached.setdefault(person.pk, Invitee(person=person, via=via))

    body_ids = [body.pk for body in bodies]
    if body_ids:
        members = Membership.objects.filter(
            membership_current_q(today=clock.today(), prefix=""), body_id__in=body_ids
        ).values("person_id")
        add(Person.objects.filter(pk__in=members).order_by("name", "pk"), InvitedVia.BODY)
    for segment in segments:
        add(segment_people(segment=segment).order_by("name", "pk"), InvitedVia.SEGMENT)
    add(people, InvitedVia.HAND_PICKED)
    return reached


def audience_preview(
    *,
    activity: Activity,
    bodies: Iterable[Body] = (),
    segments: Iterable[Segment] = (),
    people: Iterable[Person] = (),
) -> AudiencePreview:
    """Whom inviting the audience would invite and email, invite without email, or leave as is."""
    reached = audience_people(bodies=bodies, segments=segments, people=people)
    already = set(
        ActivityInvitation.objects.filter(
            activity=activity, person_id__in=list(reached)
        ).values_list("person_id", flat=True)
    )
    preview = AudiencePreview()
    for invitee in sorted(reached.values(), key=lambda i: (i.person.name, i.person.pk)):
        if invitee.person.pk in already:
            preview.already_invited.append(invitee.person)
            continue
        reason = reason_not_contactable(invitee.person)
        if reason is None:
            preview.to_email.append(invitee)
        else:
            preview.not_emailed.append(
                Invitee(person=invitee.person, via=invitee.via, reason_not_emailed=reason)
            )
    return preview


def people_search(*, query: str, exclude_activity: Activity | None = None) -> list[Person]:
    """People whose name, email or organisation matches, for picking by hand (a short list)."""
    query = query.strip()
    if not query:
        return []
    people = (
        Person.objects.filter(erased_at__isnull=True)
        .filter(
            Q(name__icontains=query)
            | Q(email__icontains=query)
            | Q(organisation__name__icontains=query)
        )
        .select_related("organisation")
        .order_by("name", "pk")
    )
    if exclude_activity is not None:
        people = people.exclude(activity_invitations__activity=exclude_activity)
    return list(people[:PEOPLE_SEARCH_LIMIT])


def people_chosen(*, pks: Iterable[int]) -> list[Person]:
    """The people already picked by hand, by name, with their organisations."""
    pks = list(pks)
    if not pks:
        return []
    return list(
        Person.objects.filter(pk__in=pks).select_related("organisation").order_by("name", "pk")
    )


# The invitee list


def invitation_list(
    *, activity: Activity, query: str = "", response: str = "", attendance: str = ""
) -> QuerySet[ActivityInvitation]:
    """The activity's invitations matching the search and filters, by name, with the person."""
    invitations = ActivityInvitation.objects.filter(activity=activity)
    if query:
        invitations = invitations.filter(person__name__icontains=query)
    if response:
        invitations = invitations.filter(response=response)
    if attendance:
        invitations = invitations.filter(attendance=attendance)
    return invitations.select_related("person__organisation").order_by("person__name", "pk")


def invitation_counts(*, activity: Activity) -> dict[str, int]:
    """How many invitees gave each reply, how many came, and in all (one query)."""
    counts = ActivityInvitation.objects.filter(activity=activity).aggregate(
        total=Count("pk"),
        accepted=Count("pk", filter=Q(response=Rsvp.ACCEPTED)),
        declined=Count("pk", filter=Q(response=Rsvp.DECLINED)),
        pending=Count("pk", filter=Q(response=Rsvp.PENDING)),
        waiting=Count("pk", filter=Q(response=Rsvp.WAITING)),
        attended=Count("pk", filter=Q(attendance=ActivityAttendance.ATTENDED)),
    )
    return {name: int(value or 0) for name, value in counts.items()}


def invitations_to_remind(*, activity: Activity) -> QuerySet[ActivityInvitation]:
    """Invitations sent that have had no reply yet, with the person (contactable or not)."""
    return (
        ActivityInvitation.objects.filter(
            activity=activity, response=Rsvp.PENDING, sent_at__isnull=False
        )
        .select_related("person")
        .order_by("person__name", "pk")
    )
