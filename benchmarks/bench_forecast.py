"""Speed of the forecasting models.

    python benchmarks/bench_forecast.py

1. The whole DEU III development backtest for every model (skipped with a note when
   ../shared/data is absent), timed against the compromise model in the same run.
2. BDM and SMP (and the others) on a synthetic, seeded space of 50 actors x 10 issues.
3. BDM's O(n^3) win-probability kernel, vectorised versus a plain Python loop (the peer).
4. SMP on the DEU issues: issues of equal size stacked (what the backtest runs) versus smp()
   one issue at a time (the peer, the code path before stacking); the forecasts must agree
   exactly.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from redline.forecast import MODELS, backtest, forecast, random_space, read_deu  # noqa: E402
from redline.forecast.bdm import _win_probability  # noqa: E402
from redline.forecast.smp import smp  # noqa: E402
from redline.forecast.space import IssueSpace  # noqa: E402


def best_of(func, repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        func()
        times.append(time.perf_counter() - start)
    return min(times)


def loop_win_probability(x, cs, r, span):
    n = len(x)
    votes = [[[cs[k] * ((abs(x[k] - x[b]) / span) ** r[k] - (abs(x[k] - x[a]) / span) ** r[k])
               for b in range(n)] for a in range(n)] for k in range(n)]
    total = sum(abs(v) for plane in votes for row in plane for v in row)
    return [[0.0 if x[a] == x[b] else sum(max(votes[k][a][b], 0.0) for k in range(n)) / total
             for b in range(n)] for a in range(n)]


def one_issue(space, k):
    """Issue k alone, with the actors present on it (what the backtest ran before stacking)."""
    who = np.flatnonzero(space.present[:, k])
    return IssueSpace(tuple(space.actors[i] for i in who), (space.issues[k],),
                      space.capabilities[who], space.positions[who][:, [k]],
                      space.saliences[who][:, [k]], space.status_quo[[k]],
                      space.outcome[[k]], space.source)


def main() -> int:
    override = os.environ.get("REDLINE_SHARED_DATA")
    data = Path(override) if override else ROOT.parent / "shared" / "data"
    deu = data / "deu3" / "deu3-dev.tsv"
    if deu.exists():
        space, _ = read_deu(deu)
        print(f"DEU III development backtest: {space.n_issues} issues, {space.n_actors} actors")
        base = best_of(lambda: backtest(space, "compromise"))
        total = 0.0
        for name in MODELS:
            seconds = best_of(lambda name=name: backtest(space, name), repeat=1)
            total += seconds
            mae = backtest(space, name).mae
            print(f"  {name:16s} {seconds:8.3f} s  ({seconds / base:9.1f} x compromise)"
                  f"  MAE {mae:.2f}")
        print(f"  all models       {total:8.3f} s")
        stacked, one_by_one = [], []  # alternated, best of 3: the load shifts under us
        for _ in range(3):
            start = time.perf_counter()
            together = forecast(space, "smp")
            stacked.append(time.perf_counter() - start)
            start = time.perf_counter()
            alone = [smp(one_issue(space, k)) for k in range(space.n_issues)]
            one_by_one.append(time.perf_counter() - start)
            assert np.array_equal(together.outcome, [run.outcome[0] for run in alone])
        print(f"  smp: issues stacked {min(stacked):.2f} s, one at a time {min(one_by_one):.2f} s"
              f" ({min(one_by_one) / min(stacked):.1f} x faster, identical forecasts)")
    else:
        print(f"DEU backtest skipped: {deu} is absent (set REDLINE_SHARED_DATA)")

    space = random_space(50, 10, np.random.default_rng(2026))
    print("\nSynthetic space: 50 actors x 10 issues (seed 2026)")
    base = best_of(lambda: forecast(space, "compromise"))
    for name in ("compromise", "nash", "exchange", "bdm", "smp"):
        seconds = best_of(lambda name=name: forecast(space, name))
        result = forecast(space, name)
        print(f"  {name:10s} {seconds * 1000:9.1f} ms  ({seconds / base:8.1f} x compromise)"
              f"  {result.rounds} round(s)")

    rng = np.random.default_rng(7)
    x, cs, r = rng.uniform(0, 100, 50), rng.uniform(0.1, 1, 50), rng.uniform(0.5, 2, 50)
    span = float(np.ptp(x))
    fast = best_of(lambda: _win_probability(x, cs, r, span))
    slow = best_of(lambda: loop_win_probability(x.tolist(), cs.tolist(), r.tolist(), span), 1)
    assert np.allclose(_win_probability(x, cs, r, span),
                       loop_win_probability(x.tolist(), cs.tolist(), r.tolist(), span))
    print(f"\nBDM win-probability kernel, 50 actors: numpy {fast * 1000:.2f} ms, "
          f"Python loops {slow * 1000:.1f} ms ({slow / fast:.0f} x faster)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
