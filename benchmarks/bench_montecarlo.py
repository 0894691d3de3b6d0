"""Monte Carlo per draw, before and after batching, on the US–Iran nuclear agenda; memory of 10^6
draws; cost as the space and the number of uncertain parameters grow; the Dask speed-up.

    python benchmarks/bench_montecarlo.py [--before-runs 1000] [--runs 10000] [--million]

Every figure is measured in this run. "Before" is the code of commit bb3846e (the per-draw path:
realise, pressure and `analyze` for every draw), taken from `git archive` into a temporary
directory and run in a subprocess with that directory on its path; "after" is this checkout. Both
run `montecarlo()` on examples/us-iran-2026.yaml as of bb3846e with the agenda enrichment, inspections,
stockpile, sanctions, the active events, no Sobol design, one core; the benchmark checks that
both give the same P(ZOPA), Nash shares and gain intervals for the same seed. The memory of 10^6
draws is the peak resident set of a fresh process (`--million`; it takes a few tens of seconds).
The machine is shared: every line is noisy; read ratios measured in the same run.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

BEFORE = "bb3846e"
NUCLEAR = ["enrichment", "inspections", "stockpile", "sanctions"]

# Run in a subprocess: `montecarlo()` of whichever redline is first on the path, timed.
TIMED = """
import json, resource, sys, time
from redline.scenario import load
from redline.scenario.pressure import select_events
from redline.uncertainty import montecarlo
scenario = load(sys.argv[1])
runs, agenda, chunk = int(sys.argv[2]), json.loads(sys.argv[3]), int(sys.argv[4])
events = select_events(scenario, "active")
montecarlo(scenario, 20, seed=1, agenda=agenda, events=events, sobol_samples=0)  # warm up
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
start, cpu = time.perf_counter(), time.process_time()
report = montecarlo(scenario, runs, seed=2026, agenda=agenda, events=events, sobol_samples=0,
                    **({"chunk": chunk} if chunk else {}))
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
data = report.to_dict()
print(json.dumps({"seconds": seconds, "cpu": cpu,
                  "rss_before_mb": before / 1024,
                  "rss_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "p_zopa": data["p_zopa"], "nash_options": data["nash_options"],
                  "gains": data["gains"], "quantiles": data.get("quantiles", "exact")}))
"""


def measured(source: Path, runs: int, agenda: list[str] | None, chunk: int = 0,
             example: Path = ROOT / "examples" / "us-iran-2026.yaml") -> dict:
    """`montecarlo()` of the redline under `source` in a fresh process, on one core."""
    env = {**os.environ, "PYTHONPATH": str(source), "OMP_NUM_THREADS": "1",
           "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-c", TIMED, str(example),
                           str(runs), json.dumps(agenda), str(chunk)],
                          env=env, capture_output=True, text=True, check=True)
    result: dict = json.loads(done.stdout)
    return result


def before_and_after(before_runs: int, runs: int, scratch: Path, rounds: int = 2) -> None:
    """Before and after, alternated `rounds` times (best of each): wall time, and CPU time,
    which the other jobs on a shared machine disturb much less."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", BEFORE, "src"],
                             capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(scratch)], input=archive, check=True)
    # The example as it was then (the format has grown since): both codes read this one.
    example = scratch / "us-iran-2026.yaml"
    example.write_bytes(subprocess.run(
        ["git", "-C", str(ROOT), "show", f"{BEFORE}:examples/us-iran-2026.yaml"],
        capture_output=True, check=True).stdout)
    print(f"Per draw, montecarlo() in a fresh process on one core, active events, best of "
          f"{rounds} alternated rounds (before: {before_runs:,} draws; after: {runs:,}):")
    print(f"  {'agenda':<40} {'before wall':>12} {'after wall':>11} {'ratio':>6}   "
          f"{'before CPU':>11} {'after CPU':>10} {'ratio':>6}")
    for label, agenda in (("nuclear + sanctions (192 packages)", NUCLEAR),
                          ("all issues (768; Iran refuses in ~90%)", None)):
        olds, news = [], []
        for _ in range(rounds):
            olds.append(measured(scratch / "src", before_runs, agenda, example=example))
            news.append(measured(ROOT / "src", runs, agenda, example=example))
        same = measured(ROOT / "src", before_runs, agenda, example=example)
        for key in ("p_zopa", "nash_options", "gains"):
            assert olds[0][key] == same[key], f"before and after disagree on {key}"
        wall = (min(o["seconds"] for o in olds) / before_runs * 1e6,
                min(n["seconds"] for n in news) / runs * 1e6)
        cpu = (min(o["cpu"] for o in olds) / before_runs * 1e6,
               min(n["cpu"] for n in news) / runs * 1e6)
        print(f"  {label:<40} {wall[0]:>9.0f} us {wall[1]:>8.1f} us {wall[0] / wall[1]:>5.0f}x   "
              f"{cpu[0]:>8.0f} us {cpu[1]:>7.1f} us {cpu[0] / cpu[1]:>5.0f}x")
        if agenda is NUCLEAR:
            print(f"  {'':<40} after: {runs:,} draws in {min(n['seconds'] for n in news):.3f} s "
                  "wall")
    print(f"  (before and after give the same P(ZOPA), Nash shares and gain intervals for the "
          f"same seed on {before_runs:,} draws: checked)")


