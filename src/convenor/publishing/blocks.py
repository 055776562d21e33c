"""The document model every publication is built into before it becomes HTML, PDF or DOCX.

Sections (written in Markdown, or generated from the record) become a list of blocks; each output
renders the same blocks, so the web page, the printed PDF and the Word document say the same thing.
Text in blocks is plain text, never markup: renderers escape it.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Run:
    """A stretch of text in one style; `href` makes it a link (`#id`: a place in the document)."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str = ""


@dataclass(frozen=True)
class Heading:
    """A heading inside a section (the section's own heading is level 1)."""

    text: str
    level: int = 2
    anchor: str = ""


@dataclass(frozen=True)
class Paragraph:
    runs: tuple[Run, ...]
    # A paragraph that a generated section numbers ("1.4") in a board paper.
    number: str = ""

    @classmethod
    def of(cls, text: str, *, number: str = "") -> Paragraph:
        return cls(runs=(Run(text),), number=number)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class BulletList:
    items: tuple[Paragraph, ...]
    ordered: bool = False


@dataclass(frozen=True)
class Table:
    """A table with a caption and a header row; every cell is plain text."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    """A chart drawn as SVG by Convenor's own chart code, with its alt text and data table.

    `svg` is markup Convenor generated (never user text); `alt` is what a screen reader says and
    what the DOCX prints in its place, beside the table that carries the figures.
    """

    svg: str
    alt: str
    table: Table


@dataclass(frozen=True)
class Image:
    """An image by address; an empty `alt` is a lint failure."""

    src: str
    alt: str


Block = Heading | Paragraph | BulletList | Table | Chart | Image


@dataclass
class BuiltSection:
    """A section ready to render: its heading, anchor, blocks and where it came from."""

    section_id: int | None
    anchor: str
    heading: str
    blocks: list[Block] = field(default_factory=list)
    starts_new_page: bool = False


@dataclass
class BuiltDocument:
    """Everything the renderers need: the cover's details and the sections in order."""

    title: str
    kind_label: str
    strategy_name: str
    organisation: str
    as_of_text: str
    version_number: int
    language: str
    sections: list[BuiltSection]
    # Shown on the cover and in the footer; blank until the version is signed off.
    sign_off_line: str = ""
    is_illustrative: bool = False
    # The date the document speaks for: also the DOCX's created and modified dates, so that
    # building the same version twice gives the same file.
    as_of: datetime.date | None = None
