"""An indicator's line chart: an area's series and the comparison area's, as SVG geometry.

`line_chart` is pure (plain values in, coordinates out) so the numbers behind the SVG can be
tested; `indicator_chart_context` fetches an indicator's values for an area and its comparison
area and returns what evidence/includes/indicator_chart.html draws, with the data table beside
it. Publications embed the same include with the same context.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal
from typing import Any

from convenor.evidence.models import Indicator, IndicatorValue

CHART_WIDTH = 720
CHART_HEIGHT = 400
PLOT_LEFT = 90.0
PLOT_RIGHT = 700.0
PLOT_TOP = 60.0
PLOT_BOTTOM = 320.0
LEGEND_Y = 20.0
LEGEND_ITEM_WIDTH = 300
MAX_PERIOD_LABELS = 10
TARGET_Y_TICKS = 5
ILLUSTRATIVE_TEXT = "Illustrative figures"


@dataclass(frozen=True)
class ChartPoint:
    """One value of a series, where it is drawn, and its text."""

    period: str
    value: Decimal
    x: float
    y: float
    label: str


@dataclass(frozen=True)
class ChartSeries:
    """One line: an area's values in period order, drawn as a path through its points."""

    name: str
    area_code: str
    points: tuple[ChartPoint, ...]
    path: str
    is_comparison: bool
    legend_x: float


@dataclass(frozen=True)
class AxisTick:
    """A labelled position on an axis (x for periods, y for values)."""

    label: str
    position: float


@dataclass(frozen=True)
class LineChart:
    """Everything needed to draw the chart: sizes, axes and their ranges, the series."""

    width: int
    height: int
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    y_min: Decimal
    y_max: Decimal
    y_ticks: tuple[AxisTick, ...]
    x_ticks: tuple[AxisTick, ...]
    series: tuple[ChartSeries, ...]
    x_label: str
    y_label: str
    is_illustrative: bool
    description: str
    legend_y: float
    x_label_y: float
    y_label_x: float
    y_label_y: float


def value_text(value: Decimal) -> str:
    """A value as people write it: 35.5, not 35.5000 or 3.55E+1."""
    text = f"{value:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def _nice_step(span: Decimal) -> Decimal:
    """A round step (1, 2, 2.5 or 5 times a power of ten) giving about five ticks over span."""
    rough = float(span) / (TARGET_Y_TICKS - 1)
    power = Decimal(10) ** math.floor(math.log10(rough))
    for multiple in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5), Decimal(10)):
        if power * multiple >= Decimal(str(rough)):
            return power * multiple
    return power * 10


def y_axis_range(values: Sequence[Decimal]) -> tuple[Decimal, Decimal, Decimal]:
    """The axis's bottom, top and tick step: round numbers covering every value."""
    low, high = min(values), max(values)
    if low == high:
        # A flat line sits in the middle of a small range around it.
        pad = abs(low) / 10 or Decimal(1)
        low, high = low - pad, high + pad
    step = _nice_step(high - low)
    bottom = (low / step).to_integral_value(rounding=ROUND_FLOOR) * step
    top = (high / step).to_integral_value(rounding=ROUND_CEILING) * step
    return bottom, top, step


