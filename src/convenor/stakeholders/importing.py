"""Import of organisations and people from CSV, XLSX and LinkedIn's connections export.

An import runs in three steps: the uploaded file is kept as a pending import (a file under
MEDIA_ROOT/imports/, owned by the person who uploaded it); `import_plan` reads and validates
every row against the register and says what would be created, merged or skipped, naming the
line, column and problem of each bad row; `import_write` writes what the person confirmed in one
transaction. Both steps make a fixed number of queries whatever the file's size, so the preview
page and the benchmark in bench/ use the same code.
"""

from __future__ import annotations

import csv
import datetime
import functools
import io
import json
import re
import secrets
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import openpyxl
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import IntegrityError, models, transaction
from django.utils import translation
from django.utils.text import slugify

from convenor.core.models import AuditEvent
from convenor.stakeholders.choices import (
    ConsentChannel,
    LawfulBasis,
    OrganisationKind,
    Ownership,
    SizeBand,
)
from convenor.stakeholders.models import Area, Organisation, Person

ImportKind = Literal["organisations", "people"]
Decision = Literal["merge", "skip"]
IMPORT_KINDS: tuple[ImportKind, ...] = ("organisations", "people")
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
WRITE_BATCH = 1000
# LinkedIn writes a few "Notes:" lines above its heading row; any file may have a title or two.
HEADER_SEARCH_ROWS = 20
IMPORT_ID = re.compile(r"^[A-Za-z0-9_-]{22,64}$")

# The columns each kind of import understands, by their names normalised (`_heading_key`);
# LinkedIn's connections export uses First Name, Last Name, URL, Email Address, Company,
# Position and Connected On.
ORGANISATION_COLUMNS: dict[str, str] = {
    "name": "name",
    "organisation": "name",
    "organisation name": "name",
    "organization": "name",
    "organization name": "name",
    "company": "name",
    "type": "kind",
    "organisation type": "kind",
    "kind": "kind",
    "sector": "sector",
    "size": "size_band",
    "size band": "size_band",
    "ownership": "ownership",
    "public private or third sector": "ownership",
    "area": "area",
    "website": "website",
    "web site": "website",
    "linkedin": "linkedin_url",
    "linkedin page": "linkedin_url",
    "linkedin url": "linkedin_url",
}
PERSON_COLUMNS: dict[str, str] = {
    "name": "name",
    "full name": "name",
    "first name": "first_name",
    "last name": "last_name",
    "email": "email",
    "email address": "email",
    "e mail": "email",
    "organisation": "organisation",
    "organization": "organisation",
    "company": "organisation",
    "job title": "job_title",
    "position": "job_title",
    "linkedin": "linkedin_url",
    "linkedin profile": "linkedin_url",
    "linkedin url": "linkedin_url",
    "url": "linkedin_url",
    "lawful basis": "lawful_basis",
    "consent date": "consent_date",
    "consent given on": "consent_date",
    "consent channel": "consent_channel",
    "consent given by": "consent_channel",
    "consent wording": "consent_wording_version",
    "consent wording version": "consent_wording_version",
    "wording consented to": "consent_wording_version",
    "opted out": "opted_out",
    # Recognised so that LinkedIn's file imports as it is, but not kept: it is not register data.
    "connected on": "",
}
COLUMNS: dict[str, dict[str, str]] = {
    "organisations": ORGANISATION_COLUMNS,
    "people": PERSON_COLUMNS,
}
# The heading named in a problem about a field the file has no column for.
FIELD_LABELS = {
    "name": "Name",
    "kind": "Type",
    "sector": "Sector",
    "size_band": "Size",
    "ownership": "Public, private or third sector",
    "area": "Area",
    "website": "Website",
    "linkedin_url": "LinkedIn",
    "email": "Email",
    "organisation": "Organisation",
    "job_title": "Job title",
    "lawful_basis": "Lawful basis",
    "consent_date": "Consent date",
    "consent_channel": "Consent channel",
    "consent_wording_version": "Consent wording",
    "opted_out": "Opted out",
}
# Where the type settles the sector of the economy, the file need not say it.
OWNERSHIP_BY_KIND = {
    OrganisationKind.COUNCIL: Ownership.PUBLIC,
    OrganisationKind.GOVERNMENT: Ownership.PUBLIC,
    OrganisationKind.AGENCY: Ownership.PUBLIC,
    OrganisationKind.BUSINESS: Ownership.PRIVATE,
    OrganisationKind.VOLUNTARY: Ownership.THIRD,
}
# An organisation created because a person's file names it is taken to be a business: the
# preview says so, and staff can change it afterwards.
NEW_ORGANISATION_KIND = OrganisationKind.BUSINESS
NEW_ORGANISATION_OWNERSHIP = Ownership.PRIVATE
# Fields a merge may fill when the register's row has them empty; others are never changed.
MERGE_FIELDS = {
    "organisations": ("sector", "size_band", "area", "website", "linkedin_url"),
    "people": ("organisation", "job_title", "linkedin_url"),
}
# Fields whose differing value is reported on a merge (the register's value is kept).
COMPARED_FIELDS = {
    "organisations": ("name", "kind", "ownership"),
    "people": ("name", "lawful_basis", "consent_date"),
}
YES = {"yes", "y", "true", "1"}
NO = {"no", "n", "false", "0", ""}
DATE_FORMATS = ("%Y-%m-%d", "%d/%m/%Y", "%d %b %Y", "%d %B %Y", "%d-%b-%y", "%d-%b-%Y")
COMPANY_SUFFIXES = ("ltd", "limited", "plc")


