"""The paper's four tests of an intervention: compelling, supported, evidence based, practical.

Each test is read from what is linked to the intervention, never stored, so it is always current.
Evaluate them over a list fetched with interventions_for_tests() to keep the query count constant.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from convenor.evidence.choices import GOOD_OR_BETTER
from convenor.governance.choices import BodyKind
from convenor.meetings.choices import DecisionOutcome

if TYPE_CHECKING:
    from convenor.interventions.models import Intervention

# The names, in the paper's order, for column headings and tags.
COMPELLING = "Compelling"
SUPPORTED = "Supported"
EVIDENCE_BASED = "Evidence based"
PRACTICAL = "Practical"
TEST_NAMES = (COMPELLING, SUPPORTED, EVIDENCE_BASED, PRACTICAL)

# A decision that says an intervention is compelling: taken, and taken as asked or amended.
COMPELLING_OUTCOMES = (DecisionOutcome.AS_ASKED, DecisionOutcome.AMENDED)

# The fewest supporting organisations for "supported".
SUPPORTERS_NEEDED = 2


@dataclass(frozen=True)
class TestResult:
    """One of the four tests for one intervention: whether it is met and why (or why not)."""

    __test__ = False  # Not a pytest test class, despite its name.

    name: str
    met: bool
    reason: str


def compelling_test(intervention: Intervention) -> TestResult:
    """Met when a steering group decided, as asked or amended, that it is compelling."""
    decision = intervention.compelling_decision
    if decision is None:
        return TestResult(COMPELLING, False, _("No steering group decision is recorded for it."))
    meeting = decision.meeting
    if meeting.body.kind != BodyKind.STEERING_GROUP:
        return TestResult(
            COMPELLING,
            False,
            _("The decision recorded was taken by %(body)s, which is not a steering group.")
            % {"body": meeting.body.name},
        )
    if decision.outcome not in COMPELLING_OUTCOMES:
        return TestResult(
            COMPELLING,
            False,
            _("The steering group's decision at %(meeting)s is recorded as “%(outcome)s”.")
            % {"meeting": meeting.title, "outcome": decision.get_outcome_display()},
        )
    return TestResult(
        COMPELLING,
        True,
        _("%(body)s decided it is compelling at %(meeting)s on %(date)s.")
        % {
            "body": meeting.body.name,
            "meeting": meeting.title,
            "date": f"{meeting.starts_at:%-d %B %Y}",
        },
    )


def supported_test(intervention: Intervention) -> TestResult:
    """Met with at least two supporting organisations, at least one of them outside the LEP."""
    lep_id = intervention.priority.strategy.lead_organisation_id
    # One support per organisation (a unique constraint), so supports count organisations.
    organisation_ids = [support.organisation_id for support in intervention.supports.all()]
    outside = [pk for pk in organisation_ids if pk != lep_id]
    count = len(organisation_ids)
    if count < SUPPORTERS_NEEDED:
        return TestResult(
            SUPPORTED,
            False,
            ngettext(
                "%(count)d organisation supports it; it needs at least two.",
                "%(count)d organisations support it; it needs at least two.",
                count,
            )
            % {"count": count},
        )
    if not outside:
        return TestResult(
            SUPPORTED,
            False,
            _("Its supporters are all the LEP; at least one must be from outside it."),
        )
    return TestResult(
        SUPPORTED,
        True,
        ngettext(
            "%(count)d organisations support it, %(outside)d of them outside the LEP.",
            "%(count)d organisations support it, %(outside)d of them outside the LEP.",
            len(outside),
        )
        % {"count": count, "outside": len(outside)},
    )


def evidence_based_test(intervention: Intervention) -> TestResult:
    """Met when at least one linked evidence item is rated good or better."""
    items = list(intervention.evidence_items.all())
    good = [item for item in items if item.quality in GOOD_OR_BETTER]
    if good:
        return TestResult(
            EVIDENCE_BASED,
            True,
            ngettext(
                "%(count)d linked evidence item is rated good or better.",
                "%(count)d linked evidence items are rated good or better.",
                len(good),
            )
            % {"count": len(good)},
        )
    if items:
        return TestResult(
            EVIDENCE_BASED,
            False,
            ngettext(
                "Its %(count)d linked evidence item is not rated good or better.",
                "None of its %(count)d linked evidence items is rated good or better.",
                len(items),
            )
            % {"count": len(items)},
        )
    return TestResult(EVIDENCE_BASED, False, _("No evidence item is linked to it."))


def practical_test(intervention: Intervention) -> TestResult:
    """Met when the lead partner, cost band and timescale are all set; the reason names gaps."""
    missing = []
    if intervention.lead_partner_id is None:
        missing.append(_("lead partner"))
    if not intervention.cost_band:
        missing.append(_("cost band"))
    if not intervention.timescale:
        missing.append(_("timescale"))
    if missing:
        if len(missing) == 1:
            listed = missing[0]
        else:
            listed = _("%(first)s and %(last)s") % {
                "first": ", ".join(missing[:-1]),
                "last": missing[-1],
            }
        return TestResult(PRACTICAL, False, _("Not yet set: %(missing)s.") % {"missing": listed})
    return TestResult(PRACTICAL, True, _("Its lead partner, cost band and timescale are set."))


def intervention_tests(intervention: Intervention) -> list[TestResult]:
    """The four tests in the paper's order: compelling, supported, evidence based, practical."""
    return [
        compelling_test(intervention),
        supported_test(intervention),
        evidence_based_test(intervention),
        practical_test(intervention),
    ]


def meets_all_tests(intervention: Intervention) -> bool:
    """Whether the intervention meets all four tests."""
    return all(result.met for result in intervention_tests(intervention))


def interventions_for_tests(queryset: QuerySet[Intervention]) -> QuerySet[Intervention]:
    """The queryset with everything the four tests read, so a list costs a fixed few queries."""
    return queryset.select_related(
        "priority__strategy",
        "compelling_decision__meeting__body",
    ).prefetch_related("supports", "evidence_items")
