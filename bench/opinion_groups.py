"""Benchmark: opinion groups for 2,000 participants and 200 statements (generated votes).

Generates votes (seeded): participants belong to a few latent camps; each camp leans to agree or
disagree with each statement; each participant votes on a share of the statements drawn around
30 % (some vote on most, some on few, as in real conversations), agreeing, disagreeing or passing
as their camp leans. Then times `insights.opinion`:

- building the vote matrix from the votes in the order cast (`VoteMatrix.from_votes`, as
  `insights.services.strategy_votes` does from the database);
- `opinion_groups(matrix)`: the analysis without history, as called, and with BLAS limited to
  one thread (`blas.one_blas_thread`, as `opinion.opinion_groups` now does itself);
- `opinion_groups(matrix, history=votes)`, replaying every vote in order, when the function takes
  a history (it did once; `--updates` sets how many updates the replay makes).

Each is the median of `--runs` runs (the first run's seconds beside it). It prints seconds, the
process's maximum resident set (ru_maxrss) after each step, the peak of traced allocations of
each step in a separate run under tracemalloc (its seconds are slowed by the tracing and are not
the timing), the groups found and their adjusted Rand index against the latent camps. Not part
of the test suite.

    .venv/bin/python bench/opinion_groups.py [--participants 2000] [--statements 200] [--runs 3]
"""

from __future__ import annotations

import argparse
import inspect
import os
import resource
import statistics
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT / "src"))
SEED = 8


def generated_votes(
    participants: int, statements: int, camps: int, share: float, seed: int = SEED
) -> tuple[list[tuple[str, str, float]], list[int]]:
    """Votes in the order cast (participant, statement, vote) and each participant's camp."""
    rng = np.random.default_rng(seed)
    camp_of = rng.integers(0, camps, participants)
    # Each camp's chance of agreeing with each statement: most split the camps, some do not.
    leaning = rng.choice([0.1, 0.25, 0.75, 0.9], size=(camps, statements))
    consensus = rng.random(statements) < 0.1
    leaning[:, consensus] = 0.85
    # Activity per participant: a Beta around `share`, so a few vote on almost everything.
    activity = rng.beta(1.2, 1.2 * (1 - share) / share, participants)
    cells = []
    for person in range(participants):
        voted = np.flatnonzero(rng.random(statements) < activity[person])
        for statement in voted:
            draw = rng.random()
            if draw < 0.1:
                vote = 0.0
            else:
                vote = 1.0 if rng.random() < leaning[camp_of[person], statement] else -1.0
            cells.append((f"p{person}", f"s{statement}", vote))
    order = rng.permutation(len(cells))  # cast in no particular order, as they arrive
    return [cells[i] for i in order], camp_of.tolist()


def one_blas_limited(step: Callable[[], Any]) -> Any:
    from convenor.insights.blas import one_blas_thread

    with one_blas_thread():
        return step()


def max_rss_mb() -> float:
    """The process's maximum resident set so far (Linux reports kilobytes)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def median_seconds(step: Callable[[], Any], runs: int) -> tuple[float, float, Any]:
    """The median and the first of `runs` runs' seconds, and the last run's result."""
    seconds = []
    result = None
    for _ in range(runs):
        started = time.perf_counter()
        result = step()
        seconds.append(time.perf_counter() - started)
    return statistics.median(seconds), seconds[0], result


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
    parser.add_argument("--participants", type=int, default=2_000)
    parser.add_argument("--statements", type=int, default=200)
    parser.add_argument("--camps", type=int, default=3)
    parser.add_argument("--share", type=float, default=0.3, help="mean share of cells voted")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--updates", type=int, default=40, help="replay updates with history")
    parser.add_argument("--no-trace", action="store_true", help="skip the tracemalloc run")
    arguments = parser.parse_args()

    from convenor.insights import opinion

    print(f"load average:      {' '.join(f'{x:.2f}' for x in os.getloadavg())} (before)")
    print(f"cores:             {os.cpu_count()}")
    votes, camp_of = generated_votes(
        arguments.participants, arguments.statements, arguments.camps, arguments.share
    )
    cells = arguments.participants * arguments.statements
    print(
        f"votes:             {len(votes):,} of {cells:,} cells ({len(votes) / cells:.1%}), "
        f"{arguments.participants:,} participants x {arguments.statements} statements, "
        f"{arguments.camps} latent camps"
    )
    print(f"max RSS MB:        {max_rss_mb():.1f} (votes generated)")
    statements = [f"s{i}" for i in range(arguments.statements)]

    def build() -> Any:
        return opinion.VoteMatrix.from_votes(votes, statements=statements)

    matrix = build()
    takes_history = "history" in inspect.signature(opinion.opinion_groups).parameters
    steps: list[tuple[str, Callable[[], Any]]] = [
        ("matrix from votes", build),
        ("groups, no history", lambda: opinion.opinion_groups(matrix)),
        ("groups, 1 BLAS thread", lambda: one_blas_limited(lambda: opinion.opinion_groups(matrix))),
    ]
    if takes_history:
        steps.append(
            (
                "groups, history",
                lambda: opinion.opinion_groups(  # type: ignore[call-arg]
                    matrix, history=votes, updates=arguments.updates
                ),
            )
        )
    for name, step in steps:
        seconds, first, result = median_seconds(step, arguments.runs)
        detail = ""
        if isinstance(result, opinion.OpinionResult):
            camps = [camp_of[int(p[1:])] for p in result.participants]
            ari = opinion.adjusted_rand_index(camps, result.labels.tolist())
            detail = (
                f"{len(result.participants):,} counted, {result.group_count} groups, "
                f"ARI against the camps {ari:.3f}"
            )
        print(
            f"{name + ':':<25}{seconds:7.3f} s (first {first:.3f})   "
            f"max RSS {max_rss_mb():7.1f} MB   {detail}"
        )
    if not takes_history:
        print("groups, history:         not measured: opinion_groups takes no history any more")
    print("target:                  groups in under 1 s")
    if not arguments.no_trace:
        for name, step in steps:
            print(f"{name + ' peak traced:':<37}{traced(step):8.1f} MB")
    print(f"load average:      {' '.join(f'{x:.2f}' for x in os.getloadavg())} (after)")


if __name__ == "__main__":
    main()