class ImportFileError(Exception):
    """The file cannot be read as a table at all (not a CSV or XLSX, or no heading row)."""


# Reading the file


@dataclass(frozen=True)
class SourceRow:
    """One row of the file: the line (or spreadsheet row) it starts on and its cells by heading."""

    line: int
    cells: dict[str, str]


@dataclass
class SourceTable:
    """What the file holds: its headings and its non-blank rows."""

    headings: list[str]
    rows: list[SourceRow]
    blank_rows: int = 0


def _heading_key(heading: str) -> str:
    """A heading compared loosely: "E-mail  Address" and "email address" are the same column."""
    return " ".join(re.sub(r"[^0-9a-z]+", " ", heading.casefold()).split())


def _cell_text(value: Any) -> str:
    """A spreadsheet cell as the text a person would have typed into it."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _csv_records(content: bytes) -> Iterator[tuple[int, list[str]]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        # Excel on Windows saves CSV in its own code page; every byte decodes in cp1252 but five.
        try:
            text = content.decode("cp1252")
        except UnicodeDecodeError as error:
            raise ImportFileError("The file is not text: save it as CSV (UTF-8)") from error
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    try:
        for record in reader:
            yield start, record
            start = reader.line_num + 1
    except csv.Error as error:
        raise ImportFileError(f"Line {start} cannot be read as CSV: {error}") from error


def _xlsx_records(content: bytes) -> Iterator[tuple[int, list[str]]]:
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds for a file that is not a workbook
        raise ImportFileError("The file is not an Excel workbook (.xlsx)") from error
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            yield number, [_cell_text(value) for value in values]
    finally:
        workbook.close()


def table_read(*, content: bytes, filename: str, kind: ImportKind) -> SourceTable:
    """The file's heading row and rows; the heading row is the first naming a known column."""
    is_xlsx = filename.lower().endswith(".xlsx") or content[:2] == b"PK"
    records = _xlsx_records(content) if is_xlsx else _csv_records(content)
    known = COLUMNS[kind]
    headings: list[str] | None = None
    table = SourceTable(headings=[], rows=[])
    for line, record in records:
        if headings is None:
            if any(_heading_key(cell) in known for cell in record):
                headings = [cell.strip() for cell in record]
                table.headings = headings
            elif line >= HEADER_SEARCH_ROWS:
                break
            continue
        if not any(cell.strip() for cell in record):
            table.blank_rows += 1
            continue
        cells = dict.fromkeys(headings, "")
        cells.update(zip(headings, record, strict=False))
        table.rows.append(SourceRow(line=line, cells=cells))
    if headings is None:
        examples = "Name, Type" if kind == "organisations" else "Name, Email, Organisation"
        raise ImportFileError(
            f"No heading row found: the first row should name the columns, such as {examples}"
        )
    return table


# Comparing names


def organisation_name_key(name: str) -> str:
    """A name as duplicates are found: case, punctuation, spacing and Ltd/Limited/plc ignored."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    kept = "".join(" " if unicodedata.category(char)[0] in "PSZC" else char for char in folded)
    words = kept.split()
    while len(words) > 1 and words[-1] in COMPANY_SUFFIXES:
        words.pop()
    # A name of punctuation alone is compared as written, so such names are not all one.
    return " ".join(words) or folded


# Validating rows


@dataclass(frozen=True)
class Problem:
    """Why a row cannot be imported: its line, the column at fault and what is wrong."""

    line: int
    column: str
    problem: str


@dataclass
class PlannedRow:
    """A valid row and what confirming would do with it."""

    line: int
    label: str  # the name shown for the row
    values: dict[str, Any]
    # Set when the row repeats one already in the register or earlier in the file.
    existing: Organisation | Person | None = None
    duplicate_of_line: int | None = None
    duplicate_reason: str = ""
    fills: list[str] = field(default_factory=list)  # labels of the fields a merge would fill
    differences: list[tuple[str, str, str]] = field(default_factory=list)  # label, kept, file's

    @property
    def is_duplicate(self) -> bool:
        return self.existing is not None or self.duplicate_of_line is not None


@dataclass
class ImportPlan:
    """What an import would do: rows to create, duplicates to merge or skip, and bad rows."""

    kind: ImportKind
    filename: str
    create_missing_organisations: bool
    rows: list[PlannedRow]
    problems: list[Problem]
    ignored_columns: list[str]
    blank_rows: int
    new_organisations: list[str]  # names of organisations a people import would add

    @property
    def to_create(self) -> list[PlannedRow]:
        return [row for row in self.rows if not row.is_duplicate]

    @property
    def duplicates(self) -> list[PlannedRow]:
        return [row for row in self.rows if row.is_duplicate]

    @property
    def bad_lines(self) -> list[int]:
        return sorted({problem.line for problem in self.problems})


@functools.lru_cache(maxsize=64)
def _choice_table(choices: type[models.TextChoices], language: str | None) -> dict[str, str]:
    """Each choice's value and label, compared loosely, to the value stored; the first wins."""
    table: dict[str, str] = {}
    for stored, label in choices.choices:
        table.setdefault(_heading_key(stored), stored)
        table.setdefault(_heading_key(str(label)), stored)
    return table


