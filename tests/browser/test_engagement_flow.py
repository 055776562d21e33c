"""Issue 4's acceptance in the browser: from an imported list to a contribution that closes a gap.

Staff import a small file of people with one duplicate and merge it, save the register's
businesses in Mole Valley as a segment, invite that segment to a workshop, and an invitee
replies through the link in their email without signing in. Staff record that she came and what
she said, tagged to two priorities; the coverage of priority 7 then counts her business, and its
gap "No business from Mole Valley" is gone.
"""

from __future__ import annotations

import datetime
import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect

from convenor.engagement.choices import ActivityAttendance, Rsvp
from convenor.engagement.models import ActivityInvitation, Contribution
from convenor.scenarios.demo import DemoLogin
from convenor.stakeholders.models import Person
from convenor.strategy.models import Strategy
from tests.browser.session import sign_in, sign_out

pytestmark = pytest.mark.browser

# Box Hill VR Ltd is the demo's one business in Mole Valley, and Neil Barker, its founder, is in
# the register already (opted out of contact). The file repeats him, with his LinkedIn profile,
# which the register lacks.
NEIL_LINKEDIN = "https://www.linkedin.com/in/neil-barker-example"
PEOPLE_CSV = (
    "Name,Email,Organisation,Job title,LinkedIn\n"
    "Nadia Okafor,nadia.okafor@example.com,Box Hill VR Ltd,Head of partnerships,\n"
    "Tom Reyes,tom.reyes@example.com,Box Hill VR Ltd,Studio manager,\n"
    f"Neil Barker,NEIL.BARKER@example.org,Box Hill VR Ltd,Founder,{NEIL_LINKEDIN}\n"
)
SEGMENT = "Businesses in Mole Valley"
WORKSHOP = "Immersive technology for housing design: workshop"
IDEA = "Use virtual reality walk-throughs so residents can see new homes before planning."
HOUSING, DIGITAL = 7, 4  # the priorities the idea speaks to
GAP = f"No business from Mole Valley has contributed to priority {HOUSING}"


def success_banner(page: Page) -> Locator:
    """The green banner a page shows after a change is saved."""
    return page.locator(".govuk-notification-banner--success")


def area_row(page: Page, area: str) -> Locator:
    """The row of the coverage table by council area for `area`."""
    table = page.get_by_role("table", name="By council area of the strategy")
    return table.get_by_role("row").filter(has=page.get_by_role("rowheader", name=area, exact=True))


