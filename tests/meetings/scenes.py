"""A strategy with a public board and a closed group, their meetings, and people in every role.

The closed group's meeting carries distinctive words (Zanzibar, Narwhal, Axolotl, Platypus,
Capybara, Wombat) so that tests can show none of it reaches a page it must not.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from convenor.accounts.models import User
from convenor.governance.choices import BodyKind, MembershipRole, Openness
from convenor.governance.models import Body
from convenor.meetings.choices import (
    Attendance,
    DecisionOutcome,
    DecisionVerb,
    InvitationRole,
    MeetingStatus,
)
from convenor.meetings.models import Meeting, Paper
from convenor.strategy.models import Priority, Strategy
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.governance.factories import BodyFactory, MembershipFactory
from tests.meetings.factories import (
    AgendaItemFactory,
    DecisionFactory,
    DeclarationFactory,
    InvitationFactory,
    MeetingFactory,
    PaperFactory,
)
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import PriorityFactory, StrategyFactory

LONDON = ZoneInfo("Europe/London")
SECRETS = ("Zanzibar", "Narwhal", "Axolotl", "Platypus", "Capybara", "Wombat", "Kestrel")


def at(year: int, month: int, day: int, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """A moment in London time."""
    return datetime.datetime(year, month, day, hour, minute, tzinfo=LONDON)


@dataclass
class Scene:
    strategy: Strategy
    board: Body
    closed: Body
    priorities: list[Priority]
    board_meeting: Meeting
    closed_meeting: Meeting
    joint_meeting: Meeting
    public_paper: Paper
    confidential_paper: Paper
    closed_paper: Paper
    staff: User
    member: User  # of the closed group (and the board)
    invited: User  # to the closed group's meeting only
    ended: User  # was on the closed group; membership ended
    stranger: User


def scene_build() -> Scene:
    # Accounts without passwords (tests sign in with force_login): hashing six is slow.
    strategy = StrategyFactory(slug="em3-lis", name="Enterprise M3 Local Industrial Strategy")
    priorities = [
        PriorityFactory(strategy=strategy, number=1, title="Overall approach"),
        PriorityFactory(
            strategy=strategy,
            number=8,
            title="Smart mobility and transport",
            short_title="Smart mobility",
        ),
        PriorityFactory(strategy=strategy, number=9, title="Digital connectivity"),
    ]
    board = BodyFactory(
        strategy=strategy,
        slug="board",
        name="Enterprise M3 Board",
        kind=BodyKind.BOARD,
        openness=Openness.CLOSED,
        is_public=True,
    )
    closed = BodyFactory(
        strategy=strategy, slug="digital", name="Digital Working Group", is_public=False
    )
    today = datetime.date.today()

    member_person = PersonFactory(
        name="Mina Member", user=UserFactory(email="member@example.org", password=None)
    )
    invited_person = PersonFactory(
        name="Ian Invited", user=UserFactory(email="invited@example.org", password=None)
    )
    ended_person = PersonFactory(
        name="Eddie Ended", user=UserFactory(email="ended@example.org", password=None)
    )
    MembershipFactory(body=closed, person=member_person, role=MembershipRole.CHAIR)
    MembershipFactory(body=board, person=member_person)
    MembershipFactory(
        body=closed,
        person=ended_person,
        starts_on=datetime.date(2018, 1, 1),
        ends_on=today - datetime.timedelta(days=1),
    )

    board_meeting = MeetingFactory(
        body=board,
        title="Enterprise M3 Board meeting",
        starts_at=at(2019, 5, 22, 10),
        ends_at=at(2019, 5, 22, 13),
        location="Enterprise M3 offices, Basingstoke",
        status=MeetingStatus.MINUTES_APPROVED,
        papers_published_at=at(2019, 5, 14, 9),
        minutes="The Board noted the approach to engagement.",
        minutes_published_at=at(2019, 6, 5, 9),
        minutes_approved_on=datetime.date(2019, 7, 17),
    )
    item8 = AgendaItemFactory(
        meeting=board_meeting,
        order=8,
        title="A Local Industrial Strategy for the EM3 Area \N{EN DASH} Engagement",
    )
    item8.priorities.set([priorities[0], priorities[1]])
    confidential_item = AgendaItemFactory(
        meeting=board_meeting, order=9, title="Kestrel contract renewal", is_confidential=True
    )
    public_paper = PaperFactory(
        meeting=board_meeting, agenda_item=item8, title="Item 8 paper: engagement"
    )
    confidential_paper = PaperFactory(
        meeting=board_meeting, agenda_item=confidential_item, title="Kestrel costings"
    )
    DecisionFactory(
        meeting=board_meeting,
        agenda_item=item8,
        order=1,
        verb=DecisionVerb.NOTE,
        text="the proposed approach to steering further work on the local industrial strategy",
        outcome=DecisionOutcome.AS_ASKED,
    )
    DecisionFactory(
        meeting=board_meeting,
        agenda_item=item8,
        order=2,
        verb=DecisionVerb.NOTE,
        text="the proposal to publish a short early beta document at the AGM on 21 June",
        outcome=DecisionOutcome.AS_ASKED,
    )
    DecisionFactory(
        meeting=board_meeting,
        agenda_item=confidential_item,
        order=3,
        verb=DecisionVerb.APPROVE,
        text="the Kestrel contract",
        outcome=DecisionOutcome.AS_ASKED,
    )
    DeclarationFactory(
        agenda_item=item8,
        person=PersonFactory(name="Dora Declarer"),
        interest="Trustee of a partner university",
        action_taken="Took no part in the discussion",
    )
    InvitationFactory(meeting=board_meeting, person=member_person, attendance=Attendance.PRESENT)
    InvitationFactory(
        meeting=board_meeting,
        person=PersonFactory(name="Abel Apologies"),
        attendance=Attendance.APOLOGIES,
    )

    closed_meeting = MeetingFactory(
        body=closed,
        title="Zanzibar session on 5G",
        starts_at=at(2019, 6, 12, 14),
        ends_at=at(2019, 6, 12, 16),
        status=MeetingStatus.HELD,
        papers_published_at=at(2019, 6, 1, 9),
        minutes="Narwhal minutes: the group agreed the 5G pilot.",
        minutes_published_at=at(2019, 6, 20, 9),
    )
    closed_item = AgendaItemFactory(meeting=closed_meeting, order=1, title="Capybara item")
    closed_item.priorities.set([priorities[2]])
    closed_paper = PaperFactory(
        meeting=closed_meeting, agenda_item=closed_item, title="Axolotl paper"
    )
    DecisionFactory(
        meeting=closed_meeting,
        agenda_item=closed_item,
        verb=DecisionVerb.AGREE,
        text="the Platypus pilot",
        outcome=DecisionOutcome.AS_ASKED,
    )
    InvitationFactory(
        meeting=closed_meeting, person=invited_person, role=InvitationRole.INVITED_EXPERT
    )

    # A joint session of the public board and the closed group is not public.
    joint_meeting = MeetingFactory(
        body=board,
        title="Wombat joint session",
        starts_at=at(2019, 7, 3, 10),
        ends_at=at(2019, 7, 3, 12),
        papers_published_at=at(2019, 6, 25, 9),
    )
    joint_meeting.joint_bodies.set([closed])

    return Scene(
        strategy=strategy,
        board=board,
        closed=closed,
        priorities=priorities,
        board_meeting=board_meeting,
        closed_meeting=closed_meeting,
        joint_meeting=joint_meeting,
        public_paper=public_paper,
        confidential_paper=confidential_paper,
        closed_paper=closed_paper,
        staff=StaffUserFactory(email="staff@example.org", password=None),
        member=member_person.user,
        invited=invited_person.user,
        ended=ended_person.user,
        stranger=UserFactory(email="stranger@example.org", password=None),
    )


def users_of(scene: Scene) -> dict[str, User | None]:
    """Who opens pages in permission tests, by role; None is someone not signed in."""
    return {
        "staff": scene.staff,
        "member": scene.member,
        "invited": scene.invited,
        "ended member": scene.ended,
        "stranger": scene.stranger,
        "anonymous": None,
    }
