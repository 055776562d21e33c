"""The register's filters: a registry any app adds to, and the one place a query is filtered.

Stakeholders knows nothing of the apps above it, so engagement adds its filters (body membership,
priority of interest, power/interest quadrant, relationship owner) through
`register_filter_add` in its ready(). The list pages, their exports and saved segments all go
through `register_filter_apply`, so a segment selects exactly what the list showed.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from django import forms
from django.db.models import Q, QuerySet
from django.utils.choices import BaseChoiceIterator
from django.utils.datastructures import MultiValueDict

from convenor.stakeholders.choices import LawfulBasis, OrganisationKind, Ownership
from convenor.stakeholders.models import Area, Organisation, Person
from convenor.ui.forms import GovukFormMixin

RegisterKind = Literal["people", "organisations"]
PeopleNarrow = Callable[[QuerySet[Person], Any], QuerySet[Person]]
OrganisationsNarrow = Callable[[QuerySet[Organisation], Any], QuerySet[Organisation]]


@dataclass(frozen=True)
class RegisterFilter:
    """One filter of the register: its GET parameter, its form field, and how it narrows."""

    name: str
    label: str
    field: Callable[[], forms.Field]
    people: PeopleNarrow | None = None
    organisations: OrganisationsNarrow | None = None
    order: int = 100

    def applies_to(self, kind: RegisterKind) -> bool:
        """Whether this filter narrows lists of `kind`."""
        return (self.people if kind == "people" else self.organisations) is not None


_filters: dict[str, RegisterFilter] = {}


def register_filter_add(register_filter: RegisterFilter) -> None:
    """Add a filter to the register's lists (call in an app's ready(); adding twice replaces)."""
    _filters[register_filter.name] = register_filter


def register_filters(kind: RegisterKind) -> list[RegisterFilter]:
    """The filters of the people or the organisations list, in the order they are shown."""
    chosen = [each for each in _filters.values() if each.applies_to(kind)]
    return sorted(chosen, key=lambda each: each.order)


def _is_empty(value: Any) -> bool:
    if isinstance(value, QuerySet):
        # A multiple choice left empty cleans to queryset.none(): known empty without a query.
        return value.query.is_empty()
    return value is None or value == "" or value == [] or value == ()


def _values(value: Any) -> list[Any]:
    """A cleaned value as a list: the choices of a multiple choice, or the one value."""
    return list(value) if isinstance(value, list | tuple | QuerySet) else [value]


class RegisterFilterForm(GovukFormMixin, forms.Form):
    """The register's filters for people or organisations, one field per registered filter."""

    register_kind: RegisterKind = "people"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for register_filter in register_filters(self.register_kind):
            form_field = register_filter.field()
            form_field.required = False
            form_field.label = register_filter.label
            self.fields[register_filter.name] = form_field

    def chosen(self) -> list[tuple[str, str]]:
        """The filters given a valid value: (label, the value as shown), in the form's order."""
        if not self.is_bound or not hasattr(self, "cleaned_data"):
            return []
        shown = []
        for name, form_field in self.fields.items():
            value = self.cleaned_data.get(name)
            if _is_empty(value):
                continue
            shown.append((str(form_field.label), value_label(form_field, value)))
        return shown


def value_label(form_field: forms.Field, value: Any) -> str:
    """A cleaned value as a person reads it: a choice's label, an object's name, the text."""
    if isinstance(form_field, forms.ChoiceField) and not isinstance(
        form_field, forms.ModelChoiceField
    ):
        labels = {str(key): str(label) for key, label in form_field.choices}  # type: ignore[misc,union-attr]
        return ", ".join(labels.get(str(each), str(each)) for each in _values(value))
    return ", ".join(str(each) for each in _values(value))


