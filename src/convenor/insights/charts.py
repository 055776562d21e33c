"""The geometry of insight's charts: bars of texts by stakeholder type, and the opinion map.

The functions are pure (no database, no templates), like strategy.charts and dashboard.charts,
so the numbers behind a chart can be tested with plain values; the templates
insights/includes/bar_chart.html and insights/includes/opinion_map.html draw what they return,
always beside a table of the same figures.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

BAR_WIDTH = 560
BAR_LABEL_WIDTH = 210
BAR_RIGHT_PADDING = 40  # room for the count written after the longest bar
BAR_ROW_HEIGHT = 26
BAR_HEIGHT = 18
BAR_TOP = 6
BAR_AXIS_HEIGHT = 24
LABEL_MAX_CHARS = 28

MAP_SIZE = 360
MAP_PADDING = 16
MARKER_RADIUS = 5.0
LEGEND_ROW_HEIGHT = 24
# Each group has its own colour and its own shape, so the map reads without colour too.
GROUP_STYLES: tuple[tuple[str, str, str], ...] = (
    ("#1d70b8", "circle", "circle"),
    ("#d4351c", "square", "square"),
    ("#00703c", "triangle", "triangle"),
    ("#4c2c92", "diamond", "diamond"),
    ("#b58840", "cross", "cross"),
)


@dataclass(frozen=True)
class Bar:
    """One category drawn as a bar, its label to the left and its count after it."""

    label: str
    value: int
    x: float
    y: float
    width: float
    label_y: float
    value_x: float
    tooltip: str


@dataclass(frozen=True)
class BarChart:
    """Everything needed to draw a plain horizontal bar chart."""

    width: int
    height: int
    plot_left: float
    plot_right: float
    axis_y: float
    bar_height: int
    bars: tuple[Bar, ...]
    description: str


def short_label(text: str, limit: int = LABEL_MAX_CHARS) -> str:
    """`text` cut to `limit` characters with an ellipsis, so labels fit their column."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def counted(value: int, unit: tuple[str, str]) -> str:
    """ "1 text", "3 texts"."""
    return f"{value} {unit[0] if value == 1 else unit[1]}"


def bar_chart(
    rows: Sequence[tuple[str, int]], *, unit: tuple[str, str] = ("text", "texts")
) -> BarChart | None:
    """One horizontal bar per (label, value), longest scaled to the plot's width; None if empty."""
    if not rows:
        return None
    maximum = max(max(value for _label, value in rows), 1)
    plot_left = float(BAR_LABEL_WIDTH)
    plot_right = float(BAR_WIDTH - BAR_RIGHT_PADDING)
    scale = (plot_right - plot_left) / maximum
    bars = []
    for index, (label, value) in enumerate(rows):
        top = BAR_TOP + index * BAR_ROW_HEIGHT
        width = round(value * scale, 2)
        bars.append(
            Bar(
                label=short_label(label),
                value=value,
                x=plot_left,
                y=top + (BAR_ROW_HEIGHT - BAR_HEIGHT) / 2,
                width=width,
                label_y=top + BAR_ROW_HEIGHT / 2 + 5,
                value_x=round(plot_left + width + 6, 2),
                tooltip=f"{label}: {counted(value, unit)}",
            )
        )
    axis_y = BAR_TOP + len(rows) * BAR_ROW_HEIGHT + 2
    return BarChart(
        width=BAR_WIDTH,
        height=int(axis_y + BAR_AXIS_HEIGHT),
        plot_left=plot_left,
        plot_right=plot_right,
        axis_y=axis_y,
        bar_height=BAR_HEIGHT,
        bars=tuple(bars),
        description="; ".join(f"{label}: {counted(value, unit)}" for label, value in rows) + ".",
    )


@dataclass(frozen=True)
class GroupStyle:
    """One opinion group on the map: its colour, its markers' shape, its participants' markers
    (never named: the map shows only where each group sits) and its legend entry."""

    number: int
    size: int
    colour: str
    shape: str
    shape_name: str
    paths: tuple[str, ...]
    legend_path: str
    legend_y: float
    legend_text_y: float


@dataclass(frozen=True)
class OpinionMap:
    """Everything needed to draw the opinion map and its legend."""

    width: int
    height: int
    plot_size: int
    legend_x: float
    legend_text_x: float
    groups: tuple[GroupStyle, ...]
    description: str


