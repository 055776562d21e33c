"""The scenario format's meetings: agendas, decisions, declarations, attendance and actions."""

from __future__ import annotations

import copy
import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from convenor.governance.models import Body
from convenor.meetings.models import Action, AgendaItem, Decision, Declaration, Invitation, Meeting
from convenor.scenarios.loader import ScenarioError, scenario_check, scenario_load_data
from tests.scenarios.test_loader import row_counts

LONDON = ZoneInfo("Europe/London")
UTC = datetime.UTC


def scenario(*meetings: dict[str, Any]) -> dict[str, Any]:
    """A small valid scenario: two people, two priorities, a public board, an action group."""
    return {
        "format": "convenor-scenario/1",
        "strategy": {"slug": "riverside", "name": "Riverside strategy", "area_name": "Riverside"},
        "people": [
            {"key": "sam-lee", "name": "Sam Lee"},
            {"key": "ada-khan", "name": "Ada Khan"},
            {"key": "raj-rao", "name": "Raj Rao"},
        ],
        "priorities": [
            {"number": 1, "title": "Automation in the port"},
            {"number": 2, "title": "Skills"},
        ],
        "bodies": [
            {"slug": "board", "name": "Board", "kind": "board", "public": True},
            {"slug": "skills-group", "name": "Skills group", "kind": "action_group"},
        ],
        "meetings": list(meetings),
    }


def board_meeting() -> dict[str, Any]:
    return {
        "key": "board-june",
        "body": "board",
        "joint_bodies": ["skills-group"],
        "title": "Board meeting",
        "starts_at": "2024-06-12 10:00",
        "ends_at": "2024-06-12 12:30",
        "place": "Town hall",
        "online_url": "https://meet.example.org/board",
        "status": "held",
        "papers_published_at": "2024-06-04 09:00",
        "minutes": "The Board noted the plan.",
        "agenda": [
            {"number": 1, "title": "Welcome"},
            {
                "number": 4,
                "title": "The plan",
                "priorities": [2, 1],
                "presenter": "sam-lee",
                "decisions": [
                    {"verb": "note", "text": "the plan", "outcome": "as_asked"},
                    {
                        "verb": "agree",
                        "text": "the budget",
                        "outcome": "amended",
                        "amendment": "Half of it.",
                    },
                ],
                "declarations": [
                    {
                        "person": "ada-khan",
                        "interest": "Director of a firm in the plan.",
                        "action_taken": "Left the room.",
                    }
                ],
            },
        ],
        "invitations": [
            {"person": "sam-lee", "role": "presenter", "response": "accepted"},
            {
                "person": "raj-rao",
                "role": "invited_expert",
                "response": "accepted",
                "attendance": "present",
            },
            {"person": "ada-khan", "response": "declined", "attendance": "apologies"},
        ],
        "actions": [
            {
                "description": "Write up the plan.",
                "owner": "ada-khan",
                "due_on": "2024-06-30",
                "status": "in_progress",
                "agenda_item": 4,
            },
            {"description": "Book the next room.", "owner": "sam-lee", "due_on": "2024-07-01"},
        ],
    }


