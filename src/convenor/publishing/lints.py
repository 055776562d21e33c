"""The checks every build runs on a document before it may be signed off.

`document_lint` runs each check over the built document and returns what they found; each
finding names the section it is in (None: the whole document) so staff can fix it or waive it
with a reason. `section_readability` gives the reading ease of every section for the version page.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

from convenor.publishing.blocks import (
    Block,
    BuiltDocument,
    BuiltSection,
    BulletList,
    Chart,
    Heading,
    Image,
    Paragraph,
    Table,
)
from convenor.publishing.choices import PAGE_RANGES, LintCode, PublicationKind

# Sections scoring below this Flesch reading ease are flagged: 30 is where "difficult" text
# (a university reading level) begins; plain English for a general audience scores 60 or more.
READABILITY_THRESHOLD = 30

# A section needs this many words before its score means anything.
READABILITY_MIN_WORDS = 30

# Words a draft leaves for later, matched whole and in any case; "[insert" opens a gap to fill.
_PLACEHOLDER = re.compile(
    r"\b(?:todo|tbc|tbd|xxx|lorem\s+ipsum|placeholder)\b|\[insert", re.IGNORECASE
)

# A sentence ends at ".", "!" or "?" (with any closing quotes or brackets) before a space or the
# end of the text; "1.4" and "e.g.x" do not end one because no space follows the stop.
_CLOSERS = "\"')]\u201d\u2019"
_SENTENCE = re.compile(rf"\S.*?(?:[.!?][{re.escape(_CLOSERS)}]*(?=\s|$)|$)", re.DOTALL)

# A word: letters or digits, with inner apostrophes and hyphens ("partner's", "co-design").
_WORD = re.compile("[^\\W_]+(?:['\u2019-][^\\W_]+)*")


@dataclass(frozen=True)
class Finding:
    """One problem a check found: which check, in which section (None: the whole document)."""

    code: str
    message: str
    section_id: int | None = None
    figure: str = ""


# --- Walking the document --------------------------------------------------------------------


def _prose(block: Block) -> Iterator[str]:
    """The running text of a block a reader reads as sentences: paragraphs and list items."""
    if isinstance(block, Paragraph):
        yield block.text
    elif isinstance(block, BulletList):
        for item in block.items:
            yield item.text


def _all_text(section: BuiltSection) -> Iterator[str]:
    """Every piece of text the section shows, tables, captions and alt text included."""
    yield section.heading
    for block in section.blocks:
        if isinstance(block, Heading):
            yield block.text
        elif isinstance(block, Table | Chart):
            table = block.table if isinstance(block, Chart) else block
            if isinstance(block, Chart):
                yield block.alt
            yield table.caption
            yield from table.header
            for row in table.rows:
                yield from row
        elif isinstance(block, Image):
            yield block.alt
        else:
            yield from _prose(block)


def sentences(text: str) -> list[str]:
    """The text split into sentences, each stripped; blank pieces dropped."""
    return [piece.strip() for piece in _SENTENCE.findall(text) if piece.strip()]


def _quoted(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


def _kind_label(kind: str) -> str:
    try:
        return str(PublicationKind(kind).label)
    except ValueError:
        return kind


# --- The checks ------------------------------------------------------------------------------


def page_count_check(*, page_count: int, kind: str) -> list[Finding]:
    """The printed length is within the range set for the kind (when the kind has one)."""
    if kind not in PAGE_RANGES:
        return []
    low, high = PAGE_RANGES[kind]
    if low <= page_count <= high:
        return []
    return [
        Finding(
            code=LintCode.PAGE_COUNT,
            message=(
                f"The PDF has {page_count} page{'s' if page_count != 1 else ''}; the "
                f"{_kind_label(kind).lower()} should have {low} to {high} pages."
            ),
            figure=f"{page_count} pages",
        )
    ]


def questions_check(*, document: BuiltDocument, is_consultation: bool) -> list[Finding]:
    """A document that is not a consultation asks its readers nothing: each question is quoted."""
    if is_consultation:
        return []
    findings = []
    for section in document.sections:
        texts = [section.heading]
        for block in section.blocks:
            texts.extend([block.text] if isinstance(block, Heading) else _prose(block))
        for text in texts:
            for sentence in sentences(text):
                if sentence.rstrip(_CLOSERS).endswith("?"):
                    findings.append(
                        Finding(
                            code=LintCode.QUESTIONS,
                            message=(
                                f"{_quoted(sentence)} asks the reader a question; a document "
                                "that is not a consultation asks none."
                            ),
                            section_id=section.section_id,
                        )
                    )
    return findings


def _is_empty(section: BuiltSection) -> bool:
    for block in section.blocks:
        if isinstance(block, Chart | Image | Table):
            return False
        if isinstance(block, Heading) and block.text.strip():
            return False
        if any(text.strip() for text in _prose(block)):
            return False
    return True


def empty_section_check(*, document: BuiltDocument) -> list[Finding]:
    """Every section says something: no blocks, or blocks of only whitespace, is empty."""
    return [
        Finding(
            code=LintCode.EMPTY_SECTION,
            message=f"The section {_quoted(section.heading)} is empty.",
            section_id=section.section_id,
        )
        for section in document.sections
        if _is_empty(section)
    ]


def placeholder_check(*, document: BuiltDocument) -> list[Finding]:
    """No text left for later (TODO, TBC, TBD, XXX, lorem ipsum, [insert ..., placeholder)."""
    findings = []
    for section in document.sections:
        found: list[str] = []
        for text in _all_text(section):
            for match in _PLACEHOLDER.finditer(text):
                word = " ".join(match.group(0).split())
                if word.lower() not in (each.lower() for each in found):
                    found.append(word)
        if found:
            findings.append(
                Finding(
                    code=LintCode.PLACEHOLDER,
                    message=(
                        f"The section {_quoted(section.heading)} has placeholder text: "
                        + ", ".join(_quoted(word) for word in found)
                        + "."
                    ),
                    section_id=section.section_id,
                )
            )
    return findings


def alt_text_check(*, document: BuiltDocument) -> list[Finding]:
    """Every image and chart says in words what it shows."""
    findings = []
    for section in document.sections:
        for block in section.blocks:
            if isinstance(block, Chart) and not block.alt.strip():
                what = (
                    f"The chart {_quoted(block.table.caption)}"
                    if block.table.caption
                    else ("A chart")
                )
            elif isinstance(block, Image) and not block.alt.strip():
                what = f"The image {block.src[:100]}" if block.src else "An image"
            else:
                continue
            findings.append(
                Finding(
                    code=LintCode.ALT_TEXT,
                    message=f"{what} in {_quoted(section.heading)} has no alt text.",
                    section_id=section.section_id,
                )
            )
    return findings


class _IdCollector(HTMLParser):
    """Collects every id="..." of an HTML page: the places a "#..." link can go."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)


def _html_ids(html: str) -> set[str]:
    collector = _IdCollector()
    collector.feed(html)
    return collector.ids


def broken_reference_check(*, document: BuiltDocument, html: str = "") -> list[Finding]:
    """Every link to a place in the document ("#x") lands on a section or a heading there."""
    targets = {section.anchor for section in document.sections if section.anchor}
    targets |= {
        block.anchor
        for section in document.sections
        for block in section.blocks
        if isinstance(block, Heading) and block.anchor
    }
    if html:
        targets |= _html_ids(html)
    findings = []
    for section in document.sections:
        for block in section.blocks:
            paragraphs = (
                [block]
                if isinstance(block, Paragraph)
                else list(block.items)
                if isinstance(block, BulletList)
                else []
            )
            for paragraph in paragraphs:
                for run in paragraph.runs:
                    href = run.href.strip()
                    if href.startswith("#") and href[1:] not in targets:
                        findings.append(
                            Finding(
                                code=LintCode.BROKEN_REFERENCE,
                                message=(
                                    f"The link {_quoted(run.text)} in "
                                    f"{_quoted(section.heading)} points to {href}, which is not "
                                    "in the document."
                                ),
                                section_id=section.section_id,
                            )
                        )
    return findings


# --- Readability -----------------------------------------------------------------------------

# Vowel pairs said as two syllables ("stu-di-o", "ac-tu-al", "pre-mi-um"), except after the
# letters that make them one ("na-tion", "so-cial", "re-gion", "qual-i-ty", "lan-guage").
_SPLIT_PAIR = re.compile(r"(?<![tcsgx])i[aou]|(?<![qg])ua")
# The endings the syllable counter treats as silent, and those like them that are said.
_SILENT_E = re.compile(r"[^aeiouy]e$")
_SAID_LE = re.compile(r"[^aeiouy]le$")
_SILENT_ES = re.compile(r"[^aeiouysxzcg]es$")
_SAID_ES = re.compile(r"(?:ch|sh)es$")
_SILENT_ED = re.compile(r"[^aeiouytd]ed$")


def syllables(word: str) -> int:
    """The syllables of an English word, counted by rule (no dictionary), for reading ease.

    Count the groups of vowels (a, e, i, o, u, y): "you" and "year" are one group each. Take one
    off for a silent ending when the word has another vowel group: a final "e" after a consonant
    ("make", "whole"; but not "-le" after a consonant, as in "table", nor "ee"), "-es" ("makes";
    but said after s, x, z, ch, sh, c and g, as in "boxes", "places", "changes"), and "-ed"
    ("hoped"; but said after t and d, as in "wanted"). Add one for a vowel pair said apart
    ("studio", "actual"). A number counts as one syllable; every word has at least one. Rules
    misjudge some words ("people", "area"), but Flesch's score rests on averages over a section,
    where those errors are small beside sentence length.
    """
    letters = re.sub(r"[^a-z]", "", word.lower())
    if not letters:
        # A number, or a word in another script: one syllable is as good a guess as any.
        return 1 if word.strip() else 0
    groups = len(re.findall(r"[aeiouy]+", letters))
    silent = (_SILENT_E.search(letters) is not None and _SAID_LE.search(letters) is None) or (
        _SILENT_ES.search(letters) is not None and _SAID_ES.search(letters) is None
    )
    silent = silent or _SILENT_ED.search(letters) is not None
    if silent and groups > 1:
        groups -= 1
    groups += len(_SPLIT_PAIR.findall(letters))
    return max(groups, 1)


@dataclass(frozen=True)
class Readability:
    """A section's counts and its Flesch reading ease (None when too short to score)."""

    words: int
    sentences: int
    syllables: int
    score: float | None


def readability(texts: list[str]) -> Readability:
    """Flesch reading ease of some running text: 206.835 - 1.015 (words/sentences)
    - 84.6 (syllables/words). Each paragraph or list item ends a sentence even without a stop."""
    word_count = sentence_count = syllable_count = 0
    for text in texts:
        for sentence in sentences(text):
            words = _WORD.findall(sentence)
            if not words:
                continue
            sentence_count += 1
            word_count += len(words)
            syllable_count += sum(syllables(word) for word in words)
    if word_count < READABILITY_MIN_WORDS:
        return Readability(word_count, sentence_count, syllable_count, None)
    score = 206.835 - 1.015 * (word_count / sentence_count) - 84.6 * (syllable_count / word_count)
    return Readability(word_count, sentence_count, syllable_count, round(score, 1))


def _section_readability(section: BuiltSection) -> Readability:
    return readability([text for block in section.blocks for text in _prose(block)])


def section_readability(document: BuiltDocument) -> dict[int | None, float | None]:
    """Each section's Flesch reading ease, by section id (None: too short to score)."""
    return {
        section.section_id: _section_readability(section).score for section in document.sections
    }


def readability_check(*, document: BuiltDocument) -> list[Finding]:
    """Sections hard to read for a general audience: reading ease below the threshold."""
    findings = []
    for section in document.sections:
        score = _section_readability(section).score
        if score is not None and score < READABILITY_THRESHOLD:
            findings.append(
                Finding(
                    code=LintCode.READABILITY,
                    message=(
                        f"The section {_quoted(section.heading)} is hard to read: its reading "
                        f"ease is {score:.1f}, below {READABILITY_THRESHOLD}. Shorter sentences "
                        "and plainer words raise it."
                    ),
                    section_id=section.section_id,
                    figure=f"Reading ease {score:.1f}",
                )
            )
    return findings


# --- All of them -----------------------------------------------------------------------------


def document_lint(
    *, document: BuiltDocument, html: str, page_count: int, kind: str, is_consultation: bool
) -> list[Finding]:
    """Every check over a built document, its HTML and its PDF's page count, in a fixed order."""
    return [
        *page_count_check(page_count=page_count, kind=kind),
        *questions_check(document=document, is_consultation=is_consultation),
        *empty_section_check(document=document),
        *placeholder_check(document=document),
        *alt_text_check(document=document),
        *broken_reference_check(document=document, html=html),
        *readability_check(document=document),
    ]
