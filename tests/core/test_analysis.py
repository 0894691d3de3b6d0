"""The bargaining-space analysis: golden cases with hand-computed answers, and invariants."""

from __future__ import annotations

import copy
import itertools
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings

import redline
from redline.space import AgendaError, SpaceTooLarge, pareto_mask
from tests.core.random_scenarios import documents
from tests.core.test_rules import interpret

NUCLEAR = ["enrichment", "inspections", "stockpile", "sanctions"]


def outcome(analysis, name):
    return analysis.to_dict()["solutions"][name]["outcome"]


def test_divide_the_dollar_matches_the_textbook(examples):
    result = redline.analyze(redline.load(examples / "divide-the-dollar.yaml"))
    assert result.zopa and result.zopa_size == 9  # A needs at least 20 cents
    for name in ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian"):
        assert outcome(result, name) == {"share_a": "60"}, name
    solutions = result.to_dict()["solutions"]
    assert solutions["nash"]["ties"] == 1
    assert solutions["utilitarian"]["ties"] == 9  # every split sums to 1
    assert solutions["nash"]["gains"] == {"A": 0.4, "B": 0.4}
    assert len(result.frontier) == 9


def test_logroll_beats_splitting_the_difference(examples):
    result = redline.analyze(redline.load(examples / "logrolling.yaml"))
    for name in ("nash", "kalai_smorodinsky", "egalitarian", "utilitarian"):
        assert outcome(result, name) == {"salary": "high", "remote": "none"}
    assert result.to_dict()["solutions"]["nash"]["utilities"] == {"CAND": 0.7, "EMPL": 0.7}
    # Without the candidate's red line, (low, none) would be the employer's best: it binds.
    assert result.binding_red_lines == ("cand-some-flexibility",)


def test_us_iran_full_agenda_is_refused_by_iran(examples):
    result = redline.analyze(redline.load(examples / "us-iran-2026.yaml"))
    assert result.refused_by == (("IRN", "irn-missiles-off-agenda"),)
    assert not result.zopa
    data = result.to_dict()
    assert data["solutions"]["nash"] is None and data["pareto"] == []
    assert data["binding_red_lines"] == ["irn-missiles-off-agenda"]


def test_us_iran_nuclear_for_sanctions_agenda_has_a_deal(examples):
    result = redline.analyze(redline.load(examples / "us-iran-2026.yaml"), NUCLEAR)
    data = result.to_dict()
    assert data["zopa"] and data["off_agenda"] == {"missiles": "no-limits"}
    nash = data["solutions"]["nash"]["outcome"]
    assert nash["missiles"] == "no-limits"
    # Iran's conditional red line: any nuclear limit needs substantial sanctions relief.
    assert nash["sanctions"] in ("oil-and-banking", "full-lifting")
    assert nash["enrichment"] in ("cap-3.67pct", "zero")  # the US red line
    assert "usa-no-high-enrichment" in data["binding_red_lines"]


def test_json_contract_keys(examples):
    data = redline.analyze(redline.load(examples / "logrolling.yaml")).to_dict()
    assert data["format"] == "redline-analysis/1"
    for key in ("scenario", "parties", "agenda", "outcomes", "feasible", "zopa", "pareto",
                "solutions", "binding_red_lines"):
        assert key in data
    assert set(data["solutions"]) == {"nash", "kalai_smorodinsky", "egalitarian", "utilitarian"}
    point = data["pareto"][0]
    assert set(point) == {"outcome", "utilities"}


def test_stakeholder_red_lines_do_not_constrain(examples):
    scenario = redline.load(examples / "us-iran-2026.yaml")
    doc = scenario.document.model_dump(by_alias=True, exclude_none=True)
    doc["red_lines"].append({"id": "isr-demand", "actor": "ISR", "rule": "sanctions == 'none'"})
    with_israel = redline.analyze(redline.load(doc), NUCLEAR)
    base = redline.analyze(scenario, NUCLEAR)
    assert "isr-demand" not in with_israel.applied_red_lines
    assert with_israel.zopa_size == base.zopa_size


def test_agenda_errors_are_clear(examples):
    scenario = redline.load(examples / "logrolling.yaml")
    with pytest.raises(AgendaError, match="unknown issue"):
        redline.analyze(scenario, ["salary", "bonus"])
    doc = copy.deepcopy(scenario.document.model_dump(by_alias=True, exclude_none=True))
    del doc["issues"][1]["status_quo"]
    with pytest.raises(AgendaError, match="has no status_quo"):
        redline.analyze(redline.load(doc), ["salary"])
    with pytest.raises(SpaceTooLarge, match="--max-outcomes"):
        redline.analyze(scenario, max_outcomes=5)


# --- invariants on random scenarios ---------------------------------------------------------


