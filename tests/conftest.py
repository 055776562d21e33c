"""Fixtures shared by the whole suite."""

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
# The team's shared folder (test data nobody on the team wrote) sits beside the checkout, in
# development and in CI alike; CONVENOR_SHARED_DIR points elsewhere when it does not.
SHARED_DIR = Path(os.environ.get("CONVENOR_SHARED_DIR") or REPO_ROOT.parent / "shared")


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing() -> Iterator[None]:
    """Passwords hashed with MD5 in tests: the real hasher takes a quarter of a second per user,
    which across the suite's thousands of users was most of its running time."""
    from django.test import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    """Each test gets its own media folder, so uploads never leak between tests."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(scope="session")
def naughty_strings() -> list[str]:
    """The Big List of Naughty Strings, read from the shared folder (never copied into tests)."""
    path = SHARED_DIR / "data" / "naughty-strings" / "blns.json"
    if not path.exists():
        pytest.fail(f"{path} is missing: set CONVENOR_SHARED_DIR to the team's shared folder")
    return json.loads(path.read_text())


@pytest.fixture(scope="module")
def demo_loaded_for_module(django_db_setup, django_db_blocker) -> Iterator[None]:
    """The demo loaded once for a whole test module, in a transaction rolled back at its end.

    Loading the demo takes seconds (more on PostgreSQL); modules that only read it share one
    load. Each test still runs in a savepoint inside that transaction (the `db` fixture), so what
    a test changes is undone after it, and nothing is left behind for other modules.
    """
    from django.db import transaction

    from convenor.cli import DEMO_SCENARIO
    from convenor.scenarios.loader import scenario_load

    loading = transaction.atomic()
    with django_db_blocker.unblock():
        loading.__enter__()
        try:
            scenario_load(path=DEMO_SCENARIO, build_publications=False)
        except BaseException:
            transaction.set_rollback(True)
            loading.__exit__(None, None, None)
            raise
    yield
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        loading.__exit__(None, None, None)
