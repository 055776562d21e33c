"""Issue 7's acceptance in a browser: staff build a draft and watch its progress, fix a lint
failure, ask for sign-off; the signer signs off; the public sees the published version with its
downloads and matching checksums; an edit afterwards makes version 2 while version 1's files stay
byte-identical. axe-core checks the staff version page, the signer's page and the public page.
"""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_tasks_db.management.commands.db_worker import Worker
from playwright.sync_api import Page, expect

from convenor.publishing.choices import VersionStatus
from convenor.publishing.models import PublicationVersion
from tests.browser.axe import axe_violations, violations_described
from tests.browser.session import sign_out
from tests.browser.test_documents_accessibility import sign_in
from tests.publishing.worlds import AS_OF, World, make_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

QUESTION_TEXT = (
    "This summary sets out what we know about the area. It is short and plain. "
    "We have looked at jobs, skills, homes and travel. We will use it to plan our work "
    "with partners. What should we do? We will keep it up to date as the work goes on."
)
FIXED_TEXT = QUESTION_TEXT.replace(" What should we do?", "")


@pytest.fixture
def world(settings) -> World:
    settings.CONVENOR_AS_OF = AS_OF
    return make_world()


def axe_clean(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}\n{violations_described(violations)}"


def run_worker_once() -> None:
    """One `db_worker --batch` pass in the test's thread: runs every queued task, then stops."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="browser-test",
        excluded_queue_names=[],
    ).run()


def build_and_wait(page: Page) -> None:
    """Press Build, see the progress component waiting, run the worker, see it reach Built."""
    page.get_by_role("button", name="Build the files").click()
    progress = page.locator("#build-progress")
    expect(progress).to_have_attribute("role", "status")
    expect(progress).to_contain_text("Waiting to start")
    expect(progress.locator("progress")).to_be_visible()
    run_worker_once()
    # The polling picks up the finished build and the page reloads with its files and checks.
    expect(page.locator("#build-progress")).to_contain_text("Built", timeout=20_000)
    expect(page.get_by_role("link", name="Download the PDF of version 1")).to_be_visible()


def files_bytes(version: PublicationVersion) -> dict[str, bytes]:
    contents = {}
    for output in ("html", "pdf", "docx"):
        field = getattr(version, f"{output}_file")
        with field.storage.open(field.name, "rb") as handle:
            contents[output] = handle.read()
    return contents


def test_draft_to_published_and_version_2_leaves_version_1_untouched(
    page: Page, live_server, world: World
):
    base = live_server.url
    world.publication.delete()  # staff create their own below
    sign_in(page, base, world.staff.email)
    page.goto(base + reverse("strategy_staff:home"))
    page.get_by_role("link", name=f"Publications of {world.strategy.name}").click()
    page.get_by_role("link", name="Create a publication").click()
    page.get_by_label("Evidence summary").check()
    page.get_by_label("Title").fill("What we know")
    page.get_by_label("Short name for web addresses").fill("what-we-know")
    page.get_by_label("Dated").fill("2019-06-21")
    page.get_by_role("button", name="Create the publication").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What we know: version 1")

    # Keep to one written section: the small world has no evidence for generated ones.
    for heading in ("Evidence highlights", "Lines of enquiry"):
        page.get_by_role("link", name=f"Delete {heading}").click()
        page.get_by_role("button", name="Yes, delete it").click()
    page.get_by_role("link", name="Edit Introduction").click()
    page.get_by_label("Text").fill(QUESTION_TEXT)
    page.get_by_role("button", name="Save the section").click()

    build_and_wait(page)
    findings = page.locator("#findings ~ .govuk-summary-card")
    expect(findings.first).to_contain_text("Questions to the reader")
    expect(findings.first).to_contain_text("What should we do?")
    expect(page.get_by_role("link", name="Ask for sign-off")).to_have_count(0)
    axe_clean(page)

    page.get_by_role("link", name="Edit Introduction").click()
    page.get_by_label("Text").fill(FIXED_TEXT)
    page.get_by_role("button", name="Save the section").click()
    build_and_wait(page)
    expect(page.get_by_text("The checks found no problem.")).to_be_visible()
    page.get_by_role("link", name="Ask for sign-off").click()
    page.get_by_label("Who signs it off, on behalf of which body").select_option(
        label="Stacey King — Enterprise M3 Board"
    )
    page.get_by_role("button", name="Ask for sign-off").click()
    expect(page.locator("main")).to_contain_text("Waiting for Stacey King to sign it off")
    axe_clean(page)
    sign_out(page)

    sign_in(page, base, world.signer.email)
    page.goto(base + reverse("publishing:sign_off_list"))
    page.get_by_role("link", name="What we know, version 1").click()
    expect(page.locator("#checksums")).to_contain_text("Matches its recorded checksum")
    axe_clean(page)
    page.get_by_role("button", name="Sign off on behalf of Enterprise M3 Board").click()
    expect(page.locator("main")).to_contain_text("You signed off What we know, version 1")
    sign_out(page)

    sign_in(page, base, world.staff.email)
    page.goto(
        base
        + reverse("publishing_staff:version_detail", args=[world.strategy.slug, "what-we-know", 1])
    )
    page.get_by_role("button", name="Publish").click()
    expect(page.locator("main")).to_contain_text("Published version 1.")
    sign_out(page)

    public = base + reverse(
        "publishing:publication_detail", args=[world.strategy.slug, "what-we-know"]
    )
    page.goto(public)
    main = page.locator("main")
    expect(main).to_contain_text(
        "Signed off by Stacey King on behalf of Enterprise M3 Board on 14 June 2019"
    )
    expect(page.get_by_role("link", name="Read the web version")).to_be_visible()
    expect(page.get_by_role("link", name="Download the PDF")).to_be_visible()
    expect(page.get_by_role("link", name="Download the Word document")).to_be_visible()
    expect(page.get_by_text("Matches its signed checksum")).to_have_count(3)
    axe_clean(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the PDF").click()
    assert download.value.suggested_filename == "what-we-know-v1.pdf"

    version_1 = PublicationVersion.objects.get(publication__slug="what-we-know", number=1)
    assert version_1.status == VersionStatus.PUBLISHED
    before = files_bytes(version_1)
    assert before["pdf"].startswith(b"%PDF")

    sign_in(page, base, world.staff.email)
    page.goto(
        base
        + reverse("publishing_staff:publication_detail", args=[world.strategy.slug, "what-we-know"])
    )
    page.get_by_role("button", name="Start version 2").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What we know: version 2")
    page.get_by_role("link", name="Edit Introduction").click()
    page.get_by_label("Text").fill(FIXED_TEXT + " Version 2 adds this sentence.")
    page.get_by_role("button", name="Save the section").click()
    expect(page.locator("main")).to_contain_text("Saved the section “Introduction”.")

    version_1.refresh_from_db()
    assert version_1.status == VersionStatus.PUBLISHED
    assert files_bytes(version_1) == before
    assert PublicationVersion.objects.get(publication__slug="what-we-know", number=2).status == (
        VersionStatus.DRAFT
    )
