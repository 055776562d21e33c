"""The Enterprise M3 demo holds the paper's facts; demo logins work; generated scenarios scale."""

from __future__ import annotations

import datetime
import itertools
from zoneinfo import ZoneInfo

import pytest
from django.contrib.auth import authenticate

from convenor.accounts.models import User
from convenor.cli import DEMO_SCENARIO
from convenor.governance.models import Body, BodyPriority, Membership
from convenor.meetings.choices import ActionStatus
from convenor.meetings.models import Action, AgendaItem, Decision, Invitation, Meeting
from convenor.meetings.working_days import papers_due_by
from convenor.scenarios.demo import DEMO_PASSWORD, DemoLogin, demo_logins_create
from convenor.scenarios.generate import scenario_generate
from convenor.scenarios.loader import scenario_load, scenario_load_data
from convenor.stakeholders.models import Area, Organisation, Person
from convenor.strategy.models import LineOfEnquiry, Milestone, Priority, Stage, Strategy


@pytest.fixture
def demo(demo_loaded_for_module, db) -> Strategy:
    # Loaded once for the module (tests/conftest.py); each test's changes are rolled back.
    return Strategy.objects.get(slug="enterprise-m3-lis")


def test_the_six_stages_are_in_order_with_the_papers_periods(demo):
    stages = Stage.objects.filter(strategy=demo).order_by("order")

    assert [(s.name, s.period_label, s.status) for s in stages] == [
        ("Set Up", "Nov \N{EN DASH} Jan 2019", "complete"),  # the paper's dash
        ("Develop", "Winter/Spring 2019", "current"),
        ("Engage", "Spring/Summer 2019", "not_started"),
        ("Assemble", "Summer/Autumn 2019", "not_started"),
        ("Agree", "Winter 2019/20", "not_started"),
        ("Publish", "Early 2020", "not_started"),
    ]
    assert stages[0].focus == "Agree the approach with LEP Board and test with Government."
    assert stages[2].action == (
        "Develop a set of compelling, supported, evidence based, practical interventions."
    )


def test_stages_overlap_and_22_may_2019_falls_in_develop(demo):
    stages = list(Stage.objects.filter(strategy=demo).order_by("order"))

    for earlier, later in itertools.pairwise(stages):
        assert later.starts_on <= earlier.ends_on, f"{later} should overlap {earlier}"
    board_day = datetime.date(2019, 5, 22)
    assert [s.name for s in stages if s.starts_on <= board_day <= s.ends_on] == ["Develop"]
    assert all(stage.exit_criteria for stage in stages)


def test_the_milestones_include_the_board_the_agm_and_agreement_with_government(demo):
    milestones = Milestone.objects.filter(strategy=demo).order_by("date")

    assert [(m.date, m.stage.name if m.stage else None) for m in milestones] == [
        (datetime.date(2019, 2, 14), "Develop"),
        (datetime.date(2019, 5, 22), "Develop"),
        (datetime.date(2019, 6, 21), "Engage"),
        (datetime.date(2020, 3, 31), "Agree"),
    ]
    assert milestones[2].title == "AGM and launch of the early beta Local Industrial Strategy"


def test_the_steering_group_is_chaired_by_stacey_king_with_its_core_members(demo):
    group = Body.objects.get(strategy=demo, slug="lis-steering-group")
    memberships = Membership.objects.filter(body=group).select_related("person")
    members = {(m.person.name, m.role) for m in memberships}
    leaders = {
        m.person.name
        for m in memberships
        if m.role == "core_member" and m.person.job_title == "Leader of the Council"
    }

    assert group.kind == "steering_group"
    assert group.reports_to is not None and group.reports_to.name == "Enterprise M3 Board"
    assert ("Stacey King", "chair") in members
    assert {name for name, role in members if role == "core_member"} - leaders == {
        "Dave Axam",
        "Mike Short",
    }
    assert len(leaders) == 2
    assert ("Kevin Lloyd", "secretariat") in members
    assert Person.objects.filter(name__in=leaders, is_illustrative=True).count() == 2


