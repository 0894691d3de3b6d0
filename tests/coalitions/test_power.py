"""Power indices: generating functions against brute force, published values, Monte Carlo bounds."""

from __future__ import annotations

import itertools
import json
import math
from fractions import Fraction

import numpy as np
import pytest
from typer.testing import CliRunner

import redline.cli.commands  # noqa: F401  (registers the commands)
from redline.cli.app import app
from redline.scenario.decision import weighted_game
from redline.space.power import PowerError, exact_power, power_indices, sampled_power

runner = CliRunner()


def brute_force(members, weights, thresholds, vetoes=(), blocking=None):
    """Shapley–Shubik and swings by enumerating every coalition, with exact fractions and the
    rule read from its definition (not from redline's integer form)."""
    n = len(members)
    totals = {w: sum(Fraction(str(v)) for v in column) for w, column in weights.items()}

    def wins(coalition):
        if not set(vetoes) <= coalition:
            return False
        if blocking is not None and n - len(coalition) < blocking:
            return True
        for weight, kind, number in thresholds:
            if weight == "members":
                have, total = Fraction(len(coalition)), Fraction(n)
            else:
                have = sum(Fraction(str(weights[weight][members.index(m)])) for m in coalition)
                total = totals[weight]
            need = Fraction(str(number)) * (total if kind == "share" else 1)
            if have < need:
                return False
        return True

    ss, swings = [], []
    for member in members:
        others = [m for m in members if m != member]
        value, count = Fraction(0), 0
        for size in range(n):
            for chosen in itertools.combinations(others, size):
                s = set(chosen)
                if wins(s | {member}) and not wins(s):
                    count += 1
                    value += Fraction(math.factorial(size) * math.factorial(n - size - 1),
                                      math.factorial(n))
        ss.append(value)
        swings.append(count)
    return ss, swings


def random_game(rng):
    n = int(rng.integers(1, 8))
    members = [f"M{i}" for i in range(n)]
    weights = {}
    thresholds = []
    for name in ("votes", "population")[: int(rng.integers(0, 3))]:
        column = [float(rng.integers(0, 12)) if name == "votes"
                  else round(float(rng.uniform(0, 50)), 1) for _ in range(n)]
        if sum(column) == 0:
            column[0] = 1.0
        weights[name] = column
        if rng.random() < 0.5:
            thresholds.append((name, "share", round(float(rng.uniform(0.3, 1.0)), 2)))
        else:
            thresholds.append((name, "quota", float(rng.integers(1, int(sum(column)) + 2))))
    if rng.random() < 0.6 or not thresholds:
        thresholds.append(("members", "share", round(float(rng.uniform(0.3, 1.0)), 2)))
    vetoes = [m for m in members if rng.random() < 0.2]
    blocking = int(rng.integers(1, n + 1)) if rng.random() < 0.3 else None
    return members, weights, thresholds, vetoes, blocking


@pytest.mark.parametrize("seed", range(60))
def test_exact_indices_equal_brute_force_on_random_games(seed):
    members, weights, thresholds, vetoes, blocking = random_game(np.random.default_rng(seed))
    game = weighted_game(members, weights, thresholds, vetoes=vetoes, blocking_minority=blocking)
    result = exact_power(game)
    ss, swings = brute_force(members, weights, thresholds, vetoes, blocking)
    assert list(result.swings) == swings
    assert result.shapley_shubik == pytest.approx([float(v) for v in ss], abs=1e-12)
    half = 2 ** (len(members) - 1)
    assert result.banzhaf_absolute == pytest.approx([s / half for s in swings], abs=1e-12)
    if sum(swings):
        assert sum(result.shapley_shubik) == pytest.approx(1.0)
        assert sum(result.banzhaf) == pytest.approx(1.0)


def unsc():
    members = [f"P{i}" for i in range(5)] + [f"E{i}" for i in range(10)]
    return weighted_game(members, {}, [("members", "quota", 9)], vetoes=members[:5],
                         name="UN Security Council")


def test_un_security_council_matches_published_values():
    # Shapley & Shubik (1954) give 0.1963 per permanent member (1965 enlargement: 15 members);
    # Felsenthal & Machover (1998, ch. 3) the Banzhaf values 0.1669 and 0.0165.
    result = power_indices(unsc())
    assert result.method == "exact"
    assert result.shapley_shubik[0] == pytest.approx(0.1963, abs=5e-5)
    assert result.shapley_shubik[5] == pytest.approx(0.001865, abs=5e-7)
    assert result.banzhaf[0] == pytest.approx(0.1669, abs=5e-5)
    assert result.banzhaf[5] == pytest.approx(0.0165, abs=5e-5)
    # 848 of the 2^14 coalitions of the others need each permanent member
    assert result.swings[0] == 848


def test_monte_carlo_is_within_its_bound_and_reproducible():
    rng = np.random.default_rng(7)
    members = [f"M{i}" for i in range(12)]
    game = weighted_game(members, {"votes": [float(v) for v in rng.integers(1, 30, 12)]},
                         [("votes", "share", 0.62), ("members", "share", 0.5)],
                         blocking_minority=3)
    exact = exact_power(game)
    one = sampled_power(game, 20_000, np.random.default_rng(3), 3)
    two = sampled_power(game, 20_000, np.random.default_rng(3), 3)
    assert one == two
    assert one.error_bound is not None and one.error_bound < 0.02
    assert np.max(np.abs(np.subtract(one.shapley_shubik, exact.shapley_shubik))) <= one.error_bound
    assert np.max(np.abs(np.subtract(one.banzhaf_absolute, exact.banzhaf_absolute))) \
        <= one.error_bound


def test_auto_falls_back_to_monte_carlo_beyond_the_exact_limit():
    members = [f"M{i}" for i in range(70)]
    game = weighted_game(members, {}, [("members", "share", 0.5)])
    result = power_indices(game, samples=2_000, seed=1)
    assert result.method == "monte-carlo" and result.swings is None
    assert result.shapley_shubik == pytest.approx([1 / 70] * 70, abs=result.error_bound)
    with pytest.raises(PowerError, match="monte-carlo"):
        power_indices(game, method="exact")


def test_cli_power_json_and_errors():
    done = runner.invoke(app, ["power", "--votes", "A=3,B=2,C=2", "--quota", "5",
                               "--format", "json"])
    assert done.exit_code == 0, done.output
    data = json.loads(done.output)
    assert data["format"] == "redline-power/1"
    # {B, C} has 4 < 5: A is in every winning coalition; A swings 3 times, B and C once
    assert data["swings"] == {"A": 3, "B": 1, "C": 1}
    assert data["shapley_shubik"]["A"] == pytest.approx(2 / 3)
    for bad, needle in ((["--votes", "A=3,B"], "MEMBER=WEIGHT"),
                        (["--votes", "A=3,B=2"], "--quota"),
                        (["--votes", "A=3,B=2", "--quota", "9"], "--quota 9"),
                        (["--votes", "A=3,B=2", "--quota", "3", "--veto", "Z"], "--veto"),
                        ([], "scenario file or --votes")):
        done = runner.invoke(app, ["power", *bad])
        assert done.exit_code == 2 and needle in done.output, done.output
