"""The exact two-party frontier over real issues: against dense grids (every grid outcome lies
under it, and the grid's solutions come within the grid error of the exact ones) and against
an independent solver (scipy's HiGHS linear programmes and SLSQP) on random cases."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from redline.scenario import load
from redline.space import analyze, outcome_space
from redline.space.continuous import ExactUnavailable, exact_bargaining


def random_values(rng: np.random.Generator, *, bent: bool, discrete: bool) -> dict[str, Any]:
    """One party's values of the real issues x0 and x1 (straight or bent) and of `d`."""
    values: dict[str, Any] = {}
    for k in range(2):
        if bent:
            xs = np.sort(rng.uniform(0.05, 0.95, 2))
            points = [[0.0, rng.uniform()], [xs[0], rng.uniform()], [xs[1], rng.uniform()],
                      [1.0, rng.uniform()]]
            values[f"x{k}"] = {"points": [[float(x), float(v)] for x, v in points]}
        else:
            values[f"x{k}"] = {"linear": [float(v) for v in rng.uniform(0, 1, 2)]}
    if discrete:
        values["d"] = [float(v) for v in rng.uniform(0, 1, 3)]
    return values


def random_case(seed: int, *, discrete: bool, bent: bool, rule: bool, step: float = 0.02
                ) -> dict[str, Any]:
    rng = np.random.default_rng(seed)
    issues: list[dict[str, Any]] = [
        {"id": f"x{k}", "name": f"x{k}", "range": [0, 1], "step": step} for k in range(2)]
    if discrete:
        issues.append({"id": "d", "name": "d", "options": ["a", "b", "c"]})
    prefs = {}
    for party in ("A", "B"):
        values = random_values(rng, bent=bent, discrete=discrete)
        weights = {i["id"]: float(rng.uniform(0.1, 1)) for i in issues}
        prefs[party] = {"weights": weights, "values": values,
                        "reservation": float(rng.uniform(0, 0.35))}
    data: dict[str, Any] = {
        "format": "redline/1", "title": f"random {seed}",
        "actors": [{"id": "A", "name": "A", "role": "party"},
                   {"id": "B", "name": "B", "role": "party"}],
        "issues": issues, "preferences": prefs}
    if rule:
        cut = round(float(rng.uniform(0.2, 0.8)), 2)
        text = f"x0 <= {cut}" if discrete is False else f"(d == 'a') implies (x0 >= {cut})"
        data["red_lines"] = [{"id": "r", "actor": "A", "rule": text}]
        issues[0]["marks"] = [cut]
    return data


def frontier_height(pieces: Any, x: float) -> float:
    """The best B-utility the exact frontier offers at A-utility >= x."""
    best = -np.inf
    for (x0, y0), (x1, y1) in pieces:
        if x1 >= x - 1e-12:
            at = max(x, x0)
            best = max(best, y0 if x1 == x0 else y0 + (y1 - y0) * (at - x0) / (x1 - x0))
    return best


CASES = [(seed, discrete, bent, rule) for seed in range(6)
         for discrete, bent, rule in ((False, False, False), (True, True, True),
                                      (False, True, True), (True, False, False))]


