"""Insight's exports through HTTP: themes, priority tags and opinion groups as CSV and XLSX, each
cell exactly as expected, formula-like text neutralised, an audit event per download, unknown
exports not found, and the same number of queries at any size."""

from __future__ import annotations

import csv
import io
from typing import Any

import openpyxl
import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from convenor.core.models import AuditEvent
from convenor.insights import services
from convenor.insights.choices import ThemeScope
from convenor.insights.models import Text
from tests.insights.factories import (
    PriorityTagFactory,
    TextFactory,
    ThemeFactory,
    ThemeQuoteFactory,
    ThemeRunFactory,
)
from tests.insights.test_pages import RUN_AT, World, make_world

pytestmark = pytest.mark.django_db

THEME_HEADINGS = [
    "Found in",
    "Priority or window",
    "Theme",
    "Label",
    "Top terms",
    "Texts",
    "By stakeholder type",
    "By area",
    "Quote 1",
    "Quote 2",
    "Quote 3",
]
STRATEGY_THEMES = [
    [
        "Strategy",
        "",
        "1",
        "",
        "broadband, rural, fibre, village",
        "2",
        "Business: 2",
        "Guildford: 2",
        "Rural broadband is too slow for our firm.",
        "Fibre to every village, please.",
        "",
    ],
    [
        "Strategy",
        "",
        "2",
        "",
        "rent, young, staff",
        "1",
        "Not known: 2; Council: 1",
        "Unknown: 2; Guildford: 1",
        "Young staff cannot afford to rent near us.",
        "",
        "",
    ],
]
TAG_HEADINGS = [
    "Kind of text",
    "Text",
    "By",
    "Date",
    "Priority",
    "Priority title",
    "Status",
    "Confidence (%)",
    "Suggested by",
    "Decided by",
    "Decided at",
]
GROUP_TABLES = {
    "Groups": [
        ["Group", "People", "Business", "Council", "University", "Community", "Other"],
        ["1", "3", "2", "1", "0", "0", "0"],
        ["2", "3", "0", "1", "1", "1", "0"],
    ],
    "Representative statements": [
        ["Group", "Statement", "Leans to", "Share (%)", "Agreed", "Disagreed", "Passed", "Seen"],
        ["1", "Gigabit broadband should come first", "Agree", "80", "3", "0", "0", "3"],
        ["2", "Gigabit broadband should come first", "Disagree", "60", "0", "2", "1", "3"],
    ],
    "Consensus": [
        ["Statement", "Every group leans to", "Strength (%)"],
        ["Digital skills matter to every employer", "Agree", "64"],
    ],
    "Divisive": [
        ["Statement", "Gap in agreement (percentage points)"],
        ["Gigabit broadband should come first", "60"],
    ],
    "Interventions": [
        ["Intervention", "Stage", "Votes of", "Agreed", "Disagreed", "Passed"],
        ["Gigabit vouchers", "Idea", "Opinion group 1", "3", "0", "0"],
        ["Gigabit vouchers", "Idea", "Opinion group 2", "0", "2", "1"],
        ["Gigabit vouchers", "Idea", "Business", "2", "0", "0"],
        ["Gigabit vouchers", "Idea", "Council", "1", "1", "0"],
        ["Gigabit vouchers", "Idea", "University", "0", "1", "0"],
        ["Gigabit vouchers", "Idea", "Community", "0", "0", "1"],
        ["Gigabit vouchers", "Idea", "Other", "0", "0", "0"],
    ],
}


@pytest.fixture
def world() -> World:
    return make_world()


def export_url(world: World, what: str, fmt: str) -> str:
    return reverse("insights_staff:export", args=[world.strategy.slug, what, fmt])


def download(client, world: World, what: str, fmt: str) -> Any:
    client.force_login(world.staff)
    response = client.get(export_url(world, what, fmt))
    assert response.status_code == 200
    return response


def csv_rows(response) -> list[list[str]]:
    content = response.content.decode("utf-8")
    assert content.startswith("\ufeff")
    return list(csv.reader(io.StringIO(content[1:])))


def xlsx_sheets(response) -> dict[str, list[list[str]]]:
    workbook = openpyxl.load_workbook(io.BytesIO(response.content))
    return {
        sheet.title: [
            ["" if value is None else value for value in row]
            for row in sheet.iter_rows(values_only=True)
        ]
        for sheet in workbook.worksheets
    }


def priority_and_window_themes(world: World) -> None:
    """A labelled theme of priority 1 whose label looks like a formula, and a window's theme."""
    priority_run = ThemeRunFactory(
        strategy=world.strategy,
        scope=ThemeScope.PRIORITY,
        priority=world.digital,
        finished_at=RUN_AT,
    )
    ThemeFactory(
        run=priority_run,
        number=1,
        terms=["gigabit"],
        label='=HYPERLINK("http://example.org","Click")',
        size=1,
        by_kind={"business": 1},
        by_area={"Guildford": 1},
    )
    window_run = ThemeRunFactory(
        strategy=world.strategy,
        scope=ThemeScope.WINDOW,
        window=world.window,
        finished_at=RUN_AT,
    )
    theme = ThemeFactory(run=window_run, number=1, terms=["draft"], size=1, by_kind={}, by_area={})
    ThemeQuoteFactory(theme=theme, text=world.texts[2], weight=0.5)


EXTRA_THEMES = [
    [
        "Priority",
        "1. Digital connectivity",
        "1",
        '\'=HYPERLINK("http://example.org","Click")',
        "gigabit",
        "1",
        "Business: 1",
        "Guildford: 1",
        "",
        "",
        "",
    ],
    [
        "Window",
        "Draft early beta: your reactions",
        "1",
        "",
        "draft",
        "1",
        "",
        "",
        "Fibre to every village, please.",
        "",
        "",
    ],
]


