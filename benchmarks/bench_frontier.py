"""Benchmark: the exact Pareto frontier and the Nash point, redline against NegMAS.

    python benchmarks/bench_frontier.py                       # everything (NegMAS ~1.5 min)
    python benchmarks/bench_frontier.py --skip-negmas-large   # NegMAS only up to 10^6, 2 parties
    python benchmarks/bench_frontier.py --no-negmas           # redline only

Domains as in NegMAS's own benchmark: k issues x n options, linear-additive random preferences
(seeded), reservation 0. NegMAS replaces a reservation below the worst outcome with the worst
outcome's utility; our scenario is given that value as its reservation so that the Nash points
are defined alike (the frontier is the same either way: every outcome is individually rational).

Each measurement runs in a forked child process, so its peak memory (growth of the resident set
over the child's start) is its own. redline's time is the best of `--repeat` runs of `analyze`
on a loaded scenario; NegMAS's is one run of `pareto_frontier` + `nash_points` on built utility
functions. Results are compared in the same run: same frontier (utility vectors within 1e-9, and
the same outcomes), same Nash point.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import sys
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from redline.scenario import Scenario, load
from redline.space import analyze
from redline.space.domains import linear_additive_document

SEED = 2026


def scenario(issues: int, options: int, parties: int, red_lines: tuple[str, ...] = ()) -> Scenario:
    """A seeded domain; each party's reservation is its worst outcome (NegMAS's effective one)."""
    rng = np.random.default_rng([SEED, issues, options, parties])
    document = linear_additive_document(issues, options, parties, rng, red_lines=red_lines)
    first = load(document)
    for party, utility in first.utilities.items():
        worst = sum(w * float(utility.values[i].min()) for i, w in utility.weights.items())
        document["preferences"][party]["reservation"] = worst
    return load(document)


def _rss_kib(field: str) -> int:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith(field):
                return int(line.split()[1])
    return 0


def _child(job: Callable[[], Any], pipe: Any) -> None:
    start = _rss_kib("VmRSS:")
    began = time.perf_counter()
    result = job()
    seconds = time.perf_counter() - began
    pipe.send((seconds, result, (_rss_kib("VmHWM:") - start) / 1024))


def measure(job: Callable[[], Any]) -> tuple[float, Any, float]:
    """(seconds, result, peak memory growth in MiB) of `job` run in a forked child."""
    context = mp.get_context("fork")
    here, there = context.Pipe()
    process = context.Process(target=_child, args=(job, there))
    process.start()
    answer = here.recv()
    process.join()
    return answer  # type: ignore[no-any-return]


def ours(sc: Scenario, method: str, repeat: int) -> Callable[[], Any]:
    def job() -> Any:
        best, result = float("inf"), None
        for _ in range(repeat):
            began = time.perf_counter()
            result = analyze(sc, method=method, max_outcomes=10**9)
            best = min(best, time.perf_counter() - began)
        assert result is not None
        nash = result.solutions["nash"]
        numbers = [int(n) for n in np.ravel_multi_index(result.frontier.options.T,
                                                         tuple(len(i.options) for i in sc.issues))
                   ] if result.outcomes < 2**62 else None
        return {"best": best, "frontier": result.frontier.utilities.copy(), "numbers": numbers,
                "nash": None if nash is None else nash.utilities, "method": result.method,
                "points": len(result.frontier)}
    return job


def theirs(sc: Scenario) -> Callable[[], Any]:
    from negmas import make_issue
    from negmas.preferences import LinearAdditiveUtilityFunction
    from negmas.preferences.ops import nash_points, pareto_frontier
    from negmas.preferences.value_fun import TableFun

    issues = [make_issue(list(i.options), name=i.id) for i in sc.issues]
    ufuns = [
        LinearAdditiveUtilityFunction(
            values=[TableFun(dict(zip(i.options, sc.utilities[p].values[i.id].tolist(),
                                      strict=True))) for i in sc.issues],
            weights=[sc.utilities[p].weights[i.id] for i in sc.issues],
            issues=issues, reserved_value=0.0)
        for p in sc.parties
    ]

    def job() -> Any:
        frontier, indices = pareto_frontier(ufuns, issues=issues)
        nash = nash_points(ufuns, frontier, issues=issues)
        return {"frontier": np.array(frontier), "numbers": [int(i) for i in indices],
                "nash": [p for p, _ in nash]}
    return job


def agree(mine: dict[str, Any], peer: dict[str, Any]) -> str:
    a = np.unique(mine["frontier"], axis=0)
    b = np.unique(peer["frontier"], axis=0)
    same = a.shape == b.shape and bool(
        (np.abs(a[:, None, :] - b[None, :, :]) <= 1e-9).all(axis=2).any(axis=1).all())
    same_outcomes = mine["numbers"] is not None and set(mine["numbers"]) == set(peer["numbers"])
    nash = any(np.allclose(mine["nash"], p, atol=1e-9) for p in peer["nash"])
    return ("frontier " + ("identical" if same and same_outcomes else "DIFFERENT")
            + ", Nash " + ("identical" if nash else "DIFFERENT"))


def row(*cells: object) -> None:
    print("| " + " | ".join(str(c) for c in cells) + " |")
    sys.stdout.flush()


def seconds(s: float) -> str:
    return f"{s * 1000:.1f} ms" if s < 1 else f"{s:.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-negmas-large", action="store_true",
                        help="skip NegMAS on the cases it needs over 10 s for")
    parser.add_argument("--no-negmas", action="store_true", help="redline only")
    parser.add_argument("--repeat", type=int, default=3, help="redline runs per case (best)")
    args = parser.parse_args()
    if not args.no_negmas:
        try:
            import negmas  # noqa: F401
        except ImportError:
            sys.exit("NegMAS is not installed: pip install -e '.[peer]' (or use --no-negmas)")

    print("\n## redline vs NegMAS (same run)\n")
    row("case", "outcomes", "frontier", "redline auto", "redline enumerate", "NegMAS",
        "NegMAS / auto", "NegMAS / enumerate", "agreement", "peak MiB (auto / enum / NegMAS)")
    row(*["---"] * 10)
    cases = [("2 parties, 4x10", 4, 10, 2, False), ("2 parties, 5x10", 5, 10, 2, False),
             ("2 parties, 6x10", 6, 10, 2, False), ("3 parties, 6x10", 6, 10, 3, True),
             ("2 parties, 7x10", 7, 10, 2, True)]
    for name, k, n, p, large in cases:
        sc = scenario(k, n, p)
        t_auto, auto, m_auto = measure(ours(sc, "auto", args.repeat))
        t_enum, enum, m_enum = measure(ours(sc, "enumerate", args.repeat))
        assert np.array_equal(auto["frontier"], enum["frontier"]), name
        if args.no_negmas or (large and args.skip_negmas_large):
            row(name, f"{n**k:.0e}", auto["points"], seconds(auto["best"]), seconds(enum["best"]),
                "skipped", "", "", "auto = enumerate", f"{m_auto:.0f} / {m_enum:.0f} / -")
            continue
        t_peer, peer, m_peer = measure(theirs(sc))
        row(name, f"{n**k:.0e}", auto["points"], seconds(auto["best"]), seconds(enum["best"]),
            seconds(t_peer), f"{t_peer / auto['best']:,.0f}x", f"{t_peer / enum['best']:,.0f}x",
            agree(auto, peer), f"{m_auto:.0f} / {m_enum:.0f} / {m_peer:.0f}")

    print("\n## Beyond enumeration (redline only)\n")
    row("case", "outcomes", "method", "frontier", "time", "peak MiB")
    row(*["---"] * 6)
    beyond = [("2 parties, 20x10", 20, 10, 2, ()),
              ("3 parties, 12x8, two red lines across 3 issues", 12, 8, 3,
               ("i01 >= 'o4' implies i02 <= 'o5'", "i02 >= 'o3' implies i03 <= 'o2'")),
              ("2 parties, 8x10, enumerated in chunks", 8, 10, 2, ()),
              ("4 parties, 6x10, enumerated", 6, 10, 4, ()),
              ("4 parties, 6x10", 6, 10, 4, ()),
              ("4 parties, 10x8", 10, 8, 4, ()),
              ("5 parties, 8x6", 8, 6, 5, ())]
    for name, k, n, p, rules in beyond:
        sc = scenario(k, n, p, rules)
        method = "enumerate" if "enumerated" in name else "auto"
        _, result, memory = measure(ours(sc, method, 1 if method == "enumerate" else args.repeat))
        row(name, f"{n**k:.1e}", result["method"], result["points"], seconds(result["best"]),
            f"{memory:.0f}")

    print("\n## Time against the number of issues (10 options each, redline)\n")
    row("issues", "outcomes", "2 parties: frontier", "merge", "enumerate",
        "3 parties: frontier", "merge", "enumerate")
    row(*["---"] * 8)
    for k in (2, 4, 6, 8, 10, 12, 16, 20, 30, 40):
        cells: list[object] = [k, f"1e{k}"]
        for p in (2, 3):
            sc = scenario(k, 10, p)
            _, merged, _ = measure(ours(sc, "merge", args.repeat))
            cells += [merged["points"], seconds(merged["best"])]
            if k <= 7 or (k == 8 and p == 2):
                _, enum, _ = measure(ours(sc, "enumerate", 1))
                assert np.array_equal(enum["frontier"], merged["frontier"]), (k, p)
                cells.append(seconds(enum["best"]))
            else:
                cells.append("-")
        row(*cells)


if __name__ == "__main__":
    main()
