"""The cost of numeric issues: grid-based analysis at several steps against the exact method.

    python benchmarks/bench_numeric.py

Prints, for the US–Iran example with enrichment in percent (nuclear agenda) and for random
two-party problems with 1–4 real issues (bent piecewise-linear values, seeded): the grid's
outcomes, time, Nash product and stated grid error at each step, and the exact method's time,
cells and Nash product, with the time ratio measured in the same run. Then the same for three
and four parties (`exact_solutions`: linear programmes per cell) against grids of 21, 51 and 101
points per real issue. Best of 3 runs each.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from redline.scenario import load, situation
from redline.space import analyze, exact_bargaining, exact_solutions

ROOT = Path(__file__).resolve().parents[1]
NUCLEAR = ["enrichment", "inspections", "stockpile", "sanctions"]


def best_of(task: Callable[[], Any], runs: int = 3) -> tuple[float, Any]:
    best, result = float("inf"), None
    for _ in range(runs):
        started = time.perf_counter()
        result = task()
        best = min(best, time.perf_counter() - started)
    return best, result


def nash_product(utilities: Any, d: Any) -> float:
    return float(np.prod([u - r for u, r in zip(utilities, d, strict=True)]))


def random_problem(issues: int, seed: int, step: float) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    prefs = {}
    for party in ("A", "B"):
        values = {}
        for k in range(issues):
            xs = np.sort(rng.uniform(0.1, 0.9, 2))
            ys = rng.uniform(0, 1, 4)
            values[f"x{k}"] = {"points": [[0.0, ys[0]], [xs[0], ys[1]], [xs[1], ys[2]],
                                          [1.0, ys[3]]]}
        prefs[party] = {"weights": {f"x{k}": float(rng.uniform(0.2, 1)) for k in range(issues)},
                        "values": values, "reservation": 0.2}
    return {"format": "redline/1", "title": f"{issues} real issues",
            "actors": [{"id": "A", "name": "A", "role": "party"},
                       {"id": "B", "name": "B", "role": "party"}],
            "issues": [{"id": f"x{k}", "name": f"x{k}", "range": [0, 1], "step": step}
                       for k in range(issues)],
            "preferences": prefs}


def many_problem(parties: int, seed: int, step: float) -> dict[str, Any]:
    """Two real issues on [0, 1] with bent values and a discrete issue of three options."""
    rng = np.random.default_rng(seed)
    names = [chr(ord("A") + j) for j in range(parties)]
    prefs = {}
    for party in names:
        values: dict[str, Any] = {"d": [float(v) for v in rng.uniform(0, 1, 3)]}
        for k in range(2):
            xs = np.sort(rng.uniform(0.1, 0.9, 2))
            ys = rng.uniform(0, 1, 4)
            values[f"x{k}"] = {"points": [[0.0, ys[0]], [xs[0], ys[1]], [xs[1], ys[2]],
                                          [1.0, ys[3]]]}
        prefs[party] = {"weights": {i: float(rng.uniform(0.2, 1)) for i in ("x0", "x1", "d")},
                        "values": values, "reservation": 0.2}
    return {"format": "redline/1", "title": f"{parties} parties",
            "actors": [{"id": p, "name": p, "role": "party"} for p in names],
            "issues": [{"id": f"x{k}", "name": f"x{k}", "range": [0, 1], "step": step}
                       for k in range(2)] + [{"id": "d", "name": "d", "options": ["a", "b", "c"]}],
            "preferences": prefs}


def many_row(label: str, current: Any) -> None:
    d = [current.reservations[p] for p in current.parties]
    exact_time, exact = best_of(lambda: exact_solutions(current))
    grid_time, grid = best_of(lambda: analyze(current, method="enumerate"))
    errors = current.grid()["grid_error"]
    mine = nash_product(exact.solutions["nash"].utilities.values(), d)
    theirs = nash_product(grid.solutions["nash"].utilities, d)
    print(f"| {label} | {grid.outcomes:,} | {grid_time * 1e3:.1f} ms | {theirs:.6f} | "
          f"{sum(errors.values()):.4f} | {exact.cells:,} ({exact.solved:,} solved) | "
          f"{exact_time * 1e3:.1f} ms | {mine:.6f} | {grid_time / exact_time:.2g}x |")


def row(label: str, current: Any) -> None:
    d = [current.reservations[p] for p in current.parties]
    exact_time, exact = best_of(lambda: exact_bargaining(current))
    grid_time, grid = best_of(lambda: analyze(current))
    errors = current.grid()["grid_error"]
    mine = nash_product(exact.solutions["nash"].utilities.values(), d)
    theirs = nash_product(grid.solutions["nash"].utilities, d)
    print(f"| {label} | {grid.outcomes:,} | {grid_time * 1e3:.1f} ms | {theirs:.6f} | "
          f"{max(errors.values()):.4f} | {exact.cells:,} | {exact_time * 1e3:.1f} ms | "
          f"{mine:.6f} | {grid_time / exact_time:.2g}x |")


def main() -> None:
    print("| case | grid outcomes | grid time | grid Nash product | grid error (max) | "
          "exact cells | exact time | exact Nash product | grid / exact time |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    base = load(ROOT / "examples" / "us-iran-enrichment.yaml").to_dict()
    for step in (5.0, 1.0, 0.25, 0.05):
        base["issues"][0]["step"] = step
        current = situation(load(base), NUCLEAR)
        row(f"US–Iran enrichment %, step {step:g}", current)
    for issues in (1, 2, 3, 4):
        step = {1: 0.001, 2: 0.01, 3: 0.05, 4: 0.1}[issues]
        current = situation(load(random_problem(issues, issues, step)), events="none")
        row(f"{issues} real issue(s), bent values, step {step:g}", current)
    print("\n| case | grid outcomes | grid time | grid Nash product | grid error (sum) | "
          "exact cells | exact time | exact Nash product | grid / exact time |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    three = load(ROOT / "tests" / "numeric" / "three-way-price.yaml").to_dict()
    for step in (5.0, 1.0, 0.25):
        three["issues"][0]["step"] = step
        many_row(f"three-way price, price step {step:g}", situation(load(three), events="none"))
    for parties in (3, 4):
        for step in (0.05, 0.02, 0.01):
            current = situation(load(many_problem(parties, parties, step)), events="none")
            many_row(f"{parties} parties, 2 bent real issues + 3 options, step {step:g}",
                     current)
    started = time.perf_counter()
    for _ in range(20):
        load(ROOT / "examples" / "us-iran-enrichment.yaml")
    numeric = (time.perf_counter() - started) / 20
    started = time.perf_counter()
    for _ in range(20):
        load(ROOT / "examples" / "us-iran-2026.yaml")
    discrete = (time.perf_counter() - started) / 20
    print(f"\nLoading: enrichment in percent {numeric * 1e3:.1f} ms, as four options "
          f"{discrete * 1e3:.1f} ms ({numeric / discrete:.2g}x)")


if __name__ == "__main__":
    main()
