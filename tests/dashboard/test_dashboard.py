"""The staff dashboard: who may see it, what it counts, its charts, and its fixed query count."""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from convenor.dashboard.charts import Series, bar_chart, nice_step
from convenor.dashboard.selectors import dashboard_for
from convenor.evidence.choices import BriefStatus
from convenor.interventions.choices import InterventionStage
from convenor.strategy.choices import EnquiryStatus, StageKind, StageStatus
from convenor.strategy.models import StageTransition
from tests.accounts.factories import StaffUserFactory, UserFactory
from tests.evidence.factories import EvidenceItemFactory, ProjectBriefFactory
from tests.governance.factories import BodyFactory, BodyPriorityFactory, MembershipFactory
from tests.interventions.factories import InterventionFactory
from tests.meetings.factories import ActionFactory, MeetingFactory
from tests.stakeholders.factories import PersonFactory
from tests.strategy.factories import (
    LineOfEnquiryFactory,
    PriorityFactory,
    StageFactory,
    StrategyFactory,
)

pytestmark = pytest.mark.django_db

LONDON = ZoneInfo("Europe/London")
AS_OF = datetime.datetime(2019, 5, 22, 17, 0, tzinfo=LONDON)


@pytest.fixture(autouse=True)
def _as_of(settings):
    settings.CONVENOR_AS_OF = AS_OF


@pytest.fixture
def strategy():
    strategy = StrategyFactory(name="The strategy")
    StageFactory(
        strategy=strategy,
        order=1,
        name="Develop",
        kind=StageKind.DEVELOP,
        status=StageStatus.CURRENT,
    )
    StageFactory(
        strategy=strategy,
        order=2,
        name="Engage",
        starts_on=datetime.date(2019, 6, 1),
        ends_on=datetime.date(2019, 9, 30),
    )
    return strategy


def url(strategy):
    return reverse("dashboard:dashboard", args=[strategy.slug])


def fill(priority, size):
    """`size` lines, evidence items, briefs and interventions on `priority`, varied."""
    strategy = priority.strategy
    for index in range(size):
        line = LineOfEnquiryFactory(
            priority=priority,
            order=index + 1,
            status=EnquiryStatus.ANSWERED if index % 2 else EnquiryStatus.OPEN,
        )
        item = EvidenceItemFactory(strategy=strategy)
        item.priorities.add(priority)
        item.lines_of_enquiry.add(line)
        ProjectBriefFactory(priority=priority, due_on=datetime.date(2019, 5, 1 + index % 20))
        stage = [*InterventionStage.values][index % 6]
        InterventionFactory(priority=priority, stage=stage)


# Who may see it


def test_anonymous_people_are_sent_to_sign_in(client, strategy):
    response = client.get(url(strategy))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_member_of_a_steering_body_may_not_see_it(client, strategy):
    priority = PriorityFactory(strategy=strategy)
    body = BodyFactory(strategy=strategy)
    BodyPriorityFactory(body=body, priority=priority, leads=True)
    user = UserFactory()
    MembershipFactory(body=body, person=PersonFactory(user=user))
    client.force_login(user)
    assert client.get(url(strategy)).status_code == 403


def test_an_unknown_strategy_is_not_found(client):
    client.force_login(StaffUserFactory())
    assert client.get("/staff/strategies/nope/dashboard/").status_code == 404


# What it counts


def test_it_counts_each_priority(strategy):
    towns = PriorityFactory(strategy=strategy, number=1, title="Towns")
    skills = PriorityFactory(strategy=strategy, number=2, title="Skills")
    answered = LineOfEnquiryFactory(priority=towns, order=1, status=EnquiryStatus.ANSWERED)
    LineOfEnquiryFactory(priority=towns, order=2)
    LineOfEnquiryFactory(priority=skills, order=1)
    item = EvidenceItemFactory(strategy=strategy)
    item.priorities.add(towns, skills)
    item.lines_of_enquiry.add(answered)
    EvidenceItemFactory(strategy=strategy).priorities.add(towns)
    ProjectBriefFactory(priority=towns, due_on=datetime.date(2019, 5, 1))  # overdue
    ProjectBriefFactory(priority=towns, due_on=datetime.date(2019, 9, 1))  # open, not due
    ProjectBriefFactory(
        priority=towns, due_on=datetime.date(2019, 4, 1), status=BriefStatus.DELIVERED
    )
    ProjectBriefFactory(
        priority=skills, due_on=datetime.date(2019, 4, 1), status=BriefStatus.CANCELLED
    )
    InterventionFactory(priority=towns, stage=InterventionStage.IDEA)
    InterventionFactory(priority=towns, stage=InterventionStage.IDEA)
    InterventionFactory(priority=towns, stage=InterventionStage.TESTED)
    InterventionFactory(priority=skills, stage=InterventionStage.PARKED, parked_reason="Later.")

    dashboard = dashboard_for(strategy=strategy)

    rows = [
        (
            row.priority.title,
            row.lines_answered,
            row.lines_total,
            row.evidence.evidenced_lines,
            row.evidence.evidence_items,
            row.evidence.open_briefs,
            row.evidence.overdue_briefs,
            [count.count for count in row.stages],
            row.interventions_total,
        )
        for row in dashboard.priorities
    ]
    assert rows == [
        ("Towns", 1, 2, 1, 2, 2, 1, [2, 0, 1, 0, 0, 0, 0], 3),
        ("Skills", 0, 1, 0, 1, 0, 0, [0, 0, 0, 0, 0, 0, 1], 1),
    ]
    assert [label for _, label in dashboard.stage_columns] == [
        "Idea",
        "Worked up",
        "Tested in engagement",
        "Supported",
        "Agreed with Government",
        "In delivery",
        "Parked",
    ]
    assert [brief.due_on for brief in dashboard.briefs_overdue] == [datetime.date(2019, 5, 1)]
    assert dashboard.briefs_overdue_count == 1
    # The charts carry the same figures as the tables.
    chart = dashboard.interventions_chart
    assert [(row.label, row.total) for row in chart.rows] == [("1. Towns", 3), ("2. Skills", 1)]
    assert [[(s.series.key, s.value) for s in row.segments] for row in chart.rows] == [
        [("idea", 2), ("tested", 1)],
        [("parked", 1)],
    ]
    assert [row.total for row in dashboard.evidence_chart.rows] == [2, 1]


