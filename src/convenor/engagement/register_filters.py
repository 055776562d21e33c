"""The register filters engagement adds: body membership, priority of interest, quadrant, owner.

Stakeholders cannot import engagement or governance, so these reach its lists through
stakeholders.register's registry (added from EngagementConfig.ready()).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet

from convenor.core import clock
from convenor.engagement.choices import Level, Quadrant
from convenor.governance.models import Body, Membership
from convenor.stakeholders.models import Organisation, Person
from convenor.stakeholders.register import RegisterFilter, register_filter_add
from convenor.strategy.models import Priority

HIGH = Level.HIGH
# Each quadrant as a condition on a relationship's power and interest (see choices.quadrant_of).
QUADRANT_LOOKUPS: dict[Quadrant, dict[str, int]] = {
    Quadrant.MANAGE_CLOSELY: {"power__gte": HIGH, "interest__gte": HIGH},
    Quadrant.KEEP_SATISFIED: {"power__gte": HIGH, "interest__lt": HIGH},
    Quadrant.KEEP_INFORMED: {"power__lt": HIGH, "interest__gte": HIGH},
    Quadrant.MONITOR: {"power__lt": HIGH, "interest__lt": HIGH},
}


def quadrant_condition(quadrant: str, prefix: str = "") -> Q:
    """A Q selecting relationships in `quadrant`, their fields reached through `prefix`."""
    conditions = QUADRANT_LOOKUPS[Quadrant(quadrant)]
    return Q(**{f"{prefix}{name}": value for name, value in conditions.items()})


def current_members(body: Body) -> QuerySet[Membership]:
    """The memberships of `body` that have not ended: no end date, or ending today or later."""
    return Membership.objects.filter(body=body).filter(
        Q(ends_on__isnull=True) | Q(ends_on__gte=clock.today())
    )


class PriorityChoiceField(forms.ModelChoiceField):
    """Priorities, named with their strategy so that two strategies' "1." differ."""

    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.strategy.name}: {obj}"


class OwnerChoiceField(forms.ModelChoiceField):
    """Relationship owners: people whose sign-in account is staff."""

    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


def staff_people() -> QuerySet[Person]:
    """People whose sign-in account is staff: those who may own a relationship."""
    return Person.objects.filter(user__is_staff=True).order_by("name")


def _body_people(people: QuerySet[Person], body: Body) -> QuerySet[Person]:
    return people.filter(pk__in=current_members(body).values("person_id"))


def _body_organisations(
    organisations: QuerySet[Organisation], body: Body
) -> QuerySet[Organisation]:
    # An organisation is on a body when one of its people is, or a member represents it.
    members = current_members(body)
    return organisations.filter(
        Q(pk__in=members.values("person__organisation_id"))
        | Q(pk__in=members.values("representing_id"))
    )


def _priority_people(people: QuerySet[Person], priority: Priority) -> QuerySet[Person]:
    return people.filter(
        Q(relationship__priorities=priority) | Q(organisation__relationship__priorities=priority)
    ).distinct()


def _priority_organisations(
    organisations: QuerySet[Organisation], priority: Priority
) -> QuerySet[Organisation]:
    return organisations.filter(relationship__priorities=priority).distinct()


def engagement_register_filters_add() -> None:
    """Add engagement's filters to the register's people and organisation lists."""
    register_filter_add(
        RegisterFilter(
            name="body",
            label="Current member of",
            field=lambda: forms.ModelChoiceField(
                queryset=Body.objects.order_by("name"), empty_label="Any body or none"
            ),
            people=_body_people,
            organisations=_body_organisations,
            order=110,
        )
    )
    register_filter_add(
        RegisterFilter(
            name="priority",
            label="Priority of interest",
            field=lambda: PriorityChoiceField(
                queryset=Priority.objects.select_related("strategy").order_by(
                    "strategy__name", "number"
                ),
                empty_label="Any priority",
            ),
            people=_priority_people,
            organisations=_priority_organisations,
            order=120,
        )
    )
    register_filter_add(
        RegisterFilter(
            name="quadrant",
            label="Power and interest",
            field=lambda: forms.ChoiceField(
                choices=[("", "Any or not assessed"), *Quadrant.choices]
            ),
            people=lambda people, value: people.filter(quadrant_condition(value, "relationship__")),
            organisations=lambda organisations, value: organisations.filter(
                quadrant_condition(value, "relationship__")
            ),
            order=130,
        )
    )
    register_filter_add(
        RegisterFilter(
            name="owner",
            label="Relationship owner",
            field=lambda: OwnerChoiceField(queryset=staff_people(), empty_label="Anyone"),
            people=lambda people, value: people.filter(relationship__owner=value),
            organisations=lambda organisations, value: organisations.filter(
                relationship__owner=value
            ),
            order=140,
        )
    )
