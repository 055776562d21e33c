"""The checks a build runs before sign-off: each on a document made to fail it, and one clean."""

from __future__ import annotations

import dataclasses

import pytest

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
from convenor.publishing.choices import LintCode, PublicationKind
from convenor.publishing.lints import (
    READABILITY_THRESHOLD,
    Finding,
    document_lint,
    readability,
    section_readability,
    sentences,
    syllables,
)
from convenor.publishing.render import html_render

PLAIN = (
    "We want the area to grow in a way that is good for all who live and work here. "
    "We will work with firms, towns and schools to find the best ideas. "
    "The board will check the plan each year and tell you what has changed."
)
SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="5" height="5"/></svg>'
)


def _document(*sections: BuiltSection) -> BuiltDocument:
    return BuiltDocument(
        title="Early beta statement",
        kind_label="Early beta statement",
        strategy_name="Local Industrial Strategy",
        organisation="Enterprise M3",
        as_of_text="21 June 2019",
        version_number=1,
        language="en-GB",
        sections=list(sections),
    )


def _clean_document() -> BuiltDocument:
    return _document(
        BuiltSection(
            section_id=1,
            anchor="approach",
            heading="Our overall approach",
            blocks=[
                Paragraph.of(PLAIN),
                Heading("The stages", anchor="stages"),
                BulletList(items=(Paragraph.of("Set up."), Paragraph.of("Develop."))),
            ],
        ),
        BuiltSection(
            section_id=2,
            anchor="evidence",
            heading="Highlights from the evidence",
            blocks=[
                Paragraph(runs=(Run("See "), Run("the stages", href="#stages"), Run("."))),
                Paragraph(runs=(Run("Back to "), Run("our approach", href="#approach"), Run("."))),
                Chart(
                    svg=SVG,
                    alt="Jobs rose from 100 in 2015 to 120 in 2018.",
                    table=Table("Jobs", ("Year", "Jobs"), (("2015", "100"), ("2018", "120"))),
                ),
                Image(src="data:image/png;base64,AAAA", alt="The Enterprise M3 area"),
            ],
        ),
    )


def _lint(document: BuiltDocument, **overrides: object) -> list[Finding]:
    arguments: dict[str, object] = {
        "document": document,
        "html": "",
        "page_count": 14,
        "kind": PublicationKind.EARLY_BETA,
        "is_consultation": False,
    }
    arguments.update(overrides)
    return document_lint(**arguments)  # type: ignore[arg-type]


def test_a_clean_document_has_no_findings() -> None:
    document = _clean_document()

    assert _lint(document, html=html_render(document)) == []


# --- Page count ------------------------------------------------------------------------------


@pytest.mark.parametrize("pages", [11, 17])
def test_page_count_outside_the_kinds_range(pages: int) -> None:
    assert _lint(_clean_document(), page_count=pages) == [
        Finding(
            code=LintCode.PAGE_COUNT,
            message=(
                f"The PDF has {pages} pages; the early beta statement should have 12 to 16 pages."
            ),
            figure=f"{pages} pages",
        )
    ]


@pytest.mark.parametrize("pages", [12, 16])
def test_page_count_at_either_end_of_the_range_passes(pages: int) -> None:
    assert _lint(_clean_document(), page_count=pages) == []


def test_page_count_is_not_checked_for_kinds_without_a_range() -> None:
    assert _lint(_clean_document(), page_count=90, kind=PublicationKind.DRAFT_STRATEGY) == []


# --- Questions -------------------------------------------------------------------------------


def _questions_document() -> BuiltDocument:
    return _document(
        BuiltSection(
            section_id=7,
            anchor="next",
            heading="What happens next?",
            blocks=[
                Heading("Can you help?"),
                Paragraph.of("We are testing ideas. What do you think of them? Tell us soon."),
                BulletList(items=(Paragraph.of("Is transport the main issue?"),)),
                Table("Does a table count?", ("Column?",), (("Cell?",),)),
            ],
        )
    )