def _choice(value: str, choices: type[models.TextChoices]) -> str | None:
    """The stored value of a choice given by its value or its label, in any case."""
    # Labels are translated: the table is built once for each language they are read in.
    return _choice_table(choices, translation.get_language()).get(_heading_key(value))


def _choice_names(choices: Iterable[tuple[str, Any]]) -> str:
    return ", ".join(str(label) for _, label in choices)


def _date(value: str) -> datetime.date | None:
    for date_format in DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, date_format).date()
        except ValueError:
            continue
    raise ValueError(value)


def _is_linkedin(url: str) -> bool:
    host = re.sub(r"^[a-z]+://", "", url.casefold()).split("/", 1)[0].split(":", 1)[0]
    return host == "linkedin.com" or host.endswith(".linkedin.com")


def _field_headings(headings: Iterable[str], columns: Mapping[str, str]) -> dict[str, str]:
    """Field -> the file's own heading for it (the first, if two name the same field)."""
    found: dict[str, str] = {}
    for heading in headings:
        target = columns.get(_heading_key(heading))
        if target and target not in found:
            found[target] = heading
    return found


class _RowReader:
    """Reads one row's cells into field values, noting a problem for each bad cell."""

    def __init__(self, row: SourceRow, headings: Mapping[str, str]):
        self.row = row
        self.problems: list[Problem] = []
        # field -> the file's own heading, so problems name the column as the file does; the
        # same for every row (`_field_headings`), copied because a row may add an alias.
        self.headings: dict[str, str] = dict(headings)

    def has(self, name: str) -> bool:
        return name in self.headings

    def text(self, name: str) -> str:
        heading = self.headings.get(name)
        return self.row.cells.get(heading, "") if heading else ""

    def column(self, name: str) -> str:
        return self.headings.get(name) or FIELD_LABELS.get(name, name)

    def problem(self, name: str, message: str) -> None:
        self.problems.append(Problem(self.row.line, self.column(name), message))

    def add_validation_error(self, error: ValidationError, skip: Iterable[str] = ()) -> None:
        for name, messages in error.message_dict.items():
            if name in skip:
                continue
            for message in messages:
                self.problem(name, message)

    def check(self, checks: Mapping[str, _FieldCheck], values: Mapping[str, Any]) -> None:
        """Run the model fields' own checks on the values, but not on columns already at fault."""
        failed = _failed(self)
        for name, check in checks.items():
            if name not in failed:
                for message in check(values[name]):
                    self.problem(name, message)


class _FieldCheck:
    """A model field's validation of one value, as `Model.clean_fields` runs it, made cheap.

    Built once for an import. Most cells pass a test decided in advance (blank where blank is
    allowed; no longer than the field's max_length; one of its choices), leaving the field's
    other validators (Django's EmailValidator or URLValidator) as the only work per value. A
    value that fails, or that the test cannot decide, goes through the field's own `clean`, so
    the messages are the model's, word for word. The database's constraints still stand behind.
    """

    def __init__(self, field: models.Field[Any, Any]):
        self.field = field
        self.blank = field.blank
        self.empty_values = list(field.empty_values)
        self.max_length: int | None = field.max_length
        self.choices = {str(choice) for choice, _ in field.flatchoices} if field.choices else None
        self.validators = [
            validator
            for validator in field.validators
            if not isinstance(validator, MaxLengthValidator)
        ]

    def __call__(self, value: Any) -> list[str]:
        """The problems with `value`: none, or the messages Django's validation gives."""
        if self.blank and value in self.empty_values:
            return []  # Model.clean_fields passes over an empty value where blank is allowed.
        if (
            isinstance(value, str)
            and value
            and (self.max_length is None or len(value) <= self.max_length)
            and (self.choices is None or value in self.choices)
        ):
            try:
                for validator in self.validators:
                    validator(value)
                return []
            except ValidationError:
                pass  # the field's own clean, below, gives every message in Django's order
        try:
            self.field.clean(value, None)
        except ValidationError as error:
            return list(error.messages)
        return []


