"""Writes to the stakeholder register: areas, organisations and people.

Every function validates the whole row (full_clean) inside one transaction and records an audit
event saying who changed what.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import models, transaction
from django.utils.text import slugify

from convenor.accounts.models import User
from convenor.core.services import record_delete, record_save, record_update
from convenor.stakeholders.choices import LawfulBasis, SizeBand
from convenor.stakeholders.models import Area, Organisation, Person

Actor = User | AnonymousUser | None

AREA_FIELDS = frozenset({"name", "gss_code", "tier", "county"})
ORGANISATION_FIELDS = frozenset(
    {"name", "kind", "sector", "size_band", "ownership", "area", "website", "linkedin_url"}
)
PERSON_FIELDS = frozenset(
    {
        "name",
        "organisation",
        "job_title",
        "email",
        "linkedin_url",
        "lawful_basis",
        "consent_date",
        "consent_channel",
        "consent_wording_version",
        "opted_out",
        "user",
    }
)


def key_for(*, model: type[models.Model], name: str) -> str:
    """A new unique key made from `name`: "surrey-county-council", or "...-2" if that is taken.

    Keys identify rows across scenario files; a name with no letters or digits in it (it may be
    in any script) still gets a key, from the kind of thing it is.
    """
    base = slugify(name)[:70].strip("-") or slugify(model._meta.model_name or "row")
    key, suffix = base, 1
    while model._default_manager.filter(key=key).exists():
        suffix += 1
        key = f"{base}-{suffix}"
    return key


# Areas


@transaction.atomic
def area_create(
    *, actor: Actor, name: str, tier: str, gss_code: str = "", county: str = ""
) -> Area:
    """Add a local authority area."""
    area = Area(
        key=key_for(model=Area, name=name),
        name=name,
        tier=tier,
        gss_code=gss_code,
        county=county,
    )
    return record_save(instance=area, actor=actor)


def area_update(*, area: Area, actor: Actor, data: Mapping[str, Any]) -> Area:
    """Change an area's name, code, tier or county."""
    return record_update(instance=area, actor=actor, data=data, fields=AREA_FIELDS)[0]


def area_delete(*, area: Area, actor: Actor) -> None:
    """Remove an area; organisations in it are kept, with no area."""
    record_delete(instance=area, actor=actor)


# Organisations


@transaction.atomic
def organisation_create(
    *,
    actor: Actor,
    name: str,
    kind: str,
    ownership: str,
    sector: str = "",
    size_band: str = SizeBand.NOT_APPLICABLE,
    area: Area | None = None,
    website: str = "",
    linkedin_url: str = "",
) -> Organisation:
    """Add an organisation to the register."""
    organisation = Organisation(
        key=key_for(model=Organisation, name=name),
        name=name,
        kind=kind,
        ownership=ownership,
        sector=sector,
        size_band=size_band,
        area=area,
        website=website,
        linkedin_url=linkedin_url,
    )
    return record_save(instance=organisation, actor=actor)


def organisation_update(
    *, organisation: Organisation, actor: Actor, data: Mapping[str, Any]
) -> Organisation:
    """Change an organisation's details."""
    return record_update(instance=organisation, actor=actor, data=data, fields=ORGANISATION_FIELDS)[
        0
    ]


def organisation_delete(*, organisation: Organisation, actor: Actor) -> None:
    """Remove an organisation; its people stay in the register, with no organisation."""
    record_delete(instance=organisation, actor=actor)


# People


@transaction.atomic
def person_create(
    *,
    actor: Actor,
    name: str,
    organisation: Organisation | None = None,
    job_title: str = "",
    email: str = "",
    linkedin_url: str = "",
    lawful_basis: str = LawfulBasis.LEGITIMATE_INTERESTS,
    consent_date: datetime.date | None = None,
    consent_channel: str = "",
    consent_wording_version: str = "",
    opted_out: bool = False,
    user: User | None = None,
) -> Person:
    """Add a person to the register, with the lawful basis on which we hold their details."""
    person = Person(
        key=key_for(model=Person, name=name),
        name=name,
        organisation=organisation,
        job_title=job_title,
        email=email,
        linkedin_url=linkedin_url,
        lawful_basis=lawful_basis,
        consent_date=consent_date,
        consent_channel=consent_channel,
        consent_wording_version=consent_wording_version,
        opted_out=opted_out,
        user=user,
    )
    return record_save(instance=person, actor=actor)


def person_update(*, person: Person, actor: Actor, data: Mapping[str, Any]) -> Person:
    """Change a person's details, consent or opt-out."""
    return record_update(instance=person, actor=actor, data=data, fields=PERSON_FIELDS)[0]


def person_delete(*, person: Person, actor: Actor) -> None:
    """Remove a person from the register, with their memberships of bodies."""
    record_delete(instance=person, actor=actor)
