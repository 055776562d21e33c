"""Issue 5's acceptance in the browser, keyboard only, on the Enterprise M3 demo.

"A new person joins, verifies their email from the outbox, comments on the third paragraph of
the demo draft, replies to another comment, votes on five statements and submits one; a
moderator hides one comment with a reason; the author sees the reason; counts on the staff page
are right."

Everyone here uses the keyboard alone: Tab until the element is focused (checked against
document.activeElement), type, and Enter or Space. Typing an address (page.goto) stands for the
address bar. The draft is post-moderated, so a new comment is published at once and only
reaches the moderation queue when a member reports it: a demo member does so before the
moderator looks. Every figure checked at the end is the demo's own, read through the ORM before
the flow, plus what the flow did.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import pytest
from allauth.account.models import EmailAddress
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from convenor.cli import DEMO_SCENARIO
from convenor.core.models import AuditEvent
from convenor.engagement.choices import ContentStatus, ParticipantStatus
from convenor.engagement.models import (
    Comment,
    CommentFlag,
    Document,
    Paragraph,
    Participant,
    Statement,
    Vote,
)
from convenor.scenarios.demo import DemoLogin
from convenor.scenarios.loader import scenario_as_of_parse, scenario_read
from convenor.strategy.models import Strategy
from tests.browser.axe import axe_violations, violations_described

pytestmark = pytest.mark.browser

DRAFT = "early-beta-statement-draft"
PARAGRAPH = 3
NEWCOMER = {
    "name": "Priya Raman",
    "email": "priya.raman@example.org",
    "password": "sounding-board-keyboard-42",
    "organisation": "Raman Photonics Ltd",
    "sector": "Photonics and optical sensing",
}
COMMENT = "Please name the towns where the nine priorities will be tested first."
REPLY = "Agreed: evidence from partners should sit beside the data, not behind it."
STATEMENT = "Every business park should have a bus that meets the first train of the day."
REPORT = "This asks for a list the draft cannot give yet; please check it."
REASON = "Hidden while we check the list of towns it names against the research findings."
# The choices cast on the five statements, in the order the page shows them.
CHOICES = ["Agree", "Disagree", "Pass", "Agree", "Agree"]
TAB_LIMIT = 400


def demo_moment() -> Any:
    """The demo's `as_of` moment (the board meeting of 22 May 2019), in UK time."""
    moment = scenario_as_of_parse(scenario_read(path=DEMO_SCENARIO)["as_of"])
    assert moment is not None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def is_focused(locator: Locator) -> bool:
    """Whether the element has the keyboard focus."""
    return bool(locator.evaluate("element => element === document.activeElement"))


def tab_to(page: Page, locator: Locator, what: str) -> None:
    """Press Tab until `locator` has the focus, as a keyboard user moves through a page."""
    expect(locator).to_have_count(1)
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        if is_focused(locator):
            return
    pytest.fail(f"{TAB_LIMIT} presses of Tab never reached {what} on {page.url}")


def type_into(page: Page, locator: Locator, text: str, what: str) -> None:
    """Tab to a field and type into it."""
    tab_to(page, locator, what)
    page.keyboard.type(text)


def press_and_wait(page: Page, key: str = "Enter") -> None:
    """Press a key that submits a form or follows a link, and wait for the next page."""
    with page.expect_navigation():
        page.keyboard.press(key)


def choose_radio(page: Page, group: Locator, label: str, what: str) -> None:
    """Tab into a group of radios and move with the arrow keys until `label` is chosen."""
    radios = group.get_by_role("radio")
    target = group.get_by_label(label, exact=True)
    for _ in range(TAB_LIMIT):
        page.keyboard.press("Tab")
        if radios.evaluate_all("items => items.includes(document.activeElement)"):
            break
    else:
        pytest.fail(f"Tab never reached {what} on {page.url}")
    if is_focused(target) and not target.is_checked():
        page.keyboard.press("Space")
    for _ in range(radios.count()):
        if target.is_checked():
            break
        page.keyboard.press("ArrowDown")
    expect(target).to_be_checked()


def choose_option(page: Page, select: Locator, label: str, what: str) -> None:
    """Tab to a drop-down and move through it with the arrow keys until `label` is chosen."""
    tab_to(page, select, what)
    for _ in range(select.locator("option").count()):
        if select.evaluate("s => s.options[s.selectedIndex].text.trim()") == label:
            return
        page.keyboard.press("ArrowDown")
    pytest.fail(f"{label!r} is not a choice of {what}")


