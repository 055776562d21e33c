"""The demo clock: pages judge upcoming, current and overdue against CONVENOR_AS_OF when set."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ImproperlyConfigured

from convenor.config.settings import _as_of
from convenor.core import clock
from convenor.scenarios.loader import ScenarioError, scenario_load_data

LONDON = ZoneInfo("Europe/London")


def test_without_a_demo_moment_the_clock_is_the_real_time(settings):
    settings.CONVENOR_AS_OF = None
    before = datetime.datetime.now(datetime.UTC)
    assert before <= clock.now() <= datetime.datetime.now(datetime.UTC)


def test_a_demo_moment_sets_now_and_today_in_london(settings):
    # 23:30 in London on 21 June 2019 is 22:30 UTC: still the 21st in London.
    settings.CONVENOR_AS_OF = datetime.datetime(2019, 6, 21, 23, 30, tzinfo=LONDON)
    assert clock.now() == datetime.datetime(2019, 6, 21, 22, 30, tzinfo=datetime.UTC)
    assert clock.today() == datetime.date(2019, 6, 21)


def test_the_setting_reads_local_london_time_and_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("CONVENOR_AS_OF", "2019-05-22T17:00")
    assert _as_of() == datetime.datetime(2019, 5, 22, 17, 0, tzinfo=LONDON)
    monkeypatch.setenv("CONVENOR_AS_OF", "")
    assert _as_of() is None
    monkeypatch.setenv("CONVENOR_AS_OF", "22nd of May")
    with pytest.raises(ImproperlyConfigured, match="CONVENOR_AS_OF must be a date"):
        _as_of()


@pytest.mark.django_db
def test_a_scenario_with_a_moment_that_is_not_one_is_refused_with_its_path():
    document = {
        "format": "convenor-scenario/1",
        "as_of": "last Wednesday",
        "strategy": {"slug": "s", "name": "S", "area_name": "A"},
    }
    with pytest.raises(ScenarioError) as error:
        scenario_load_data(data=document, source="bad.yaml")
    assert (
        'bad.yaml: as_of: "last Wednesday" is not a date and time: write it like '
        '"2019-05-22T17:30"' in str(error.value)
    )
