"""The three outputs of one document: the web page, the tagged PDF and the Word file.

Building a real PDF takes about a second, so one document is laid out once for the module and the
PDF and DOCX tests share it.
"""

from __future__ import annotations

import datetime
import io
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docx import Document as WordDocument
from pypdf import PdfReader

from convenor.publishing.blocks import (
    BuiltDocument,
    BuiltSection,
    BulletList,
    Chart,
    Heading,
    Image,
    Paragraph,
    Run,
    Table,
)
from convenor.publishing.render import Pdf, docx_render, html_render, pdf_render

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100" role="presentation" '
    'aria-labelledby="old-title"><title id="old-title">Old title</title>'
    '<rect x="10" y="10" width="40" height="80" fill="#1d70b8"/>'
    '<rect x="60" y="40" width="40" height="50" fill="#1d70b8"/></svg>'
)
STAGES = Table(
    caption="The stages of the strategy",
    header=("Stage", "Focus"),
    rows=(("Set up", "Agree the approach"), ("Develop", "Detailed work on interventions")),
)
HOSTILE = '<script>alert("x")</script> & <b>bold</b>'


def _document(sections: list[BuiltSection], **overrides: object) -> BuiltDocument:
    fields: dict[str, object] = {
        "title": "A Local Industrial Strategy: early beta",
        "kind_label": "Early beta statement",
        "strategy_name": "Local Industrial Strategy for the EM3 area",
        "organisation": "Enterprise M3 LEP",
        "as_of_text": "21 June 2019",
        "version_number": 2,
        "language": "en-GB",
        "sections": sections,
        "sign_off_line": "Signed off by Stacey King on behalf of the Board",
        "is_illustrative": True,
    }
    fields.update(overrides)
    return BuiltDocument(**fields)  # type: ignore[arg-type]


def _sections() -> list[BuiltSection]:
    """Three sections, each starting a new page: with the cover and contents, five pages."""
    return [
        BuiltSection(
            section_id=1,
            anchor="approach",
            heading="Our overall approach",
            starts_new_page=True,
            blocks=[
                Paragraph.of("The Board agreed nine long term priorities.", number="1.4"),
                Paragraph(
                    runs=(
                        Run("Co-design", bold=True),
                        Run(" is "),
                        Run("critical", italic=True),
                        Run("; see "),
                        Run("the stages", href="#stages"),
                        Run(" and "),
                        Run("no script", href="javascript:alert(1)"),
                        Run("."),
                    )
                ),
                BulletList(items=(Paragraph.of("Convening."), Paragraph.of("Developing."))),
                Paragraph(
                    runs=(
                        Run("Read "),
                        Run("the paper", href="https://example.org/paper"),
                        Run(" at "),
                        Run("https://example.org/lis", href="https://example.org/lis"),
                        Run("."),
                    )
                ),
                BulletList(items=(Paragraph.of("First."), Paragraph.of("Second.")), ordered=True),
            ],
        ),
        BuiltSection(
            section_id=2,
            anchor="timetable",
            heading="Timetable",
            starts_new_page=True,
            blocks=[
                Heading("The stages", level=2, anchor="stages"),
                STAGES,
                Heading("Milestones", level=3),
                Chart(
                    svg=SVG,
                    alt="Jobs rose from 80 to 50 thousand.",
                    table=Table(
                        "Jobs (thousands)", ("Year", "Jobs"), (("2015", "80"), ("2018", "50"))
                    ),
                ),
            ],
        ),
        BuiltSection(
            section_id=3,
            anchor="hostile",
            heading=HOSTILE,
            starts_new_page=True,
            blocks=[
                Paragraph.of(HOSTILE),
                # Nothing is fetched while building: not the network, not the disk.
                Image(src="http://127.0.0.1:9/map.png", alt="A map of the area"),
                Image(src="file:///etc/hostname", alt="A local file"),
            ],
        ),
    ]


@dataclass
class Built:
    document: BuiltDocument
    html: str
    pdf: Pdf
    docx: bytes
    connections: list[object]


@pytest.fixture(scope="module")
def built() -> Iterator[Built]:
    """The document rendered once; any network connection attempted while building is kept."""
    document = _document(_sections())
    connections: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        connections.append(address)
        raise OSError("no network in tests")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket.socket, "connect", refuse)
        html = html_render(document)
        pdf = pdf_render(html=html)
        docx = docx_render(document)
    yield Built(document=document, html=html, pdf=pdf, docx=docx, connections=connections)