def check_axe(page: Page) -> None:
    """No WCAG 2.2 A or AA violation on the page as it is now."""
    violations = axe_violations(page)
    assert not violations, f"{page.url}\n{violations_described(violations)}"


def success_banner(page: Page) -> Locator:
    """The green banner a page shows after a change is saved."""
    return page.locator(".govuk-notification-banner--success")


def submit_button(page: Page, name: str) -> Locator:
    """The main form's submit button called `name` (not the header's Sign out)."""
    return page.locator("#main-content").get_by_role("button", name=name, exact=True)


def sign_in_by_keyboard(page: Page, base_url: str, login: DemoLogin) -> None:
    """Sign in through the sign-in page, typing the address and password."""
    page.goto(base_url + reverse("account_login"))
    type_into(page, page.get_by_label("Email", exact=True), login.email, "the email field")
    type_into(page, page.get_by_label("Password", exact=True), login.password, "the password")
    press_and_wait(page)
    expect(page.locator("footer")).to_contain_text(f"Signed in as {login.email}")


def new_page(browser: Browser) -> tuple[BrowserContext, Page]:
    """A second person's browser: its own cookies, the same window size as the `page` fixture."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    context.set_default_timeout(15_000)
    return context, context.new_page()


@dataclass(frozen=True)
class Before:
    """The demo's figures before the flow, read through the ORM."""

    participants: int
    members: int
    top_level_published: int
    published: int
    pending: int
    hidden: int
    open_flags: int
    votes: dict[int, int]
    pending_statements: int
    moderation_events: int