def test_import_segment_invite_reply_attend_contribute_and_the_coverage_changes(
    page, live_server, lead_login: DemoLogin, tmp_path, settings
):
    strategy = Strategy.objects.get()
    priorities = {priority.number: priority for priority in strategy.priorities.all()}
    coverage_url = live_server.url + reverse(
        "engagement_staff:priority_coverage", kwargs={"slug": strategy.slug, "number": HOUSING}
    )
    sign_in(page, live_server.url, lead_login)

    # Before: priority 7 has no business from Mole Valley, and the table says so.
    page.goto(coverage_url)
    expect(page.get_by_text(GAP, exact=True)).to_be_visible()
    expect(area_row(page, "Mole Valley").get_by_role("cell").first).to_have_text("0 None")

    # Staff import a file of three people, one of them already in the register, and merge him.
    page.goto(live_server.url + reverse("stakeholders_staff:person_list"))
    page.get_by_role("link", name="Import people").click()
    people_file = tmp_path / "box-hill-vr.csv"
    people_file.write_text(PEOPLE_CSV)
    page.get_by_label("File to import").set_input_files(str(people_file))
    page.get_by_role("button", name="Upload and check").click()
    expect(page.get_by_role("heading", name="Duplicates: merge or skip each")).to_be_visible()
    page.get_by_label("Merge: fill in what is missing").check()
    assert Person.objects.filter(email="nadia.okafor@example.com").count() == 0, (
        "nothing is written before the import is confirmed"
    )
    page.get_by_role("button", name="Confirm import").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Imported people from box-hill-vr.csv"
    )
    merged = page.get_by_role("table", name="Rows merged into the register")
    expect(merged.get_by_role("row").nth(1)).to_have_text(re.compile(r"4\s*Neil Barker\s*LinkedIn"))
    assert Person.objects.filter(organisation__key="box-hill-vr").count() == 3
    neil = Person.objects.get(email__iexact="neil.barker@example.org")
    assert (neil.linkedin_url, neil.opted_out) == (NEIL_LINKEDIN, True)

    # They filter the register to the businesses of Mole Valley and save that as a segment.
    page.goto(live_server.url + reverse("stakeholders_staff:person_list"))
    page.get_by_text("Filter people").click()
    page.get_by_role("group", name="Organisation type").get_by_label("Business", exact=True).check()
    page.get_by_role("group", name="Area").get_by_label("Mole Valley", exact=True).check()
    page.get_by_role("button", name="Apply filters").click()
    people = page.get_by_role("table").first
    expect(people.get_by_role("row")).to_have_count(1 + 3)
    page.get_by_role("link", name="Save these filters as a segment").click()
    page.get_by_label("Name").fill(SEGMENT)
    page.get_by_role("button", name="Save segment").click()
    expect(success_banner(page)).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Segment: {SEGMENT}")

    # They arrange a workshop for tomorrow and invite the segment.
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    page.goto(
        live_server.url + reverse("engagement_staff:activity_list", kwargs={"slug": strategy.slug})
    )
    page.get_by_role("link", name="Add an activity").click()
    page.get_by_label("Kind of activity").select_option(label="Workshop")
    page.get_by_label("Title", exact=True).fill(WORKSHOP)
    page.get_by_label(str(priorities[HOUSING]), exact=True).check()
    page.get_by_label("Date it starts").fill(tomorrow.isoformat())
    page.get_by_label("Time it starts").fill("10:00")
    page.get_by_label("Time it ends").fill("12:30")
    page.get_by_label("Place (optional)", exact=True).fill("Box Hill VR studio, Dorking")
    page.get_by_role("button", name="Add activity").click()
    expect(success_banner(page)).to_contain_text(f"Added {WORKSHOP}.")
    hub_url = page.url

    page.get_by_role("link", name="Invite people").click()
    page.get_by_label(SEGMENT).check()
    page.get_by_role("button", name="Preview invitations").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check whom you will invite")
    expect(page.get_by_text("opted out of contact").first).to_be_visible()
    mail.outbox.clear()
    page.get_by_role("button", name=re.compile(r"^Invite 3 and send 2")).click()
    expect(success_banner(page)).to_be_visible()
    # Neil Barker opted out: he is invited, but no email goes to him.
    assert sorted(address for message in mail.outbox for address in message.to) == [
        "nadia.okafor@example.com",
        "tom.reyes@example.com",
    ]
    (invitation_mail,) = [m for m in mail.outbox if m.to == ["nadia.okafor@example.com"]]
    assert any(name.endswith(".ics") for name, _content, _type in invitation_mail.attachments)
    rsvp_path = re.search(r"https?://[^/\s]+(/rsvp/[^/\s]+/)", invitation_mail.body)
    assert rsvp_path, invitation_mail.body
    sign_out(page)

    # Nadia replies through the link in her email, without signing in.
    page.goto(live_server.url + rsvp_path.group(1))
    expect(page.get_by_role("heading", level=1)).to_have_text(WORKSHOP)
    page.get_by_label("Yes, I am coming").check()
    page.get_by_role("button", name="Send reply").click()
    expect(page.get_by_text("You are coming")).to_be_visible()
    nadia = Person.objects.get(email="nadia.okafor@example.com")
    invitation = ActivityInvitation.objects.get(person=nadia, activity__title=WORKSHOP)
    assert invitation.response == Rsvp.ACCEPTED

    # The afternoon after the workshop, staff record that she came, and what she said.
    settings.CONVENOR_AS_OF = timezone.make_aware(
        datetime.datetime.combine(tomorrow, datetime.time(15, 0))
    )
    sign_in(page, live_server.url, lead_login)
    page.goto(hub_url)
    page.get_by_role("link", name="Record attendance").click()
    page.get_by_role("group", name=re.compile(r"^Nadia Okafor")).get_by_label(
        "Attended", exact=True
    ).check()
    page.get_by_role("button", name=re.compile(r"^Save attendance")).click()
    expect(success_banner(page)).to_be_visible()
    invitation.refresh_from_db()
    assert invitation.attendance == ActivityAttendance.ATTENDED

    page.goto(hub_url)
    page.get_by_role("link", name="Add a contribution").click()
    page.get_by_role("group", name="Kind").get_by_label("Idea", exact=True).check()
    page.get_by_label("What they said").fill(IDEA)
    page.get_by_label("Author").select_option(label="Nadia Okafor, Box Hill VR Ltd")
    page.get_by_label("Date", exact=True).fill(tomorrow.isoformat())
    page.get_by_label(str(priorities[HOUSING]), exact=True).check()
    page.get_by_label(str(priorities[DIGITAL]), exact=True).check()
    page.get_by_role("button", name="Add contribution").click()
    expect(success_banner(page)).to_contain_text("Added the idea by Nadia Okafor.")
    contribution = Contribution.objects.get(text=IDEA)
    assert sorted(contribution.priorities.values_list("number", flat=True)) == [DIGITAL, HOUSING]

    # The coverage of priority 7 now counts Box Hill VR in Mole Valley, and the gap is gone.
    page.goto(coverage_url)
    expect(area_row(page, "Mole Valley").get_by_role("cell").first).to_have_text("1")
    expect(area_row(page, "Mole Valley").get_by_role("cell").nth(1)).to_have_text("1")
    expect(page.get_by_text(GAP, exact=True)).to_have_count(0)
    engaged = page.get_by_role(
        "table", name=f"Organisations engaged on priority {HOUSING}, by name"
    )
    expect(engaged.get_by_role("row").filter(has_text="Box Hill VR Ltd")).to_have_count(1)