def test_the_four_action_groups_steer_their_themes(demo):
    groups = Body.objects.filter(strategy=demo, kind="action_group").order_by("name")

    assert [(g.name, g.themes) for g in groups] == [
        ("Enterprise and Innovation Action Group", "innovation"),
        ("Land and Property Action Group", "towns and housing"),
        ("Skills Action Group", "people"),
        ("Transport Action Group", "smart mobility"),
    ]
    led = {
        g.slug: sorted(bp.priority.number for bp in g.steered.filter(leads=True))
        for g in groups.prefetch_related("steered__priority")
    }
    assert led == {
        "enterprise-and-innovation-action-group": [1, 5, 9],
        "land-and-property-action-group": [3, 7],
        "skills-action-group": [2],
        "transport-action-group": [8],
    }


def test_the_other_bodies_of_the_paper_are_there(demo):
    bodies = dict(Body.objects.filter(strategy=demo).values_list("slug", "kind"))

    assert bodies == {
        "board": "board",
        "lis-steering-group": "steering_group",
        "transport-action-group": "action_group",
        "skills-action-group": "action_group",
        "enterprise-and-innovation-action-group": "action_group",
        "land-and-property-action-group": "action_group",
        "hei-group": "hei_group",
        "joint-leaders-board": "leaders_board",
        "chief-executives-group": "officers_group",
        "sounding-board": "sounding_board",
        "exporting-working-group": "working_group",
        "digital-connectivity-and-5g-working-group": "working_group",
        "business-roundtables": "roundtable_series",
    }
    assert Body.objects.get(strategy=demo, slug="sounding-board").openness == "open"
    jlb = Body.objects.get(strategy=demo, slug="joint-leaders-board")
    assert sorted(jlb.priorities.values_list("number", flat=True)) == list(range(1, 10))


def test_nine_reconstructed_priorities_each_with_a_lead_body_and_lines_of_enquiry(demo):
    priorities = Priority.objects.filter(strategy=demo).order_by("number")

    assert [p.short_title for p in priorities] == [
        "Innovation",
        "Workforce and skills",
        "Towns",
        "Digital and 5G",
        "Clean growth",
        "Global gateway",
        "Housing",
        "Smart mobility",
        "Enterprise",
    ]
    for priority in priorities:
        assert priority.is_reconstructed
        assert priority.summary and priority.board_sponsor and priority.lead_officer
        assert LineOfEnquiry.objects.filter(priority=priority).count() >= 2, priority
        assert BodyPriority.objects.filter(priority=priority, leads=True).count() == 1, priority


def test_kevin_lloyd_is_the_strategy_lead(demo):
    assert demo.strategy_lead is not None
    assert (demo.strategy_lead.name, demo.strategy_lead.job_title) == (
        "Kevin Lloyd",
        "Local Industrial Strategy Lead",
    )
    assert demo.lead_organisation is not None
    assert demo.lead_organisation.name == "Enterprise M3 Local Enterprise Partnership"


def test_the_sixteen_councils_and_their_areas(demo):
    councils = Organisation.objects.filter(kind="council")

    assert councils.count() == 16
    assert councils.filter(area__tier="county").count() == 2
    assert sorted(Area.objects.filter(tier="district").values_list("name", flat=True)) == [
        "Basingstoke and Deane",
        "East Hampshire",
        "Elmbridge",
        "Guildford",
        "Hart",
        "Mole Valley",
        "Runnymede",
        "Rushmoor",
        "Spelthorne",
        "Surrey Heath",
        "Test Valley",
        "Waverley",
        "Winchester",
        "Woking",
    ]
    assert Area.objects.get(key="basingstoke-and-deane").gss_code == "E07000084"
    assert demo.areas.count() == 16


def test_about_ninety_organisations_with_invented_businesses_marked_illustrative(demo):
    # 60 before the engagement content, plus 30 made up for the sounding board's invitation list.
    assert Organisation.objects.count() == 90
    businesses = Organisation.objects.filter(kind="business")
    assert set(businesses.values_list("is_illustrative", flat=True)) == {True}
    assert {
        "Space and satellite",
        "5G and digital",
        "Immersive technology",
        "Aerospace and defence",
        "Low carbon",
        "Logistics",
    } <= set(businesses.values_list("sector", flat=True))
    assert set(Organisation.objects.filter(kind="government").values_list("key", flat=True)) == {
        "beis",
        "mhclg",
        "cities-and-local-growth-unit",
    }