def figures_before(strategy: Strategy, paragraph: Paragraph) -> Before:
    """What the database holds for paragraph 3 and the statements before anyone acts."""
    by_status = dict(
        Comment.objects.filter(version__paragraph=paragraph)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    board = Participant.objects.filter(sounding_board__strategy=strategy)
    return Before(
        participants=board.count(),
        members=board.filter(status=ParticipantStatus.MEMBER).count(),
        top_level_published=Comment.objects.filter(
            version__paragraph=paragraph, parent=None, status=ContentStatus.PUBLISHED
        ).count(),
        published=by_status.get(ContentStatus.PUBLISHED, 0),
        pending=by_status.get(ContentStatus.PENDING, 0),
        hidden=by_status.get(ContentStatus.HIDDEN, 0),
        open_flags=CommentFlag.objects.filter(
            comment__version__paragraph=paragraph, resolved_at__isnull=True
        ).count(),
        votes=dict(
            Statement.objects.filter(strategy=strategy)
            .annotate(n=Count("votes"))
            .values_list("pk", "n")
        ),
        pending_statements=Statement.objects.filter(
            strategy=strategy, status=ContentStatus.PENDING
        ).count(),
        moderation_events=AuditEvent.objects.filter(
            target_type=ContentType.objects.get_for_model(Comment), verb__startswith="moderated"
        ).count(),
    )


def paragraph_row(page: Page, paragraph: Paragraph) -> Locator:
    """The row of the staff document page's table for `paragraph` (its link names the page of
    the paragraph's comments)."""
    table = page.get_by_role("table", name="Paragraphs, comments and reactions")
    comments_url = reverse(
        "documents:paragraph_comments",
        args=[paragraph.document.strategy.slug, paragraph.document_id, paragraph.pk],
    )
    return table.locator("tbody tr").filter(has=page.locator(f"a[href='{comments_url}']"))


def test_a_newcomer_joins_comments_replies_votes_and_submits_and_a_moderator_hides_by_keyboard(
    page: Page, browser: Browser, live_server: Any, demo_logins: list[DemoLogin], settings: Any
) -> None:
    settings.CONVENOR_AS_OF = demo_moment()
    base = live_server.url
    strategy = Strategy.objects.get()
    slug = strategy.slug
    document = Document.objects.get(strategy=strategy, key=DRAFT)
    paragraph = Paragraph.objects.select_related("document__strategy").get(
        document=document, order=PARAGRAPH
    )
    before = figures_before(strategy, paragraph)
    # The comment replied to: the first published top-level comment on paragraph 3.
    replied = (
        Comment.objects.filter(
            version__paragraph=paragraph, parent=None, status=ContentStatus.PUBLISHED
        )
        .select_related("author")
        .order_by("created_at", "pk")
        .first()
    )
    assert replied is not None, "the demo has a comment on paragraph 3 to reply to"
    (lead,) = [login for login in demo_logins if "strategy lead" in login.role.lower()]
    (reporter,) = [login for login in demo_logins if login.role == "Sounding board member"]

    # --- A newcomer joins the sounding board ------------------------------------------------
    page.goto(base + reverse("joining:home", args=[slug]))
    check_axe(page)
    tab_to(page, page.get_by_role("button", name="Join the sounding board"), "the start button")
    press_and_wait(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Join the sounding board")
    check_axe(page)
    type_into(page, page.get_by_label("Your name", exact=True), NEWCOMER["name"], "Your name")
    type_into(
        page, page.get_by_label("Email address", exact=True), NEWCOMER["email"], "Email address"
    )
    type_into(page, page.get_by_label("Password", exact=True), NEWCOMER["password"], "Password")
    type_into(
        page,
        page.get_by_label("Your organisation (optional)", exact=True),
        NEWCOMER["organisation"],
        "organisation",
    )
    type_into(
        page, page.get_by_label("Sector (optional)", exact=True), NEWCOMER["sector"], "Sector"
    )
    choose_option(page, page.get_by_label("Area (optional)", exact=True), "Guildford", "Area")
    priorities = list(strategy.priorities.order_by("number")[:2])
    group = page.get_by_role("group", name="Priorities you are interested in")
    for priority in priorities:
        box = group.get_by_label(f"{priority.number}. {priority.title}", exact=True)
        tab_to(page, box, f"priority {priority.number}")
        page.keyboard.press("Space")
        expect(box).to_be_checked()
    choose_radio(
        page,
        page.get_by_role("group", name="How your name is shown beside what you write"),
        "My full name and organisation",
        "how the name is shown",
    )
    choose_radio(
        page,
        page.get_by_role("group", name="Email me about new documents and replies"),
        "A weekly digest",
        "the email choice",
    )
    consent = page.get_by_label("I agree", exact=True)
    tab_to(page, consent, "the consent box")
    page.keyboard.press("Space")
    expect(consent).to_be_checked()
    mail.outbox.clear()
    tab_to(page, submit_button(page, "Join the sounding board"), "the join button")
    press_and_wait(page)
    expect(success_banner(page)).to_contain_text("You have joined the sounding board.")
    expect(success_banner(page)).to_contain_text(f"We have sent a link to {NEWCOMER['email']}")
    check_axe(page)

    # --- They confirm their address through the link in the mail ------------------------------
    (confirmation,) = [message for message in mail.outbox if message.to == [NEWCOMER["email"]]]
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^/\s]+/)", confirmation.body)
    assert link, confirmation.body
    page.goto(base + link.group(1))
    expect(page.get_by_role("heading", level=1)).to_have_text("Confirm your email address")
    check_axe(page)
    tab_to(page, submit_button(page, "Confirm"), "the Confirm button")
    press_and_wait(page)
    check_axe(page)
    assert EmailAddress.objects.get(email=NEWCOMER["email"]).verified

    # --- They open the draft and comment on its third paragraph -------------------------------
    page.goto(base + reverse("joining:home", args=[slug]))
    expect(page.get_by_role("heading", name="You are a member")).to_be_visible()
    check_axe(page)
    tab_to(
        page,
        page.get_by_role("link", name="Drafts and research open for comments"),
        "the documents link",
    )
    press_and_wait(page)
    check_axe(page)
    tab_to(page, page.get_by_role("link", name=document.title), "the draft's link")
    press_and_wait(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(document.title)
    check_axe(page)
    type_into(
        page,
        page.get_by_label(f"Comment on paragraph {PARAGRAPH}", exact=True),
        COMMENT,
        "the comment field of paragraph 3",
    )
    page.keyboard.press("Tab")
    expect(
        page.get_by_role("button", name=f"Post comment on paragraph {PARAGRAPH}")
    ).to_be_focused()
    press_and_wait(page)
    expect(success_banner(page)).to_contain_text("your comment is published")
    comment = Comment.objects.get(author__email=NEWCOMER["email"], parent=None)
    expect(page.locator(f"#paragraph-{PARAGRAPH} #comment-{comment.pk}")).to_contain_text(COMMENT)
    check_axe(page)

    # --- They reply to a comment by someone else ----------------------------------------------
    reply_link = page.locator(f"#comment-{replied.pk} > ul").get_by_role(
        "link", name=re.compile(r"^Reply")
    )
    tab_to(page, reply_link, f"the Reply link of comment {replied.pk}")
    press_and_wait(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        f"Reply to a comment on paragraph {PARAGRAPH}"
    )
    check_axe(page)
    type_into(page, page.get_by_label("Your reply", exact=True), REPLY, "the reply field")
    tab_to(page, submit_button(page, "Post reply"), "the Post reply button")
    press_and_wait(page)
    expect(success_banner(page)).to_be_visible()
    reply = Comment.objects.get(author__email=NEWCOMER["email"], parent=replied)
    expect(page.locator(f"#comment-{replied.pk} #comment-{reply.pk}")).to_contain_text(REPLY)
    check_axe(page)

    # --- They vote on five statements, one at a time -------------------------------------------
    page.goto(base + reverse("joining:home", args=[slug]))
    tab_to(page, page.get_by_role("link", name="Statements to vote on"), "the statements link")
    press_and_wait(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Vote on statements")
    check_axe(page)
    voted: dict[int, str] = {}
    for count, choice in enumerate(CHOICES, start=1):
        text = page.locator("#statement-text").inner_text().strip()
        statement = Statement.objects.get(strategy=strategy, text=text)
        tab_to(
            page,
            page.get_by_role("button", name=re.compile(rf"^{choice}\b")),
            f"the {choice} button",
        )
        press_and_wait(page)
        expect(page.locator("#progress")).to_have_text(re.compile(rf"^{count} of \d+ voted$"))
        check_axe(page)
        voted[statement.pk] = choice.lower()
    assert len(voted) == len(CHOICES), "five different statements"

    # --- They submit a statement of their own -------------------------------------------------
    tab_to(
        page,
        page.get_by_role("link", name="Submit a statement of your own"),
        "the link to submit a statement",
    )
    press_and_wait(page)
    check_axe(page)
    type_into(page, page.get_by_label("Your statement"), STATEMENT, "the statement field")
    tab_to(page, submit_button(page, "Submit statement"), "the Submit statement button")
    press_and_wait(page)
    expect(page.locator("#submitted + table")).to_contain_text(STATEMENT)
    expect(page.locator("#submitted + table")).to_contain_text("Waiting for moderation")
    check_axe(page)

    # --- A demo member reports the new comment, which puts it in the moderation queue --------
    reporter_context, reporter_page = new_page(browser)
    try:
        sign_in_by_keyboard(reporter_page, base, reporter)
        reporter_page.goto(base + reverse("documents:document_detail", args=[slug, document.pk]))
        report_link = reporter_page.locator(f"#comment-{comment.pk} > ul").get_by_role(
            "link", name=re.compile(r"^Report")
        )
        tab_to(reporter_page, report_link, "the Report link of the new comment")
        press_and_wait(reporter_page)
        check_axe(reporter_page)
        type_into(
            reporter_page,
            reporter_page.get_by_label("Why are you reporting this comment?", exact=False),
            REPORT,
            "the report's reason",
        )
        tab_to(reporter_page, submit_button(reporter_page, "Report comment"), "Report comment")
        press_and_wait(reporter_page)
        expect(success_banner(reporter_page)).to_be_visible()
    finally:
        reporter_context.close()
    assert CommentFlag.objects.filter(comment=comment, resolved_at__isnull=True).count() == 1

    # --- A moderator finds it in the queue and hides it with a reason -------------------------
    moderator_context, moderator_page = new_page(browser)
    try:
        sign_in_by_keyboard(moderator_page, base, lead)
        moderator_page.goto(base + reverse("documents_staff:moderation_queue", args=[slug]))
        moderate_link = moderator_page.get_by_role(
            "link", name=f"Moderate the comment by {NEWCOMER['name']}"
        )
        tab_to(moderator_page, moderate_link, "the new comment's Moderate link")
        press_and_wait(moderator_page)
        expect(moderator_page.locator(".govuk-summary-list")).to_contain_text(COMMENT)
        choose_radio(
            moderator_page,
            moderator_page.get_by_role("group", name="What do you want to do?"),
            "Hide it, with a reason the author will see",
            "the moderation choice",
        )
        type_into(
            moderator_page,
            moderator_page.get_by_label("Reason for hiding", exact=False),
            REASON,
            "the reason for hiding",
        )
        tab_to(moderator_page, submit_button(moderator_page, "Save"), "the Save button")
        press_and_wait(moderator_page)
        expect(success_banner(moderator_page)).to_contain_text(
            "The comment is now hidden by a moderator."
        )

        # --- The author sees the reason beside their comment ----------------------------------
        page.goto(base + reverse("documents:document_detail", args=[slug, document.pk]))
        own = page.locator(f"#paragraph-{PARAGRAPH} #comment-{comment.pk}")
        expect(own).to_contain_text(f"Hidden by a moderator: {REASON}")
        expect(own).to_contain_text(COMMENT)
        # The paragraph's public count of comments (replies apart): the others' published ones
        # and, for its author only, the hidden one.
        expect(page.locator(f"#paragraph-{PARAGRAPH} > p.govuk-body-s").first).to_contain_text(
            f"Comments: {before.top_level_published + 1}."
        )
        check_axe(page)

        # --- The staff document page counts paragraph 3 right ---------------------------------
        moderator_page.goto(
            base + reverse("documents_staff:document_hub", args=[slug, document.pk])
        )
        cells = paragraph_row(moderator_page, paragraph).locator("td")
        # Published, Waiting, Hidden, Support, Concern, Reports: the new comment is hidden, the
        # reply published, and the report was dealt with when the comment was hidden.
        expect(cells.nth(0)).to_have_text(str(before.published + 1))
        expect(cells.nth(1)).to_have_text(str(before.pending))
        expect(cells.nth(2)).to_have_text(str(before.hidden + 1))
        expect(cells.nth(5)).to_have_text(str(before.open_flags))

        # --- The staff statement pages count the five votes and the submission ----------------
        moderator_page.goto(base + reverse("statements_staff:statement_list", args=[slug]))
        expect(moderator_page.locator("#pending-count")).to_contain_text(
            f"{before.pending_statements + 1} waiting for moderation"
        )
        table = moderator_page.get_by_role("table")
        for pk in voted:
            text = Statement.objects.get(pk=pk).text
            row = table.locator("tbody tr").filter(has_text=text)
            expect(row.locator("td").nth(6)).to_have_text(str(before.votes[pk] + 1))
        submitted = table.locator("tbody tr").filter(has_text=STATEMENT)
        expect(submitted.locator("td").nth(2)).to_have_text("Waiting for moderation")
        expect(submitted).to_contain_text(f"Submitted by {NEWCOMER['name']}")
        results_url = base + reverse("statements_staff:results", args=[slug])
        found = set()
        for page_number in (1, 2, 3):
            moderator_page.goto(f"{results_url}?page={page_number}")
            for pk in voted:
                section = moderator_page.locator(f"section[aria-labelledby='statement-{pk}']")
                if section.count():
                    total = before.votes[pk] + 1
                    expect(section.locator("p.govuk-body").first).to_contain_text(
                        f"{total} vote{'s' if total != 1 else ''}:"
                    )
                    found.add(pk)
            if found == set(voted):
                break
        assert found == set(voted), "each voted statement is on the results pages"
    finally:
        moderator_context.close()

    # --- What the database holds ---------------------------------------------------------------
    board = Participant.objects.filter(sounding_board__strategy=strategy)
    assert board.count() == before.participants + 1
    assert board.filter(status=ParticipantStatus.MEMBER).count() == before.members + 1
    newcomer = board.select_related("person").get(person__email=NEWCOMER["email"])
    assert newcomer.status == ParticipantStatus.MEMBER
    assert newcomer.person.name == NEWCOMER["name"]
    mine = Comment.objects.filter(author=newcomer.person)
    assert mine.count() == 2
    assert mine.filter(parent=None).get() == comment
    assert mine.filter(parent=replied).get() == reply
    assert (comment.version.paragraph_id, reply.version.paragraph_id) == (paragraph.pk,) * 2
    assert dict(Vote.objects.filter(person=newcomer.person).values_list("statement", "choice")) == (
        voted
    )
    (own_statement,) = Statement.objects.filter(submitted_by=newcomer.person)
    assert (own_statement.text, own_statement.status) == (STATEMENT, ContentStatus.PENDING)
    comment.refresh_from_db()
    assert comment.status == ContentStatus.HIDDEN
    assert comment.moderation_reason == REASON
    assert comment.moderated_by is not None and comment.moderated_by.email == lead.email
    event = AuditEvent.objects.get(
        target_type=ContentType.objects.get_for_model(Comment),
        target_id=str(comment.pk),
        verb__startswith="moderated",
    )
    assert event.verb == "moderated (hide)"
    assert event.actor is not None and event.actor.email == lead.email
    assert event.detail["reason"] == REASON
    assert event.detail["from"] == ContentStatus.PUBLISHED
    assert (
        AuditEvent.objects.filter(
            target_type=ContentType.objects.get_for_model(Comment),
            verb__startswith="moderated",
        ).count()
        == before.moderation_events + 1
    )
