"""Break-even sweeps of the analyst's desk: every step in one batch against the exact analysis
re-run at each step, in the same run.

    python benchmarks/bench_sweep.py [--repeats 3]

For each case both `redline.uncertainty.sweep` (batched: the outcome table built once, the steps
as rows of one block of the Monte Carlo engine) and `redline.space.sweep` (per step: `analyze`
at every step) run on the same situation; the benchmark checks that their steps are equal and
prints the CPU time of each (best of `--repeats`, after one warm-up) and the ratio. Cases: the
examples' situations the desk shows (the US-Iran nuclear agenda with the active events; the same
agenda with 62 enrichment levels; the EU Council file, 27 parties), at the desk's default of 21
steps and its maximum of 101, and agendas of examples/many-issues-20.yaml from 10^3 to 10^5
packages with the batch forced past its limit, to show where step by step wins.
The machine is shared: read the ratios, measured in the same run.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

NUCLEAR = ["enrichment", "inspections", "stockpile", "sanctions"]


def cpu(function: Callable[[], Any], repeats: int) -> tuple[float, Any]:
    """The least CPU time of `repeats` calls after a warm-up, and the last result."""
    result = function()
    best = float("inf")
    for _ in range(repeats):
        start = time.process_time()
        result = function()
        best = min(best, time.process_time() - start)
    return best, result


def cases() -> list[tuple[str, Any, str]]:
    from redline.scenario import load, situation

    iran = load(ROOT / "examples" / "us-iran-2026.yaml")
    levels = load(ROOT / "examples" / "us-iran-enrichment.yaml")
    council = load(ROOT / "examples" / "eu-council-qmv.yaml")
    nuclear = situation(iran, NUCLEAR)
    fine = situation(levels, NUCLEAR)
    eu = situation(council)
    return [("US-Iran nuclear (192)", nuclear, "IRN.reservation"),
            ("US-Iran nuclear (192)", nuclear, "USA.weights.sanctions"),
            ("US-Iran nuclear (192)", nuclear, "irn-no-missile-limits.credibility"),
            ("enrichment levels (2,976)", fine, "IRN.reservation"),
            ("enrichment levels (2,976)", fine, "USA.weights.enrichment"),
            ("EU Council, 27 parties (12)", eu, "DEU.reservation"),
            ("EU Council, 27 parties (12)", eu, "FRA.weights.peatlands")]


def compare(label: str, current: Any, name: str, steps: int, repeats: int) -> None:
    from redline.space import sweep as per_step
    from redline.uncertainty import sweep

    fast, batched = cpu(lambda: sweep(current, name, 0.0, 1.0, steps), repeats)
    slow, exact = cpu(lambda: per_step(current, name, 0.0, 1.0, steps), repeats)
    assert batched.steps == exact.steps, f"{label} {name}: the sweeps differ"
    changes = len({(s.verdict, str(s.nash)) for s in exact.steps})
    print(f"  {label:<29} {name:<34} {steps:>5} {batched.parameters['engine']:>9} "
          f"{fast * 1e3:>9.1f} {slow * 1e3:>9.1f} {slow / fast:>6.1f}x {changes:>7}")


def crossover(steps: int, repeats: int) -> None:
    from redline.scenario import load, situation
    from redline.uncertainty import sweeps

    scenario = load(ROOT / "examples" / "many-issues-20.yaml")
    limit = sweeps.BATCH_LIMIT
    sweeps.BATCH_LIMIT = 1 << 20  # batch past the limit, to see where it stops paying
    try:
        for agenda in (["i03", "i07", "i12"], ["i01", "i03", "i07", "i12"],
                       ["i01", "i02", "i03", "i07", "i12"]):
            current = situation(scenario, agenda)
            compare(f"many-issues-20 ({10 ** len(agenda):,})", current, "P1.reservation",
                    steps, repeats)
    finally:
        sweeps.BATCH_LIMIT = limit
    print(f"  (batched forced past its limit of {limit:,} packages for these lines; "
          "`sweep` goes step by step there)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--no-crossover", action="store_true")
    args = parser.parse_args()
    load_average = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {os.cpu_count()} CPU(s), load "
          f"average {load_average} (a shared machine: read the ratios)")
    print("Sweeps from 0 to 1, CPU ms (best of "
          f"{args.repeats}), batched against per step, the same steps checked:")
    print(f"  {'situation (packages)':<29} {'setting':<34} {'steps':>5} {'engine':>9} "
          f"{'batched':>9} {'per step':>9} {'ratio':>7} {'answers':>7}")
    for steps in (21, 101):
        for label, current, name in cases():
            compare(label, current, name, steps, args.repeats)
    if not args.no_crossover:
        crossover(21, max(1, args.repeats // 2))
    print("  (answers: distinct verdict-and-Nash pairs along the sweep)")


if __name__ == "__main__":
    main()