@pytest.mark.parametrize(("seed", "discrete", "bent", "rule"), CASES)
def test_exact_frontier_against_a_dense_grid(seed: int, discrete: bool, bent: bool,
                                             rule: bool) -> None:
    scenario = load(random_case(seed, discrete=discrete, bent=bent, rule=rule))
    exact = exact_bargaining(scenario)
    grid = analyze(scenario, method="enumerate")
    errors = scenario.grid_errors()
    if not grid.zopa:
        assert not exact.zopa or exact.solutions["egalitarian"].utilities["A"] - \
            exact.reservations[0] <= max(errors.values()) + 1e-9
        return
    assert exact.zopa
    # every feasible grid outcome in the ZOPA lies on or under the exact frontier
    space = outcome_space(scenario)
    u = space.grid_utilities()
    d = np.array(exact.reservations)
    keep = np.all(u >= d - 1e-12, axis=1)
    for rule_id in scenario.rules:
        keep &= space.rule_mask(rule_id)
    for ua, ub in u[keep][:: max(1, int(keep.sum()) // 400)]:
        assert frontier_height(exact.frontier, ua) >= ub - 1e-9
    # the frontier is a chain: A gains and B loses along it
    vertices = np.array(exact.vertices)
    assert np.all(np.diff(vertices[:, 0]) >= -1e-12) and np.all(np.diff(vertices[:, 1]) <= 1e-12)
    # the solutions: never worse than the grid's, better by at most the grid error
    slack = errors["A"] + errors["B"] + 1e-9
    scores = {
        "nash": lambda a, b: (a - d[0]) * (b - d[1]),
        "egalitarian": lambda a, b: min(a - d[0], b - d[1]),
        "utilitarian": lambda a, b: a + b,
    }
    for name, score in scores.items():
        mine = score(*exact.solutions[name].utilities.values())
        theirs = score(*grid.solutions[name].utilities)
        assert theirs <= mine + 1e-9, name
        assert mine - theirs <= slack * (2 if name == "nash" else 1), name
    for solution in exact.solutions.values():
        a, b = solution.utilities.values()
        assert frontier_height(exact.frontier, a) == pytest.approx(b, abs=1e-9)
        assert a >= d[0] - 1e-12 and b >= d[1] - 1e-12


def _linear_problem(scenario: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """u_p(x) = c_p + g_p . x for linear values on [0, 1] ranges."""
    const, grads = [], []
    for party in ("A", "B"):
        utility = scenario.utilities[party]
        c, g = 0.0, []
        for issue in ("x0", "x1"):
            xs, vs = utility.functions[issue]
            w = utility.weights[issue]
            c += w * vs[0]
            g.append(w * (vs[-1] - vs[0]))
        const.append(c)
        grads.append(g)
    return np.array(const), np.array(grads), np.array(
        [scenario.utilities[p].reservation for p in ("A", "B")])


@pytest.mark.parametrize("seed", range(12))
def test_exact_solutions_match_an_independent_solver(seed: int) -> None:
    scipy_optimize = pytest.importorskip("scipy.optimize",
                                         reason="scipy (the dev extra) is the independent solver")
    data = random_case(100 + seed, discrete=False, bent=False, rule=True)
    scenario = load(data)
    cut = float(data["red_lines"][0]["rule"].split("<=")[1])
    exact = exact_bargaining(scenario)
    c, g, d = _linear_problem(scenario)
    bounds = [(0, cut), (0, 1)]
    rational = {"A_ub": -g, "b_ub": c - d}  # u_p(x) >= d_p
    probe = scipy_optimize.linprog(np.zeros(2), bounds=bounds, method="highs", **rational)
    if probe.status != 0:  # no individually rational deal
        assert not exact.zopa
        return
    # utilitarian: max sum_p u_p
    lp = scipy_optimize.linprog(-(g[0] + g[1]), bounds=bounds, method="highs", **rational)
    assert sum(exact.solutions["utilitarian"].utilities.values()) == pytest.approx(
        -lp.fun + c.sum(), abs=1e-9)
    # egalitarian: max t, t <= u_p - d_p   (variables x0, x1, t)
    a_ub = np.array([[-g[0][0], -g[0][1], 1.0], [-g[1][0], -g[1][1], 1.0]])
    lp = scipy_optimize.linprog([0, 0, -1], A_ub=a_ub, b_ub=c - d,
                                bounds=[*bounds, (None, None)], method="highs")
    assert min(u - r for u, r in zip(exact.solutions["egalitarian"].utilities.values(), d,
                                     strict=True)) == pytest.approx(-lp.fun, abs=1e-9)
    # Kalai–Smorodinsky: ideal points by LP, then max t with u_p - d_p >= t (ideal_p - d_p)
    ideal = []
    for p in range(2):
        lp = scipy_optimize.linprog(-g[p], bounds=bounds, method="highs", **rational)
        ideal.append(-lp.fun + c[p])
    span = np.array(ideal) - d
    a_ub = np.array([[-g[0][0], -g[0][1], span[0]], [-g[1][0], -g[1][1], span[1]]])
    lp = scipy_optimize.linprog([0, 0, -1], A_ub=a_ub, b_ub=c - d,
                                bounds=[*bounds, (None, None)], method="highs")
    ks = exact.solutions["kalai_smorodinsky"].utilities.values()
    assert min((u - r) / s for u, r, s in zip(ks, d, span, strict=True)) == pytest.approx(
        -lp.fun, abs=1e-7)
    # Nash: maximise the product of gains from many starts (SLSQP)
    def gains(x: np.ndarray) -> np.ndarray:
        return c + g @ x - d
    best = -np.inf
    for start in np.random.default_rng(seed).uniform(0, 1, (8, 2)) * [cut, 1]:
        fit = scipy_optimize.minimize(lambda x: -np.prod(np.maximum(gains(x), 0)), start,
                                      bounds=bounds, method="SLSQP")
        best = max(best, -fit.fun)
    nash = np.prod([u - r for u, r in zip(exact.solutions["nash"].utilities.values(), d,
                                          strict=True)])
    assert nash >= best - 1e-9
    assert nash == pytest.approx(best, abs=1e-6)


def test_strict_red_lines_give_a_supremum_and_more_parties_are_refused() -> None:
    data = random_case(7, discrete=False, bent=False, rule=False)
    data["preferences"]["A"]["values"]["x0"] = {"linear": [0, 1]}
    data["preferences"]["B"]["values"]["x0"] = {"linear": [1, 0]}
    data["preferences"]["A"]["reservation"] = data["preferences"]["B"]["reservation"] = 0
    data["red_lines"] = [{"id": "r", "actor": "B", "rule": "x0 < 0.5"}]
    exact = exact_bargaining(load(data))
    best_for_a = max(exact.solutions.values(), key=lambda s: s.utilities["A"])
    assert exact.vertices[-1][0] >= best_for_a.utilities["A"]
    ends = [s for s in exact.solutions.values() if s.package["x0"] == pytest.approx(0.5)]
    assert all(not s.attained for s in ends)
    data["actors"].append({"id": "C", "name": "C", "role": "party"})
    data["preferences"]["C"] = data["preferences"]["A"]
    with pytest.raises(ExactUnavailable, match="two parties"):
        exact_bargaining(load(data))


@pytest.mark.parametrize("seed", range(20))
def test_pruning_dominated_segments_leaves_the_envelope_unchanged(seed: int) -> None:
    from redline.space.envelope import _sweep, envelope

    rng = np.random.default_rng(seed)
    starts = rng.uniform(0, 1, (60, 2))
    steps = rng.uniform(0, 0.3, (60, 2)) * [1, -1]
    steps[rng.uniform(size=60) < 0.3] = 0  # some single points
    segments = np.hstack([starts, starts + steps])
    pruned = [(p.start, p.end) for p in envelope(segments)]
    full = [(p.start, p.end) for p in _sweep(segments)]
    assert np.allclose(np.array(pruned, dtype=float), np.array(full, dtype=float), atol=1e-12)
    # no point inside a piece is dominated by any segment end, and no end of a piece is beaten
    # in both utilities (a piece's end may be the limit of the frontier at a jump: the frontier
    # is reported as its closure)
    ends = np.vstack([segments[:, :2], segments[:, 2:]])
    for start, end in pruned:
        middle = (np.array(start) + np.array(end)) / 2
        weakly = np.all(ends >= middle - 1e-12, axis=1) & np.any(ends > middle + 1e-12, axis=1)
        assert not weakly.any()
        for point in (start, end):
            assert not np.all(ends > np.array(point) + 1e-12, axis=1).any()
