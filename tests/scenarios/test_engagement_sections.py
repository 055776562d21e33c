"""The scenario format's relationships, segments and activities, and the demo's engagement."""

from __future__ import annotations

import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from convenor.engagement.models import (
    Activity,
    ActivityInvitation,
    Contribution,
    FollowUp,
    Relationship,
    Segment,
)
from convenor.governance.models import Membership
from convenor.scenarios.generate import scenario_generate
from convenor.scenarios.loader import ScenarioError, scenario_load_data
from convenor.stakeholders.models import Area, Person
from convenor.strategy.models import Strategy
from tests.scenarios.test_loader import row_counts

LONDON = ZoneInfo("Europe/London")


def scenario(**sections: Any) -> dict[str, Any]:
    """A small valid scenario with two areas, three people, two priorities and a body."""
    return {
        "format": "convenor-scenario/1",
        "strategy": {"slug": "riverside", "name": "Riverside strategy", "area_name": "Riverside"},
        "areas": [
            {"key": "north", "name": "North", "tier": "district"},
            {"key": "south", "name": "South", "tier": "district"},
        ],
        "organisations": [
            {"key": "quay-robotics", "name": "Quay Robotics", "kind": "business",
             "ownership": "private", "area": "north"},
        ],
        "people": [
            {"key": "sam-lee", "name": "Sam Lee", "email": "sam.lee@example.org"},
            {"key": "ada-khan", "name": "Ada Khan", "organisation": "quay-robotics",
             "email": "ada.khan@example.org"},
            {"key": "raj-rao", "name": "Raj Rao"},
        ],
        "priorities": [{"number": 1, "title": "Automation"}, {"number": 2, "title": "Skills"}],
        "bodies": [{"slug": "sounding-board", "name": "Sounding board", "kind": "sounding_board"}],
        **sections,
    }  # fmt: skip


def relationships() -> list[dict[str, Any]]:
    return [
        {"organisation": "quay-robotics", "owner": "sam-lee", "power": 3, "interest": "very_high",
         "note": "A big employer.", "assessed_on": "2024-05-01", "priorities": [1, 2]},
        {"person": "raj-rao", "power": "low", "interest": 1},
    ]  # fmt: skip


def segments() -> list[dict[str, Any]]:
    return [
        {"name": "Businesses in the north", "description": "For the port workshop.",
         "filters": {"kind": "business", "area": ["north"], "q": "robot"}},
        {"name": "Private sector", "filters": {"ownership": "private"}},
    ]  # fmt: skip


def workshop() -> dict[str, Any]:
    return {
        "key": "port-workshop",
        "kind": "workshop",
        "title": "Workshop on automation in the port",
        "purpose": "To test ideas.",
        "priorities": [1],
        "host": "sam-lee",
        "body": "sounding-board",
        "starts_at": "2024-06-12 10:00",
        "ends_at": "2024-06-12 12:30",
        "place": "Town hall",
        "online_url": "https://meet.example.org/port",
        "status": "written_up",
        "agenda": "1. Welcome\n2. Ideas",
        "notes": "We talked.",
        "outputs": "Two ideas.",
        "written_up_at": "2024-06-14 09:00",
        "illustrative": True,
        "invitations": [
            {"person": "ada-khan", "invited_via": "segment", "response": "accepted",
             "attendance": "attended"},
            {"person": "raj-rao", "sent_at": "2024-06-01 09:00", "response": "declined",
             "responded_at": "2024-06-02 08:00", "attendance": "absent"},
            {"person": "sam-lee"},
        ],
        "contributions": [
            {"kind": "idea", "text": "Train crane drivers first.", "author": "ada-khan",
             "priorities": [1, 2]},
            {"kind": "comment", "text": "Robots need people.", "author": "ada-khan",
             "anonymous": True, "made_on": "2024-06-13"},
            {"kind": "note", "text": "Table two agreed."},
        ],
        "follow_ups": [
            {"text": "Write to the port.", "owner": "sam-lee", "due_on": "2024-06-30"},
            {"text": "Book the room.", "done": True},
        ],
    }  # fmt: skip


