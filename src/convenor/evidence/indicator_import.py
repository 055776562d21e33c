"""Reading and checking a CSV of indicator values in long form, before anything is written.

The file has one value a row under the header `indicator,area_code,period,value,unit,source`
(UTF-8, a byte order mark allowed). Every row is checked and every problem kept, with its line,
column and what is wrong, so a person fixes the whole file at once; the plan is written by
indicator_services.indicator_import_write only when it has no problems. Cells are data: text
that looks like a spreadsheet formula is stored as the text it is, and refused where a number
is wanted.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from convenor.evidence.models import Indicator
from convenor.strategy.models import Strategy

COLUMNS = ("indicator", "area_code", "period", "value", "unit", "source")
MAX_UPLOAD_BYTES = 5 * 1024 * 1024
MAX_UPLOAD_TEXT = "5 MB"
GSS_CODE = re.compile(r"^[EWSNK][0-9]{8}$")
# The longest text each column may hold (the model's field lengths).
MAX_LENGTHS = {"indicator": 200, "area_code": 9, "period": 20, "unit": 60, "source": 300}
# IndicatorValue.value holds 20 digits, 4 of them after the point.
VALUE_DECIMAL_PLACES = 4
VALUE_WHOLE_DIGITS = 16
ONE_TEN_THOUSANDTH = Decimal("0.0001")
DUPLICATE_COLUMN = "indicator, area_code, period"


class ImportFileError(Exception):
    """The file cannot be read as CSV text at all; the message says why."""


@dataclass(frozen=True)
class ImportProblem:
    """One thing wrong with the file: the line it is on, the column, and what is wrong."""

    line: int
    column: str
    problem: str


@dataclass(frozen=True)
class ImportRow:
    """One good row: a value of an indicator for an area and a period."""

    line: int
    indicator: str
    area_code: str
    period: str
    value: Decimal
    unit: str
    source: str


@dataclass
class ImportPlan:
    """What the file holds: its good rows and every problem found; written only if no problems."""

    rows: list[ImportRow] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def is_valid(self) -> bool:
        return not self.problems

    def indicator_names(self) -> list[str]:
        """The indicators the file names, in the order they first appear."""
        return list(dict.fromkeys(row.indicator for row in self.rows))


def csv_text(content: bytes) -> str:
    """The file as text: UTF-8 (a byte order mark allowed), with no control characters."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFileError(
            "The file is not UTF-8 text: save it from your spreadsheet as “CSV UTF-8”"
        ) from error
    if any(ord(char) < 32 and char not in "\t\r\n\f" for char in text):
        raise ImportFileError(
            "The file is not a CSV file: it holds control characters that text does not"
        )
    if not text.strip():
        raise ImportFileError("The file is empty: it needs the header row and a row per value")
    return text


def _records(text: str) -> list[tuple[int, list[str]]]:
    """Each record of the CSV with the line it starts on (a quoted cell may span lines)."""
    reader = csv.reader(io.StringIO(text, newline=""))
    records = []
    start = 1
    try:
        for record in reader:
            records.append((start, record))
            start = reader.line_num + 1
    except csv.Error as error:
        raise ImportFileError(f"Line {start} cannot be read as CSV: {error}") from error
    return records


def _header_problems(header: list[str]) -> list[ImportProblem]:
    names = [name.strip().lower() for name in header]
    problems = []
    for name in COLUMNS:
        if name not in names:
            problems.append(
                ImportProblem(1, name, f"The header has no “{name}” column: it is needed")
            )
    expected = ", ".join(COLUMNS)
    seen: set[str] = set()
    for raw, name in zip(header, names, strict=True):
        if name not in COLUMNS:
            shown = raw.strip() or "(blank)"
            problems.append(
                ImportProblem(
                    1,
                    shown,
                    f"“{shown}” is not a column this import reads: the columns are {expected}",
                )
            )
        elif name in seen:
            problems.append(ImportProblem(1, name, f"The header names “{name}” twice"))
        seen.add(name)
    return problems