def test_the_page_shows_the_gate_history_and_what_is_due(client, strategy):
    towns = PriorityFactory(strategy=strategy, number=1, title="Towns", short_title="Towns")
    ProjectBriefFactory(priority=towns, title="Towns study", due_on=datetime.date(2019, 5, 1))
    staff = StaffUserFactory(name="Kevin Lloyd")
    StageTransition.objects.create(
        strategy=strategy,
        from_stage=None,
        to_stage=strategy.stages.get(order=1),
        actor=staff,
        unmet_criteria=["Priority 1 (Towns) has no lead body"],
        reason="The board agreed to start.",
    )
    action = ActionFactory(
        meeting=MeetingFactory(body=BodyFactory(strategy=strategy)),
        description="Send the data to the transport manager.",
        due_on=datetime.date(2019, 5, 17),
    )
    client.force_login(staff)
    response = client.get(url(strategy))
    page = response.content.decode()
    assert response.status_code == 200
    assert "The current stage is <strong>Develop</strong>" in page
    assert '<strong class="govuk-tag govuk-tag--green">Met</strong>' in page  # it has a brief
    assert "Priority 1 (Towns) has no line of enquiry answered by an evidence item" in page
    assert reverse("strategy_staff:stage_advance", args=[strategy.slug]) in page
    assert "Moved on regardless" in page
    assert "The board agreed to start." in page
    assert "Priority 1 (Towns) has no lead body" in page
    assert "Towns study" in page
    assert reverse("briefs_staff:brief_detail", args=[strategy.slug, towns.briefs.get().pk]) in page
    assert "Send the data to the transport manager." in page
    assert (
        reverse("meetings_staff:action_edit", args=[strategy.slug, action.meeting.pk, action.pk])
        in page
    )
    assert reverse("engagement_staff:priority_coverage", args=[strategy.slug, 1]) in page
    assert page.count('role="img"') == 2


def test_a_strategy_with_nothing_yet_shows_empty_states(client):
    strategy = StrategyFactory()
    client.force_login(StaffUserFactory())
    page = client.get(url(strategy)).content.decode()
    assert "This strategy has no stages yet." in page
    assert "No move between stages has been recorded here yet." in page
    assert "This strategy has no priorities yet." in page
    assert "No brief is overdue." in page
    assert "No action is overdue." in page


# The charts' geometry


def test_nice_steps():
    steps = [nice_step(n) for n in (0, 1, 5, 6, 7, 12, 30, 90, 450)]
    assert steps == [1, 1, 1, 1, 2, 2, 5, 20, 100]


def test_a_stacked_bar_is_as_long_as_its_total_and_its_segments_add_up():
    series = [Series("a", "A", "#000"), Series("b", "B", "#111")]
    chart = bar_chart(
        rows=[("First", [2, 3]), ("Second", [0, 1])], series=series, axis_title="Things", width=730
    )
    # The plot runs from 230 to 690 (460 wide) for 0 to 5: 92 per unit.
    assert (chart.plot_left, chart.plot_right, chart.maximum) == (230.0, 690.0, 5)
    first, second = chart.rows
    assert [(s.x, s.width) for s in first.segments] == [(230.0, 184.0), (414.0, 276.0)]
    assert [(s.series.key, s.x, s.width) for s in second.segments] == [("b", 230.0, 92.0)]
    assert [tick.value for tick in chart.ticks] == [0, 1, 2, 3, 4, 5]
    assert chart.description == "First: 5 items (2 a, 3 b); Second: 1 item (1 b)."
    assert [entry.series.label for entry in chart.legend] == ["A", "B"]


def test_no_rows_no_chart():
    assert bar_chart(rows=[], series=[Series("a", "A", "#000")], axis_title="Things") is None


# A fixed number of queries


# Session and user (2), the strategy (1), the stages (1), Develop's two criteria (2), the
# moves between stages (1), the priorities with their lines (1), evidence counts (1),
# interventions by stage (1), reach (2), overdue briefs (1), meetings and actions due (2), the
# navigation's strategy (1).
DASHBOARD_QUERIES = 16


@pytest.mark.parametrize("size", [3, 30])
def test_the_dashboard_makes_a_fixed_number_of_queries(
    client, strategy, size, django_assert_num_queries
):
    for number in (1, 2, 3):
        fill(PriorityFactory(strategy=strategy, number=number), size)
    for index in range(size):
        ActionFactory(
            meeting=MeetingFactory(body=BodyFactory(strategy=strategy)),
            due_on=datetime.date(2019, 5, 1 + index % 20),
        )
        StageTransition.objects.create(
            strategy=strategy,
            to_stage=strategy.stages.get(order=1),
            actor=StaffUserFactory(),
            unmet_criteria=["Something"],
            reason="Because.",
        )
    client.force_login(StaffUserFactory())
    with django_assert_num_queries(DASHBOARD_QUERIES):
        response = client.get(url(strategy))
    assert response.status_code == 200
    assert f"{size // 2} of {size}" in response.content.decode()
