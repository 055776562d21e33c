"""Model-level rules of meetings that every writer (services, the scenario loader) relies on."""

import pytest
from django.core.exceptions import ValidationError

from convenor.meetings.models import Action, Decision
from tests.meetings.factories import AgendaItemFactory, MeetingFactory
from tests.stakeholders.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [Decision, Action])
def test_a_row_cannot_point_at_an_agenda_item_of_another_meeting(model):
    meeting = MeetingFactory()
    other_item = AgendaItemFactory(meeting=MeetingFactory(body=meeting.body))
    if model is Decision:
        row = Decision(meeting=meeting, agenda_item=other_item, verb="note", text="the report")
    else:
        row = Action(
            strategy=meeting.strategy,
            meeting=meeting,
            agenda_item=other_item,
            description="Circulate the report",
            owner=PersonFactory(),
            due_on="2019-06-14",
        )

    with pytest.raises(ValidationError) as error:
        row.full_clean()

    assert error.value.message_dict["agenda_item"] == ["Choose an item of this meeting's agenda."]
