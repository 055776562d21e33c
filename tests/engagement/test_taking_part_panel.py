"""A strategy's public page says how to take part: the sounding board and what is open now."""

from __future__ import annotations

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from convenor.engagement.choices import ActivityStatus, ContentStatus
from tests.engagement.factories import (
    ActivityFactory,
    DiscussionFactory,
    DocumentFactory,
    SoundingBoardFactory,
    StatementFactory,
)
from tests.strategy.factories import StrategyFactory

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
NOW = datetime.datetime(2019, 5, 22, 17, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _now(settings):
    settings.CONVENOR_AS_OF = NOW


def have_your_say(client, strategy) -> str:
    page = client.get(reverse("strategy:strategy_detail", args=[strategy.slug])).content.decode()
    found = re.search(r'<h2[^>]*id="have-your-say".*?</ul>', page, flags=re.DOTALL)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", found.group(0))) if found else ""


def test_the_section_counts_only_what_is_open_now(client):
    board = SoundingBoardFactory(strategy=StrategyFactory(is_public=True))
    strategy = board.strategy
    day = datetime.timedelta(days=1)
    DocumentFactory(strategy=strategy, opens_at=NOW - day, closes_at=NOW + day)
    DocumentFactory(strategy=strategy, opens_at=NOW - 2 * day, closes_at=NOW - day)  # closed
    DocumentFactory(strategy=strategy, opens_at=NOW + day, closes_at=NOW + 2 * day)  # not yet
    DiscussionFactory(strategy=strategy, opens_at=NOW - day, closes_at=None)
    ActivityFactory(strategy=strategy, is_open_for_sign_up=True, starts_at=NOW + day)
    ActivityFactory(strategy=strategy, is_open_for_sign_up=True, starts_at=NOW - day)  # begun
    ActivityFactory(
        strategy=strategy,
        is_open_for_sign_up=True,
        starts_at=NOW + day,
        status=ActivityStatus.CANCELLED,
    )
    ActivityFactory(strategy=strategy, starts_at=NOW + day)  # not open for sign-up
    StatementFactory.create_batch(2, strategy=strategy)
    StatementFactory(strategy=strategy, status=ContentStatus.PENDING)
    DocumentFactory(opens_at=NOW - day)  # another strategy's

    text = have_your_say(client, strategy)

    assert "Documents open for comments : 1 open now" in text
    assert "Discussions : 1 open now" in text
    assert "Workshops : 1 taking bookings" in text
    assert "Statements to vote on : 2" in text


def test_the_links_lead_to_the_sounding_board_pages(client):
    strategy = SoundingBoardFactory(strategy=StrategyFactory(is_public=True)).strategy

    page = client.get(reverse("strategy:strategy_detail", args=[strategy.slug])).content.decode()

    for name in (
        "joining:home",
        "documents:document_list",
        "discussions:discussion_list",
        "workshops:workshop_list",
        "statements:vote",
    ):
        assert f'href="{reverse(name, args=[strategy.slug])}"' in page


def test_a_strategy_without_a_sounding_board_has_no_section(client):
    strategy = StrategyFactory(is_public=True)

    assert have_your_say(client, strategy) == ""
    assert client.get(reverse("strategy:strategy_detail", args=[strategy.slug])).status_code == 200
