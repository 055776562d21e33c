"""The timetable chart: the geometry of stages as bars on a month axis, ready to draw as SVG.

The functions here are pure (no database, no templates) so that the geometry can be tested with
plain values; ui/includes/chart_timeline.html draws what they return.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from convenor.strategy.choices import StageStatus


class StageLike(Protocol):
    """What the chart needs of a stage (a Stage, or any object with these attributes)."""

    @property
    def name(self) -> str: ...
    @property
    def period_label(self) -> str: ...
    @property
    def starts_on(self) -> datetime.date: ...
    @property
    def ends_on(self) -> datetime.date: ...
    @property
    def status(self) -> str: ...


class MilestoneLike(Protocol):
    """What the chart needs of a milestone."""

    @property
    def date(self) -> datetime.date: ...
    @property
    def title(self) -> str: ...


@dataclass(frozen=True)
class Bar:
    """One stage drawn as a bar, with its label to the left of the plot."""

    name: str
    status_text: str
    css_modifier: str
    x: float
    y: float
    width: float
    height: float
    label_y: float
    status_y: float
    tooltip: str


@dataclass(frozen=True)
class MonthTick:
    """A month boundary on the axis, labelled with the month and, where it helps, the year."""

    x: float
    label_x: float
    month_label: str
    year_label: str


@dataclass(frozen=True)
class MilestoneMarker:
    """A milestone drawn as a numbered diamond on the milestone row; the number keys the list."""

    number: int
    x: float
    y: float
    number_y: float
    points: str
    tooltip: str


@dataclass(frozen=True)
class TodayLine:
    """A dashed vertical line at today's date, drawn only when today falls on the axis."""

    x: float
    y1: float
    y2: float
    label: str


@dataclass(frozen=True)
class TimelineChart:
    """Everything needed to draw the timetable: sizes, bars, month ticks, milestones, today."""

    width: int
    height: int
    plot_left: float
    plot_right: float
    axis_y: float
    month_label_y: float
    year_label_y: float
    label_x: float
    bars: tuple[Bar, ...]
    ticks: tuple[MonthTick, ...]
    milestones: tuple[MilestoneMarker, ...]
    milestone_row_y: float | None
    milestone_label_y: float | None
    today: TodayLine | None
    axis_starts_on: datetime.date
    axis_ends_on: datetime.date
    description: str


CHART_WIDTH = 960
LABEL_COLUMN_WIDTH = 170
RIGHT_PADDING = 10
TOP_PADDING = 10
ROW_HEIGHT = 44
BAR_HEIGHT = 26
MILESTONE_ROW_HEIGHT = 40
AXIS_HEIGHT = 44
MILESTONE_HALF_SIZE = 8

STATUS_TEXT: dict[str, str] = {
    StageStatus.CURRENT: "Current stage",
    StageStatus.COMPLETE: "Complete",
    StageStatus.NOT_STARTED: "",
}


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def month_after(day: datetime.date) -> datetime.date:
    """The first day of the month after the one `day` is in."""
    if day.month == 12:
        return datetime.date(day.year + 1, 1, 1)
    return datetime.date(day.year, day.month + 1, 1)


def _date_span(first: datetime.date, last: datetime.date) -> str:
    if first.year == last.year:
        return f"{first:%B} to {last:%B %Y}"
    return f"{first:%B %Y} to {last:%B %Y}"


def _describe(stages: Sequence[StageLike], milestones: Sequence[MilestoneLike]) -> str:
    """A sentence or two saying what the chart shows, for its <desc> and screen readers."""
    first = min(stage.starts_on for stage in stages)
    last = max(stage.ends_on for stage in stages)
    count = len(stages)
    parts = [
        f"{count} stage{'s' if count != 1 else ''} from {_date_span(first, last)}: "
        + ", ".join(stage.name for stage in stages)
        + "."
    ]
    current = [stage for stage in stages if stage.status == StageStatus.CURRENT]
    if current:
        stage = current[0]
        period = f" ({stage.period_label})" if stage.period_label else ""
        parts.append(f"The current stage is {stage.name}{period}.")
    complete = [stage.name for stage in stages if stage.status == StageStatus.COMPLETE]
    if complete:
        parts.append("Complete: " + ", ".join(complete) + ".")
    if milestones:
        parts.append(
            "Milestones: "
            + "; ".join(
                f"{milestone.title}, {milestone.date:%-d %B %Y}" for milestone in milestones
            )
            + "."
        )
    return " ".join(parts)


