"""Publishing pages through HTTP: staff lists, versions, sections, builds, waivers, comparison,
sign-off and publishing; the signer's pages; the public pages with their checksums; and the
query count of every page at two sizes of data."""

from __future__ import annotations

import re
from html import unescape

import pytest
from django.urls import reverse

from convenor.publishing import services
from convenor.publishing.choices import BuildStatus, LintCode, SectionKind, VersionStatus
from convenor.publishing.models import LintWaiver, Publication, PublicationVersion
from tests.meetings.factories import AgendaItemFactory, MeetingFactory
from tests.publishing.factories import PublicationFactory, PublicationVersionFactory, SectionFactory
from tests.publishing.worlds import AS_OF, World, fake_build, make_world, signed_off

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(settings) -> World:
    settings.CONVENOR_AS_OF = AS_OF
    return make_world()


def text(response) -> str:
    return unescape(response.content.decode())


def plain(response) -> str:
    """The page's words without markup, each run of spaces as one."""
    return " ".join(re.sub(r"<[^>]+>", "", text(response)).split())


def staff_url(world: World, name: str, *args) -> str:
    return reverse(f"publishing_staff:{name}", args=[world.strategy.slug, *args])


def version_url(world: World, number: int = 1, name: str = "version_detail") -> str:
    return staff_url(world, name, world.publication.slug, number)


def test_the_staff_list_shows_an_empty_state_then_the_publications(client, world):
    client.force_login(world.staff)
    Publication.objects.all().delete()
    page = text(client.get(staff_url(world, "publication_list")))
    assert "There are no publications yet." in page
    assert "Create a publication" in page


def test_staff_create_a_publication_and_a_board_paper_needs_an_agenda_item(client, world):
    client.force_login(world.staff)
    data = {
        "kind": "board-paper",
        "title": "LIS engagement",
        "slug": "lis-engagement",
        "as_of": "2019-05-22",
    }
    response = client.post(staff_url(world, "publication_create"), data)
    assert response.status_code == 200
    assert "Choose the agenda item the board paper is written for" in text(response)
    assert 'value="LIS engagement"' in text(response)
    item = AgendaItemFactory(meeting=MeetingFactory(strategy=world.strategy))
    response = client.post(staff_url(world, "publication_create"), {**data, "agenda_item": item.pk})
    assert response.status_code == 302
    publication = Publication.objects.get(slug="lis-engagement")
    assert publication.agenda_item == item
    assert response.url == staff_url(world, "version_detail", "lis-engagement", 1)


def test_others_are_refused_the_staff_pages(client, world):
    assert client.get(staff_url(world, "publication_list")).status_code == 302
    client.force_login(world.signer)
    assert client.get(staff_url(world, "publication_list")).status_code == 403
    response = client.post(version_url(world, name="version_build"))
    assert response.status_code == 403
    assert world.v1.build_status == BuildStatus.NOT_BUILT


def test_the_version_page_lists_sections_and_moves_one_up(client, world):
    client.force_login(world.staff)
    page = text(client.get(version_url(world)))
    assert page.index("1. Introduction") < page.index("2. Evidence highlights")
    assert "Move up Evidence highlights" in plain(client.get(version_url(world)))
    section = world.v1.sections.get(heading="Lines of enquiry")
    response = client.post(
        staff_url(world, "section_move", world.publication.slug, 1, section.pk), {"direction": "up"}
    )
    assert response.status_code == 302
    assert list(world.v1.sections.values_list("heading", flat=True)) == [
        "Introduction",
        "Lines of enquiry",
        "Evidence highlights",
    ]


def test_moving_the_first_section_up_shows_the_refusal_in_the_error_summary(client, world):
    client.force_login(world.staff)
    section = world.v1.sections.get(position=1)
    response = client.post(
        staff_url(world, "section_move", world.publication.slug, 1, section.pk), {"direction": "up"}
    )
    assert response.status_code == 200
    assert "There is a problem" in text(response)
    assert "That section is already first." in text(response)


