"""Fixtures shared by the whole suite."""

import pytest


@pytest.fixture(autouse=True)
def _data_dir(settings, tmp_path):
    """Each test gets its own media folder, so uploads never leak between tests."""
    settings.MEDIA_ROOT = tmp_path / "media"