def timeline_chart(
    *,
    stages: Sequence[StageLike],
    milestones: Sequence[MilestoneLike] = (),
    today: datetime.date | None = None,
    width: int = CHART_WIDTH,
) -> TimelineChart | None:
    """Lay out stages as bars on a month axis, in the order given; None when there are no stages.

    A bar starts at the start of its first day and ends at the end of its last day, so two stages
    that overlap in time overlap on the chart by exactly as much.
    """
    if not stages:
        return None
    dates = [stage.starts_on for stage in stages] + [stage.ends_on for stage in stages]
    dates += [milestone.date for milestone in milestones]
    axis_starts_on = month_start(min(dates))
    axis_ends_on = month_after(max(dates))  # exclusive: the axis runs to the end of that month
    total_days = (axis_ends_on - axis_starts_on).days

    plot_left = float(LABEL_COLUMN_WIDTH)
    plot_right = float(width - RIGHT_PADDING)
    scale = (plot_right - plot_left) / total_days

    def x_of(day: datetime.date) -> float:
        return round(plot_left + (day - axis_starts_on).days * scale, 2)

    bars = []
    for index, stage in enumerate(stages):
        row_top = TOP_PADDING + index * ROW_HEIGHT
        bar_y = row_top + (ROW_HEIGHT - BAR_HEIGHT) / 2
        x = x_of(stage.starts_on)
        end_x = x_of(stage.ends_on + datetime.timedelta(days=1))
        status_text = STATUS_TEXT.get(stage.status, "")
        period = stage.period_label or _date_span(stage.starts_on, stage.ends_on)
        bars.append(
            Bar(
                name=stage.name,
                status_text=status_text,
                css_modifier=stage.status.replace("_", "-"),
                x=x,
                y=bar_y,
                width=round(end_x - x, 2),
                height=BAR_HEIGHT,
                # With a status line under it, the name moves up so the two lines centre on the bar.
                label_y=row_top + ROW_HEIGHT / 2 + (-4 if status_text else 5),
                status_y=row_top + ROW_HEIGHT / 2 + 13,
                tooltip=(
                    f"{stage.name}: {period}, {stage.starts_on:%-d %B %Y} to "
                    f"{stage.ends_on:%-d %B %Y}"
                    + (f" ({status_text.lower()})" if status_text else "")
                ),
            )
        )

    rows_bottom = TOP_PADDING + len(stages) * ROW_HEIGHT
    milestone_row_y: float | None = None
    markers = []
    if milestones:
        milestone_row_y = rows_bottom + MILESTONE_ROW_HEIGHT / 2
        for number, milestone in enumerate(milestones, start=1):
            x = x_of(milestone.date)
            y = milestone_row_y
            half = MILESTONE_HALF_SIZE
            markers.append(
                MilestoneMarker(
                    number=number,
                    x=x,
                    y=y,
                    number_y=y - half - 3,
                    points=f"{x},{y - half} {x + half},{y} {x},{y + half} {x - half},{y}",
                    tooltip=f"{number}. {milestone.title}, {milestone.date:%-d %B %Y}",
                )
            )
        rows_bottom += MILESTONE_ROW_HEIGHT

    axis_y = float(rows_bottom + 4)
    ticks = []
    month = axis_starts_on
    while month < axis_ends_on:
        next_month = month_after(month)
        show_year = month == axis_starts_on or month.month == 1
        ticks.append(
            MonthTick(
                x=x_of(month),
                label_x=round((x_of(month) + x_of(next_month)) / 2, 2),
                month_label=f"{month:%b}",
                year_label=str(month.year) if show_year else "",
            )
        )
        month = next_month

    today_line = None
    if today is not None and axis_starts_on <= today < axis_ends_on:
        today_line = TodayLine(
            x=x_of(today), y1=float(TOP_PADDING), y2=axis_y, label=f"Today, {today:%-d %B %Y}"
        )

    return TimelineChart(
        width=width,
        height=int(axis_y + AXIS_HEIGHT),
        plot_left=plot_left,
        plot_right=plot_right,
        axis_y=axis_y,
        month_label_y=axis_y + 17,
        year_label_y=axis_y + 35,
        label_x=8.0,
        bars=tuple(bars),
        ticks=tuple(ticks),
        milestones=tuple(markers),
        milestone_row_y=milestone_row_y,
        milestone_label_y=None if milestone_row_y is None else milestone_row_y + 5,
        today=today_line,
        axis_starts_on=axis_starts_on,
        axis_ends_on=axis_ends_on,
        description=_describe(stages, milestones),
    )