def brute_force_pareto(u):
    keep = []
    for a in range(len(u)):
        dominated = any((u[b] >= u[a]).all() and (u[b] > u[a]).any() for b in range(len(u)))
        keep.append(not dominated)
    return np.array(keep, dtype=bool)


def exact_utility(scenario, party, full):
    """u = sum_i raw_i v_i / sum_i raw_i in exact rationals (the document's decimals): ties in
    real numbers stay ties, whatever order floating-point sums would add them in."""
    preference = scenario.document.preferences[party]
    raw = {i: Fraction(str(float(preference.weights.get(i, 0.0)))) for i in scenario.issue_ids}
    total = sum(raw.values())
    values = scenario.utilities[party].values
    return sum(raw[i] * Fraction(str(float(values[i][k])))
               for i, k in zip(scenario.issue_ids, full, strict=True)) / total


def zopa_points(result):
    """Every ZOPA outcome by direct enumeration (test reference), with exact utilities."""
    scenario = result.scenario
    space = redline.outcome_space(scenario, result.agenda)
    reservations = [Fraction(str(d)) for d in result.reservations]
    points = []
    for combo in itertools.product(*(range(n) for n in space.shape)):
        full = space.full_options(np.array([combo], dtype=np.int64))[0]
        labels = {i.id: i.options[k] for i, k in zip(scenario.issues, full, strict=True)}
        ok = all(_holds(scenario, rid, labels) for rid in result.applied_red_lines)
        u = np.array([exact_utility(scenario, p, full) for p in result.parties], dtype=object)
        if ok and all(x >= d for x, d in zip(u, reservations, strict=True)):
            points.append((tuple(int(k) for k in full), u))
    return points


def _holds(scenario, rule_id, labels):
    order = {i.id: list(i.options) for i in scenario.issues}
    return interpret(scenario.rules[rule_id].tree, labels, order)


@settings(max_examples=60, deadline=None)
@given(documents())
def test_frontier_and_solutions_obey_the_definitions(doc):
    result = redline.analyze(redline.load(doc))
    points = zopa_points(result)
    assert result.zopa_size == len(points)
    assert result.zopa == bool(points)
    frontier = {tuple(o): tuple(u) for o, u in
                zip(result.frontier.options.tolist(), result.frontier.utilities.tolist(),
                    strict=True)}
    if not points:
        assert len(frontier) == 0
        assert all(s is None for s in result.solutions.values())
        return
    exact = dict(points)
    u = np.array([p[1] for p in points], dtype=object)
    expected = {points[k][0] for k in np.flatnonzero(brute_force_pareto(u))}
    assert set(frontier) == expected  # exact, ties included
    for options, utilities in frontier.items():
        assert np.allclose(utilities, exact[options].astype(float), rtol=0, atol=1e-12)
        assert not any((q >= exact[options]).all() and (q > exact[options]).any() for q in u)
    for q in u:  # every ZOPA outcome is weakly dominated by a frontier point
        assert any((exact[f] >= q).all() for f in frontier)
    u = u.astype(float)
    d = np.array(result.reservations)
    best_product = max(np.prod(q - d) for q in u)
    for name, solution in result.solutions.items():
        assert solution.options in frontier, name
        assert (np.array(solution.utilities) >= d - 1e-12).all()
        labels = result.labels(solution.options)
        assert all(_holds(result.scenario, r, labels) for r in result.applied_red_lines)
    assert np.prod(np.array(result.solutions["nash"].utilities) - d) == pytest.approx(best_product)
    assert sum(result.solutions["utilitarian"].utilities) == pytest.approx(u.sum(axis=1).max())


@settings(max_examples=40, deadline=None)
@given(documents(red_lines=(0, 2)), documents(red_lines=(1, 1)))
def test_adding_a_red_line_never_enlarges_the_zopa(doc, other):
    base = redline.analyze(redline.load(doc))
    extra = copy.deepcopy(doc)
    rule = other["red_lines"][0]["rule"]
    # Re-target the borrowed rule at this document's issues, where it names known ones.
    if all(f"i{k} " not in rule or k < len(doc["issues"]) for k in range(4)):
        try:
            extra["red_lines"].append({"id": "added", "actor": "P0", "rule": rule})
            tighter = redline.analyze(redline.load(extra))
        except redline.ScenarioError:
            return  # the borrowed rule names an option this document lacks
        assert tighter.zopa_size <= base.zopa_size
        assert not (tighter.zopa and not base.zopa)


@settings(max_examples=100, deadline=None)
@given(documents(parties=(2, 4), issues=(1, 3)))
def test_pareto_mask_equals_brute_force(doc):
    scenario = redline.load(doc)
    u = redline.outcome_space(scenario).grid_utilities()
    assert (pareto_mask(u) == brute_force_pareto(u)).all()
