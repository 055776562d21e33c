"""Renders a BuiltDocument as a standalone HTML page, a PDF (WeasyPrint) and a DOCX (python-docx).

The HTML page is the one source: the web version is that page, and the PDF is the same page laid
out through its print stylesheet (A4, cover, contents with page numbers, running footer), so the
two cannot drift apart. The DOCX is written from the same blocks for those who edit in Word.
Every piece of text in a block is plain text: the HTML is rendered through a Django template with
autoescaping, and only a chart's SVG (drawn by Convenor's own chart code) is marked safe.
"""

from __future__ import annotations

import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field
from html import escape
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from convenor.publishing.blocks import (
    Block,
    BuiltDocument,
    BulletList,
    Chart,
    Heading,
    Image,
    Paragraph,
    Run,
    Table,
)

DOCUMENT_TEMPLATE = "publishing/output/document.html"

# Printed on the cover of a document built from a scenario whose invented details say so.
ILLUSTRATIVE_NOTE = (
    "Illustrative: names and events are those of the board paper; organisations, people and "
    "figures it does not give are invented for this demonstration."
)

# The variant WeasyPrint 70 names PDF/UA-1: a tagged PDF with its language and title.
PDF_VARIANT = "pdf/ua-1"

# Link targets a document may carry; anything else (javascript:, data:, file:) becomes plain text.
_SAFE_HREF = re.compile(r"^(#[^\s]*|/(?!/)[^\s]*|https?://[^\s]+|mailto:[^\s]+)$", re.IGNORECASE)

# The opening tag of a chart's SVG, and the accessibility attributes it may already carry (they are
# replaced: the block's alt text is what a screen reader and the PDF's tag tree must announce).
_SVG_OPEN = re.compile(r"^\s*<svg\b([^>]*)>", re.IGNORECASE)
_SVG_A11Y_ATTRIBUTE = re.compile(
    r"\s(?:role|aria-label|aria-labelledby|aria-describedby)\s*=\s*(?:\"[^\"]*\"|'[^']*')",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Pdf:
    """A rendered PDF and the number of pages its layout took."""

    content: bytes
    pages: int


# --- HTML ------------------------------------------------------------------------------------


@dataclass
class _SectionView:
    """A section as the document template draws it."""

    anchor: str
    heading: str
    starts_new_page: bool
    blocks: list[dict[str, Any]] = field(default_factory=list)


def safe_href(href: str) -> str:
    """The link's address if it is one a published document may carry, else blank."""
    href = href.strip()
    return href if href and _SAFE_HREF.match(href) else ""


def safe_image_src(src: str) -> str:
    """The image's address if a published page may load it (never script), else blank."""
    src = src.strip()
    if src.lower().startswith("data:image/") and not src.lower().startswith("data:image/svg"):
        return src
    return src if src and _SAFE_HREF.match(src) and not src.startswith(("#", "mailto:")) else ""


def _shows_address(text: str, href: str) -> bool:
    """Whether print (or Word) must spell out where a link goes: outside, and not in its text."""
    return bool(href) and not href.startswith("#") and href.removeprefix("mailto:") not in text


def _runs_view(runs: tuple[Run, ...]) -> list[dict[str, Any]]:
    views = []
    for run in runs:
        href = safe_href(run.href)
        views.append(
            {
                "text": run.text,
                "bold": run.bold,
                "italic": run.italic,
                "href": href,
                "print_href": _shows_address(run.text, href),
            }
        )
    return views


def _table_view(table: Table) -> dict[str, Any]:
    return {"type": "table", "caption": table.caption, "header": table.header, "rows": table.rows}


def chart_svg(chart: Chart) -> SafeString:
    """The chart's SVG with role="img", the alt text as its label and as its first <title>.

    WeasyPrint's tag tree takes a figure's alternative text from the SVG's first <title>, and a
    screen reader announces aria-label, so both are set to the block's alt text whatever the chart
    code put there. The SVG itself is Convenor's own markup (never user text), so it is trusted.
    """
    alt = escape(chart.alt.strip(), quote=True)
    match = _SVG_OPEN.match(chart.svg)
    if match is None:
        # Not an <svg> element: wrap it so it is still announced as one image.
        return mark_safe(
            f'<div class="chart-image" role="img" aria-label="{alt}">{chart.svg}</div>'
        )
    attributes = _SVG_A11Y_ATTRIBUTE.sub("", match.group(1))
    opening = f'<svg{attributes} role="img" aria-label="{alt}"><title>{alt}</title>'
    return mark_safe(opening + chart.svg[match.end() :])


def _block_view(block: Block) -> dict[str, Any]:
    if isinstance(block, Heading):
        # The section's own heading is <h2> (the cover's title is <h1>); inner levels sit below.
        level = min(max(block.level, 2), 5) + 1
        return {"type": "heading", "tag": f"h{level}", "text": block.text, "anchor": block.anchor}
    if isinstance(block, Paragraph):
        return {"type": "paragraph", "runs": _runs_view(block.runs), "number": block.number}
    if isinstance(block, BulletList):
        return {
            "type": "list",
            "ordered": block.ordered,
            "items": [_runs_view(item.runs) for item in block.items],
        }
    if isinstance(block, Table):
        return _table_view(block)
    if isinstance(block, Chart):
        return {
            "type": "chart",
            "svg": chart_svg(block),
            "alt": block.alt,
            "table": _table_view(block.table),
        }
    if isinstance(block, Image):
        return {"type": "image", "src": safe_image_src(block.src), "alt": block.alt}
    raise TypeError(f"Unknown block: {block!r}")


def html_render(document: BuiltDocument) -> str:
    """The document as one standalone, accessible HTML page: its CSS inline, nothing fetched."""
    sections = [
        _SectionView(
            anchor=section.anchor or f"section-{position}",
            heading=section.heading,
            starts_new_page=section.starts_new_page,
            blocks=[_block_view(block) for block in section.blocks],
        )
        for position, section in enumerate(document.sections, start=1)
    ]
    return render_to_string(
        DOCUMENT_TEMPLATE,
        {
            "document": document,
            "sections": sections,
            "language": document.language or "en",
            "illustrative_note": ILLUSTRATIVE_NOTE,
        },
    )


# --- PDF -------------------------------------------------------------------------------------


def _fetcher() -> Any:
    """A WeasyPrint URL fetcher that refuses every address but inline data: URIs.

    A build never reaches out to the network (http, https) or the disk (file): everything the
    document shows is in the page, so an address in user text cannot make the server fetch it.
    """
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols={"data"}, allow_redirects=False)


