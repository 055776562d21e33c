"""The power/interest grid drawn as SVG on the server: geometry here, markup in a template.

Power runs up the grid and interest across it, four levels each; each of the sixteen cells shows
how many organisations and people sit there as a number in a dot (never colour alone), and the
quadrant names are written in their quadrants.
"""

from __future__ import annotations

from dataclasses import dataclass

from convenor.engagement.choices import Level, Quadrant, quadrant_of

CELL = 90
LEFT = 110  # room for the power axis labels
TOP = 20
PLOT = CELL * 4
BOTTOM = 80  # room for the interest axis labels


@dataclass(frozen=True)
class GridCell:
    """One cell of the 4x4 grid: its levels, its count, and where to draw it."""

    power: int
    interest: int
    count: int
    x: int
    y: int
    cx: int
    cy: int
    radius: int
    tooltip: str


@dataclass(frozen=True)
class QuadrantLabel:
    """A quadrant's name, written in its corner of the grid."""

    name: str
    x: int
    y: int


@dataclass(frozen=True)
class AxisTick:
    """A level's label on an axis."""

    label: str
    x: int
    y: int


@dataclass(frozen=True)
class PowerInterestChart:
    """Everything the template needs to draw the grid."""

    cells: list[GridCell]
    quadrants: list[QuadrantLabel]
    power_ticks: list[AxisTick]
    interest_ticks: list[AxisTick]
    width: int
    height: int
    left: int
    top: int
    plot: int
    middle_x: int
    middle_y: int
    description: str


def power_interest_chart(counts: dict[tuple[int, int], int]) -> PowerInterestChart:
    """The grid for `counts`, keyed by (power, interest) level, of organisations and people."""
    cells = []
    biggest = max(counts.values(), default=0) or 1
    for power in Level.values:
        for interest in Level.values:
            count = counts.get((power, interest), 0)
            x = LEFT + (interest - 1) * CELL
            y = TOP + (4 - power) * CELL
            radius = 0 if count == 0 else 12 + round(20 * count / biggest)
            quadrant = quadrant_of(power=power, interest=interest)
            cells.append(
                GridCell(
                    power=power,
                    interest=interest,
                    count=count,
                    x=x,
                    y=y,
                    cx=x + CELL // 2,
                    cy=y + CELL // 2 + 8,
                    radius=radius,
                    tooltip=(
                        f"{count} with {Level(power).label.lower()} power and "
                        f"{Level(interest).label.lower()} interest ({quadrant.label})"
                    ),
                )
            )
    half = PLOT // 2
    quadrants = [
        QuadrantLabel(str(Quadrant.KEEP_SATISFIED.label), LEFT + 6, TOP + 16),
        QuadrantLabel(str(Quadrant.MANAGE_CLOSELY.label), LEFT + half + 6, TOP + 16),
        QuadrantLabel(str(Quadrant.MONITOR.label), LEFT + 6, TOP + half + 16),
        QuadrantLabel(str(Quadrant.KEEP_INFORMED.label), LEFT + half + 6, TOP + half + 16),
    ]
    power_ticks = [
        AxisTick(str(Level(level).label), LEFT - 8, TOP + (4 - level) * CELL + CELL // 2 + 5)
        for level in Level.values
    ]
    interest_ticks = [
        AxisTick(str(Level(level).label), LEFT + (level - 1) * CELL + CELL // 2, TOP + PLOT + 20)
        for level in Level.values
    ]
    total = sum(counts.values())
    by_quadrant: dict[str, int] = {}
    for (power, interest), count in counts.items():
        name = str(quadrant_of(power=power, interest=interest).label)
        by_quadrant[name] = by_quadrant.get(name, 0) + count
    description = f"{total} assessed. " + "; ".join(
        f"{quadrant.label}: {by_quadrant.get(str(quadrant.label), 0)}" for quadrant in Quadrant
    )
    return PowerInterestChart(
        cells=cells,
        quadrants=quadrants,
        power_ticks=power_ticks,
        interest_ticks=interest_ticks,
        width=LEFT + PLOT + 20,
        height=TOP + PLOT + BOTTOM,
        left=LEFT,
        top=TOP,
        plot=PLOT,
        middle_x=LEFT + half,
        middle_y=TOP + half,
        description=description,
    )
