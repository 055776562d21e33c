"""The `convenor` command: its help, the demo it prepares, and Django's commands passed through."""

from __future__ import annotations

import os
import re
import secrets
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

from django.contrib.auth.hashers import check_password

# The console script installed beside this Python; `python -m convenor.cli` where there is none.
_SCRIPT = Path(sys.executable).with_name("convenor")
CONVENOR = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "convenor.cli"]
# The browser tests' conftest sets DJANGO_ALLOW_ASYNC_UNSAFE in this process; a server must not.
NOT_INHERITED = {
    "DATABASE_URL",
    "DEBUG",
    "SECRET_KEY",
    "ALLOWED_HOSTS",
    "CONVENOR_HTTPS",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
}
COMMANDS = (
    "demo",
    "serve",
    "migrate",
    "load-scenario",
    "publish",
    "polis-compare",
    "tagging-evaluate",
    "worker",
    "manage",
)


def run_convenor(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run `convenor ARGS` in a new process (settings are read once per process) with `env`."""
    return subprocess.run(
        [*CONVENOR, *args],
        env=env,
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        timeout=300,
        check=False,
    )


def local_env(data_dir: Path) -> dict[str, str]:
    """This process's environment with local defaults: SQLite in `data_dir`, no production hints."""
    env = {key: value for key, value in os.environ.items() if key not in NOT_INHERITED}
    env["CONVENOR_DATA_DIR"] = str(data_dir)
    return env


def test_help_lists_every_command(tmp_path):
    result = run_convenor("--help", env=local_env(tmp_path))

    assert result.returncode == 0, result.stderr
    assert re.findall(r"^    (\S+)", result.stdout, flags=re.MULTILINE) == list(COMMANDS)
    assert "Any other command is passed to Django's management commands." in result.stdout


def test_no_command_prints_help_and_fails(tmp_path):
    result = run_convenor(env=local_env(tmp_path))

    assert result.returncode == 2
    assert result.stdout.startswith("usage: convenor [-h] COMMAND ...")


def readme_logins() -> list[tuple[str, str, str]]:
    """(role, email, password) from the demo logins table in README.md."""
    readme = (Path(__file__).resolve().parent.parent / "README.md").read_text()
    table = readme.split("## Demo logins", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| ([^|]+?) \| `([^`]+)` \| `([^`]+)` \|", table, flags=re.MULTILINE)
    return [(role, email, password) for role, email, password in rows]


def test_demo_without_serving_prints_the_readme_logins_and_they_work(tmp_path, settings):
    data_dir = tmp_path / "demo"
    # The demo stores passwords with Django's real hasher; the suite's own is MD5.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.PBKDF2PasswordHasher"]

    result = run_convenor(
        "demo", "--no-serve", "--data-dir", str(data_dir), env=local_env(tmp_path)
    )

    assert result.returncode == 0, result.stderr
    assert f"Demo data folder: {data_dir}" in result.stdout
    printed = re.findall(
        r"^  (.+?) +(\S+@\S+) +password: (\S+)$", result.stdout, flags=re.MULTILINE
    )
    assert printed == [
        ("Strategy lead (staff)", "kevin.lloyd@example.org", "convenor-demo-2019"),
        ("Board member", "stacey.king@example.org", "convenor-demo-2019"),
        ("Action group member", "ben.carter@example.org", "convenor-demo-2019"),
        ("Sounding board member", "chloe.marsden@example.org", "convenor-demo-2019"),
    ]
    assert printed == readme_logins()
    with sqlite3.connect(data_dir / "convenor.sqlite3") as database:
        accounts = {
            email: (password_hash, bool(is_staff))
            for email, password_hash, is_staff in database.execute(
                "select email, password, is_staff from accounts_user"
            )
        }
    for role, email, password in printed:
        password_hash, is_staff = accounts[email]
        assert check_password(password, password_hash), f"{role}: the printed password fails"
        assert is_staff == (role == "Strategy lead (staff)")


def test_unknown_command_is_passed_to_django(tmp_path):
    result = run_convenor("showmigrations", "strategy", env=local_env(tmp_path))

    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "strategy"
    assert lines[1] == " [ ] 0001_initial"


def test_worker_passes_its_options_to_the_task_worker(tmp_path):
    env = local_env(tmp_path)
    assert run_convenor("migrate", env=env).returncode == 0

    # --batch: run what is queued (nothing) and stop; an option first, as `convenor serve` passes.
    result = run_convenor("worker", "--batch", "--no-startup-delay", env=env)

    assert result.returncode == 0, result.stderr
    assert "unrecognized arguments" not in result.stderr


def test_command_neither_convenor_nor_django_fails(tmp_path):
    result = run_convenor("no-such-command", env=local_env(tmp_path))

    assert result.returncode == 1
    assert "Unknown command: 'no-such-command'" in result.stderr


def free_port() -> int:
    """A TCP port on the loopback address that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def http_status(url: str, headers: dict[str, str]) -> int:
    """The status of a GET, without following redirects."""
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(urllib.request.Request(url, headers=headers), timeout=10) as response:
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def test_serve_behind_a_tls_proxy_answers_instead_of_redirecting(tmp_path):
    """With CONVENOR_HTTPS on, a request the proxy marks as HTTPS is served, not redirected."""
    port = free_port()
    env = local_env(tmp_path)
    env.update(CONVENOR_HTTPS="true", SECRET_KEY=secrets.token_urlsafe(64))
    server = subprocess.Popen(
        [*CONVENOR, "serve", "--port", str(port), "--threads", "2"],
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/accounts/login/"
    statuses = None
    deadline = time.monotonic() + 60
    try:
        # The server migrates its new database first: wait until it answers, or gives up.
        while statuses is None and server.poll() is None and time.monotonic() < deadline:
            try:
                statuses = (http_status(url, {}), http_status(url, {"X-Forwarded-Proto": "https"}))
            except OSError:
                time.sleep(0.2)
    finally:
        server.terminate()
        output = server.communicate(timeout=30)[0]

    assert statuses == (301, 200), output


POLIS = Path(__file__).resolve().parents[1].parent / "shared" / "data" / "polis"
LABELLED = Path(__file__).resolve().parent / "data" / "insight" / "labelled_comments.csv"


def test_polis_compare_prints_a_header_and_a_line_per_conversation(tmp_path):
    folders = [POLIS / "brexit-consensus", POLIS / "london.youth.policing"]
    result = run_convenor("polis-compare", *map(str, folders), env=local_env(tmp_path))

    assert result.returncode == 0, result.stderr
    lines = [line.split() for line in result.stdout.splitlines()]
    assert " ".join(lines[0]) == "name participants statements polis_groups our_groups ari seconds"
    assert [line[:6] for line in lines[1:]] == [
        ["brexit-consensus", "197", "50", "2", "2", "0.808"],
        ["london.youth.policing", "24", "39", "3", "2", "-0.019"],
    ]
    assert all(float(line[6]) >= 0 for line in lines[1:])


def test_polis_compare_reports_a_folder_it_cannot_read_and_fails(tmp_path):
    result = run_convenor("polis-compare", str(tmp_path), env=local_env(tmp_path / "data"))

    assert result.returncode == 1
    assert result.stdout.splitlines()[1:] == []
    assert result.stderr == f"{tmp_path}: no participants-votes.csv\n"


def test_tagging_evaluate_prints_the_table_for_the_labelled_set(tmp_path):
    result = run_convenor("tagging-evaluate", str(LABELLED), env=local_env(tmp_path))

    assert result.returncode == 0, result.stderr
    assert "| **Macro average** | 469 | 0.43 | 0.66 | 0.51 | 0.78 | 0.73 | 0.75 |" in result.stdout
    assert "372 comments, 5 folds" in result.stdout