def million() -> None:
    """10^6 draws in a fresh process: the time and the peak memory."""
    result = measured(ROOT / "src", 1_000_000, NUCLEAR)
    print(f"10^6 draws (nuclear agenda, one core): {result['seconds']:.1f} s, "
          f"{result['seconds']:.1f} us a draw; peak resident memory {result['rss_peak_mb']:.0f} MB "
          f"(after imports and warm-up: {result['rss_before_mb']:.0f} MB); quantiles "
          f"{result['quantiles']}")


def synthetic(issues: int, options: int, values: int, both: bool = False) -> object:
    """Two parties, `issues` issues of `options` options; uncertain: both reservations, the
    credibility of Q's red line, `values` option values of P (then P's utilities vary by draw)
    and, if `both`, Q's weight on the first issue (then Q's vary too)."""
    from redline.scenario import load

    ids = [f"i{k}" for k in range(issues)]
    ramp = [round(m / (options - 1), 3) for m in range(options)]
    values_p: dict = {i: list(ramp) for i in ids}
    for k in range(values):
        issue, option = ids[(k // options) % issues], k % options
        v = ramp[option]
        values_p[issue][option] = {"low": max(0.0, v - 0.1), "mode": v, "high": min(1.0, v + 0.1)}
    reservation = {"low": 0.2, "mode": 0.3, "high": 0.4}
    return load({
        "format": "redline/1", "title": "synthetic",
        "actors": [{"id": "P", "name": "P", "role": "party"},
                   {"id": "Q", "name": "Q", "role": "party"}],
        "issues": [{"id": i, "name": i, "options": [f"o{m}" for m in range(options)],
                    "status_quo": "o0"} for i in ids],
        "preferences": {
            "P": {"weights": dict.fromkeys(ids, 1.0), "values": values_p,
                  "reservation": reservation},
            "Q": {"weights": {i: (1.0 + k if k or not both else
                                  {"low": 0.5, "mode": 1.0, "high": 1.5})
                              for k, i in enumerate(ids)},
                  "values": {i: list(reversed(ramp)) for i in ids},
                  "reservation": reservation}},
        "red_lines": [{"id": "q", "actor": "Q", "rule": f"{ids[0]} != 'o{options - 1}'",
                       "credibility": 0.7}]})


def scaling(runs: int) -> None:
    import numpy as np

    from redline.scenario.sampling import parameters
    from redline.uncertainty import Bargaining
    from redline.uncertainty.montecarlo import evaluate_points

    print("CPU time per draw as the space and the uncertain parameters grow (batched; per-draw "
          "on 200 draws):")
    print(f"  {'packages':>8} {'uncertain':>9} {'batched us':>11} {'per-draw us':>12} {'ratio':>7}"
          "  path")
    for issues, options, values, both in (
            (2, 4, 0, False), (3, 4, 0, False), (4, 4, 0, False), (5, 4, 0, False),
            (6, 4, 0, False), (7, 4, 0, False), (5, 4, 1, False), (6, 4, 1, False),
            (4, 4, 1, False), (4, 4, 5, False), (4, 4, 13, False), (4, 4, 29, False),
            (4, 4, 1, True), (5, 4, 1, True), (6, 4, 1, True), (7, 4, 1, True),
            (8, 4, 1, True)):
        scenario = synthetic(issues, options, values, both)
        params = parameters(scenario)
        prepared = Bargaining().prepare(params)
        points = np.random.default_rng(0).random((runs, len(params)))
        if prepared is not None:
            prepared.outcomes(points[:50])
            start = time.process_time()
            prepared.outcomes(points)
            fast = (time.process_time() - start) / runs * 1e6
        few = points[:200]
        seed = np.random.SeedSequence(0)
        start = time.process_time()
        evaluate_points(params, Bargaining(), [(p, seed) for p in few])
        slow = (time.process_time() - start) / len(few) * 1e6
        if prepared is None:
            print(f"  {options ** issues:>8,} {len(params):>9} {'-':>11} {slow:>12.0f}   "
                  "(beyond the batch limit: montecarlo goes draw by draw)")
            continue
        print(f"  {options ** issues:>8,} {len(params):>9} {fast:>11.1f} {slow:>12.0f} "
              f"{slow / fast:>6.0f}x  {prepared.method:<13}"
              + ("   (both parties' utilities vary)" if both else ""))
    print("  (uncertain = 3: two reservations and a red line's credibility, utilities the same "
          "in every draw; more: option values of P drawn too, so P's utilities and the frontiers "
          "differ by draw, and Q's too where marked; per-draw: realise + analyze without finding "
          "binding red lines; path: evaluation of every package or the merge)")


def many_issues(uncertain: int) -> object:
    """examples/many-issues-20.yaml (10^20 packages) with both parties' first `uncertain`
    weights drawn (±30 %) and its two red lines' credibility 0.7."""
    import yaml

    from redline.scenario import load

    document = yaml.safe_load((ROOT / "examples" / "many-issues-20.yaml").read_text("utf-8"))
    for party in ("P1", "P2"):
        weights = document["preferences"][party]["weights"]
        for issue in list(weights)[:uncertain]:
            w = float(weights[issue])
            weights[issue] = {"low": round(0.7 * w, 4), "mode": w, "high": round(1.3 * w, 4)}
    for red in document["red_lines"]:
        red["credibility"] = 0.7
    return load(document)


def merging(runs: int) -> None:
    """Spaces too large to enumerate, both parties' utilities varying: the batched merge against
    the per-draw path (realise + analyze by merging), with and without finding binding red
    lines (the per-draw path found them, unused, until this branch)."""
    import numpy as np

    from redline.scenario.sampling import parameters
    from redline.space import analysis
    from redline.uncertainty import Bargaining, bargaining
    from redline.uncertainty.montecarlo import evaluate_points

    print(f"CPU time per draw above the batch limit (many-issues-20: 10^20 packages, both "
          f"parties' weights drawn; {runs} draws each, the same records checked):")
    print(f"  {'agenda':<26} {'uncertain':>9} {'batched merge':>14} {'per draw':>9} "
          f"{'+binding':>9} {'ratio':>6} {'vs +binding':>12}")
    def with_binding(*args: object, binding: bool = True, **options: object) -> object:
        return analysis.analyze(*args, **options)  # type: ignore[arg-type]

    for label, agenda, uncertain in (("all 20 issues", None, 20), ("all 20 issues", None, 4),
                                     ("i01-i10 (10^10)", tuple(f"i{k:02d}" for k in
                                                               range(1, 11)), 10)):
        scenario = many_issues(uncertain)
        params = parameters(scenario)
        measure = Bargaining(agenda)
        prepared = measure.prepare(params)
        assert prepared is not None and prepared.method == "batched merge"
        points = np.random.default_rng(0).random((runs, len(params)))
        prepared.records(points[:8])
        start = time.process_time()
        fast_records = prepared.records(points)
        fast = (time.process_time() - start) / runs * 1e3
        seed = np.random.SeedSequence(0)
        start = time.process_time()
        slow_records = [r for _, r in evaluate_points(params, measure,
                                                      [(p, seed) for p in points])]
        slow = (time.process_time() - start) / runs * 1e3
        assert fast_records == slow_records, f"{label}: the batched merge differs"
        bargaining.analyze = with_binding
        try:
            start = time.process_time()
            evaluate_points(params, measure, [(p, seed) for p in points])
            old = (time.process_time() - start) / runs * 1e3
        finally:
            bargaining.analyze = analysis.analyze
        print(f"  {label:<26} {len(params):>9} {fast:>11.2f} ms {slow:>6.2f} ms "
              f"{old:>6.2f} ms {slow / fast:>5.1f}x {old / fast:>11.1f}x")
    print("  (per draw: realise + analyze, which merges the issues' frontiers; +binding: the "
          "same finding binding red lines too, as the per-draw path did before this branch)")


def crossover(runs: int) -> None:
    """Every package of every draw against the merge, on the same draws (ENUMERATE_UP_TO)."""
    import numpy as np

    from redline.scenario.sampling import parameters
    from redline.uncertainty import Bargaining, bargaining

    print(f"CPU us per draw, batched over every package against the batched merge ({runs} draws, "
          "the same records checked):")
    print(f"  {'packages':>8} {'varying':<14} {'every package':>14} {'merge':>8}")
    limit = bargaining.ENUMERATE_UP_TO
    try:
        for issues, options, values, both in ((5, 4, 0, False), (6, 4, 0, False),
                                              (5, 4, 1, True), (6, 4, 1, True),
                                              (7, 4, 1, True), (2, 62, 1, True)):
            scenario = synthetic(issues, options, values, both)
            params = parameters(scenario)
            points = np.random.default_rng(0).random((runs, len(params)))
            found = {}
            for path, threshold in (("every package", 1 << 20), ("merge", 1)):
                bargaining.ENUMERATE_UP_TO = threshold
                prepared = Bargaining().prepare(params)
                assert prepared is not None
                prepared.outcomes(points[:64])
                start = time.process_time()
                found[path] = prepared.records(points)
                found[path + " us"] = (time.process_time() - start) / runs * 1e6
            assert found["every package"] == found["merge"]
            varying = "both parties" if both else "P" if values else "none"
            print(f"  {options ** issues:>8,} {varying:<14} {found['every package us']:>14.0f} "
                  f"{found['merge us']:>8.0f}")
    finally:
        bargaining.ENUMERATE_UP_TO = limit
    print(f"  (montecarlo merges above {limit:,} packages; varying: whose utilities differ "
          "between draws)")


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
        list(pool.map(spin, [1000, 1000]))
        start = time.perf_counter()
        pool.submit(spin, n).result()
        one = time.perf_counter() - start
        start = time.perf_counter()
        list(pool.map(spin, [n, n]))
        two = time.perf_counter() - start
    return 2 * one / two


def engines(runs: int, heavy_runs: int) -> None:
    """Local, worker processes and a Dask LocalCluster (one worker: the cost of shipping work
    alone; two: with parallelism) on the same draws, twice: the cheap
    nuclear agenda (10 us a draw: shipping work costs about as much as doing it) and the merge on
    10^20 packages (3 ms a draw: fan-out overhead is small beside the work), with the machine's
    free capacity measured before and after."""
    from redline.scenario import load
    from redline.scenario.pressure import select_events

    scenario = load(ROOT / "examples" / "us-iran-2026.yaml")
    events = select_events(scenario, "active")
    print(f"  machine capacity now: x{capacity():.2f} (two processes of pure CPU work against "
          "one; 2.00 = two free cores)")
    print(f"Engines, {runs:,} draws of the nuclear agenda (start-up apart; the same numbers "
          "checked):")
    on_engines(scenario, runs, {"agenda": NUCLEAR, "events": events}, 20_000)
    print(f"Engines, {heavy_runs:,} draws of many-issues-20 (10^20 packages, 10 uncertain; "
          "batched merge):")
    on_engines(many_issues(4), heavy_runs, {}, 100)
    print(f"  machine capacity after: x{capacity():.2f}")


def on_engines(scenario: object, runs: int, options: dict, chunk: int) -> None:
    import logging
    import warnings

    from redline.uncertainty import montecarlo
    from redline.uncertainty.engines import Engine

    warnings.simplefilter("ignore")  # distributed's notices about ports in use
    logging.getLogger("distributed").setLevel(logging.CRITICAL)  # its shutdown chatter
    rates: dict[str, float] = {}
    reference = None
    for label, name, opened in (("local (1 core)", "local", {}),
                                ("processes, 1 worker", "processes1", {"workers": 1}),
                                ("processes, 2 workers", "processes", {"workers": 2}),
                                ("dask LocalCluster, 1 worker", "dask1", {"workers": 1}),
                                ("dask LocalCluster, 2 workers", "dask", {"workers": 2})):
        try:
            with Engine(name.rstrip("1"), **opened) as engine:  # type: ignore[arg-type]
                montecarlo(scenario, 64, 1, engine, sobol_samples=0, chunk=16,
                           **options)  # workers import redline
                start = time.perf_counter()
                # A tally is a few kB: chunks of `chunk` draws, a few per worker.
                report = montecarlo(scenario, runs, 2026, engine, sobol_samples=0, chunk=chunk,
                                    **options)
                seconds = time.perf_counter() - start
        except Exception as exc:  # dask missing: say so and go on
            print(f"  {label:<30} unavailable ({exc})")
            continue
        numbers = {k: v for k, v in report.to_dict().items() if k not in ("engine", "parameters")}
        reference = reference or numbers
        assert numbers == reference, f"{label} disagrees with the local engine"
        rates[name] = runs / seconds
        rates.setdefault("local", rates[name])
        ratio = f"  x{rates[name] / rates['local']:.2f} vs local" if name != "local" else ""
        print(f"  {label:<30} {seconds:7.2f} s {rates[name]:>10,.0f} draws/s{ratio}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--before-runs", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=10_000)
    parser.add_argument("--scaling-runs", type=int, default=2000)
    parser.add_argument("--engine-runs", type=int, default=200_000)
    parser.add_argument("--heavy-runs", type=int, default=1_500)
    parser.add_argument("--million", action="store_true", help="also 10^6 draws (memory)")
    parser.add_argument("--merge-runs", type=int, default=64)
    parser.add_argument("--parts", default="before,scaling,merge,engines",
                        help="which parts to run (comma-separated)")
    args = parser.parse_args()
    parts = set(args.parts.split(","))
    load_average = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}; {os.cpu_count()} CPU(s), load "
          f"average {load_average} (a shared machine: other work slows every figure)")
    if "before" in parts:
        with tempfile.TemporaryDirectory() as scratch:
            before_and_after(args.before_runs, args.runs, Path(scratch))
    if args.million:
        million()
    if "scaling" in parts:
        scaling(args.scaling_runs)
    if "merge" in parts:
        crossover(512)
        merging(args.merge_runs)
    if "engines" in parts:
        engines(args.engine_runs, args.heavy_runs)


if __name__ == "__main__":
    main()
