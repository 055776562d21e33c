"""Public evidence pages: who sees which items, search, pages, the file, and query counts."""

from __future__ import annotations

import pytest
from django.urls import reverse

from convenor.evidence import services
from convenor.evidence.choices import Visibility
from convenor.evidence.models import EvidenceItem
from convenor.evidence.search import evidence_terms_refresh
from tests.evidence.factories import EvidenceItemFactory
from tests.evidence.test_permissions import Team, make_team
from tests.evidence.test_services import PDF, pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def team() -> Team:
    team = make_team()
    for visibility in Visibility:
        services.evidence_item_create(
            actor=team.staff,
            strategy=team.strategy,
            title=f"Item for {visibility.value}",
            summary="S",
            file=pdf(f"{visibility.value}.pdf"),
            visibility=visibility,
        )
    return team


def list_url(team: Team) -> str:
    return reverse("evidence:item_list", args=[team.strategy.slug])


def titles(client, team: Team) -> set[str]:
    page = client.get(list_url(team)).content.decode()
    return {item.title for item in EvidenceItem.objects.all() if item.title in page}


def test_each_reader_sees_the_items_their_visibility_allows(client, team):
    assert titles(client, team) == {"Item for public"}
    client.force_login(team.outsider)
    assert titles(client, team) == {"Item for public"}
    client.force_login(team.partner)
    assert titles(client, team) == {"Item for public", "Item for partners"}
    client.force_login(team.member)  # a steering member also sees their priority's items
    assert titles(client, team) == {"Item for public", "Item for partners", "Skills survey"}
    client.force_login(team.staff)
    assert len(titles(client, team)) == 4


def test_an_item_and_its_file_are_not_found_by_those_who_may_not_see_them(client, team):
    slug = team.strategy.slug
    public = EvidenceItem.objects.get(visibility=Visibility.PUBLIC)
    partners = EvidenceItem.objects.get(visibility=Visibility.PARTNERS)
    page = client.get(reverse("evidence:item_detail", args=[slug, public.pk]))
    assert page.status_code == 200 and "Item for public" in page.content.decode()
    download = client.get(reverse("evidence:item_file", args=[slug, public.pk]))
    assert b"".join(download.streaming_content) == PDF
    for name in ("item_detail", "item_file"):
        assert client.get(reverse(f"evidence:{name}", args=[slug, partners.pk])).status_code == 404
    client.force_login(team.partner)
    for name in ("item_detail", "item_file"):
        assert client.get(reverse(f"evidence:{name}", args=[slug, partners.pk])).status_code == 200
        staff_only = EvidenceItem.objects.get(visibility=Visibility.STAFF, title="Item for staff")
        assert client.get(reverse(f"evidence:{name}", args=[slug, staff_only.pk])).status_code == (
            404
        )
    link = reverse("evidence:item_file", args=[slug, team.item.pk])
    client.force_login(team.member)
    assert client.get(link).status_code == 404  # a link, not a file


def test_a_strategy_that_is_not_public_is_not_found(client, team):
    team.strategy.is_public = False
    team.strategy.save()
    public = EvidenceItem.objects.get(visibility=Visibility.PUBLIC)
    assert client.get(list_url(team)).status_code == 404
    assert (
        client.get(
            reverse("evidence:item_detail", args=[team.strategy.slug, public.pk])
        ).status_code
        == 404
    )


def test_the_list_pages_and_says_when_empty(client, team):
    EvidenceItemFactory.create_batch(25, strategy=team.strategy, visibility=Visibility.PUBLIC)
    page = client.get(list_url(team)).content.decode()
    assert "26 items" in page and "Pages of evidence" in page and "page=2" in page
    EvidenceItem.objects.all().delete()
    assert "No evidence has been published" in client.get(list_url(team)).content.decode()


def test_the_detail_shows_findings_as_a_list_escaped(client, team):
    item = EvidenceItem.objects.get(visibility=Visibility.PUBLIC)
    services.evidence_item_update(
        actor=team.staff,
        item=item,
        key_findings="<b>One</b>\n\nTwo",
        quality="weak",
        quality_reason="Small sample.",
    )
    page = client.get(reverse("evidence:item_detail", args=[team.strategy.slug, item.pk]))
    text = page.content.decode()
    assert "<li>&lt;b&gt;One&lt;/b&gt;</li><li>Two</li>" in text
    assert "Small sample." in text


@pytest.mark.parametrize("size", [3, 30])
def test_public_page_queries_do_not_grow(client, team, size, django_assert_num_queries):
    for n in range(size):
        item = EvidenceItemFactory(
            strategy=team.strategy, visibility=list(Visibility)[n % 3], key_findings="Towns."
        )
        item.priorities.set([team.ours, team.theirs])
        evidence_terms_refresh(item=item)
    public = EvidenceItem.objects.get(title="Item for public")
    slug = team.strategy.slug
    pages = {
        list_url(team): 5,
        list_url(team) + "?q=towns": 5,
        reverse("evidence:item_detail", args=[slug, public.pk]): 6,
        reverse("evidence:item_file", args=[slug, public.pk]): 5,
    }
    for url, expected in pages.items():
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200, url
    client.force_login(team.member)
    signed_in = {
        list_url(team): 8,
        list_url(team) + "?q=towns": 8,
        reverse("evidence:item_detail", args=[slug, public.pk]): 8,
    }
    for url, expected in signed_in.items():
        with django_assert_num_queries(expected):
            assert client.get(url).status_code == 200, url


@pytest.mark.django_db
def test_the_strategy_page_links_to_its_published_evidence_only_when_there_is_some(client):
    item = EvidenceItemFactory(visibility=Visibility.STAFF)
    strategy = item.strategy
    page_url = reverse("strategy:strategy_detail", args=[strategy.slug])
    assert 'id="evidence"' not in client.get(page_url).content.decode()

    EvidenceItemFactory.create_batch(2, strategy=strategy, visibility=Visibility.PUBLIC)
    EvidenceItemFactory(strategy=strategy, visibility=Visibility.PARTNERS)
    page = client.get(page_url).content.decode()

    link = reverse("evidence:item_list", args=[strategy.slug])
    assert f'<a class="govuk-link" href="{link}">2 published evidence items</a>' in page
