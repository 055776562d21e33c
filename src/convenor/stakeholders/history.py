"""Each organisation's and person's engagement history, gathered from the apps that hold it.

Stakeholders never imports the apps above it: governance, meetings and engagement each register
a source (in their ready()) that, given a list of people, returns what happened to them. Each
source makes a fixed number of queries whatever the people have, so a history page's query
count does not grow with the history.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from convenor.stakeholders.models import Organisation, Person


@dataclass(frozen=True)
class HistoryEntry:
    """One thing that happened: when, what, more detail, a link, and whom it concerns."""

    when: datetime.date | datetime.datetime
    what: str
    detail: str = ""
    url: str = ""
    person: Person | None = None

    @property
    def sort_key(self) -> datetime.datetime:
        """The moment to order by: a date counts as its start."""
        if isinstance(self.when, datetime.datetime):
            return self.when.replace(tzinfo=None)
        return datetime.datetime.combine(self.when, datetime.time.min)


HistorySource = Callable[[list[Person]], list[HistoryEntry]]
OrganisationHistorySource = Callable[[Organisation], list[HistoryEntry]]

_sources: list[HistorySource] = []
_organisation_sources: list[OrganisationHistorySource] = []


def history_source_register(source: HistorySource) -> None:
    """Add a source of history entries about people (call in an app's ready())."""
    if source not in _sources:
        _sources.append(source)


def organisation_history_source_register(source: OrganisationHistorySource) -> None:
    """Add a source of entries about an organisation itself (call in an app's ready())."""
    if source not in _organisation_sources:
        _organisation_sources.append(source)


def _in_order(entries: list[HistoryEntry]) -> list[HistoryEntry]:
    return sorted(entries, key=lambda entry: (entry.sort_key, entry.what))


def person_history(person: Person) -> list[HistoryEntry]:
    """Everything that happened to `person`, oldest first."""
    entries: list[HistoryEntry] = []
    for source in _sources:
        entries.extend(source([person]))
    return _in_order(entries)


def organisation_history(organisation: Organisation) -> list[HistoryEntry]:
    """What happened to the organisation's people and to the organisation itself, oldest first."""
    people = list(organisation.people.order_by("name"))
    entries: list[HistoryEntry] = []
    if people:
        for source in _sources:
            entries.extend(source(people))
    for organisation_source in _organisation_sources:
        entries.extend(organisation_source(organisation))
    return _in_order(entries)
