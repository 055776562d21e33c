"""Reads a strategy written as a scenario file, checks all of it, then writes it in one transaction.

A scenario file (YAML, format `convenor-scenario/1`, documented in docs/scenario-format.md) is
checked in full before anything is written, so a user sees every mistake at once. Each section is
described declaratively (a `Section` of `Field`s); adding a section to the format means adding a
spec and a few lines in `_Writer`, not changing the checking code. Writing upserts every row by its
natural key, so loading the same file twice changes nothing, and a file that fails anywhere (in the
checks or in a model's own validation) leaves the database exactly as it was.
"""

from __future__ import annotations

import contextlib
import datetime
import difflib
import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, Literal
from zoneinfo import ZoneInfo

import yaml
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import DatabaseError, models, transaction
from django.db.models.functions import Lower

from convenor.accounts.models import User
from convenor.core.services import audit_event_record, record_save
from convenor.engagement.choices import ContentStatus, Level, ParticipantStatus, Rsvp, VoteChoice
from convenor.engagement.models import (
    Activity,
    ActivityInvitation,
    Comment,
    Contribution,
    Discussion,
    Document,
    FollowUp,
    Paragraph,
    ParagraphVersion,
    Participant,
    Post,
    Reaction,
    Relationship,
    Segment,
    SoundingBoard,
    Statement,
    Vote,
)
from convenor.evidence.models import (
    EvidenceItem,
    EvidenceTerm,
    Indicator,
    IndicatorValue,
    ProjectBrief,
)
from convenor.evidence.search import evidence_terms_refresh, search_words
from convenor.governance.models import Body, BodyPriority, Membership
from convenor.insights.services import analysis_run
from convenor.interventions.choices import InterventionStage
from convenor.interventions.models import Intervention, StageChange, Support
from convenor.meetings.models import (
    Action,
    AgendaItem,
    Decision,
    Declaration,
    Invitation,
    Meeting,
)
from convenor.publishing import services as publishing_services
from convenor.publishing.choices import BuildStatus, PublicationKind
from convenor.publishing.models import LintWaiver, Publication, PublicationVersion
from convenor.publishing.models import Section as PublicationSection
from convenor.publishing.outlines import outline_for, outline_text
from convenor.stakeholders.choices import OrganisationKind, Ownership
from convenor.stakeholders.models import Area, Organisation, Person
from convenor.strategy.models import LineOfEnquiry, Milestone, Priority, Stage, Strategy

FORMAT = "convenor-scenario/1"
# Date-times in a scenario are the wall-clock time where the strategy's meetings happen.
LONDON = ZoneInfo("Europe/London")
SUPPORTED_FORMATS = (FORMAT,)

ErrorList = list[tuple[str, str]]


class ScenarioError(Exception):
    """Everything wrong with a scenario file: one `FILE: PATH: message` line per error."""

    def __init__(self, source: str, errors: ErrorList) -> None:
        self.source = source
        self.errors = list(errors)
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(f"{self.source}: {path}: {message}" for path, message in self.errors)


# Top-level keys that are settings, not sections: the format version, and the moment the
# scenario describes (`convenor demo` shows the strategy as of then; see core/clock.py).
TOP_LEVEL_SETTINGS = ("format", "as_of")


def scenario_as_of_parse(value: Any) -> datetime.datetime | None:
    """The `as_of` moment of a scenario (a date, or a date and time), or None if it is not one."""
    if isinstance(value, datetime.datetime):
        return value
    if isinstance(value, datetime.date):
        return datetime.datetime.combine(value, datetime.time())
    try:
        return datetime.datetime.fromisoformat(str(value).strip())
    except ValueError:
        return None


# --- The format, section by section -------------------------------------------------------------

Kind = Literal[
    "text",
    "key",
    "email",
    "url",
    "integer",
    "boolean",
    "date",
    "datetime",
    "choice",
    "ref",
    "refs",
    "items",
    "level",
    "filters",
    "texts",
    "decimal",
    "positions",
    "decision",
    "series",
    "periods",
    "agenda_item",
]

# A default that is the item's position in its list, counting from 1 (stage and enquiry order).
POSITION = object()


@dataclass(frozen=True)
class Field:
    """One field an item may have: its kind, whether it is required, and what it refers to."""

    name: str
    kind: Kind = "text"
    required: bool = False
    # The model attribute it fills, when not the same as `name` (None: not stored on the model).
    attr: str | None = ""
    # For ref and refs: the section whose items it names, by that section's key field.
    ref: str = ""
    # For items: the section spec of the nested list.
    items: Section | None = None
    # Overrides the model field's default (or gives one where there is no model field).
    default: Any = None
    minimum: int | None = None
    pattern: tuple[str, str] | None = None  # (regular expression, what it must look like)
    what: str = ""  # "a title": used in "a priority needs a title"

    @property
    def model_attr(self) -> str | None:
        return self.name if self.attr == "" else self.attr

    @property
    def needs(self) -> str:
        return self.what or _a(self.name.replace("_", " "))


def _a(noun: str) -> str:
    """The noun with its indefinite article: "an action", "a meeting"."""
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


@dataclass(frozen=True)
class Section:
    """A top-level section (a list of items, or for `strategy` one mapping) or a nested list."""

    name: str
    noun: str
    fields: tuple[Field, ...]
    model: type[models.Model] | None = None
    # The field other sections use to refer to an item of this one ("key", "number", "slug"...).
    key: str = ""
    # Field sets that must be unique among this list's items.
    unique: tuple[tuple[str, ...], ...] = ()
    # A bare scalar item stands for a mapping with only this field (a line of enquiry's question).
    shorthand: str = ""
    # Checks across fields or items: given [(item path, cleaned item)], return errors.
    checks: tuple[Callable[[list[tuple[str, dict[str, Any]]]], ErrorList], ...] = ()
    many: bool = True

    def field_named(self, name: str) -> Field | None:
        return next((f for f in self.fields if f.name == name), None)


def _stage_dates(items: list[tuple[str, dict[str, Any]]]) -> ErrorList:
    errors: ErrorList = []
    current = [path for path, item in items if item.get("status") == "current"]
    for path, item in items:
        starts, ends = item.get("starts_on"), item.get("ends_on")
        if starts and ends and ends < starts:
            errors.append(
                (f"{path}.ends_on", f"the stage ends ({ends}) before it starts ({starts})")
            )
    for path in current[1:]:
        errors.append((f"{path}.status", f"only one stage can be current, and {current[0]} is"))
    return errors


def _membership_dates(items: list[tuple[str, dict[str, Any]]]) -> ErrorList:
    return [
        (f"{path}.ends_on", f"the membership ends ({ends}) before it starts ({starts})")
        for path, item in items
        if (starts := item.get("starts_on")) and (ends := item.get("ends_on")) and ends < starts
    ]


def _one_lead_body(items: list[tuple[str, dict[str, Any]]]) -> ErrorList:
    errors: ErrorList = []
    leader: dict[int, str] = {}
    for path, item in items:
        for index, number in enumerate(item.get("leads") or []):
            if number in leader:
                errors.append(
                    (
                        f"{path}.leads[{index}]",
                        f"priority {number} already has a lead body ({leader[number]})",
                    )
                )
            else:
                leader[number] = path
    return errors


def _no_reporting_loops(items: list[tuple[str, dict[str, Any]]]) -> ErrorList:
    parent = {item["slug"]: item.get("reports_to") for _, item in items if item.get("slug")}
    errors: ErrorList = []
    for path, item in items:
        slug = item.get("slug")
        if not slug or not item.get("reports_to"):
            continue
        if item["reports_to"] == slug:
            errors.append((f"{path}.reports_to", "a body cannot report to itself"))
            continue
        seen, step = {slug}, parent.get(item["reports_to"])
        chain = [item["reports_to"]]
        while step and step not in seen:
            chain.append(step)
            seen.add(step)
            step = parent.get(step)
        if step == slug:
            errors.append(
                (f"{path}.reports_to", f"reporting loop: {' -> '.join([slug, *chain, slug])}")
            )
    return errors


def _unique_gss(items: list[tuple[str, dict[str, Any]]]) -> ErrorList:
    first: dict[str, str] = {}
    errors: ErrorList = []
    for path, item in items:
        code = item.get("gss_code")
        if not code:
            continue
        if code in first:
            errors.append((f"{path}.gss_code", f"{first[code]} already has GSS code {code}"))
        else:
            first[code] = path
    return errors


def _local(moment: datetime.datetime) -> str:
    """A date-time as the file writes it: local time in London, to the minute."""
    return f"{moment.astimezone(LONDON):%Y-%m-%d %H:%M}"


def _meeting_times(items: list[tuple[str, dict[str, Any]]]) -> ErrorList:
    errors: ErrorList = []
    for path, item in items:
        starts, ends = item.get("starts_at"), item.get("ends_at")
        if not starts:
            continue
        if ends and ends <= starts:
            when = "when" if ends == starts else "before"
            errors.append(
                (
                    f"{path}.ends_at",
                    f"the meeting ends ({_local(ends)}) {when} it starts ({_local(starts)})",
                )
            )
        published = item.get("minutes_published_at")
        if published and published < starts:
            errors.append(
                (
                    f"{path}.minutes_published_at",
                    f"the minutes are published ({_local(published)}) before the meeting starts "
                    f"({_local(starts)})",
                )
            )
        approved = item.get("minutes_approved_on")
        if approved and approved < starts.astimezone(LONDON).date():
            errors.append(
                (
                    f"{path}.minutes_approved_on",
                    f"the minutes are approved ({approved}) before the meeting is held "
                    f"({starts.astimezone(LONDON).date()})",
                )
            )
    return errors


def _joint_bodies_exclude_the_convenor(items: list[tuple[str, dict[str, Any]]]) -> ErrorList:
    return [
        (
            f"{path}.joint_bodies[{index}]",
            f"{_quote(slug)} is the convening body (body); list only the others taking part",
        )
        for path, item in items
        for index, slug in enumerate(item.get("joint_bodies") or [])
        if slug == item.get("body")
    ]


def _actions_name_agenda_items(items: list[tuple[str, dict[str, Any]]]) -> ErrorList:
    errors: ErrorList = []
    for path, item in items:
        numbers = {agenda.get("number") for agenda in item.get("agenda") or []}
        for index, action in enumerate(item.get("actions") or []):
            number = action.get("agenda_item")
            if number is not None and number not in numbers:
                errors.append(
                    (
                        f"{path}.actions[{index}].agenda_item",
                        f"no agenda item numbered {number} in this meeting",
                    )
                )
    return errors


# An ONS GSS code: a letter for the country (K for the UK or Great Britain) and 8 digits.
GSS_CODE = r"^[EWSNK][0-9]{8}$"

AREAS = Section(
    "areas",
    "area",
    model=Area,
    key="key",
    unique=(("key",),),
    checks=(_unique_gss,),
    fields=(
        Field("key", "key", required=True),
        Field("name", required=True),
        Field("gss_code", pattern=(r"^[EWSN][0-9]{8}$", "a letter and 8 digits, like E07000084")),
        Field("tier", "choice", required=True),
        Field("county"),
    ),
)
ORGANISATIONS = Section(
    "organisations",
    "organisation",
    model=Organisation,
    key="key",
    unique=(("key",),),
    fields=(
        Field("key", "key", required=True),
        Field("name", required=True),
        Field("kind", "choice", required=True),
        Field("sector"),
        Field("size_band", "choice"),
        Field("ownership", "choice", required=True),
        Field("area", "ref", ref="areas"),
        Field("website", "url"),
        Field("linkedin_url", "url"),
        Field("illustrative", "boolean", attr="is_illustrative"),
    ),
)
PEOPLE = Section(
    "people",
    "person",
    model=Person,
    key="key",
    unique=(("key",), ("email",)),
    fields=(
        Field("key", "key", required=True),
        Field("name", required=True),
        Field("organisation", "ref", ref="organisations"),
        Field("job_title"),
        Field("email", "email"),
        Field("linkedin_url", "url"),
        Field("lawful_basis", "choice"),
        Field("consent_date", "date"),
        Field("consent_channel", "choice"),
        Field("consent_wording_version"),
        Field("opted_out", "boolean"),
        Field("illustrative", "boolean", attr="is_illustrative"),
    ),
)
STRATEGY = Section(
    "strategy",
    "strategy",
    model=Strategy,
    many=False,
    fields=(
        Field("slug", "key", required=True, what="a slug (its short name for web addresses)"),
        Field("name", required=True),
        Field("area_name", required=True, what="an area_name (the place, in words)"),
        Field("areas", "refs", ref="areas"),
        Field("lead_organisation", "ref", ref="organisations"),
        Field("strategy_lead", "ref", ref="people"),
        Field("vision"),
        Field("theory_of_change"),
        Field("narrative"),
        Field("public", "boolean", attr="is_public"),
    ),
)
STAGES = Section(
    "stages",
    "stage",
    model=Stage,
    key="name",
    unique=(("order",), ("name",)),
    checks=(_stage_dates,),
    fields=(
        Field("order", "integer", default=POSITION, minimum=1),
        Field("name", required=True),
        Field("kind", "choice"),
        Field("period", attr="period_label"),
        Field("starts_on", "date", required=True, what="a starts_on date"),
        Field("ends_on", "date", required=True, what="an ends_on date"),
        Field("may_overlap", "boolean"),
        Field("focus"),
        Field("action"),
        Field("exit_criteria"),
        Field("status", "choice"),
    ),
)
MILESTONES = Section(
    "milestones",
    "milestone",
    model=Milestone,
    unique=(("date", "title"),),
    fields=(
        Field("date", "date", required=True),
        Field("title", required=True),
        Field("stage", "ref", ref="stages"),
        Field("description"),
    ),
)
LINES_OF_ENQUIRY = Section(
    "lines_of_enquiry",
    "line of enquiry",
    model=LineOfEnquiry,
    unique=(("order",),),
    shorthand="question",
    fields=(
        Field("order", "integer", default=POSITION, minimum=1),
        Field("question", required=True),
        Field("status", "choice"),
    ),
)
PRIORITIES = Section(
    "priorities",
    "priority",
    model=Priority,
    key="number",
    unique=(("number",),),
    fields=(
        Field("number", "integer", required=True, minimum=1),
        Field("title", required=True),
        Field("short_title"),
        Field("summary"),
        Field("lep_role", "choice"),
        Field("board_sponsor", "ref", ref="people"),
        Field("lead_officer", "ref", ref="people"),
        Field("status", "choice"),
        Field("is_reconstructed", "boolean"),
        Field("lines_of_enquiry", "items", attr=None, items=LINES_OF_ENQUIRY),
    ),
)
MEMBERS = Section(
    "members",
    "membership",
    model=Membership,
    unique=(("person", "role"),),
    checks=(_membership_dates,),
    fields=(
        Field("person", "ref", required=True, ref="people"),
        Field("role", "choice"),
        Field("starts_on", "date"),
        Field("ends_on", "date"),
        Field("representing", "ref", ref="organisations"),
        Field("note"),
    ),
)
BODIES = Section(
    "bodies",
    "body",
    model=Body,
    key="slug",
    unique=(("slug",),),
    checks=(_one_lead_body, _no_reporting_loops),
    fields=(
        Field("slug", "key", required=True),
        Field("name", required=True),
        Field("kind", "choice", required=True),
        Field("remit"),
        Field("themes"),
        Field("openness", "choice"),
        Field("public", "boolean", attr="is_public"),
        Field("reports_to", "ref", ref="bodies"),
        Field("steers", "refs", attr=None, ref="priorities"),
        Field("leads", "refs", attr=None, ref="priorities"),
        Field("members", "items", attr=None, items=MEMBERS),
    ),
)
DECISIONS = Section(
    "decisions",
    "decision",
    model=Decision,
    unique=(("text",),),
    fields=(
        Field("verb", "choice", required=True, what="a verb (what the body is asked to do)"),
        Field("text", required=True, what="a text (what follows the verb)"),
        Field("outcome", "choice"),
        Field("amendment"),
    ),
)
DECLARATIONS = Section(
    "declarations",
    "declaration of interest",
    model=Declaration,
    unique=(("person",),),
    fields=(
        Field("person", "ref", required=True, ref="people"),
        Field("interest", required=True, what="an interest (what is declared)"),
        Field("action_taken"),
    ),
)
AGENDA = Section(
    "agenda",
    "agenda item",
    model=AgendaItem,
    unique=(("number",),),
    fields=(
        Field("number", "integer", attr="order", default=POSITION, minimum=1),
        Field("title", required=True),
        Field("description"),
        Field("priorities", "refs", ref="priorities"),
        Field("presenter", "ref", ref="people"),
        Field("confidential", "boolean", attr="is_confidential"),
        Field("decisions", "items", attr=None, items=DECISIONS),
        Field("declarations", "items", attr=None, items=DECLARATIONS),
    ),
)
INVITATIONS = Section(
    "invitations",
    "invitation",
    model=Invitation,
    unique=(("person",),),
    fields=(
        Field("person", "ref", required=True, ref="people"),
        Field("role", "choice"),
        Field("response", "choice"),
        Field("attendance", "choice"),
    ),
)
ACTIONS = Section(
    "actions",
    "action",
    model=Action,
    unique=(("description",),),
    fields=(
        Field("description", required=True),
        Field("owner", "ref", required=True, ref="people"),
        Field("due_on", "date", required=True, what="a due_on date"),
        Field("status", "choice"),
        Field("completed_on", "date"),
        # Resolved by the writer to the agenda item of this meeting with that number.
        Field("agenda_item", "integer", attr=None, minimum=1),
    ),
)
MEETINGS = Section(
    "meetings",
    "meeting",
    model=Meeting,
    key="key",
    unique=(("key",), ("body", "starts_at", "title")),
    checks=(_meeting_times, _joint_bodies_exclude_the_convenor, _actions_name_agenda_items),
    fields=(
        # Names the meeting within the file only: rows are matched by body, start and title.
        Field("key", "key", attr=None),
        Field("body", "ref", required=True, ref="bodies", what="a body (the slug of its convenor)"),
        Field("joint_bodies", "refs", ref="bodies"),
        Field("title", required=True),
        Field("purpose"),
        Field("starts_at", "datetime", required=True, what="a starts_at date and time"),
        Field("ends_at", "datetime", required=True, what="an ends_at date and time"),
        Field("place", attr="location"),
        Field("online_url", "url"),
        Field("status", "choice"),
        Field("host", "ref", ref="people"),
        Field("focus", "choice"),
        Field("papers_published_at", "datetime"),
        Field("minutes"),
        Field("minutes_published_at", "datetime"),
        Field("minutes_approved_on", "date"),
        Field("cancellation_reason"),
        Field("agenda", "items", attr=None, items=AGENDA),
        Field("invitations", "items", attr=None, items=INVITATIONS),
        Field("actions", "items", attr=None, items=ACTIONS),
    ),
)