def test_adding_and_editing_a_section_with_the_markdown_help(client, world):
    client.force_login(world.staff)
    create = version_url(world, name="section_create")
    page = text(client.get(create))
    assert "Markdown: leave a blank line between paragraphs" in page
    response = client.post(
        create, {"kind": SectionKind.WRITTEN, "heading": "", "body": "Kept text"}
    )
    assert "Enter the heading" in text(response) and "Kept text" in text(response)
    response = client.post(
        create, {"kind": SectionKind.WRITTEN, "heading": "Next steps", "body": "We will engage."}
    )
    assert response.status_code == 302
    section = world.v1.sections.get(heading="Next steps")
    assert (section.position, section.body) == (4, "We will engage.")
    edit = staff_url(world, "section_edit", world.publication.slug, 1, section.pk)
    client.post(edit, {"kind": SectionKind.WRITTEN, "heading": "Next steps", "body": "Changed."})
    section.refresh_from_db()
    assert section.body == "Changed."


def test_a_fixed_version_shows_sections_read_only_with_start_the_next_version(client, world):
    signed_off(world)
    client.force_login(world.staff)
    page = text(client.get(version_url(world)))
    assert "Start version 2 to make changes" in page
    assert "Move up" not in page and "Add a section" not in page
    response = client.post(staff_url(world, "version_new", world.publication.slug))
    assert response.url == version_url(world, 2)
    assert world.publication.versions.get(number=2).sections.count() == 3


def test_build_the_files_queues_the_build_and_the_progress_polls_until_built(client, world):
    client.force_login(world.staff)
    response = client.post(version_url(world, name="version_build"))
    assert response.status_code == 302
    page = text(client.get(version_url(world)))
    assert 'hx-trigger="every 1s"' in page and 'role="status"' in page
    assert "Waiting to start" in page
    progress = version_url(world, name="version_progress")
    polled = client.get(progress, headers={"HX-Request": "true"})
    assert "HX-Refresh" not in polled
    assert '<progress id="build-progress-bar-' in polled.content.decode()
    fake_build(world.v1)
    polled = client.get(progress, headers={"HX-Request": "true"})
    assert polled["HX-Refresh"] == "true"
    page = text(client.get(version_url(world)))
    assert 'hx-trigger="every 1s"' not in page
    assert "Built" in page and "Download the PDF" in page


def test_a_failed_build_shows_its_step(client, world):
    PublicationVersion.objects.filter(pk=world.v1.pk).update(
        build_status=BuildStatus.FAILED, build_step="The build failed: no record"
    )
    client.force_login(world.staff)
    assert "The build failed: no record" in text(client.get(version_url(world)))


def test_a_finding_is_waived_with_a_reason_and_the_waiver_withdrawn(client, world):
    fake_build(world.v1, findings=[(LintCode.QUESTIONS, "It asks “What should we do?”")])
    client.force_login(world.staff)
    page = text(client.get(version_url(world)))
    assert "It asks “What should we do?”" in page and "Blocks sign-off" in page
    waive = version_url(world, name="lint_waive")
    response = client.post(waive, {"code": LintCode.QUESTIONS, "section": "", "reason": ""})
    assert "Enter why the check is waived" in text(response)
    assert not LintWaiver.objects.exists()
    client.post(waive, {"code": LintCode.QUESTIONS, "section": "", "reason": "Quoted."})
    waiver = LintWaiver.objects.get()
    assert (waiver.reason, waiver.waived_by) == ("Quoted.", world.staff)
    page = text(client.get(version_url(world)))
    assert "Every problem found is waived." in page and "Ask for sign-off" in page
    client.post(staff_url(world, "waiver_withdraw", world.publication.slug, 1, waiver.pk))
    assert not LintWaiver.objects.exists()