def full() -> dict[str, Any]:
    return scenario(relationships=relationships(), segments=segments(), activities=[workshop()])


def errors_of(document: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(ScenarioError) as raised:
        scenario_load_data(data=document, source="engagement.yaml")
    return raised.value.errors


@pytest.mark.django_db
def test_relationships_load_with_levels_by_number_or_name():
    scenario_load_data(data=scenario(relationships=relationships()), source="engagement.yaml")

    company = Relationship.objects.get(organisation__key="quay-robotics")
    assert (company.owner.key if company.owner else None, company.power, company.interest) == (
        "sam-lee",
        3,
        4,
    )
    assert company.quadrant == "manage_closely"
    assert company.assessment_note == "A big employer."
    assert company.assessed_on == datetime.date(2024, 5, 1)
    assert sorted(company.priorities.values_list("number", flat=True)) == [1, 2]
    raj = Relationship.objects.get(person__key="raj-rao")
    assert (raj.organisation_id, raj.power, raj.interest, raj.quadrant) == (None, 2, 1, "monitor")


@pytest.mark.django_db
def test_segments_load_with_area_keys_stored_as_the_ids_the_register_sends():
    scenario_load_data(data=scenario(segments=segments()), source="engagement.yaml")

    north = Area.objects.get(key="north")
    assert dict(Segment.objects.values_list("name", "filters")) == {
        "Businesses in the north": {"kind": "business", "area": [str(north.pk)], "q": "robot"},
        "Private sector": {"ownership": "private"},
    }
    assert Segment.objects.get(name="Private sector").description == ""


@pytest.mark.django_db
def test_an_activity_loads_with_its_invitations_contributions_and_follow_ups():
    scenario_load_data(data=full(), source="engagement.yaml")

    activity = Activity.objects.get(key="port-workshop")
    assert activity.strategy.slug == "riverside"
    assert (activity.kind, activity.status, activity.is_illustrative) == (
        "workshop",
        "written_up",
        True,
    )
    assert activity.starts_at == datetime.datetime(2024, 6, 12, 10, 0, tzinfo=LONDON)
    assert activity.written_up_at == datetime.datetime(2024, 6, 14, 9, 0, tzinfo=LONDON)
    assert (activity.host.key if activity.host else None) == "sam-lee"
    assert (activity.body.slug if activity.body else None) == "sounding-board"
    assert activity.agenda == "1. Welcome\n2. Ideas"
    assert list(activity.priorities.values_list("number", flat=True)) == [1]
    invitations = {
        row.person.key: row for row in ActivityInvitation.objects.select_related("person")
    }
    ada, raj, sam = invitations["ada-khan"], invitations["raj-rao"], invitations["sam-lee"]
    # Sent 14 days before the start unless the file says when; a reply 3 days after sending.
    assert ada.sent_at == datetime.datetime(2024, 5, 29, 10, 0, tzinfo=LONDON)
    assert ada.responded_at == datetime.datetime(2024, 6, 1, 10, 0, tzinfo=LONDON)
    assert (ada.invited_via, ada.response, ada.attendance) == ("segment", "accepted", "attended")
    assert raj.sent_at == datetime.datetime(2024, 6, 1, 9, 0, tzinfo=LONDON)
    assert raj.responded_at == datetime.datetime(2024, 6, 2, 8, 0, tzinfo=LONDON)
    assert (sam.invited_via, sam.response, sam.responded_at, sam.attendance) == (
        "hand_picked",
        "pending",
        None,
        "not_recorded",
    )
    contributions = {row.text: row for row in Contribution.objects.select_related("author")}
    idea = contributions["Train crane drivers first."]
    assert (idea.kind, idea.author_label, idea.made_on) == (
        "idea",
        "Ada Khan",
        datetime.date(2024, 6, 12),
    )
    assert sorted(idea.priorities.values_list("number", flat=True)) == [1, 2]
    comment = contributions["Robots need people."]
    assert (comment.is_anonymous, comment.author_label, comment.made_on) == (
        True,
        "Anonymous",
        datetime.date(2024, 6, 13),
    )
    assert contributions["Table two agreed."].author is None
    assert set(FollowUp.objects.values_list("text", "owner__key", "due_on", "is_done")) == {
        ("Write to the port.", "sam-lee", datetime.date(2024, 6, 30), False),
        ("Book the room.", None, None, True),
    }


@pytest.mark.django_db
def test_loading_the_engagement_sections_twice_changes_nothing_and_an_edit_updates_one_row():
    first = scenario_load_data(data=full(), source="engagement.yaml")
    after_first = row_counts()

    second = scenario_load_data(data=full(), source="engagement.yaml")

    assert first.counts["relationships"] == {"created": 2}
    assert first.counts["segments"] == {"created": 2}
    assert first.counts["activities"] == {"created": 1}
    assert first.counts["activity invitations"] == {"created": 3}
    assert first.counts["contributions"] == {"created": 3}
    assert first.counts["follow-up actions"] == {"created": 2}
    assert not second.changed
    assert "nothing changed" in second.summary()
    assert row_counts() == after_first
    edited = full()
    edited["activities"][0]["contributions"][0]["priorities"] = [2]
    edited["activities"][0]["invitations"][2]["response"] = "accepted"

    third = scenario_load_data(data=edited, source="engagement.yaml")

    assert third.counts["contributions"] == {"updated": 1, "unchanged": 2}
    assert third.counts["activity invitations"] == {"updated": 1, "unchanged": 2}
    assert Contribution.objects.count() == 3
    assert ActivityInvitation.objects.get(person__key="sam-lee").response == "accepted"


@pytest.mark.django_db
def test_each_engagement_cross_check_is_reported_with_its_path_and_nothing_is_written():
    scenario_load_data(data=scenario(), source="engagement.yaml")
    before = row_counts()
    document = full()
    document["relationships"][0]["person"] = "ada-khan"  # both an organisation and a person
    document["relationships"][1]["interest"] = None  # power without interest
    document["relationships"].append({"owner": "sam-lee"})  # neither
    document["segments"][0]["filters"]["area"] = ["north", "west"]
    document["segments"][1]["filters"]["sector"] = "Ports"
    activity = document["activities"][0]
    activity["ends_at"] = "2024-06-12 09:00"
    activity["notes"] = activity["outputs"] = ""
    activity["invitations"][0]["person"] = "jo-bloggs"
    activity["contributions"][0]["author"] = "jo-bloggs"
    activity["contributions"][1]["priorities"] = [3]
    activity["invitations"][1]["sent_at"] = "2024-06-20 09:00"

    errors = errors_of(document)

    assert errors == [
        (
            "relationships[0].person",
            "a relationship is with one organisation or one person, not both",
        ),
        ("relationships[1].interest", "give both power and interest, or neither"),
        ("relationships[2]", "a relationship needs an organisation or a person (the key of one)"),
        ("segments[0].filters.area[1]", 'no area with key "west" in this file'),
        (
            "segments[1].filters.sector",
            'unknown field "sector"; a segment\'s filters may have: q, kind, ownership, area',
        ),
        ("activities[0].invitations[0].person", 'no person with key "jo-bloggs" in this file'),
        ("activities[0].contributions[0].author", 'no person with key "jo-bloggs" in this file'),
        ("activities[0].contributions[1].priorities[0]", "no priority with number 3 in this file"),
        (
            "activities[0].ends_at",
            "the activity ends (2024-06-12 09:00) before it starts (2024-06-12 10:00)",
        ),
        ("activities[0].status", "a written_up activity needs its notes or its outputs"),
        (
            "activities[0].invitations[1].sent_at",
            "the invitation is sent (2024-06-20 09:00) after the activity starts "
            "(2024-06-12 10:00)",
        ),
        (
            "activities[0].invitations[1].responded_at",
            "the reply (2024-06-02 08:00) comes before the invitation is sent (2024-06-20 09:00)",
        ),
    ]
    assert row_counts() == before


def test_levels_and_kinds_that_are_not_allowed_are_reported():
    document = scenario(
        relationships=[{"person": "raj-rao", "power": 5, "interest": "huge"}],
        segments=[{"name": "A", "filters": {"kind": ["business", "pub"]}},
                  {"name": "a", "filters": "business"}],
    )  # fmt: skip

    errors = errors_of(document)

    level = "is not a level: 1 to 4, or one of very_low, low, high, very_high"
    kinds = "council, university, college, business, business_body, government, agency, voluntary"
    assert errors == [
        ("relationships[0].power", f"5 {level}"),
        ("relationships[0].interest", f'"huge" {level}'),
        ("segments[0].filters.kind[1]", f'"pub" is not one of: {kinds}'),
        ("segments[1].filters", 'expected a mapping of filters, found "business"'),
        ("segments[1].name", "another segment (segments[0]) has this name, ignoring case"),
    ]  # fmt: skip


# --- The demo ------------------------------------------------------------------------------------


@pytest.fixture
def demo(demo_loaded_for_module, db) -> Strategy:
    # Loaded once for the module (tests/conftest.py); each test's changes are rolled back.
    return Strategy.objects.get(slug="enterprise-m3-lis")


def test_the_sounding_boards_invitation_list_has_about_120_public_and_private_partners(demo):
    # The invitation list, not the people who joined later through the sign-up page (a note).
    listed = Membership.objects.filter(
        body__strategy=demo, body__slug="sounding-board", role="member", note=""
    ).select_related("person__organisation")
    people = [membership.person for membership in listed]
    launch = Activity.objects.get(strategy=demo, key="sounding-board-launch-2019-06")

    assert len(people) == 120
    assert {p.organisation.ownership for p in people if p.organisation} == {
        "public",
        "private",
        "third",
    }
    assert len({p.organisation.kind for p in people if p.organisation}) == 8
    assert sum(p.opted_out for p in people) == 4
    assert sum(not p.email for p in people) == 3
    assert sum(p.lawful_basis == "consent" for p in people) == 13
    assert all(p.is_illustrative for p in people)
    # Everyone on the list who can be emailed is invited to the launch; nobody opted out is.
    invited = launch.invitations.select_related("person")
    assert invited.count() == 113
    assert {i.person.key for i in invited} == {p.key for p in people if p.email and not p.opted_out}
    assert {(i.invited_via, i.response) for i in invited} == {("body", "pending")}
    assert launch.status == "invitations_sent"


def test_the_papers_workshops_and_an_action_learning_set_are_there_and_written_up(demo):
    activities = Activity.objects.filter(strategy=demo).order_by("starts_at")

    assert [(a.title, a.kind, a.status) for a in activities] == [
        ("Stakeholder workshop on exporting", "workshop", "written_up"),
        ("Stakeholder workshop on digital connectivity and 5G networks", "workshop", "written_up"),
        ("Workshop on the commissioned research on productivity", "workshop", "written_up"),
        ("Action learning set: making town centres work", "action_learning_set", "written_up"),
        ("Workshop on the commissioned research on sectors", "workshop", "written_up"),
        ("Sounding board workshop: the emerging narrative", "workshop", "planned"),
        (
            "Sounding board launch at the AGM: first reactions to the early beta statement",
            "workshop",
            "invitations_sent",
        ),
        ("Workshop on the commissioned research on towns", "workshop", "invitations_sent"),
        ("Comments on the commissioned research on towns", "research_comment_window", "planned"),
    ]
    as_of = datetime.datetime(2019, 5, 22, 17, 0, tzinfo=LONDON)
    for activity in activities:
        assert activity.is_illustrative
        held = activity.starts_at < as_of
        assert (activity.written_up_at is not None) == held, activity
        assert bool(activity.notes and activity.outputs) == held, activity
        invitations = list(activity.invitations.all())
        assert all(i.sent_at is not None and i.sent_at < as_of for i in invitations), activity
        if not held:
            invited = [i for i in invitations if i.invited_via != "sign_up"]
            assert {i.response for i in invited} <= {"pending"}, activity
            assert {i.attendance for i in invitations} <= {"not_recorded"}, activity
        else:
            assert "not_recorded" not in {i.attendance for i in invitations}, activity


def test_a_sounding_board_workshop_is_open_for_sign_up_full_with_a_waiting_list(demo):
    workshop = Activity.objects.get(strategy=demo, is_open_for_sign_up=True)
    sign_ups = workshop.invitations.order_by("responded_at")

    assert workshop.capacity == 12
    assert [i.invited_via for i in sign_ups] == ["sign_up"] * 15
    assert [i.response for i in sign_ups] == ["accepted"] * 12 + ["waiting"] * 3
    # Everyone who signed up is a member of the sounding board.
    members = set(
        demo.sounding_board.participants.filter(status="member").values_list("person", flat=True)
    )
    assert {i.person_id for i in sign_ups} <= members


def test_contributions_come_from_people_who_attended_and_each_speaks_to_one_to_three_priorities(
    demo,
):
    contributions = Contribution.objects.filter(activity__strategy=demo).prefetch_related(
        "priorities"
    )
    attended = set(
        ActivityInvitation.objects.filter(attendance="attended").values_list(
            "activity_id", "person_id"
        )
    )

    assert contributions.count() == 25
    assert {c.kind for c in contributions} == {"note", "comment", "idea", "written_response"}
    assert sum(c.is_anonymous or c.author_id is None for c in contributions) == 5
    for contribution in contributions:
        assert 1 <= len(contribution.priorities.all()) <= 3, contribution
        if contribution.author_id:
            assert (contribution.activity_id, contribution.author_id) in attended, contribution
    tagged = {p.number for c in contributions for p in c.priorities.all()}
    # Housing (7) is a gap the coverage pages can flag.
    assert tagged == {1, 2, 3, 4, 5, 6, 9}


def test_mole_valley_has_nobody_engaged_so_coverage_has_an_area_to_flag(demo):
    engaged = Person.objects.filter(activity_invitations__activity__strategy=demo).distinct()

    assert engaged.count() > 100
    assert not engaged.filter(organisation__area__key="mole-valley").exists()


def test_the_demo_login_chloe_marsden_is_invited_to_the_planned_workshop(demo):
    invitation = ActivityInvitation.objects.get(
        person__key="chloe-marsden", activity__key="towns-research-workshop-2019-06"
    )

    assert invitation.response == "pending"
    assert invitation.sent_at == datetime.datetime(2019, 5, 21, 10, 0, tzinfo=LONDON)


def test_the_demo_has_relationships_and_segments(demo):
    assert Relationship.objects.count() == 18
    # Three people are not assessed yet: two of them only follow the priorities they chose.
    assert Relationship.objects.filter(power__isnull=True).count() == 3
    corridor = Segment.objects.get(name="Businesses in the M3 corridor")
    ids = corridor.filters["area"]
    assert sorted(Area.objects.filter(pk__in=ids).values_list("key", flat=True)) == [
        "basingstoke-and-deane",
        "hart",
        "runnymede",
        "spelthorne",
        "surrey-heath",
        "winchester",
    ]
    assert sorted(Segment.objects.values_list("name", flat=True)) == [
        "Businesses in the M3 corridor",
        "Third sector partners",
        "Universities and colleges",
    ]


def test_a_generated_scenario_at_scale_two_has_twice_the_engagement_rows(demo):
    def counts(strategy: Strategy) -> dict[str, int]:
        return {
            "activities": Activity.objects.filter(strategy=strategy).count(),
            "invitations": ActivityInvitation.objects.filter(activity__strategy=strategy).count(),
            "contributions": Contribution.objects.filter(activity__strategy=strategy).count(),
            "follow-ups": FollowUp.objects.filter(activity__strategy=strategy).count(),
        }

    report = scenario_load_data(data=scenario_generate(scale=2), source="generated")

    generated = Strategy.objects.get(slug="generated-x2")
    assert counts(generated) == {label: 2 * count for label, count in counts(demo).items()}
    assert report.counts["relationships"] == {"created": 36}
    assert report.counts["segments"] == {"created": 6}
    assert Segment.objects.filter(name__endswith="(x2 copy 2)").count() == 3