def _one_party_assessed_on_both_axes(items: list[tuple[str, dict[str, Any]]]) -> ErrorList:
    errors: ErrorList = []
    for path, item in items:
        if item.get("organisation") and item.get("person"):
            errors.append(
                (
                    f"{path}.person",
                    "a relationship is with one organisation or one person, not both",
                )
            )
        elif not item.get("organisation") and not item.get("person"):
            errors.append(
                (path, "a relationship needs an organisation or a person (the key of one)")
            )
        if (item.get("power") is None) != (item.get("interest") is None):
            missing = "interest" if item.get("interest") is None else "power"
            errors.append((f"{path}.{missing}", "give both power and interest, or neither"))
    return errors


def _segment_names_differ_in_more_than_case(items: list[tuple[str, dict[str, Any]]]) -> ErrorList:
    first: dict[str, str] = {}
    errors: ErrorList = []
    for path, item in items:
        name = str(item.get("name") or "").casefold()
        if not name:
            continue
        if name in first:
            errors.append(
                (f"{path}.name", f"another segment ({first[name]}) has this name, ignoring case")
            )
        else:
            first[name] = path
    return errors


def _activity_times_and_write_ups(items: list[tuple[str, dict[str, Any]]]) -> ErrorList:
    errors: ErrorList = []
    for path, item in items:
        starts, ends = item.get("starts_at"), item.get("ends_at")
        if starts and ends and ends <= starts:
            when = "when" if ends == starts else "before"
            errors.append(
                (
                    f"{path}.ends_at",
                    f"the activity ends ({_local(ends)}) {when} it starts ({_local(starts)})",
                )
            )
        if item.get("status") == "written_up" and not item.get("notes") and not item.get("outputs"):
            errors.append(
                (f"{path}.status", "a written_up activity needs its notes or its outputs")
            )
        for index, invitation in enumerate(item.get("invitations") or []):
            sent = invitation.get("sent_at")
            if starts and sent and sent > starts:
                errors.append(
                    (
                        f"{path}.invitations[{index}].sent_at",
                        f"the invitation is sent ({_local(sent)}) after the activity starts "
                        f"({_local(starts)})",
                    )
                )
            replied = invitation.get("responded_at")
            if sent and replied and replied < sent:
                errors.append(
                    (
                        f"{path}.invitations[{index}].responded_at",
                        f"the reply ({_local(replied)}) comes before the invitation is sent "
                        f"({_local(sent)})",
                    )
                )
    return errors


RELATIONSHIPS = Section(
    "relationships",
    "relationship",
    model=Relationship,
    unique=(("organisation",), ("person",)),
    checks=(_one_party_assessed_on_both_axes,),
    fields=(
        Field("organisation", "ref", ref="organisations"),
        Field("person", "ref", ref="people"),
        Field("owner", "ref", ref="people"),
        Field("power", "level"),
        Field("interest", "level"),
        Field("note", attr="assessment_note"),
        Field("assessed_on", "date"),
        Field("priorities", "refs", ref="priorities"),
    ),
)
SEGMENTS = Section(
    "segments",
    "segment",
    model=Segment,
    unique=(("name",),),
    checks=(_segment_names_differ_in_more_than_case,),
    fields=(
        Field("name", required=True),
        Field("description"),
        Field("filters", "filters"),
    ),
)
ACTIVITY_INVITATIONS = Section(
    "activity_invitations",
    "invitation",
    model=ActivityInvitation,
    unique=(("person",),),
    fields=(
        Field("person", "ref", required=True, ref="people"),
        Field("invited_via", "choice"),
        Field("sent_at", "datetime"),
        Field("response", "choice"),
        Field("responded_at", "datetime"),
        Field("attendance", "choice"),
    ),
)
CONTRIBUTIONS = Section(
    "contributions",
    "contribution",
    model=Contribution,
    unique=(("text",),),
    fields=(
        Field("kind", "choice", required=True),
        Field("text", required=True, what="a text (what was said)"),
        Field("author", "ref", ref="people"),
        Field("anonymous", "boolean", attr="is_anonymous"),
        Field("made_on", "date"),
        Field("priorities", "refs", ref="priorities"),
    ),
)
FOLLOW_UPS = Section(
    "follow_ups",
    "follow-up",
    model=FollowUp,
    unique=(("text",),),
    fields=(
        Field("text", required=True, what="a text (what is to be done)"),
        Field("owner", "ref", ref="people"),
        Field("due_on", "date"),
        Field("done", "boolean", attr="is_done"),
    ),
)
ACTIVITIES = Section(
    "activities",
    "activity",
    model=Activity,
    key="key",
    unique=(("key",),),
    checks=(_activity_times_and_write_ups,),
    fields=(
        Field("key", "key", required=True),
        Field("kind", "choice", required=True),
        Field("title", required=True),
        Field("purpose"),
        Field("priorities", "refs", ref="priorities"),
        Field("host", "ref", ref="people"),
        Field("body", "ref", ref="bodies", what="a body (the slug of the organising body)"),
        Field("starts_at", "datetime", required=True, what="a starts_at date and time"),
        Field("ends_at", "datetime"),
        Field("place"),
        Field("online_url", "url"),
        Field("status", "choice"),
        Field("agenda"),
        Field("notes"),
        Field("outputs"),
        Field("written_up_at", "datetime"),
        Field("open_for_sign_up", "boolean", attr="is_open_for_sign_up"),
        Field("capacity", "integer", minimum=1),
        Field("illustrative", "boolean", attr="is_illustrative"),
        Field("invitations", "items", attr=None, items=ACTIVITY_INVITATIONS),
        Field("contributions", "items", attr=None, items=CONTRIBUTIONS),
        Field("follow_ups", "items", attr=None, items=FOLLOW_UPS),
    ),
)
# --- The sounding board: its participants, documents open for reactions, statements to vote on --


def _hidden_content_has_a_reason(items: list[tuple[str, dict[str, Any]]]) -> ErrorList:
    return [
        (f"{path}.moderation_reason", "a hidden item needs the reason shown to its author")
        for path, item in items
        if item.get("status") == ContentStatus.HIDDEN and not item.get("moderation_reason")
    ]


def _paragraph_text_or_versions(items: list[tuple[str, dict[str, Any]]]) -> ErrorList:
    errors: ErrorList = []
    for path, item in items:
        if item.get("text") and item.get("versions"):
            errors.append((f"{path}.versions", "give a paragraph's text or its versions, not both"))
        elif not item.get("text") and not item.get("versions"):
            errors.append((path, "a paragraph needs a text (or versions, if it was revised)"))
    return errors


def _window_dates(items: list[tuple[str, dict[str, Any]]]) -> ErrorList:
    errors: ErrorList = []
    for path, item in items:
        opens, closes = item.get("opens_at"), item.get("closes_at")
        if opens and closes and closes <= opens:
            when = "when" if closes == opens else "before"
            errors.append(
                (
                    f"{path}.closes_at",
                    f"the window closes ({_local(closes)}) {when} it opens ({_local(opens)})",
                )
            )
    return errors


def _version_named(
    errors: ErrorList, versions: dict[int, int], where: str, paragraph: int, version: Any
) -> int | None:
    """The version a comment names (none named: the latest), or None after reporting an error."""
    if version is None:
        return versions[paragraph]
    if version > versions[paragraph]:
        count = versions[paragraph]
        errors.append(
            (
                f"{where}.version",
                f"paragraph {paragraph} has no version {version} "
                f"(it has {count} version{'s' if count != 1 else ''})",
            )
        )
        return None
    return int(version)


def _comments_name_paragraphs_and_versions(items: list[tuple[str, dict[str, Any]]]) -> ErrorList:
    """Each comment, reply and reaction names a paragraph (and version) the document has."""
    errors: ErrorList = []
    for path, item in items:
        # How many versions each paragraph has, by its number (its place, counting from 1).
        versions = {
            number: len(paragraph.get("versions") or []) or 1
            for number, paragraph in enumerate(item.get("paragraphs") or [], start=1)
        }
        have = f"it has 1 to {len(versions)}" if versions else "it has none"

        seen: dict[tuple[Any, ...], str] = {}
        for index, comment in enumerate(item.get("comments") or []):
            where = f"{path}.comments[{index}]"
            number = comment.get("paragraph")
            if number is None:
                continue  # missing, and reported as such
            if number not in versions:
                errors.append(
                    (f"{where}.paragraph", f"no paragraph {number} in this document ({have})")
                )
                continue
            version = _version_named(errors, versions, where, number, comment.get("version"))
            natural = (number, version, None, comment.get("author"), comment.get("text"))
            if version is not None and natural in seen:
                errors.append((f"{where}.text", f"{seen[natural]} already says this"))
            seen.setdefault(natural, where)
            for reply_index, reply in enumerate(comment.get("replies") or []):
                reply_where = f"{where}.replies[{reply_index}]"
                reply_number = reply.get("paragraph")
                if reply_number is not None and reply_number != number:
                    errors.append(
                        (
                            f"{reply_where}.paragraph",
                            f"a reply is on the paragraph of the comment it answers "
                            f"({number}), not {reply_number}",
                        )
                    )
                    continue
                if reply.get("version") is not None:
                    _version_named(errors, versions, reply_where, number, reply.get("version"))
        for index, reaction in enumerate(item.get("reactions") or []):
            number = reaction.get("paragraph")
            if number is not None and number not in versions:
                errors.append(
                    (
                        f"{path}.reactions[{index}].paragraph",
                        f"no paragraph {number} in this document ({have})",
                    )
                )
    return errors


PARTICIPANTS = Section(
    "participants",
    "participant",
    model=Participant,
    unique=(("person",),),
    fields=(
        Field("person", "ref", required=True, ref="people"),
        # A file lists people already taking part, so member rather than the model's pending.
        Field("status", "choice", default=ParticipantStatus.MEMBER),
        Field("name_shown", "choice"),
        Field("notifications", "choice"),
    ),
)
SOUNDING_BOARD = Section(
    "sounding_board",
    "sounding board",
    model=SoundingBoard,
    many=False,
    fields=(
        Field(
            "body",
            "ref",
            required=True,
            ref="bodies",
            what="a body (the slug of a sounding_board body)",
        ),
        Field("open", "boolean", attr="is_open"),
        Field("requires_approval", "boolean"),
        Field(
            "privacy_notice_version",
            required=True,
            what="a privacy_notice_version (the wording people consent to when they join)",
        ),
        Field("welcome"),
        Field("participants", "items", attr=None, items=PARTICIPANTS),
    ),
)
PARAGRAPHS = Section(
    "paragraphs",
    "paragraph",
    model=Paragraph,
    checks=(_paragraph_text_or_versions,),
    fields=(
        Field("heading"),
        Field("text", attr=None),
        Field("versions", "texts", attr=None),
        Field("removed", "boolean", attr="is_removed"),
    ),
)
_COMMENT_FIELDS = (
    Field("author", "ref", required=True, ref="people"),
    Field("text", required=True, what="a text (what it says)"),
    Field("status", "choice"),
    Field("moderation_reason"),
    Field("moderated_at", "datetime"),
    Field("created_at", "datetime"),
)
REPLIES = Section(
    "replies",
    "reply",
    model=Comment,
    checks=(_hidden_content_has_a_reason,),
    fields=(
        # A reply is on its comment's paragraph and version; saying so again is allowed.
        Field("paragraph", "integer", attr=None, minimum=1),
        Field("version", "integer", attr=None, minimum=1),
        *_COMMENT_FIELDS,
    ),
)
COMMENTS = Section(
    "comments",
    "comment",
    model=Comment,
    checks=(_hidden_content_has_a_reason,),
    fields=(
        Field("paragraph", "integer", required=True, attr=None, minimum=1),
        # Resolved by the writer to that version of the paragraph; none given: the latest.
        Field("version", "integer", attr=None, minimum=1),
        *_COMMENT_FIELDS,
        Field("replies", "items", attr=None, items=REPLIES),
    ),
)
REACTIONS = Section(
    "reactions",
    "reaction",
    model=Reaction,
    unique=(("paragraph", "person"),),
    fields=(
        Field("paragraph", "integer", required=True, attr=None, minimum=1),
        Field("person", "ref", required=True, ref="people"),
        Field("kind", "choice", required=True),
    ),
)


def _rated_with_a_reason(items: list[tuple[str, dict[str, Any]]]) -> ErrorList:
    return [
        (f"{path}.quality_reason", "a rated item needs the reason for its rating")
        for path, item in items
        if item.get("quality") and not item.get("quality_reason")
    ]