def test_only_people_named_in_the_paper_are_not_illustrative_and_every_email_is_example_org(demo):
    assert set(Person.objects.filter(is_illustrative=False).values_list("name", flat=True)) == {
        "Kevin Lloyd",
        "Stacey King",
        "Dave Axam",
        "Mike Short",
    }
    emails = list(Person.objects.exclude(email="").values_list("email", flat=True))
    assert all(email.endswith("@example.org") for email in emails)
    # Three people on the sounding board's invitation list have no email address.
    assert Person.objects.filter(email="").count() == 3


@pytest.mark.django_db
def test_demo_logins_are_created_once_and_can_sign_in():
    scenario_load(path=DEMO_SCENARIO)

    logins = demo_logins_create(path=DEMO_SCENARIO)
    again = demo_logins_create(path=DEMO_SCENARIO)

    assert (
        logins
        == again
        == [
            DemoLogin("Strategy lead (staff)", "kevin.lloyd@example.org", DEMO_PASSWORD),
            DemoLogin("Board member", "stacey.king@example.org", DEMO_PASSWORD),
            DemoLogin("Action group member", "ben.carter@example.org", DEMO_PASSWORD),
            DemoLogin("Sounding board member", "chloe.marsden@example.org", DEMO_PASSWORD),
        ]
    )
    assert User.objects.count() == 4
    for login in logins:
        user = authenticate(email=login.email, password=login.password)
        assert user is not None, login
        assert Person.objects.get(user=user).email == login.email
    assert list(User.objects.filter(is_staff=True).values_list("email", flat=True)) == [
        "kevin.lloyd@example.org"
    ]
    ben = Person.objects.get(key="ben-carter")
    assert Body.objects.filter(
        memberships__person=ben, kind="action_group", priorities__isnull=False
    ).exists()
    chloe = Person.objects.get(key="chloe-marsden")
    assert Body.objects.filter(memberships__person=chloe, kind="sounding_board").exists()


@pytest.mark.django_db
def test_reloading_the_scenario_keeps_the_demo_accounts_linked():
    scenario_load(path=DEMO_SCENARIO, build_publications=False)
    demo_logins_create(path=DEMO_SCENARIO)

    report = scenario_load(path=DEMO_SCENARIO, build_publications=False)

    assert not report.changed
    assert Person.objects.filter(user__isnull=False).count() == 4


@pytest.mark.django_db
def test_a_generated_scenario_ten_times_the_demo_loads_with_ten_times_the_rows():
    scenario_load(path=DEMO_SCENARIO, build_publications=False)
    demo = Strategy.objects.get(slug="enterprise-m3-lis")
    scaled = {
        "priorities": Priority.objects.filter(strategy=demo).count(),
        "lines of enquiry": LineOfEnquiry.objects.filter(priority__strategy=demo).count(),
        "bodies": Body.objects.filter(strategy=demo).count(),
        "priorities steered": BodyPriority.objects.filter(body__strategy=demo).count(),
        "memberships": Membership.objects.filter(body__strategy=demo).count(),
        "organisations": Organisation.objects.count(),
        "people": Person.objects.count(),
        "meetings": Meeting.objects.filter(strategy=demo).count(),
        "joint bodies": Meeting.joint_bodies.through.objects.filter(meeting__strategy=demo).count(),
        "agenda items": AgendaItem.objects.filter(meeting__strategy=demo).count(),
        "agenda priorities": AgendaItem.priorities.through.objects.filter(
            agendaitem__meeting__strategy=demo
        ).count(),
        "decisions": Decision.objects.filter(meeting__strategy=demo).count(),
        "invitations": Invitation.objects.filter(meeting__strategy=demo).count(),
        "actions": Action.objects.filter(strategy=demo).count(),
    }

    report = scenario_load_data(data=scenario_generate(scale=10), source="generated")

    generated = Strategy.objects.get(slug="generated-x10")
    assert {
        "priorities": Priority.objects.filter(strategy=generated).count(),
        "lines of enquiry": LineOfEnquiry.objects.filter(priority__strategy=generated).count(),
        "bodies": Body.objects.filter(strategy=generated).count(),
        "priorities steered": BodyPriority.objects.filter(body__strategy=generated).count(),
        "memberships": Membership.objects.filter(body__strategy=generated).count(),
        "organisations": Organisation.objects.count() - scaled["organisations"],
        "people": Person.objects.count() - scaled["people"],
        "meetings": Meeting.objects.filter(strategy=generated).count(),
        "joint bodies": Meeting.joint_bodies.through.objects.filter(
            meeting__strategy=generated
        ).count(),
        "agenda items": AgendaItem.objects.filter(meeting__strategy=generated).count(),
        "agenda priorities": AgendaItem.priorities.through.objects.filter(
            agendaitem__meeting__strategy=generated
        ).count(),
        "decisions": Decision.objects.filter(meeting__strategy=generated).count(),
        "invitations": Invitation.objects.filter(meeting__strategy=generated).count(),
        "actions": Action.objects.filter(strategy=generated).count(),
    } == {label: count * 10 for label, count in scaled.items()}
    assert scaled["meetings"] == 13
    assert report.counts["meetings"] == {"created": 130}
    assert report.counts["priorities"] == {"created": 90}
    assert Stage.objects.filter(strategy=generated).count() == 6
    assert Strategy.objects.get(slug="enterprise-m3-lis").priorities.count() == 9