@dataclass
class RegisterQuery:
    """What a register query came to: the bound form, the filtered list, and the chosen filters."""

    form: RegisterFilterForm
    queryset: QuerySet[Any]
    chosen: list[tuple[str, str]] = field(default_factory=list)
    is_valid: bool = True

    def filters(self) -> dict[str, str | list[str]]:
        """The chosen filters as GET parameters (name to value or values), to store or audit."""
        stored: dict[str, str | list[str]] = {}
        # cleaned_data holds only the valid filters, those that narrowed the list.
        cleaned = getattr(self.form, "cleaned_data", {})
        for name in self.form.fields:
            value = cleaned.get(name)
            if _is_empty(value):
                continue
            values = [str(getattr(each, "pk", each)) for each in _values(value)]
            stored[name] = values if isinstance(value, list | tuple | QuerySet) else values[0]
        return stored


def filters_data(filters: Mapping[str, Any]) -> MultiValueDict[str, Any]:
    """A stored filters dict (name to a value or a list of values) as form data."""
    data: MultiValueDict[str, Any] = MultiValueDict()
    for name, value in filters.items():
        data.setlist(name, [str(each) for each in value] if isinstance(value, list) else [value])
    return data


def _base_queryset(kind: RegisterKind) -> QuerySet[Any]:
    if kind == "people":
        return Person.objects.select_related("organisation", "organisation__area").order_by(
            "name", "pk"
        )
    return Organisation.objects.select_related("area").order_by("name", "pk")


def register_filter_apply(*, kind: RegisterKind, data: Mapping[str, Any] | None) -> RegisterQuery:
    """The people or organisations that `data` (a GET QueryDict or stored filters) selects.

    Filters with a valid value narrow the list; a filter whose value is not valid (a body since
    deleted, say) is shown as an error on the form and does not narrow, and `is_valid` is False.
    """
    # Imported here: forms.py subclasses RegisterFilterForm from this module.
    from convenor.stakeholders.forms import OrganisationFilterForm, PersonFilterForm

    form_class = PersonFilterForm if kind == "people" else OrganisationFilterForm
    form = form_class(data if data else None)
    is_valid = form.is_valid() if form.is_bound else True
    queryset = _base_queryset(kind)
    cleaned = getattr(form, "cleaned_data", {})
    for register_filter in register_filters(kind):
        value = cleaned.get(register_filter.name)
        if _is_empty(value):
            continue
        narrow = register_filter.people if kind == "people" else register_filter.organisations
        assert narrow is not None
        queryset = narrow(queryset, value)
    return RegisterQuery(form=form, queryset=queryset, chosen=form.chosen(), is_valid=is_valid)


# The built-in filters


def _sector_choices() -> list[tuple[str, str]]:
    sectors = (
        Organisation.objects.exclude(sector="")
        .order_by("sector")
        .values_list("sector", flat=True)
        .distinct()
    )
    return [("", "All sectors"), *((sector, sector) for sector in sectors)]


class _SectorChoices(BaseChoiceIterator):
    """The sectors, read from the database at most once per form, and only when needed.

    An export never draws the form, so it should not pay for the query; a page that validates
    and draws it should pay once (field and widget share this iterator).
    """

    def __init__(self) -> None:
        self._choices: list[tuple[str, str]] | None = None

    def __iter__(self) -> Iterator[tuple[str, str]]:
        if self._choices is None:
            self._choices = _sector_choices()
        return iter(self._choices)

    def __deepcopy__(self, memo: dict[int, Any]) -> _SectorChoices:
        return self


class SectorChoiceField(forms.ChoiceField):
    """The sectors the register holds, as a select."""

    def __init__(self) -> None:
        super().__init__(choices=_SectorChoices())


