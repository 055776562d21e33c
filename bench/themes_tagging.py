"""Benchmark: themes and priority tagging over 100,000 generated contributions.

Generates contributions (seeded) about the nine priorities of the Enterprise M3 scenario: each
is two to four sentences built from a vocabulary per priority (one in five mixes in a second
priority's words) and words any partner might use. Then times, on all of them:

- `insights.themes.themes_find` (TF-IDF and NMF, as `themes_compute` runs it for a strategy);
- the keyword baseline: `tagging.Tagger(priorities)` built and `suggest` on every text;
- the classifier: `tagging.Tagger(priorities, examples)` trained on 2,000 of the generated
  texts with their priorities as confirmed tags, and `suggest` on every text.

The priorities are read from src/convenor/scenarios/em3-2019.yaml. Nothing touches a database.
Prints seconds per step, the process's maximum resident set (ru_maxrss) after each step, and
(unless `--no-trace`) the peak of traced allocations of each step in a second, separate run
under tracemalloc, whose seconds are slowed by the tracing and are not the timing. Not part of
the test suite.

    .venv/bin/python bench/themes_tagging.py [--texts 100000] [--examples 2000] [--no-trace]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "src"))
SCENARIO = REPO_ROOT / "src" / "convenor" / "scenarios" / "em3-2019.yaml"
SEED = 8


def _words(text: str) -> list[str]:
    return text.split()


# Words partners use about each priority (numbered as in the scenario).
TOPICS: dict[int, list[str]] = {
    1: _words(
        "research universities patents spinout prototype laboratory commercialise satellite "
        "space aerospace immersive science park incubator investors ideas testbed knowledge "
        "transfer innovation grants scientists defence technology startups"
    ),
    2: _words(
        "skills apprenticeships college training retrain lecturers courses qualifications "
        "welders engineers carers schools careers placements levy graduates adults learners "
        "literacy numeracy workforce shortages recruitment"
    ),
    3: _words(
        "town centre high street shops market vacant units footfall heritage library cafes "
        "parking regeneration squares evenings independent retailers chains councils pride "
        "festival precinct"
    ),
    4: _words(
        "broadband fibre gigabit mobile signal masts 5G coverage upload speeds vouchers rural "
        "connectivity digital wifi outages copper exchange providers streaming cloud "
        "cybersecurity"
    ),
    5: _words(
        "energy solar heat pumps insulation emissions carbon net-zero retrofit wind batteries "
        "grid farms woodland rivers water recycling waste biodiversity hydrogen efficiency "
        "climate"
    ),
    6: _words(
        "exports ports Heathrow Southampton freight airport customs investors overseas trade "
        "markets tariffs shipping cargo logistics inward investment embassies currency "
        "exporters"
    ),
    7: _words(
        "homes housing rents mortgage flats bungalows estates landlords tenants affordable "
        "planning plots builders deposit starter shared-ownership social-housing "
        "developers viability density"
    ),
    8: _words(
        "buses trains station cycling commuters congestion fares timetables railway parking "
        "electric charging roads junction lanes minibuses journeys traffic pedestrians "
        "interchange"
    ),
    9: _words(
        "business growth start-ups finance loans mentoring scale-up entrepreneurs productivity "
        "firms advice rates premises managers leadership exporting procurement suppliers "
        "investment cash-flow"
    ),
}
COMMON = _words(
    "we our the area people partners support council plan more less better worse new years "
    "local county region young older families every week month year time cost money need "
    "want hope worry change future because but also often never always most many some few"
)


def contributions(count: int, seed: int = SEED) -> list[tuple[str, list[int]]]:
    """`count` texts with their true priorities, the same for the same seed."""
    rng = random.Random(seed)
    numbers = list(TOPICS)
    result = []
    for _ in range(count):
        main = rng.choice(numbers)
        tags = [main]
        if rng.random() < 0.2:
            tags.append(rng.choice([n for n in numbers if n != main]))
        sentences = []
        for _sentence in range(rng.randint(2, 4)):
            words = [rng.choice(COMMON) for _ in range(rng.randint(4, 8))]
            for _word in range(rng.randint(2, 4)):
                words.insert(rng.randrange(len(words) + 1), rng.choice(TOPICS[rng.choice(tags)]))
            sentences.append(" ".join(words).capitalize() + ".")
        result.append((" ".join(sentences), sorted(tags)))
    return result


def max_rss_mb() -> float:
    """The process's maximum resident set so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(step: Callable[[], Any]) -> tuple[float, Any]:
    started = time.perf_counter()
    result = step()
    return time.perf_counter() - started, result


def traced(step: Callable[[], Any]) -> float:
    """The peak of traced allocations (MB) while the step runs."""
    tracemalloc.start()
    tracemalloc.reset_peak()
    try:
        step()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / 1024 / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--texts", type=int, default=100_000)
    parser.add_argument("--examples", type=int, default=2_000)
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc run")
    arguments = parser.parse_args()

    from convenor.insights import themes
    from convenor.insights.evaluation import scenario_priorities
    from convenor.insights.tagging import Tagger

    print(f"load average:      {' '.join(f'{x:.2f}' for x in os.getloadavg())} (before)")
    print(f"cores:             {os.cpu_count()}")
    generated = contributions(arguments.texts)
    texts = [text for text, _tags in generated]
    examples = generated[: arguments.examples]
    priorities = scenario_priorities(SCENARIO)
    words = sum(len(text.split()) for text in texts)
    print(f"texts:             {len(texts):,} ({words:,} words)")
    print(f"examples:          {len(examples):,} (classifier training)")
    print(f"max RSS MB:        {max_rss_mb():.1f} (texts generated)")

    def keywords() -> Any:
        tagger = Tagger(priorities)
        return tagger.method, tagger.suggest(texts)

    def classifier() -> Any:
        tagger = Tagger(priorities, examples)
        return tagger.method, tagger.suggest(texts)

    steps: list[tuple[str, Callable[[], Any]]] = [
        ("themes_find", lambda: themes.themes_find(texts)),
        ("tagger keywords", keywords),
        ("tagger classifier", classifier),
    ]
    total = 0.0
    for name, step in steps:
        seconds, result = timed(step)
        total += seconds
        if name == "themes_find":
            detail = f"{len(result)} themes, largest {len(result[0].members):,} texts"
        else:
            method, suggested = result
            tagged = sum(1 for row in suggested if row)
            detail = f"method {method}, {tagged:,} texts given a priority"
        print(f"{name + ':':<19}{seconds:7.2f} s   max RSS {max_rss_mb():7.1f} MB   {detail}")
    print(f"{'total:':<19}{total:7.2f} s   (target: under 30 s)")
    if not arguments.no_trace:
        for name, step in steps:
            print(f"{name + ' peak traced:':<31}{traced(step):8.1f} MB")
    print(f"load average:      {' '.join(f'{x:.2f}' for x in os.getloadavg())} (after)")


if __name__ == "__main__":
    main()
