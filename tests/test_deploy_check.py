"""Production settings pass Django's deployment checklist, and leaving HTTPS off does not."""

from __future__ import annotations

import re
import secrets
from pathlib import Path

import pytest

from tests.test_cli import local_env, run_convenor

CHECK_DEPLOY = ("manage", "check", "--deploy", "--fail-level", "WARNING")


@pytest.fixture
def production_env(tmp_path: Path) -> dict[str, str]:
    """The environment a production server runs with, behind a TLS proxy."""
    env = local_env(tmp_path / "data")
    env.update(
        DEBUG="false",
        SECRET_KEY=secrets.token_urlsafe(64),
        CONVENOR_HTTPS="true",
        ALLOWED_HOSTS="convenor.example.org",
    )
    return env


def test_check_deploy_passes_with_production_settings(production_env):
    assert len(production_env["SECRET_KEY"]) >= 50

    result = run_convenor(*CHECK_DEPLOY, env=production_env)

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.strip() == "System check identified no issues (0 silenced)."


def test_check_deploy_fails_when_https_is_off(production_env):
    production_env["CONVENOR_HTTPS"] = "false"

    result = run_convenor(*CHECK_DEPLOY, env=production_env)

    assert result.returncode == 1
    assert set(re.findall(r"\(security\.(W\d+)\)", result.stderr)) == {
        "W004",
        "W008",
        "W012",
        "W016",
    }


def test_https_without_a_secret_key_refuses_to_start(production_env):
    del production_env["SECRET_KEY"]

    result = run_convenor("manage", "check", env=production_env)

    assert result.returncode == 1
    assert "SECRET_KEY must be set when CONVENOR_HTTPS is on" in result.stderr
    assert not (Path(production_env["CONVENOR_DATA_DIR"]) / "secret_key").exists()
