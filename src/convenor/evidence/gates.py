"""The evidence criteria of the stage gates (strategy.gates): briefs, evidenced enquiries."""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from convenor.evidence.choices import BriefStatus
from convenor.evidence.models import EvidenceItem, ProjectBrief
from convenor.strategy.choices import StageKind
from convenor.strategy.gates import CriterionResult, criterion_register, priorities_lacking
from convenor.strategy.models import Strategy


def every_priority_has_a_project_brief(strategy: Strategy) -> CriterionResult:
    """Develop: every priority has a project brief that is not cancelled (one query)."""
    briefs = ProjectBrief.objects.filter(priority=OuterRef("pk")).exclude(
        status=BriefStatus.CANCELLED
    )
    return priorities_lacking(
        strategy=strategy,
        has=Exists(briefs),
        label="Every priority has a project brief",
        missing="has no project brief",
    )


def every_priority_has_an_evidenced_line_of_enquiry(strategy: Strategy) -> CriterionResult:
    """Develop: every priority has a line of enquiry answered by an evidence item (one query)."""
    # The hidden link table of EvidenceItem.lines_of_enquiry: a row is an answer to a line.
    answers = EvidenceItem.lines_of_enquiry.through.objects.filter(
        lineofenquiry__priority=OuterRef("pk")
    )
    return priorities_lacking(
        strategy=strategy,
        has=Exists(answers),
        label="Every priority has at least one line of enquiry answered by evidence",
        missing="has no line of enquiry answered by an evidence item",
    )


def evidence_gates_register() -> None:
    """Register them (called from the app's ready())."""
    criterion_register(kind=StageKind.DEVELOP, criterion=every_priority_has_a_project_brief)
    criterion_register(
        kind=StageKind.DEVELOP, criterion=every_priority_has_an_evidenced_line_of_enquiry
    )
