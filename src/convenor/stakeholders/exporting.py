"""Export of a filtered organisation or people list to CSV and XLSX, safe to open in a spreadsheet.

Every cell a spreadsheet could take for a formula (one beginning =, +, -, @, tab or carriage
return) is prefixed with a single quote, as OWASP's CSV injection guidance advises; the columns
are those the import reads, so an export can be edited and imported again.
"""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable, Iterator
from typing import Any

import openpyxl
from django.db.models import QuerySet
from django.http import HttpResponse
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from convenor.core.services import audit_event_record
from convenor.stakeholders.models import Organisation, Person

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
ORGANISATION_HEADINGS = [
    "Name",
    "Type",
    "Sector",
    "Size",
    "Public, private or third sector",
    "Area",
    "Website",
    "LinkedIn",
]
PERSON_HEADINGS = [
    "Name",
    "Email",
    "Organisation",
    "Job title",
    "LinkedIn",
    "Lawful basis",
    "Consent date",
    "Opted out",
]
FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def cell_neutralise(value: Any) -> str:
    """A cell's text, with a leading quote if a spreadsheet would otherwise read it as a formula."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def organisation_rows(organisations: Iterable[Organisation]) -> Iterator[list[str]]:
    """An organisation per row, in the columns of ORGANISATION_HEADINGS."""
    for organisation in organisations:
        yield [
            organisation.name,
            organisation.get_kind_display(),
            organisation.sector,
            organisation.get_size_band_display(),
            organisation.get_ownership_display(),
            organisation.area.name if organisation.area else "",
            organisation.website,
            organisation.linkedin_url,
        ]


def person_rows(people: Iterable[Person]) -> Iterator[list[str]]:
    """A person per row, in the columns of PERSON_HEADINGS."""
    for person in people:
        yield [
            person.name,
            person.email,
            person.organisation.name if person.organisation else "",
            person.job_title,
            person.linkedin_url,
            person.get_lawful_basis_display(),
            person.consent_date.isoformat() if person.consent_date else "",
            "yes" if person.opted_out else "no",
        ]


def table_csv(headings: list[str], rows: Iterable[list[str]]) -> bytes:
    """The table as CSV (UTF-8 with a byte order mark, which Excel needs to read it as UTF-8)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(headings)
    for row in rows:
        writer.writerow([cell_neutralise(value) for value in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def table_xlsx(headings: list[str], rows: Iterable[list[str]], title: str) -> bytes:
    """The table as an Excel workbook, every cell stored as text (never as a formula)."""
    workbook = openpyxl.Workbook(write_only=True)
    sheet_write(workbook, title=title, headings=headings, rows=rows)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def sheet_write(
    workbook: openpyxl.Workbook, *, title: str, headings: list[str], rows: Iterable[list[str]]
) -> None:
    """Add a sheet holding the table to a write-only workbook, every cell stored as text."""
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append(headings)
    for row in rows:
        cells = []
        for value in row:
            # XML 1.0 cannot hold most control characters, so a workbook cannot either.
            cell = openpyxl.cell.WriteOnlyCell(
                sheet, value=ILLEGAL_CHARACTERS_RE.sub("", cell_neutralise(value))
            )
            cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)


def register_export(
    *,
    queryset: QuerySet[Organisation] | QuerySet[Person],
    file_format: str,
    filters: dict[str, str | list[str]],
    actor: Any,
) -> HttpResponse:
    """A download of the list as filtered, with an audit event saying who exported what."""
    model = queryset.model
    is_people = model is Person
    rows = list(
        person_rows(queryset)  # type: ignore[arg-type]
        if is_people
        else organisation_rows(queryset)  # type: ignore[arg-type]
    )
    headings = PERSON_HEADINGS if is_people else ORGANISATION_HEADINGS
    title = "people" if is_people else "organisations"
    content = (
        table_csv(headings, rows)
        if file_format == "csv"
        else table_xlsx(headings, rows, title.capitalize())
    )
    # The audit event is about the exporter's own account: the export is of a list, not one row.
    audit_event_record(
        actor=actor,
        verb=f"exported {title}",
        target=actor,
        detail={"format": file_format, "filters": filters, "rows": len(rows)},
    )
    filename = f"{title}-{datetime.date.today().isoformat()}.{file_format}"
    response = HttpResponse(content, content_type=FORMATS[file_format])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
