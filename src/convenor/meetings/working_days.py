"""Clear working days in England and Wales, for the transparency timetable of public bodies.

A clear working day is a whole working day (not a weekend, not an England and Wales bank holiday)
that falls strictly between two events: neither the day papers go out nor the day of the meeting
counts. So papers for a meeting on Wednesday 22 May 2019 must be out five clear working days
before (15, 16, 17, 20 and 21 May), that is on Tuesday 14 May at the latest; and the minutes are
due within ten clear working days after it: by the tenth working day after the meeting.
Bank holidays come from the maintained `holidays` package (UK, subdivision ENG, which Wales shares).
"""

from __future__ import annotations

import datetime
from functools import cache

import holidays

PAPERS_CLEAR_DAYS_BEFORE = 5
MINUTES_CLEAR_DAYS_AFTER = 10


@cache
def _bank_holidays(year: int) -> holidays.HolidayBase:
    return holidays.country_holidays("GB", subdiv="ENG", years=year)


def is_working_day(day: datetime.date) -> bool:
    """Monday to Friday, and not a bank holiday in England and Wales."""
    return day.weekday() < 5 and day not in _bank_holidays(day.year)


def _step_working_days(day: datetime.date, count: int, step: int) -> datetime.date:
    """The `count`th working day from `day` (not counting `day` itself), going by `step` days."""
    found = 0
    while found < count:
        day += datetime.timedelta(days=step)
        if is_working_day(day):
            found += 1
    return day


def papers_due_by(meeting_day: datetime.date) -> datetime.date:
    """The last day on which papers may go out and still leave five clear working days."""
    # The earliest of the clear days, then one day before it (any day, working or not).
    first_clear_day = _step_working_days(meeting_day, PAPERS_CLEAR_DAYS_BEFORE, -1)
    return first_clear_day - datetime.timedelta(days=1)


def minutes_due_by(meeting_day: datetime.date) -> datetime.date:
    """The last day on which minutes can be published, ten clear working days after the meeting."""
    return _step_working_days(meeting_day, MINUTES_CLEAR_DAYS_AFTER, 1)


def clear_working_days_between(earlier: datetime.date, later: datetime.date) -> int:
    """How many working days fall strictly between two days."""
    count = 0
    day = earlier + datetime.timedelta(days=1)
    while day < later:
        count += is_working_day(day)
        day += datetime.timedelta(days=1)
    return count