def marker_path(shape: str, x: float, y: float, r: float = MARKER_RADIUS) -> str:
    """An SVG path of a marker of `shape` centred on (x, y)."""

    def n(value: float) -> str:
        return f"{round(value, 2):g}"

    if shape == "square":
        side = r * 1.7
        return f"M{n(x - side / 2)} {n(y - side / 2)}h{n(side)}v{n(side)}h{n(-side)}Z"
    if shape == "triangle":
        top, bottom = n(y - r * 1.15), n(y + r * 0.8)
        return f"M{n(x)} {top}L{n(x + r * 1.1)} {bottom}L{n(x - r * 1.1)} {bottom}Z"
    if shape == "diamond":
        top, bottom = n(y - r * 1.25), n(y + r * 1.25)
        return f"M{n(x)} {top}L{n(x + r)} {n(y)}L{n(x)} {bottom}L{n(x - r)} {n(y)}Z"
    if shape == "cross":
        a, b = r * 0.4, r * 1.1
        return (
            f"M{n(x - a)} {n(y - b)}h{n(2 * a)}v{n(b - a)}h{n(b - a)}v{n(2 * a)}h{n(a - b)}"
            f"v{n(b - a)}h{n(-2 * a)}v{n(a - b)}h{n(a - b)}v{n(-2 * a)}h{n(b - a)}Z"
        )
    # A circle, as two arcs.
    return f"M{n(x - r)} {n(y)}a{n(r)} {n(r)} 0 1 0 {n(2 * r)} 0a{n(r)} {n(r)} 0 1 0 {n(-2 * r)} 0Z"


def group_style(number: int) -> tuple[str, str, str]:
    """The colour, shape and shape's name of group `number` (1-based)."""
    return GROUP_STYLES[(number - 1) % len(GROUP_STYLES)]


def opinion_map(
    points: Sequence[Sequence[float]],
    sizes: Sequence[int],
    *,
    unit: tuple[str, str] = ("person", "people"),
) -> OpinionMap | None:
    """Lay out the participants' map positions ([x, y, group from 0]) in a square, scaled to
    fit, with a legend naming each group's shape and size; None when there is nothing to draw.

    `sizes` are the groups' sizes, in group order.
    """
    if not points or not sizes:
        return None
    xs = [float(p[0]) for p in points]
    ys = [float(p[1]) for p in points]
    # One scale for both axes, so distances on the map mean the same across and up.
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1.0
    inner = MAP_SIZE - 2 * MAP_PADDING
    x_mid, y_mid = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    paths: dict[int, list[str]] = {}
    for x, y, point in zip(xs, ys, points, strict=True):
        number = int(point[2]) + 1
        # Up on the map is +y, as on a graph.
        placed_x = MAP_SIZE / 2 + (x - x_mid) / span * inner
        placed_y = MAP_SIZE / 2 - (y - y_mid) / span * inner
        paths.setdefault(number, []).append(marker_path(group_style(number)[1], placed_x, placed_y))
    legend_x = MAP_SIZE + 24.0
    groups = []
    for index, size in enumerate(sizes):
        number = index + 1
        colour, shape, shape_name = group_style(number)
        top = MAP_PADDING + index * LEGEND_ROW_HEIGHT
        groups.append(
            GroupStyle(
                number=number,
                size=size,
                colour=colour,
                shape=shape,
                shape_name=shape_name,
                paths=tuple(paths.get(number, ())),
                legend_path=marker_path(shape, legend_x + 7, top + 7, 6.0),
                legend_y=top,
                legend_text_y=top + 12,
            )
        )
    described = "; ".join(
        f"group {g.number} ({g.shape_name}s), {counted(g.size, unit)}" for g in groups
    )
    in_groups = counted(len(groups), ("group", "groups"))
    return OpinionMap(
        width=MAP_SIZE + 220,
        height=max(MAP_SIZE, int(MAP_PADDING * 2 + len(groups) * LEGEND_ROW_HEIGHT)),
        plot_size=MAP_SIZE,
        legend_x=legend_x,
        legend_text_x=legend_x + 20,
        groups=tuple(groups),
        description=(
            f"{counted(len(points), unit).capitalize()} in {in_groups}: {described}. "
            "People placed close together voted alike."
        ),
    )


def percent(share: float) -> int:
    """A share between 0 and 1 as a whole percentage, rounded half up."""
    return math.floor(share * 100 + 0.5)
