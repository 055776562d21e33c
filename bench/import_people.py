"""Benchmark: import 50,000 people from CSV through the code the import pages use.

Generates a CSV of people at a few hundred organisations, then runs stakeholders.importing's
import_plan (read and validate) and import_write (one transaction) against a fresh database:
SQLite in a temporary folder, or a fresh test database on PostgreSQL when DATABASE_URL is set.
Prints rows, seconds for each step, rows per second and peak memory. Not part of the test suite.

The timed run is made without tracemalloc (tracing every allocation slows this code about
twofold); its memory figure is the process's maximum resident set (ru_maxrss, free to read),
before the import and after it. `--trace-memory` makes a separate run under tracemalloc for the
peak of Python allocations during the import; its seconds are slowed by the tracing.

    .venv/bin/python bench/import_people.py [--rows 50000] [--organisations 300]
    .venv/bin/python bench/import_people.py --trace-memory
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import resource
import sys
import tempfile
import time
import tracemalloc


def people_csv(rows: int, organisations: int) -> bytes:
    """A CSV like a real one: names, emails, organisations, job titles, a few consents."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["Name", "Email", "Organisation", "Job title", "Lawful basis", "Consent date"])
    for number in range(rows):
        consent = number % 10 == 0
        writer.writerow(
            [
                f"Person {number} Example",
                f"person{number}@example.org",
                f"Organisation {number % organisations} Ltd",
                "Head of Partnerships",
                "Consent" if consent else "",
                "2019-05-22" if consent else "",
            ]
        )
    return buffer.getvalue().encode()


def max_rss_mb() -> float:
    """The process's maximum resident set so far; ru_maxrss is in KiB on Linux, bytes on macOS."""
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return max_rss / (1024 * 1024 if sys.platform == "darwin" else 1024)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50_000)
    parser.add_argument("--organisations", type=int, default=300)
    parser.add_argument(
        "--trace-memory",
        action="store_true",
        help="run under tracemalloc for the peak of Python allocations (slows the run)",
    )
    arguments = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="convenor-bench-")
    os.environ["CONVENOR_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "convenor.config.settings")
    # Imported only now, so that the settings see the data folder set above.
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from convenor.stakeholders.importing import import_plan, import_write
    from convenor.stakeholders.models import Organisation, Person

    postgres = connection.vendor == "postgresql"
    if postgres:
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
    else:
        call_command("migrate", verbosity=0)
    try:
        Organisation.objects.bulk_create(
            Organisation(
                key=f"organisation-{number}",
                name=f"Organisation {number} Ltd",
                kind="business",
                ownership="private",
            )
            for number in range(arguments.organisations)
        )
        content = people_csv(arguments.rows, arguments.organisations)

        rss_before = max_rss_mb()
        if arguments.trace_memory:
            tracemalloc.start()
        started = time.perf_counter()
        plan = import_plan(kind="people", content=content, filename="bench.csv")
        validated = time.perf_counter()
        result = import_write(plan=plan, decisions={}, actor=None)
        written = time.perf_counter()
        if arguments.trace_memory:
            _, peak = tracemalloc.get_traced_memory()
            tracemalloc.stop()

        assert plan.problems == [], plan.problems[:5]
        assert result.created == Person.objects.count() == arguments.rows
        total = written - started
        print(f"database:          {connection.vendor}")
        print(
            f"rows:              {arguments.rows} people, {arguments.organisations} organisations"
        )
        print(f"validate seconds:  {validated - started:.2f}")
        print(f"write seconds:     {written - validated:.2f}")
        print(f"total seconds:     {total:.2f}")
        print(f"rows per second:   {arguments.rows / total:,.0f}")
        print(f"max RSS MB:        {rss_before:.1f} before the import, {max_rss_mb():.1f} after")
        if arguments.trace_memory:
            print(f"peak traced MB:    {peak / 1024 / 1024:.1f} (seconds above slowed by tracing)")
    finally:
        if postgres:
            connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


if __name__ == "__main__":
    main()
