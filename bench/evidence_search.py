"""Benchmark: search an evidence base of 20,000 items by words of their findings.

Fills a fresh database with evidence items whose titles, summaries and key findings are drawn
from a vocabulary of a few thousand words, builds the search index through the same function the
services call (evidence.search.evidence_terms_refresh), then times evidence_search for queries of
one, two and three words, common and rare, and for a prefix ("product" finding "productivity").
SQLite in a temporary folder, or a fresh test database on PostgreSQL when DATABASE_URL is set.
Prints the items, index rows, seconds to index, and per query: matches and milliseconds (the
median of the runs). Not part of the test suite.

    .venv/bin/python bench/evidence_search.py [--items 20000] [--runs 7]
    DATABASE_URL=postgres://... .venv/bin/python bench/evidence_search.py
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time

# Words every item may use (common), and rare ones each in about one item in a thousand.
COMMON = [
    "productivity",
    "growth",
    "towns",
    "skills",
    "innovation",
    "digital",
    "housing",
    "transport",
    "employment",
    "exports",
    "firms",
    "sector",
    "business",
    "university",
    "research",
    "investment",
    "infrastructure",
    "connectivity",
    "rural",
    "centre",
    "workforce",
    "jobs",
    "wages",
    "training",
    "capital",
]
QUERIES = [
    "productivity",
    "product",
    "towns skills",
    "digital connectivity rural",
    "wayleave",
    "wayleave towns",
]


def sentence(rng: random.Random, words: list[str], length: int) -> str:
    return " ".join(rng.choice(words) for _ in range(length)).capitalize() + "."


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=7)
    arguments = parser.parse_args()

    os.environ["CONVENOR_DATA_DIR"] = tempfile.mkdtemp(prefix="convenor-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "convenor.config.settings")
    # Imported only now, so that the settings see the data folder set above.
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from convenor.evidence.models import EvidenceItem, EvidenceTerm
    from convenor.evidence.search import evidence_search, evidence_terms_refresh
    from convenor.strategy.models import Strategy

    postgres = connection.vendor == "postgresql"
    if postgres:
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
    else:
        call_command("migrate", verbosity=0)
    try:
        rng = random.Random(2019)
        vocabulary = COMMON + [f"term{number}" for number in range(3_000)]
        strategy = Strategy.objects.create(slug="bench", name="Bench", area_name="Bench")
        items = EvidenceItem.objects.bulk_create(
            EvidenceItem(
                strategy=strategy,
                title=sentence(rng, vocabulary, 6),
                summary=" ".join(sentence(rng, vocabulary, 12) for _ in range(3)),
                key_findings="\n".join(
                    sentence(rng, vocabulary, 10)
                    + (" Wayleave costs hold back rural fibre." if number % 1000 == 7 else "")
                    for _ in range(4)
                ),
                url=f"https://example.org/{number}",
            )
            for number in range(arguments.items)
        )
        started = time.perf_counter()
        with transaction.atomic():
            for item in items:
                evidence_terms_refresh(item=item)
        indexed = time.perf_counter() - started
        if postgres:
            # What autovacuum does soon after a bulk load: without statistics the planner guesses.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

        print(f"database:        {connection.vendor}")
        print(f"items:           {arguments.items}")
        print(f"index rows:      {EvidenceTerm.objects.count():,}")
        print(f"index seconds:   {indexed:.1f}")
        print(f"{'query':<28} {'matches':>8} {'median ms':>10} {'page ms':>8}")
        everything = EvidenceItem.objects.filter(strategy=strategy)
        for query in QUERIES:
            counts, timings, pages = [], [], []
            for _ in range(arguments.runs):
                began = time.perf_counter()
                counts.append(evidence_search(everything, query).count())
                timings.append(time.perf_counter() - began)
                began = time.perf_counter()
                # What a list page does after counting: the first 25 by date and title.
                list(evidence_search(everything, query).order_by("-published_on", "title")[:25])
                pages.append(time.perf_counter() - began)
            print(
                f"{query!r:<28} {counts[0]:>8,} {statistics.median(timings) * 1000:>10.1f} "
                f"{statistics.median(pages) * 1000:>8.1f}"
            )
    finally:
        if postgres:
            connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)


if __name__ == "__main__":
    main()