def _lines_inform_their_priorities(items: list[tuple[str, dict[str, Any]]]) -> ErrorList:
    """An item answering a line of enquiry informs that line's priority, and says so."""
    return [
        (
            f"{path}.lines_of_enquiry.{number}",
            f"these lines of enquiry are priority {number}'s; add {number} to priorities",
        )
        for path, item in items
        for number in item.get("lines_of_enquiry") or {}
        if number not in (item.get("priorities") or [])
    ]


PROJECT_BRIEFS = Section(
    "project_briefs",
    "project brief",
    model=ProjectBrief,
    key="key",
    unique=(("key",),),
    fields=(
        Field("key", "key", required=True),
        Field("priority", "ref", required=True, ref="priorities"),
        Field("title", required=True),
        Field("scope", required=True, what="a scope (what the work covers)"),
        Field("questions", "texts", attr=None),
        Field("supplier"),
        Field("budget", "decimal", minimum=0),
        Field("due_on", "date"),
        Field("status", "choice"),
        Field("illustrative", "boolean", attr="is_illustrative"),
    ),
)


def _series_fit_the_periods(items: list[tuple[str, dict[str, Any]]]) -> ErrorList:
    """Each area's values line up with the periods; the comparison area has values."""
    errors: ErrorList = []
    for path, item in items:
        periods, values = item.get("periods") or [], item.get("values") or {}
        if values and not periods:
            errors.append((f"{path}.periods", "give the periods the values are for"))
            continue
        if len(set(periods)) != len(periods):
            errors.append((f"{path}.periods", "a period is listed twice"))
        for code, series in values.items():
            if len(series) != len(periods):
                errors.append(
                    (
                        f"{path}.values.{code}",
                        f"{len(series)} values for {len(periods)} periods: give one per period "
                        "(null where there is none)",
                    )
                )
        comparison = item.get("comparison_area_code")
        if comparison and values and comparison not in values:
            errors.append(
                (f"{path}.comparison_area_code", f"no values are given for area {comparison}")
            )
    return errors


INDICATORS = Section(
    "indicators",
    "indicator",
    model=Indicator,
    key="key",
    unique=(("key",), ("name",)),
    checks=(_series_fit_the_periods,),
    fields=(
        Field("key", "key", required=True),
        Field("name", required=True),
        Field("unit", required=True),
        Field("source", required=True),
        Field("description"),
        Field(
            "comparison_area_code",
            pattern=(GSS_CODE, "a letter and 8 digits, like K02000001 (the UK)"),
        ),
        Field("illustrative", "boolean", attr="is_illustrative"),
        Field("periods", "periods", attr=None),
        # The compact long form: area code -> one value per period (see docs/scenario-format.md).
        Field("values", "series", attr=None),
    ),
)
EVIDENCE_ITEMS = Section(
    "evidence_items",
    "evidence item",
    model=EvidenceItem,
    key="key",
    unique=(("key",), ("title",)),
    checks=(_rated_with_a_reason, _lines_inform_their_priorities),
    fields=(
        Field("key", "key", required=True),
        Field("title", required=True),
        Field("kind", "choice"),
        Field("source"),
        Field("author"),
        Field("summary", required=True),
        Field("key_findings", "texts", attr=None),
        # A scenario file carries no files: an item names where it is published.
        Field("url", "url", required=True, what="a url (where it is published)"),
        Field("published_on", "date"),
        Field("priorities", "refs", ref="priorities"),
        # Priority number -> the orders of its lines of enquiry that the item answers.
        Field("lines_of_enquiry", "positions", attr=None, ref="priorities"),
        Field("geography"),
        Field("quality", "choice"),
        Field("quality_reason"),
        Field("visibility", "choice"),
        Field("brief", "ref", ref="project_briefs"),
        Field("indicators", "refs", ref="indicators"),
        Field("illustrative", "boolean", attr="is_illustrative"),
    ),
)
DOCUMENTS = Section(
    "documents",
    "document",
    model=Document,
    key="key",
    unique=(("key",),),
    checks=(_window_dates, _comments_name_paragraphs_and_versions),
    fields=(
        Field("key", "key", required=True),
        Field("title", required=True),
        Field("summary"),
        Field("priorities", "refs", ref="priorities"),
        Field("opens_at", "datetime"),
        Field("closes_at", "datetime"),
        Field("moderation", "choice"),
        Field("evidence_item", "ref", ref="evidence_items"),
        Field("illustrative", "boolean", attr="is_illustrative"),
        Field("paragraphs", "items", attr=None, items=PARAGRAPHS),
        Field("comments", "items", attr=None, items=COMMENTS),
        Field("reactions", "items", attr=None, items=REACTIONS),
    ),
)
VOTER_LISTS = Section(
    "voter_lists",
    "voter list",
    key="name",
    unique=(("name",),),
    fields=(
        Field("name", "key", required=True),
        Field("people", "refs", required=True, ref="people"),
    ),
)
VOTES = Section(
    "votes",
    "vote",
    model=Vote,
    fields=(
        Field("person", "ref", required=True, ref="people"),
        Field("choice", "choice", required=True),
    ),
)
STATEMENTS = Section(
    "statements",
    "statement",
    model=Statement,
    key="key",
    unique=(("key",), ("text",)),
    checks=(_hidden_content_has_a_reason,),
    fields=(
        Field("key", "key", required=True),
        Field("kind", "choice", required=True),
        Field("text", required=True, what="a text (the statement itself)"),
        Field("priority", "ref", ref="priorities"),
        Field("submitted_by", "ref", ref="people"),
        Field("status", "choice"),
        Field("moderation_reason"),
        Field("illustrative", "boolean", attr="is_illustrative"),
        Field("votes", "items", attr=None, items=VOTES),
        # The compact form: one letter per person of a voter list (see docs/scenario-format.md).
        Field("voters", "ref", attr=None, ref="voter_lists"),
        Field("choices", attr=None),
    ),
)
POST_REPLIES = Section(
    "post_replies",
    "reply",
    model=Post,
    checks=(_hidden_content_has_a_reason,),
    fields=_COMMENT_FIELDS,
)
POSTS = Section(
    "posts",
    "post",
    model=Post,
    checks=(_hidden_content_has_a_reason,),
    fields=(*_COMMENT_FIELDS, Field("replies", "items", attr=None, items=POST_REPLIES)),
)
DISCUSSIONS = Section(
    "discussions",
    "discussion",
    model=Discussion,
    key="key",
    unique=(("key",),),
    checks=(_window_dates,),
    fields=(
        Field("key", "key", required=True),
        Field("title", required=True),
        Field("prompt", required=True, what="a prompt (what we ask)"),
        Field("priority", "ref", ref="priorities"),
        Field("opens_at", "datetime"),
        Field("closes_at", "datetime"),
        Field("moderation", "choice"),
        Field("illustrative", "boolean", attr="is_illustrative"),
        Field("posts", "items", attr=None, items=POSTS),
    ),
)
# A letter of a statement's compact `choices`, and the vote it stands for (None: no vote).
VOTE_LETTERS: dict[str, str | None] = {
    "a": VoteChoice.AGREE,
    "d": VoteChoice.DISAGREE,
    "p": VoteChoice.PASS,
    ".": None,
}


def compact_votes(choices: str) -> list[str | None]:
    """The votes a compact `choices` string stands for, one per voter (spaces only group them)."""
    return [VOTE_LETTERS[letter] for letter in choices.replace(" ", "")]


def _parked_with_a_reason(items: list[tuple[str, dict[str, Any]]]) -> ErrorList:
    return [
        (f"{path}.parked_reason", "a parked intervention needs the reason it is parked")
        for path, item in items
        if item.get("stage") == InterventionStage.PARKED and not item.get("parked_reason")
    ]


def _history_leads_to_the_stage(items: list[tuple[str, dict[str, Any]]]) -> ErrorList:
    """An intervention's history runs in time order, each move from where the last one left it,
    and ends at its stage."""
    errors: ErrorList = []
    for path, item in items:
        history = [change for change in item.get("history") or [] if change]
        previous: dict[str, Any] | None = None
        for index, change in enumerate(item.get("history") or []):
            if not change:
                continue
            where = f"{path}.history[{index}]"
            if change.get("from") and change.get("from") == change.get("to"):
                errors.append(
                    (f"{where}.to", f"a move goes somewhere: it is already {change['to']}")
                )
            if previous is not None:
                if change.get("at") and previous.get("at") and change["at"] < previous["at"]:
                    errors.append(
                        (f"{where}.at", "the history is in time order: this move comes earlier")
                    )
                if change.get("from") != previous.get("to"):
                    errors.append(
                        (
                            f"{where}.from",
                            f"the move before this one left it at {previous.get('to')}, "
                            f"not {change.get('from') or 'nothing'}",
                        )
                    )
            previous = change
        if history and item.get("stage") and history[-1].get("to") != item["stage"]:
            errors.append(
                (
                    f"{path}.stage",
                    f"its history ends at {history[-1].get('to')}, not at its stage "
                    f"{item['stage']}",
                )
            )
    return errors


SUPPORTS = Section(
    "supports",
    "support",
    model=Support,
    unique=(("organisation",),),
    fields=(
        Field("organisation", "ref", required=True, ref="organisations"),
        Field("given_on", "date", required=True, what="a given_on date"),
        Field("form", "choice", required=True, what="a form (how the support was given)"),
        Field("note"),
    ),
)
HISTORY = Section(
    "history",
    "lifecycle change",
    model=StageChange,
    fields=(
        Field("from", "choice", attr="from_stage"),
        Field("to", "choice", required=True, attr="to_stage"),
        Field("at", "datetime", required=True, what="an at date and time"),
        Field("reason", required=True, what="a reason (why it moved)"),
    ),
)
INTERVENTIONS = Section(
    "interventions",
    "intervention",
    model=Intervention,
    key="key",
    unique=(("key",),),
    checks=(_parked_with_a_reason, _history_leads_to_the_stage),
    fields=(
        Field("key", "key", required=True),
        Field("priority", "ref", required=True, ref="priorities"),
        Field("title", required=True),
        Field("description", required=True),
        Field("rationale"),
        Field("stage", "choice"),
        Field("parked_reason"),
        Field("lead_partner", "ref", ref="organisations"),
        Field("cost_band", "choice"),
        Field("timescale", "choice"),
        Field("funding_source"),
        Field("evidence", "refs", attr="evidence_items", ref="evidence_items"),
        Field("activities", "refs", ref="activities"),
        # Activity key -> the places (from 1) of its contributions in the file.
        Field("contributions", "positions", attr=None, ref="activities"),
        Field("statements", "refs", ref="statements"),
        # A meeting key and the decision's number in that meeting (see docs/scenario-format.md).
        Field("compelling_decision", "decision", attr=None),
        Field("illustrative", "boolean", attr="is_illustrative"),
        Field("supports", "items", attr=None, items=SUPPORTS),
        Field("history", "items", attr=None, items=HISTORY),
    ),
)


def _versions_numbered_from_one(items: list[tuple[str, dict[str, Any]]]) -> ErrorList:
    """A publication's versions are 1, 2, 3 ... with none missing."""
    numbers = sorted(item["number"] for _path, item in items if item.get("number"))
    if numbers and numbers != list(range(1, len(numbers) + 1)):
        path = items[0][0].rsplit("[", 1)[0]
        return [(path, f"number the versions 1, 2, 3 ... with none missing, not {numbers}")]
    return []


def _sign_off_complete(items: list[tuple[str, dict[str, Any]]]) -> ErrorList:
    """A sign-off names who, for which body and when; publication comes after a sign-off."""
    errors: ErrorList = []
    for path, item in items:
        signer, published = item.get("signed_off_by"), item.get("published_at")
        if published and not signer:
            errors.append(
                (f"{path}.signed_off_by", "a published version needs signed_off_by (who signed it)")
            )
        if signer:
            for name, needs in (
                ("on_behalf_of", "the slug of the body they sign for"),
                ("signed_off_at", "when they signed it"),
            ):
                if not item.get(name):
                    errors.append(
                        (f"{path}.{name}", f"a signed-off version needs {name} ({needs})")
                    )
        signed_at = item.get("signed_off_at")
        if signed_at and not signer:
            errors.append((f"{path}.signed_off_by", "signed_off_at needs signed_off_by"))
        if signed_at and published and published < signed_at:
            errors.append((f"{path}.published_at", "a version is published after it is signed off"))
    return errors


def _waived_sections_exist(items: list[tuple[str, dict[str, Any]]]) -> ErrorList:
    errors: ErrorList = []
    for path, item in items:
        count = len(item.get("sections") or []) or None
        for index, waiver in enumerate(item.get("waivers") or []):
            section = waiver.get("section")
            if section and count is not None and section > count:
                errors.append(
                    (f"{path}.waivers[{index}].section", f"this version has {count} sections")
                )
    return errors


def _board_papers_name_an_item(items: list[tuple[str, dict[str, Any]]]) -> ErrorList:
    return [
        (f"{path}.agenda_item", "a board paper needs an agenda_item (the meeting and item number)")
        for path, item in items
        if item.get("kind") == PublicationKind.BOARD_PAPER and not item.get("agenda_item")
    ]


PUBLICATION_SECTIONS = Section(
    "sections",
    "section",
    model=PublicationSection,
    fields=(
        Field("kind", "choice", default="written"),
        Field("heading", required=True),
        Field("body"),
        Field("starts_new_page", "boolean"),
    ),
)
WAIVERS = Section(
    "waivers",
    "lint waiver",
    model=LintWaiver,
    unique=(("code", "section"),),
    fields=(
        Field("code", "choice", required=True, what="a code (the check it waives)"),
        # The section's place in the version, counting from 1; none: the whole version.
        Field("section", "integer", attr=None, minimum=1),
        Field("reason", required=True, what="a reason (why the check is waived)"),
    ),
)
VERSIONS = Section(
    "versions",
    "version",
    model=PublicationVersion,
    unique=(("number",),),
    checks=(_versions_numbered_from_one, _sign_off_complete, _waived_sections_exist),
    fields=(
        Field("number", "integer", required=True, minimum=1),
        Field("as_of", "date", required=True, what="an as_of date (the date it speaks for)"),
        Field("reactions_document", "ref", ref="documents"),
        Field("sections", "items", attr=None, items=PUBLICATION_SECTIONS),
        Field("waivers", "items", attr=None, items=WAIVERS),
        # A draft built when the file is loaded (signed-off versions are always built).
        Field("built", "boolean", attr=None, default=False),
        Field("signed_off_by", "ref", attr=None, ref="people"),
        Field("on_behalf_of", "ref", attr=None, ref="bodies"),
        Field("signed_off_at", "datetime", attr=None),
        Field("published_at", "datetime", attr=None),
    ),
)
PUBLICATIONS = Section(
    "publications",
    "publication",
    model=Publication,
    key="slug",
    unique=(("slug",),),
    checks=(_board_papers_name_an_item,),
    fields=(
        Field("slug", "key", required=True),
        Field("kind", "choice", required=True),
        Field("title", required=True),
        Field("summary"),
        Field("is_consultation", "boolean"),
        # A meeting key and the item's number on that meeting's agenda.
        Field("agenda_item", "agenda_item", attr=None),
        Field("versions", "items", attr=None, required=True, items=VERSIONS),
    ),
)
DEMO_LOGINS = Section(
    "demo_logins",
    "demo login",
    unique=(("person",),),
    fields=(
        Field("person", "ref", required=True, ref="people"),
        Field("role", required=True, what="a role (a label such as Strategy lead)"),
        Field("staff", "boolean", default=False),
    ),
)

