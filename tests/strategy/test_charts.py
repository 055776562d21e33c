"""The timetable chart's geometry: bars placed and sized by their dates, months labelled."""

import datetime
from dataclasses import dataclass

import pytest

from convenor.strategy.charts import (
    CHART_WIDTH,
    LABEL_COLUMN_WIDTH,
    RIGHT_PADDING,
    timeline_chart,
)

PLOT_WIDTH = CHART_WIDTH - LABEL_COLUMN_WIDTH - RIGHT_PADDING  # 780 pixels


@dataclass
class Stage:
    name: str
    starts_on: datetime.date
    ends_on: datetime.date
    status: str = "not_started"
    period_label: str = ""


@dataclass
class Milestone:
    date: datetime.date
    title: str


def d(text: str) -> datetime.date:
    return datetime.date.fromisoformat(text)


def test_no_stages_gives_no_chart():
    assert timeline_chart(stages=[]) is None


def test_bars_start_and_stretch_in_proportion_to_their_dates():
    # January to March 2019 is 90 days, so each day is 780 / 90 pixels wide.
    chart = timeline_chart(
        stages=[
            Stage("Set up", d("2019-01-01"), d("2019-01-31")),
            Stage("Develop", d("2019-02-01"), d("2019-03-31")),
        ]
    )
    day = PLOT_WIDTH / 90
    first, second = chart.bars
    assert first.x == LABEL_COLUMN_WIDTH
    assert first.width == pytest.approx(31 * day, abs=0.01)
    assert second.x == pytest.approx(LABEL_COLUMN_WIDTH + 31 * day, abs=0.01)
    assert second.width == pytest.approx(59 * day, abs=0.01)
    # The second bar starts exactly where the first ends, and ends at the right of the plot.
    assert second.x == pytest.approx(first.x + first.width, abs=0.01)
    assert second.x + second.width == pytest.approx(CHART_WIDTH - RIGHT_PADDING, abs=0.01)


def test_overlapping_stages_overlap_on_the_chart_by_as_many_days():
    chart = timeline_chart(
        stages=[
            Stage("Develop", d("2019-01-01"), d("2019-03-31")),
            Stage("Engage", d("2019-03-01"), d("2019-04-30")),
        ]
    )
    day = PLOT_WIDTH / 120  # January to April 2019
    develop, engage = chart.bars
    overlap = develop.x + develop.width - engage.x
    assert overlap == pytest.approx(31 * day, abs=0.02)  # the 31 days of March
    assert engage.y > develop.y  # each stage keeps its own row


def test_months_are_labelled_with_the_year_at_the_start_and_each_january():
    chart = timeline_chart(stages=[Stage("Set up", d("2018-11-15"), d("2019-02-10"))])
    assert chart.axis_starts_on == d("2018-11-01")
    assert chart.axis_ends_on == d("2019-03-01")
    assert [tick.month_label for tick in chart.ticks] == ["Nov", "Dec", "Jan", "Feb"]
    assert [tick.year_label for tick in chart.ticks] == ["2018", "", "2019", ""]
    day = PLOT_WIDTH / 120  # 30 + 31 + 31 + 28 days
    assert [tick.x for tick in chart.ticks] == pytest.approx(
        [LABEL_COLUMN_WIDTH + days * day for days in (0, 30, 61, 92)], abs=0.01
    )


def test_milestones_are_placed_at_their_dates_numbered_in_order_and_widen_the_axis():
    chart = timeline_chart(
        stages=[Stage("Engage", d("2019-04-01"), d("2019-05-31"))],
        milestones=[
            Milestone(d("2019-05-22"), "Board meeting"),
            Milestone(d("2019-06-21"), "AGM and early beta launch"),
        ],
    )
    assert chart.axis_ends_on == d("2019-07-01")
    day = PLOT_WIDTH / 91  # April to June 2019
    board, agm = chart.milestones
    assert (board.number, agm.number) == (1, 2)
    assert board.x == pytest.approx(LABEL_COLUMN_WIDTH + 51 * day, abs=0.01)
    assert agm.x == pytest.approx(LABEL_COLUMN_WIDTH + 81 * day, abs=0.01)
    assert agm.tooltip == "2. AGM and early beta launch, 21 June 2019"
    # The milestone row sits below the stage rows and above the month axis.
    assert chart.bars[0].y + chart.bars[0].height < board.y < chart.axis_y


def test_current_and_complete_stages_are_marked_in_words_and_by_class():
    chart = timeline_chart(
        stages=[
            Stage("Set up", d("2018-11-01"), d("2019-01-31"), status="complete"),
            Stage("Develop", d("2019-01-01"), d("2019-05-31"), status="current"),
            Stage("Engage", d("2019-04-01"), d("2019-09-30")),
        ]
    )
    assert [(bar.name, bar.status_text, bar.css_modifier) for bar in chart.bars] == [
        ("Set up", "Complete", "complete"),
        ("Develop", "Current stage", "current"),
        ("Engage", "", "not-started"),
    ]


def test_description_says_what_the_chart_shows():
    chart = timeline_chart(
        stages=[
            Stage("Set up", d("2018-11-01"), d("2019-01-31"), status="complete"),
            Stage("Develop", d("2019-01-01"), d("2019-05-31"), "current", "Winter/Spring 2019"),
        ],
        milestones=[Milestone(d("2019-05-22"), "Board meeting")],
    )
    assert chart.description == (
        "2 stages from November 2018 to May 2019: Set up, Develop. "
        "The current stage is Develop (Winter/Spring 2019). Complete: Set up. "
        "Milestones: Board meeting, 22 May 2019."
    )


def test_today_is_drawn_only_when_it_falls_on_the_axis():
    stages = [Stage("Develop", d("2019-01-01"), d("2019-03-31"))]
    on_axis = timeline_chart(stages=stages, today=d("2019-02-01"))
    assert on_axis.today.x == pytest.approx(LABEL_COLUMN_WIDTH + 31 * PLOT_WIDTH / 90, abs=0.01)
    assert on_axis.today.label == "Today, 1 February 2019"
    assert timeline_chart(stages=stages, today=d("2019-04-01")).today is None
    assert timeline_chart(stages=stages, today=d("2018-12-31")).today is None
