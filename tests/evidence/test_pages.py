"""Staff evidence pages, opening research for comments, and the research window's public pages."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import linebreaksbr
from django.urls import reverse
from django.utils.html import escape

from convenor.accounts.models import User
from convenor.core.uploads import DOCUMENT_MAX_BYTES
from convenor.engagement import documents_services
from convenor.engagement.models import Document
from convenor.evidence import services
from convenor.evidence.choices import Visibility
from convenor.evidence.models import EvidenceItem, EvidenceTerm
from convenor.evidence.search import evidence_terms_refresh
from convenor.strategy.models import Strategy
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.engagement.factories import CommentFactory, SoundingBoardFactory
from tests.evidence.factories import (
    EvidenceItemFactory,
    IndicatorFactory,
    ProjectBriefFactory,
)
from tests.evidence.test_permissions import make_team
from tests.evidence.test_services import PDF, exe_as_pdf, pdf
from tests.strategy.factories import LineOfEnquiryFactory, PriorityFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
AS_OF = datetime.datetime(2019, 5, 22, 17, 0, tzinfo=LONDON)
OPENED = datetime.datetime(2019, 5, 1, 9, 0, tzinfo=LONDON)
CLOSES = datetime.datetime(2019, 6, 30, 17, 0, tzinfo=LONDON)


@dataclass
class World:
    """A strategy with a sounding board, an evidence item with a PDF, staff and a non-staff user."""

    strategy: Strategy
    item: EvidenceItem
    staff: User
    user: User


@pytest.fixture
def world(settings) -> World:
    settings.CONVENOR_AS_OF = AS_OF
    board = SoundingBoardFactory()
    staff = StaffUserFactory()
    item = services.evidence_item_create(
        actor=staff,
        strategy=board.strategy,
        title="Towns and their economies",
        summary="Towns matter.\n\nThey grow slower than cities.",
        file=pdf("towns.pdf"),
        priorities=[PriorityFactory(strategy=board.strategy, title="Towns")],
        visibility=Visibility.PUBLIC,
    )
    return World(strategy=board.strategy, item=item, staff=staff, user=UserFactory())


def form_data(**fields: object) -> dict[str, object]:
    """What the item form posts when only the required choices are left as they start."""
    return {"kind": "published_report", "visibility": "staff", **fields}


def ev(name: str, world: World, *args: int) -> str:
    return reverse(f"evidence_staff:{name}", args=[world.strategy.slug, *args])


def open_window(world: World, *, opens_at=OPENED, closes_at=CLOSES) -> Document:
    return documents_services.research_window_open(
        actor=world.staff, item=world.item, opens_at=opens_at, closes_at=closes_at
    )


def staff_pages(world: World) -> list[str]:
    pk = world.item.pk
    return [
        ev("item_list", world),
        ev("item_create", world),
        ev("item_detail", world, pk),
        ev("item_edit", world, pk),
        ev("item_delete", world, pk),
        ev("item_download", world, pk),
        reverse("documents_staff:research_window_create", args=[world.strategy.slug, pk]),
    ]


# Permissions


def test_staff_pages_send_the_signed_out_to_sign_in_and_refuse_others(client, world):
    # A public item may be seen by anyone signed in; a staff-only one by staff alone.
    EvidenceItem.objects.filter(pk=world.item.pk).update(visibility=Visibility.STAFF)
    for page in staff_pages(world):
        response = client.get(page)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], page
    client.force_login(world.user)
    for page in staff_pages(world):
        assert client.get(page).status_code == 403, page
    post = form_data(title="Changed", summary="x", url="https://example.org/")
    assert client.post(ev("item_edit", world, world.item.pk), post).status_code == 403
    assert client.post(ev("item_delete", world, world.item.pk)).status_code == 403
    assert client.post(ev("item_create", world), post).status_code == 403
    window_url = reverse(
        "documents_staff:research_window_create", args=[world.strategy.slug, world.item.pk]
    )
    assert client.post(window_url, {"moderation": "post"}).status_code == 403
    world.item.refresh_from_db()
    assert world.item.title == "Towns and their economies"
    assert EvidenceItem.objects.count() == 1 and Document.objects.count() == 0
    client.force_login(world.staff)
    for page in staff_pages(world):
        assert client.get(page).status_code == 200, page


def test_an_item_of_another_strategy_is_not_found(client, world):
    other = EvidenceItemFactory()
    client.force_login(world.staff)
    assert client.get(ev("item_detail", world, other.pk)).status_code == 404
    assert (
        client.get(
            reverse("documents_staff:research_window_create", args=[world.strategy.slug, other.pk])
        ).status_code
        == 404
    )


# Staff pages


def test_add_an_item_with_a_file(client, world):
    client.force_login(world.staff)
    priority = world.item.priorities.get()
    response = client.post(
        ev("item_create", world),
        form_data(
            title="Productivity review",
            summary="Output per hour lags.",
            file=pdf("review.pdf"),
            published_on="2019-04-02",
            priorities=[priority.pk],
        ),
    )
    item = EvidenceItem.objects.get(title="Productivity review")
    assert response.status_code == 302
    assert response["Location"] == ev("item_detail", world, item.pk)
    assert item.published_on == datetime.date(2019, 4, 2)
    assert list(item.priorities.all()) == [priority]
    download = client.get(ev("item_download", world, item.pk))
    assert b"".join(download.streaming_content) == PDF


def test_a_renamed_executable_is_refused_on_the_form_and_the_text_kept(client, world):
    client.force_login(world.staff)
    response = client.post(
        ev("item_create", world),
        form_data(title="Keep my title", summary="Keep my summary", file=exe_as_pdf()),
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in text and "is not a real .pdf file" in text
    assert "Keep my title" in text and "Keep my summary" in text
    assert EvidenceItem.objects.count() == 1


def test_neither_file_nor_link_and_both_are_refused(client, world):
    client.force_login(world.staff)
    neither = client.post(ev("item_create", world), form_data(title="T", summary="S"))
    assert "Upload a file or give a link to where it is published" in neither.content.decode()
    both = client.post(
        ev("item_create", world),
        form_data(title="T", summary="S", file=pdf(), url="https://example.org/"),
    )
    assert "Give a file or a link, not both" in both.content.decode()
    assert EvidenceItem.objects.count() == 1


def test_edit_keeps_the_file_and_can_swap_it_for_a_link(client, world):
    client.force_login(world.staff)
    form = client.get(ev("item_edit", world, world.item.pk)).content.decode()
    assert "towns" in form and "Remove the file" in form
    client.post(
        ev("item_edit", world, world.item.pk),
        form_data(title="Towns, revised", summary=world.item.summary, visibility="public"),
    )
    world.item.refresh_from_db()
    assert world.item.title == "Towns, revised" and world.item.file
    client.post(
        ev("item_edit", world, world.item.pk),
        form_data(
            title="Towns, revised",
            summary=world.item.summary,
            visibility="public",
            remove_file="on",
            url="https://example.org/towns",
        ),
    )
    world.item.refresh_from_db()
    assert not world.item.file and world.item.url == "https://example.org/towns"


def test_list_searches_titles_and_summaries_pages_and_says_when_empty(client, world):
    for item in [
        EvidenceItemFactory(strategy=world.strategy, title="Skills audit", summary="Apprentices."),
        *EvidenceItemFactory.create_batch(30, strategy=world.strategy, summary="Filler."),
    ]:
        evidence_terms_refresh(item=item)
    client.force_login(world.staff)
    by_title = client.get(ev("item_list", world), {"q": "skills"}).content.decode()
    assert "Skills audit" in by_title and "Towns and their economies" not in by_title
    by_summary = client.get(ev("item_list", world), {"q": "slower"}).content.decode()
    assert "Towns and their economies" in by_summary and "Skills audit" not in by_summary
    nothing = client.get(ev("item_list", world), {"q": "zzz"}).content.decode()
    assert "No evidence item matches the search." in nothing
    first = client.get(ev("item_list", world)).content.decode()
    assert "Pages of evidence items" in first and "page=2" in first
    EvidenceItem.objects.all().delete()
    empty = client.get(ev("item_list", world)).content.decode()
    assert "This strategy has no evidence items yet." in empty


def test_delete_is_refused_with_a_clear_page_while_a_window_is_on_it(client, world):
    window = open_window(world)
    client.force_login(world.staff)
    page = client.get(ev("item_delete", world, world.item.pk)).content.decode()
    assert "You cannot delete" in page and "Yes, delete it" not in page
    assert escape(window.title) in page
    refused = client.post(ev("item_delete", world, world.item.pk))
    assert refused.status_code == 409
    assert "cannot be deleted while a comment window is on it" in refused.content.decode()
    assert EvidenceItem.objects.filter(pk=world.item.pk).exists()


def test_delete_without_a_window(client, world):
    client.force_login(world.staff)
    page = client.get(ev("item_delete", world, world.item.pk)).content.decode()
    assert "Yes, delete it" in page
    response = client.post(ev("item_delete", world, world.item.pk))
    assert response.status_code == 302 and response["Location"] == ev("item_list", world)
    assert not EvidenceItem.objects.exists()


# Opening research for comments


def test_open_for_comments_from_the_item_page_to_the_hub(client, world):
    client.force_login(world.staff)
    detail = client.get(ev("item_detail", world, world.item.pk)).content.decode()
    assert "This research has not been opened for comments." in detail
    url = reverse(
        "documents_staff:research_window_create", args=[world.strategy.slug, world.item.pk]
    )
    assert url in detail
    response = client.post(
        url,
        {
            "opens_on": "2019-06-01",
            "opens_time": "09:00",
            "closes_on": "2019-07-01",
            "closes_time": "17:00",
            "moderation": "pre",
        },
    )
    document = Document.objects.get()
    assert response["Location"] == reverse(
        "documents_staff:document_hub", args=[world.strategy.slug, document.pk]
    )
    assert document.evidence_item == world.item and document.moderation == "pre"
    assert document.opens_at.isoformat() == "2019-06-01T08:00:00+00:00"
    assert document.paragraphs.count() == 2
    CommentFactory(version=document.paragraphs.get(order=1).versions.get())
    detail = client.get(ev("item_detail", world, world.item.pk)).content.decode()
    assert "1 Jun 2019, 09:00 to 1 Jul 2019, 17:00" in detail and "Opens soon" in detail


def test_open_for_comments_refuses_a_backwards_window(client, world):
    client.force_login(world.staff)
    url = reverse(
        "documents_staff:research_window_create", args=[world.strategy.slug, world.item.pk]
    )
    response = client.post(
        url,
        {
            "opens_on": "2019-06-01",
            "opens_time": "09:00",
            "closes_on": "2019-05-01",
            "closes_time": "09:00",
            "moderation": "post",
        },
    )
    assert "The window must close after it opens" in response.content.decode()
    assert not Document.objects.exists()


def test_the_document_form_can_pick_an_item(client, world):
    client.force_login(world.staff)
    response = client.post(
        reverse("documents_staff:document_create", args=[world.strategy.slug]),
        {
            "title": "Notes on towns",
            "moderation": "post",
            "text": "A.",
            "evidence_item": world.item.pk,
        },
    )
    assert response.status_code == 302
    assert Document.objects.get().evidence_item == world.item
    foreign = EvidenceItemFactory()
    refused = client.post(
        reverse("documents_staff:document_create", args=[world.strategy.slug]),
        {"title": "Other", "moderation": "post", "text": "A.", "evidence_item": foreign.pk},
    )
    assert refused.status_code == 200 and Document.objects.count() == 1


@pytest.mark.parametrize(
    ("opens_at", "closes_at", "shared"),
    [
        (OPENED, CLOSES, True),
        (AS_OF + datetime.timedelta(days=3), CLOSES, True),
        (OPENED, AS_OF - datetime.timedelta(hours=1), False),
        (None, None, False),
    ],
    ids=["open", "about-to-open", "closed", "no-dates"],
)
def test_the_hub_offers_the_linkedin_share_while_open_or_about_to_open(
    client, world, opens_at, closes_at, shared
):
    document = open_window(world, opens_at=opens_at, closes_at=closes_at)
    client.force_login(world.staff)
    hub = client.get(
        reverse("documents_staff:document_hub", args=[world.strategy.slug, document.pk])
    ).content.decode()
    assert ("Share on LinkedIn" in hub) is shared
    if shared:
        assert "linkedin.com/sharing/share-offsite/?url=http%3A%2F%2Ftestserver%2Fs%2F" in hub
        assert "Tell us what you make of this research: Towns and their economies." in hub


def test_the_hub_of_a_draft_offers_the_share_too(client, world):
    document = documents_services.document_create(
        actor=world.staff, strategy=world.strategy, title="Draft", text="A.", opens_at=OPENED
    )
    client.force_login(world.staff)
    hub = client.get(
        reverse("documents_staff:document_hub", args=[world.strategy.slug, document.pk])
    ).content.decode()
    assert "Have your say on our draft: Draft." in hub


# Public pages of a research window


def test_the_public_page_says_it_is_research_and_shows_it_above_the_paragraphs(client, world):
    document = open_window(world)
    page = client.get(
        reverse("documents:document_detail", args=[world.strategy.slug, document.pk])
    ).content.decode()
    assert "Comments on research" in page and "Draft for comment" not in page
    assert "The research: Towns and their economies" in page
    download = reverse("documents:research_file", args=[world.strategy.slug, document.pk])
    assert download in page and "towns" in page
    assert page.index("Download the research") < page.index('id="paragraph-1"')


def test_a_research_window_on_a_link_shows_the_link(client, world):
    item = EvidenceItemFactory(
        strategy=world.strategy, url="https://example.org/skills", visibility=Visibility.PUBLIC
    )
    document = documents_services.research_window_open(
        actor=world.staff, item=item, opens_at=OPENED, closes_at=CLOSES
    )
    page = client.get(
        reverse("documents:document_detail", args=[world.strategy.slug, document.pk])
    ).content.decode()
    assert 'href="https://example.org/skills"' in page
    assert reverse("documents:research_file", args=[world.strategy.slug, document.pk]) not in page


def test_the_public_list_labels_research_apart_from_drafts(client, world):
    open_window(world)
    documents_services.document_create(
        actor=world.staff, strategy=world.strategy, title="Draft", text="A.", opens_at=OPENED
    )
    page = client.get(reverse("documents:document_list", args=[world.strategy.slug]))
    text = page.content.decode()
    assert text.count("Comments on research") == 1 and text.count("A draft for comment") == 1


def test_the_file_is_public_only_once_a_window_has_opened(client, world):
    soon = open_window(world, opens_at=AS_OF + datetime.timedelta(days=1), closes_at=CLOSES)
    url = reverse("documents:research_file", args=[world.strategy.slug, soon.pk])
    assert client.get(url).status_code == 404
    unset = open_window(world, opens_at=None, closes_at=None)
    assert (
        client.get(
            reverse("documents:research_file", args=[world.strategy.slug, unset.pk])
        ).status_code
        == 404
    )
    opened = open_window(world)
    response = client.get(reverse("documents:research_file", args=[world.strategy.slug, opened.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert 'filename="towns' in response["Content-Disposition"]
    draft = documents_services.document_create(
        actor=world.staff, strategy=world.strategy, title="Draft", text="A.", opens_at=OPENED
    )
    assert (
        client.get(
            reverse("documents:research_file", args=[world.strategy.slug, draft.pk])
        ).status_code
        == 404
    )


def test_the_file_is_not_served_once_the_item_is_no_longer_public(client, world):
    opened = open_window(world)
    url = reverse("documents:research_file", args=[world.strategy.slug, opened.pk])
    assert client.get(url).status_code == 200
    EvidenceItem.objects.filter(pk=world.item.pk).update(visibility=Visibility.STAFF)

    assert client.get(url).status_code == 404
    client.force_login(world.staff)
    assert client.get(url).status_code == 200


# Hostile input


def test_naughty_titles_and_summaries_are_stored_exactly_and_shown_escaped(
    client, world, naughty_strings
):
    client.force_login(world.staff)
    accepted = 0
    for index, naughty in enumerate(naughty_strings):
        response = client.post(
            ev("item_create", world),
            form_data(
                title=naughty,
                summary=naughty,
                key_findings=naughty,
                source=naughty,
                author=naughty,
                geography=naughty,
                quality="good",
                quality_reason=naughty,
                visibility="public",
                url=f"https://example.org/{index}",
            ),
        )
        assert response.status_code in (200, 302), repr(naughty)
        if response.status_code == 200:
            # Refused (blank, too long, or a null character): said so, never stored.
            assert "govuk-error-summary" in response.content.decode(), repr(naughty)
            continue
        accepted += 1
        item = EvidenceItem.objects.get(url=f"https://example.org/{index}")
        stored = (item.title, item.summary, item.key_findings, item.source, item.author)
        assert stored == (naughty,) * 5, repr(naughty)
        assert (item.geography, item.quality_reason) == (naughty, naughty), repr(naughty)
        page = client.get(response["Location"])
        text = page.content.decode()
        assert page.status_code == 200, repr(naughty)
        assert escape(naughty) in text and linebreaksbr(naughty, autoescape=True) in text
        document = (
            documents_services.research_window_open(
                actor=world.staff, item=item, opens_at=OPENED, closes_at=CLOSES
            )
            if naughty.strip()
            else None
        )
        if document is not None:
            public = client.get(
                reverse("documents:document_detail", args=[world.strategy.slug, document.pk])
            )
            assert public.status_code == 200, repr(naughty)
            assert escape(naughty) in public.content.decode(), repr(naughty)
    assert accepted > len(naughty_strings) // 2
    assert client.get(ev("item_list", world)).status_code == 200
    assert (
        client.get(reverse("documents:document_list", args=[world.strategy.slug])).status_code
        == 200
    )


# Query counts


def _fill(world: World, size: int) -> None:
    priorities = [
        world.item.priorities.get(),
        *PriorityFactory.create_batch(2, strategy=world.strategy),
    ]
    lines = [LineOfEnquiryFactory(priority=priority) for priority in priorities]
    indicators = IndicatorFactory.create_batch(2, strategy=world.strategy)
    brief = ProjectBriefFactory(priority=priorities[0])
    world.item.lines_of_enquiry.set(lines)
    world.item.indicators.set(indicators)
    EvidenceItem.objects.filter(pk=world.item.pk).update(
        brief=brief, key_findings="One.\nTwo.", quality="good", quality_reason="Peer reviewed."
    )
    for n in range(size):
        item = EvidenceItemFactory(
            strategy=world.strategy,
            visibility=[Visibility.PUBLIC, Visibility.PARTNERS, Visibility.STAFF][n % 3],
            key_findings="Towns grow.",
        )
        item.priorities.set(priorities)
        item.lines_of_enquiry.set(lines)
        item.indicators.set(indicators)
        evidence_terms_refresh(item=item)
    for n in range(size):
        window = open_window(world)
        CommentFactory(version=window.paragraphs.get(order=1).versions.get(), text=f"c{n}")


@pytest.mark.parametrize("size", [3, 30])
def test_page_queries_do_not_grow(client, world, size, django_assert_num_queries):
    _fill(world, size)
    document = Document.objects.order_by("pk").first()
    assert document is not None
    client.force_login(world.staff)
    slug, pk = world.strategy.slug, world.item.pk
    number = world.item.priorities.get().number
    staff_counts = {
        ev("item_list", world): 8,
        ev("item_list", world) + "?q=towns&kind=published_report&quality=good": 8,
        ev("item_create", world): 8,
        reverse("evidence_staff:priority_item_create", args=[slug, number]): 9,
        ev("item_detail", world, pk): 10,
        ev("item_edit", world, pk): 12,
        ev("item_delete", world, pk): 20,
        reverse("strategy_staff:priority_edit", args=[slug, number]): 17,
        reverse("evidence:item_list", args=[slug]): 7,
        reverse("evidence:item_list", args=[slug]) + "?q=towns": 7,
        reverse("evidence:item_detail", args=[slug, pk]): 8,
        reverse("documents_staff:research_window_create", args=[slug, pk]): 6,
        reverse("documents_staff:document_hub", args=[slug, document.pk]): 12,
        reverse("documents:document_detail", args=[slug, document.pk]): 16,
        reverse("documents:document_list", args=[slug]): 5,
    }
    for url, expected in staff_counts.items():
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200, url
    client.logout()
    public_counts = {
        reverse("documents:document_detail", args=[slug, document.pk]): 9,
        reverse("documents:document_list", args=[slug]): 3,
        reverse("documents:research_file", args=[slug, document.pk]): 2,
        reverse("evidence:item_list", args=[slug]): 5,
        reverse("evidence:item_detail", args=[slug, pk]): 6,
        reverse("evidence:item_file", args=[slug, pk]): 5,
    }
    for url, expected in public_counts.items():
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200, url


# Acceptance: a bad file is refused through the form, and nothing is stored


def stored_files(settings) -> list[str]:
    root = settings.MEDIA_ROOT
    return sorted(str(path) for path in Path(root).rglob("*") if path.is_file())


def too_big() -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "big.pdf", PDF + b"0" * (DOCUMENT_MAX_BYTES - len(PDF) + 1), content_type="application/pdf"
    )


@pytest.mark.parametrize("path", ["staff", "member"])
@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (exe_as_pdf, "“report.pdf” is not a real .pdf file: its contents do not match its name."),
        (too_big, "The file must be 20 MB or smaller: “big.pdf” is 20.0 MB."),
    ],
    ids=["content-not-its-type", "over-the-size-limit"],
)
def test_a_bad_file_is_refused_on_the_form_and_nothing_is_stored(
    client, settings, path, upload, message
):
    team = make_team()
    user = team.staff if path == "staff" else team.member
    url = (
        reverse("evidence_staff:item_create", args=[team.strategy.slug])
        if path == "staff"
        else reverse(
            "evidence_staff:priority_item_create", args=[team.strategy.slug, team.ours.number]
        )
    )
    client.force_login(user)
    items, terms, files = (
        EvidenceItem.objects.count(),
        EvidenceTerm.objects.count(),
        stored_files(settings),
    )
    response = client.post(
        url,
        form_data(
            title="Unique zebra title",
            summary="Zebra summary",
            key_findings="Zebra finding",
            file=upload(),
            priorities=[team.ours.pk],
        ),
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in text and escape(message) in text
    assert "Unique zebra title" in text  # what was typed is kept
    assert EvidenceItem.objects.count() == items
    assert EvidenceTerm.objects.count() == terms
    assert not EvidenceTerm.objects.filter(term="zebra").exists()
    assert stored_files(settings) == files


# The priority page's evidence panel


def test_the_priority_page_shows_its_lines_with_their_evidence(client):
    team = make_team()
    other = EvidenceItemFactory(strategy=team.strategy, title="Older report")
    other.priorities.set([team.ours])
    LineOfEnquiryFactory(priority=team.ours, question="Is land the constraint?")
    url = reverse("strategy_staff:priority_edit", args=[team.strategy.slug, team.ours.number])
    for user in (team.staff, team.member):
        client.force_login(user)
        page = client.get(url).content.decode()
        assert "2 evidence items inform priority" in page
        assert "Where are the skills gaps?" in page and "Is land the constraint?" in page
        assert "No evidence yet" in page
        detail = reverse("evidence_staff:item_detail", args=[team.strategy.slug, team.item.pk])
        assert f'href="{detail}">Skills survey</a>' in page
        assert (
            reverse(
                "evidence_staff:priority_item_create", args=[team.strategy.slug, team.ours.number]
            )
            in page
        )


@pytest.mark.parametrize("size", [3, 30])
def test_the_priority_page_queries_do_not_grow(client, size, django_assert_num_queries):
    team = make_team()
    for _ in range(size):
        line = LineOfEnquiryFactory(priority=team.ours)
        item = EvidenceItemFactory(strategy=team.strategy)
        item.priorities.set([team.ours, team.theirs])
        item.lines_of_enquiry.set([line, team.line])
    url = reverse("strategy_staff:priority_edit", args=[team.strategy.slug, team.ours.number])
    for user, expected in ((team.staff, 17), (team.member, 21)):
        client.force_login(user)
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200