def test_themes_as_csv_with_a_formula_like_label_neutralised(client, world):
    priority_and_window_themes(world)
    response = download(client, world, "themes", "csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    today = timezone.localdate().isoformat()
    assert response["Content-Disposition"] == f'attachment; filename="em3-themes-{today}.csv"'
    assert csv_rows(response) == [THEME_HEADINGS, *STRATEGY_THEMES, *EXTRA_THEMES]
    event = AuditEvent.objects.get(verb="exported insight themes")
    assert (event.actor, event.target_repr, event.detail) == (
        world.staff,
        "Enterprise M3 LIS",
        {"format": "csv", "rows": 4},
    )


def test_themes_as_xlsx_store_every_cell_as_text(client, world):
    priority_and_window_themes(world)
    response = download(client, world, "themes", "xlsx")
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    assert xlsx_sheets(response) == {"Themes": [THEME_HEADINGS, *STRATEGY_THEMES, *EXTRA_THEMES]}


def test_only_the_latest_run_of_each_scope_is_exported(client, world):
    newer = ThemeRunFactory(strategy=world.strategy, finished_at=RUN_AT.replace(hour=12))
    ThemeFactory(run=newer, number=1, terms=["newer"], size=5, by_kind={}, by_area={})
    rows = csv_rows(download(client, world, "themes", "csv"))
    assert rows == [THEME_HEADINGS, ["Strategy", "", "1", "", "newer", "5", "", "", "", "", ""]]


def test_tags_as_csv_and_xlsx_with_who_decided(client, world):
    formula = TextFactory(
        contribution__activity__strategy=world.strategy,
        text="-2+3 jobs in every town",
        author_label="@Someone",
    )
    tag = PriorityTagFactory(text=formula, priority=world.housing, confidence=0.355)
    decided = services.tag_decide(tag=tag, actor=world.staff, confirm=False)
    at = timezone.localtime(decided.decided_at).strftime("%Y-%m-%d %H:%M")
    expected = [
        TAG_HEADINGS,
        [
            "Contribution to an activity",
            "Rural broadband is too slow for our firm.",
            "Acme Ltd",
            "2019-05-10",
            "1",
            "Digital connectivity",
            "Suggested",
            "62",
            "Words of the priority",
            "",
            "",
        ],
        [
            "Contribution to an activity",
            "Young staff cannot afford to rent near us.",
            "Anonymous",
            "2019-05-11",
            "2",
            "Homes for workers",
            "Confirmed",
            "100",
            "Tagged by staff",
            "",
            "",
        ],
        [
            "Contribution to an activity",
            "'-2+3 jobs in every town",
            "'@Someone",
            "2019-05-20",
            "2",
            "Homes for workers",
            "Rejected",
            "36",
            "Words of the priority",
            "Kevin Lloyd",
            at,
        ],
    ]
    assert csv_rows(download(client, world, "tags", "csv")) == expected
    assert xlsx_sheets(download(client, world, "tags", "xlsx")) == {"Tags": expected}
    assert AuditEvent.objects.filter(verb="exported insight tags").count() == 2


def test_opinion_groups_as_csv_tables_one_after_another(client, world):
    rows = csv_rows(download(client, world, "groups", "csv"))
    expected: list[list[str]] = []
    for title, table in GROUP_TABLES.items():
        if expected:
            expected.append([])
        expected += [[title], *table]
    assert rows == expected


def test_opinion_groups_as_xlsx_a_sheet_per_table(client, world):
    assert xlsx_sheets(download(client, world, "groups", "xlsx")) == GROUP_TABLES


def test_opinion_groups_export_is_headings_only_before_any_groups(client, world):
    world.opinion.delete()
    sheets = xlsx_sheets(download(client, world, "groups", "xlsx"))
    assert sheets == {title: table[:1] for title, table in GROUP_TABLES.items()}


@pytest.mark.parametrize(
    "what,fmt", [("people", "csv"), ("themes", "pdf"), ("tags", "CSV"), ("groups", "")]
)
def test_an_unknown_export_is_not_found(client, world, what, fmt):
    client.force_login(world.staff)
    address = (
        reverse("insights_staff:strategy", args=[world.strategy.slug]) + f"export/{what}.{fmt}"
    )
    assert client.get(address).status_code == 404
    assert not AuditEvent.objects.exists()


def queries_for(client, world: World, what: str) -> int:
    client.force_login(world.staff)
    # The audit event's content type is cached per process: whether an earlier test filled the
    # cache must not change the count.
    ContentType.objects.clear_cache()
    with CaptureQueriesContext(connection) as captured:
        response = client.get(export_url(world, what, "csv"))
    assert response.status_code == 200
    return len(captured.captured_queries)


@pytest.mark.parametrize("what", ["themes", "tags", "groups"])
def test_each_export_makes_the_same_number_of_queries_at_any_size(client, world, what):
    small = queries_for(client, world, what)
    priority_and_window_themes(world)
    for index in range(12):
        body = TextFactory(contribution__activity__strategy=world.strategy, text=f"More {index}")
        PriorityTagFactory(text=body, priority=world.digital, decided_by=world.staff)
        theme = ThemeFactory(run=world.run, number=10 + index)
        ThemeQuoteFactory(theme=theme, text=body)
    assert Text.objects.count() == 15
    assert queries_for(client, world, what) == small
