"""Benchmark: voting power of the EU-27 Council's qualified majority, exact and sampled.

    python benchmarks/bench_power.py            # EU-27 from examples/eu-council-qmv.yaml
    python benchmarks/bench_power.py --repeat 5

Prints the time of the exact indices by generating functions (best of --repeat runs), of the
Monte Carlo estimate with 100,000 draws (same seed each run), the largest gap between the two
against the Monte Carlo error bound, and, as the peer measured in the same run, brute force
over every coalition on the first 20 members (2^20 coalitions) beside the generating functions
on the same 20-member game, with their ratio.
"""

from __future__ import annotations

import argparse
import itertools
import math
import time
from pathlib import Path

import numpy as np

from redline.scenario import load
from redline.scenario.decision import VotingGame, weighted_game
from redline.space.power import exact_power, sampled_power

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "eu-council-qmv.yaml"


def best_of(repeat: int, run):  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return min(times), result


def brute_force_swings(game: VotingGame) -> list[int]:
    """Swings by testing every coalition of the others (vectorised over coalitions)."""
    n = game.n
    numbers = np.arange(1 << n, dtype=np.int64)
    bits = ((numbers[:, None] >> np.arange(n)) & 1).astype(bool)
    wins = game.wins(bits)
    return [int((wins[numbers | (1 << i)] & ~wins[numbers])[(numbers >> i) & 1 == 0].sum())
            for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    game = load(EXAMPLE).voting_game()
    exact_time, exact = best_of(args.repeat, lambda: exact_power(game))
    sampled_time, sampled = best_of(
        args.repeat, lambda: sampled_power(game, 100_000, np.random.default_rng(0), 0))
    gap = max(abs(a - b) for a, b in itertools.chain(
        zip(exact.shapley_shubik, sampled.shapley_shubik, strict=True),
        zip(exact.banzhaf_absolute, sampled.banzhaf_absolute, strict=True)))
    print(f"EU-27 QMV ({game.describe()})")
    print(f"  exact, generating functions: {exact_time:.3f} s  "
          f"({exact.parameters['cells']:,} table cells)")
    print(f"  Monte Carlo, 100,000 draws:  {sampled_time:.3f} s  largest gap to exact "
          f"{gap:.4f} (bound {sampled.error_bound:.4f})")
    top = max(range(game.n), key=lambda i: exact.shapley_shubik[i])
    print(f"  largest Shapley-Shubik index: {game.members[top]} "
          f"{exact.shapley_shubik[top]:.4f}")
    members = list(game.members[:20])
    population = [game.weights["population"][i] for i in range(20)]
    small = weighted_game(members, {"population": population},
                          [("members", "share", 0.55), ("population", "share", 0.65)],
                          blocking_minority=4)
    gf_time, gf = best_of(args.repeat, lambda: exact_power(small))
    brute_time, swings = best_of(1, lambda: brute_force_swings(small))
    assert list(gf.swings) == swings, "generating functions disagree with brute force"
    print(f"First 20 members ({2**20:,} coalitions): generating functions {gf_time:.3f} s, "
          f"brute force {brute_time:.3f} s, ratio {brute_time / gf_time:.1f}x; same swings")
    print(f"  (brute force on all 27 would test {2**27:,} coalitions, "
          f"~{brute_time * 2**7 * 27 / 20:.0f} s at this rate)")
    assert math.isclose(sum(exact.shapley_shubik), 1.0)


if __name__ == "__main__":
    main()