# In the order they are checked and written: a section only refers to those before it, except
# bodies, which may report to one another.
SECTIONS: tuple[Section, ...] = (
    AREAS,
    ORGANISATIONS,
    PEOPLE,
    STRATEGY,
    STAGES,
    MILESTONES,
    PRIORITIES,
    BODIES,
    MEETINGS,
    RELATIONSHIPS,
    SEGMENTS,
    ACTIVITIES,
    SOUNDING_BOARD,
    PROJECT_BRIEFS,
    INDICATORS,
    EVIDENCE_ITEMS,
    DOCUMENTS,
    VOTER_LISTS,
    STATEMENTS,
    DISCUSSIONS,
    INTERVENTIONS,
    PUBLICATIONS,
    DEMO_LOGINS,
)
REQUIRED_SECTIONS = ("strategy",)


def _demo_logins_have_email(document: dict[str, Any]) -> ErrorList:
    emails = {person.get("key"): person.get("email") for person in document["people"]}
    return [
        (f"demo_logins[{index}].person", f"{key} has no email address to sign in with")
        for index, login in enumerate(document["demo_logins"])
        if (key := login.get("person")) in emails and not emails[key]
    ]


def _sounding_board_body_is_one(document: dict[str, Any]) -> ErrorList:
    board = document["sounding_board"]
    if not board or not board.get("body"):
        return []
    kinds = {body.get("slug"): body.get("kind") for body in document["bodies"]}
    kind = kinds.get(board["body"])
    if kind and kind != "sounding_board":
        return [
            (
                "sounding_board.body",
                f"{_quote(board['body'])} is a body of kind {kind}; "
                "name one of kind sounding_board",
            )
        ]
    return []


def _votes_one_per_person(document: dict[str, Any]) -> ErrorList:
    """A statement's compact choices fit its voter list, and nobody votes on it twice."""
    voter_lists = {item.get("name"): item.get("people") or [] for item in document["voter_lists"]}
    errors: ErrorList = []
    for index, statement in enumerate(document["statements"]):
        path = f"statements[{index}]"
        voters, choices = statement.get("voters"), statement.get("choices")
        voted: dict[str, str] = {}
        if bool(voters) != bool(choices):
            missing = "choices" if voters else "voters"
            errors.append((f"{path}.{missing}", "give both voters and choices, or neither"))
        elif voters in voter_lists and choices:
            letters = choices.replace(" ", "")
            people = voter_lists[voters]
            wrong = [
                (at, letter) for at, letter in enumerate(letters, 1) if letter not in VOTE_LETTERS
            ]
            for at, letter in wrong:
                errors.append(
                    (
                        f"{path}.choices",
                        f"letter {at} is {_quote(letter)}; use a (agree), d (disagree), "
                        "p (pass) or . (no vote), with spaces to group them",
                    )
                )
            if len(letters) != len(people):
                errors.append(
                    (
                        f"{path}.choices",
                        f"{len(letters)} choices for the {len(people)} people of voter list "
                        f"{_quote(voters)}: give one letter per person",
                    )
                )
            elif not wrong:
                for at, (person, letter) in enumerate(zip(people, letters, strict=True), 1):
                    if VOTE_LETTERS[letter] is not None:
                        voted[person] = f"{path}.choices (letter {at})"
        for vote_index, vote in enumerate(statement.get("votes") or []):
            person = vote.get("person")
            if not person:
                continue
            if person in voted:
                errors.append(
                    (
                        f"{path}.votes[{vote_index}].person",
                        f"{_quote(person)} already votes on this statement, in {voted[person]}",
                    )
                )
            else:
                voted[person] = f"{path}.votes[{vote_index}]"
    return errors


def _positions_exist(document: dict[str, Any]) -> ErrorList:
    """Lines of enquiry and contributions named by position are there in the file."""
    lines = {
        priority.get("number"): {
            line.get("order") for line in priority.get("lines_of_enquiry") or []
        }
        for priority in document["priorities"]
    }
    contributions = {
        activity.get("key"): len(activity.get("contributions") or [])
        for activity in document["activities"]
    }
    errors: ErrorList = []
    for index, item in enumerate(document["evidence_items"]):
        for number, orders in (item.get("lines_of_enquiry") or {}).items():
            for at, order in enumerate(orders):
                if number in lines and order not in lines[number]:
                    errors.append(
                        (
                            f"evidence_items[{index}].lines_of_enquiry.{number}[{at}]",
                            f"priority {number} has no line of enquiry {order}",
                        )
                    )
    for index, item in enumerate(document["interventions"]):
        for key, numbers in (item.get("contributions") or {}).items():
            count = contributions.get(key, 0)
            for at, number in enumerate(numbers):
                if key in contributions and number > count:
                    errors.append(
                        (
                            f"interventions[{index}].contributions.{key}[{at}]",
                            f"activity {_quote(key)} has {count} contribution"
                            f"{'s' if count != 1 else ''}, so no number {number}",
                        )
                    )
    return errors


def _decisions_exist(document: dict[str, Any]) -> ErrorList:
    """A compelling decision names a meeting of the file and a decision it took."""
    decisions = {
        meeting.get("key"): sum(
            len(agenda.get("decisions") or []) for agenda in meeting.get("agenda") or []
        )
        for meeting in document["meetings"]
        if meeting.get("key")
    }
    errors: ErrorList = []
    for index, item in enumerate(document["interventions"]):
        named = item.get("compelling_decision")
        if not named or named["meeting"] not in decisions:
            continue
        count = decisions[named["meeting"]]
        if named["decision"] > count:
            errors.append(
                (
                    f"interventions[{index}].compelling_decision.decision",
                    f"meeting {_quote(named['meeting'])} takes {count} decision"
                    f"{'s' if count != 1 else ''}, so no decision {named['decision']}",
                )
            )
    return errors


def _publications_name_what_exists(document: dict[str, Any]) -> ErrorList:
    """A board paper's agenda item is on its meeting's agenda; a signer has an email address (for
    the account they sign with) and is a member of the body they sign for."""
    agendas = {
        meeting.get("key"): {item.get("number") for item in meeting.get("agenda") or []}
        for meeting in document["meetings"]
        if meeting.get("key")
    }
    emails = {person.get("key"): person.get("email") for person in document["people"]}
    members = {
        body.get("slug"): {member.get("person") for member in body.get("members") or []}
        for body in document["bodies"]
    }
    errors: ErrorList = []
    for index, publication in enumerate(document["publications"]):
        path = f"publications[{index}]"
        named = publication.get("agenda_item")
        if named and named["meeting"] in agendas and named["item"] not in agendas[named["meeting"]]:
            errors.append(
                (
                    f"{path}.agenda_item.item",
                    f"meeting {_quote(named['meeting'])} has no agenda item {named['item']}",
                )
            )
        for version_index, version in enumerate(publication.get("versions") or []):
            where = f"{path}.versions[{version_index}]"
            signer, body = version.get("signed_off_by"), version.get("on_behalf_of")
            if signer in emails and not emails[signer]:
                errors.append(
                    (f"{where}.signed_off_by", f"{signer} has no email address to sign in with")
                )
            if signer in emails and body in members and signer not in members[body]:
                errors.append(
                    (
                        f"{where}.signed_off_by",
                        f"{_quote(signer)} is not a member of {_quote(body)}, so cannot sign "
                        "on its behalf",
                    )
                )
    return errors


# Checks across sections, run on the cleaned document.
DOCUMENT_CHECKS: tuple[Callable[[dict[str, Any]], ErrorList], ...] = (
    _demo_logins_have_email,
    _sounding_board_body_is_one,
    _votes_one_per_person,
    _positions_exist,
    _decisions_exist,
    _publications_name_what_exists,
)
SECTION_BY_NAME = {section.name: section for section in SECTIONS}


# --- Reading YAML, keeping track of keys given twice --------------------------------------------


class _Mapping(dict[Any, Any]):
    """A YAML mapping that remembers keys given more than once (PyYAML keeps the last silently)."""

    duplicates: list[tuple[Any, int, int]]


class _Loader(yaml.SafeLoader):
    """Safe YAML loading that records duplicate keys instead of dropping them."""


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> _Mapping:
    loader.flatten_mapping(node)
    mapping = _Mapping()
    mapping.duplicates = []
    first_line: dict[Any, int] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)  # type: ignore[no-untyped-call]
        if not isinstance(key, str | int | bool | float | datetime.date | None):
            raise yaml.constructor.ConstructorError(
                None, None, "a mapping key must be a plain value", key_node.start_mark
            )
        line = key_node.start_mark.line + 1
        if key in first_line:
            mapping.duplicates.append((key, first_line[key], line))
        else:
            first_line[key] = line
        mapping[key] = loader.construct_object(value_node, deep=True)  # type: ignore[no-untyped-call]
    return mapping


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def scenario_read(*, path: Path) -> Any:
    """The parsed YAML of `path`; a syntax error becomes a ScenarioError with line and column."""
    source = path.name
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        message = f"cannot read the file: {error.strerror}"
        raise ScenarioError(source, [("(file)", message)]) from None
    except UnicodeDecodeError:
        raise ScenarioError(source, [("(file)", "the file is not UTF-8 text")]) from None
    try:
        return yaml.load(text, Loader=_Loader)  # a SafeLoader: builds plain data only
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "(file)"
        problem = error.problem or ""
        if error.context:
            context = error.context
            if error.context_mark and error.context_mark is not mark:
                start = error.context_mark
                context += f" (from line {start.line + 1}, column {start.column + 1})"
            problem = f"{context}, {problem}" if problem else context
        raise ScenarioError(source, [(where, f"this is not valid YAML: {problem}")]) from None
    except yaml.YAMLError as error:
        raise ScenarioError(source, [("(file)", f"this is not valid YAML: {error}")]) from None


# --- Checking -----------------------------------------------------------------------------------


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, datetime.datetime):
        return "a date and time"
    if isinstance(value, datetime.date):
        return f"the date {value}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f'"{value}"'


def _quote(value: Any) -> str:
    if isinstance(value, datetime.datetime):
        return _local(value)
    return json.dumps(value) if isinstance(value, str) else str(value)


def _model_field(section: Section, spec: Field) -> models.Field[Any, Any] | None:
    if section.model is None or not spec.model_attr:
        return None
    try:
        found = section.model._meta.get_field(spec.model_attr)
    except Exception:
        return None
    return found if isinstance(found, models.Field) else None


def _default(section: Section, spec: Field, position: int) -> Any:
    if spec.default is POSITION:
        return position + 1
    if spec.default is not None:
        return spec.default
    if spec.kind in ("refs", "items", "texts", "periods"):
        return []
    if spec.kind in ("ref", "date", "datetime", "level", "decimal", "decision", "agenda_item"):
        return None
    if spec.kind in ("filters", "positions", "series"):
        return {}
    model_field = _model_field(section, spec)
    if model_field is not None and model_field.has_default():
        return model_field.get_default()
    if spec.kind == "integer":
        return None
    return False if spec.kind == "boolean" else ""


# A power or interest level may be written as its number or its name.
LEVEL_NAMES = {level.name.lower(): int(level.value) for level in Level}
# The register's filters a segment may save, with the values each allows (AREA_KEYS: the key of
# an area in the file, written to the database as the area's id, the value the register's form
# sends; empty: any text).
AREA_KEYS: tuple[str, ...] = ("(an area key)",)
SEGMENT_FILTERS: dict[str, tuple[str, ...]] = {
    "q": (),
    "kind": tuple(OrganisationKind.values),
    "ownership": tuple(Ownership.values),
    "area": AREA_KEYS,
}
_KEY = re.compile(r"^[-a-zA-Z0-9_]+$")
# An indicator value as stored (IndicatorValue.value): 20 digits, 4 of them after the point.
DECIMAL_DIGITS = 20
DECIMAL_PLACES = 4
PERIOD_LENGTH = IndicatorValue._meta.get_field("period").max_length or 20
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})?$")