class _Page(HTMLParser):
    """What the tests read from the HTML: ids, links, headings' text, elements' attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.starts: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[str, list[str]] = {}
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.starts.append((tag, attributes))
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        if tag == "a" and attributes.get("href"):
            self.links.append(str(attributes["href"]))
        if tag not in ("meta", "img", "br", "rect"):
            self._open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in self._open:
            while self._open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        if self._open:
            self.texts.setdefault(self._open[-1], []).append(data)

    def text_of(self, tag: str) -> list[str]:
        return self.texts.get(tag, [])


def _page(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


# --- HTML ------------------------------------------------------------------------------------


def test_html_is_one_standalone_page_with_its_language_and_title(built: Built) -> None:
    page = _page(built.html)

    assert built.html.startswith("<!DOCTYPE html>")
    assert ("html", {"lang": "en-GB"}) in page.starts
    assert page.text_of("title")[0] == "A Local Industrial Strategy: early beta"
    assert page.text_of("h1") == ["A Local Industrial Strategy: early beta"]
    # Nothing to fetch: no stylesheet or script links, the CSS is inline.
    assert not [tag for tag, _ in page.starts if tag in ("link", "script")]
    assert "<style>" in built.html


def test_html_cover_says_what_when_which_version_and_who_signed(built: Built) -> None:
    page = _page(built.html)
    paragraphs = page.text_of("p")
    details = page.text_of("dd")

    assert "Early beta statement" in paragraphs
    assert "Local Industrial Strategy for the EM3 area" in paragraphs
    assert "Enterprise M3 LEP" in paragraphs
    assert details == ["21 June 2019", "2"]
    assert "Signed off by Stacey King on behalf of the Board" in paragraphs
    assert any(text.startswith("Illustrative: ") for text in paragraphs)


def test_html_without_sign_off_or_illustrative_note() -> None:
    html = html_render(_document(_sections(), sign_off_line="", is_illustrative=False))

    assert "Signed off by" not in html
    assert "Illustrative:" not in html


def test_html_contents_link_to_each_sections_id(built: Built) -> None:
    page = _page(built.html)
    contents = built.html.split('<nav class="contents"', 1)[1].split("</nav>", 1)[0]

    assert re.findall(r'href="#([^"]+)"', contents) == ["approach", "timetable", "hostile"]
    assert [href for href in page.links if href.startswith("#")] == [
        "#approach",
        "#timetable",
        "#hostile",
        "#stages",
    ]
    assert all(href[1:] in page.ids for href in page.links if href.startswith("#"))
    assert [attrs["id"] for tag, attrs in page.starts if tag == "section"] == [
        "approach",
        "timetable",
        "hostile",
    ]


def test_html_blocks(built: Built) -> None:
    page = _page(built.html)
    html = built.html

    assert page.text_of("h2")[1:] == ["Our overall approach", "Timetable", HOSTILE]
    assert page.text_of("h3") == ["The stages"]
    assert page.text_of("h4") == ["Milestones"]
    assert '<span class="paragraph-number">1.4</span> The Board agreed' in html
    assert (
        "<p><strong>Co-design</strong> is <em>critical</em>; see "
        '<a href="#stages">the stages</a> and no script.</p>'
    ) in html
    assert "javascript:" not in html
    # On paper an outside link's address is printed after it, unless its text is the address.
    assert (
        '<p>Read <a href="https://example.org/paper" class="link-print-href">the paper</a> at '
        '<a href="https://example.org/lis">https://example.org/lis</a>.</p>'
    ) in html
    assert "<ul>" in html and "<ol>" in html
    assert page.text_of("caption") == ["The stages of the strategy", "Jobs (thousands)"]
    assert [attrs for tag, attrs in page.starts if tag == "th"][:2] == [
        {"scope": "col"},
        {"scope": "col"},
    ]
    assert page.text_of("th")[:2] == ["Stage", "Focus"]


def test_html_chart_is_inline_svg_labelled_by_its_alt_text_then_its_table(built: Built) -> None:
    page = _page(built.html)
    svg = next(attrs for tag, attrs in page.starts if tag == "svg")

    assert svg["role"] == "img"
    assert svg["aria-label"] == "Jobs rose from 80 to 50 thousand."
    assert "aria-labelledby" not in svg
    figure = built.html.split('<figure class="chart">', 1)[1].split("</figure>", 1)[0]
    assert re.search(
        r"<svg[^>]*><title>Jobs rose from 80 to 50 thousand.</title>.*</svg>\s*"
        r'<div class="table-wrapper"><table>\s*<caption>Jobs \(thousands\)</caption>',
        figure,
        re.DOTALL,
    )


def test_html_images_have_alt_text_and_no_local_file_address(built: Built) -> None:
    page = _page(built.html)

    assert [attrs for tag, attrs in page.starts if tag == "img"] == [
        {"src": "http://127.0.0.1:9/map.png", "alt": "A map of the area"},
        {"src": "", "alt": "A local file"},
    ]


def test_html_escapes_naughty_strings_in_headings_and_paragraphs(
    naughty_strings: list[str],
) -> None:
    sections = [
        BuiltSection(
            section_id=number,
            anchor=f"s{number}",
            heading=text,
            blocks=[Paragraph.of(text), Table(text, (text,), ((text,),))],
        )
        for number, text in enumerate(naughty_strings)
    ]

    html = html_render(_document(sections, title=naughty_strings[-1]))
    page = _page(html)

    # Every string comes back as the text it was (blank ones leave no text), and none of them
    # became an element.
    headings = ["".join(h.split()) for h in page.text_of("h2")[1:]]
    assert [h for h in headings if h] == [
        "".join(text.split()) for text in naughty_strings if "".join(text.split())
    ]
    assert {tag for tag, _ in page.starts} <= {
        "html", "head", "meta", "title", "style", "body", "header", "p", "h1", "dl", "div",
        "dt", "dd", "nav", "h2", "ol", "li", "a", "main", "section", "table", "caption",
        "thead", "tr", "th", "tbody", "td",
    }  # fmt: skip


# --- PDF -------------------------------------------------------------------------------------


def test_pdf_has_the_pages_its_layout_took(built: Built) -> None:
    reader = PdfReader(io.BytesIO(built.pdf.content))

    # The cover, the contents, then three sections that each start a new page.
    assert built.pdf.pages == 5
    assert len(reader.pages) == 5


def test_pdf_is_tagged_with_language_and_title(built: Built) -> None:
    reader = PdfReader(io.BytesIO(built.pdf.content))
    catalog = reader.trailer["/Root"]

    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/MarkInfo"]["/Marked"]) is True
    assert catalog["/Lang"] == "en-GB"
    assert reader.metadata is not None
    assert reader.metadata.title == "A Local Industrial Strategy: early beta"
    assert reader.pdf_header == "%PDF-1.7"


def test_pdf_text_has_every_heading_the_contents_pages_and_the_footer(built: Built) -> None:
    reader = PdfReader(io.BytesIO(built.pdf.content))
    pages = [" ".join((page.extract_text() or "").split()) for page in reader.pages]
    text = "\n".join(pages)

    for section in built.document.sections:
        assert section.heading in text
    assert "Page 1 of 5" in pages[0]
    assert "Page 5 of 5" in pages[4]
    assert "Signed off by Stacey King on behalf of the Board" in pages[0]
    # The contents give the page each section starts on.
    assert re.search(r"Our overall approach[ .]*3\b", pages[1])
    assert re.search(r"Timetable[ .]*4\b", pages[1])


def test_pdf_chart_stays_vector_and_nothing_was_fetched(built: Built) -> None:
    reader = PdfReader(io.BytesIO(built.pdf.content))
    timetable = reader.pages[3]
    xobjects = timetable["/Resources"].get("/XObject", {})

    # The SVG is drawn as paths: no raster image on its page.
    assert not [
        name for name, ref in xobjects.items() if ref.get_object().get("/Subtype") == "/Image"
    ]
    assert built.connections == []


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="poppler-utils is not installed")
def test_pdftotext_reads_the_pdf(built: Built, tmp_path: Path) -> None:
    path = tmp_path / "document.pdf"
    path.write_bytes(built.pdf.content)

    result = subprocess.run(
        ["pdftotext", str(path), "-"], capture_output=True, text=True, timeout=60, check=False
    )

    assert result.returncode == 0, result.stderr
    assert "Our overall approach" in result.stdout


# --- DOCX ------------------------------------------------------------------------------------


def test_docx_title_page_headings_and_properties(built: Built) -> None:
    doc = WordDocument(io.BytesIO(built.docx))
    paragraphs = [(p.style.name if p.style else "", p.text) for p in doc.paragraphs]

    assert paragraphs[:7] == [
        ("Title", "A Local Industrial Strategy: early beta"),
        ("Subtitle", "Early beta statement"),
        ("Normal", "Local Industrial Strategy for the EM3 area"),
        ("Normal", "Enterprise M3 LEP"),
        ("Normal", "21 June 2019"),
        ("Normal", "Version 2"),
        ("Normal", "Signed off by Stacey King on behalf of the Board"),
    ]
    assert [text for style, text in paragraphs if style == "Heading 1"] == [
        "Our overall approach",
        "Timetable",
        HOSTILE,
    ]
    assert [text for style, text in paragraphs if style == "Heading 2"] == ["The stages"]
    assert [text for style, text in paragraphs if style == "Heading 3"] == ["Milestones"]
    assert doc.core_properties.title == "A Local Industrial Strategy: early beta"
    assert doc.core_properties.language == "en-GB"


def test_docx_paragraphs_runs_and_lists(built: Built) -> None:
    doc = WordDocument(io.BytesIO(built.docx))
    by_text = {p.text: p for p in doc.paragraphs}

    assert "1.4\tThe Board agreed nine long term priorities." in by_text
    assert "Read the paper (https://example.org/paper) at https://example.org/lis." in by_text
    styled = by_text["Co-design is critical; see the stages and no script."]
    assert [(r.text, r.bold, r.italic) for r in styled.runs][:3] == [
        ("Co-design", True, None),
        (" is ", None, None),
        ("critical", None, True),
    ]
    assert by_text["Convening."].style.name == "List Bullet"  # type: ignore[union-attr]
    assert by_text["First."].style.name == "List Number"  # type: ignore[union-attr]
    assert by_text[HOSTILE].style.name == "Normal"  # type: ignore[union-attr]


def test_docx_tables_have_a_header_row_and_the_caption_above(built: Built) -> None:
    doc = WordDocument(io.BytesIO(built.docx))
    body = [child.tag.rsplit("}", 1)[1] for child in doc.element.body]
    stages, jobs = doc.tables

    assert [[cell.text for cell in row.cells] for row in stages.rows] == [
        ["Stage", "Focus"],
        ["Set up", "Agree the approach"],
        ["Develop", "Detailed work on interventions"],
    ]
    assert stages.style is not None and stages.style.name == "Table Grid"
    assert stages.rows[0]._tr.trPr.xml.count("tblHeader") == 1
    assert all(run.bold for run in stages.rows[0].cells[0].paragraphs[0].runs)
    # Each table follows its caption; the chart's alt text (in italics) comes before its table.
    captions = [p for p in doc.paragraphs if p.style is not None and p.style.name == "Caption"]
    assert [p.text for p in captions] == ["The stages of the strategy", "Jobs (thousands)"]
    alt = next(p for p in doc.paragraphs if p.text == "Jobs rose from 80 to 50 thousand.")
    assert alt.runs[0].italic is True
    assert [[cell.text for cell in row.cells] for row in jobs.rows] == [
        ["Year", "Jobs"],
        ["2015", "80"],
        ["2018", "50"],
    ]
    assert body.count("tbl") == 2


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_same_document_gives_the_same_docx_bytes_dated_as_the_document() -> None:
    document = _document(_sections(), as_of=datetime.date(2019, 6, 21))

    first = docx_render(document)
    time.sleep(1.1)  # zip entries record time to the second: a later build must not differ
    second = docx_render(document)

    assert first == second
    properties = WordDocument(io.BytesIO(first)).core_properties
    midnight = datetime.datetime(2019, 6, 21, tzinfo=datetime.UTC)
    assert (properties.created, properties.modified) == (midnight, midnight)


def test_libreoffice_converts_the_docx(built: Built, tmp_path: Path) -> None:
    source = tmp_path / "document.docx"
    source.write_bytes(built.docx)
    profile = tmp_path / "lo-profile"

    result = subprocess.run(
        [
            "soffice",
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    converted = PdfReader(tmp_path / "document.pdf")
    text = "".join(page.extract_text() or "" for page in converted.pages)
    assert "Our overall approach" in text
    assert "Detailed work on interventions" in text
