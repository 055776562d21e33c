"""Data protection for the register: who may be emailed, subject access, and erasure (UK GDPR).

`recipients_contactable` is the one gate every mail path goes through. Subject access reports
are gathered from providers that apps register (stakeholders never imports the apps above it:
meetings registers what it and governance hold about a person). Erasure deletes contact data
and keeps the person's contributions, pointing at an anonymised record.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth.models import AnonymousUser
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast

from convenor.accounts.models import User
from convenor.core import clock
from convenor.core.models import AuditEvent
from convenor.stakeholders.models import Person

Actor = User | AnonymousUser | None

REASON_ERASED = "erased"
REASON_OPTED_OUT = "opted out of contact"
REASON_NO_EMAIL = "no email address"


# Who may be emailed


def reason_not_contactable(person: Person) -> str | None:
    """Why Convenor must not email `person` (erased, opted out, no address), or None if it may."""
    if person.erased_at is not None:
        return REASON_ERASED
    if person.opted_out:
        return REASON_OPTED_OUT
    if not person.email.strip():
        return REASON_NO_EMAIL
    return None


def recipients_contactable(people: Iterable[Person]) -> list[Person]:
    """The people of `people` whom Convenor may email, in the order given.

    Every mail-sending path calls this just before it addresses a message, so an opt-out or an
    erasure made since the list was drawn up still stops the mail.
    """
    return [person for person in people if reason_not_contactable(person) is None]


# Subject access


@dataclass(frozen=True)
class SubjectAccessSection:
    """One kind of record held about a person: a titled table of rows."""

    key: str
    title: str
    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


SubjectAccessProvider = Callable[[Person], list[SubjectAccessSection]]

_providers: list[SubjectAccessProvider] = []


def subject_access_provider_register(provider: SubjectAccessProvider) -> None:
    """Add what an app holds about a person to every subject access report (call in ready())."""
    if provider not in _providers:
        _providers.append(provider)


def text(value: Any) -> str:
    """A value as report text: dates in ISO 8601, nothing as an empty string."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "isoformat"):
        return str(value.isoformat())
    return str(value)


def _register_sections(person: Person) -> list[SubjectAccessSection]:
    """The person's own record, their organisation, and the audit trail about them."""
    record_columns = (
        "Name",
        "Email address",
        "Job title",
        "LinkedIn profile",
        "Lawful basis",
        "Consent given on",
        "Consent given by",
        "Wording consented to",
        "Opted out",
        "Sign-in account",
        "Added on",
        "Last changed on",
    )
    record = (
        person.name,
        person.email,
        person.job_title,
        person.linkedin_url,
        str(person.get_lawful_basis_display()),
        text(person.consent_date),
        str(person.get_consent_channel_display()) if person.consent_channel else "",
        person.consent_wording_version,
        text(person.opted_out),
        person.user.email if person.user else "",
        text(person.created_at),
        text(person.updated_at),
    )
    organisation = person.organisation
    organisation_rows: tuple[tuple[str, ...], ...] = (
        (
            (
                organisation.name,
                str(organisation.get_kind_display()),
                organisation.sector,
                organisation.website,
            ),
        )
        if organisation
        else ()
    )
    events = AuditEvent.objects.filter(
        target_type=ContentType.objects.get_for_model(Person), target_id=str(person.pk)
    ).order_by("at", "pk")
    return [
        SubjectAccessSection("person", "Your record", record_columns, (record,)),
        SubjectAccessSection(
            "organisation",
            "Organisation",
            ("Name", "Type", "Sector", "Website"),
            organisation_rows,
        ),
        SubjectAccessSection(
            "audit_events",
            "Changes made to your record",
            ("When", "What was done", "Fields changed"),
            tuple(
                (text(event.at), event.verb, ", ".join(event.detail.get("fields", [])))
                for event in events
            ),
        ),
    ]


def subject_access_report(*, person: Person) -> list[SubjectAccessSection]:
    """Everything Convenor holds about `person`, section by section (UK GDPR Article 15)."""
    person = Person.objects.select_related("organisation", "user").get(pk=person.pk)
    sections = _register_sections(person)
    for provider in _providers:
        sections.extend(provider(person))
    return sections


def subject_access_json(*, sections: Iterable[SubjectAccessSection]) -> str:
    """The report as JSON: each section's key maps to a list of records (column: value)."""
    data = {
        section.key: [dict(zip(section.columns, row, strict=True)) for row in section.rows]
        for section in sections
    }
    return json.dumps(data, indent=2, ensure_ascii=False)