CONSENT_CONTACTABLE = "contactable"
CONSENT_OPTED_OUT = "opted_out"
CONSENT_NO_EMAIL = "no_email"
CONSENT_ERASED = "erased"
CONSENT_RECORDED = "consent"
CONSENT_OTHER_BASIS = "other_basis"
CONSENT_STATES = [
    ("", "Any consent state"),
    (CONSENT_CONTACTABLE, "Contactable"),
    (CONSENT_OPTED_OUT, "Opted out"),
    (CONSENT_NO_EMAIL, "No email address"),
    (CONSENT_ERASED, "Erased"),
    (CONSENT_RECORDED, "Consent recorded"),
    (CONSENT_OTHER_BASIS, "Another lawful basis"),
]
# The same order of reasons as stakeholders.privacy.reason_not_contactable: erased first,
# then opted out, then no address; anyone else may be emailed.
CONSENT_CONDITIONS = {
    CONSENT_ERASED: Q(erased_at__isnull=False),
    CONSENT_OPTED_OUT: Q(erased_at__isnull=True, opted_out=True),
    CONSENT_NO_EMAIL: Q(erased_at__isnull=True, opted_out=False, email=""),
    CONSENT_CONTACTABLE: Q(erased_at__isnull=True, opted_out=False) & ~Q(email=""),
    CONSENT_RECORDED: Q(lawful_basis=LawfulBasis.CONSENT),
    CONSENT_OTHER_BASIS: ~Q(lawful_basis=LawfulBasis.CONSENT),
}


def consent_state(person: Person) -> str:
    """A person's contact state in words: Erased, Opted out, No email address or Contactable."""
    if person.erased_at is not None:
        return "Erased"
    if person.opted_out:
        return "Opted out"
    if not person.email.strip():
        return "No email address"
    return "Contactable"


def _search_people(people: QuerySet[Person], text: str) -> QuerySet[Person]:
    return people.filter(Q(name__icontains=text) | Q(email__icontains=text))


def _search_organisations(
    organisations: QuerySet[Organisation], text: str
) -> QuerySet[Organisation]:
    return organisations.filter(Q(name__icontains=text) | Q(sector__icontains=text))


def _builtin_filters() -> list[RegisterFilter]:
    return [
        RegisterFilter(
            name="q",
            label="Search",
            field=lambda: forms.CharField(max_length=200, help_text="A name or email address"),
            people=_search_people,
            organisations=_search_organisations,
            order=10,
        ),
        RegisterFilter(
            name="kind",
            label="Organisation type",
            field=lambda: forms.MultipleChoiceField(
                choices=OrganisationKind.choices, widget=forms.CheckboxSelectMultiple
            ),
            people=lambda people, value: people.filter(organisation__kind__in=value),
            organisations=lambda organisations, value: organisations.filter(kind__in=value),
            order=20,
        ),
        RegisterFilter(
            name="sector",
            label="Sector",
            field=SectorChoiceField,
            people=lambda people, value: people.filter(organisation__sector=value),
            organisations=lambda organisations, value: organisations.filter(sector=value),
            order=30,
        ),
        RegisterFilter(
            name="area",
            label="Area",
            field=lambda: forms.ModelMultipleChoiceField(
                queryset=Area.objects.order_by("name"), widget=forms.CheckboxSelectMultiple
            ),
            people=lambda people, value: people.filter(organisation__area__in=value),
            organisations=lambda organisations, value: organisations.filter(area__in=value),
            order=40,
        ),
        RegisterFilter(
            name="ownership",
            label="Public, private or third sector",
            field=lambda: forms.ChoiceField(choices=[("", "All sectors"), *Ownership.choices]),
            people=lambda people, value: people.filter(organisation__ownership=value),
            organisations=lambda organisations, value: organisations.filter(ownership=value),
            order=50,
        ),
        RegisterFilter(
            name="organisation",
            label="Organisation",
            field=lambda: forms.ModelChoiceField(
                queryset=Organisation.objects.order_by("name"), empty_label="All organisations"
            ),
            people=lambda people, value: people.filter(organisation=value),
            order=60,
        ),
        RegisterFilter(
            name="consent",
            label="Consent state",
            field=lambda: forms.ChoiceField(choices=CONSENT_STATES),
            people=lambda people, value: people.filter(CONSENT_CONDITIONS[value]),
            order=70,
        ),
    ]


for _builtin in _builtin_filters():
    register_filter_add(_builtin)