def test_a_generated_scenario_needs_a_scale_of_one_or_more():
    with pytest.raises(ValueError, match="scale must be 1 or more"):
        scenario_generate(scale=0)


# --- Meetings -------------------------------------------------------------------------------------

LONDON = ZoneInfo("Europe/London")
# The demo shows the strategy as of the Board meeting of 22 May 2019.
AS_OF = datetime.date(2019, 5, 22)


def london_date(moment: datetime.datetime) -> datetime.date:
    return moment.astimezone(LONDON).date()


def test_the_board_and_the_action_groups_meet_in_public_and_no_other_body_does(demo):
    assert set(
        Body.objects.filter(strategy=demo, is_public=True).values_list("slug", flat=True)
    ) == {
        "board",
        "transport-action-group",
        "skills-action-group",
        "enterprise-and-innovation-action-group",
        "land-and-property-action-group",
    }


def test_the_board_meeting_of_22_may_2019_notes_item_8_as_the_paper_asks(demo):
    meeting = Meeting.objects.get(strategy=demo, body__slug="board", starts_at__date=AS_OF)
    item = AgendaItem.objects.get(meeting=meeting, order=8)
    decisions = list(Decision.objects.filter(agenda_item=item).order_by("order"))

    assert meeting.body.is_public
    assert meeting.status == "held"
    assert item.title == "A Local Industrial Strategy for the EM3 Area \N{EN DASH} Engagement"
    assert item.presenter is not None and item.presenter.name == "Kevin Lloyd"
    assert [(d.get_verb_display(), d.outcome_text) for d in decisions] == [
        ("NOTE", "Noted"),
        ("NOTE", "Noted"),
    ]
    assert decisions[0].text.startswith(
        "the proposed approach to steering further work on the local industrial strategy (LIS) "
        "and on broadening and deepening engagement"
    )
    assert "paragraph 1.4" in decisions[0].text
    assert decisions[1].text.startswith(
        "the proposal to publish a short LIS 'early beta' document at the AGM on 21 June"
    )
    assert decisions[1].text.endswith(
        "The document would be signed off by Stacey King on behalf of the Board."
    )
    # Papers went out on the day the paper is dated, one clear working day late.
    assert meeting.papers_published_at is not None
    assert london_date(meeting.papers_published_at) == datetime.date(2019, 5, 15)
    assert papers_due_by(london_date(meeting.starts_at)) == datetime.date(2019, 5, 14)


def test_the_february_2019_board_workshop_had_external_experts(demo):
    workshop = Meeting.objects.get(
        strategy=demo, body__slug="board", starts_at__year=2019, starts_at__month=2
    )
    experts = Invitation.objects.filter(meeting=workshop, role="invited_expert")

    assert workshop.focus == "formative"
    assert sorted(experts.values_list("person__name", flat=True)) == [
        "Dr Imran Siddiqui",
        "Professor Katherine Blake",
    ]
    assert not Membership.objects.filter(
        body__slug="board", person__in=[i.person for i in experts]
    ).exists()