def test_compare_shows_two_versions_side_by_side_marked_in_words(client, world):
    signed_off(world)
    second = services.version_new(actor=world.staff, publication=world.publication)
    services.section_update(
        actor=world.staff, section=second.sections.get(position=1), data={"body": "New text."}
    )
    client.force_login(world.staff)
    page = text(client.get(staff_url(world, "version_compare", world.publication.slug)))
    assert "Section: Introduction" in page
    assert "Added" in page and "<ins>New text.</ins>" in page
    assert "1 line differs between version 1 and version 2." in page


def test_staff_ask_for_sign_off_choosing_a_member_of_a_body(client, world):
    fake_build(world.v1)
    client.force_login(world.staff)
    url = version_url(world, name="sign_off_request")
    page = text(client.get(url))
    assert "Stacey King — Enterprise M3 Board" in page
    response = client.post(url, {"signer": f"{world.outsider.pk}:{world.board.pk}"})
    assert "Select a valid choice." in text(response)
    response = client.post(url, {"signer": f"{world.signer.pk}:{world.board.pk}"})
    assert response.status_code == 302
    version = world.v1
    assert (version.status, version.signer) == (VersionStatus.IN_REVIEW, world.signer)
    client.post(version_url(world, name="review_withdraw"))
    assert world.v1.status == VersionStatus.DRAFT


def test_the_signer_sees_what_they_sign_and_signs_off_then_staff_publish(client, world):
    version = world.v1
    fake_build(version)
    services.version_review_request(
        actor=world.staff, version=version, signer=world.signer, signer_body=world.board
    )
    client.force_login(world.outsider)
    assert "Nothing is waiting for your sign-off." in text(
        client.get(reverse("publishing:sign_off_list"))
    )
    assert client.get(reverse("publishing:sign_off_detail", args=[version.pk])).status_code == 403
    client.force_login(world.signer)
    page = text(client.get(reverse("publishing:sign_off_list")))
    assert "What the evidence says, version 1" in page
    page = text(client.get(reverse("publishing:sign_off_detail", args=[version.pk])))
    assert version.pdf_sha256 in page and "Sign off on behalf of Enterprise M3 Board" in page
    assert "Read the web version" in page
    response = client.post(reverse("publishing:sign_off_sign", args=[version.pk]))
    assert response.status_code == 302
    assert world.v1.status == VersionStatus.SIGNED_OFF
    client.force_login(world.staff)
    client.post(version_url(world, name="version_publish"))
    assert world.v1.status == VersionStatus.PUBLISHED


def test_the_signer_returns_a_version_with_a_reason(client, world):
    version = world.v1
    fake_build(version)
    services.version_review_request(
        actor=world.staff, version=version, signer=world.signer, signer_body=world.board
    )
    client.force_login(world.signer)
    url = reverse("publishing:sign_off_return", args=[version.pk])
    assert "Enter what needs to change" in text(client.post(url, {"reason": ""}))
    client.post(url, {"reason": "The timetable is out of date."})
    assert world.v1.status == VersionStatus.DRAFT


def public_url(world: World, name: str = "publication_detail", *args) -> str:
    return reverse(f"publishing:{name}", args=[world.strategy.slug, world.publication.slug, *args])


def test_the_public_page_shows_the_published_version_with_downloads_and_checksums(client, world):
    version = services.version_publish(actor=world.staff, version=signed_off(world))
    response = client.get(public_url(world))
    page = text(response)
    assert "Signed off by Stacey King on behalf of Enterprise M3 Board on 14 June 2019" in page
    assert "Read the web version" in page
    assert "Download the PDF (3 pages, 16\xa0bytes)" in page
    assert "Download the Word document" in page
    assert plain(response).count("Matches its signed checksum") == 3
    assert version.pdf_sha256 in page
    html = client.get(public_url(world, "version_file", 1, "html"))
    assert html["Content-Type"] == "text/html; charset=utf-8"
    assert b"".join(html.streaming_content) == b"html of version 1"
    listing = text(client.get(reverse("publishing:publication_list", args=[world.strategy.slug])))
    assert "What the evidence says" in listing