def line_chart(
    *,
    periods: Sequence[str],
    series: Sequence[tuple[str, str, Mapping[str, Decimal], bool]],
    y_label: str,
    x_label: str = "Period",
    is_illustrative: bool = False,
    title: str = "",
) -> LineChart | None:
    """Lay out series (name, area code, values by period, is comparison) over `periods`.

    Periods are spread evenly, each at the middle of its share of the x axis, in the order
    given; a series leaves a gap where it has no value (its path jumps to the next point).
    None when no series has a value.
    """
    values = [value for _, _, by_period, _ in series for value in by_period.values()]
    if not values or not periods:
        return None
    y_min, y_max, step = y_axis_range(values)
    height = PLOT_BOTTOM - PLOT_TOP
    band = (PLOT_RIGHT - PLOT_LEFT) / len(periods)

    def x_of(index: int) -> float:
        return round(PLOT_LEFT + (index + 0.5) * band, 2)

    def y_of(value: Decimal) -> float:
        return round(PLOT_BOTTOM - float((value - y_min) / (y_max - y_min)) * height, 2)

    drawn = []
    for number, (name, code, by_period, is_comparison) in enumerate(series):
        points = tuple(
            ChartPoint(
                period=period,
                value=by_period[period],
                x=x_of(index),
                y=y_of(by_period[period]),
                label=value_text(by_period[period]),
            )
            for index, period in enumerate(periods)
            if period in by_period
        )
        path = " ".join(
            f"{'M' if i == 0 else 'L'}{point.x},{point.y}" for i, point in enumerate(points)
        )
        drawn.append(
            ChartSeries(
                name=name,
                area_code=code,
                points=points,
                path=path,
                is_comparison=is_comparison,
                legend_x=PLOT_LEFT + number * LEGEND_ITEM_WIDTH,
            )
        )
    places = max(-step.normalize().as_tuple().exponent, 0)  # type: ignore[operator]
    y_ticks = []
    tick = y_min
    while tick <= y_max:
        y_ticks.append(AxisTick(label=f"{tick:,.{places}f}", position=y_of(tick)))
        tick += step
    every = math.ceil(len(periods) / MAX_PERIOD_LABELS)
    x_ticks = tuple(
        AxisTick(label=period, position=x_of(index))
        for index, period in enumerate(periods)
        if index % every == 0
    )
    return LineChart(
        width=CHART_WIDTH,
        height=CHART_HEIGHT,
        plot_left=PLOT_LEFT,
        plot_right=PLOT_RIGHT,
        plot_top=PLOT_TOP,
        plot_bottom=PLOT_BOTTOM,
        y_min=y_min,
        y_max=y_max,
        y_ticks=tuple(y_ticks),
        x_ticks=x_ticks,
        series=tuple(drawn),
        x_label=x_label,
        y_label=y_label,
        is_illustrative=is_illustrative,
        description=_describe(title, drawn, is_illustrative),
        legend_y=LEGEND_Y,
        x_label_y=PLOT_BOTTOM + 50,
        y_label_x=20.0,
        y_label_y=(PLOT_TOP + PLOT_BOTTOM) / 2,
    )


def _describe(title: str, series: Sequence[ChartSeries], is_illustrative: bool) -> str:
    """What the chart shows in a sentence per line, for its <desc> and screen readers."""
    parts = [f"{title}." if title else ""]
    for line in series:
        if line.points:
            first, last = line.points[0], line.points[-1]
            parts.append(
                f"{line.name}: {first.label} in {first.period}"
                + (f", {last.label} in {last.period}." if last is not first else ".")
            )
        else:
            parts.append(f"{line.name}: no values.")
    if is_illustrative:
        parts.append("The figures are illustrative, not real.")
    return " ".join(part for part in parts if part)


def indicator_chart_context(
    *,
    indicator: Indicator,
    area_code: str,
    area_names: Mapping[str, str] | None = None,
    chart_id: str = "indicator-chart",
    values: Iterable[tuple[str, str, Decimal]] | None = None,
) -> dict[str, Any]:
    """What evidence/includes/indicator_chart.html needs to chart `area_code` (one query).

    The comparison line is the indicator's comparison area, when it has values and is not the
    chosen area. `area_names` names areas by GSS code (indicator_selectors.area_names); codes it
    does not name are shown as they are. `values` (area code, period, value), when given, are the
    indicator's values fetched already (a publication charting many indicators fetches them all
    in one query), and no query is made.
    """
    names = dict(area_names or {})
    comparison = indicator.comparison_area_code
    codes = [area_code] + ([comparison] if comparison and comparison != area_code else [])
    by_area: dict[str, dict[str, Decimal]] = {code: {} for code in codes}
    if values is None:
        values = IndicatorValue.objects.filter(
            indicator=indicator, area_code__in=codes
        ).values_list("area_code", "period", "value")
    for code, period, value in values:
        if code in by_area:
            by_area[code][period] = value
    if len(codes) == 2 and not by_area[codes[1]]:
        codes = codes[:1]
    periods = sorted({period for code in codes for period in by_area[code]})
    area_name = names.get(area_code, area_code)
    comparison_name = names.get(codes[1], codes[1]) if len(codes) == 2 else ""
    title = f"{indicator.name} ({indicator.unit}), {area_name}" + (
        f", compared with {comparison_name}" if comparison_name else ""
    )
    series = [(area_name, area_code, by_area[area_code], False)]
    if comparison_name:
        series.append((comparison_name, codes[1], by_area[codes[1]], True))
    chart = line_chart(
        periods=periods,
        series=series,
        y_label=indicator.unit,
        is_illustrative=indicator.is_illustrative,
        title=title,
    )
    rows = [
        {
            "period": period,
            "value": _cell(by_area[area_code].get(period)),
            "comparison": _cell(by_area[codes[1]].get(period)) if comparison_name else "",
        }
        for period in periods
    ]
    return {
        "indicator": indicator,
        "chart": chart,
        "chart_id": chart_id,
        "chart_title": title,
        "area_code": area_code,
        "area_name": area_name,
        "comparison_name": comparison_name,
        "rows": rows,
    }


def _cell(value: Decimal | None) -> str:
    return value_text(value) if value is not None else "No value"
