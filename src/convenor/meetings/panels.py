"""Panels the meetings app adds to pages of apps it depends on (core.panels slots).

The body page (governance) shows the body's meetings and decisions; the staff home (strategy)
shows transparency deadlines and overdue actions. Both are registered in MeetingsConfig.ready().
"""

from __future__ import annotations

from django.http import HttpRequest

from convenor.core import clock
from convenor.core.panels import Panel
from convenor.governance.choices import BodyKind
from convenor.governance.models import Body
from convenor.governance.permissions import current_memberships
from convenor.meetings import selectors

# The slots' names, as the pages that own them (governance.views, strategy.staff_views) use them.
BODY_PAGE_SLOT = "body_page"
STAFF_HOME_SLOT = "staff_home"


def body_meetings_panel(request: HttpRequest, *, body: Body) -> Panel:
    """A body's meetings (public ones; all of them for its members and staff) and decisions."""
    user = request.user
    insider = user.is_staff or (
        user.is_authenticated and current_memberships(user).filter(body=body).exists()
    )
    is_leaders_board = body.kind == BodyKind.LEADERS_BOARD
    is_roundtable_series = body.kind == BodyKind.ROUNDTABLE_SERIES
    content = selectors.body_meetings(
        meetings=selectors.body_meetings_list(body=body, include_closed=insider),
        can_take_part=insider,
        # A leaders' board structures its meetings by the strategy's priorities (paper, 1.4.3).
        strategy_priorities=(
            selectors.priorities_by_number(strategy_id=body.strategy_id) if is_leaders_board else ()
        ),
        count_roundtables=is_roundtable_series,
    )
    return Panel(
        template_name="meetings/panels/body_meetings.html",
        context={
            "body": body,
            "content": content,
            "insider": insider,
            "is_leaders_board": is_leaders_board,
            "is_roundtable_series": is_roundtable_series,
            "aim": selectors.ROUNDTABLES_AIM,
        },
    )


def staff_deadlines_panel(request: HttpRequest) -> Panel | None:
    """Transparency deadlines of public meetings and overdue actions, per strategy (staff only)."""
    if not request.user.is_staff:
        return None
    today = clock.today()
    return Panel(
        template_name="meetings/panels/staff_deadlines.html",
        context={
            "strategies": selectors.staff_deadlines(today=today, now=clock.now()),
            "today": today,
            "soon_days": selectors.PAPERS_DUE_SOON_DAYS,
        },
    )
