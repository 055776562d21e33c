"""Downloads of insight as CSV and XLSX: the themes of every scope, every priority tag, and the
latest opinion groups; every cell neutralised as the register's exports are.

Themes and tags are one table each (the register's table writers make them); opinion groups are
several tables (groups, representative statements, consensus, divisive, interventions): one
sheet each in a workbook, one after another in a CSV, each under its title.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import openpyxl
from django.http import HttpResponse
from django.utils import timezone

from convenor.core.services import audit_event_record
from convenor.insights import selectors
from convenor.insights.charts import percent
from convenor.insights.choices import ThemeScope, kind_label
from convenor.insights.models import ThemeRun
from convenor.stakeholders.exporting import (
    FORMATS,
    cell_neutralise,
    sheet_write,
    table_csv,
    table_xlsx,
)
from convenor.strategy.models import Strategy

EXPORTS = ("themes", "tags", "groups")

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
SCOPE_NAMES: dict[str, str] = {
    ThemeScope.STRATEGY: "Strategy",
    ThemeScope.PRIORITY: "Priority",
    ThemeScope.WINDOW: "Window",
}


@dataclass(frozen=True)
class Table:
    """One titled table of an export."""

    title: str
    headings: list[str]
    rows: list[list[Any]]


def counts_text(counts: Iterable[tuple[str, int]]) -> str:
    """ "Business: 2; Council: 1" """
    return "; ".join(f"{label}: {count}" for label, count in counts)


def _scope_target(run: ThemeRun) -> str:
    if run.priority is not None:
        return f"{run.priority.number}. {run.priority.title}"
    if run.window is not None:
        return run.window.title
    return ""


def theme_rows(*, strategy: Strategy) -> list[list[Any]]:
    """A theme per row, for the latest run of every scope, in the columns of THEME_HEADINGS."""
    rows = []
    for run in selectors.theme_runs_latest(strategy=strategy):
        for theme in run.themes.all():
            quotes = [quote.text.text for quote in theme.quotes.all()][: selectors.QUOTES_SHOWN]
            rows.append(
                [
                    SCOPE_NAMES.get(run.scope, run.scope),
                    _scope_target(run),
                    theme.number,
                    theme.label,
                    ", ".join(theme.terms),
                    theme.size,
                    counts_text((kind_label(key), count) for key, count in theme.kinds_counted),
                    counts_text(theme.areas_counted),
                    *(quotes + [""] * (selectors.QUOTES_SHOWN - len(quotes))),
                ]
            )
    return rows


def _when(moment: datetime.datetime | None) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M") if moment else ""


def tag_rows(*, strategy: Strategy) -> list[list[Any]]:
    """A priority tag per row, in the columns of TAG_HEADINGS."""
    return [
        [
            tag.text.get_kind_display(),
            tag.text.text,
            tag.text.author_label,
            tag.text.said_on.isoformat(),
            tag.priority.number,
            tag.priority.title,
            tag.get_status_display(),
            percent(tag.confidence),
            tag.get_method_display(),
            str(tag.decided_by) if tag.decided_by else "",
            _when(tag.decided_at),
        ]
        for tag in selectors.tags_for_export(strategy=strategy)
    ]


def group_tables(*, strategy: Strategy) -> list[Table]:
    """The latest opinion groups as tables: groups, representative statements, consensus,
    divisive statements, and the votes on each candidate intervention."""
    shown = selectors.opinion_shown(run=selectors.opinion_run_latest(strategy=strategy))
    kinds = [label for _key, label in selectors.STAKEHOLDER_TYPES]
    votes = ["Agreed", "Disagreed", "Passed"]
    return [
        Table(
            "Groups",
            ["Group", "People", *kinds],
            [[g["number"], g["size"], *g["kinds"]] for g in shown.groups],
        ),
        Table(
            "Representative statements",
            ["Group", "Statement", "Leans to", "Share (%)", *votes, "Seen"],
            [
                [
                    g["number"],
                    item["text"],
                    item["direction"].capitalize(),
                    item["percent"],
                    item["agree"],
                    item["disagree"],
                    item["passed"],
                    item["seen"],
                ]
                for g in shown.groups
                for item in g["representative"]
            ],
        ),
        Table(
            "Consensus",
            ["Statement", "Every group leans to", "Strength (%)"],
            [
                [item["text"], item["direction"].capitalize(), item["percent"]]
                for item in shown.consensus
            ],
        ),
        Table(
            "Divisive",
            ["Statement", "Gap in agreement (percentage points)"],
            [[item["text"], item["points"]] for item in shown.divisive],
        ),
        Table(
            "Interventions",
            ["Intervention", "Stage", "Votes of", *votes],
            [
                [
                    item["title"],
                    item["stage"],
                    row["label"],
                    row["agree"],
                    row["disagree"],
                    row["passed"],
                ]
                for item in shown.interventions
                for row in [*item["group_rows"], *item["kind_rows"]]
            ],
        ),
    ]


def tables_csv(tables: Sequence[Table]) -> bytes:
    """Several tables in one CSV: each under its title, a blank line between them (UTF-8 with a
    byte order mark, which Excel needs to read it as UTF-8)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    for index, table in enumerate(tables):
        if index:
            writer.writerow([])
        writer.writerow([cell_neutralise(table.title)])
        writer.writerow(table.headings)
        for row in table.rows:
            writer.writerow([cell_neutralise(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def tables_xlsx(tables: Sequence[Table]) -> bytes:
    """Several tables as a workbook, a sheet each, every cell stored as text (never a formula)."""
    workbook = openpyxl.Workbook(write_only=True)
    for table in tables:
        sheet_write(workbook, title=table.title, headings=table.headings, rows=table.rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def insight_export(*, strategy: Strategy, what: str, file_format: str, actor: Any) -> HttpResponse:
    """A download of the strategy's themes, tags or opinion groups, with an audit event saying
    who exported what (the texts quoted are what partners said)."""
    if what == "groups":
        tables = group_tables(strategy=strategy)
        count = sum(len(table.rows) for table in tables)
        content = tables_csv(tables) if file_format == "csv" else tables_xlsx(tables)
    else:
        headings, rows = (
            (THEME_HEADINGS, theme_rows(strategy=strategy))
            if what == "themes"
            else (TAG_HEADINGS, tag_rows(strategy=strategy))
        )
        count = len(rows)
        content = (
            table_csv(headings, rows)
            if file_format == "csv"
            else table_xlsx(headings, rows, what.capitalize())
        )
    audit_event_record(
        actor=actor,
        verb=f"exported insight {what}",
        target=strategy,
        detail={"format": file_format, "rows": count},
    )
    filename = f"{strategy.slug}-{what}-{timezone.localdate().isoformat()}.{file_format}"
    response = HttpResponse(content, content_type=FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
