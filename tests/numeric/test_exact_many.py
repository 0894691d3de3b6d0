"""Exact solutions for three and more parties over real issues (linear programmes per cell):
the same points as the two-party frontier method, never beaten by a dense grid and within its
error bound of it, and equal to an independent formulation (one LP over the whole box, many-start
SLSQP for Nash) on random linear cases; integer issues over every whole number."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml
from typer.testing import CliRunner

pytest.importorskip("scipy.optimize", reason="the exact solutions for 3+ parties need scipy")

from redline.cli import app, commands  # noqa: E402, F401
from redline.scenario import load  # noqa: E402
from redline.space import analyze, exact_bargaining, exact_solutions  # noqa: E402
from redline.space.polytope import NASH_TOLERANCE  # noqa: E402
from tests.numeric.test_exact import random_case, random_values  # noqa: E402


def many_case(seed: int, parties: int, *, bent: bool, discrete: bool, rule: bool,
              step: float = 0.05) -> dict[str, Any]:
    """A random problem with `parties` parties, two real issues on [0, 1] (and a discrete one)."""
    rng = np.random.default_rng(seed)
    names = [chr(ord("A") + j) for j in range(parties)]
    issues: list[dict[str, Any]] = [
        {"id": f"x{k}", "name": f"x{k}", "range": [0, 1], "step": step} for k in range(2)]
    if discrete:
        issues.append({"id": "d", "name": "d", "options": ["a", "b", "c"]})
    prefs = {}
    for party in names:
        values = random_values(rng, bent=bent, discrete=discrete)
        prefs[party] = {"weights": {i["id"]: float(rng.uniform(0.1, 1)) for i in issues},
                        "values": values, "reservation": float(rng.uniform(0, 0.3))}
    data: dict[str, Any] = {
        "format": "redline/1", "title": f"random {parties}-party {seed}",
        "actors": [{"id": p, "name": p, "role": "party"} for p in names],
        "issues": issues, "preferences": prefs}
    if rule:
        cut = round(float(rng.uniform(0.3, 0.8)), 2)
        data["red_lines"] = [{"id": "r", "actor": "A", "rule": f"x0 <= {cut}"}]
        issues[0]["marks"] = [cut]
    return data


SCORES = {
    "nash": lambda g: float(np.prod(np.maximum(g, 0))),
    "egalitarian": lambda g: float(np.min(g)),
    "utilitarian": lambda g: float(np.sum(g)),
}


def _gains(solution: Any, d: np.ndarray) -> np.ndarray:
    return np.array(list(solution.utilities.values())) - d


@pytest.mark.parametrize("seed", range(8))
def test_two_parties_give_the_frontier_methods_points(seed: int) -> None:
    data = random_case(seed, discrete=seed % 2 == 0, bent=seed % 3 != 0, rule=seed % 2 == 1)
    scenario = load(data)
    frontier, solved = exact_bargaining(scenario), exact_solutions(scenario)
    assert frontier.zopa == solved.zopa
    d = np.array(frontier.reservations)
    for name, score in SCORES.items():
        if name in frontier.solutions:
            assert score(_gains(solved.solutions[name], d)) == pytest.approx(
                score(_gains(frontier.solutions[name], d)), abs=1e-8), name


CASES = [(seed, parties, bent, discrete, rule) for seed in range(4) for parties in (3, 4)
         for bent, discrete, rule in ((False, False, True), (True, True, False),
                                      (True, False, True))]


@pytest.mark.parametrize(("seed", "parties", "bent", "discrete", "rule"), CASES)
def test_exact_solutions_against_a_dense_grid(seed: int, parties: int, bent: bool,
                                              discrete: bool, rule: bool) -> None:
    scenario = load(many_case(seed, parties, bent=bent, discrete=discrete, rule=rule))
    exact = exact_solutions(scenario)
    grid = analyze(scenario, method="enumerate")
    d = np.array(exact.reservations)
    errors = scenario.grid_errors()
    if not grid.zopa:
        # no grid deal: any exact deal is within the grid error of no deal for someone
        if exact.zopa:
            assert SCORES["egalitarian"](_gains(exact.solutions["egalitarian"], d)) <= \
                max(errors.values()) + 1e-9
        return
    assert exact.zopa and exact.nash_gap <= NASH_TOLERANCE
    slack = sum(errors.values()) + 1e-9
    for name, score in SCORES.items():
        mine = score(_gains(exact.solutions[name], d))
        theirs = score(np.array(grid.solutions[name].utilities) - d)
        assert theirs <= mine + 1e-9, name  # the grid never beats the exact point
        assert mine - theirs <= slack * (parties if name == "nash" else 1), name
    for solution in exact.solutions.values():
        assert np.all(_gains(solution, d) >= -1e-9)  # individually rational
        if rule:  # red lines on numbers cut the polytope
            cut = float(scenario.red_lines[0].rule.split("<=")[1])
            assert solution.package["x0"] <= cut + 1e-9
    # Kalai–Smorodinsky: gains in proportion to the ideal gains, as far as the frontier allows
    span = np.array([exact.ideal[p] for p in exact.parties]) - d
    ratios = _gains(exact.solutions["kalai_smorodinsky"], d) / span
    grid_ratio = max(float(np.min((u - d) / span)) for u in grid.frontier.utilities)
    assert ratios.min() >= grid_ratio - 1e-9


def _box_problem(scenario: Any, parties: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """u_p(x) = c_p + g_p . x for linear values over [0, 1]^2."""
    const, grads = [], []
    for party in parties:
        utility = scenario.utilities[party]
        c, g = 0.0, []
        for issue in ("x0", "x1"):
            _, vs = utility.functions[issue]
            c += utility.weights[issue] * vs[0]
            g.append(utility.weights[issue] * (vs[-1] - vs[0]))
        const.append(c)
        grads.append(g)
    d = np.array([scenario.utilities[p].reservation for p in parties])
    return np.array(const), np.array(grads), d


@pytest.mark.parametrize("seed", range(10))
def test_exact_solutions_match_one_programme_over_the_whole_box(seed: int) -> None:
    optimize = pytest.importorskip("scipy.optimize")
    data = many_case(200 + seed, 3, bent=False, discrete=False, rule=True)
    scenario = load(data)
    cut = float(data["red_lines"][0]["rule"].split("<=")[1])
    exact = exact_solutions(scenario)
    c, g, d = _box_problem(scenario, ["A", "B", "C"])
    box = [(0, cut), (0, 1)]
    rational = {"A_ub": -g, "b_ub": c - d}
    if optimize.linprog(np.zeros(2), bounds=box, method="highs", **rational).status != 0:
        assert not exact.zopa
        return
    lp = optimize.linprog(-g.sum(axis=0), bounds=box, method="highs", **rational)
    assert sum(exact.solutions["utilitarian"].utilities.values()) == pytest.approx(
        -lp.fun + c.sum(), abs=1e-9)
    # maximin with weights w: variables x0, x1, t; t * w_p <= c_p + g_p x - d_p
    def maximin(w: np.ndarray) -> float:
        a_ub = np.hstack([-g, w[:, None]])
        fit = optimize.linprog([0, 0, -1], A_ub=a_ub, b_ub=c - d, bounds=[*box, (None, None)],
                               method="highs")
        return float(-fit.fun)
    assert SCORES["egalitarian"](_gains(exact.solutions["egalitarian"], d)) == pytest.approx(
        maximin(np.ones(3)), abs=1e-9)
    ideal = np.array([-optimize.linprog(-g[p], bounds=box, method="highs", **rational).fun + c[p]
                      for p in range(3)])
    assert [exact.ideal[p] for p in "ABC"] == pytest.approx(ideal, abs=1e-9)
    span = ideal - d
    ks = _gains(exact.solutions["kalai_smorodinsky"], d) / span
    assert ks.min() == pytest.approx(maximin(span), abs=1e-7)
    best = -np.inf
    for start in np.random.default_rng(seed).uniform(0, 1, (12, 2)) * [cut, 1]:
        fit = optimize.minimize(lambda x: -np.prod(np.maximum(c + g @ x - d, 0)), start,
                                bounds=box, method="SLSQP")
        best = max(best, -fit.fun)
    nash = SCORES["nash"](_gains(exact.solutions["nash"], d))
    assert nash >= best - 1e-9  # never beaten by a local search
    assert nash == pytest.approx(best, rel=1e-5, abs=1e-9)


def test_integer_issues_are_solved_over_every_whole_number() -> None:
    """An integer issue of 301 whole numbers has a grid of every 3rd; the exact methods use
    every whole number: B's value falls steeply past 152 (off the grid), and the utilitarian
    point sits exactly there."""
    data = many_case(1, 3, bent=False, discrete=False, rule=False)
    data["issues"].append({"id": "n", "name": "n", "range": [0, 300], "integer": True})
    for party in "ABC":
        data["preferences"][party]["values"]["n"] = {"linear": [0, 1]}
        data["preferences"][party]["weights"]["n"] = 2.0
    data["preferences"]["B"]["values"]["n"] = {"points": [[0, 1], [152, 1], [155, 0]]}
    scenario = load(data)
    assert 152.0 not in scenario.grid_values("n")  # the grid skips it
    exact = exact_solutions(scenario)
    assert exact.solutions["utilitarian"].package["n"] == "152"
    data["actors"] = data["actors"][:2]
    del data["preferences"]["C"]
    two = exact_bargaining(load(data))
    assert two.solutions["utilitarian"].package["n"] == "152"


def test_a_coalition_counts_its_members_red_lines_only() -> None:
    data = many_case(3, 3, bent=False, discrete=False, rule=False)
    for party, line in (("A", [0, 1]), ("B", [0, 1]), ("C", [1, 0])):
        data["preferences"][party]["values"]["x0"] = {"linear": line}
        data["preferences"][party]["reservation"] = 0
    data["red_lines"] = [{"id": "c-cap", "actor": "C", "rule": "x0 <= 0.25"}]
    scenario = load(data)
    everyone = exact_solutions(scenario)
    assert all(s.package["x0"] <= 0.25 + 1e-12 for s in everyone.solutions.values())
    pair = exact_solutions(scenario, parties=["A", "B"])
    assert pair.parties == ("A", "B")
    assert pair.solutions["utilitarian"].package["x0"] == pytest.approx(1.0)


HERE = Path(__file__).parent
ROOT = HERE.parents[1]


def test_analyze_exact_solves_three_parties_from_the_command_line() -> None:
    result = CliRunner().invoke(app, ["analyze", str(HERE / "three-way-price.yaml"), "--exact",
                                      "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    exact = data["exact"]
    assert exact["parties"] == ["BUY", "SEL", "CAR"] and exact["zopa"]
    assert exact["nash_gap"] <= NASH_TOLERANCE
    d = np.array(exact["reservations"])
    nash = exact["solutions"]["nash"]
    gains = np.array([nash["utilities"][p] for p in exact["parties"]]) - d
    grid = data["solutions"]["nash"]
    grid_gains = np.array([grid["utilities"][p] for p in exact["parties"]]) - d
    assert np.prod(gains) >= np.prod(grid_gains) - 1e-12  # the grid (5 EUR, 1 week) never wins
    assert 97.5 <= nash["package"]["price"] <= 140 and nash["package"]["weeks"] <= 8
    text = CliRunner().invoke(app, ["analyze", str(HERE / "three-way-price.yaml"), "--exact"])
    assert "Exact solutions (no grid)" in text.output and "certified" in text.output


def test_analyze_exact_under_a_vote_solves_each_winning_coalition() -> None:
    data = yaml.safe_load((HERE / "three-way-price.yaml").read_text())
    data["decision_rule"] = {"kind": "vote", "name": "two of three",
                             "thresholds": [{"weight": "members", "quota": 2}]}
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "vote.yaml"
        path.write_text(yaml.safe_dump(data))
        result = CliRunner().invoke(app, ["analyze", str(path), "--exact", "--format", "json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    exact = answer["exact"]
    assert exact["format"] == "redline-exact-coalitions/1"
    members = [c["members"] for c in exact["coalitions"]]
    assert sorted(map(sorted, members)) == [["BUY", "CAR"], ["BUY", "SEL"], ["CAR", "SEL"]]
    likeliest = [c["members"] for c in exact["coalitions"] if c["likeliest"]]
    assert likeliest == [answer["decision_rule"]["likeliest"]]
    for coalition in exact["coalitions"]:  # only the members' red lines bind
        assert coalition["parties"] == coalition["members"]
        nash = coalition["solutions"]["nash"]["package"]
        if "BUY" not in coalition["members"]:
            assert nash["weeks"] > 8  # the buyer's speed red line is outvoted
        if "SEL" in coalition["members"]:
            assert nash["price"] >= 97.5


def test_without_real_issues_the_exact_points_are_the_enumerated_ones() -> None:
    """Only discrete issues: every cell is one outcome, so the exact points score what
    enumeration's do (three parties, the coalition budget under unanimity)."""
    scenario = load(ROOT / "examples" / "coalition-budget.yaml")
    exact, grid = exact_solutions(scenario), analyze(scenario, method="enumerate")
    assert exact.zopa == grid.zopa and exact.solved <= exact.cells
    d = np.array(exact.reservations)
    for name, score in SCORES.items():
        mine = score(_gains(exact.solutions[name], d))
        assert mine == pytest.approx(score(np.array(grid.solutions[name].utilities) - d),
                                     abs=1e-12), name


def test_a_zopa_of_one_point_gives_every_solution_there() -> None:
    """Reservations that leave one rational package (x0 = 0.5, nobody gains): the ideal gains
    are nil, the Nash product is 0 everywhere, and every solution is that package."""
    data = many_case(0, 3, bent=False, discrete=False, rule=False)
    for party, line in zip("ABC", ([0, 1], [1, 0], [0, 1]), strict=True):
        data["preferences"][party].update(weights={"x0": 1, "x1": 0}, reservation=0.5)
        data["preferences"][party]["values"]["x0"] = {"linear": line}
    exact = exact_solutions(load(data))
    assert exact.zopa and exact.ideal == pytest.approx({"A": 0.5, "B": 0.5, "C": 0.5})
    for solution in exact.solutions.values():
        assert solution.package["x0"] == pytest.approx(0.5, abs=1e-9)


def test_naming_a_party_without_preferences_is_a_clear_error() -> None:
    from redline.space.continuous import ExactUnavailable

    scenario = load(many_case(0, 3, bent=False, discrete=False, rule=False))
    with pytest.raises(ExactUnavailable, match="no preferences for 'Z'"):
        exact_solutions(scenario, parties=["A", "Z"])