def test_a_tampered_pdf_shows_as_not_matching_and_is_still_served(client, world):
    version = services.version_publish(actor=world.staff, version=signed_off(world))
    with open(version.pdf_file.path, "r+b") as handle:
        handle.write(b"P")
    response = client.get(public_url(world))
    page = text(response)
    assert plain(response).count("Matches its signed checksum") == 2
    assert (
        "Does NOT match its signed checksum — this file has changed since it was signed off" in page
    )
    pdf = client.get(public_url(world, "version_file", 1, "pdf"))
    assert b"".join(pdf.streaming_content) == b"Pdf of version 1"


def test_unpublished_versions_are_not_found_by_the_public(client, world):
    fake_build(world.v1)
    assert client.get(public_url(world)).status_code == 404
    assert client.get(public_url(world, "version_detail", 1)).status_code == 404
    assert client.get(public_url(world, "version_file", 1, "pdf")).status_code == 404


def test_superseded_versions_stay_available_and_a_reactions_draft_is_linked(client, world):
    from tests.engagement.factories import DocumentFactory

    services.version_publish(actor=world.staff, version=signed_off(world))
    second = services.version_new(actor=world.staff, publication=world.publication)
    services.version_publish(actor=world.staff, version=signed_off(world, second))
    third = services.version_new(actor=world.staff, publication=world.publication)
    document = DocumentFactory(strategy=world.strategy)
    services.version_update(actor=world.staff, version=third, data={"reactions_document": document})
    page = text(client.get(public_url(world)))
    assert "Version 1" in page and "superseded" in page and "Draft for reactions" in page
    old = text(client.get(public_url(world, "version_detail", 1)))
    assert "This is version 1, superseded on 14 June 2019." in old
    assert client.get(public_url(world, "version_detail", 3)).status_code == 404


def test_the_strategy_page_and_staff_home_link_to_publications(client, world):
    services.version_publish(actor=world.staff, version=signed_off(world))
    page = text(client.get(reverse("strategy:strategy_detail", args=[world.strategy.slug])))
    assert reverse("publishing:publication_detail", args=["em3", "evidence-summary"]) in page
    client.force_login(world.staff)
    home = text(client.get(reverse("strategy_staff:home")))
    assert staff_url(world, "publication_list") in home


# --- Query counts ----------------------------------------------------------------------------


def sized_world(world: World, size: int) -> dict[str, str]:
    """Data `size` deep: sections, findings, waivers, versions, publications awaiting sign-off;
    returns the URL of each page, by name."""
    version = world.v1
    for index in range(size):
        SectionFactory(version=version, position=10 + index, body="Some words here. " * 5)
    fake_build(version, findings=[(LintCode.QUESTIONS, f"Question {i}") for i in range(size)])
    LintWaiver.objects.create(version=version, code=LintCode.READABILITY, reason="Fine.")
    # A published publication with `size` versions, the earlier ones superseded.
    published = PublicationFactory(strategy=world.strategy, slug="published")
    for number in range(1, size + 1):
        old = PublicationVersionFactory(
            publication=published,
            number=number,
            status=VersionStatus.SUPERSEDED if number < size else VersionStatus.PUBLISHED,
            published_at=AS_OF,
            signer=world.signer,
            signer_body=world.board,
        )
        SectionFactory(version=old, position=1)
        fake_build(old)
    # `size` versions awaiting the signer.
    for _ in range(size):
        PublicationVersionFactory(
            publication=PublicationFactory(strategy=world.strategy),
            number=1,
            status=VersionStatus.IN_REVIEW,
            signer=world.signer,
            signer_body=world.board,
        )
    awaiting = PublicationVersion.objects.filter(status=VersionStatus.IN_REVIEW).first()
    fake_build(awaiting)
    slug, pub = world.strategy.slug, world.publication.slug
    section = version.sections.first()
    return {
        "staff:publication_list": staff_url(world, "publication_list"),
        "staff:publication_create": staff_url(world, "publication_create"),
        "staff:publication_detail": staff_url(world, "publication_detail", "published"),
        "staff:version_compare": staff_url(world, "version_compare", "published"),
        "staff:version_detail": version_url(world),
        "staff:version_progress": version_url(world, name="version_progress"),
        "staff:section_create": version_url(world, name="section_create"),
        "staff:section_edit": staff_url(world, "section_edit", pub, 1, section.pk),
        "staff:section_delete": staff_url(world, "section_delete", pub, 1, section.pk),
        "staff:sign_off_request": version_url(world, name="sign_off_request"),
        "signer:sign_off_list": reverse("publishing:sign_off_list"),
        "signer:sign_off_detail": reverse("publishing:sign_off_detail", args=[awaiting.pk]),
        "public:publication_list": reverse("publishing:publication_list", args=[slug]),
        "public:publication_detail": reverse(
            "publishing:publication_detail", args=[slug, "published"]
        ),
        "public:version_detail": reverse("publishing:version_detail", args=[slug, "published", 1]),
        "public:version_file": reverse(
            "publishing:version_file", args=[slug, "published", 1, "pdf"]
        ),
    }