class _Checker:
    """Checks a whole document, collecting every error; returns the cleaned sections."""

    def __init__(self) -> None:
        self.errors: ErrorList = []
        self.keys: dict[str, set[Any]] = {}

    def error(self, path: str, message: str) -> None:
        self.errors.append((path, message))

    def check(self, document: Any) -> dict[str, Any]:
        if not isinstance(document, dict):
            self.error("(file)", f"expected a mapping of sections, found {_describe(document)}")
            return {}
        self._duplicates(document, "")
        version = document.get("format")
        if version is None:
            self.error("format", f"say which format the file is written in: format: {FORMAT}")
            return {}
        if version not in SUPPORTED_FORMATS:
            self.error(
                "format",
                f"unknown format {_quote(version)}: this version of Convenor reads "
                f"{', '.join(SUPPORTED_FORMATS)}",
            )
            return {}
        for name in document:
            if name not in TOP_LEVEL_SETTINGS and name not in SECTION_BY_NAME:
                self._unknown(name, str(name), "the file", [*TOP_LEVEL_SETTINGS, *SECTION_BY_NAME])
        as_of = document.get("as_of")
        if as_of is not None and scenario_as_of_parse(as_of) is None:
            self.error(
                "as_of",
                f'{_quote(as_of)} is not a date and time: write it like "2019-05-22T17:30"',
            )
        for name in REQUIRED_SECTIONS:
            if document.get(name) is None:
                self.error(name, f"the file needs a {name} section")
        self._collect_keys(document)
        cleaned: dict[str, Any] = {}
        for section in SECTIONS:
            raw = document.get(section.name)
            if raw is None:
                cleaned[section.name] = None if not section.many else []
                continue
            if not section.many:
                cleaned[section.name] = self._item(section, raw, section.name, 0)
            else:
                cleaned[section.name] = self._list(section, raw, section.name)
        for document_check in DOCUMENT_CHECKS:
            self.errors.extend(document_check(cleaned))
        return cleaned

    def _collect_keys(self, document: dict[str, Any]) -> None:
        """The keys each section's items are known by, so references can be checked in one pass."""
        for section in SECTIONS:
            raw = document.get(section.name)
            if not section.key or not isinstance(raw, list):
                continue
            self.keys[section.name] = {
                item.get(section.key)
                for item in raw
                if isinstance(item, dict) and isinstance(item.get(section.key), str | int)
            }

    def _duplicates(self, mapping: Any, path: str) -> None:
        for key, first, second in getattr(mapping, "duplicates", []):
            where = f"{path}.{key}" if path else str(key)
            self.error(where, f'"{key}" is given twice in one mapping (lines {first} and {second})')

    def _unknown(self, name: Any, path: str, owner: str, allowed: Iterable[str]) -> None:
        allowed = list(allowed)
        close = difflib.get_close_matches(str(name), allowed, n=1)
        hint = f' (did you mean "{close[0]}"?)' if close else ""
        self.error(
            path, f"unknown field {_quote(str(name))}{hint}; {owner} may have: {', '.join(allowed)}"
        )

    def _list(self, section: Section, raw: Any, path: str) -> list[dict[str, Any]]:
        if not isinstance(raw, list):
            self.error(path, f"expected a list of {section.name}, found {_describe(raw)}")
            return []
        items: list[tuple[str, dict[str, Any]]] = []
        cleaned: list[dict[str, Any]] = []
        for index, raw_item in enumerate(raw):
            item_path = f"{path}[{index}]"
            item = self._item(section, raw_item, item_path, index)
            if item is not None:
                items.append((item_path, item))
            # An empty placeholder keeps positions aligned with the file for later checks; the
            # item's own error is already reported, so nothing is written.
            cleaned.append(item if item is not None else {})
        self._unique(section, items)
        for check in section.checks:
            self.errors.extend(check(items))
        return cleaned

    def _unique(self, section: Section, items: list[tuple[str, dict[str, Any]]]) -> None:
        for names in section.unique:
            seen: dict[tuple[Any, ...], str] = {}
            for path, item in items:
                values = tuple(item.get(name) for name in names)
                if any(value in (None, "") for value in values):
                    continue
                if values in seen:
                    described = " and ".join(
                        f"{name} {_quote(value)}" for name, value in zip(names, values, strict=True)
                    )
                    self.error(
                        f"{path}.{names[0]}",
                        f"another {section.noun} ({seen[values]}) already has {described}",
                    )
                else:
                    seen[values] = path

    def _item(self, section: Section, raw: Any, path: str, position: int) -> dict[str, Any] | None:
        if section.shorthand and isinstance(raw, str):
            raw = {section.shorthand: raw}
        if not isinstance(raw, dict):
            self.error(path, f"expected {_a(section.noun)} (a mapping), found {_describe(raw)}")
            return None
        self._duplicates(raw, path)
        allowed = [spec.name for spec in section.fields]
        for name in raw:
            if name not in allowed:
                self._unknown(name, f"{path}.{name}", _a(section.noun), allowed)
        item: dict[str, Any] = {}
        for spec in section.fields:
            value = raw.get(spec.name)
            field_path = f"{path}.{spec.name}"
            if value is None or (isinstance(value, str) and not value.strip()):
                if spec.required:
                    self.error(field_path, f"{_a(section.noun)} needs {spec.needs}")
                item[spec.name] = _default(section, spec, position)
                continue
            item[spec.name] = self._value(section, spec, value, field_path)
        return item

    def _value(self, section: Section, spec: Field, value: Any, path: str) -> Any:
        kind = spec.kind
        if kind == "items":
            assert spec.items is not None
            return self._list(spec.items, value, path)
        if kind == "refs":
            if not isinstance(value, list):
                self.error(path, f"expected a list, found {_describe(value)}")
                return []
            refs = [self._ref(spec, each, f"{path}[{index}]") for index, each in enumerate(value)]
            for index, each in enumerate(refs):
                if each is not None and each in refs[:index]:
                    self.error(f"{path}[{index}]", f"{_quote(each)} is listed twice")
            return [each for each in refs if each is not None]
        if kind == "ref":
            return self._ref(spec, value, path)
        if kind == "boolean":
            if not isinstance(value, bool):
                self.error(path, f"expected true or false, found {_describe(value)}")
                return None
            return value
        if kind == "integer":
            if not isinstance(value, int) or isinstance(value, bool):
                self.error(path, f"expected a whole number, found {_describe(value)}")
                return None
            if spec.minimum is not None and value < spec.minimum:
                self.error(path, f"must be {spec.minimum} or more, not {value}")
                return None
            return value
        if kind == "texts":
            if not isinstance(value, list):
                self.error(path, f"expected a list of texts, found {_describe(value)}")
                return []
            texts = []
            for index, each in enumerate(value):
                if not isinstance(each, str) or not each.strip():
                    self.error(f"{path}[{index}]", f"expected text, found {_describe(each)}")
                else:
                    texts.append(each.strip())
            return texts
        if kind == "decimal":
            return self._decimal(value, path, spec.minimum)
        if kind == "positions":
            return self._positions(spec, value, path)
        if kind == "decision":
            return self._decision(value, path)
        if kind == "agenda_item":
            return self._agenda_item(value, path)
        if kind == "series":
            return self._series(value, path)
        if kind == "periods":
            return self._periods(value, path)
        if kind == "level":
            return self._level(value, path)
        if kind == "filters":
            return self._filters(value, path)
        if kind == "date":
            return self._date(value, path)
        if kind == "datetime":
            return self._datetime(value, path)
        if not isinstance(value, str):
            self.error(path, f"expected text, found {_describe(value)} (put it in quotes)")
            return None
        text = value.strip()
        model_field = _model_field(section, spec)
        max_length = getattr(model_field, "max_length", None)
        if max_length and len(text) > max_length:
            self.error(path, f"is {len(text)} characters long; at most {max_length} are allowed")
        if kind == "key" and not _KEY.match(text):
            self.error(path, f"{_quote(text)} may hold only letters, digits, - and _")
        elif kind == "choice":
            allowed = [str(choice) for choice, _ in getattr(model_field, "choices", None) or []]
            if text not in allowed:
                self.error(path, f"{_quote(text)} is not one of: {', '.join(allowed)}")
        elif kind == "email":
            text = text.lower()
            try:
                EmailValidator()(text)
            except ValidationError:
                self.error(path, f"{_quote(text)} is not an email address")
        elif kind == "url":
            try:
                URLValidator(schemes=["http", "https"])(text)
            except ValidationError:
                self.error(path, f"{_quote(text)} is not a web address (http:// or https://)")
        if spec.pattern and not re.match(spec.pattern[0], text):
            self.error(path, f"{_quote(text)} should be {spec.pattern[1]}")
        return text

    def _decimal(self, value: Any, path: str, minimum: int | None = None) -> Decimal | None:
        """A number, whole or decimal, kept exact (at most 4 decimal places, as stored)."""
        if isinstance(value, bool) or not isinstance(value, int | float | str | Decimal):
            self.error(path, f"expected a number, found {_describe(value)}")
            return None
        try:
            number = Decimal(str(value).strip())
        except InvalidOperation:
            self.error(path, f"expected a number, found {_describe(value)}")
            return None
        if not number.is_finite():
            self.error(path, f"expected a number, found {_describe(value)}")
            return None
        exponent = number.as_tuple().exponent
        if isinstance(exponent, int) and exponent < -DECIMAL_PLACES:
            self.error(path, f"{value} has more than {DECIMAL_PLACES} decimal places")
            return None
        if abs(number) >= Decimal(10) ** (DECIMAL_DIGITS - DECIMAL_PLACES):
            self.error(path, f"{value} is too large")
            return None
        if minimum is not None and number < minimum:
            self.error(path, f"must be {minimum} or more, not {value}")
            return None
        return number

    def _numbers(self, value: Any, path: str) -> list[int]:
        """A list of whole numbers from 1 (or one number standing for a list of it)."""
        values = value if isinstance(value, list) else [value]
        numbers: list[int] = []
        for index, each in enumerate(values):
            at = f"{path}[{index}]" if isinstance(value, list) else path
            if not isinstance(each, int) or isinstance(each, bool) or each < 1:
                self.error(at, f"expected a whole number from 1, found {_describe(each)}")
            elif each in numbers:
                self.error(at, f"{each} is listed twice")
            else:
                numbers.append(each)
        return numbers

    def _positions(self, spec: Field, value: Any, path: str) -> dict[Any, list[int]]:
        """Items of a nested list named by their parent's key and their number: {3: [1, 2]}."""
        if not isinstance(value, dict):
            self.error(path, f"expected a mapping, found {_describe(value)}")
            return {}
        self._duplicates(value, path)
        cleaned: dict[Any, list[int]] = {}
        for key, numbers in value.items():
            where = f"{path}.{key}"
            if self._ref(spec, key, where) is None:
                continue
            cleaned[key] = self._numbers(numbers, where)
        return cleaned

    def _decision(self, value: Any, path: str) -> dict[str, Any] | None:
        """A decision, named by its meeting's key and its number in that meeting."""
        return self._meeting_part(value, path, part="decision", what="a decision reference")

    def _agenda_item(self, value: Any, path: str) -> dict[str, Any] | None:
        """An agenda item, named by its meeting's key and its number on that meeting's agenda."""
        return self._meeting_part(value, path, part="item", what="an agenda item reference")

    def _meeting_part(
        self, value: Any, path: str, *, part: str, what: str
    ) -> dict[str, Any] | None:
        """Something of a meeting named as {meeting: KEY, <part>: N}: a decision, an item."""
        example = 1 if part == "decision" else 8
        if not isinstance(value, dict):
            self.error(
                path,
                f"expected a mapping like {{meeting: a-meeting-key, {part}: {example}}}, found "
                f"{_describe(value)}",
            )
            return None
        self._duplicates(value, path)
        for name in value:
            if name not in ("meeting", part):
                self._unknown(name, f"{path}.{name}", what, ("meeting", part))
        meeting, number = value.get("meeting"), value.get(part)
        if meeting is None:
            self.error(f"{path}.meeting", f"{what} needs a meeting (its key)")
        if number is None:
            self.error(f"{path}.{part}", f"{what} needs {_a(part)} (its number)")
        if meeting is None or number is None:
            return None
        meeting = self._ref(Field("meeting", "ref", ref="meetings"), meeting, f"{path}.meeting")
        numbers = self._numbers(number, f"{path}.{part}")
        if meeting is None or len(numbers) != 1 or isinstance(number, list):
            return None
        return {"meeting": meeting, part: numbers[0]}

    def _periods(self, value: Any, path: str) -> list[str]:
        """An indicator's periods: years (2017) or text (2017 Q1, 2016/17), kept as text."""
        if not isinstance(value, list):
            self.error(path, f"expected a list of periods, found {_describe(value)}")
            return []
        periods: list[str] = []
        for index, each in enumerate(value):
            text = str(each).strip() if isinstance(each, int | str) and each is not True else ""
            if isinstance(each, bool) or not text:
                self.error(f"{path}[{index}]", f"expected a period, found {_describe(each)}")
            elif len(text) > PERIOD_LENGTH:
                self.error(f"{path}[{index}]", f"at most {PERIOD_LENGTH} characters, like 2017 Q1")
            else:
                periods.append(text)
        return periods

    def _series(self, value: Any, path: str) -> dict[str, list[Decimal | None]]:
        """An indicator's values: area code -> one number (or null) per period."""
        if not isinstance(value, dict):
            self.error(
                path, f"expected a mapping of area codes to values, found {_describe(value)}"
            )
            return {}
        self._duplicates(value, path)
        cleaned: dict[str, list[Decimal | None]] = {}
        for code, series in value.items():
            where = f"{path}.{code}"
            if not isinstance(code, str) or not re.match(GSS_CODE, code):
                self.error(
                    where,
                    f"{_quote(code)} is not an area code: a letter and 8 digits, like E07000084",
                )
                continue
            if not isinstance(series, list):
                self.error(where, f"expected a list of values, found {_describe(series)}")
                continue
            cleaned[code] = [
                None if each is None else self._decimal(each, f"{where}[{index}]")
                for index, each in enumerate(series)
            ]
        return cleaned

    def _level(self, value: Any, path: str) -> int | None:
        """A power or interest level: 1 to 4, or its name (very_low, low, high, very_high)."""
        if isinstance(value, int) and not isinstance(value, bool) and value in Level.values:
            return value
        if isinstance(value, str):
            name = value.strip().lower().replace(" ", "_").replace("-", "_")
            if name in LEVEL_NAMES:
                return LEVEL_NAMES[name]
        self.error(
            path,
            f"{_quote(value)} is not a level: 1 to 4, or one of {', '.join(LEVEL_NAMES)}",
        )
        return None

    def _filters(self, value: Any, path: str) -> dict[str, str | list[str]]:
        """A segment's register filters: each parameter's value, or list of values, checked."""
        if not isinstance(value, dict):
            self.error(path, f"expected a mapping of filters, found {_describe(value)}")
            return {}
        self._duplicates(value, path)
        cleaned: dict[str, str | list[str]] = {}
        for name, given in value.items():
            where = f"{path}.{name}"
            if name not in SEGMENT_FILTERS:
                self._unknown(name, where, "a segment's filters", SEGMENT_FILTERS)
                continue
            values = given if isinstance(given, list) else [given]
            if not values or not all(isinstance(each, str) and each.strip() for each in values):
                self.error(where, f"expected text or a list of texts, found {_describe(given)}")
                continue
            texts = [each.strip() for each in values]
            allowed = SEGMENT_FILTERS[name]
            if allowed is AREA_KEYS:
                area_keys = {str(key) for key in self.keys.get("areas", set())}
                for index, text in enumerate(texts):
                    if text not in area_keys:
                        at = f"{where}[{index}]" if isinstance(given, list) else where
                        self.error(at, f"no area with key {_quote(text)} in this file")
            elif allowed:
                for index, text in enumerate(texts):
                    if text not in allowed:
                        at = f"{where}[{index}]" if isinstance(given, list) else where
                        self.error(at, f"{_quote(text)} is not one of: {', '.join(allowed)}")
            cleaned[name] = texts if isinstance(given, list) else texts[0]
        return cleaned

    def _date(self, value: Any, path: str) -> datetime.date | None:
        if isinstance(value, datetime.datetime):
            self.error(path, "expected a date (YYYY-MM-DD), found a date and time")
            return None
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            try:
                return datetime.date.fromisoformat(value.strip())
            except ValueError:
                pass
        self.error(path, f"expected a date (YYYY-MM-DD), found {_describe(value)}")
        return None

    def _datetime(self, value: Any, path: str) -> datetime.datetime | None:
        """An aware date-time: local London time as written, or at the UTC offset given."""
        expected = "expected a date and time (YYYY-MM-DD HH:MM, London time)"
        if isinstance(value, str) and _DATETIME.match(value.strip()):
            value = datetime.datetime.fromisoformat(value.strip())
        if not isinstance(value, datetime.datetime):
            self.error(path, f"{expected}, found {_describe(value)}")
            return None
        if value.tzinfo is not None:
            return value
        local = value.replace(tzinfo=LONDON)
        # Once a year a local hour never happens (clocks go forward) and once one happens twice.
        if local.astimezone(datetime.UTC).astimezone(LONDON).replace(tzinfo=None) != value:
            self.error(
                path,
                f"{value:%Y-%m-%d %H:%M} does not happen in London: the clocks go forward then",
            )
            return None
        if local.utcoffset() != value.replace(tzinfo=LONDON, fold=1).utcoffset():
            self.error(
                path,
                f"{value:%Y-%m-%d %H:%M} happens twice in London (the clocks go back then): "
                "add the UTC offset, +01:00 for the first or +00:00 for the second",
            )
            return None
        return local

    def _ref(self, spec: Field, value: Any, path: str) -> Any:
        target = SECTION_BY_NAME[spec.ref]
        key_field = target.field_named(target.key)
        assert key_field is not None
        wants_number = key_field.kind == "integer"
        if wants_number and (not isinstance(value, int) or isinstance(value, bool)):
            self.error(path, f"expected a {target.noun} {target.key}, found {_describe(value)}")
            return None
        if not wants_number and not isinstance(value, str):
            self.error(path, f"expected a {target.noun} {target.key}, found {_describe(value)}")
            return None
        if value not in self.keys.get(target.name, set()):
            self.error(path, f"no {target.noun} with {target.key} {_quote(value)} in this file")
            return None
        return value


# --- Writing ------------------------------------------------------------------------------------


@dataclass
class LoadReport:
    """What loading a scenario did: per kind of row, how many were created, updated, unchanged."""

    source: str
    strategy_slug: str
    counts: dict[str, Counter[str]] = field(default_factory=dict)

    def count(self, label: str, outcome: str) -> None:
        self.counts.setdefault(label, Counter())[outcome] += 1

    def total(self, outcome: str) -> int:
        return sum(counter[outcome] for counter in self.counts.values())

    @property
    def created(self) -> int:
        return self.total("created")

    @property
    def updated(self) -> int:
        return self.total("updated")

    @property
    def unchanged(self) -> int:
        return self.total("unchanged")

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated)

    def summary(self) -> str:
        """A short account for a person at a terminal."""
        head = f"Loaded {self.source} (strategy {self.strategy_slug})"
        if not self.changed:
            return f"{head}: nothing changed; all {self.unchanged} rows were already up to date."
        lines = [
            f"{head}: {self.created} created, {self.updated} updated, {self.unchanged} unchanged."
        ]
        width = max(20, *(len(label) for label in self.counts))
        for label, counter in self.counts.items():
            parts = [
                f"{counter[outcome]} {outcome}"
                for outcome in ("created", "updated", "unchanged")
                if counter[outcome]
            ]
            lines.append(f"  {label:<{width}} {', '.join(parts)}")
        return "\n".join(lines)


