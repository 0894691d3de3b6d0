"""Break-even values: exact (`redline.space.thresholds`) against the brute force an analyst would
otherwise run, a sweep of every setting on a grid, in the same run; and how far the grid's answer
lies from the exact one (the grid only brackets a break-even value within its step).

    python benchmarks/bench_thresholds.py [--steps 201]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import redline
from redline.scenario.situation import situation
from redline.space import sweep, thresholds

ROOT = Path(__file__).resolve().parents[1]
CASES = [("us-iran-2026.yaml", ["enrichment", "inspections", "stockpile", "sanctions"]),
         ("coalition-budget.yaml", None), ("logrolling.yaml", None)]


def grid_break_even(current, parameter: str, current_value: float, steps: int) -> float | None:
    """The nearest grid value where the answer differs from now: the verdict for a reservation
    (its break-even value is where the ZOPA opens or closes), the verdict or the Nash package
    for a weight."""
    found = sweep(current, parameter, 0.0, 1.0, steps)

    def answer(step):
        return step.verdict if parameter.endswith(".reservation") else (step.verdict, step.nash)

    now = answer(min(found.steps, key=lambda s: abs(s.value - current_value)))
    changed = [s.value for s in found.steps if answer(s) != now]
    return min(changed, key=lambda v: abs(v - current_value)) if changed else None


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=201)
    args = parser.parse_args()
    print(f"| case | settings | exact | grid of {args.steps} per setting | grid / exact | "
          "largest gap grid vs exact |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, agenda in CASES:
        current = situation(redline.load(ROOT / "examples" / name), agenda)
        started = time.perf_counter()
        exact = thresholds(current, credibility=False)
        exact_time = time.perf_counter() - started
        started = time.perf_counter()
        gaps = []
        for item in exact.items:
            grid = grid_break_even(current, item.parameter, item.current, args.steps)
            if grid is not None and item.threshold is not None:
                gaps.append(abs(grid - item.threshold))
        grid_time = time.perf_counter() - started
        gap = f"{max(gaps):.4f}" if gaps else "-"
        print(f"| {name} | {len(exact.items)} | {exact_time * 1000:.0f} ms | "
              f"{grid_time:.2f} s | {grid_time / exact_time:.0f}x | {gap} |")


if __name__ == "__main__":
    main()