def pdf_render(*, html: str) -> Pdf:
    """The HTML laid out for print as a tagged PDF/UA-1; the page count is that layout's."""
    from weasyprint import HTML

    rendered = HTML(string=html, url_fetcher=_fetcher(), media_type="print").render(
        pdf_variant=PDF_VARIANT, pdf_tags=True
    )
    content = rendered.write_pdf(pdf_variant=PDF_VARIANT, pdf_tags=True)
    assert content is not None  # write_pdf returns the bytes when given no target
    return Pdf(content=content, pages=len(rendered.pages))


# --- DOCX ------------------------------------------------------------------------------------


def _docx_runs(paragraph: Any, runs: tuple[Run, ...]) -> None:
    """Runs with their bold and italic; a link becomes its text (and its address, if external)."""
    for run in runs:
        text = run.text
        href = safe_href(run.href)
        if _shows_address(text, href):
            text = f"{text} ({href.removeprefix('mailto:')})"
        piece = paragraph.add_run(text)
        piece.bold = run.bold or None
        piece.italic = run.italic or None


class _Word:
    """A python-docx document that looks each style up once.

    python-docx finds a style by name with a search of the styles part for every paragraph that
    names one; for a 300-page document that was most of the DOCX's seconds (bench/
    publish_build.py). The style's id is set on the paragraph directly instead.
    """

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self._ids: dict[str, str] = {}

    def paragraph(self, style: str = "", text: str = "") -> Any:
        paragraph = self.doc.add_paragraph(text)
        if style:
            if style not in self._ids:
                self._ids[style] = self.doc.styles[style].style_id
            paragraph._p.style = self._ids[style]
        return paragraph


