"""Fixtures for the scenario tests."""

import pytest


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """Demo accounts are hashed many times here; a fast hasher keeps the tests quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
