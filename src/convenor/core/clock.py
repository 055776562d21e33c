"""What time Convenor thinks it is: the real time, or the moment a demonstration is set at.

A scenario describes a strategy as it stood on one day (the Enterprise M3 demo: the board meeting
of 22 May 2019). Upcoming meetings, overdue actions, current memberships and transparency
deadlines only read true against that day, so `convenor demo` sets CONVENOR_AS_OF and every
"now" and "today" that decides what a page shows comes from here. Records of when something
really happened (audit events, calendar timestamps) keep the real time.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.utils import timezone


def now() -> datetime.datetime:
    """The current moment, or the moment set by CONVENOR_AS_OF."""
    as_of: datetime.datetime | None = settings.CONVENOR_AS_OF
    return as_of if as_of is not None else timezone.now()


def today() -> datetime.date:
    """Today's date in Europe/London, or the date set by CONVENOR_AS_OF."""
    return timezone.localdate(now())
