"""Issue 3's acceptance in the browser: an action group's meeting from arranging it to its outcomes.

Staff arrange a meeting of the Transport Action Group (public in the demo) with three agenda items
tied to priorities, invite an outside expert, record attendance, a decision and an action; the
action's owner signs in, sees the action and records progress on it; and anyone, signed out,
reads the decision on the group's public page.
"""

from __future__ import annotations

import datetime
import re
import zoneinfo

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from convenor.governance.models import Body
from convenor.meetings.choices import (
    ActionStatus,
    Attendance,
    DecisionOutcome,
    DecisionVerb,
    InvitationRole,
    MeetingStatus,
)
from convenor.meetings.models import Action, ActionUpdate, Decision, Invitation, Meeting
from convenor.scenarios.demo import DemoLogin
from convenor.stakeholders.models import Person
from convenor.strategy.models import Priority, Strategy
from tests.browser.session import sign_in, sign_out

pytestmark = pytest.mark.browser

LONDON = zoneinfo.ZoneInfo("Europe/London")

TITLE = "Transport Action Group: smart mobility and freight"
PLACE = "Andover Freight Hub, Andover"
# Each item: its title and the numbers of the priorities it concerns.
AGENDA = [
    ("The smart mobility project brief", [8]),
    ("Freight links to the area's global gateways", [6]),
    ("Connected vehicles and 5G along the M3", [4, 8]),
]
DECISION_TEXT = "the scope of the smart mobility project brief, covering freight on the M3 corridor"
ACTION_TEXT = "Draft the smart mobility project brief with the freight operators"
PROGRESS_NOTE = "Met three freight operators; the first draft goes to the group next month."
# Who came, as staff record it: the group's members, and the outside expert.
ATTENDANCE = {
    "julia-brennan": "Present",
    "ben-carter": "Present",
    "mark-jennings": "Sent apologies",
    "william-ashby": "Absent",
    "helen-ward": "Present",
    "imran-siddiqui": "Present",
}


def person_label(key: str) -> str:
    """How the staff forms list a person from the register: "Name, Organisation"."""
    person = Person.objects.select_related("organisation").get(key=key)
    return f"{person.name}, {person.organisation}" if person.organisation_id else person.name


def success_banner(page: Page) -> Locator:
    """The green banner a page shows after a change is saved."""
    return page.locator(".govuk-notification-banner--success")


def the_action_group_member(demo_logins: list[DemoLogin]) -> DemoLogin:
    """The demo login of the action group member (Ben Carter, of the Transport Action Group)."""
    (member,) = [login for login in demo_logins if login.role == "Action group member"]
    return member


