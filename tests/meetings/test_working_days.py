"""The transparency timetable in clear working days: weekends and 2019-20 bank holidays.

Each row gives the answer worked out by hand on a calendar, in a comment beside it. A clear
working day is a Monday to Friday that is not an England and Wales bank holiday and falls
strictly between the two events. The bank holidays met here: Good Friday 19 April 2019, Easter
Monday 22 April 2019, the early May bank holiday 6 May 2019, the spring bank holiday 27 May
2019, Christmas Day 25 and Boxing Day 26 December 2019, New Year's Day 1 January 2020.
"""

import datetime

import pytest

from convenor.meetings.working_days import (
    clear_working_days_between,
    is_working_day,
    minutes_due_by,
    papers_due_by,
)

D = datetime.date

PAPERS_DUE = [
    # Wed 22 May 2019 (the board meeting): clear days 21, 20, 17, 16, 15 May -> out by Tue 14.
    ("board meeting, weekend inside", D(2019, 5, 22), D(2019, 5, 14)),
    # Mon 13 May 2019: 10, 9, 8, 7 May; Mon 6 May is a bank holiday, 4-5 the weekend;
    # Fri 3 May is the fifth -> out by Thu 2 May.
    ("early May bank holiday", D(2019, 5, 13), D(2019, 5, 2)),
    # Thu 25 Apr 2019: 24, 23; Mon 22 (Easter Monday), 20-21, Fri 19 (Good Friday) skipped;
    # 18, 17, 16 -> the fifth is Tue 16 Apr -> out by Mon 15 Apr.
    ("Easter", D(2019, 4, 25), D(2019, 4, 15)),
    # Tue 28 May 2019: Mon 27 (spring bank holiday) and 25-26 skipped; 24, 23, 22, 21, 20
    # -> the fifth is Mon 20 May -> out by Sun 19 May (the day before may be any day).
    ("spring bank holiday", D(2019, 5, 28), D(2019, 5, 19)),
    # Thu 2 Jan 2020: Wed 1 Jan (New Year) skipped; 31, 30 Dec; 28-29 weekend; Fri 27;
    # 26 and 25 (Boxing Day, Christmas) skipped; 24, 23 -> the fifth is Mon 23 Dec
    # -> out by Sun 22 Dec 2019.
    ("Christmas and New Year", D(2020, 1, 2), D(2019, 12, 22)),
    # Mon 6 Jan 2020: Fri 3, Thu 2; Wed 1 skipped; Tue 31, Mon 30; 28-29 weekend; Fri 27
    # is the fifth -> out by Thu 26 Dec 2019 (Boxing Day: the day papers go out may be any day).
    ("New Year, due on Boxing Day", D(2020, 1, 6), D(2019, 12, 26)),
    # Wed 12 Jun 2019, no holiday near: 11, 10; 8-9 weekend; 7, 6, 5 -> out by Tue 4 Jun.
    ("weekend only", D(2019, 6, 12), D(2019, 6, 4)),
]

MINUTES_DUE = [
    # Wed 22 May 2019: 23, 24; 25-26 weekend, 27 spring bank holiday; 28, 29, 30, 31 May,
    # 3, 4, 5, 6 Jun -> the tenth is Thu 6 Jun.
    ("board meeting, spring bank holiday", D(2019, 5, 22), D(2019, 6, 6)),
    # Thu 18 Apr 2019: Fri 19 (Good Friday), 20-21, Mon 22 (Easter Monday) skipped; 23, 24,
    # 25, 26, 29, 30 Apr, 1, 2, 3 May; Mon 6 May skipped; Tue 7 May is the tenth.
    ("Easter and early May", D(2019, 4, 18), D(2019, 5, 7)),
    # Fri 3 May 2019: Mon 6 skipped; 7, 8, 9, 10, 13, 14, 15, 16, 17, 20 -> Mon 20 May.
    ("early May bank holiday", D(2019, 5, 3), D(2019, 5, 20)),
    # Fri 20 Dec 2019: 23, 24; 25, 26 skipped; 27; 30, 31; 1 Jan skipped; 2, 3, 6, 7, 8 Jan
    # -> the tenth is Wed 8 Jan 2020.
    ("Christmas and New Year", D(2019, 12, 20), D(2020, 1, 8)),
    # Fri 7 Jun 2019: 10-14 and 17-21 Jun -> Fri 21 Jun.
    ("weekends only", D(2019, 6, 7), D(2019, 6, 21)),
    # Sat 16 Feb 2019 (a board workshop at a weekend): 18-22 Feb and 25 Feb-1 Mar -> Fri 1 Mar.
    ("meeting on a Saturday", D(2019, 2, 16), D(2019, 3, 1)),
]


@pytest.mark.parametrize(
    ("case", "meeting_day", "expected"), PAPERS_DUE, ids=[row[0] for row in PAPERS_DUE]
)
def test_papers_due_by(case, meeting_day, expected):
    assert papers_due_by(meeting_day) == expected


@pytest.mark.parametrize(
    ("case", "meeting_day", "expected"), PAPERS_DUE, ids=[row[0] for row in PAPERS_DUE]
)
def test_papers_out_on_the_due_day_leave_exactly_five_clear_working_days(
    case, meeting_day, expected
):
    assert clear_working_days_between(expected, meeting_day) == 5
    assert clear_working_days_between(expected + datetime.timedelta(days=1), meeting_day) < 5


@pytest.mark.parametrize(
    ("case", "meeting_day", "expected"), MINUTES_DUE, ids=[row[0] for row in MINUTES_DUE]
)
def test_minutes_due_by(case, meeting_day, expected):
    assert minutes_due_by(meeting_day) == expected


WORKING_DAYS = [
    (D(2019, 4, 18), True),  # Maundy Thursday is a working day
    (D(2019, 4, 19), False),  # Good Friday
    (D(2019, 4, 22), False),  # Easter Monday
    (D(2019, 5, 6), False),  # early May bank holiday
    (D(2019, 5, 27), False),  # spring bank holiday
    (D(2019, 12, 24), True),  # Christmas Eve is a working day
    (D(2019, 12, 25), False),  # Christmas Day
    (D(2019, 12, 26), False),  # Boxing Day
    (D(2020, 1, 1), False),  # New Year's Day
    (D(2019, 5, 25), False),  # a Saturday
    (D(2019, 5, 26), False),  # a Sunday
    (D(2019, 5, 22), True),  # the board meeting, a Wednesday
]


@pytest.mark.parametrize(("day", "working"), WORKING_DAYS, ids=[str(d) for d, _ in WORKING_DAYS])
def test_is_working_day(day, working):
    assert is_working_day(day) is working


def test_clear_working_days_between_counts_neither_end():
    # 19 Apr (Good Friday), 20-21 (weekend), 22 (Easter Monday), then 23 and 24: two.
    assert clear_working_days_between(D(2019, 4, 18), D(2019, 4, 25)) == 2
    assert clear_working_days_between(D(2019, 5, 21), D(2019, 5, 22)) == 0
