"""The staff pages that change a publication's details and a draft version's date and draft for
reactions: saving, refusals with what was typed kept, fixed versions, who may use them, hostile
text, and their query counts at two sizes of data."""

from __future__ import annotations

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse
from django.utils.html import escape

from convenor.core.models import AuditEvent
from convenor.publishing import services
from convenor.publishing.choices import BuildStatus, VersionStatus
from convenor.publishing.models import Publication
from tests.engagement.factories import DocumentFactory
from tests.meetings.factories import AgendaItemFactory, MeetingFactory
from tests.publishing.factories import PublicationFactory, PublicationVersionFactory, SectionFactory
from tests.publishing.worlds import AS_OF, World, fake_build, make_world, signed_off
from tests.strategy.factories import StrategyFactory

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


def edit_url(world: World, slug: str = "evidence-summary") -> str:
    return staff_url(world, "publication_edit", slug)


def version_url(world: World, number: int = 1, name: str = "version_detail") -> str:
    return staff_url(world, name, world.publication.slug, number)


def details(**changes) -> dict:
    """What the details form posts: the world's publication as it is, with `changes`."""
    return {
        "title": "What the evidence says",
        "slug": "evidence-summary",
        "summary": "",
        **changes,
    }


# --- A publication's details -------------------------------------------------------------------


def test_staff_change_a_publications_details_and_a_new_slug_moves_its_pages(client, world):
    client.force_login(world.staff)
    old_url = staff_url(world, "publication_detail", "evidence-summary")
    page = client.get(old_url)
    assert f'href="{edit_url(world)}"' in text(page)
    assert "Change details of What the evidence says" in plain(page)

    form = client.get(edit_url(world))
    assert form.status_code == 200
    assert '<h1 class="govuk-heading-l">Change the details of the publication</h1>' in text(form)
    assert 'value="What the evidence says"' in text(form)
    assert 'value="evidence-summary"' in text(form)

    response = client.post(
        edit_url(world),
        details(
            title="Evidence for the LIS",
            slug="evidence-for-the-lis",
            summary="What we know about the area.",
            is_consultation="on",
        ),
    )
    new_url = staff_url(world, "publication_detail", "evidence-for-the-lis")
    assert response.status_code == 302
    assert response.url == new_url
    publication = Publication.objects.get(pk=world.publication.pk)
    assert (
        publication.title,
        publication.slug,
        publication.summary,
        publication.is_consultation,
    ) == ("Evidence for the LIS", "evidence-for-the-lis", "What we know about the area.", True)
    shown = client.get(new_url)
    assert "Saved the details of Evidence for the LIS." in text(shown)
    assert "What we know about the area." in text(shown)
    assert "Yes: it may ask its readers questions" in text(shown)
    assert client.get(old_url).status_code == 404
    event = AuditEvent.objects.filter(verb="changed", target_id=str(publication.pk)).get()
    assert event.detail == {"fields": ["is_consultation", "slug", "summary", "title"]}


def test_a_board_paper_keeps_its_kind_and_agenda_item(client, world):
    item = AgendaItemFactory(meeting=MeetingFactory(strategy=world.strategy), title="LIS update")
    other_item = AgendaItemFactory(meeting=MeetingFactory(strategy=world.strategy))
    paper = services.publication_create(
        actor=world.staff,
        strategy=world.strategy,
        kind="board-paper",
        title="LIS engagement",
        slug="lis-engagement",
        as_of=datetime.date(2019, 5, 22),
        agenda_item=item,
    )
    client.force_login(world.staff)
    url = edit_url(world, "lis-engagement")
    assert "LIS update" in text(client.get(url))
    response = client.post(
        url,
        {
            "title": "LIS engagement so far",
            "slug": "lis-engagement",
            "kind": "early-beta",
            "agenda_item": other_item.pk,
        },
    )
    assert response.status_code == 302
    paper.refresh_from_db()
    assert (paper.title, paper.kind, paper.agenda_item) == (
        "LIS engagement so far",
        "board-paper",
        item,
    )


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": "  "}, "Enter the title"),
        ({"slug": "taken"}, "Another publication of this strategy has that name."),
        ({"slug": "new name"}, "Use only lower-case letters, numbers and hyphens"),
        ({"slug": "Early_Beta"}, "Use only lower-case letters, numbers and hyphens"),
        ({"slug": ""}, "Enter a short name for web addresses"),
        ({"title": "x" * 201}, "Ensure this value has at most 200 characters (it has 201)."),
    ],
)
def test_refused_details_are_said_in_the_error_summary_and_what_was_typed_is_kept(
    client, world, changes, message
):
    PublicationFactory(strategy=world.strategy, slug="taken", title="Taken")
    client.force_login(world.staff)
    typed = details(
        title="Evidence for the LIS", summary="Kept <b>summary</b>", is_consultation="on"
    )
    typed.update(changes)
    response = client.post(edit_url(world), typed)
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Error: " in html
    assert "There is a problem" in html
    assert escape(message) in html
    assert f'value="{escape(typed["title"])}"' in html
    if typed["slug"]:
        assert f'value="{escape(typed["slug"])}"' in html
    assert "Kept &lt;b&gt;summary&lt;/b&gt;</textarea>" in html
    assert 'id="id_is_consultation" checked>' in html
    # The page still names the publication as it is, not as typed: its links lead to it.
    assert '<span class="govuk-caption-l">Enterprise M3 LIS: What the evidence says</span>' in html
    assert f'href="{staff_url(world, "publication_detail", "evidence-summary")}"' in html
    publication = Publication.objects.get(pk=world.publication.pk)
    assert (publication.title, publication.slug, publication.summary) == (
        "What the evidence says",
        "evidence-summary",
        "",
    )