def _field_checks(model: type[models.Model], names: Iterable[str]) -> dict[str, _FieldCheck]:
    """Checks for the named fields, in the model's order (the order clean_fields reports in)."""
    wanted = set(names)
    return {
        field.name: _FieldCheck(field)  # type: ignore[arg-type]
        for field in model._meta.concrete_fields
        if field.name in wanted
    }


# The fields of a row whose values come from the file's text, checked by the model's fields.
# The others are valid by construction: a date parsed by `_date`, yes or no read as a boolean,
# a relation looked up in the register, and the key allocated when the row is written.
ORGANISATION_CHECKED = (
    "name",
    "kind",
    "sector",
    "size_band",
    "ownership",
    "website",
    "linkedin_url",
)
PERSON_CHECKED = (
    "name",
    "job_title",
    "email",
    "linkedin_url",
    "lawful_basis",
    "consent_channel",
    "consent_wording_version",
)


def _organisation_values(
    reader: _RowReader, areas: Mapping[str, Area], checks: Mapping[str, _FieldCheck]
) -> dict[str, Any]:
    name = reader.text("name")
    values: dict[str, Any] = {
        "name": name,
        "sector": reader.text("sector"),
        "website": reader.text("website").strip(),
        "linkedin_url": reader.text("linkedin_url").strip(),
        "size_band": SizeBand.NOT_APPLICABLE,
        "area": None,
    }
    if not name.strip():
        reader.problem("name", "Enter the organisation's name")
    kind_text = reader.text("kind").strip()
    kind = _choice(kind_text, OrganisationKind) if kind_text else None
    if not kind_text:
        reader.problem("kind", "Give the type of organisation")
    elif kind is None:
        reader.problem(
            "kind",
            f"Unknown organisation type “{kind_text}”: use one of "
            f"{_choice_names(OrganisationKind.choices)}",
        )
    values["kind"] = kind or ""
    ownership_text = reader.text("ownership").strip()
    ownership = _choice(ownership_text, Ownership) if ownership_text else None
    if ownership_text and ownership is None:
        reader.problem(
            "ownership",
            f"Unknown sector “{ownership_text}”: use one of {_choice_names(Ownership.choices)}",
        )
    elif ownership is None and kind is not None:
        ownership = OWNERSHIP_BY_KIND.get(OrganisationKind(kind))
        if ownership is None:
            reader.problem("ownership", "Say whether it is in the public, private or third sector")
    values["ownership"] = ownership or ""
    size_text = reader.text("size_band").strip()
    if size_text:
        size = _choice(size_text, SizeBand)
        if size is None:
            reader.problem(
                "size_band",
                f"Unknown size “{size_text}”: use one of {_choice_names(SizeBand.choices)}",
            )
        else:
            values["size_band"] = size
    area_text = reader.text("area").strip()
    if area_text:
        values["area"] = areas.get(area_text.casefold())
        if values["area"] is None:
            reader.problem("area", f"No area “{area_text}” in the register: use its name or code")
    if values["linkedin_url"] and not _is_linkedin(values["linkedin_url"]):
        reader.problem(
            "linkedin_url", "Enter a LinkedIn address, starting https://www.linkedin.com/"
        )
    # A row with no known type has no sector either; its type is the problem reported.
    reader.check(checks if values["ownership"] else _without(checks, "ownership"), values)
    return values


def _without(checks: Mapping[str, _FieldCheck], name: str) -> dict[str, _FieldCheck]:
    return {key: check for key, check in checks.items() if key != name}


def _failed(reader: _RowReader) -> list[str]:
    """Fields already reported, so that model validation does not report them twice."""
    if not reader.problems:
        return []
    columns = {problem.column for problem in reader.problems}
    return [name for name in FIELD_LABELS if reader.column(name) in columns]