def errors_of(document: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(ScenarioError) as raised:
        scenario_load_data(data=document, source="meetings.yaml")
    return raised.value.errors


@pytest.mark.django_db
def test_a_meeting_loads_with_its_agenda_decisions_declarations_attendance_and_actions():
    report = scenario_load_data(data=scenario(board_meeting()), source="meetings.yaml")

    meeting = Meeting.objects.get()
    assert (meeting.body.slug, meeting.title, meeting.location, meeting.status) == (
        "board",
        "Board meeting",
        "Town hall",
        "held",
    )
    assert meeting.strategy.slug == "riverside"
    # 10:00 in London in June is 09:00 UTC.
    assert meeting.starts_at == datetime.datetime(2024, 6, 12, 9, 0, tzinfo=UTC)
    assert meeting.ends_at == datetime.datetime(2024, 6, 12, 11, 30, tzinfo=UTC)
    assert meeting.papers_published_at == datetime.datetime(2024, 6, 4, 8, 0, tzinfo=UTC)
    assert meeting.online_url == "https://meet.example.org/board"
    assert list(meeting.joint_bodies.values_list("slug", flat=True)) == ["skills-group"]
    assert Body.objects.get(slug="board").is_public is True
    assert Body.objects.get(slug="skills-group").is_public is False

    items = AgendaItem.objects.filter(meeting=meeting).order_by("order")
    assert [(item.order, item.title) for item in items] == [(1, "Welcome"), (4, "The plan")]
    assert sorted(items[1].priorities.values_list("number", flat=True)) == [1, 2]
    assert items[1].presenter is not None and items[1].presenter.key == "sam-lee"

    decisions = Decision.objects.filter(meeting=meeting).order_by("order")
    assert [
        (d.order, d.agenda_item.order if d.agenda_item else None, d.verb, d.text, d.outcome_text)
        for d in decisions
    ] == [
        (1, 4, "note", "the plan", "Noted"),
        (2, 4, "agree", "the budget", "Agreed with an amendment"),
    ]
    assert decisions[1].amendment == "Half of it."
    declaration = Declaration.objects.get()
    assert (declaration.agenda_item, declaration.person.key, declaration.action_taken) == (
        items[1],
        "ada-khan",
        "Left the room.",
    )

    assert sorted(
        Invitation.objects.filter(meeting=meeting).values_list(
            "person__key", "role", "response", "attendance"
        )
    ) == [
        ("ada-khan", "member", "declined", "apologies"),
        ("raj-rao", "invited_expert", "accepted", "present"),
        ("sam-lee", "presenter", "accepted", "not_recorded"),
    ]
    assert sorted(
        (a.description, a.owner.key, a.due_on, a.status, a.agenda_item, a.strategy.slug)
        for a in Action.objects.filter(meeting=meeting)
    ) == [
        ("Book the next room.", "sam-lee", datetime.date(2024, 7, 1), "open", None, "riverside"),
        (
            "Write up the plan.",
            "ada-khan",
            datetime.date(2024, 6, 30),
            "in_progress",
            items[1],
            "riverside",
        ),
    ]
    assert {label: dict(counts) for label, counts in report.counts.items()} == {
        "strategies": {"created": 1},
        "people": {"created": 3},
        "priorities": {"created": 2},
        "bodies": {"created": 2},
        "meetings": {"created": 1},
        "agenda items": {"created": 2},
        "decisions": {"created": 2},
        "declarations of interest": {"created": 1},
        "invitations": {"created": 3},
        "actions": {"created": 2},
    }


@pytest.mark.django_db
def test_loading_meetings_twice_changes_nothing_and_an_edit_updates_only_its_row():
    document = scenario(board_meeting())
    scenario_load_data(data=document, source="meetings.yaml")
    once = row_counts()

    again = scenario_load_data(data=document, source="meetings.yaml")

    assert row_counts() == once
    assert (again.created, again.updated, again.unchanged) == (0, 0, 19)

    edited = copy.deepcopy(document)
    edited["meetings"][0]["agenda"][1]["decisions"][0]["outcome"] = "deferred"
    edited["meetings"][0]["invitations"][0]["attendance"] = "present"
    edited["meetings"][0]["agenda"][1]["priorities"] = [2]

    report = scenario_load_data(data=edited, source="edited.yaml")

    # One fewer priority on the item, one more audit event (for the load), no other new rows.
    assert row_counts() == {
        **once,
        "meetings_agendaitem_priorities": once["meetings_agendaitem_priorities"] - 1,
        "core_auditevent": once["core_auditevent"] + 1,
    }
    assert (report.created, report.updated) == (0, 3)
    assert report.counts["decisions"] == {"updated": 1, "unchanged": 1}
    assert report.counts["agenda items"] == {"updated": 1, "unchanged": 1}
    assert Decision.objects.get(text="the plan").outcome_text == "Deferred"
    assert list(AgendaItem.objects.get(order=4).priorities.values_list("number", flat=True)) == [2]


@pytest.mark.django_db
def test_a_broken_meeting_reports_every_error_with_its_path_and_writes_nothing():
    scenario_load_data(data=scenario(board_meeting()), source="meetings.yaml")
    before = row_counts()
    broken = {**board_meeting(), "key": "board-july"}
    broken["body"] = "transport-group"
    broken["ends_at"] = "2024-06-12 09:00"
    broken["agenda"][1]["decisions"][0]["verb"] = "resolve"
    broken["actions"][0]["owner"] = "jo-bloggs"

    errors = errors_of(scenario(board_meeting(), broken))

    assert errors == [
        ("meetings[1].body", 'no body with slug "transport-group" in this file'),
        (
            "meetings[1].agenda[1].decisions[0].verb",
            '"resolve" is not one of: note, agree, endorse, approve',
        ),
        ("meetings[1].actions[0].owner", 'no person with key "jo-bloggs" in this file'),
        (
            "meetings[1].ends_at",
            "the meeting ends (2024-06-12 09:00) before it starts (2024-06-12 10:00)",
        ),
    ]
    assert row_counts() == before


@pytest.mark.django_db
def test_references_within_a_meeting_and_between_its_fields_are_checked():
    meeting = board_meeting()
    meeting["joint_bodies"] = ["skills-group", "board"]
    meeting["minutes_published_at"] = "2024-06-11 17:00"
    meeting["minutes_approved_on"] = "2024-06-01"
    meeting["agenda"][1]["priorities"] = [1, 3]
    meeting["agenda"][1]["declarations"][0]["person"] = "nobody"
    meeting["agenda"][1]["decisions"][1]["text"] = "the plan"
    meeting["invitations"].append({"person": "sam-lee", "attendance": "late"})
    meeting["actions"][0]["agenda_item"] = 2
    del meeting["actions"][1]["due_on"]
    twin = {**board_meeting(), "key": "twin", "agenda": [], "actions": [], "invitations": []}

    errors = errors_of(scenario(meeting, twin))

    assert errors == [
        ("meetings[0].agenda[1].priorities[1]", "no priority with number 3 in this file"),
        (
            "meetings[0].agenda[1].decisions[1].text",
            'another decision (meetings[0].agenda[1].decisions[0]) already has text "the plan"',
        ),
        (
            "meetings[0].agenda[1].declarations[0].person",
            'no person with key "nobody" in this file',
        ),
        (
            "meetings[0].invitations[3].attendance",
            '"late" is not one of: not_recorded, present, apologies, absent',
        ),
        (
            "meetings[0].invitations[3].person",
            'another invitation (meetings[0].invitations[0]) already has person "sam-lee"',
        ),
        ("meetings[0].actions[1].due_on", "an action needs a due_on date"),
        (
            "meetings[1].body",
            'another meeting (meetings[0]) already has body "board" and starts_at '
            '2024-06-12 10:00 and title "Board meeting"',
        ),
        (
            "meetings[0].minutes_published_at",
            "the minutes are published (2024-06-11 17:00) before the meeting starts "
            "(2024-06-12 10:00)",
        ),
        (
            "meetings[0].minutes_approved_on",
            "the minutes are approved (2024-06-01) before the meeting is held (2024-06-12)",
        ),
        (
            "meetings[0].joint_bodies[1]",
            '"board" is the convening body (body); list only the others taking part',
        ),
        ("meetings[0].actions[0].agenda_item", "no agenda item numbered 2 in this meeting"),
    ]


@pytest.mark.django_db
def test_a_model_rule_broken_by_a_meeting_is_reported_with_its_path_and_nothing_is_written():
    cancelled = {**board_meeting(), "status": "cancelled"}

    with pytest.raises(ScenarioError) as raised:
        scenario_load_data(data=scenario(cancelled), source="cancelled.yaml")

    assert raised.value.errors == [
        ("meetings[0].cancellation_reason", "Say why the meeting was cancelled.")
    ]
    assert not Meeting.objects.exists()
    assert not Body.objects.exists()


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        # Summer time (BST, UTC+1) and winter time (GMT).
        ("2019-05-22 10:00", datetime.datetime(2019, 5, 22, 9, 0, tzinfo=UTC)),
        ("2019-12-04 10:00", datetime.datetime(2019, 12, 4, 10, 0, tzinfo=UTC)),
        ("2019-05-22T10:00:30", datetime.datetime(2019, 5, 22, 9, 0, 30, tzinfo=UTC)),
        # YAML reads a date-time with seconds as a date-time: still London time.
        (datetime.datetime(2019, 5, 22, 10, 0), datetime.datetime(2019, 5, 22, 9, 0, tzinfo=UTC)),
        # An explicit offset is taken as given, even in the hour the clocks go back.
        ("2019-10-27 01:30+01:00", datetime.datetime(2019, 10, 27, 0, 30, tzinfo=UTC)),
        ("2019-10-27 01:30+00:00", datetime.datetime(2019, 10, 27, 1, 30, tzinfo=UTC)),
        # The hours either side of a change.
        ("2019-03-31 00:59", datetime.datetime(2019, 3, 31, 0, 59, tzinfo=UTC)),
        ("2019-03-31 02:00", datetime.datetime(2019, 3, 31, 1, 0, tzinfo=UTC)),
    ],
)
def test_meeting_times_are_london_time(written, expected):
    meeting = {**board_meeting(), "starts_at": written, "ends_at": "2019-12-31 23:00"}

    document = scenario_check(data=scenario(meeting), source="times.yaml")

    starts_at = document["meetings"][0]["starts_at"]
    assert starts_at == expected
    assert starts_at.utcoffset() == expected.astimezone(LONDON).utcoffset()


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "2019-03-31 01:30",
            "2019-03-31 01:30 does not happen in London: the clocks go forward then",
        ),
        (
            "2019-10-27 01:30",
            "2019-10-27 01:30 happens twice in London (the clocks go back then): add the UTC "
            "offset, +01:00 for the first or +00:00 for the second",
        ),
        (
            "2019-05-22",
            'expected a date and time (YYYY-MM-DD HH:MM, London time), found "2019-05-22"',
        ),
        (
            datetime.date(2019, 5, 22),
            "expected a date and time (YYYY-MM-DD HH:MM, London time), found the date 2019-05-22",
        ),
        (
            "22 May 2019 10am",
            'expected a date and time (YYYY-MM-DD HH:MM, London time), found "22 May 2019 10am"',
        ),
    ],
)
def test_a_meeting_time_that_is_not_one_is_reported(written, message):
    meeting = {**board_meeting(), "starts_at": written}

    with pytest.raises(ScenarioError) as raised:
        scenario_check(data=scenario(meeting), source="times.yaml")

    assert raised.value.errors == [("meetings[0].starts_at", message)]
