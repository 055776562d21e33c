"""Horizontal bar charts, stacked or plain, laid out for SVG: geometry here, markup in a template.

Like strategy.charts and engagement.charts, the functions are pure (no database, no templates),
so the numbers behind a chart can be tested with plain values; the dashboard's template
dashboard/includes/bar_chart.html draws what they return, always beside a table of the same
figures.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

CHART_WIDTH = 760
LABEL_COLUMN_WIDTH = 230
RIGHT_PADDING = 40  # room for the total written after the longest bar
TOP_PADDING = 10
LEGEND_ROW_HEIGHT = 24
ROW_HEIGHT = 30
BAR_HEIGHT = 20
AXIS_HEIGHT = 50  # tick labels and the axis title
LABEL_MAX_CHARS = 32
LEGEND_SWATCH = 14
LEGEND_CHAR_WIDTH = 7.5  # roughly, at the legend's font size: enough to space the entries
LEGEND_GAP = 24


@dataclass(frozen=True)
class Series:
    """One kind of quantity a bar is made of (one lifecycle stage), with its colour."""

    key: str
    label: str
    colour: str


@dataclass(frozen=True)
class Segment:
    """A series' part of one bar."""

    series: Series
    value: int
    x: float
    width: float
    tooltip: str


@dataclass(frozen=True)
class BarRow:
    """One bar: its label to the left, its segments, and its total written after it."""

    label: str
    total: int
    y: float
    label_y: float
    total_x: float
    segments: tuple[Segment, ...]


@dataclass(frozen=True)
class Tick:
    """A value on the axis, with a gridline."""

    value: int
    x: float


@dataclass(frozen=True)
class LegendEntry:
    """A series' swatch and name above the plot."""

    series: Series
    x: float
    text_x: float
    y: float
    text_y: float


@dataclass(frozen=True)
class BarChart:
    """Everything needed to draw the chart."""

    width: int
    height: int
    plot_left: float
    plot_right: float
    plot_top: float
    axis_y: float
    tick_label_y: float
    axis_title: str
    category_title: str
    category_title_y: float
    axis_title_x: float
    axis_title_y: float
    label_x: float
    rows: tuple[BarRow, ...]
    ticks: tuple[Tick, ...]
    legend: tuple[LegendEntry, ...]
    bar_height: int
    maximum: int
    description: str


def nice_step(maximum: int, most_ticks: int = 6) -> int:
    """A step of 1, 2 or 5 times a power of ten giving at most `most_ticks` steps to `maximum`."""
    if maximum <= 0:
        return 1
    magnitude = 10 ** max(0, math.floor(math.log10(maximum)) - 1)
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            if math.ceil(maximum / step) <= most_ticks:
                return step
        magnitude *= 10


def short_label(text: str, limit: int = LABEL_MAX_CHARS) -> str:
    """`text` cut to `limit` characters with an ellipsis, so labels fit their column."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def bar_chart(
    *,
    rows: Sequence[tuple[str, Sequence[int]]],
    series: Sequence[Series],
    axis_title: str,
    category_title: str = "",
    unit: tuple[str, str] = ("item", "items"),
    width: int = CHART_WIDTH,
) -> BarChart | None:
    """Lay out one horizontal bar per row, each stacked from `series` in order; None if no rows.

    `rows` are (label, values), with one value per series. A chart of one series is a plain bar
    chart (no legend). `axis_title` names the values' axis, `category_title` the rows' (written
    above their labels). `unit` names a value in the tooltips and description, singular and plural.
    """
    if not rows:
        return None
    totals = [sum(values) for _, values in rows]
    step = nice_step(max(totals))
    maximum = step * max(1, math.ceil(max(totals) / step))

    legend: list[LegendEntry] = []
    # The first row above the plot holds the category axis's title, and the legend beside it.
    plot_top = float(TOP_PADDING + LEGEND_ROW_HEIGHT + 6)
    if len(series) > 1:
        x = float(LABEL_COLUMN_WIDTH)
        row_y = float(TOP_PADDING)
        for entry in series:
            needed = LEGEND_SWATCH + 6 + len(entry.label) * LEGEND_CHAR_WIDTH
            if x + needed > width and x > LABEL_COLUMN_WIDTH:
                x = float(LABEL_COLUMN_WIDTH)
                row_y += LEGEND_ROW_HEIGHT
            legend.append(
                LegendEntry(
                    series=entry,
                    x=x,
                    text_x=x + LEGEND_SWATCH + 6,
                    y=row_y,
                    text_y=row_y + LEGEND_SWATCH - 2,
                )
            )
            x += needed + LEGEND_GAP
        plot_top = row_y + LEGEND_ROW_HEIGHT + 6

    plot_left = float(LABEL_COLUMN_WIDTH)
    plot_right = float(width - RIGHT_PADDING)
    scale = (plot_right - plot_left) / maximum

    def x_of(value: float) -> float:
        return round(plot_left + value * scale, 2)

    def counted(value: int) -> str:
        return f"{value} {unit[0] if value == 1 else unit[1]}"

    bar_rows = []
    for index, ((label, values), total) in enumerate(zip(rows, totals, strict=True)):
        row_top = plot_top + index * ROW_HEIGHT
        y = row_top + (ROW_HEIGHT - BAR_HEIGHT) / 2
        segments = []
        running = 0
        for entry, value in zip(series, values, strict=True):
            if value:
                segments.append(
                    Segment(
                        series=entry,
                        value=value,
                        x=x_of(running),
                        width=round(x_of(running + value) - x_of(running), 2),
                        tooltip=(
                            f"{label}: {counted(value)}"
                            + (f" {entry.label.lower()}" if len(series) > 1 else "")
                        ),
                    )
                )
            running += value
        bar_rows.append(
            BarRow(
                label=short_label(label),
                total=total,
                y=y,
                label_y=row_top + ROW_HEIGHT / 2 + 5,
                total_x=x_of(total) + 6,
                segments=tuple(segments),
            )
        )

    axis_y = plot_top + len(rows) * ROW_HEIGHT + 4
    ticks = tuple(Tick(value=value, x=x_of(value)) for value in range(0, maximum + 1, step))
    described = "; ".join(
        f"{label}: {counted(total)}"
        + (
            " ("
            + ", ".join(
                f"{value} {entry.label.lower()}"
                for entry, value in zip(series, values, strict=True)
                if value
            )
            + ")"
            if len(series) > 1 and total
            else ""
        )
        for (label, values), total in zip(rows, totals, strict=True)
    )
    return BarChart(
        width=width,
        height=int(axis_y + AXIS_HEIGHT),
        plot_left=plot_left,
        plot_right=plot_right,
        plot_top=plot_top,
        axis_y=axis_y,
        tick_label_y=axis_y + 17,
        axis_title=axis_title,
        category_title=category_title,
        category_title_y=TOP_PADDING + LEGEND_SWATCH - 2,
        axis_title_x=round((plot_left + plot_right) / 2, 2),
        axis_title_y=axis_y + 40,
        label_x=8.0,
        rows=tuple(bar_rows),
        ticks=ticks,
        legend=tuple(legend),
        bar_height=BAR_HEIGHT,
        maximum=maximum,
        description=described + ".",
    )