def _person_values(
    reader: _RowReader, checks: Mapping[str, _FieldCheck], probe: Person
) -> dict[str, Any]:
    if reader.has("name"):
        name = reader.text("name")
    else:
        # LinkedIn splits the name in two; problems with it are put on the first name's column.
        if reader.has("first_name"):
            reader.headings["name"] = reader.headings["first_name"]
        name = " ".join(
            part for part in (reader.text("first_name"), reader.text("last_name")) if part
        )
    values: dict[str, Any] = {
        "name": name,
        "email": reader.text("email").strip().lower(),
        "job_title": reader.text("job_title"),
        "linkedin_url": reader.text("linkedin_url").strip(),
        "lawful_basis": LawfulBasis.LEGITIMATE_INTERESTS,
        "consent_date": None,
        "opted_out": False,
    }
    if not name.strip():
        reader.problem("name", "Enter the person's name")
    basis_text = reader.text("lawful_basis").strip()
    if basis_text:
        basis = _choice(basis_text, LawfulBasis)
        if basis is None:
            reader.problem(
                "lawful_basis",
                f"Unknown lawful basis “{basis_text}”: use one of "
                f"{_choice_names(LawfulBasis.choices)}",
            )
        else:
            values["lawful_basis"] = basis
    date_text = reader.text("consent_date").strip()
    if date_text:
        try:
            values["consent_date"] = _date(date_text)
        except ValueError:
            reader.problem("consent_date", f"“{date_text}” is not a date: write it as 2019-05-22")
    values["consent_wording_version"] = reader.text("consent_wording_version")
    channel_text = reader.text("consent_channel").strip()
    values["consent_channel"] = ""
    if channel_text:
        channel = _choice(channel_text, ConsentChannel)
        if channel is None:
            reader.problem(
                "consent_channel",
                f"Unknown consent channel “{channel_text}”: use one of "
                f"{_choice_names(ConsentChannel.choices)}",
            )
        else:
            values["consent_channel"] = channel
    elif values["lawful_basis"] == LawfulBasis.CONSENT:
        # A file that records consent without saying how is itself the evidence we hold.
        values["consent_channel"] = ConsentChannel.IMPORTED_LIST
    opted_text = reader.text("opted_out").strip().casefold()
    if opted_text in YES:
        values["opted_out"] = True
    elif opted_text not in NO:
        reader.problem("opted_out", "Write yes or no")
    if values["linkedin_url"] and not _is_linkedin(values["linkedin_url"]):
        reader.problem(
            "linkedin_url", "Enter a LinkedIn address, starting https://www.linkedin.com/"
        )
    reader.check(checks, values)
    # The model's own rules across fields (consent needs its date and channel...), run by
    # Person.clean on one instance made for the import and given each row's values in turn.
    for name, value in values.items():
        setattr(probe, name, value)
    try:
        probe.clean()
    except ValidationError as error:
        reader.add_validation_error(error, skip=_failed(reader))
    values["organisation_name"] = reader.text("organisation")
    return values