# The exact number of queries each page makes, whatever the size of the data.
QUERIES = {
    "staff:publication_list": 6,
    "staff:publication_create": 5,
    "staff:publication_detail": 6,
    "staff:version_compare": 8,
    "staff:version_detail": 10,
    "staff:version_progress": 6,
    "staff:section_create": 7,
    "staff:section_edit": 8,
    "staff:section_delete": 10,
    "staff:sign_off_request": 8,
    "signer:sign_off_list": 4,
    "signer:sign_off_detail": 6,
    "public:publication_list": 4,
    "public:publication_detail": 5,
    "public:version_detail": 5,
    "public:version_file": 4,
}


@pytest.mark.parametrize("size", [2, 12])
@pytest.mark.parametrize("page", sorted(QUERIES))
def test_each_page_makes_the_same_number_of_queries_at_any_size(
    client, world, django_assert_num_queries, page, size
):
    urls = sized_world(world, size)
    who, _ = page.split(":")
    if who == "staff":
        client.force_login(world.staff)
    elif who == "signer":
        client.force_login(world.signer)
    with django_assert_num_queries(QUERIES[page]):
        response = client.get(urls[page])
    assert response.status_code == 200, page


def test_the_draft_shared_for_reactions_stays_linked_once_the_next_version_is_published(
    client, world
):
    from tests.engagement.factories import DocumentFactory

    document = DocumentFactory(strategy=world.strategy)
    services.version_update(
        actor=world.staff, version=world.v1, data={"reactions_document": document}
    )
    second = services.version_new(actor=world.staff, publication=world.publication)
    services.version_publish(actor=world.staff, version=signed_off(world, second))

    page = text(client.get(public_url(world)))

    assert "Version 1, dated 21 June 2019, is the draft shared with the sounding board" in page
    assert "Draft for reactions" in page


def test_the_signers_own_page_lists_what_waits_for_their_sign_off_and_no_one_elses(client, world):
    fake_build(world.v1)
    services.version_review_request(
        actor=world.staff, version=world.v1, signer=world.signer, signer_body=world.board
    )

    client.force_login(world.signer)
    response = client.get(reverse("meetings:my_meetings"))
    client.force_login(world.outsider)
    other = plain(client.get(reverse("meetings:my_meetings")))

    assert (
        "Waiting for your sign-off What the evidence says, version 1, "
        "on behalf of Enterprise M3 Board"
    ) in plain(response)
    assert reverse("publishing:sign_off_detail", args=[world.v1.pk]) in response.content.decode()
    assert "Waiting for your sign-off" not in other
