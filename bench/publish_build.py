"""Benchmark: how long a publication takes to build, output by output.

Times the steps of `publishing.services.version_build` one by one (generate the BuiltDocument
from the record, render the HTML, lay out the PDF, write the DOCX, run the lints) and then the
whole service call as staff start it (which also stores the three files with their SHA-256),
each the median of `--runs` runs, for:

(a) the Enterprise M3 demo's early beta statement: the demo loaded without its builds
    (`scenario_load(build_publications=False)`), then the publication's latest version, or a new
    draft of it (`version_new`) if that one is signed off;
(b) a generated strategy of 20 priorities (three lines of enquiry each, steered by one board) and
    1,000 public evidence items (summary, four findings, a quality rating; one in two hundred
    cites one of five indicators with values), built as an evidence summary and as a draft
    strategy. Made in the database directly (bulk inserts), beside the demo: the demo's shape at
    this size would need scenarios/generate.py to scale evidence on its own.

SQLite in a temporary folder, or a fresh test database on PostgreSQL when DATABASE_URL is set.
Prints the load average, seconds per step, the total, pages, sizes, lint findings, and whether
the target (the demo's early beta statement built in under 2 s) was met. Not part of the test
suite.

    .venv/bin/python bench/publish_build.py [--runs 3] [--priorities 20] [--items 1000]
    DATABASE_URL=postgres://... .venv/bin/python bench/publish_build.py
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

TARGET_SECONDS = 2.0
# What the generated strategy's empty written sections are given: short, plain sentences.
PLAIN = (
    "This is a made-up document for a benchmark. It has the shape of a real one. "
    "The parts that follow are drawn from the record. We built it to time the build."
)
STEPS = ("generate", "html", "pdf", "docx", "lints")
WORDS = [
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
    "science",
    "energy",
    "health",
    "logistics",
    "aerospace",
    "cyber",
    "space",
    "gaming",
    "pharmaceuticals",
    "clusters",
    "scale-ups",
    "start-ups",
    "apprenticeships",
]


def sentence(rng: random.Random, length: int) -> str:
    """A made-up sentence from the vocabulary, capitalised and ending in a full stop."""
    return " ".join(rng.choice(WORDS) for _ in range(length)).capitalize() + "."


def load_average() -> str:
    """The machine's 1, 5 and 15 minute load averages, as `uptime` prints them."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def strategy_generate(*, priorities: int, items: int, template: Any) -> Any:
    """A public strategy of `priorities` priorities and `items` public evidence items, with the
    demo strategy's stages (`template`) as its timetable; everything marked illustrative."""
    from convenor.evidence.choices import EvidenceKind, QualityRating, Visibility
    from convenor.evidence.models import EvidenceItem, Indicator, IndicatorValue
    from convenor.governance.choices import BodyKind
    from convenor.governance.models import Body, BodyPriority
    from convenor.strategy.models import LineOfEnquiry, Priority, Stage, Strategy

    rng = random.Random(2019)
    strategy = Strategy.objects.create(
        slug="bench-publish",
        name="Bench strategy for building publications",
        area_name="Bench area",
        vision=sentence(rng, 20),
        theory_of_change="\n\n".join(sentence(rng, 18) for _ in range(3)),
        narrative="\n\n".join(sentence(rng, 18) for _ in range(4)),
        is_public=True,
    )
    stages = list(Stage.objects.filter(strategy=template).order_by("order"))
    for stage in stages:
        stage.pk = None
        stage.id = None  # type: ignore[assignment]
        stage.strategy = strategy
    Stage.objects.bulk_create(stages)
    Priority.objects.bulk_create(
        Priority(
            strategy=strategy, number=number, title=sentence(rng, 4)[:-1], summary=sentence(rng, 25)
        )
        for number in range(1, priorities + 1)
    )
    made = list(Priority.objects.filter(strategy=strategy).order_by("number"))
    LineOfEnquiry.objects.bulk_create(
        LineOfEnquiry(priority=priority, order=order, question=sentence(rng, 10)[:-1] + "?")
        for priority in made
        for order in (1, 2, 3)
    )
    lines = list(LineOfEnquiry.objects.filter(priority__strategy=strategy))
    board = Body.objects.create(
        strategy=strategy,
        slug="bench-board",
        name="Bench Board",
        kind=BodyKind.BOARD,
        remit=sentence(rng, 15),
    )
    BodyPriority.objects.bulk_create(
        BodyPriority(body=board, priority=priority, leads=True) for priority in made
    )
    area_code = template.areas.values_list("gss_code", flat=True).exclude(gss_code="").first()
    indicators = [
        Indicator.objects.create(
            strategy=strategy,
            key=f"bench-{number}",
            name=f"Bench indicator {number}",
            unit="£ per hour",
            source="Made up for the benchmark",
            comparison_area_code="K02000001",
            is_illustrative=True,
        )
        for number in range(1, 6)
    ]
    IndicatorValue.objects.bulk_create(
        IndicatorValue(
            indicator=indicator,
            area_code=code,
            period=str(year),
            value=Decimal(rng.randint(2_000, 4_000)) / 100,
        )
        for indicator in indicators
        for code in (area_code or "E10000030", "K02000001")
        for year in range(2010, 2019)
    )
    qualities = list(QualityRating.values)
    EvidenceItem.objects.bulk_create(
        EvidenceItem(
            strategy=strategy,
            key=f"bench-{number}",
            title=f"Evidence {number}: {sentence(rng, 6)[:-1]}",
            kind=EvidenceKind.PUBLISHED_REPORT,
            source="Bench source",
            summary=" ".join(sentence(rng, 12) for _ in range(3)),
            key_findings="\n".join(sentence(rng, 12) for _ in range(4)),
            url=f"https://example.org/evidence/{number}",
            published_on=datetime.date(2018, 1, 1) + datetime.timedelta(days=number % 365),
            quality=qualities[number % len(qualities)],
            quality_reason="Made up for the benchmark.",
            visibility=Visibility.PUBLIC,
            is_illustrative=True,
        )
        for number in range(1, items + 1)
    )
    evidence = list(EvidenceItem.objects.filter(strategy=strategy).order_by("pk"))
    Through = EvidenceItem.priorities.through
    # Each item informs one priority, and one in three a second one too.
    informs = [
        (item, {made[index % len(made)], made[(index * 7 + 1) % len(made)]})
        if index % 3 == 0
        else (item, {made[index % len(made)]})
        for index, item in enumerate(evidence)
    ]
    Through.objects.bulk_create(
        Through(evidenceitem_id=item.pk, priority_id=priority.pk)
        for item, priorities_of in informs
        for priority in priorities_of
    )
    LineThrough = EvidenceItem.lines_of_enquiry.through
    LineThrough.objects.bulk_create(
        LineThrough(evidenceitem_id=item.pk, lineofenquiry_id=lines[index % len(lines)].pk)
        for index, item in enumerate(evidence)
    )
    IndicatorThrough = EvidenceItem.indicators.through
    IndicatorThrough.objects.bulk_create(
        IndicatorThrough(evidenceitem_id=item.pk, indicator_id=indicators[(index // 200) % 5].pk)
        for index, item in enumerate(evidence)
        if index % 200 == 0
    )
    return strategy


def steps_time(version: Any) -> tuple[dict[str, float], dict[str, Any]]:
    """Each step of the build pipeline, timed, exactly as version_build runs them."""
    from convenor.publishing.generate import document_build
    from convenor.publishing.render import docx_render, html_render, pdf_render
    from convenor.publishing.services import version_lint

    seconds: dict[str, float] = {}

    def timed(name: str, work: Callable[[], Any]) -> Any:
        began = time.perf_counter()
        result = work()
        seconds[name] = time.perf_counter() - began
        return result

    document = timed("generate", lambda: document_build(version=version))
    html = timed("html", lambda: html_render(document))
    pdf = timed("pdf", lambda: pdf_render(html=html))
    docx = timed("docx", lambda: docx_render(document))
    findings = timed(
        "lints",
        lambda: version_lint(version=version, document=document, html=html, pages=pdf.pages),
    )
    facts = {
        "pages": pdf.pages,
        "html bytes": len(html.encode("utf-8")),
        "pdf bytes": len(pdf.content),
        "docx bytes": len(docx),
        "findings": findings,
        "sections": len(document.sections),
    }
    return seconds, facts


def measure(label: str, version: Any, runs: int) -> float:
    """Print the median seconds of each step and of the whole service call; return the latter."""
    from convenor.publishing.choices import BuildStatus
    from convenor.publishing.services import version_build

    per_step: dict[str, list[float]] = {step: [] for step in STEPS}
    totals: list[float] = []
    facts: dict[str, Any] = {}
    before = load_average()
    for _ in range(runs):
        seconds, facts = steps_time(version)
        for step in STEPS:
            per_step[step].append(seconds[step])
        totals.append(sum(seconds.values()))
    service: list[float] = []
    for _ in range(runs):
        began = time.perf_counter()
        built = version_build(version=version)
        service.append(time.perf_counter() - began)
        if built.build_status != BuildStatus.BUILT:
            raise SystemExit(f"{label}: the build failed: {built.build_step}")
    findings = facts["findings"]
    codes = sorted({finding.code for finding in findings})
    print(f"\n{label}")
    print(f"  load average before: {before}")
    print(
        f"  sections {facts['sections']}, pages {facts['pages']}, "
        f"HTML {facts['html bytes'] / 1024:,.0f} KB, PDF {facts['pdf bytes'] / 1024:,.0f} KB, "
        f"DOCX {facts['docx bytes'] / 1024:,.0f} KB, {len(findings)} lint findings"
        + (f" ({', '.join(codes)})" if codes else "")
    )
    print(f"  {'step':<28} {'median s':>9}   runs")
    for step in STEPS:
        values = per_step[step]
        print(
            f"  {step:<28} {statistics.median(values):>9.3f}   "
            + ", ".join(f"{value:.3f}" for value in values)
        )
    print(
        f"  {'total of the steps':<28} {statistics.median(totals):>9.3f}   "
        + ", ".join(f"{value:.3f}" for value in totals)
    )
    print(
        f"  {'version_build (stores files)':<28} {statistics.median(service):>9.3f}   "
        + ", ".join(f"{value:.3f}" for value in service)
    )
    print(f"  load average after: {load_average()}")
    return statistics.median(service)


def main() -> None:
    """Prepare the throwaway database, load and generate the data, time the builds."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--priorities", type=int, default=20)
    parser.add_argument("--items", type=int, default=1000)
    parser.add_argument("--demo-only", action="store_true", help="skip the generated strategy (b)")
    arguments = parser.parse_args()

    data_dir = tempfile.mkdtemp(prefix="convenor-bench-")
    os.environ["CONVENOR_DATA_DIR"] = data_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "convenor.config.settings")
    # Imported only now, so that the settings see the data folder set above.
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from convenor.publishing.choices import PublicationKind, SectionKind
    from convenor.publishing.models import Publication, Section
    from convenor.publishing.services import publication_create, version_new
    from convenor.scenarios.generate import DEMO_SCENARIO
    from convenor.scenarios.loader import scenario_load

    postgres = connection.vendor == "postgresql"
    if postgres:
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
    else:
        call_command("migrate", verbosity=0)
    try:
        print(f"database:        {connection.vendor}")
        print(f"load average:    {load_average()} (1, 5, 15 minutes; {os.cpu_count()} cores)")
        began = time.perf_counter()
        scenario_load(path=DEMO_SCENARIO, build_publications=False)
        print(f"demo loaded in:  {time.perf_counter() - began:.1f} s (without builds)")

        early_beta = Publication.objects.select_related("strategy").get(
            kind=PublicationKind.EARLY_BETA, strategy__slug__in=_demo_slugs()
        )
        version = early_beta.versions.order_by("-number").first()
        if version is None or version.is_fixed:
            version = version_new(actor=None, publication=early_beta)
        demo_seconds = measure(
            f"(a) demo: {early_beta.title}, version {version.number} "
            f"(as of {version.as_of}, {version.status})",
            version,
            arguments.runs,
        )

        if not arguments.demo_only:
            began = time.perf_counter()
            strategy = strategy_generate(
                priorities=arguments.priorities,
                items=arguments.items,
                template=early_beta.strategy,
            )
            print(
                f"\ngenerated {arguments.priorities} priorities and {arguments.items:,} public "
                f"evidence items in {time.perf_counter() - began:.1f} s"
            )
            for kind, title in (
                (PublicationKind.EVIDENCE_SUMMARY, "Bench evidence summary"),
                (PublicationKind.DRAFT_STRATEGY, "Bench draft strategy"),
            ):
                publication = publication_create(
                    actor=None,
                    strategy=strategy,
                    kind=kind,
                    title=title,
                    slug=f"bench-{kind}",
                    as_of=datetime.date(2019, 6, 21),
                )
                # Written sections start empty; a few plain sentences, as staff would write.
                Section.objects.filter(
                    version__publication=publication, kind=SectionKind.WRITTEN, body=""
                ).update(body=PLAIN)
                measure(
                    f"(b) {arguments.priorities} priorities, {arguments.items:,} evidence items: "
                    f"{kind}",
                    publication.versions.get(),
                    arguments.runs,
                )

        met = demo_seconds < TARGET_SECONDS
        print(
            f"\ntarget: the demo's early beta statement built in under {TARGET_SECONDS:g} s on "
            f"this machine (version_build, median of {arguments.runs}): "
            f"{demo_seconds:.2f} s: {'MET' if met else 'NOT MET'}"
        )
    finally:
        if postgres:
            connection.creation.destroy_test_db(connection.settings_dict["NAME"], verbosity=0)
        shutil.rmtree(data_dir, ignore_errors=True)


def _demo_slugs() -> list[str]:
    """The demo strategy's slug (read from the scenario file, not assumed)."""
    from convenor.scenarios.generate import DEMO_SCENARIO
    from convenor.scenarios.loader import scenario_read

    return [scenario_read(path=DEMO_SCENARIO)["strategy"]["slug"]]


if __name__ == "__main__":
    main()