# A spreadsheet runs a cell that starts with one of these as a formula (OWASP CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell_safe(value: str) -> str:
    """`value` made inert for a spreadsheet: a leading formula character is quoted with '."""
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def subject_access_csv(*, sections: Iterable[SubjectAccessSection]) -> str:
    """The report as one CSV: a row per value (section, record number, field, value)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Section", "Record", "Field", "Value"])
    for section in sections:
        for number, row in enumerate(section.rows, start=1):
            for column, value in zip(section.columns, row, strict=True):
                writer.writerow(
                    [csv_cell_safe(part) for part in (section.title, str(number), column, value)]
                )
    return out.getvalue()


# Erasure


def erased_label(person_pk: int) -> str:
    """What an erased person is called wherever their record is still shown."""
    return f"Erased person {person_pk}"


ERASED_FIELDS = (
    "key",
    "name",
    "email",
    "job_title",
    "linkedin_url",
    "consent_date",
    "consent_channel",
    "consent_wording_version",
    "opted_out",
    "user",
)


def _account_close(user: User) -> None:
    """Deactivate the account and delete the address it signs in with."""
    EmailAddress.objects.filter(user=user).delete()
    user.email = f"erased-account-{user.pk}@erased.invalid"
    user.name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save(update_fields=["email", "name", "is_active", "password"])


def _scrubbed(value: Any, *, pattern: re.Pattern[str], label: str) -> Any:
    """`value` (JSON data) with every match of `pattern` in its strings replaced by `label`."""
    if isinstance(value, str):
        return pattern.sub(label, value)
    if isinstance(value, list):
        return [_scrubbed(item, pattern=pattern, label=label) for item in value]
    if isinstance(value, dict):
        return {key: _scrubbed(item, pattern=pattern, label=label) for key, item in value.items()}
    return value


def _audit_details_scrub(*, words: list[str], label: str) -> None:
    """Replace the erased person's name and email in audit event details (services log names
    of invitees and attendees there). The details are JSON text: search both the raw and the
    JSON-escaped spelling, since databases store non-ASCII text either way."""
    if not words:
        return
    found = Q()
    for word in words:
        found |= Q(detail_text__contains=word) | Q(detail_text__contains=json.dumps(word)[1:-1])
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(word)}(?!\w)" for word in words))
    events = AuditEvent.objects.annotate(detail_text=Cast("detail", TextField())).filter(found)
    for event in events:
        event.detail = _scrubbed(event.detail, pattern=pattern, label=label)
        event.save(update_fields=["detail"])


@transaction.atomic
def person_erase(*, person: Person, actor: Actor) -> Person:
    """Erase a person's contact data, keeping their contributions under an anonymised record.

    Memberships, invitations, actions and declarations stay, pointing at "Erased person <id>";
    the audit trail records who erased whom and when, but not what was erased, and earlier
    events about the person are relabelled.
    """
    person = Person.objects.select_for_update().get(pk=person.pk)
    if person.erased_at is not None:
        return person
    old_name, old_email = person.name, person.email
    label = erased_label(person.pk)
    if person.user is not None:
        _account_close(person.user)
    person.key = f"erased-person-{person.pk}"
    person.name = label
    person.email = ""
    person.job_title = ""
    person.linkedin_url = ""
    person.consent_date = None
    person.consent_channel = ""
    person.consent_wording_version = ""
    person.opted_out = True
    person.user = None
    person.erased_at = clock.now()
    person.full_clean()
    person.save()

    person_type = ContentType.objects.get_for_model(Person)
    AuditEvent.objects.filter(target_type=person_type, target_id=str(person.pk)).update(
        target_repr=label
    )
    # Rows that name the person in their description (a membership, an invitation) were logged
    # with the name in their label: replace it wherever it stands as a whole name.
    if old_name.strip():
        whole_name = re.compile(rf"(?<!\w){re.escape(old_name)}(?!\w)")
        for event in AuditEvent.objects.filter(target_repr__contains=old_name):
            event.target_repr = whole_name.sub(label, event.target_repr)[:300]
            event.save(update_fields=["target_repr"])
    _audit_details_scrub(
        words=[word for word in (old_name.strip(), old_email.strip()) if word], label=label
    )
    AuditEvent.objects.create(
        actor=actor if isinstance(actor, User) else None,
        verb="erased",
        target_type=person_type,
        target_id=str(person.pk),
        target_repr=f"person {person.pk}",
        detail={"fields": list(ERASED_FIELDS)},
    )
    return person