def test_a_slug_used_by_another_strategy_is_free_here(client, world):
    PublicationFactory(strategy=StrategyFactory(), slug="shared-name")
    client.force_login(world.staff)
    response = client.post(edit_url(world), details(slug="shared-name"))
    assert response.url == staff_url(world, "publication_detail", "shared-name")


def test_naughty_titles_and_summaries_are_stored_exactly_or_refused_and_shown_escaped(
    client, world, naughty_strings
):
    client.force_login(world.staff)
    url = edit_url(world)
    accepted = 0
    for naughty in naughty_strings:
        response = client.post(url, details(title=naughty, summary=naughty), follow=True)
        assert response.status_code == 200, repr(naughty)
        html = response.content.decode()
        if not response.redirect_chain:
            # Refused (blank, too long, or a null character): said so, and the text kept.
            assert "govuk-error-summary" in html, repr(naughty)
            if naughty:
                assert f'value="{escape(naughty)}"' in html, repr(naughty)
                assert f"{escape(naughty)}</textarea>" in html, repr(naughty)
            continue
        accepted += 1
        # Forms take off surrounding spaces, by design; everything else is kept as typed.
        stored = Publication.objects.values_list("title", "summary").get(pk=world.publication.pk)
        assert stored == (naughty.strip(), naughty.strip()), repr(naughty)
        assert f'<h1 class="govuk-heading-l">{escape(naughty.strip())}</h1>' in html
        if naughty.strip():
            assert f'<p class="govuk-body">{escape(naughty.strip())}</p>' in html
    assert accepted > len(naughty_strings) // 2


# --- A version's date and draft for reactions ----------------------------------------------------


def test_staff_change_a_drafts_date_and_draft_for_reactions(client, world):
    document = DocumentFactory(strategy=world.strategy, title="Draft LIS for reactions")
    elsewhere = DocumentFactory(title="Another strategy's draft")
    client.force_login(world.staff)
    page = client.get(version_url(world))
    assert f'href="{version_url(world, name="version_edit")}"' in text(page)
    assert "Change the date or the draft for reactions" in text(page)

    form = client.get(version_url(world, name="version_edit"))
    assert form.status_code == 200
    html = text(form)
    assert '<h1 class="govuk-heading-l">Change the date or the draft for reactions</h1>' in html
    assert 'value="2019-06-21"' in html
    assert "Draft LIS for reactions" in html and elsewhere.title not in html

    response = client.post(
        version_url(world, name="version_edit"),
        {"as_of": "2019-07-01", "reactions_document": document.pk},
    )
    assert response.status_code == 302
    assert response.url == version_url(world)
    version = world.v1
    assert (version.as_of, version.reactions_document) == (datetime.date(2019, 7, 1), document)
    shown = plain(client.get(version_url(world)))
    assert "Saved the date and the draft for reactions of version 1." in shown
    assert "Dated 1 July 2019." in shown
    assert "Shared with the sounding board for their reactions in Draft LIS for reactions." in shown

    client.post(
        version_url(world, name="version_edit"), {"as_of": "2019-07-01", "reactions_document": ""}
    )
    assert world.v1.reactions_document is None