def _parse_value(text: str) -> tuple[Decimal | None, str]:
    """The number in a cell, or None and what is wrong with it."""
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None, f"“{text}” is not a number"
    if not value.is_finite():
        return None, f"“{text}” is not a number"
    if abs(value) >= Decimal(10) ** VALUE_WHOLE_DIGITS:
        return None, f"“{text}” is too large: values must be below 10 to the power 16"
    exponent = value.as_tuple().exponent
    assert isinstance(exponent, int)
    # Trailing zeros past the fourth place (12.50000) lose nothing; other digits would be lost.
    if exponent < -VALUE_DECIMAL_PLACES and value != value.quantize(ONE_TEN_THOUSANDTH):
        return None, f"“{text}” has more than {VALUE_DECIMAL_PLACES} decimal places"
    return value.quantize(ONE_TEN_THOUSANDTH) if exponent < -VALUE_DECIMAL_PLACES else value, ""


def indicator_import_plan(*, strategy: Strategy, content: bytes) -> ImportPlan:
    """Read and check every row of the file against the strategy's indicators (one query)."""
    records = [
        (line, record)
        for line, record in _records(csv_text(content))
        if any(c.strip() for c in record)
    ]
    plan = ImportPlan()
    if not records:
        raise ImportFileError("The file is empty: it needs the header row and a row per value")
    header_line, header = records[0]
    header_problems = _header_problems(header)
    if header_problems:
        # The rows cannot be read without knowing which column is which.
        plan.problems = [
            ImportProblem(header_line, problem.column, problem.problem)
            for problem in header_problems
        ]
        return plan
    position = {name.strip().lower(): index for index, name in enumerate(header)}
    existing_units = dict(Indicator.objects.filter(strategy=strategy).values_list("name", "unit"))
    # The first line giving each indicator's unit, and the first line of each value's key.
    file_units: dict[str, tuple[int, str]] = {}
    keys_seen: dict[tuple[str, str, str], int] = {}
    if len(records) == 1:
        plan.problems.append(
            ImportProblem(header_line, "", "The file has a header but no rows of values")
        )
    for line, record in records[1:]:
        problems: list[ImportProblem] = []

        if len(record) > len(header):
            problems.append(
                ImportProblem(
                    line,
                    "",
                    f"The row has {len(record)} cells but the header names {len(header)} "
                    "columns: check for a stray comma",
                )
            )
        cells = {
            name: record[position[name]].strip() if position[name] < len(record) else ""
            for name in COLUMNS
        }
        cells["area_code"] = cells["area_code"].upper()
        for name in COLUMNS:
            text = cells[name]
            if not text:
                problems.append(ImportProblem(line, name, "Missing value"))
            elif name in MAX_LENGTHS and len(text) > MAX_LENGTHS[name] and name != "area_code":
                problems.append(
                    ImportProblem(
                        line, name, f"Longer than {MAX_LENGTHS[name]} characters ({len(text)})"
                    )
                )
        area_code = cells["area_code"]
        if area_code and not GSS_CODE.match(area_code):
            problems.append(
                ImportProblem(
                    line,
                    "area_code",
                    f"“{area_code}” is not a GSS area code: a letter (E, W, S, N or K) and "
                    "8 digits, like E07000209",
                )
            )
        value: Decimal | None = None
        if cells["value"]:
            value, value_problem = _parse_value(cells["value"])
            if value_problem:
                problems.append(ImportProblem(line, "value", value_problem))
        name, unit = cells["indicator"], cells["unit"]
        if name and unit:
            if name in existing_units and existing_units[name] != unit:
                problems.append(
                    ImportProblem(
                        line,
                        "unit",
                        f"The unit “{unit}” differs from the unit of the indicator "
                        f"“{name}” already held: “{existing_units[name]}”",
                    )
                )
            elif name in file_units and file_units[name][1] != unit:
                first_line, first_unit = file_units[name]
                problems.append(
                    ImportProblem(
                        line,
                        "unit",
                        f"The unit “{unit}” differs from the unit given for “{name}” on line "
                        f"{first_line}: “{first_unit}”",
                    )
                )
            file_units.setdefault(name, (line, unit))
        if name and area_code and cells["period"]:
            key = (name, area_code, cells["period"])
            if key in keys_seen:
                problems.append(
                    ImportProblem(
                        line,
                        DUPLICATE_COLUMN,
                        f"The same indicator, area and period as line {keys_seen[key]}",
                    )
                )
            else:
                keys_seen[key] = line
        if problems:
            plan.problems.extend(problems)
        elif value is not None:
            plan.rows.append(
                ImportRow(
                    line=line,
                    indicator=name,
                    area_code=area_code,
                    period=cells["period"],
                    value=value,
                    unit=unit,
                    source=cells["source"],
                )
            )
    return plan
