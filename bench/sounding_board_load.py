"""Benchmark: 200 sounding board members commenting and voting at once against a real server.

Prepares a fresh data folder with the Enterprise M3 demo loaded and the clock pinned to the
demo's moment (CONVENOR_AS_OF, so the draft's reaction window and the statements are open), adds
members of the sounding board with signed-in sessions, serves the site with waitress (as
`convenor serve` does) on 127.0.0.1, and runs simulated participants for a bounded time: each
opens the draft document, comments on a paragraph, opens the statement vote page, votes, and now
and then changes an earlier vote. Then it prints requests, failures by status, latency per kind
of request, and compares what the server said it saved with what the database holds: every
comment and vote answered as saved must be there ("lost: 0"). Not part of the test suite.

    .venv/bin/python bench/sounding_board_load.py                        # SQLite, 200 for 60 s
    .venv/bin/python bench/sounding_board_load.py --database postgres --start-postgres
    .venv/bin/python bench/sounding_board_load.py --database postgres \\
        --database-url postgres://user@host:5432/name   # works in a new database name_load_bench
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any

HOST = "127.0.0.1"
AS_OF = "2019-05-22T17:00"  # the demo's moment: the draft's window (20 May to 14 June) is open
STRATEGY_SLUG = "enterprise-m3-lis"
DOCUMENT_KEY = "early-beta-statement-draft"
PG_PORT = 54349
PG_DIR = Path("/tmp/pg_bench")
PG_BINARIES = [
    Path("/usr/lib/postgresql/15/bin"),
    *sorted(Path("/usr/lib/postgresql").glob("*/bin")),
]
CHOICES = ["agree", "disagree", "pass"]
# A request slower than this counts as failed (its write may or may not have happened).
CLIENT_TIMEOUT = 120.0

CSRF_RE = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
COMMENT_ACTION_RE = re.compile(r'action="(/s/[^"]+/documents/\d+/paragraphs/\d+/comment/)"')
VOTE_ACTION_RE = re.compile(r'action="(/s/[^"]+/statements/(\d+)/vote/)"')


# The throwaway PostgreSQL cluster (as scripts/test starts one)


def _is_root() -> bool:
    return os.geteuid() == 0


def _as_pg_user(command: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: as root, its commands run as the postgres user."""
    return ["runuser", "-u", "postgres", "--", *command] if _is_root() else command


def _pg_bin() -> Path:
    for candidate in PG_BINARIES:
        if (candidate / "pg_ctl").exists():
            return candidate
    sys.exit("PostgreSQL is not installed (apt-get install postgresql)")