def _display(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.isoformat()
    return str(value)


def _compare(row: PlannedRow, target: Mapping[str, Any], kind: ImportKind) -> None:
    """Note what a merge into `target` would fill, and where the file differs from what is kept."""
    row.fills, row.differences = [], []
    for name in MERGE_FIELDS[kind]:
        if _fillable(target.get(name)) and not _fillable(row.values.get(name)):
            row.fills.append(FIELD_LABELS[name])
    if kind == "people" and row.values.get("opted_out") and not target.get("opted_out"):
        row.fills.append("Opted out")
    for name in COMPARED_FIELDS[kind]:
        kept, offered = target.get(name), row.values.get(name)
        if offered not in (None, "") and kept != offered:
            row.differences.append((FIELD_LABELS[name], _display(kept), _display(offered)))


def _compared(kind: ImportKind) -> list[str]:
    """The register's fields `_compare` reads (a row's values also hold names of no field)."""
    return [*_merge_writes(kind), *COMPARED_FIELDS[kind]]


def _fillable(value: Any) -> bool:
    """Whether a value counts as empty, for a merge to fill."""
    return value in (None, "", SizeBand.NOT_APPLICABLE)


def _field_values(instance: models.Model, names: Iterable[str]) -> dict[str, Any]:
    return {name: getattr(instance, name) for name in names}


def import_plan(
    *, kind: ImportKind, content: bytes, filename: str, create_missing_organisations: bool = False
) -> ImportPlan:
    """Read and validate every row; say what confirming would create, merge or skip.

    Nothing is written. Duplicates are found against the register and within the file: people
    by email (any case), organisations by name (`organisation_name_key`). Makes a fixed number of
    queries (the register's names, emails and areas, each read once), whatever the file's size.
    """
    table = table_read(content=content, filename=filename, kind=kind)
    columns = COLUMNS[kind]
    ignored = [
        heading for heading in table.headings if heading and not columns.get(_heading_key(heading))
    ]
    plan = ImportPlan(
        kind=kind,
        filename=filename,
        create_missing_organisations=create_missing_organisations,
        rows=[],
        problems=[],
        ignored_columns=ignored,
        blank_rows=table.blank_rows,
        new_organisations=[],
    )
    organisations = {
        organisation_name_key(organisation.name): organisation
        for organisation in Organisation.objects.order_by("-pk")
    }
    if kind == "organisations":
        areas: dict[str, Area] = {}
        for area in Area.objects.all():
            areas[area.name.casefold()] = area
            if area.gss_code:
                areas[area.gss_code.casefold()] = area
        _plan_organisations(plan, table, columns, organisations, areas)
    else:
        people = {
            person.email.lower(): person
            for person in Person.objects.exclude(email="").select_related("organisation")
        }
        _plan_people(plan, table, columns, organisations, people)
    return plan


def _plan_organisations(
    plan: ImportPlan,
    table: SourceTable,
    columns: dict[str, str],
    register: Mapping[str, Organisation],
    areas: Mapping[str, Area],
) -> None:
    first_in_file: dict[str, PlannedRow] = {}
    headings = _field_headings(table.headings, columns)
    checks = _field_checks(Organisation, ORGANISATION_CHECKED)
    for source in table.rows:
        reader = _RowReader(source, headings)
        values = _organisation_values(reader, areas, checks)
        if reader.problems:
            plan.problems.extend(reader.problems)
            continue
        row = PlannedRow(line=source.line, label=values["name"], values=values)
        name_key = organisation_name_key(values["name"])
        existing = register.get(name_key)
        earlier = first_in_file.get(name_key)
        if existing is not None:
            row.existing = existing
            row.duplicate_reason = f"“{existing.name}” is already in the register"
            _compare(row, _field_values(existing, _compared("organisations")), "organisations")
        elif earlier is not None:
            row.duplicate_of_line = earlier.line
            row.duplicate_reason = f"“{earlier.label}” is on line {earlier.line} of this file"
            _compare(row, earlier.values, "organisations")
        else:
            first_in_file[name_key] = row
        plan.rows.append(row)


def _plan_people(
    plan: ImportPlan,
    table: SourceTable,
    columns: dict[str, str],
    organisations: Mapping[str, Organisation],
    register: Mapping[str, Person],
) -> None:
    first_in_file: dict[str, PlannedRow] = {}
    new_organisations: dict[str, str] = {}
    headings = _field_headings(table.headings, columns)
    checks = _field_checks(Person, PERSON_CHECKED)
    probe = Person()
    name_keys: dict[str, str] = {}  # a file names the same organisations over and over
    for source in table.rows:
        reader = _RowReader(source, headings)
        values = _person_values(reader, checks, probe)
        organisation_name = values.pop("organisation_name")
        values["organisation"] = None
        if organisation_name.strip():
            name_key = name_keys.get(organisation_name)
            if name_key is None:
                name_key = name_keys[organisation_name] = organisation_name_key(organisation_name)
            values["organisation"] = organisations.get(name_key)
            if values["organisation"] is None:
                if not plan.create_missing_organisations:
                    reader.problem(
                        "organisation",
                        f"No organisation “{organisation_name}” in the register: add it first, "
                        "or tick “Create organisations the register does not have”",
                    )
                elif len(organisation_name) > Organisation._meta.get_field("name").max_length:  # type: ignore[operator]
                    reader.problem("organisation", "The organisation's name is too long")
                else:
                    values["new_organisation"] = new_organisations.setdefault(
                        name_key, organisation_name
                    )
        if reader.problems:
            plan.problems.extend(reader.problems)
            continue
        row = PlannedRow(line=source.line, label=values["name"], values=values)
        email = values["email"]
        existing = register.get(email) if email else None
        earlier = first_in_file.get(email) if email else None
        if existing is not None:
            row.existing = existing
            row.duplicate_reason = f"{existing.name} ({existing.email}) is already in the register"
            _compare(row, _field_values(existing, _compared("people")), "people")
        elif earlier is not None:
            row.duplicate_of_line = earlier.line
            row.duplicate_reason = f"{earlier.label} on line {earlier.line} has the same email"
            _compare(row, earlier.values, "people")
        elif email:
            first_in_file[email] = row
        plan.rows.append(row)
    used = {row.values.get("new_organisation") for row in plan.rows} - {None}
    plan.new_organisations = [name for name in new_organisations.values() if name in used]


# Writing


@dataclass(frozen=True)
class NotWritten:
    """A row the import did not write, and why."""

    line: int
    label: str
    reason: str


@dataclass
class ImportResult:
    """What confirming an import did: rows created and merged, and every row not written."""

    created: int = 0
    merged: list[tuple[int, str, list[str]]] = field(default_factory=list)  # line, name, filled
    kept: list[tuple[int, str, str, str, str]] = field(default_factory=list)  # line, name, diff
    organisations_created: list[str] = field(default_factory=list)
    not_written: list[NotWritten] = field(default_factory=list)


class ImportConflict(Exception):
    """The register changed between the preview and the confirmation; nothing was written."""


def _keys_allocate(model: type[Organisation] | type[Person], names: list[str]) -> list[str]:
    """Unique keys for new rows, as services.key_for makes them, with one query for them all."""
    taken = set(model._default_manager.values_list("key", flat=True))
    fallback = slugify(model._meta.model_name or "row")
    keys = []
    for name in names:
        base = slugify(name)[:70].strip("-") or fallback
        key, suffix = base, 1
        while key in taken:
            suffix += 1
            key = f"{base}-{suffix}"
        taken.add(key)
        keys.append(key)
    return keys


def _merge_writes(kind: ImportKind) -> list[str]:
    """The fields a merge may write: those it fills, and for people an opt-out in the file."""
    return [*MERGE_FIELDS[kind], *(["opted_out"] if kind == "people" else [])]


def _apply_merge(target: dict[str, Any], row: PlannedRow, kind: ImportKind) -> list[str]:
    """Fill `target`'s empty fields from the row; return the labels of those filled."""
    filled = []
    for name in MERGE_FIELDS[kind]:
        if _fillable(target.get(name)) and not _fillable(row.values.get(name)):
            target[name] = row.values[name]
            if name == "organisation":
                target["new_organisation"] = None
            filled.append(FIELD_LABELS[name])
        elif (
            name == "organisation"
            and target.get("organisation") is None
            and not target.get("new_organisation")
            and row.values.get("new_organisation")
        ):
            target["new_organisation"] = row.values["new_organisation"]
            filled.append(FIELD_LABELS[name])
    if kind == "people" and row.values.get("opted_out") and not target.get("opted_out"):
        target["opted_out"] = True
        filled.append("Opted out")
    return filled


def import_write(
    *, plan: ImportPlan, decisions: Mapping[int, Decision], actor: Any
) -> ImportResult:
    """Write the planned rows in one transaction: creations, and each duplicate merged or skipped.

    A duplicate with no decision is skipped. Merging fills only the empty fields of the row kept
    (the register's, or the file's earlier line); differing values are reported, not written.
    Every row not written is in the result with its reason. Rows are written in batches, with a
    fixed number of queries per batch, and one audit event records the import (`_import_audit`).
    """
    result = ImportResult()
    result.not_written.extend(
        NotWritten(problem.line, "", f"{problem.column}: {problem.problem}")
        for problem in plan.problems
    )
    model: type[Organisation] | type[Person] = (
        Organisation if plan.kind == "organisations" else Person
    )
    fields = {field.name for field in model._meta.concrete_fields}
    creations: dict[int, dict[str, Any]] = {}  # line -> values
    creation_labels: dict[int, str] = {}
    merges: dict[int, tuple[Any, list[str]]] = {}  # pk -> (row, fields filled)
    for row in plan.rows:
        if not row.is_duplicate:
            creations[row.line] = dict(row.values)
            creation_labels[row.line] = row.label
            continue
        if decisions.get(row.line) != "merge":
            result.not_written.append(
                NotWritten(row.line, row.label, f"Skipped as you chose: {row.duplicate_reason}")
            )
            continue
        if row.existing is not None:
            existing = row.existing
            current = _field_values(existing, _merge_writes(plan.kind))
            if existing.pk in merges:  # a second line of the file merging into the same row
                current.update({name: getattr(merges[existing.pk][0], name) for name in current})
            filled = _apply_merge(current, row, plan.kind)
            if plan.kind == "people" and current.get("new_organisation"):
                existing._new_organisation = current["new_organisation"]  # type: ignore[union-attr]
            for name in MERGE_FIELDS[plan.kind]:
                setattr(existing, name, current[name])
            if plan.kind == "people":
                existing.opted_out = current["opted_out"]  # type: ignore[union-attr]
            previous = merges.get(existing.pk, (existing, []))[1]
            merges[existing.pk] = (existing, previous + filled)
        else:
            target_line = row.duplicate_of_line or 0
            if target_line not in creations:
                result.not_written.append(
                    NotWritten(row.line, row.label, f"Not written: {row.duplicate_reason}")
                )
                continue
            filled = _apply_merge(creations[target_line], row, plan.kind)
        if filled:
            result.merged.append((row.line, row.label, filled))
        else:
            result.not_written.append(
                NotWritten(row.line, row.label, f"Nothing new to add: {row.duplicate_reason}")
            )
        result.kept.extend((row.line, row.label, *difference) for difference in row.differences)
    result.not_written.sort(key=lambda item: item.line)
    try:
        with transaction.atomic():
            organisations_by_name = _organisations_create(plan, creations, merges)
            result.organisations_created = sorted(organisations_by_name)
            keys = _keys_allocate(model, [creation_labels[line] for line in creations])
            instances = []
            for (line, values), key in zip(creations.items(), keys, strict=True):
                values = {name: value for name, value in values.items() if name in fields}
                new_name = creations[line].get("new_organisation")
                if new_name and values.get("organisation") is None:
                    values["organisation"] = organisations_by_name[new_name]
                # Every value was validated by import_plan: each cell by its model field's checks
                # and, for people, the rules across fields by Person.clean on the same values.
                # A merge into a row of the file only fills fields those rules do not read, so
                # nothing is validated again here; the database's constraints stand behind.
                instances.append(model(key=key, **values))
            model._default_manager.bulk_create(instances, batch_size=WRITE_BATCH)  # type: ignore[arg-type]
            merged_rows = [row for row, filled in merges.values() if filled]
            if merged_rows:
                model._default_manager.bulk_update(  # type: ignore[call-arg]
                    merged_rows,
                    _merge_writes(plan.kind),
                    batch_size=WRITE_BATCH,
                )
            result.created = len(instances)
            _import_audit(actor, plan, result)
    except IntegrityError as error:
        raise ImportConflict(
            "The register changed while you were checking the import; nothing was written. "
            "Upload the file again to see what it would do now."
        ) from error
    return result


def _organisations_create(
    plan: ImportPlan,
    creations: Mapping[int, dict[str, Any]],
    merges: Mapping[int, tuple[Any, list[str]]],
) -> dict[str, Organisation]:
    """Add the organisations a people import names and the register lacks, by their names."""
    if plan.kind != "people":
        return {}
    wanted = {
        values["new_organisation"]
        for values in creations.values()
        if values.get("new_organisation")
    }
    for row, _filled in merges.values():
        new_name = getattr(row, "_new_organisation", None)
        if new_name:
            wanted.add(new_name)
    names = sorted(wanted)
    organisations = [
        Organisation(
            key=key,
            name=name,
            kind=NEW_ORGANISATION_KIND,
            ownership=NEW_ORGANISATION_OWNERSHIP,
        )
        for name, key in zip(names, _keys_allocate(Organisation, names), strict=True)
    ]
    for organisation in organisations:
        organisation.full_clean(validate_unique=False, validate_constraints=False)
    Organisation.objects.bulk_create(organisations, batch_size=WRITE_BATCH)
    by_name = {organisation.name: organisation for organisation in organisations}
    for row, _filled in merges.values():
        new_name = getattr(row, "_new_organisation", None)
        if new_name:
            row.organisation = by_name[new_name]  # type: ignore[attr-defined]
    return by_name


def _import_audit(actor: Any, plan: ImportPlan, result: ImportResult) -> None:
    """One audit event for the whole import: who imported which file, and what it did.

    An import is one act, confirmed once, so it is recorded once, with counts rather than an
    event per row (at 50,000 rows, those events were about two fifths of the write's time).
    The event is about the register's people or organisations as a whole (no one row, so no
    target id) and holds none of the rows' data, only the file's name and the counts.
    """
    kind_type = ContentType.objects.get_for_model(
        Organisation if plan.kind == "organisations" else Person, for_concrete_model=False
    )
    AuditEvent.objects.create(
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        verb="imported",
        target_type=kind_type,
        target_id="",
        target_repr=plan.filename[:300],
        detail={
            "import": plan.filename,
            "kind": plan.kind,
            "created": result.created,
            "duplicates": len(plan.duplicates),
            "merged": len(result.merged),
            "bad_rows": len(plan.bad_lines),
            "organisations_created": len(result.organisations_created),
        },
    )


# Pending imports: the uploaded file, kept until its owner confirms or cancels it


@dataclass(frozen=True)
class PendingImport:
    """An uploaded file waiting for its owner to confirm or cancel the import."""

    import_id: str
    owner_id: int
    kind: ImportKind
    filename: str
    create_missing_organisations: bool
    content: bytes

    def plan(self) -> ImportPlan:
        return import_plan(
            kind=self.kind,
            content=self.content,
            filename=self.filename,
            create_missing_organisations=self.create_missing_organisations,
        )


def _imports_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "imports"


def pending_import_save(
    *,
    owner: Any,
    kind: ImportKind,
    filename: str,
    content: bytes,
    create_missing_organisations: bool = False,
) -> str:
    """Keep an uploaded file for its owner to preview; return its random id."""
    folder = _imports_dir()
    folder.mkdir(parents=True, exist_ok=True)
    import_id = secrets.token_urlsafe(24)
    (folder / f"{import_id}.upload").write_bytes(content)
    (folder / f"{import_id}.json").write_text(
        json.dumps(
            {
                "owner_id": owner.pk,
                "kind": kind,
                "filename": Path(filename).name[:200],
                "create_missing_organisations": create_missing_organisations,
            }
        )
    )
    return import_id


def pending_import_load(*, import_id: str, owner: Any) -> PendingImport | None:
    """The pending import `import_id` if it exists and `owner` uploaded it, else None."""
    if not IMPORT_ID.match(import_id):
        return None
    folder = _imports_dir()
    try:
        meta = json.loads((folder / f"{import_id}.json").read_text())
        content = (folder / f"{import_id}.upload").read_bytes()
    except (OSError, ValueError):
        return None
    if meta.get("owner_id") != owner.pk or meta.get("kind") not in IMPORT_KINDS:
        return None
    return PendingImport(
        import_id=import_id,
        owner_id=meta["owner_id"],
        kind=meta["kind"],
        filename=meta["filename"],
        create_missing_organisations=bool(meta["create_missing_organisations"]),
        content=content,
    )


def pending_import_delete(*, import_id: str) -> None:
    """Remove a pending import's files (after it is confirmed or cancelled)."""
    if not IMPORT_ID.match(import_id):
        return
    for suffix in (".upload", ".json"):
        (_imports_dir() / f"{import_id}{suffix}").unlink(missing_ok=True)
