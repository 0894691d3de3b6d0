"""Monte Carlo throughput on the US–Iran scenario: runs per second on one core and on two.

    python benchmarks/bench_montecarlo.py [--runs 10000]

Every figure is measured in this run: the local engine (one core, in process), worker processes
(1 and 2), and a two-worker Dask LocalCluster; ratios are against the local engine. Each engine
is opened and warmed up on two draws first (its start-up is printed apart), so the rates compare
the engines at work. The same seed
gives the same records on every engine, which the benchmark checks as it goes. The last line times
10^4 draws end to end through `montecarlo()` (Monte Carlo only, no Sobol design), on the full
agenda and on the agenda without missiles.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import numpy as np  # noqa: E402

from redline.scenario import from_document, load  # noqa: E402
from redline.scenario.pressure import select_events  # noqa: E402
from redline.scenario.sampling import parameters, realise  # noqa: E402
from redline.uncertainty import Bargaining, montecarlo, run  # noqa: E402
from redline.uncertainty.engines import Engine  # noqa: E402


def timed(label: str, runs: int, baseline: float | None, name: str = "local",
          **options: object) -> tuple[float, object]:
    """Open the engine and run two draws (start-up: pool or client, workers importing redline),
    then time `runs` draws on the warm engine."""
    start = time.perf_counter()
    with Engine(name, **options) as engine:  # type: ignore[arg-type]
        run(SCENARIO, ENUMERATED, 2, seed=1, engine=engine, chunk=1)
        warm = time.perf_counter()
        result = run(SCENARIO, ENUMERATED, runs, seed=2026, engine=engine)
        seconds = time.perf_counter() - warm
    rate = runs / seconds
    ratio = f"  x{rate / baseline:.2f} vs local" if baseline else ""
    print(f"{label:<34} {runs:>7,} runs {seconds:8.2f} s {rate:10,.0f} runs/s{ratio}"
          f"   (start-up {warm - start:.2f} s)")
    return rate, result


def spin(n: int) -> int:
    """Pure CPU work, no memory traffic: the yardstick of how parallel the machine is now."""
    total = 0
    for k in range(n):
        total += k * k % 7
    return total


def capacity(n: int = 6_000_000) -> float:
    """How much faster two processes finish two units of pure CPU work than one process
    finishes one: 2.0 on two free cores, 1.0 when only one core's worth is free."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=2) as pool:
        list(pool.map(spin, [1000, 1000]))  # start both workers
        start = time.perf_counter()
        pool.submit(spin, n).result()
        one = time.perf_counter() - start
        start = time.perf_counter()
        list(pool.map(spin, [n, n]))
        two = time.perf_counter() - start
    return 2 * one / two


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=4_000)
    args = parser.parse_args()
    runs = args.runs
    load_average = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"US–Iran scenario, active events; {os.cpu_count()} CPU(s), load average "
          f"{load_average} (other work on the machine slows every figure)")
    print(f"Machine capacity now: two processes of pure CPU work run at x{capacity():.2f} of one "
          "(2.00 = two free cores)")
    print("Engines, agenda without missiles (every draw enumerates 192 packages):")
    local, reference = timed("local (1 core, in process)", runs, None)
    _, one = timed("processes, 1 worker", runs, local, "processes", workers=1)
    _, two = timed("processes, 2 workers", runs, local, "processes", workers=2)
    for other in (one, two):
        assert other.records == reference.records, "engines disagree"  # type: ignore[attr-defined]
    try:
        from dask.distributed import LocalCluster
    except ImportError:
        print("dask: not installed (pip install 'redline[uncertainty]')")
    else:
        with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster:
            _, dask = timed("dask LocalCluster, 2 workers", runs, local, "dask",
                            scheduler=cluster.scheduler_address)
        assert dask.records == reference.records, "dask disagrees"  # type: ignore[attr-defined]
    print(f"Machine capacity after: x{capacity():.2f}")
    params = parameters(SCENARIO)
    points = np.random.default_rng(0).random((2000, len(params)))
    start = time.perf_counter()
    fast = [realise(params, q) for q in points]
    realise_ms = (time.perf_counter() - start) / len(points) * 1e3
    start = time.perf_counter()
    for drawn in fast:
        from_document(drawn.document)  # the naive way: validate and compile every draw anew
    reload_ms = (time.perf_counter() - start) / len(points) * 1e3
    print(f"Drawing a scenario: realise() {realise_ms:.3f} ms, full reload of the drawn document "
          f"{reload_ms:.3f} ms (x{reload_ms / realise_ms:.1f})")
    print("End to end, montecarlo() with 10^4 draws, local engine, no Sobol design:")
    for label, agenda in (("all issues (IRN refuses talks in ~90% of draws)", None),
                          ("agenda without missiles", NO_MISSILES)):
        start = time.perf_counter()
        report = montecarlo(SCENARIO, 10_000, seed=2026, agenda=agenda, events=EVENTS,
                            sobol_samples=0)
        seconds = time.perf_counter() - start
        print(f"  {label:<50} {seconds:6.2f} s   P(ZOPA) = {report.summary['p_zopa']:.3f}")

SCENARIO = load(ROOT / "examples" / "us-iran-2026.yaml")
EVENTS = select_events(SCENARIO, "active")
NO_MISSILES = ("enrichment", "inspections", "stockpile", "sanctions")
ENUMERATED = Bargaining(NO_MISSILES, EVENTS)

if __name__ == "__main__":
    main()