def test_questions_in_a_document_that_is_not_a_consultation() -> None:
    def finding(sentence: str) -> Finding:
        return Finding(
            code=LintCode.QUESTIONS,
            message=(
                f"“{sentence}” asks the reader a question; a document that is not a "
                "consultation asks none."
            ),
            section_id=7,
        )

    # Headings, paragraphs and lists are read; a table's caption and cells are data, not prose.
    assert [f for f in _lint(_questions_document()) if f.code == LintCode.QUESTIONS] == [
        finding("What happens next?"),
        finding("Can you help?"),
        finding("What do you think of them?"),
        finding("Is transport the main issue?"),
    ]


def test_a_consultation_may_ask_questions() -> None:
    findings = _lint(_questions_document(), is_consultation=True)

    assert [f for f in findings if f.code == LintCode.QUESTIONS] == []


# --- Empty sections and placeholders --------------------------------------------------------


def test_empty_sections() -> None:
    document = _document(
        BuiltSection(section_id=3, anchor="a", heading="Next steps", blocks=[]),
        BuiltSection(
            section_id=4,
            anchor="b",
            heading="Foreword",
            blocks=[Paragraph.of("  \n "), BulletList(items=(Paragraph.of("\t"),))],
        ),
        BuiltSection(section_id=5, anchor="c", heading="Data", blocks=[Table("T", ("A",), ())]),
    )

    assert [f for f in _lint(document) if f.code == LintCode.EMPTY_SECTION] == [
        Finding(LintCode.EMPTY_SECTION, "The section “Next steps” is empty.", section_id=3),
        Finding(LintCode.EMPTY_SECTION, "The section “Foreword” is empty.", section_id=4),
    ]


def test_placeholder_text_whole_words_in_any_case() -> None:
    document = _document(
        BuiltSection(
            section_id=8,
            anchor="a",
            heading="Foreword (TBC)",
            blocks=[
                Paragraph.of("Lorem  ipsum dolor. todo: the figures; see [Insert chart here]."),
                BulletList(items=(Paragraph.of("Xxx to confirm"), Paragraph.of("tbd"))),
                Table("Costs", ("Item",), (("Placeholder",),)),
            ],
        ),
        # Placeholder inside other words is not one: "placeholders", "mastodon", "xxxl".
        BuiltSection(
            section_id=9,
            anchor="b",
            heading="Words",
            blocks=[Paragraph.of("Placeholders, stockade, mastodon and XXXL are fine words.")],
        ),
    )

    assert [f for f in _lint(document) if f.code == LintCode.PLACEHOLDER] == [
        Finding(
            LintCode.PLACEHOLDER,
            "The section “Foreword (TBC)” has placeholder text: “TBC”, “Lorem ipsum”, “todo”, "
            "“[Insert”, “Xxx”, “tbd”, “Placeholder”.",
            section_id=8,
        )
    ]


# --- Alt text --------------------------------------------------------------------------------


def test_images_and_charts_without_alt_text() -> None:
    document = _document(
        BuiltSection(
            section_id=11,
            anchor="a",
            heading="Evidence",
            blocks=[
                Chart(svg=SVG, alt="  ", table=Table("Jobs by year", ("Year",), (("2019",),))),
                Chart(svg=SVG, alt="", table=Table("", ("Year",), ())),
                Image(src="/media/map.png", alt=""),
                Image(src="/media/ok.png", alt="A map"),
            ],
        )
    )

    assert [f for f in _lint(document) if f.code == LintCode.ALT_TEXT] == [
        Finding(
            LintCode.ALT_TEXT,
            "The chart “Jobs by year” in “Evidence” has no alt text.",
            section_id=11,
        ),
        Finding(LintCode.ALT_TEXT, "A chart in “Evidence” has no alt text.", section_id=11),
        Finding(
            LintCode.ALT_TEXT,
            "The image /media/map.png in “Evidence” has no alt text.",
            section_id=11,
        ),
    ]


# --- Internal references --------------------------------------------------------------------


