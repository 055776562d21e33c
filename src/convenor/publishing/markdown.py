"""Written sections' Markdown turned into document blocks, by walking markdown-it-py's tokens.

The text is never trusted as markup: HTML is switched off in the parser, so raw HTML stays text,
and only the structures below become blocks. Links keep their address only when it is http(s),
mailto or a place in the document (#anchor); any other link becomes its plain text.

Lists are one level deep in every output: the items of a nested list are flattened into the list
that holds them, in reading order. Block quotes become ordinary paragraphs; code becomes a
paragraph of its text; thematic breaks are dropped.
"""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from convenor.publishing.blocks import Block, BulletList, Heading, Image, Paragraph, Run, Table

# CommonMark plus GitHub-style tables; HTML off, so "<script>" is shown as the text it is.
_PARSER = MarkdownIt("commonmark", {"html": False}).enable("table")

# The link addresses a document keeps: the web, email, and places in the document itself.
_SAFE_LINK_PREFIXES = ("http://", "https://", "mailto:", "#")


def safe_href(href: str) -> str:
    """The address if a document may link to it, else "" (the link becomes plain text)."""
    address = href.strip()
    return address if address.lower().startswith(_SAFE_LINK_PREFIXES) else ""


def _merge(runs: list[Run]) -> tuple[Run, ...]:
    """Join neighbouring runs of the same style, and drop empty ones."""
    merged: list[Run] = []
    for run in runs:
        if not run.text:
            continue
        last = merged[-1] if merged else None
        if last and (last.bold, last.italic, last.href) == (run.bold, run.italic, run.href):
            merged[-1] = Run(last.text + run.text, last.bold, last.italic, last.href)
        else:
            merged.append(run)
    return tuple(merged)


def _inline(token: Token) -> tuple[tuple[Run, ...], list[Image]]:
    """The runs of an inline token, and the images found in it (taken out as blocks)."""
    runs: list[Run] = []
    images: list[Image] = []
    bold = italic = 0
    href = ""
    for child in token.children or []:
        kind = child.type
        if kind == "strong_open":
            bold += 1
        elif kind == "strong_close":
            bold = max(bold - 1, 0)
        elif kind == "em_open":
            italic += 1
        elif kind == "em_close":
            italic = max(italic - 1, 0)
        elif kind == "link_open":
            href = safe_href(str(child.attrs.get("href", "")))
        elif kind == "link_close":
            href = ""
        elif kind == "image":
            images.append(Image(src=str(child.attrs.get("src", "")), alt=child.content.strip()))
        elif kind in ("softbreak", "hardbreak"):
            runs.append(Run(" ", bold > 0, italic > 0, href))
        else:
            # text, code_inline, html_inline (shown as text) and anything else with content.
            runs.append(Run(child.content, bold > 0, italic > 0, href))
    return _merge(runs), images


def _plain(token: Token) -> str:
    runs, images = _inline(token)
    return "".join(run.text for run in runs).strip() or " ".join(i.alt for i in images).strip()


def _heading_level(tag: str) -> int:
    """# in a section is level 2 (the section's own heading is 1); ## and deeper are level 3."""
    return 2 if tag == "h1" else 3


def _table(tokens: Sequence[Token], start: int) -> tuple[Table, int]:
    """The table opening at `start`, and the index after it."""
    header: list[str] = []
    rows: list[tuple[str, ...]] = []
    row: list[str] = []
    in_head = False
    index = start + 1
    while index < len(tokens) and tokens[index].type != "table_close":
        token = tokens[index]
        if token.type == "thead_open":
            in_head = True
        elif token.type == "thead_close":
            in_head = False
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close":
            if in_head:
                header = row
            else:
                rows.append(tuple(row))
        elif token.type == "inline":
            row.append(_plain(token))
        index += 1
    width = len(header)
    # Every body row as wide as the header, so each output draws a rectangle.
    even = tuple(tuple((list(r) + [""] * width)[:width]) if width else r for r in rows)
    return Table(caption="", header=tuple(header), rows=even), index + 1


def _list(tokens: Sequence[Token], start: int) -> tuple[list[Block], int]:
    """The list opening at `start` (nested lists flattened into it), any images in it, and the
    index after it."""
    ordered = tokens[start].type == "ordered_list_open"
    depth = 0
    items: list[Paragraph] = []
    images: list[Block] = []
    current: list[Run] | None = None
    index = start
    while index < len(tokens):
        token = tokens[index]
        if token.type in ("bullet_list_open", "ordered_list_open"):
            depth += 1
        elif token.type in ("bullet_list_close", "ordered_list_close"):
            depth -= 1
            if depth == 0:
                break
        elif token.type == "list_item_open":
            if current is not None:
                items.append(Paragraph(runs=_merge(current)))
            current = []
        elif token.type == "list_item_close":
            if current is not None:
                items.append(Paragraph(runs=_merge(current)))
            current = None
        elif token.type in ("inline", "code_block", "fence"):
            if token.type == "inline":
                runs, found = _inline(token)
                images.extend(found)
            else:
                runs = (Run(token.content.strip()),)
            if current is None:
                current = []
            elif current:
                current.append(Run(" "))
            current.extend(runs)
        index += 1
    kept = tuple(item for item in items if item.runs)
    blocks: list[Block] = [BulletList(items=kept, ordered=ordered)] if kept else []
    return blocks + images, index + 1


def markdown_blocks(text: str) -> list[Block]:
    """The blocks a written section's Markdown makes: paragraphs with bold, italic and link runs,
    headings, lists (one level), tables and images. Never raises on any text."""
    tokens = _PARSER.parse(text or "")
    blocks: list[Block] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            heading = _plain(tokens[index + 1]) if index + 1 < len(tokens) else ""
            if heading:
                blocks.append(Heading(text=heading, level=_heading_level(token.tag)))
            index += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            found, index = _list(tokens, index)
            blocks.extend(found)
            continue
        if kind == "table_open":
            table, index = _table(tokens, index)
            blocks.append(table)
            continue
        if kind == "inline":
            runs, images = _inline(token)
            if "".join(run.text for run in runs).strip():
                blocks.append(Paragraph(runs=runs))
            blocks.extend(images)
        elif kind in ("code_block", "fence") and token.content.strip():
            blocks.append(Paragraph.of(token.content.strip()))
        index += 1
    return blocks
