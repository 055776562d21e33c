"""Fixtures shared by the whole suite."""

import json
import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
# The team's shared folder (test data nobody on the team wrote) sits beside the checkout, in
# development and in CI alike; CONVENOR_SHARED_DIR points elsewhere when it does not.
SHARED_DIR = Path(os.environ.get("CONVENOR_SHARED_DIR") or REPO_ROOT.parent / "shared")


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
