"""The sections a new publication starts with, by kind: what the paper asks each document to say.

Staff change, add, remove and reorder sections afterwards; these are only the starting outline.
Written sections start empty (the empty-section lint keeps them from being signed off so), except
where the strategy already holds the text (its theory of change, its emerging narrative).
"""

from __future__ import annotations

from dataclasses import dataclass

from convenor.publishing.choices import PublicationKind, SectionKind
from convenor.strategy.models import Strategy


@dataclass(frozen=True)
class OutlineSection:
    kind: SectionKind
    heading: str
    starts_new_page: bool = False
    # The strategy field whose text a written section starts with, if any.
    from_strategy: str = ""


_W = SectionKind.WRITTEN

OUTLINES: dict[str, list[OutlineSection]] = {
    PublicationKind.EARLY_BETA: [
        OutlineSection(_W, "About this statement"),
        OutlineSection(_W, "Our overall approach", from_strategy="theory_of_change"),
        OutlineSection(SectionKind.EVIDENCE_HIGHLIGHTS, "Highlights from the evidence", True),
        OutlineSection(_W, "An emerging narrative", True, from_strategy="narrative"),
        OutlineSection(SectionKind.LINES_OF_ENQUIRY, "The main lines of enquiry", True),
        OutlineSection(SectionKind.TIMETABLE, "Timetable", True),
        OutlineSection(SectionKind.ARRANGEMENTS, "How we are engaging", True),
        OutlineSection(_W, "Next steps"),
    ],
    PublicationKind.DRAFT_STRATEGY: [
        OutlineSection(_W, "Foreword"),
        OutlineSection(_W, "Our vision", from_strategy="vision"),
        OutlineSection(_W, "The narrative for the area", True, from_strategy="narrative"),
        OutlineSection(SectionKind.PRIORITIES, "The strategic priorities", True),
        OutlineSection(SectionKind.EVIDENCE_HIGHLIGHTS, "What the evidence tells us", True),
        OutlineSection(SectionKind.INTERVENTIONS, "Interventions", True),
        OutlineSection(SectionKind.ENGAGED, "How the strategy was made", True),
        OutlineSection(SectionKind.TIMETABLE, "Timetable", True),
    ],
    PublicationKind.FINAL_STRATEGY: [
        OutlineSection(_W, "Foreword"),
        OutlineSection(_W, "Our vision", from_strategy="vision"),
        OutlineSection(_W, "The narrative for the area", True, from_strategy="narrative"),
        OutlineSection(SectionKind.PRIORITIES, "The strategic priorities", True),
        OutlineSection(SectionKind.EVIDENCE_HIGHLIGHTS, "What the evidence tells us", True),
        OutlineSection(SectionKind.INTERVENTIONS, "Interventions", True),
        OutlineSection(SectionKind.ENGAGED, "How the strategy was made", True),
    ],
    PublicationKind.ENGAGEMENT_REPORT: [
        OutlineSection(_W, "Introduction"),
        OutlineSection(SectionKind.ENGAGED, "Who we engaged", True),
        OutlineSection(SectionKind.WHAT_THEY_SAID, "What they said", True),
        OutlineSection(SectionKind.YOU_SAID_WE_DID, "You said, we did", True),
        OutlineSection(_W, "Next steps"),
    ],
    PublicationKind.BOARD_PAPER: [
        OutlineSection(SectionKind.BOARD_ASKS, "The Board is asked to"),
        OutlineSection(_W, "Background"),
        OutlineSection(_W, "Conclusion and recommendation"),
    ],
    PublicationKind.EVIDENCE_SUMMARY: [
        OutlineSection(_W, "Introduction"),
        OutlineSection(SectionKind.EVIDENCE_HIGHLIGHTS, "Evidence highlights", True),
        OutlineSection(SectionKind.LINES_OF_ENQUIRY, "Lines of enquiry", True),
    ],
}


def outline_for(*, kind: str) -> list[OutlineSection]:
    return OUTLINES[kind]


def outline_text(*, section: OutlineSection, strategy: Strategy) -> str:
    """The text a written section starts with: the strategy's own, where it holds some."""
    return str(getattr(strategy, section.from_strategy, "") or "") if section.from_strategy else ""
