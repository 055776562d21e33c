"""Search over evidence items' titles, summaries and key findings, the same on any database."""

from __future__ import annotations

import pytest
from django.urls import reverse

from convenor.evidence import selectors, services
from convenor.evidence.choices import Visibility
from tests.accounts.factories import StaffUserFactory
from tests.strategy.factories import StrategyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def items():
    staff = StaffUserFactory()
    strategy = StrategyFactory()

    def add(title, findings):
        return services.evidence_item_create(
            actor=staff,
            strategy=strategy,
            title=title,
            summary="A study of the area's economy.",
            key_findings=findings,
            url=f"https://example.org/{title.lower().replace(' ', '-')}",
            visibility=Visibility.PUBLIC,
        )

    found = add("Digital connectivity", "Rural firms lack gigabit broadband.\nMobile is patchy.")
    other = add("Towns study", "Town centres are changing.")
    return staff, strategy, found, other


def test_the_selector_finds_an_item_by_a_word_in_its_findings(items):
    _, strategy, found, _ = items
    assert list(selectors.evidence_item_list(strategy=strategy, query="broadband")) == [found]
    # The start of a word, any case, and every word must match.
    assert list(selectors.evidence_item_list(strategy=strategy, query="GIGA")) == [found]
    assert list(selectors.evidence_item_list(strategy=strategy, query="rural towns")) == []
    assert len(selectors.evidence_item_list(strategy=strategy, query="economy")) == 2


def test_the_staff_list_finds_an_item_by_a_word_in_its_findings(client, items):
    staff, strategy, found, other = items
    client.force_login(staff)
    url = reverse("evidence_staff:item_list", args=[strategy.slug])
    page = client.get(url, {"q": "broadband"}).content.decode()
    assert found.title in page and other.title not in page
    page = client.get(url, {"q": "centres"}).content.decode()
    assert other.title in page and found.title not in page


def test_the_public_list_finds_an_item_by_a_word_in_its_findings(client, items):
    _, strategy, found, other = items
    url = reverse("evidence:item_list", args=[strategy.slug])
    page = client.get(url, {"q": "broadband"}).content.decode()
    assert found.title in page and other.title not in page
    assert "No evidence matches the search." in client.get(url, {"q": "zzz"}).content.decode()


def test_changing_the_findings_changes_what_finds_it(items):
    staff, strategy, found, _ = items
    services.evidence_item_update(actor=staff, item=found, key_findings="Skills are short.")
    assert list(selectors.evidence_item_list(strategy=strategy, query="broadband")) == []
    assert list(selectors.evidence_item_list(strategy=strategy, query="skills")) == [found]


def test_accents_case_and_word_starts_match_and_nothing_else(items):
    staff, strategy, _, _ = items
    item = services.evidence_item_create(
        actor=staff,
        strategy=strategy,
        title="Économie des villes",
        summary="Productivity in Guildford; a 🏙️ test.",
        key_findings="Straße works differently.",
        url="https://example.org/economie",
    )
    for query in ["economie", "ÉCONOMIE", "villes", "product", "guildf", "strasse"]:
        assert list(selectors.evidence_item_list(strategy=strategy, query=query)) == [item], query
    # A longer word than the text's, a word from the middle, and one that differs are not found.
    for query in ["productivityx", "ductivity", "produce", "guilford"]:
        assert list(selectors.evidence_item_list(strategy=strategy, query=query)) == [], query


def test_hostile_queries_are_searched_as_words_and_never_fail(items, naughty_strings):
    _, strategy, found, _ = items
    for text in naughty_strings:
        list(selectors.evidence_item_list(strategy=strategy, query=text))
    assert list(selectors.evidence_item_list(strategy=strategy, query="broad%")) == [found]
    assert list(selectors.evidence_item_list(strategy=strategy, query="b_oadband")) == []
