"""Reads of interventions: a strategy's list (filtered), one with everything, a priority's, the
delivery review, and the choices the forms offer (organisations found by a search, never all).

Every list comes with what the four tests read already fetched (four_tests.interventions_for_tests)
so a page's query count does not grow with the number of interventions.
"""

from __future__ import annotations

from django.db.models import Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Subquery

from convenor.engagement.models import Activity, Contribution, Statement
from convenor.evidence.choices import GOOD_OR_BETTER
from convenor.evidence.models import EvidenceItem
from convenor.governance.choices import BodyKind
from convenor.interventions.four_tests import COMPELLING_OUTCOMES, interventions_for_tests
from convenor.interventions.models import (
    DeliveryMilestone,
    Intervention,
    ProgressUpdate,
    StageChange,
    Support,
)
from convenor.interventions.services import DELIVERY_STAGES
from convenor.meetings.models import Decision
from convenor.stakeholders.models import Organisation
from convenor.strategy.models import Priority, Strategy

# How many organisations a search shows at most: enough to pick from, never the whole register.
ORGANISATION_RESULTS = 20


def meets_all_tests_filter(queryset: QuerySet[Intervention]) -> QuerySet[Intervention]:
    """Only those meeting all four tests, decided in the database (the same rules as four_tests)."""
    outer = OuterRef("pk")
    supporters = (
        Support.objects.filter(intervention=outer)
        .order_by()
        .values("intervention")
        .annotate(total=Count("pk"))
        .values("total")
    )
    outside_lep = Support.objects.filter(intervention=outer).exclude(
        organisation_id=OuterRef("priority__strategy__lead_organisation_id")
    )
    good_evidence = EvidenceItem.objects.filter(interventions=outer, quality__in=GOOD_OR_BETTER)
    return (
        queryset.alias(
            supporter_count=Subquery(supporters, output_field=IntegerField()),
            has_outside=Exists(outside_lep),
            has_good_evidence=Exists(good_evidence),
        )
        # A strategy naming no LEP: every supporter counts as outside it.
        .filter(
            Q(priority__strategy__lead_organisation__isnull=True) | Q(has_outside=True),
            supporter_count__gte=2,
            has_good_evidence=True,
            lead_partner__isnull=False,
            compelling_decision__meeting__body__kind=BodyKind.STEERING_GROUP,
            compelling_decision__outcome__in=COMPELLING_OUTCOMES,
        )
        .exclude(cost_band="")
        .exclude(timescale="")
    )


def intervention_list(
    *,
    strategy: Strategy,
    priority: Priority | None = None,
    stage: str = "",
    meets_all: bool = False,
    query: str = "",
) -> QuerySet[Intervention]:
    """A strategy's interventions by priority and title, filtered, ready for the four tests."""
    interventions = Intervention.objects.filter(priority__strategy=strategy)
    if priority is not None:
        interventions = interventions.filter(priority=priority)
    if stage:
        interventions = interventions.filter(stage=stage)
    query = query.strip()
    if query:
        interventions = interventions.filter(
            Q(title__icontains=query) | Q(description__icontains=query)
        )
    if meets_all:
        interventions = meets_all_tests_filter(interventions)
    return interventions_for_tests(interventions).order_by("priority__number", "title", "pk")


def priority_interventions(*, priority: Priority) -> list[Intervention]:
    """A priority's interventions, ready for the four tests (for its staff page's panel)."""
    return list(
        interventions_for_tests(Intervention.objects.filter(priority=priority)).order_by(
            "title", "pk"
        )
    )