# When an invitation in a file says nothing of when it went out, or when its reply came.
INVITATIONS_SENT_BEFORE = datetime.timedelta(days=14)
REPLIED_AFTER = datetime.timedelta(days=3)


class _Abort(Exception):
    """The database refused a write: stop at once (the transaction is no longer usable)."""


class _Writer:
    """Upserts a checked document, row by row, collecting model validation errors by path."""

    def __init__(
        self, source: str, document: dict[str, Any], *, build_publications: bool = True
    ) -> None:
        self.source = source
        self.build_publications = build_publications
        self.document = document
        self.errors: ErrorList = []
        self.report = LoadReport(source=source, strategy_slug=document["strategy"]["slug"])
        # The primary key of every row written, by section and by the key the file knows it by.
        self.pks: dict[str, dict[Any, Any]] = {section.name: {} for section in SECTIONS}
        # The rows already in the database under a meeting, by natural key (see _meetings).
        self._agenda_rows: dict[tuple[Any, int], AgendaItem] = {}
        self._decision_rows: dict[tuple[Any, str], Decision] = {}
        self._declaration_rows: dict[tuple[Any, Any], Declaration] = {}
        self._statement_index: dict[Any, int] = {}
        # Rows the file names by position rather than by a key of their own.
        self.line_pks: dict[tuple[int, int], Any] = {}  # (priority number, order)
        self.contribution_pks: dict[tuple[str, int], Any] = {}  # (activity key, number)
        self.decision_pks: dict[tuple[str, int], Any] = {}  # (meeting key, number)
        self.agenda_item_pks: dict[tuple[str, int], Any] = {}  # (meeting key, item number)

    def write(self) -> None:
        self._keyed(AREAS, Area)
        self._keyed(ORGANISATIONS, Organisation)
        self._keyed(PEOPLE, Person)
        strategy = self._strategy()
        if strategy is None:
            return
        self._stages(strategy)
        self._milestones(strategy)
        self._priorities(strategy)
        self._bodies(strategy)
        self._meetings(strategy)
        self._relationships()
        self._segments()
        self._activities(strategy)
        self._sounding_board(strategy)
        self._project_briefs(strategy)
        self._indicators(strategy)
        self._evidence_items(strategy)
        self._documents(strategy)
        self._statements(strategy)
        self._discussions(strategy)
        self._interventions(strategy)
        # Themes, tags and opinion groups are derived, not loaded: computed now so the demo's
        # insight pages and engagement report have them without waiting for the worker.
        analysis_run(strategy=strategy)
        self._publications(strategy)
        if self.report.changed:
            # One event for the whole load: a bulk import is one act, and its rows say the rest.
            audit_event_record(
                actor=None,
                verb="scenario loaded",
                target=strategy,
                detail={
                    "source": self.source,
                    "counts": {label: dict(count) for label, count in self.report.counts.items()},
                },
            )

    # Each section: find the existing rows in one query, then upsert every item.

    def _keyed(
        self, section: Section, model: type[Area] | type[Organisation] | type[Person]
    ) -> None:
        items = self.document[section.name]
        existing: dict[str, models.Model] = {
            row.key: row
            for row in model._default_manager.filter(key__in=[item["key"] for item in items])
        }
        for index, item in enumerate(items):
            path = f"{section.name}[{index}]"
            self._save(section, path, existing.get(item["key"]), {"key": item["key"]}, item)

    def _strategy(self) -> Strategy | None:
        item = self.document["strategy"]
        area_pks = {self.pks["areas"].get(key) for key in item["areas"]}
        if None in area_pks:
            return None  # an area failed to save, and that error is reported
        strategy = self._save(
            STRATEGY,
            "strategy",
            Strategy.objects.filter(slug=item["slug"]).first(),
            {"slug": item["slug"]},
            item,
            many={"areas": area_pks},
        )
        return strategy if isinstance(strategy, Strategy) else None

    def _stages(self, strategy: Strategy) -> None:
        items = list(enumerate(self.document["stages"]))
        existing = {row.order: row for row in Stage.objects.filter(strategy=strategy)}
        # A stage stops being current before another becomes so: one current stage at a time.
        items.sort(key=lambda pair: pair[1]["status"] == "current")
        for index, item in items:
            self._save(
                STAGES,
                f"stages[{index}]",
                existing.get(item["order"]),
                {"strategy": strategy, "order": item["order"]},
                item,
            )

    def _milestones(self, strategy: Strategy) -> None:
        existing = {
            (row.date, row.title): row for row in Milestone.objects.filter(strategy=strategy)
        }
        for index, item in enumerate(self.document["milestones"]):
            self._save(
                MILESTONES,
                f"milestones[{index}]",
                existing.get((item["date"], item["title"])),
                {"strategy": strategy, "date": item["date"], "title": item["title"]},
                item,
            )

    def _priorities(self, strategy: Strategy) -> None:
        existing = {row.number: row for row in Priority.objects.filter(strategy=strategy)}
        lines = {
            (row.priority_id, row.order): row
            for row in LineOfEnquiry.objects.filter(priority__strategy=strategy)
        }
        for index, item in enumerate(self.document["priorities"]):
            path = f"priorities[{index}]"
            priority = self._save(
                PRIORITIES,
                path,
                existing.get(item["number"]),
                {"strategy": strategy, "number": item["number"]},
                item,
            )
            if priority is None:
                continue
            for line_index, line in enumerate(item["lines_of_enquiry"]):
                row = self._save(
                    LINES_OF_ENQUIRY,
                    f"{path}.lines_of_enquiry[{line_index}]",
                    lines.get((priority.pk, line["order"])),
                    {"priority": priority, "order": line["order"]},
                    line,
                )
                if row is not None:
                    self.line_pks[(item["number"], line["order"])] = row.pk

    def _bodies(self, strategy: Strategy) -> None:
        existing = {row.slug: row for row in Body.objects.filter(strategy=strategy)}
        indexed = list(enumerate(self.document["bodies"]))
        for index, item in _parents_first(indexed):
            self._save(
                BODIES,
                f"bodies[{index}]",
                existing.get(item["slug"]),
                {"strategy": strategy, "slug": item["slug"]},
                item,
            )
        steering = {
            (row.body_id, row.priority_id): row
            for row in BodyPriority.objects.filter(body__strategy=strategy)
        }
        links: list[tuple[str, Any, Any, bool]] = []
        for index, item in indexed:
            body_pk = self.pks["bodies"].get(item["slug"])
            for list_name in ("steers", "leads"):
                for number_index, number in enumerate(item[list_name]):
                    if list_name == "steers" and number in item["leads"]:
                        continue  # listed again under leads, which implies steering
                    path = f"bodies[{index}].{list_name}[{number_index}]"
                    priority_pk = self.pks["priorities"].get(number)
                    links.append((path, body_pk, priority_pk, list_name == "leads"))
        # A body stops leading a priority before another starts: one lead body at a time.
        links.sort(key=lambda link: link[3])
        for path, body_pk, priority_pk, leads in links:
            if body_pk is None or priority_pk is None:
                continue
            self._save_row(
                path,
                BodyPriority,
                steering.get((body_pk, priority_pk)),
                {"body_id": body_pk, "priority_id": priority_pk},
                {"leads": leads},
                {"leads": "leads"},
            )
        memberships = {
            (row.body_id, row.person_id, row.role): row
            for row in Membership.objects.filter(body__strategy=strategy)
        }
        for index, item in indexed:
            body_pk = self.pks["bodies"].get(item["slug"])
            if body_pk is None:
                continue
            for member_index, member in enumerate(item["members"]):
                person_pk = self.pks["people"].get(member["person"])
                if person_pk is None:
                    continue
                self._save(
                    MEMBERS,
                    f"bodies[{index}].members[{member_index}]",
                    memberships.get((body_pk, person_pk, member["role"])),
                    {"body_id": body_pk, "person_id": person_pk, "role": member["role"]},
                    member,
                )

    def _meetings(self, strategy: Strategy) -> None:
        existing = {
            (row.body_id, row.starts_at, row.title): row
            for row in Meeting.objects.filter(strategy=strategy)
        }
        self._agenda_rows = {
            (row.meeting_id, row.order): row
            for row in AgendaItem.objects.filter(meeting__strategy=strategy)
        }
        self._decision_rows = {
            (row.agenda_item_id, row.text): row
            for row in Decision.objects.filter(meeting__strategy=strategy)
        }
        self._declaration_rows = {
            (row.agenda_item_id, row.person_id): row
            for row in Declaration.objects.filter(agenda_item__meeting__strategy=strategy)
        }
        invitations = {
            (row.meeting_id, row.person_id): row
            for row in Invitation.objects.filter(meeting__strategy=strategy)
        }
        actions = {
            (row.meeting_id, row.description): row
            for row in Action.objects.filter(strategy=strategy, meeting__isnull=False)
        }
        for index, item in enumerate(self.document["meetings"]):
            path = f"meetings[{index}]"
            body_pk = self.pks["bodies"].get(item["body"])
            joint_pks = {self.pks["bodies"].get(slug) for slug in item["joint_bodies"]}
            if body_pk is None or None in joint_pks:
                continue  # a body failed to save, and that error is reported
            meeting = self._save(
                MEETINGS,
                path,
                existing.get((body_pk, item["starts_at"], item["title"])),
                {
                    "strategy": strategy,
                    "body_id": body_pk,
                    "starts_at": item["starts_at"],
                    "title": item["title"],
                },
                item,
                many={"joint_bodies": joint_pks},
            )
            if not isinstance(meeting, Meeting):
                continue
            agenda_pks = self._agenda(meeting, item["key"], path, item["agenda"])
            if item["key"]:
                self.agenda_item_pks.update(
                    {(item["key"], number): pk for number, pk in agenda_pks.items()}
                )
            for person_index, invitation in enumerate(item["invitations"]):
                person_pk = self.pks["people"].get(invitation["person"])
                if person_pk is None:
                    continue  # the person failed to save, and that error is reported
                self._save(
                    INVITATIONS,
                    f"{path}.invitations[{person_index}]",
                    invitations.get((meeting.pk, person_pk)),
                    {"meeting": meeting, "person_id": person_pk},
                    invitation,
                )
            for action_index, action in enumerate(item["actions"]):
                number = action["agenda_item"]
                if number is not None and number not in agenda_pks:
                    continue  # its agenda item failed to save, and that error is reported
                self._save(
                    ACTIONS,
                    f"{path}.actions[{action_index}]",
                    actions.get((meeting.pk, action["description"])),
                    {
                        "strategy": strategy,
                        "meeting": meeting,
                        "description": action["description"],
                    },
                    action,
                    extra={"agenda_item_id": agenda_pks.get(number)},
                )

    def _agenda(
        self, meeting: Meeting, meeting_key: str, path: str, agenda: list[dict[str, Any]]
    ) -> dict[int, Any]:
        """Upsert a meeting's agenda items, their decisions and declarations; pks by item number."""
        agenda_pks: dict[int, Any] = {}
        # Decisions are numbered through the whole meeting, in the order of the agenda.
        decision_order = 0
        for item_index, item in sorted(enumerate(agenda), key=lambda pair: pair[1]["number"]):
            item_path = f"{path}.agenda[{item_index}]"
            decision_order += len(item["decisions"])
            priority_pks = {self.pks["priorities"].get(number) for number in item["priorities"]}
            if None in priority_pks:
                continue  # a priority failed to save, and that error is reported
            row = self._save(
                AGENDA,
                item_path,
                self._agenda_rows.get((meeting.pk, item["number"])),
                {"meeting": meeting, "order": item["number"]},
                item,
                many={"priorities": priority_pks},
            )
            if row is None:
                continue
            agenda_pks[item["number"]] = row.pk
            first = decision_order - len(item["decisions"]) + 1
            for decision_index, decision in enumerate(item["decisions"]):
                saved = self._save(
                    DECISIONS,
                    f"{item_path}.decisions[{decision_index}]",
                    self._decision_rows.get((row.pk, decision["text"])),
                    {"meeting": meeting, "agenda_item": row, "text": decision["text"]},
                    decision,
                    extra={"order": first + decision_index},
                )
                if saved is not None and meeting_key:
                    self.decision_pks[(meeting_key, first + decision_index)] = saved.pk
            for declaration_index, declaration in enumerate(item["declarations"]):
                person_pk = self.pks["people"].get(declaration["person"])
                if person_pk is None:
                    continue  # the person failed to save, and that error is reported
                self._save(
                    DECLARATIONS,
                    f"{item_path}.declarations[{declaration_index}]",
                    self._declaration_rows.get((row.pk, person_pk)),
                    {"agenda_item": row, "person_id": person_pk},
                    declaration,
                )
        return agenda_pks

    def _relationships(self) -> None:
        items = self.document["relationships"]
        existing_by_org = {
            row.organisation_id: row
            for row in Relationship.objects.filter(
                organisation__key__in=[
                    item["organisation"] for item in items if item["organisation"]
                ]
            )
        }
        existing_by_person = {
            row.person_id: row
            for row in Relationship.objects.filter(
                person__key__in=[item["person"] for item in items if item["person"]]
            )
        }
        for index, item in enumerate(items):
            party = "organisation" if item["organisation"] else "person"
            section = "organisations" if party == "organisation" else "people"
            party_pk = self.pks[section].get(item[party])
            priority_pks = {self.pks["priorities"].get(number) for number in item["priorities"]}
            if party_pk is None or None in priority_pks:
                continue  # what it names failed to save, and that error is reported
            existing = existing_by_org if party == "organisation" else existing_by_person
            self._save(
                RELATIONSHIPS,
                f"relationships[{index}]",
                existing.get(party_pk),
                {f"{party}_id": party_pk},
                item,
                many={"priorities": priority_pks},
            )

    def _segments(self) -> None:
        items = self.document["segments"]
        names = [item["name"].casefold() for item in items]
        existing = {
            row.name.casefold(): row
            for row in Segment.objects.annotate(folded=Lower("name")).filter(folded__in=names)
        }
        for index, item in enumerate(items):
            # The register's form sends an area's id, so area keys are written as ids.
            filters = dict(item["filters"])
            if "area" in filters:
                area = filters["area"]
                keys = area if isinstance(area, list) else [area]
                ids = [str(self.pks["areas"].get(key)) for key in keys]
                filters["area"] = ids if isinstance(area, list) else ids[0]
            self._save(
                SEGMENTS,
                f"segments[{index}]",
                existing.get(item["name"].casefold()),
                {"name": item["name"]},
                {**item, "filters": filters},
            )

    def _activities(self, strategy: Strategy) -> None:
        existing = {row.key: row for row in Activity.objects.filter(strategy=strategy)}
        invitations = {
            (row.activity_id, row.person_id): row
            for row in ActivityInvitation.objects.filter(activity__strategy=strategy)
        }
        contributions = {
            (row.activity_id, row.text): row
            for row in Contribution.objects.filter(activity__strategy=strategy)
        }
        follow_ups = {
            (row.activity_id, row.text): row
            for row in FollowUp.objects.filter(activity__strategy=strategy)
        }
        for index, item in enumerate(self.document["activities"]):
            path = f"activities[{index}]"
            priority_pks = {self.pks["priorities"].get(number) for number in item["priorities"]}
            if None in priority_pks:
                continue  # a priority failed to save, and that error is reported
            activity = self._save(
                ACTIVITIES,
                path,
                existing.get(item["key"]),
                {"strategy": strategy, "key": item["key"]},
                item,
                many={"priorities": priority_pks},
            )
            if not isinstance(activity, Activity):
                continue
            starts_at = item["starts_at"]
            for person_index, invitation in enumerate(item["invitations"]):
                person_pk = self.pks["people"].get(invitation["person"])
                if person_pk is None:
                    continue  # the person failed to save, and that error is reported
                sent_at = invitation["sent_at"] or starts_at - INVITATIONS_SENT_BEFORE
                responded_at = invitation["responded_at"]
                if responded_at is None and invitation["response"] != Rsvp.PENDING:
                    responded_at = min(sent_at + REPLIED_AFTER, starts_at)
                self._save(
                    ACTIVITY_INVITATIONS,
                    f"{path}.invitations[{person_index}]",
                    invitations.get((activity.pk, person_pk)),
                    {"activity": activity, "person_id": person_pk},
                    {**invitation, "sent_at": sent_at, "responded_at": responded_at},
                )
            made_on = starts_at.astimezone(LONDON).date()
            for contribution_index, contribution in enumerate(item["contributions"]):
                contribution_pks = {
                    self.pks["priorities"].get(number) for number in contribution["priorities"]
                }
                if None in contribution_pks:
                    continue  # a priority failed to save, and that error is reported
                saved = self._save(
                    CONTRIBUTIONS,
                    f"{path}.contributions[{contribution_index}]",
                    contributions.get((activity.pk, contribution["text"])),
                    {"activity": activity, "text": contribution["text"]},
                    {**contribution, "made_on": contribution["made_on"] or made_on},
                    many={"priorities": contribution_pks},
                )
                if saved is not None:
                    self.contribution_pks[(item["key"], contribution_index + 1)] = saved.pk
            for follow_up_index, follow_up in enumerate(item["follow_ups"]):
                self._save(
                    FOLLOW_UPS,
                    f"{path}.follow_ups[{follow_up_index}]",
                    follow_ups.get((activity.pk, follow_up["text"])),
                    {"activity": activity, "text": follow_up["text"]},
                    follow_up,
                )

    def _sounding_board(self, strategy: Strategy) -> None:
        item = self.document["sounding_board"]
        if item is None or self.pks["bodies"].get(item["body"]) is None:
            return  # none in the file, or its body failed to save (and that is reported)
        board = self._save(
            SOUNDING_BOARD,
            "sounding_board",
            SoundingBoard.objects.filter(strategy=strategy).first(),
            {"strategy": strategy},
            item,
        )
        if not isinstance(board, SoundingBoard):
            return
        existing = {row.person_id: row for row in Participant.objects.filter(sounding_board=board)}
        for index, participant in enumerate(item["participants"]):
            person_pk = self.pks["people"].get(participant["person"])
            if person_pk is None:
                continue  # the person failed to save, and that error is reported
            self._save(
                PARTICIPANTS,
                f"sounding_board.participants[{index}]",
                existing.get(person_pk),
                {"sounding_board": board, "person_id": person_pk},
                participant,
            )

    def _project_briefs(self, strategy: Strategy) -> None:
        # Matched by key within the strategy, so a brief moved to another priority is updated.
        existing = {
            row.key: row for row in ProjectBrief.objects.filter(priority__strategy=strategy)
        }
        for index, item in enumerate(self.document["project_briefs"]):
            self._save(
                PROJECT_BRIEFS,
                f"project_briefs[{index}]",
                existing.get(item["key"]),
                {"key": item["key"]},
                item,
                extra={"questions": "\n".join(item["questions"])},
            )

    def _indicators(self, strategy: Strategy) -> None:
        existing = {row.key: row for row in Indicator.objects.filter(strategy=strategy)}
        values = {
            (row.indicator_id, row.area_code, row.period): row
            for row in IndicatorValue.objects.filter(indicator__strategy=strategy)
        }
        for index, item in enumerate(self.document["indicators"]):
            path = f"indicators[{index}]"
            indicator = self._save(
                INDICATORS,
                path,
                existing.get(item["key"]),
                {"strategy": strategy, "key": item["key"]},
                item,
            )
            if isinstance(indicator, Indicator):
                self._indicator_values(path, indicator, item, values)

    def _indicator_values(
        self,
        path: str,
        indicator: Indicator,
        item: dict[str, Any],
        existing: dict[tuple[Any, str, str], IndicatorValue],
    ) -> None:
        """Upsert an indicator's values in bulk, like votes: hundreds of rows of plain values.

        The checks have made sure of each area code, number and period, and the database's
        constraints stand behind them, so the values are written without full_clean().
        """
        label = str(IndicatorValue._meta.verbose_name_plural)
        creates: list[IndicatorValue] = []
        updates: list[IndicatorValue] = []
        for code, series in item["values"].items():
            for period, value in zip(item["periods"], series, strict=True):
                if value is None:
                    continue  # no figure for this area and period
                row = existing.get((indicator.pk, code, period))
                if row is None:
                    creates.append(
                        IndicatorValue(
                            indicator=indicator, area_code=code, period=period, value=value
                        )
                    )
                elif row.value != value:
                    row.value = value
                    updates.append(row)
                else:
                    self.report.count(label, "unchanged")
        try:
            IndicatorValue.objects.bulk_create(creates)
            IndicatorValue.objects.bulk_update(updates, ["value"])
        except DatabaseError as error:
            self.errors.append((f"{path}.values", f"the database refused its values: {error}"))
            raise _Abort from error
        for _ in creates:
            self.report.count(label, "created")
        for _ in updates:
            self.report.count(label, "updated")

    def _evidence_items(self, strategy: Strategy) -> None:
        existing = {row.key: row for row in EvidenceItem.objects.filter(strategy=strategy)}
        indexed: dict[Any, set[str]] = {}
        for item_id, term in EvidenceTerm.objects.filter(item__strategy=strategy).values_list(
            "item_id", "term"
        ):
            indexed.setdefault(item_id, set()).add(term)
        for index, item in enumerate(self.document["evidence_items"]):
            priority_pks = {self.pks["priorities"].get(number) for number in item["priorities"]}
            indicator_pks = {self.pks["indicators"].get(key) for key in item["indicators"]}
            line_pks = {
                self.line_pks.get((number, order))
                for number, orders in item["lines_of_enquiry"].items()
                for order in orders
            }
            if None in priority_pks | indicator_pks | line_pks:
                continue  # what it names failed to save, and that error is reported
            row = self._save(
                EVIDENCE_ITEMS,
                f"evidence_items[{index}]",
                existing.get(item["key"]),
                {"strategy": strategy, "key": item["key"]},
                item,
                many={
                    "priorities": priority_pks,
                    "lines_of_enquiry": line_pks,
                    "indicators": indicator_pks,
                },
                extra={"key_findings": "\n".join(item["key_findings"])},
            )
            # The search index (evidence.search) follows every write of an item's words; an
            # item whose words it already holds is left alone, so a reload changes nothing.
            if isinstance(row, EvidenceItem) and indexed.get(row.pk, set()) != set(
                search_words(" ".join([row.title, row.summary, row.key_findings]))
            ):
                evidence_terms_refresh(item=row)

    def _interventions(self, strategy: Strategy) -> None:
        # Matched by key within the strategy, so one moved to another priority is updated.
        existing = {
            row.key: row for row in Intervention.objects.filter(priority__strategy=strategy)
        }
        supports = {
            (row.intervention_id, row.organisation_id): row
            for row in Support.objects.filter(intervention__priority__strategy=strategy)
        }
        changes = {
            (row.intervention_id, row.at, row.to_stage): row
            for row in StageChange.objects.filter(intervention__priority__strategy=strategy)
        }
        for index, item in enumerate(self.document["interventions"]):
            path = f"interventions[{index}]"
            many = {
                "evidence_items": {self.pks["evidence_items"].get(key) for key in item["evidence"]},
                "activities": {self.pks["activities"].get(key) for key in item["activities"]},
                "contributions": {
                    self.contribution_pks.get((key, number))
                    for key, numbers in item["contributions"].items()
                    for number in numbers
                },
                "statements": {self.pks["statements"].get(key) for key in item["statements"]},
            }
            named = item["compelling_decision"]
            decision_pk = (
                self.decision_pks.get((named["meeting"], named["decision"])) if named else None
            )
            if any(None in pks for pks in many.values()) or (named and decision_pk is None):
                continue  # what it names failed to save, and that error is reported
            intervention = self._save(
                INTERVENTIONS,
                path,
                existing.get(item["key"]),
                {"key": item["key"]},
                item,
                many=many,
                extra={"compelling_decision_id": decision_pk},
            )
            if not isinstance(intervention, Intervention):
                continue
            for support_index, support in enumerate(item["supports"]):
                organisation_pk = self.pks["organisations"].get(support["organisation"])
                if organisation_pk is None:
                    continue  # the organisation failed to save, and that error is reported
                self._save(
                    SUPPORTS,
                    f"{path}.supports[{support_index}]",
                    supports.get((intervention.pk, organisation_pk)),
                    {"intervention": intervention, "organisation_id": organisation_pk},
                    support,
                )
            for change_index, change in enumerate(item["history"]):
                self._save(
                    HISTORY,
                    f"{path}.history[{change_index}]",
                    changes.get((intervention.pk, change["at"], change["to"])),
                    {"intervention": intervention, "at": change["at"], "to_stage": change["to"]},
                    change,
                )

    def _discussions(self, strategy: Strategy) -> None:
        existing = {row.key: row for row in Discussion.objects.filter(strategy=strategy)}
        posts = {
            (row.discussion_id, row.parent_id, row.author_id, row.text): row
            for row in Post.objects.filter(discussion__strategy=strategy)
        }
        for index, item in enumerate(self.document["discussions"]):
            path = f"discussions[{index}]"
            discussion = self._save(
                DISCUSSIONS,
                path,
                existing.get(item["key"]),
                {"strategy": strategy, "key": item["key"]},
                item,
            )
            if not isinstance(discussion, Discussion):
                continue
            for post_index, post in enumerate(item["posts"]):
                post_path = f"{path}.posts[{post_index}]"
                row = self._post(post_path, posts, discussion, None, post)
                if row is None:
                    continue
                for reply_index, reply in enumerate(post["replies"]):
                    self._post(f"{post_path}.replies[{reply_index}]", posts, discussion, row, reply)

    def _post(
        self,
        path: str,
        existing: dict[tuple[Any, Any, Any, str], Post],
        discussion: Discussion,
        parent: Post | None,
        item: dict[str, Any],
    ) -> Post | None:
        """Upsert one post or reply, matched by its discussion, parent, author and text."""
        author_pk = self.pks["people"].get(item["author"])
        if author_pk is None:
            return None  # the person failed to save, and that error is reported
        parent_pk = parent.pk if parent is not None else None
        row = self._save(
            POSTS if parent is None else POST_REPLIES,
            path,
            existing.get((discussion.pk, parent_pk, author_pk, item["text"])),
            {
                "discussion": discussion,
                "parent_id": parent_pk,
                "author_id": author_pk,
                "text": item["text"],
            },
            item,
        )
        return row if isinstance(row, Post) else None

    def _documents(self, strategy: Strategy) -> None:
        existing = {row.key: row for row in Document.objects.filter(strategy=strategy)}
        paragraphs = {
            (row.document_id, row.order): row
            for row in Paragraph.objects.filter(document__strategy=strategy)
        }
        versions = {
            (row.paragraph_id, row.number): row
            for row in ParagraphVersion.objects.filter(paragraph__document__strategy=strategy)
        }
        comments = {
            (row.version_id, row.parent_id, row.author_id, row.text): row
            for row in Comment.objects.filter(version__paragraph__document__strategy=strategy)
        }
        reactions = {
            (row.paragraph_id, row.person_id): row
            for row in Reaction.objects.filter(paragraph__document__strategy=strategy)
        }
        for index, item in enumerate(self.document["documents"]):
            path = f"documents[{index}]"
            priority_pks = {self.pks["priorities"].get(number) for number in item["priorities"]}
            if None in priority_pks:
                continue  # a priority failed to save, and that error is reported
            document = self._save(
                DOCUMENTS,
                path,
                existing.get(item["key"]),
                {"strategy": strategy, "key": item["key"]},
                item,
                many={"priorities": priority_pks},
            )
            if not isinstance(document, Document):
                continue
            # By paragraph number: its pk, and its versions' pks by version number.
            paragraph_pks: dict[int, Any] = {}
            version_pks: dict[int, dict[int, Any]] = {}
            for paragraph_index, paragraph in enumerate(item["paragraphs"]):
                number = paragraph_index + 1
                paragraph_path = f"{path}.paragraphs[{paragraph_index}]"
                row = self._save(
                    PARAGRAPHS,
                    paragraph_path,
                    paragraphs.get((document.pk, number)),
                    {"document": document, "order": number},
                    paragraph,
                )
                if row is None:
                    continue
                paragraph_pks[number] = row.pk
                version_pks[number] = {}
                revised = bool(paragraph["versions"])
                texts = paragraph["versions"] if revised else [paragraph["text"]]
                for version_index, text in enumerate(texts):
                    version = self._save_row(
                        f"{paragraph_path}.versions[{version_index}]"
                        if revised
                        else f"{paragraph_path}.text",
                        ParagraphVersion,
                        versions.get((row.pk, version_index + 1)),
                        {"paragraph": row, "number": version_index + 1},
                        {"text": text},
                        {"text": ""},
                    )
                    if version is not None:
                        version_pks[number][version_index + 1] = version.pk
            for comment_index, comment in enumerate(item["comments"]):
                comment_path = f"{path}.comments[{comment_index}]"
                number = comment["paragraph"]
                chosen = version_pks.get(number, {})
                version_pk = chosen.get(comment["version"] or len(chosen))
                if version_pk is None:
                    continue  # its paragraph failed to save, and that error is reported
                row = self._comment(comment_path, comments, version_pk, None, comment)
                if row is None:
                    continue
                for reply_index, reply in enumerate(comment["replies"]):
                    reply_version_pk = chosen.get(reply["version"]) if reply["version"] else None
                    self._comment(
                        f"{comment_path}.replies[{reply_index}]",
                        comments,
                        reply_version_pk or version_pk,
                        row.pk,
                        reply,
                    )
            for reaction_index, reaction in enumerate(item["reactions"]):
                paragraph_pk = paragraph_pks.get(reaction["paragraph"])
                person_pk = self.pks["people"].get(reaction["person"])
                if paragraph_pk is None or person_pk is None:
                    continue  # what it names failed to save, and that error is reported
                self._save(
                    REACTIONS,
                    f"{path}.reactions[{reaction_index}]",
                    reactions.get((paragraph_pk, person_pk)),
                    {"paragraph_id": paragraph_pk, "person_id": person_pk},
                    reaction,
                )

    def _comment(
        self,
        path: str,
        existing: dict[tuple[Any, Any, Any, str], Comment],
        version_pk: Any,
        parent_pk: Any,
        item: dict[str, Any],
    ) -> Comment | None:
        """Upsert one comment or reply, matched by its version, parent, author and text."""
        author_pk = self.pks["people"].get(item["author"])
        if author_pk is None:
            return None  # the person failed to save, and that error is reported
        section = COMMENTS if parent_pk is None else REPLIES
        row = self._save(
            section,
            path,
            existing.get((version_pk, parent_pk, author_pk, item["text"])),
            {
                "version_id": version_pk,
                "parent_id": parent_pk,
                "author_id": author_pk,
                "text": item["text"],
            },
            item,
        )
        return row if isinstance(row, Comment) else None

    def _statements(self, strategy: Strategy) -> None:
        existing = {row.key: row for row in Statement.objects.filter(strategy=strategy)}
        votes = {
            (row.statement_id, row.person_id): row
            for row in Vote.objects.filter(statement__strategy=strategy)
        }
        voter_lists = {item["name"]: item["people"] for item in self.document["voter_lists"]}
        for index, item in enumerate(self.document["statements"]):
            path = f"statements[{index}]"
            statement = self._save(
                STATEMENTS,
                path,
                existing.get(item["key"]),
                {"strategy": strategy, "key": item["key"]},
                item,
            )
            if not isinstance(statement, Statement):
                continue
            self._statement_index[statement.pk] = index
            wanted: list[tuple[str, str, str]] = []
            if item["voters"] and item["choices"]:
                people = voter_lists[item["voters"]]
                for person, choice in zip(people, compact_votes(item["choices"]), strict=True):
                    if choice is not None:
                        wanted.append((f"{path}.choices", person, choice))
            for vote_index, vote in enumerate(item["votes"]):
                wanted.append((f"{path}.votes[{vote_index}]", vote["person"], vote["choice"]))
            self._votes(statement, wanted, votes)

    def _votes(
        self,
        statement: Statement,
        wanted: list[tuple[str, str, str]],
        existing: dict[tuple[Any, Any], Vote],
    ) -> None:
        """Upsert a statement's votes in bulk: a demo has thousands, and each is two plain values.

        The checks have already made sure each choice is allowed and each person votes once; the
        database's own constraints stand behind them. So, unlike other rows, votes are written
        without full_clean(), in one insert and one update per statement.
        """
        label = str(Vote._meta.verbose_name_plural)
        creates: list[Vote] = []
        updates: list[Vote] = []
        for _path, person, choice in wanted:
            person_pk = self.pks["people"].get(person)
            if person_pk is None:
                continue  # the person failed to save, and that error is reported
            row = existing.get((statement.pk, person_pk))
            if row is None:
                creates.append(Vote(statement=statement, person_id=person_pk, choice=choice))
            elif row.choice != choice:
                row.choice = choice
                updates.append(row)
            else:
                self.report.count(label, "unchanged")
        try:
            Vote.objects.bulk_create(creates)
            Vote.objects.bulk_update(updates, ["choice"])
        except DatabaseError as error:
            where = f"statements[{self._statement_index[statement.pk]}]"
            self.errors.append((where, f"the database refused its votes: {error}"))
            raise _Abort from error
        for _ in creates:
            self.report.count(label, "created")
        for _ in updates:
            self.report.count(label, "updated")

    # Publications come last: they name documents, bodies, people and agenda items, and a
    # signed-off version is built from everything else in the file.

    def _publications(self, strategy: Strategy) -> None:
        existing = {row.slug: row for row in Publication.objects.filter(strategy=strategy)}
        versions = {
            (row.publication_id, row.number): row
            for row in PublicationVersion.objects.filter(publication__strategy=strategy)
        }
        for index, item in enumerate(self.document["publications"]):
            path = f"publications[{index}]"
            named = item["agenda_item"]
            agenda_pk = (
                self.agenda_item_pks.get((named["meeting"], named["item"])) if named else None
            )
            if named and agenda_pk is None:
                continue  # its meeting failed to save, and that error is reported
            publication = self._save(
                PUBLICATIONS,
                path,
                existing.get(item["slug"]),
                {"strategy": strategy, "slug": item["slug"]},
                item,
                extra={"agenda_item_id": agenda_pk},
            )
            if not isinstance(publication, Publication):
                continue
            for version_index, version_item in sorted(
                enumerate(item["versions"]), key=lambda pair: pair[1]["number"]
            ):
                self._publication_version(
                    strategy,
                    publication,
                    versions.get((publication.pk, version_item["number"])),
                    f"{path}.versions[{version_index}]",
                    version_item,
                )

    def _publication_version(
        self,
        strategy: Strategy,
        publication: Publication,
        existing: PublicationVersion | None,
        path: str,
        item: dict[str, Any],
    ) -> None:
        """Upsert one version, its sections and waivers; build, sign off and publish it as the
        file says. A version already signed off in the database is left exactly as it is."""
        if existing is not None and existing.is_fixed:
            self.report.count(str(PublicationVersion._meta.verbose_name_plural), "unchanged")
            return
        version = self._save(
            VERSIONS,
            path,
            existing,
            {"publication": publication, "number": item["number"]},
            item,
        )
        if not isinstance(version, PublicationVersion):
            return
        sections = self._publication_sections(strategy, publication, version, item)
        self._publication_waivers(version, sections, path, item)
        signs = bool(item["signed_off_by"])
        if not self.build_publications or not (signs or item["built"]):
            return
        if version.build_status != BuildStatus.BUILT:
            version = publishing_services.version_build(version=version)
            if version.build_status != BuildStatus.BUILT:
                self.errors.append((path, version.build_step or "the build failed"))
                return
            self.report.count("publication builds", "created")
        if signs:
            self._sign_off(version, path, item)

    def _publication_sections(
        self,
        strategy: Strategy,
        publication: Publication,
        version: PublicationVersion,
        item: dict[str, Any],
    ) -> list[PublicationSection]:
        """The version's sections as the file gives them (or the kind's outline), replaced
        together when any of them differs."""
        if item["sections"]:
            wanted = [
                (each["kind"], each["heading"], each["body"], each["starts_new_page"])
                for each in item["sections"]
            ]
        else:
            wanted = [
                (
                    outline.kind.value,
                    outline.heading,
                    outline_text(section=outline, strategy=strategy),
                    outline.starts_new_page,
                )
                for outline in outline_for(kind=publication.kind)
            ]
        current = list(version.sections.order_by("position", "id"))
        label = str(PublicationSection._meta.verbose_name_plural)
        if [(s.kind, s.heading, s.body, s.starts_new_page) for s in current] == wanted:
            for _ in current:
                self.report.count(label, "unchanged")
            return current
        version.sections.all().delete()
        rows = [
            PublicationSection(
                version=version,
                position=position,
                kind=kind,
                heading=heading,
                body=body,
                starts_new_page=starts_new_page,
            )
            for position, (kind, heading, body, starts_new_page) in enumerate(wanted, start=1)
        ]
        for row in rows:
            row.full_clean(exclude=["version"])
        rows = PublicationSection.objects.bulk_create(rows)
        for _ in rows:
            self.report.count(label, "created" if not current else "updated")
        # The last build no longer shows these sections.
        if version.build_status != BuildStatus.NOT_BUILT:
            version.build_status = BuildStatus.NOT_BUILT
            version.save(update_fields=["build_status", "updated_at"])
        return rows

    def _publication_waivers(
        self,
        version: PublicationVersion,
        sections: list[PublicationSection],
        path: str,
        item: dict[str, Any],
    ) -> None:
        positions = {section.pk: position for position, section in enumerate(sections, start=1)}
        current = {
            (waiver.code, positions.get(waiver.section_id) if waiver.section_id else None): waiver
            for waiver in version.waivers.all()
        }
        label = str(LintWaiver._meta.verbose_name_plural)
        wanted = {(waiver["code"], waiver["section"]): waiver for waiver in item["waivers"]}
        for key, waiver in current.items():
            if key not in wanted or wanted[key]["reason"] != waiver.reason:
                waiver.delete()
        for index, (key, waiver_item) in enumerate(wanted.items()):
            if key in current and current[key].reason == waiver_item["reason"]:
                self.report.count(label, "unchanged")
                continue
            section = sections[key[1] - 1] if key[1] else None
            try:
                publishing_services.lint_waive(
                    actor=None,
                    version=version,
                    code=key[0],
                    reason=waiver_item["reason"],
                    section=section,
                )
            except ValidationError as error:
                self._model_errors(f"{path}.waivers[{index}]", error, {})
                continue
            self.report.count(label, "created" if key not in current else "updated")

    def _sign_off(self, version: PublicationVersion, path: str, item: dict[str, Any]) -> None:
        """Ask the named person to sign the built version off, sign it off as them, publish it if
        the file says so, then date each step as the file does."""
        signer = self._signer_account(self.pks["people"][item["signed_off_by"]])
        body = Body.objects.get(pk=self.pks["bodies"][item["on_behalf_of"]])
        signed_at, published_at = item["signed_off_at"], item["published_at"]
        try:
            version = publishing_services.version_review_request(
                actor=None, version=version, signer=signer, signer_body=body
            )
            version = publishing_services.version_sign_off(actor=signer, version=version)
            if published_at:
                version = publishing_services.version_publish(actor=None, version=version)
        except ValidationError as error:
            problems = [str(f) for f in publishing_services.findings_blocking(version=version)]
            for message in error.messages:
                self.errors.append((path, " ".join([message, *problems])))
            return
        # The services stamp the time of loading; the file says when each step happened.
        PublicationVersion.objects.filter(pk=version.pk).update(
            built_at=signed_at,
            review_requested_at=signed_at,
            signed_off_at=signed_at,
            published_at=published_at,
        )
        if published_at:
            version.publication.versions.filter(
                number__lt=version.number, superseded_at__isnull=False
            ).update(superseded_at=published_at)
        self.report.count("sign-offs", "created")

    def _signer_account(self, person_pk: Any) -> User:
        """The account a signer signs with: theirs if they have one, else one made for them.

        It has no password: `convenor demo` gives demo logins theirs afterwards (scenarios.demo
        finds the account through the person), and anyone else sets one by resetting it.
        """
        person = Person.objects.select_related("user").get(pk=person_pk)
        if person.user is not None:
            return person.user
        user = User.objects.filter(email__iexact=person.email).first()
        if user is None:
            user = User(email=person.email.lower(), name=person.name)
            user.set_unusable_password()
            record_save(instance=user, actor=None)
            self.report.count(str(User._meta.verbose_name_plural), "created")
        person.user = user
        record_save(instance=person, actor=None, changed=["user"])
        return user

    # Saving one row.

    def _save(
        self,
        section: Section,
        path: str,
        instance: models.Model | None,
        lookup: dict[str, Any],
        item: dict[str, Any],
        many: dict[str, set[Any]] | None = None,
        extra: dict[str, Any] | None = None,
    ) -> Any:
        """Upsert one item of `section`: the natural key in `lookup`, other fields from `item`.

        `extra` holds model values the writer works out rather than reads (a decision's place in
        the meeting, the agenda item an action names by number).
        """
        values: dict[str, Any] = dict(extra or {})
        file_names: dict[str, str] = {name: name for name in many or {}}
        for spec in section.fields:
            attr = spec.model_attr
            if not attr or spec.kind in ("refs", "items"):
                continue
            file_names[attr] = spec.name
            if attr in lookup or f"{attr}_id" in lookup:
                continue
            value = item[spec.name]
            if spec.kind == "ref":
                attr = f"{attr}_id"  # compare keys, not objects, so unchanged rows cost no query
                if value is not None:
                    value = self.pks[spec.ref].get(value)
                    if value is None:
                        return None  # what it refers to failed to save, and that is reported
            values[attr] = value
        row = self._save_row(path, section.model, instance, lookup, values, file_names, many)
        if row is not None and section.key:
            self.pks[section.name][item[section.key]] = row.pk
        return row

    def _save_row(
        self,
        path: str,
        model: type[models.Model] | None,
        instance: models.Model | None,
        lookup: dict[str, Any],
        values: dict[str, Any],
        file_names: dict[str, str],
        many: dict[str, set[Any]] | None = None,
    ) -> models.Model | None:
        """Create or update one row (validated with full_clean), audited, counted in the report."""
        assert model is not None
        many = many or {}
        # A file may date a row it creates (a comment's created_at); no date: when it is loaded.
        if "created_at" in values and values["created_at"] is None:
            values = {name: value for name, value in values.items() if name != "created_at"}
        label = str(model._meta.verbose_name_plural)
        creating = instance is None
        if instance is None:
            instance = model(**lookup, **values)
            changed = sorted(values)
            many_changed = [name for name, pks in many.items() if pks]
        else:
            changed = [name for name, value in values.items() if getattr(instance, name) != value]
            many_changed = [
                name
                for name, pks in many.items()
                if set(getattr(instance, name).values_list("pk", flat=True)) != pks
            ]
            if not changed and not many_changed:
                self.report.count(label, "unchanged")
                return instance
            for name in changed:
                setattr(instance, name, values[name])
        try:
            instance.full_clean()
        except ValidationError as error:
            self._model_errors(path, error, file_names)
            return None
        try:
            if changed or creating:
                instance.save()
            if creating and "created_at" in values:
                # auto_now_add sets the moment of saving on insert; put back the file's date.
                model._default_manager.filter(pk=instance.pk).update(
                    created_at=values["created_at"]
                )
                instance.created_at = values["created_at"]  # type: ignore[attr-defined]
            for name in many_changed:
                getattr(instance, name).set(many[name])
        except DatabaseError as error:
            self.errors.append((path, f"the database refused this row: {error}"))
            raise _Abort from error
        self.report.count(label, "created" if creating else "updated")
        return instance

    def _model_errors(self, path: str, error: ValidationError, file_names: dict[str, str]) -> None:
        for attr, messages in error.message_dict.items():
            name = file_names.get(attr) if attr != NON_FIELD_ERRORS else None
            for message in messages:
                self.errors.append((f"{path}.{name}" if name else path, message))


