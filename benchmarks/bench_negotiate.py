"""Benchmark: redline's batched negotiation engine side by side with NegMAS's SAOMechanism.

Run: ``python benchmarks/bench_negotiate.py`` (from the repository root, with the ``peer`` extra
installed; ``--quick`` for a smaller run). Same domains for both (random linear-additive
bilateral domains with opposed values: what one party gains on an issue the other loses; 10^3
and 10^4 outcomes), 100 rounds, the same strategy pairs:

- NegMAS ``BoulwareTBNegotiator`` / ``ConcederTBNegotiator``: aspiration ``1 - t**e`` with
  e = 4 / 0.25 between the worst (or reservation) and best utility, relative time
  ``(step + 1) / (n_steps + 1)``, proposes the worst outcome in its aspiration band and accepts
  offers inside it (tolerance 1e-4).
- redline ``boulware`` / ``conceder``: the same curve, exponents and clock; proposes the
  admissible outcome with the lowest utility at or above the target minus 1e-4; accepts offers
  worth at least the target minus 1e-4. Difference of definition: NegMAS clamps the bottom of
  its curve at max(worst utility, reservation) over all outcomes, redline at the worst
  *admissible* utility (its red lines applied); on these domains (no red lines, reservation 0)
  the two coincide.

Both sides play every session of a cell on the same domains; sessions per second count
everything a session costs (redline: seed spawning, drawing each session's uniforms, play;
NegMAS: building the mechanism, adding negotiators, running it). NegMAS runs a few hundred
sessions; redline many thousand.
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

import numpy as np

from redline import scenario
from redline.negotiate import (
    Domain,
    Setup,
    from_scenario,
    from_tables,
    reference,
    simulate,
    strategy,
    summarize,
)

ROOT = Path(__file__).resolve().parents[1]
ROUNDS = 100
PAIRS = [("boulware", "conceder"), ("boulware", "boulware")]


def random_tables(issues: int, options: int, seed: int
                  ) -> tuple[np.ndarray, list[np.ndarray]]:
    """Weights (2, issues) and per-issue values (2, options), opposed on every issue."""
    rng = np.random.default_rng(seed)
    weights = rng.random((2, issues)) + 0.1
    weights /= weights.sum(axis=1, keepdims=True)
    values = []
    for _ in range(issues):
        ladder = np.sort(rng.random(options))
        ladder = (ladder - ladder[0]) / (ladder[-1] - ladder[0])
        values.append(np.stack([ladder, 1.0 - ladder]))
    return weights, values


def negmas_cell(tables: list[tuple[np.ndarray, list[np.ndarray]]], pair: tuple[str, str],
                sessions_per_domain: int) -> dict[str, float]:
    from negmas import SAOMechanism, make_issue, make_os
    from negmas.preferences import LinearAdditiveUtilityFunction
    from negmas.preferences.value_fun import TableFun
    from negmas.sao import BoulwareTBNegotiator, ConcederTBNegotiator

    kinds = {"boulware": BoulwareTBNegotiator, "conceder": ConcederTBNegotiator}
    agreed, rounds, utilities, seconds, firsts = [], [], [], 0.0, []
    for weights, values in tables:
        space = make_os([make_issue(v.shape[1], name=f"issue{i}") for i, v in enumerate(values)])
        ufuns = [
            LinearAdditiveUtilityFunction(
                values=[TableFun({k: float(v[p, k]) for k in range(v.shape[1])})
                        for v in values],
                weights=[float(w) for w in weights[p]], outcome_space=space, reserved_value=0.0)
            for p in range(2)
        ]
        started = time.perf_counter()
        for _ in range(sessions_per_domain):
            mechanism = SAOMechanism(outcome_space=space, n_steps=ROUNDS)
            mechanism.add(kinds[pair[0]](name="A"), ufun=ufuns[0])
            mechanism.add(kinds[pair[1]](name="B"), ufun=ufuns[1])
            state = mechanism.run()
            deal = state.agreement
            agreed.append(deal is not None)
            rounds.append(state.step)
            utilities.append([float(u(deal)) if deal is not None else 0.0 for u in ufuns])
        seconds += time.perf_counter() - started
        firsts.append(utilities[-1])
    u = np.array(utilities)
    return {"sessions": len(agreed), "per_second": len(agreed) / seconds,
            "agreement": float(np.mean(agreed)), "rounds": float(np.mean(rounds)),
            "u_a": float(u[:, 0].mean()), "u_b": float(u[:, 1].mean()), "deals": firsts}


def redline_cell(domains: list[Domain], pair: tuple[str, str], sessions_per_domain: int,
                 seed: int) -> dict[str, float]:
    agreed, rounds, utilities, seconds, firsts = [], [], [], 0.0, []
    for k, domain in enumerate(domains):
        players = (strategy(pair[0] + ":clock=negmas"), strategy(pair[1] + ":clock=negmas"))
        setup = Setup(domain, players, rounds=ROUNDS)  # NegMAS's clock, to compare like with like
        started = time.perf_counter()
        result = simulate(setup, sessions_per_domain, seed + k, chunk_size=4096)
        seconds += time.perf_counter() - started
        agreed.append(result.agreed)
        rounds.append(result.rounds)
        utilities.append(result.utilities)
        firsts.append(result.utilities[0].tolist())
    u = np.concatenate(utilities)
    return {"sessions": len(u), "per_second": len(u) / seconds,
            "agreement": float(np.concatenate(agreed).mean()),
            "rounds": float(np.concatenate(rounds).mean()),
            "u_a": float(u[:, 0].mean()), "u_b": float(u[:, 1].mean()), "deals": firsts}


def us_iran(runs: int) -> None:
    loaded = scenario.load(ROOT / "examples" / "us-iran-2026.yaml")
    domain = from_scenario(loaded, ["enrichment", "inspections", "stockpile", "sanctions"])
    print(f"\nUS-Iran scenario, agenda without missiles ({domain.n_outcomes} outcomes), "
          f"{runs:,} sessions each, USA=boulware IRN=conceder, {ROUNDS} rounds")
    landmarks = reference(domain)
    for protocol in ("alternating", "mediated", "mediated-nash"):
        setup = Setup(domain, (strategy("boulware"), strategy("conceder")), protocol=protocol,
                      rounds=ROUNDS)
        started = time.perf_counter()
        result = simulate(setup, runs, seed=2026)
        seconds = time.perf_counter() - started
        s = summarize(result, landmarks, seconds)
        print(f"  {protocol:14s} {seconds:6.2f} s  ({s.sessions_per_second:9,.0f} sessions/s)  "
              f"agreement {s.agreement_rate:6.1%}  mean rounds {s.mean_rounds:5.1f}  "
              f"u USA {s.mean_utilities['USA']:.3f}  u IRN {s.mean_utilities['IRN']:.3f}  "
              f"Nash distance {s.nash_distance:.3f}")


def engines(runs: int) -> None:
    """The same simulation in process, on two worker processes and on a two-worker Dask
    LocalCluster, as `redline simulate --engine ...` runs it (one chunk of seeds per worker, at
    most 2,048 sessions); the sessions must be identical."""
    from redline.cli.negotiate import batch_size, engine_named, fanned_out

    loaded = scenario.load(ROOT / "examples" / "us-iran-2026.yaml")
    domain = from_scenario(loaded, ["enrichment", "inspections", "stockpile", "sanctions"])
    setup = Setup(domain, (strategy("boulware"), strategy("random")), rounds=ROUNDS,
                  breakdown=0.01)
    print(f"\nEngines: US-Iran, {runs:,} sessions, USA=boulware IRN=random, breakdown 0.01 "
          "(each engine opened and warmed up first; ratios against local)")
    options: list[tuple[str, str, dict[str, object]]] = [
        ("local (1 core, in process)", "local", {}),
        ("processes, 2 workers", "processes", {"workers": 2})]
    try:
        from dask.distributed import LocalCluster
    except ImportError:
        cluster = None
        print("  dask: not installed (pip install 'redline[uncertainty]')")
    else:
        cluster = LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address=None)
        options.append(("dask LocalCluster, 2 workers", "dask",
                        {"scheduler": cluster.scheduler_address}))
    baseline, first = None, None
    try:
        for label, name, extra in options:
            with engine_named(name, **extra) as pool:  # type: ignore[arg-type]
                simulate(setup, 64, seed=0, chunk_size=32, engine=fanned_out(pool))  # warm up
                started = time.perf_counter()
                result = simulate(setup, runs, seed=2026, chunk_size=batch_size(runs, pool),
                                  engine=fanned_out(pool))
                seconds = time.perf_counter() - started
            rate = runs / seconds
            baseline = baseline or rate
            first = first or result
            same = all(np.array_equal(getattr(first, k), getattr(result, k))
                       for k in ("agreed", "outcome", "rounds", "utilities", "ending"))
            assert same, f"{name} gives other sessions than local"
            print(f"  {label:30s} {seconds:6.2f} s  {rate:9,.0f} sessions/s  "
                  f"x{rate / baseline:.2f}  identical sessions")
    finally:
        if cluster is not None:
            cluster.close()


def same_deals(ours: dict[str, object], peer: dict[str, object]) -> int:
    """Domains on which both engines reach the same deal (utilities equal to 1e-9)."""
    return sum(bool(np.allclose(a, b, atol=1e-9))
               for a, b in zip(ours["deals"], peer["deals"], strict=True))  # type: ignore[call-overload]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer domains and sessions")
    parser.add_argument("--engines-only", action="store_true",
                        help="only the engines comparison (no NegMAS)")
    args = parser.parse_args()
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"{os.cpu_count()} CPU(s), load average {load} (other work slows every figure)")
    if args.engines_only:
        engines(20_000 if args.quick else 100_000)
        return
    n_domains = 3 if args.quick else 8
    negmas_each = 5 if args.quick else 15
    redline_each = 2000 if args.quick else 5000
    import negmas

    print(f"numpy {np.__version__}, NegMAS {negmas.__version__}")
    print(f"redline vs NegMAS SAOMechanism: {n_domains} random opposed linear-additive domains "
          f"per size, {ROUNDS} rounds; NegMAS {negmas_each} and redline {redline_each} "
          "sessions per domain")
    header = (f"{'outcomes':>8} {'pair':20} {'engine':8} {'sessions':>8} {'sess/s':>10} "
              f"{'agree':>6} {'rounds':>6} {'u A':>6} {'u B':>6}")
    print(header)
    ratios = []
    for issues, options in ((3, 10), (4, 10)):
        tables = [random_tables(issues, options, seed=100 * issues + k) for k in range(n_domains)]
        domains = [from_tables(("A", "B"), w, v) for w, v in tables]
        for pair in PAIRS:
            ours = redline_cell(domains, pair, redline_each, seed=7)
            peer = negmas_cell(tables, pair, negmas_each)
            name = " x ".join(pair)
            for label, row in (("redline", ours), ("negmas", peer)):
                print(f"{domains[0].n_outcomes:>8} {name:20} {label:8} {row['sessions']:>8} "
                      f"{row['per_second']:>10,.0f} {row['agreement']:>6.1%} "
                      f"{row['rounds']:>6.1f} {row['u_a']:>6.3f} {row['u_b']:>6.3f}")
            ratio = ours["per_second"] / peer["per_second"]
            ratios.append(ratio)
            print(f"{'':>8} {'':20} ratio {ratio:,.0f}x; differences redline - NegMAS: "
                  f"agreement {100 * (ours['agreement'] - peer['agreement']):+.1f} points, "
                  f"u A {100 * (ours['u_a'] - peer['u_a']):+.1f}, "
                  f"u B {100 * (ours['u_b'] - peer['u_b']):+.1f} points (of 100); "
                  f"same deal on {same_deals(ours, peer)} of {n_domains} domains")
    print(f"\nspeed ratio redline / NegMAS: min {min(ratios):,.0f}x, max {max(ratios):,.0f}x "
          "(goal >= 100x)")
    us_iran(10_000)
    engines(20_000 if args.quick else 100_000)


if __name__ == "__main__":
    main()