def test_broken_internal_references() -> None:
    document = _clean_document()
    document.sections[1].blocks.append(
        BulletList(
            items=(
                Paragraph(runs=(Run("the timetable", href="#timetable"),)),
                Paragraph(runs=(Run("outside", href="https://example.org/#nowhere"),)),
                Paragraph(runs=(Run("an empty link", href="#"),)),
            )
        )
    )

    findings = _lint(document, html=html_render(document))

    assert findings == [
        Finding(
            LintCode.BROKEN_REFERENCE,
            "The link “the timetable” in “Highlights from the evidence” points to #timetable, "
            "which is not in the document.",
            section_id=2,
        ),
        Finding(
            LintCode.BROKEN_REFERENCE,
            "The link “an empty link” in “Highlights from the evidence” points to #, which is "
            "not in the document.",
            section_id=2,
        ),
    ]


def test_a_reference_to_a_place_the_page_itself_has_is_not_broken() -> None:
    document = _clean_document()
    document.sections[0].blocks.append(
        Paragraph(runs=(Run("the contents", href="#contents-heading"),))
    )

    assert _lint(document, html=html_render(document)) == []


# --- Readability -----------------------------------------------------------------------------

DENSE = (
    "Notwithstanding considerable institutional heterogeneity, the partnership's "
    "comprehensive prioritisation methodology operationalises evidence-based "
    "interventions, facilitating collaborative identification of transformational "
    "productivity opportunities across interconnected functional economic geographies, "
    "consequently necessitating sophisticated multidisciplinary governance arrangements "
    "incorporating representative organisational stakeholders."
)


def test_a_hard_to_read_section_is_flagged_with_its_score() -> None:
    document = _document(
        BuiltSection(section_id=21, anchor="a", heading="Approach", blocks=[Paragraph.of(DENSE)]),
        BuiltSection(section_id=22, anchor="b", heading="Plain", blocks=[Paragraph.of(PLAIN)]),
    )
    score = section_readability(document)[21]
    assert score is not None and score < READABILITY_THRESHOLD

    assert [f for f in _lint(document) if f.code == LintCode.READABILITY] == [
        Finding(
            LintCode.READABILITY,
            f"The section “Approach” is hard to read: its reading ease is {score:.1f}, below 30. "
            "Shorter sentences and plainer words raise it.",
            section_id=21,
            figure=f"Reading ease {score:.1f}",
        )
    ]


def test_every_sections_reading_ease_is_reported_and_short_sections_are_not_scored() -> None:
    document = _document(
        BuiltSection(section_id=1, anchor="a", heading="Plain", blocks=[Paragraph.of(PLAIN)]),
        BuiltSection(
            section_id=2, anchor="b", heading="Short", blocks=[Paragraph.of("Too short to score.")]
        ),
        BuiltSection(section_id=3, anchor="c", heading="Empty", blocks=[]),
    )

    # PLAIN: 46 words in 3 sentences, 48 syllables ("area" and "ideas" counted as two each).
    assert dataclasses.astuple(readability([PLAIN])) == (46, 3, 48, 103.0)
    assert section_readability(document) == {1: 103.0, 2: None, 3: None}


def test_flesch_reading_ease_formula() -> None:
    text = " ".join(["The cat sat on the mat."] * 6)

    result = readability([text])

    # 36 one-syllable words in 6 sentences: 206.835 - 1.015 * 6 - 84.6 * 1.
    assert dataclasses.astuple(result) == (36, 6, 36, 116.1)


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("the", 1),
        ("make", 1),
        ("table", 2),
        ("makes", 1),
        ("boxes", 2),
        ("churches", 2),
        ("hoped", 1),
        ("wanted", 2),
        ("free", 1),
        ("agreed", 2),
        ("you", 1),
        ("year", 1),
        ("studio", 3),
        ("nation", 2),
        ("quality", 3),
        ("strategy", 3),
        ("industrial", 4),
        ("co-design", 3),
        ("2019", 1),
    ],
)
def test_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


def test_sentences_end_at_a_stop_before_a_space_not_inside_numbers() -> None:
    assert sentences('See paragraph 1.4 first. Is it "clear?" Yes!') == [
        "See paragraph 1.4 first.",
        'Is it "clear?"',
        "Yes!",
    ]