def test_a_new_date_means_a_new_build_and_withdraws_the_request_for_sign_off(client, world):
    fake_build(world.v1)
    services.version_review_request(
        actor=world.staff, version=world.v1, signer=world.signer, signer_body=world.board
    )
    client.force_login(world.staff)
    client.post(version_url(world, name="version_edit"), {"as_of": "2019-07-01"})
    version = world.v1
    assert (version.status, version.build_status) == (VersionStatus.DRAFT, BuildStatus.NOT_BUILT)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"as_of": ""}, "Enter the date the document speaks for"),
        ({"as_of": "2019-02-30"}, "Enter a real date, for example 21 June 2019"),
        ({"as_of": "2019-07-01", "reactions_document": "other"}, "Choose one of the strategy's"),
    ],
)
def test_a_refused_date_or_document_is_said_and_nothing_changes(client, world, data, message):
    if data.get("reactions_document") == "other":
        data = {**data, "reactions_document": DocumentFactory().pk}
    client.force_login(world.staff)
    response = client.post(version_url(world, name="version_edit"), data)
    assert response.status_code == 200
    html = text(response)
    assert "There is a problem" in html and message in html
    assert f'value="{data["as_of"]}"' in html
    assert (world.v1.as_of, world.v1.reactions_document) == (datetime.date(2019, 6, 21), None)


def test_a_fixed_version_is_not_linked_and_its_form_is_refused_by_the_service(client, world):
    signed_off(world)
    document = DocumentFactory(strategy=world.strategy)
    client.force_login(world.staff)
    assert "Change the date or the draft for reactions" not in text(client.get(version_url(world)))
    response = client.post(
        version_url(world, name="version_edit"),
        {"as_of": "2019-07-01", "reactions_document": document.pk},
    )
    assert response.status_code == 200
    html = text(response)
    assert "There is a problem" in html
    assert "Version 1 is signed off: it cannot change. Start version 2 to make changes." in html
    assert 'value="2019-07-01"' in html
    version = world.v1
    assert (version.status, version.as_of, version.reactions_document) == (
        VersionStatus.SIGNED_OFF,
        datetime.date(2019, 6, 21),
        None,
    )


# --- Who may use them ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["publication_edit", "version_edit"])
def test_others_are_sent_to_sign_in_or_refused_and_nothing_changes(client, world, name):
    url = edit_url(world) if name == "publication_edit" else version_url(world, name=name)
    data = {**details(title="Hijacked"), "as_of": "2020-01-01"}
    sign_in = reverse("account_login")
    assert client.get(url).url.startswith(sign_in)
    assert client.post(url, data).url.startswith(sign_in)
    client.force_login(world.signer)
    assert client.get(url).status_code == 403
    assert client.post(url, data).status_code == 403
    assert world.publication.title == Publication.objects.get().title == "What the evidence says"
    assert world.v1.as_of == datetime.date(2019, 6, 21)


# --- Query counts --------------------------------------------------------------------------------


def sized_world(world: World, size: int) -> dict[str, str]:
    """The world with `size` of everything the two pages could show (versions, sections,
    documents for reactions, other publications); returns their URLs."""
    item = AgendaItemFactory(meeting=MeetingFactory(strategy=world.strategy))
    paper = services.publication_create(
        actor=world.staff,
        strategy=world.strategy,
        kind="board-paper",
        title="LIS engagement",
        slug="lis-engagement",
        as_of=datetime.date(2019, 5, 22),
        agenda_item=item,
    )
    for number in range(2, size + 2):
        PublicationVersionFactory(publication=paper, number=number, status=VersionStatus.SUPERSEDED)
    documents = [DocumentFactory(strategy=world.strategy) for _ in range(size)]
    version = world.v1
    for index in range(size):
        SectionFactory(version=version, position=10 + index)
        PublicationFactory(strategy=world.strategy)
    services.version_update(
        actor=world.staff, version=version, data={"reactions_document": documents[0]}
    )
    return {
        "publication_edit": edit_url(world, "lis-engagement"),
        "version_edit": version_url(world, name="version_edit"),
    }


# The exact number of queries each page makes, whatever the size of the data.
QUERIES = {"publication_edit": 6, "version_edit": 8}


@pytest.mark.parametrize("size", [2, 12])
@pytest.mark.parametrize("page", sorted(QUERIES))
def test_each_edit_page_makes_the_same_number_of_queries_at_any_size(
    client, world, django_assert_num_queries, page, size
):
    urls = sized_world(world, size)
    client.force_login(world.staff)
    with django_assert_num_queries(QUERIES[page]):
        response = client.get(urls[page])
    assert response.status_code == 200