def _docx_table(word: _Word, table: Table) -> None:
    """A caption above a real Word table whose first row is its header (repeated across pages)."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    if table.caption:
        word.paragraph("Caption", table.caption)
    columns = max([len(table.header), *(len(row) for row in table.rows)], default=1) or 1
    word_table = word.doc.add_table(rows=1, cols=columns)
    word_table.style = "Table Grid"
    header_row = word_table.rows[0]
    # Marked as a header row: Word repeats it on each page and screen readers announce it.
    row_properties = header_row._tr.get_or_add_trPr()
    header_mark = OxmlElement("w:tblHeader")
    header_mark.set(qn("w:val"), "true")
    row_properties.append(header_mark)
    for cell, text in zip(header_row.cells, table.header, strict=False):
        cell.paragraphs[0].add_run(text).bold = True
    for row in table.rows:
        cells = word_table.add_row().cells
        for cell, text in zip(cells, row, strict=False):
            cell.text = text


def _docx_language(doc: Any, language: str) -> None:
    """The language on the document's default run style, so Word proofs and reads it aloud so."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    run_properties = doc.styles["Normal"].element.get_or_add_rPr()
    lang = run_properties.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        run_properties.append(lang)
    lang.set(qn("w:val"), language)


def _docx_block(word: _Word, block: Block) -> None:
    if isinstance(block, Heading):
        # Section headings are "Heading 1"; a block's level 2 is "Heading 2", and so on.
        word.paragraph(f"Heading {min(max(block.level, 2), 6)}", block.text)
    elif isinstance(block, Paragraph):
        paragraph = word.paragraph()
        if block.number:
            paragraph.add_run(f"{block.number}\t")
        _docx_runs(paragraph, block.runs)
    elif isinstance(block, BulletList):
        style = "List Number" if block.ordered else "List Bullet"
        for item in block.items:
            _docx_runs(word.paragraph(style), item.runs)
    elif isinstance(block, Table):
        _docx_table(word, block)
    elif isinstance(block, Chart):
        # Word cannot hold the vector chart faithfully: its alt text stands in, beside its figures.
        word.paragraph().add_run(block.alt).italic = True
        _docx_table(word, block.table)
    elif isinstance(block, Image):
        # Images are not embedded (nothing is fetched while building): their description is.
        word.paragraph().add_run(f"Image: {block.alt}").italic = True


def docx_render(document: BuiltDocument) -> bytes:
    """The document as an editable Word file: title page, Word heading styles, real tables."""
    from docx import Document as WordDocument
    from docx.enum.text import WD_BREAK

    doc = WordDocument()
    language = document.language or "en"
    doc.core_properties.title = document.title
    doc.core_properties.language = language
    doc.core_properties.subject = document.kind_label
    doc.core_properties.author = document.organisation
    _docx_language(doc, language)

    word = _Word(doc)
    word.paragraph("Title", document.title)
    word.paragraph("Subtitle", document.kind_label)
    for line in (
        document.strategy_name,
        document.organisation,
        document.as_of_text,
        f"Version {document.version_number}",
        document.sign_off_line,
    ):
        if line:
            word.paragraph(text=line)
    if document.is_illustrative:
        word.paragraph().add_run(ILLUSTRATIVE_NOTE).italic = True

    for section in document.sections:
        # The first section leaves the title page; others start a page where the PDF does.
        if section is document.sections[0] or section.starts_new_page:
            word.paragraph().add_run().add_break(WD_BREAK.PAGE)
        word.paragraph("Heading 1", section.heading)
        for block in section.blocks:
            _docx_block(word, block)

    # The same version built twice gives the same bytes: python-docx stamps the time of the
    # build into the properties and into every entry of the zip.
    moment = datetime.datetime.combine(document.as_of or datetime.date(2000, 1, 1), datetime.time())
    doc.core_properties.created = doc.core_properties.modified = moment
    doc.core_properties.last_modified_by = document.organisation
    doc.core_properties.revision = document.version_number
    out = io.BytesIO()
    doc.save(out)
    return _zip_timeless(out.getvalue(), moment)


def _zip_timeless(content: bytes, moment: datetime.datetime) -> bytes:
    """The zip archive again, every entry stamped with `moment`, not the time it was written."""
    stamp = moment.timetuple()[:6]
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(out, "w") as target:
        for entry in source.infolist():
            fixed = zipfile.ZipInfo(entry.filename, date_time=stamp)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = entry.external_attr
            target.writestr(fixed, source.read(entry.filename))
    return out.getvalue()