def postgres_start() -> str:
    """Start a throwaway cluster on 127.0.0.1:54349 with its data in /tmp/pg_bench; its URL."""
    pg_bin = _pg_bin()
    if (
        subprocess.run([pg_bin / "pg_isready", "-q", "-h", HOST, "-p", str(PG_PORT)]).returncode
        == 0
    ):
        sys.exit(f"something already listens on {HOST}:{PG_PORT} (a server left running?)")
    shutil.rmtree(PG_DIR, ignore_errors=True)
    for folder in (PG_DIR, PG_DIR / "data", PG_DIR / "socket"):
        folder.mkdir(parents=True, exist_ok=True)
        if _is_root():
            shutil.chown(folder, "postgres", "postgres")
    subprocess.run(
        _as_pg_user(
            [
                str(pg_bin / "initdb"),
                *("-D", str(PG_DIR / "data"), "-A", "trust", "-U", "postgres", "-E", "UTF8"),
                *("--locale=C.UTF-8", "--no-sync"),
            ]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    # Unlike scripts/test, durability stays on (fsync, synchronous_commit): the writes measured
    # here should cost what they would cost on a real server.
    options = f"-c listen_addresses={HOST} -p {PG_PORT} -k {PG_DIR / 'socket'}"
    subprocess.run(
        _as_pg_user(
            [
                str(pg_bin / "pg_ctl"),
                *("-D", str(PG_DIR / "data"), "-l", str(PG_DIR / "server.log")),
                *("-w", "-t", "60", "-o", options, "start"),
            ]
        ),
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return f"postgres://postgres@{HOST}:{PG_PORT}/convenor"


def postgres_stop() -> None:
    """Stop the throwaway cluster and remove its folder."""
    if (PG_DIR / "data" / "postmaster.pid").exists():
        subprocess.run(
            _as_pg_user(
                [str(_pg_bin() / "pg_ctl"), "-D", str(PG_DIR / "data"), "-m", "fast", "-w", "stop"]
            ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    shutil.rmtree(PG_DIR, ignore_errors=True)


def _admin_sql(url: str, *statements: str) -> None:
    """Run statements in the server's maintenance database (to create or drop ours)."""
    import psycopg

    parts = urllib.parse.urlsplit(url)
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        for statement in statements:
            connection.execute(statement)  # type: ignore[arg-type]


def bench_database_url(url: str) -> tuple[str, str]:
    """A fresh database beside the one named in `url`, never the named one: (its URL, name)."""
    parts = urllib.parse.urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'convenor'}_load_bench"
    _admin_sql(url, f'DROP DATABASE IF EXISTS "{name}"', f'CREATE DATABASE "{name}"')
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}")), name


# Preparing the data


@dataclass(frozen=True)
class Member:
    """A bench participant: who they are, and the session cookie they are signed in with."""

    number: int
    person_pk: int
    session_key: str


def prepare(participants: int) -> tuple[list[Member], str]:
    """Migrate, load the demo, add signed-in members; the members and the document's path."""
    import datetime

    from allauth.account.models import EmailAddress
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.auth.hashers import make_password
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session
    from django.core.management import call_command
    from django.db import transaction
    from django.utils import timezone
    from django.utils.crypto import get_random_string

    from convenor.accounts.models import User
    from convenor.cli import DEMO_SCENARIO
    from convenor.engagement.choices import ParticipantStatus
    from convenor.engagement.models import Document, Participant, SoundingBoard
    from convenor.scenarios.loader import scenario_load
    from convenor.stakeholders.models import Person

    call_command("migrate", verbosity=0)
    scenario_load(path=DEMO_SCENARIO)
    board = SoundingBoard.objects.get(strategy__slug=STRATEGY_SLUG)
    document = Document.objects.get(strategy__slug=STRATEGY_SLUG, key=DOCUMENT_KEY)
    real_now = timezone.now()
    with transaction.atomic():
        # No usable password: they never sign in through the form (its hashing would dominate
        # the first seconds); each gets a session made here instead, as a sign-in would.
        users = User.objects.bulk_create(
            User(
                email=f"bench-{number}@example.org",
                name=f"Bench Participant {number}",
                password=make_password(None),
            )
            for number in range(participants)
        )
        EmailAddress.objects.bulk_create(
            EmailAddress(user=user, email=user.email, verified=True, primary=True) for user in users
        )
        people = Person.objects.bulk_create(
            Person(
                key=f"bench-participant-{number}",
                name=user.name,
                email=user.email,
                user=user,
                is_illustrative=True,
            )
            for number, user in enumerate(users)
        )
        Participant.objects.bulk_create(
            Participant(
                sounding_board=board,
                person=person,
                status=ParticipantStatus.MEMBER,
                decided_at=real_now,
            )
            for person in people
        )
        store = SessionStore()
        sessions = [
            Session(
                session_key=get_random_string(32),
                session_data=store.encode(
                    {
                        SESSION_KEY: str(user.pk),
                        BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
                        HASH_SESSION_KEY: user.get_session_auth_hash(),
                    }
                ),
                expire_date=real_now + datetime.timedelta(days=1),
            )
            for user in users
        ]
        Session.objects.bulk_create(sessions)
    members = [
        Member(number=number, person_pk=person.pk, session_key=session.session_key)
        for number, (person, session) in enumerate(zip(people, sessions, strict=True))
    ]
    return members, f"/s/{STRATEGY_SLUG}/documents/{document.pk}/"


# The server (a child process running this file with --serve)


def serve(port: int, threads: int, connection_limit: int) -> None:
    """Serve the site with waitress, as `convenor serve` does, until terminated."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "convenor.config.settings")
    from waitress import serve as waitress_serve

    from convenor.config.wsgi import application

    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    waitress_serve(
        application,
        host=HOST,
        port=port,
        threads=threads,
        # waitress stops accepting at 100 open connections by default; each simulated
        # participant keeps one open, as a browser does.
        connection_limit=connection_limit,
        ident="Convenor",
    )


def free_port() -> int:
    """A port nothing listens on now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def server_start(port: int, threads: int, connection_limit: int, log: Path) -> subprocess.Popen:  # type: ignore[type-arg]
    """Start the server process and wait until it answers."""
    command = [sys.executable, __file__, "--serve", "--port", str(port)]
    command += ["--threads", str(threads), "--connection-limit", str(connection_limit)]
    with log.open("wb") as output:
        process = subprocess.Popen(command, stdout=output, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"the server stopped at start:\n{log.read_text()}")
        try:
            connection = http.client.HTTPConnection(HOST, port, timeout=5)
            connection.request("GET", "/")
            connection.getresponse().read()
            connection.close()
            return process
        except OSError:
            time.sleep(0.2)
    process.kill()
    sys.exit("the server did not answer within 60 s")


def server_stop(process: subprocess.Popen) -> None:  # type: ignore[type-arg]
    """Stop the server process (the one this script started)."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


# The simulated participants


@dataclass
class Outcome:
    """One request: its kind, status (or the exception's name) and seconds taken."""

    kind: str
    status: int | str
    seconds: float


@dataclass
class Results:
    """Everything the participants saw, for the report and the check against the database."""

    outcomes: list[Outcome] = field(default_factory=list)
    # Comments the server answered as saved, by their (unique) text.
    comments_ok: set[str] = field(default_factory=set)
    # Comments sent without a clear answer (timed out, refused connection, 5xx).
    comments_unsure: set[str] = field(default_factory=set)
    # (statement pk, person pk) -> the last choice the server answered as saved.
    votes_ok: dict[tuple[int, int], str] = field(default_factory=dict)
    votes_unsure: set[tuple[int, int]] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)


class Browser:
    """One participant's connection and cookies (kept alive, as a browser keeps them)."""

    def __init__(self, port: int, session_key: str) -> None:
        self.port = port
        self.cookies: dict[str, str] = {"sessionid": session_key}
        self.connection: http.client.HTTPConnection | None = None

    def request(
        self, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int, str]:
        """Send one request; the status and the body. Raises OSError or HTTPException."""
        headers = {"Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items())}
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection(
                    HOST, self.port, timeout=CLIENT_TIMEOUT
                )
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                text = response.read().decode("utf-8", "replace")
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError):
                # A kept-alive connection the server closed meanwhile: reconnect once.
                self.close()
                if attempt == 2 or method == "POST":
                    raise
                continue
            except (OSError, http.client.HTTPException):
                self.close()
                raise
            for header in response.headers.get_all("Set-Cookie") or []:
                for name, morsel in SimpleCookie(header).items():
                    self.cookies[name] = morsel.value
            if response.headers.get("Connection", "").lower() == "close":
                self.close()
            return response.status, text
        raise AssertionError("unreachable")

    def close(self) -> None:
        """Drop the connection."""
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def participant_run(
    *,
    member: Member,
    port: int,
    document_path: str,
    deadline: float,
    rounds: int,
    results: Results,
) -> None:
    """One participant's loop until the deadline or `rounds` rounds (at most 5 requests each):
    read, comment, vote, sometimes change a vote."""
    browser = Browser(port, member.session_key)
    rng = random.Random(member.number)
    my_votes: dict[int, str] = {}
    iteration = 0

    def timed(
        kind: str, method: str, path: str, form: dict[str, str] | None = None
    ) -> tuple[int | str, str]:
        started = time.perf_counter()
        status: int | str
        try:
            status, text = browser.request(method, path, form)
        except (OSError, http.client.HTTPException) as error:
            status, text = type(error).__name__, ""
        outcome = Outcome(kind, status, time.perf_counter() - started)
        with results.lock:
            results.outcomes.append(outcome)
        return status, text

    def csrf(text: str) -> str:
        found = CSRF_RE.search(text)
        return found.group(1) if found else ""

    def vote(kind: str, action: str, statement: int, choice: str, token: str) -> None:
        key = (statement, member.person_pk)
        status, _ = timed(kind, "POST", action, {"csrfmiddlewaretoken": token, "choice": choice})
        with results.lock:
            if status == 302:
                results.votes_ok[key] = choice
                my_votes[statement] = choice
            elif not isinstance(status, int) or status >= 500:
                results.votes_unsure.add(key)

    try:
        while time.monotonic() < deadline and iteration < rounds:
            iteration += 1
            status, page = timed("document page", "GET", document_path)
            actions = COMMENT_ACTION_RE.findall(page) if status == 200 else []
            if actions and time.monotonic() < deadline:
                text = (
                    f"Bench comment {member.number}-{iteration}: the draft should say more "
                    f"about rural broadband & skills <b>{rng.random():.6f}</b>"
                )
                form = {"csrfmiddlewaretoken": csrf(page), "text": text}
                status, _ = timed("comment post", "POST", rng.choice(actions), form)
                with results.lock:
                    if status == 302:
                        results.comments_ok.add(text)
                    elif not isinstance(status, int) or status >= 500:
                        results.comments_unsure.add(text)
            if time.monotonic() >= deadline:
                break
            status, page = timed("vote page", "GET", f"/s/{STRATEGY_SLUG}/statements/")
            found = VOTE_ACTION_RE.search(page) if status == 200 else None
            if found and time.monotonic() < deadline:
                action, statement = found.group(1), int(found.group(2))
                vote("vote post", action, statement, rng.choice(CHOICES), csrf(page))
            # Now and then (one round in three, drawn at random, so that it happens even in
            # the first round under heavy load) a participant changes one of their votes.
            if my_votes and rng.random() < 1 / 3 and time.monotonic() < deadline:
                statement = rng.choice(sorted(my_votes))
                choice = rng.choice([c for c in CHOICES if c != my_votes[statement]])
                action = f"/s/{STRATEGY_SLUG}/statements/{statement}/vote/"
                vote("vote change", action, statement, choice, csrf(page))
    finally:
        browser.close()


def load_run(
    *, members: list[Member], port: int, document_path: str, seconds: float, rounds: int
) -> tuple[Results, float]:
    """Run every participant at once for `seconds` (and at most `rounds` rounds each); the
    results and the seconds it took."""
    results = Results()
    started = time.monotonic()
    deadline = started + seconds
    threads = [
        threading.Thread(
            target=participant_run,
            kwargs={
                "member": member,
                "port": port,
                "document_path": document_path,
                "deadline": deadline,
                "rounds": rounds,
                "results": results,
            },
            daemon=True,
            name=f"participant-{member.number}",
        )
        for member in members
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        # A bounded wait: requests started before the deadline may take up to CLIENT_TIMEOUT.
        thread.join(timeout=max(0.0, deadline + CLIENT_TIMEOUT + 5 - time.monotonic()))
    still = sum(thread.is_alive() for thread in threads)
    if still:
        print(f"warning: {still} participants still waiting for an answer", file=sys.stderr)
    return results, time.monotonic() - started


# The report


def percentile(sorted_values: list[float], share: float) -> float:
    """Nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return float("nan")
    rank = max(1, round(share * len(sorted_values) + 0.5))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def is_success(outcome: Outcome) -> bool:
    """What the app answers when all went well: 200 for a page, 302 after a saved POST."""
    return outcome.status == (200 if outcome.kind.endswith("page") else 302)


def database_check(*, members: list[Member], results: Results) -> dict[str, Any]:
    """Compare what the server answered as saved with what the database holds."""
    from convenor.engagement.models import Comment, Vote

    people = [member.person_pk for member in members]
    stored_texts = list(Comment.objects.filter(author_id__in=people).values_list("text", flat=True))
    stored_votes = {
        (statement, person): choice
        for statement, person, choice in Vote.objects.filter(person_id__in=people).values_list(
            "statement_id", "person_id", "choice"
        )
    }
    stored_text_set = set(stored_texts)
    wrong_choice = [
        key
        for key, choice in results.votes_ok.items()
        if key in stored_votes and stored_votes[key] != choice and key not in results.votes_unsure
    ]
    return {
        "comments_stored": len(stored_texts),
        "comments_duplicated": len(stored_texts) - len(stored_text_set),
        "comments_lost": len(results.comments_ok - stored_text_set),
        "comments_unconfirmed_stored": len(stored_text_set & results.comments_unsure),
        "comments_unexplained": len(
            stored_text_set - results.comments_ok - results.comments_unsure
        ),
        "votes_stored": len(stored_votes),
        "votes_lost": len(set(results.votes_ok) - set(stored_votes)),
        "votes_wrong_choice": len(wrong_choice),
        "votes_unexplained": len(set(stored_votes) - set(results.votes_ok) - results.votes_unsure),
    }


def report(
    *,
    database: str,
    arguments: argparse.Namespace,
    results: Results,
    elapsed: float,
    check: dict[str, Any],
    server_log: str,
) -> None:
    """Print the figures."""
    outcomes = results.outcomes
    successes = sum(is_success(outcome) for outcome in outcomes)
    print(f"\n=== {database}: {arguments.participants} participants, {arguments.seconds:g} s ===")
    print(f"server:            waitress, {arguments.threads} threads, on {HOST}")
    print(
        f"requests:          {len(outcomes)} in {elapsed:.1f} s ({len(outcomes) / elapsed:.1f}/s)"
    )
    print(f"successful:        {successes} ({successes / elapsed:.1f}/s)")
    failures = Counter(
        f"{outcome.kind} {outcome.status}" for outcome in outcomes if not is_success(outcome)
    )
    print(f"failures:          {sum(failures.values())}")
    for what, count in sorted(failures.items()):
        # 429 is the posting limit's page (10 comments a minute each): refused, said so, not lost.
        print(f"  {what}: {count}{' (the posting limit page)' if what.endswith(' 429') else ''}")
    server_errors = sum(
        1 for outcome in outcomes if isinstance(outcome.status, int) and outcome.status >= 500
    )
    print(f"server errors 5xx: {server_errors}")
    # waitress warns each time a request has to wait for a free thread, with the queue's depth.
    depths = [int(depth) for depth in re.findall(r"Task queue depth is (\d+)", server_log)]
    print(
        f"server log:        {server_log.count('Traceback')} tracebacks, "
        f"{server_log.count('database is locked')} 'database is locked', "
        f"{len(depths)} 'task queue depth' warnings (deepest {max(depths, default=0)})"
    )
    by_kind: dict[str, list[float]] = defaultdict(list)
    for outcome in outcomes:
        by_kind[outcome.kind].append(outcome.seconds * 1000)
        by_kind["all"].append(outcome.seconds * 1000)
    print("latency ms:        kind            count     p50     p95     p99     max")
    kinds = ["document page", "comment post", "vote page", "vote post", "vote change", "all"]
    for kind in kinds:
        values = sorted(by_kind.get(kind, []))
        if not values:
            continue
        print(
            f"  {kind:<30} {len(values):>6} {percentile(values, 0.50):>7.0f} "
            f"{percentile(values, 0.95):>7.0f} {percentile(values, 0.99):>7.0f} {values[-1]:>7.0f}"
        )
    comments_ok = len(results.comments_ok)
    print(
        f"comments:          {comments_ok} answered as posted, {check['comments_stored']} new in "
        f"the database; lost: {check['comments_lost']}, duplicated: "
        f"{check['comments_duplicated']}, stored without a clear answer: "
        f"{check['comments_unconfirmed_stored']}, unexplained: {check['comments_unexplained']}"
    )
    vote_posts = Counter(
        outcome.kind
        for outcome in outcomes
        if outcome.kind.startswith("vote ") and outcome.status == 302
    )
    print(
        f"votes:             {vote_posts['vote post']} new and {vote_posts['vote change']} changed "
        f"answered as saved, on {len(results.votes_ok)} statement/person pairs; "
        f"{check['votes_stored']} in the database; lost: {check['votes_lost']}, "
        f"last choice differs: {check['votes_wrong_choice']}, "
        f"unexplained: {check['votes_unexplained']}"
    )
    lost = check["comments_lost"] + check["votes_lost"] + check["votes_wrong_choice"]
    counts_match = (
        comments_ok == check["comments_stored"] and len(results.votes_ok) == check["votes_stored"]
    )
    print(f"lost: {lost}; counts match: {'yes' if counts_match else 'no'}")


# Main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--participants", type=int, default=200)
    parser.add_argument(
        "--rounds",
        type=int,
        default=500,
        help="at most this many rounds per participant (each at most 5 requests): a bound on "
        "the requests as well as the time",
    )
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--database-url", default="", help="a PostgreSQL server to use (a new database on it)"
    )
    parser.add_argument(
        "--start-postgres",
        action="store_true",
        help=f"start a throwaway PostgreSQL on {HOST}:{PG_PORT} (in {PG_DIR}), removed after",
    )
    parser.add_argument("--threads", type=int, default=8, help="server threads (as convenor serve)")
    parser.add_argument("--keep", action="store_true", help="keep the data folder afterwards")
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--connection-limit", type=int, default=0, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.serve:
        serve(arguments.port, arguments.threads, arguments.connection_limit)
        return

    # Ctrl-C and a plain kill both unwind through the finally blocks below.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    data_dir = Path(tempfile.mkdtemp(prefix="convenor-load-bench-"))
    database_name = server_url = ""
    server: subprocess.Popen | None = None  # type: ignore[type-arg]
    started_postgres = False
    try:
        os.environ["CONVENOR_DATA_DIR"] = str(data_dir)
        os.environ["CONVENOR_AS_OF"] = AS_OF
        os.environ["DJANGO_SETTINGS_MODULE"] = "convenor.config.settings"
        os.environ.pop("DATABASE_URL", None)
        if arguments.database == "postgres":
            url = arguments.database_url or os.environ.get("BENCH_DATABASE_URL", "")
            if arguments.start_postgres:
                url = postgres_start()
                started_postgres = True
            if not url:
                sys.exit("--database postgres needs --database-url or --start-postgres")
            os.environ["DATABASE_URL"], database_name = bench_database_url(url)
            server_url = url
        # Imported only now, so that the settings see the folder, clock and database set above.
        import django

        django.setup()
        from django.db import connection, connections

        print(f"preparing: demo and {arguments.participants} members in {data_dir}", flush=True)
        prepare_started = time.perf_counter()
        members, document_path = prepare(arguments.participants)
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SHOW server_version")
                vendor = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            import sqlite3

            vendor = f"SQLite {sqlite3.sqlite_version} (WAL)"
        connections.close_all()
        print(f"prepared in {time.perf_counter() - prepare_started:.1f} s", flush=True)

        port = free_port()
        log = data_dir / "server.log"
        server = server_start(port, arguments.threads, arguments.participants + 50, log)
        print(
            f"serving on http://{HOST}:{port}/; {arguments.participants} participants go",
            flush=True,
        )
        results, elapsed = load_run(
            members=members,
            port=port,
            document_path=document_path,
            seconds=arguments.seconds,
            rounds=arguments.rounds,
        )
        server_stop(server)
        server = None
        check = database_check(members=members, results=results)
        connections.close_all()
        report(
            database=vendor,
            arguments=arguments,
            results=results,
            elapsed=elapsed,
            check=check,
            server_log=log.read_text(errors="replace"),
        )
    finally:
        if server is not None:
            server_stop(server)
        if database_name:
            try:
                from django.db import connections

                connections.close_all()
                _admin_sql(server_url, f'DROP DATABASE IF EXISTS "{database_name}"')
            except Exception as error:  # cleanup: say what failed, and go on stopping
                print(f"could not drop {database_name}: {error}", file=sys.stderr)
        if started_postgres:
            postgres_stop()
        if arguments.keep:
            print(f"data folder kept: {data_dir}")
        else:
            shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