def _parents_first(
    indexed: list[tuple[int, dict[str, Any]]],
) -> Iterator[tuple[int, dict[str, Any]]]:
    """Bodies in an order where each comes after the body it reports to (loops are errors)."""
    done: set[str] = set()
    waiting = list(indexed)
    while waiting:
        ready = [
            pair for pair in waiting if not pair[1]["reports_to"] or pair[1]["reports_to"] in done
        ]
        if not ready:  # unreachable after checking, but never loop forever
            ready = waiting[:1]
        for pair in ready:
            done.add(pair[1]["slug"])
            yield pair
        waiting = [pair for pair in waiting if pair not in ready]


# --- Entry points -------------------------------------------------------------------------------


def scenario_check(*, data: Any, source: str) -> dict[str, Any]:
    """The cleaned document if `data` is a valid scenario; otherwise a ScenarioError listing all."""
    checker = _Checker()
    document = checker.check(data)
    if checker.errors:
        raise ScenarioError(source, checker.errors)
    return document


def scenario_load_data(
    *, data: dict[str, Any], source: str, build_publications: bool = True
) -> LoadReport:
    """Check the whole of `data`, then write it in one transaction, or write nothing at all.

    Publications' signed-off versions are built (HTML, PDF, DOCX), signed off and published as
    the file says, which takes a second or so each. With `build_publications=False` nothing is
    built: those versions are loaded as unbuilt drafts (for tests that need the rest quickly).
    """
    document = scenario_check(data=data, source=source)
    writer = _Writer(source, document, build_publications=build_publications)
    try:
        with transaction.atomic():
            with contextlib.suppress(_Abort):  # its error is in writer.errors
                writer.write()
            if writer.errors:
                raise ScenarioError(source, writer.errors)
    except DatabaseError as error:  # a failure outside any one row, reported rather than raised
        raise ScenarioError(source, [*writer.errors, ("(file)", str(error))]) from error
    return writer.report


def scenario_load(*, path: Path, build_publications: bool = True) -> LoadReport:
    """Load the scenario file at `path` (see docs/scenario-format.md); `build_publications`: as
    for `scenario_load_data`."""
    data = scenario_read(path=path)
    return scenario_load_data(data=data, source=path.name, build_publications=build_publications)