def test_an_action_group_meeting_from_staff_to_the_action_owner_and_the_public(
    page, live_server, demo_logins, lead_login
):
    strategy = Strategy.objects.get()
    group = Body.objects.get(strategy=strategy, slug="transport-action-group")
    assert group.is_public, "the demo's action groups meet in public"
    priorities = {p.number: p for p in Priority.objects.filter(strategy=strategy)}
    owner_login = the_action_group_member(demo_logins)
    owner = Person.objects.get(user__email=owner_login.email)
    assert owner.key == "ben-carter"
    # The meeting took place last week; the action is due in four weeks' time.
    today = timezone.localdate()
    held_on = today - datetime.timedelta(days=7)
    due_on = today + datetime.timedelta(days=28)
    date_shown = f"{held_on.day} {held_on:%B %Y}"

    # Staff arrange the meeting.
    sign_in(page, live_server.url, lead_login)
    # The link reads "Meetings of: <strategy>"; " of" is visually hidden, and a hidden span is a
    # block to the accessible-name algorithm, so the name may carry a space before the colon.
    page.get_by_role(
        "link", name=re.compile(rf"^Meetings of ?: {re.escape(strategy.name)}$")
    ).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meetings")
    page.get_by_role("link", name="Arrange a meeting").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Arrange a meeting")
    page.get_by_label("Convening body").select_option(label=group.name)
    page.get_by_label("Title", exact=True).fill(TITLE)
    page.get_by_label("Date").fill(held_on.isoformat())
    page.get_by_label("Starts at").fill("10:00")
    page.get_by_label("Ends at").fill("12:00")
    page.get_by_label("Place").fill(PLACE)
    page.get_by_label("Place").press("Enter")

    expect(success_banner(page)).to_contain_text(
        f"Added {TITLE} ({date_shown}). Now set its agenda and invite its members."
    )
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator(".govuk-summary-list").first).to_contain_text(group.name)

    # Three agenda items, each tied to its priorities.
    for number, (item_title, priority_numbers) in enumerate(AGENDA, start=1):
        page.get_by_role("link", name="Add an agenda item").click()
        page.get_by_label("Title", exact=True).fill(item_title)
        for priority_number in priority_numbers:
            page.get_by_label(str(priorities[priority_number]), exact=True).check()
        if number == 1:
            page.get_by_label("Presenter").select_option(label=person_label("julia-brennan"))
        page.get_by_role("button", name="Add item").click()
        expect(success_banner(page)).to_contain_text(f"Added Item {number}: {item_title}.")

    agenda = page.get_by_role("table", name=f"Agenda of {TITLE}")
    for number, (item_title, priority_numbers) in enumerate(AGENDA, start=1):
        row = agenda.get_by_role("row").filter(has_text=item_title)
        expect(row.get_by_role("cell").first).to_have_text(str(number))
        for priority_number in priority_numbers:
            expect(row.get_by_role("cell").nth(1)).to_contain_text(str(priorities[priority_number]))
    expect(agenda.get_by_role("row").filter(has_text=AGENDA[0][0])).to_contain_text(
        "Presented by Julia Brennan"
    )

    # The group's members, and an outside expert for this meeting only.
    page.get_by_role("button", name="Invite all members").click()
    expect(success_banner(page)).to_contain_text("Invited 5 members.")
    page.get_by_role("link", name="Invite someone to this meeting only").click()
    page.get_by_label("Person", exact=True).select_option(label=person_label("imran-siddiqui"))
    page.get_by_label("Outside expert invited to this meeting").check()
    page.get_by_role("button", name="Invite", exact=True).click()
    expect(success_banner(page)).to_contain_text("Invited Dr Imran Siddiqui to this meeting.")
    invited = page.get_by_role("table", name=f"People invited to {TITLE}")
    expect(invited.get_by_role("row")).to_have_count(1 + 6)
    # Each row: the person (a row header), then invited as, invitation, reply, attendance.
    expect(
        invited.get_by_role("row").filter(has_text="Dr Imran Siddiqui").get_by_role("cell").first
    ).to_have_text("Outside expert invited to this meeting")
    expect(
        invited.get_by_role("row").filter(has_text="Ben Carter").get_by_role("cell").first
    ).to_have_text("Member")

    # The meeting is held; staff record who came.
    page.get_by_role("button", name="Mark as held").click()
    expect(success_banner(page)).to_contain_text(f"Marked {TITLE} as held.")
    for key, label in ATTENDANCE.items():
        name = Person.objects.get(key=key).name
        page.get_by_role("group", name=name, exact=True).get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Save attendance").click()
    expect(success_banner(page)).to_contain_text("Saved the attendance.")
    invited = page.get_by_role("table", name=f"People invited to {TITLE}")
    for key, label in ATTENDANCE.items():
        name = Person.objects.get(key=key).name
        expect(
            invited.get_by_role("row").filter(has_text=name).get_by_role("cell").nth(3)
        ).to_have_text(label)

    # What the group decided, and who will do what.
    page.get_by_role("link", name="Add a decision").click()
    page.get_by_label("Agenda item").select_option(label=f"Item 1: {AGENDA[0][0]}")
    page.get_by_label("AGREE", exact=True).check()
    page.get_by_label("What", exact=True).fill(DECISION_TEXT)
    page.get_by_label("As asked", exact=True).check()
    page.get_by_role("button", name="Add decision").click()
    expect(success_banner(page)).to_contain_text(
        f"Added the decision to AGREE {DECISION_TEXT[:60]}."
    )
    decision_item = page.locator("li").filter(has_text=DECISION_TEXT)
    expect(decision_item).to_contain_text(f"AGREE {DECISION_TEXT} (item 1)")
    expect(decision_item).to_contain_text("Outcome: Agreed")

    page.get_by_role("link", name="Add an action").click()
    page.get_by_label("Action", exact=True).fill(ACTION_TEXT)
    page.get_by_label("Owner").select_option(label=person_label("ben-carter"))
    page.get_by_label("Due on").fill(due_on.isoformat())
    page.get_by_label("Agenda item").select_option(label=f"Item 1: {AGENDA[0][0]}")
    page.get_by_role("button", name="Add action").click()
    expect(success_banner(page)).to_contain_text("Added the action for Ben Carter.")
    actions = page.get_by_role("table", name=f"Actions agreed at {TITLE}")
    cells = actions.get_by_role("row").filter(has_text=ACTION_TEXT).get_by_role("cell")
    expect(cells.nth(0)).to_have_text("Ben Carter")
    expect(cells.nth(1)).to_have_text(f"{due_on.day} {due_on:%b %Y}")
    expect(cells.nth(2)).to_have_text("Open")
    sign_out(page)

    # The owner signs in, sees the action among theirs, and records progress on it.
    action = Action.objects.get(description=ACTION_TEXT)
    sign_in(page, live_server.url, owner_login)
    page.get_by_role("link", name="Your meetings and actions").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Your meetings and actions")
    card = page.locator(f"#action-{action.pk}")
    expect(card.get_by_role("heading")).to_have_text(ACTION_TEXT)
    expect(card.locator(".govuk-summary-list__row").filter(has_text="Due on")).to_contain_text(
        f"{due_on.day} {due_on:%B %Y}"
    )
    expect(card.get_by_role("link", name=TITLE)).to_be_visible()
    expect(card.locator(".govuk-tag")).to_have_text("Open")
    # The progress form is folded away in a <details>: open it from the keyboard.
    card.locator("summary").press("Enter")
    card.get_by_label("Progress", exact=True).fill(PROGRESS_NOTE)
    card.get_by_label("In progress", exact=True).check()
    card.get_by_role("button", name="Save progress").click()
    expect(success_banner(page)).to_contain_text(f"Progress recorded on “{ACTION_TEXT}”.")
    card = page.locator(f"#action-{action.pk}")
    expect(card.locator(".govuk-tag")).to_have_text("In progress")
    expect(card).to_contain_text(f"{today.day} {today:%B %Y}: {PROGRESS_NOTE} (in progress)")
    sign_out(page)

    # Anyone reads the group's meeting and decision on its public page.
    page.goto(
        live_server.url
        + reverse("governance:body_detail", kwargs={"slug": strategy.slug, "body_slug": group.slug})
    )
    meetings = page.get_by_role("table", name=f"Meetings of {group.name}, latest first")
    row = meetings.get_by_role("row").filter(has_text=TITLE)
    expect(row).to_contain_text(date_shown)
    expect(row).to_contain_text("Held")
    expect(row.get_by_role("link")).to_have_text(
        [TITLE, "4. Digital and 5G", "6. Global gateway", "8. Smart mobility"]
    )
    meeting_heading = page.get_by_role("heading", level=3, name=f"{TITLE}, {date_shown}")
    expect(meeting_heading).to_be_visible()
    expect(meeting_heading.locator("xpath=following-sibling::p[1]")).to_have_text(
        f"{group.name} is asked to:"
    )
    decisions = meeting_heading.locator("xpath=following-sibling::ul[1]").get_by_role("listitem")
    expect(decisions).to_have_count(1)
    expect(decisions).to_contain_text(f"AGREE {DECISION_TEXT} (item 1)")
    expect(decisions).to_contain_text("Outcome: Agreed")
    # The meeting's own public page carries the decision too.
    meeting_heading.get_by_role("link", name=TITLE).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.locator("li").filter(has_text=DECISION_TEXT)).to_contain_text("Outcome: Agreed")

    # What the pages did is in the database.
    meeting = Meeting.objects.get(title=TITLE)
    assert meeting.body == group
    assert list(meeting.joint_bodies.all()) == []
    assert meeting.status == MeetingStatus.HELD
    assert meeting.location == PLACE
    assert timezone.localtime(meeting.starts_at, LONDON) == datetime.datetime.combine(
        held_on, datetime.time(10), tzinfo=LONDON
    )
    assert timezone.localtime(meeting.ends_at, LONDON) == datetime.datetime.combine(
        held_on, datetime.time(12), tzinfo=LONDON
    )
    items = [
        (item.order, item.title, [p.number for p in item.priorities.order_by("number")])
        for item in meeting.agenda_items.order_by("order")
    ]
    assert items == [
        (number, item_title, priority_numbers)
        for number, (item_title, priority_numbers) in enumerate(AGENDA, start=1)
    ]
    first_item = meeting.agenda_items.get(order=1)
    assert first_item.presenter_id == Person.objects.get(key="julia-brennan").pk
    invitations = {
        invitation.person.key: (invitation.role, invitation.attendance)
        for invitation in Invitation.objects.filter(meeting=meeting).select_related("person")
    }
    assert invitations == {
        "julia-brennan": (InvitationRole.MEMBER, Attendance.PRESENT),
        "ben-carter": (InvitationRole.MEMBER, Attendance.PRESENT),
        "mark-jennings": (InvitationRole.MEMBER, Attendance.APOLOGIES),
        "william-ashby": (InvitationRole.MEMBER, Attendance.ABSENT),
        "helen-ward": (InvitationRole.SECRETARIAT, Attendance.PRESENT),
        "imran-siddiqui": (InvitationRole.INVITED_EXPERT, Attendance.PRESENT),
    }
    decision = Decision.objects.get(meeting=meeting)
    assert (decision.agenda_item_id, decision.verb, decision.text, decision.outcome) == (
        first_item.pk,
        DecisionVerb.AGREE,
        DECISION_TEXT,
        DecisionOutcome.AS_ASKED,
    )
    assert decision.amendment == ""
    action.refresh_from_db()
    assert (action.meeting, action.agenda_item_id, action.owner, action.due_on) == (
        meeting,
        first_item.pk,
        owner,
        due_on,
    )
    assert action.status == ActionStatus.IN_PROGRESS
    assert action.strategy == strategy
    (update,) = ActionUpdate.objects.filter(action=action)
    assert (update.note, update.status, update.author_id) == (
        PROGRESS_NOTE,
        ActionStatus.IN_PROGRESS,
        owner.user_id,
    )
