"""Reads of bodies, the priorities they steer and their members, with their joins done."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import groupby

from django.db.models import Count, Prefetch, Q, QuerySet

from convenor.governance.choices import MEMBERSHIP_ROLE_ORDER, BodyKind, MembershipRole
from convenor.governance.models import Body, BodyPriority, Membership
from convenor.strategy.models import Strategy

# Headings for the bodies page, one per kind, in the order the kinds are declared (board first).
BODY_KIND_HEADINGS: dict[str, str] = {
    BodyKind.BOARD: "Boards",
    BodyKind.STEERING_GROUP: "Steering groups",
    BodyKind.ACTION_GROUP: "Action groups",
    BodyKind.LEADERS_BOARD: "Leaders' boards",
    BodyKind.OFFICERS_GROUP: "Officers' groups",
    BodyKind.SOUNDING_BOARD: "Sounding boards",
    BodyKind.WORKING_GROUP: "Working groups",
    BodyKind.ROUNDTABLE_SERIES: "Roundtable series",
    BodyKind.HEI_GROUP: "Higher education groups",
    BodyKind.OTHER: "Other groups",
}
BODY_KIND_ORDER = {kind: index for index, kind in enumerate(BodyKind.values)}


def membership_current_q(*, today: datetime.date, prefix: str = "") -> Q:
    """Memberships that have started (or have no start date) and not yet ended, on `today`."""
    return (Q(**{f"{prefix}starts_on__isnull": True}) | Q(**{f"{prefix}starts_on__lte": today})) & (
        Q(**{f"{prefix}ends_on__isnull": True}) | Q(**{f"{prefix}ends_on__gte": today})
    )


def _steered_with_priorities() -> Prefetch:
    return Prefetch(
        "steered",
        queryset=BodyPriority.objects.select_related("priority").order_by("priority__number"),
    )


def body_list_for_page(*, strategy: Strategy, today: datetime.date) -> QuerySet[Body]:
    """The strategy's bodies with their current chairs, member counts and priorities steered.

    Each body has `member_count` (people currently on it) and `current_chairs` (memberships).
    """
    current_chairs = Membership.objects.filter(
        membership_current_q(today=today), role=MembershipRole.CHAIR
    ).select_related("person", "person__organisation", "representing")
    return (
        Body.objects.filter(strategy=strategy)
        .annotate(
            member_count=Count(
                "memberships__person",
                filter=membership_current_q(today=today, prefix="memberships__"),
                distinct=True,
            )
        )
        .prefetch_related(
            Prefetch("memberships", queryset=current_chairs, to_attr="current_chairs"),
            _steered_with_priorities(),
        )
        .order_by("name")
    )


@dataclass(frozen=True)
class BodyKindGroup:
    """The bodies of one kind, under the heading the bodies page gives them."""

    kind: str
    heading: str
    bodies: tuple[Body, ...]


def bodies_grouped_by_kind(*, bodies: Iterable[Body]) -> list[BodyKindGroup]:
    """Group bodies by kind, kinds in declared order (board first), bodies in the order given."""
    grouped: dict[str, list[Body]] = {}
    for body in bodies:
        grouped.setdefault(body.kind, []).append(body)
    return [
        BodyKindGroup(
            kind=kind, heading=BODY_KIND_HEADINGS.get(kind, kind), bodies=tuple(grouped[kind])
        )
        for kind in sorted(
            grouped, key=lambda kind: BODY_KIND_ORDER.get(kind, len(BODY_KIND_ORDER))
        )
    ]


def body_for_page(*, strategy: Strategy, slug: str) -> Body | None:
    """One body with whom it reports to, who reports to it, what it steers and all memberships."""
    return (
        Body.objects.filter(strategy=strategy, slug=slug)
        .select_related("reports_to")
        .prefetch_related(
            Prefetch("reporting_bodies", queryset=Body.objects.order_by("name")),
            _steered_with_priorities(),
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related(
                    "person", "person__organisation", "representing"
                ),
            ),
        )
        .first()
    )


@dataclass(frozen=True)
class RoleGroup:
    """The memberships of one role on a body, under the role's name."""

    role: str
    label: str
    memberships: tuple[Membership, ...]


@dataclass(frozen=True)
class BodyMembers:
    """A body's memberships, split into current (by role), not yet started, and ended."""

    current_by_role: tuple[RoleGroup, ...]
    upcoming: tuple[Membership, ...]
    past: tuple[Membership, ...]

    @property
    def current_count(self) -> int:
        return len({m.person_id for group in self.current_by_role for m in group.memberships})


# Headings for each role's list of members on a body's page: (one member, several members).
ROLE_HEADINGS: dict[str, tuple[str, str]] = {
    MembershipRole.CHAIR: ("Chair", "Chairs"),
    MembershipRole.VICE_CHAIR: ("Vice chair", "Vice chairs"),
    MembershipRole.CORE_MEMBER: ("Core member", "Core members"),
    MembershipRole.MEMBER: ("Member", "Members"),
    MembershipRole.INVITED_EXPERT: ("Invited expert", "Invited experts"),
    MembershipRole.OBSERVER: ("Observer", "Observers"),
    MembershipRole.SECRETARIAT: ("Secretariat", "Secretariat"),
}


def _role_rank(membership: Membership) -> tuple[int, str]:
    rank = MEMBERSHIP_ROLE_ORDER.get(membership.role, len(MEMBERSHIP_ROLE_ORDER))
    return (rank, membership.person.name)


def _role_group(role: str, memberships: tuple[Membership, ...]) -> RoleGroup:
    one, several = ROLE_HEADINGS.get(role, (role, role))
    return RoleGroup(
        role=role, label=one if len(memberships) == 1 else several, memberships=memberships
    )


def body_members(*, body: Body, today: datetime.date) -> BodyMembers:
    """Split a body's memberships (prefetched by body_for_page) as its page lists them."""
    current: list[Membership] = []
    upcoming: list[Membership] = []
    past: list[Membership] = []
    for membership in body.memberships.all():
        if membership.ends_on is not None and membership.ends_on < today:
            past.append(membership)
        elif membership.starts_on is not None and membership.starts_on > today:
            upcoming.append(membership)
        else:
            current.append(membership)
    current.sort(key=_role_rank)
    return BodyMembers(
        current_by_role=tuple(
            _role_group(role, tuple(members))
            for role, members in groupby(current, key=lambda membership: membership.role)
        ),
        upcoming=tuple(sorted(upcoming, key=lambda m: (m.starts_on or today, m.person.name))),
        # The most recently ended first.
        past=tuple(sorted(past, key=lambda m: (-(m.ends_on or today).toordinal(), m.person.name))),
    )


def memberships_current_for_user(*, user_id: int, today: datetime.date) -> QuerySet[Membership]:
    """The places a signed-in person holds on bodies today, with body and strategy joined."""
    return (
        Membership.objects.filter(membership_current_q(today=today), person__user_id=user_id)
        .select_related("body", "body__strategy")
        .order_by("body__strategy__name", "body__name", "role")
    )
