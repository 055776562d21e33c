"""Sign-in accounts for the people a scenario's `demo_logins` names, one per kind of user."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from convenor.accounts.models import User
from convenor.core.services import record_save
from convenor.scenarios.loader import ScenarioError, scenario_check, scenario_read
from convenor.stakeholders.models import Person

# One password for every demo account, printed by `convenor demo`: the demo holds no real data.
DEMO_PASSWORD = "convenor-demo-2019"


@dataclass(frozen=True)
class DemoLogin:
    """An account to sign in with for one kind of user: what it shows, and how to sign in."""

    role: str
    email: str
    password: str


@transaction.atomic
def demo_logins_create(*, path: Path) -> list[DemoLogin]:
    """Create (or bring up to date) an account for each demo login in the scenario at `path`.

    The scenario must already be loaded: each account is linked to its Person. Running this again
    changes nothing, except to put back the demo password if someone changed it.
    """
    document = scenario_check(data=scenario_read(path=path), source=path.name)
    keys = [login["person"] for login in document["demo_logins"]]
    people = {person.key: person for person in Person.objects.filter(key__in=keys)}
    missing = [
        (f"demo_logins[{index}].person", f"{key} is not in the database: load the scenario first")
        for index, key in enumerate(keys)
        if key not in people
    ]
    if missing:
        raise ScenarioError(path.name, missing)
    logins = []
    for login in document["demo_logins"]:
        person = people[login["person"]]
        user = _account_for(person=person, is_staff=login["staff"])
        logins.append(DemoLogin(role=login["role"], email=user.email, password=DEMO_PASSWORD))
    return logins


def _account_for(*, person: Person, is_staff: bool) -> User:
    """The person's account, created or corrected to match the scenario, and linked to them."""
    user = person.user or User.objects.filter(email__iexact=person.email).first()
    if user is None:
        user = User(email=person.email, name=person.name, is_staff=is_staff)
        validate_password(DEMO_PASSWORD, user)
        user.set_password(DEMO_PASSWORD)
        record_save(instance=user, actor=None)
    else:
        wanted = {"name": person.name, "is_staff": is_staff}
        changed = [name for name, value in wanted.items() if getattr(user, name) != value]
        for name in changed:
            setattr(user, name, wanted[name])
        if not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
            changed.append("password")
        if changed:
            record_save(instance=user, actor=None, changed=changed)
    if person.user_id != user.pk:
        person.user = user
        record_save(instance=person, actor=None, changed=["user"])
    return user