def intervention_get(*, strategy: Strategy, pk: int) -> Intervention | None:
    """One intervention of a strategy with everything its page shows."""
    # What four_tests.interventions_for_tests fetches, with the supporters' organisations too.
    return (
        Intervention.objects.filter(priority__strategy=strategy, pk=pk)
        .select_related(
            "lead_partner",
            "priority__strategy__lead_organisation",
            "compelling_decision__meeting__body",
        )
        .prefetch_related(
            Prefetch(
                "supports",
                queryset=Support.objects.select_related("organisation").order_by("given_on", "pk"),
            ),
            "evidence_items",
            Prefetch(
                "stage_changes",
                queryset=StageChange.objects.select_related("actor").order_by("at", "pk"),
            ),
            Prefetch("activities", queryset=Activity.objects.order_by("starts_at", "pk")),
            Prefetch(
                "contributions",
                queryset=Contribution.objects.select_related("author", "activity"),
            ),
            Prefetch("statements", queryset=Statement.objects.order_by("pk")),
            Prefetch("milestones", queryset=DeliveryMilestone.objects.order_by("due_on", "pk")),
            Prefetch(
                "progress_updates",
                queryset=ProgressUpdate.objects.select_related("author").order_by(
                    "-reported_on", "-pk"
                ),
            ),
        )
        .first()
    )


def evidence_item_interventions(*, item: EvidenceItem) -> list[Intervention]:
    """The interventions citing an evidence item, with their priority."""
    return list(
        Intervention.objects.filter(evidence_items=item)
        .select_related("priority__strategy")
        .order_by("priority__number", "title", "pk")
    )


def delivery_list(*, strategy: Strategy) -> QuerySet[Intervention]:
    """Agreed and in-delivery interventions by priority, with milestones and latest progress."""
    return (
        Intervention.objects.filter(priority__strategy=strategy, stage__in=DELIVERY_STAGES)
        .select_related("priority", "lead_partner")
        .prefetch_related(
            Prefetch("milestones", queryset=DeliveryMilestone.objects.order_by("due_on", "pk")),
            Prefetch(
                "progress_updates",
                queryset=ProgressUpdate.objects.select_related("author").order_by(
                    "-reported_on", "-pk"
                ),
            ),
        )
        .order_by("priority__number", "title", "pk")
    )


def organisation_search(
    *, query: str, exclude: QuerySet[Organisation] | None = None
) -> list[Organisation]:
    """Organisations whose name matches `query` (a few at most); none for an empty query."""
    query = query.strip()
    if not query:
        return []
    organisations = Organisation.objects.filter(name__icontains=query)
    if exclude is not None:
        organisations = organisations.exclude(pk__in=exclude.values("pk"))
    return list(organisations.order_by("name", "pk")[:ORGANISATION_RESULTS])


def lead_partner_choices(*, intervention: Intervention) -> QuerySet[Organisation]:
    """Whom to choose as lead partner: its supporters, the LEP, and the lead partner already set."""
    strategy = intervention.priority.strategy
    return (
        Organisation.objects.filter(
            Q(supports__intervention=intervention)
            | Q(pk=strategy.lead_organisation_id)
            | Q(pk=intervention.lead_partner_id)
        )
        .distinct()
        .order_by("name", "pk")
    )


def compelling_decision_choices(*, strategy: Strategy) -> QuerySet[Decision]:
    """Decisions taken at the strategy's steering group meetings, newest meeting first."""
    return (
        Decision.objects.filter(
            meeting__strategy=strategy, meeting__body__kind=BodyKind.STEERING_GROUP
        )
        .select_related("meeting__body")
        .order_by("-meeting__starts_at", "order", "pk")
    )


def evidence_item_choices(*, strategy: Strategy, query: str = "") -> QuerySet[EvidenceItem]:
    """The strategy's evidence items to link, by title, narrowed by `query` if given."""
    items = EvidenceItem.objects.filter(strategy=strategy)
    if query.strip():
        items = items.filter(title__icontains=query.strip())
    return items.order_by("title", "pk")


def activity_choices(*, strategy: Strategy) -> QuerySet[Activity]:
    """The strategy's activities, newest first."""
    return Activity.objects.filter(strategy=strategy).order_by("-starts_at", "pk")


def contribution_choices(*, priority: Priority) -> QuerySet[Contribution]:
    """Contributions tagged with the priority."""
    return (
        Contribution.objects.filter(priorities=priority)
        .select_related("author", "activity")
        .order_by("-activity__starts_at", "pk")
    )


def statement_choices(*, priority: Priority) -> QuerySet[Statement]:
    """Statements about the priority."""
    return Statement.objects.filter(priority=priority).order_by("pk")