def test_a_steering_group_meeting_of_the_closed_group_invites_an_outside_expert(demo):
    meeting = Meeting.objects.get(
        strategy=demo, body__slug="lis-steering-group", starts_at__date__lt=AS_OF
    )
    expert = Invitation.objects.get(meeting=meeting, role="invited_expert")

    assert not meeting.body.is_public
    assert (expert.person.name, expert.attendance) == ("Dr Imran Siddiqui", "present")
    assert not Membership.objects.filter(body=meeting.body, person=expert.person).exists()


def test_two_action_groups_hold_a_joint_session(demo):
    session = Meeting.objects.get(strategy=demo, joint_bodies__isnull=False)

    assert (session.body.slug, list(session.joint_bodies.values_list("slug", flat=True))) == (
        "transport-action-group",
        ["enterprise-and-innovation-action-group"],
    )
    assert session.body.kind == session.joint_bodies.get().kind == "action_group"
    # Members of both groups were invited.
    invited = set(Invitation.objects.filter(meeting=session).values_list("person__key", flat=True))
    for body in (session.body, session.joint_bodies.get()):
        members = set(body.memberships.values_list("person__key", flat=True))
        assert members <= invited, body


def test_the_joint_leaders_board_discussed_the_overall_approach_mobility_digital_and_towns(demo):
    meetings = Meeting.objects.filter(strategy=demo, body__slug="joint-leaders-board")
    items = AgendaItem.objects.filter(meeting__in=meetings)
    covered = set(items.values_list("priorities__number", flat=True)) - {None}

    assert not Body.objects.get(strategy=demo, slug="joint-leaders-board").is_public
    assert {london_date(m.starts_at).year for m in meetings} == {2019}
    assert all(london_date(m.starts_at) < AS_OF for m in meetings)
    assert covered == {3, 4, 8}
    assert items.filter(title__icontains="overall approach", priorities__isnull=True).exists()
    assert Decision.objects.filter(
        meeting__in=meetings, text="to use the nine strategic priorities to structure its meetings"
    ).exists()


def test_board_members_host_formative_roundtables_in_2019(demo):
    roundtables = Meeting.objects.filter(
        strategy=demo, body__slug="business-roundtables", starts_at__year=2019
    ).select_related("host")
    board_members = set(
        Membership.objects.filter(body__slug="board").values_list("person__key", flat=True)
    )

    assert [(r.status, r.focus) for r in roundtables] == [
        ("held", "formative"),
        ("held", "formative"),
        ("planned", "formative"),
    ]
    assert all(r.host is not None and r.host.key in board_members for r in roundtables)
    assert all(AgendaItem.objects.filter(meeting=r).count() >= 2 for r in roundtables)


def test_attendance_is_recorded_for_every_past_meeting_and_for_no_future_one(demo):
    invitations = (
        Invitation.objects.filter(meeting__strategy=demo)
        .exclude(meeting__status="cancelled")
        .select_related("meeting")
    )
    past = [i for i in invitations if london_date(i.meeting.starts_at) <= AS_OF]
    future = [i for i in invitations if london_date(i.meeting.starts_at) > AS_OF]

    assert (len(past), len(future)) == (83, 18)
    assert [i for i in past if i.attendance == "not_recorded"] == []
    assert {i.attendance for i in future} == {"not_recorded"}
    assert {i.meeting.status for i in past} == {"held", "minutes_approved"}


def test_demo_people_own_actions_and_one_is_overdue_as_of_the_demo(demo):
    actions = Action.objects.filter(strategy=demo).select_related("owner")
    overdue = [
        a
        for a in actions
        if a.due_on < AS_OF and a.status in (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)
    ]

    assert [(a.owner.key, a.description) for a in overdue] == [
        ("ben-carter", "Send the freight congestion hotspots data to the transport manager.")
    ]
    assert {a.owner.key for a in actions} >= {"ben-carter", "stacey-king", "kevin-lloyd"}
    assert all(a.meeting is not None for a in actions)
