"""The batched bargaining analysis gives the per-draw records bit for bit.

The reference is the per-draw path kept in the library: realise one scenario, apply pressure, run
`redline.space.analyze` (`Bargaining.__call__` through `evaluate_points`). Scenarios are generated
so that every kind of uncertain number is drawn: weights, option values (by list and by label),
reservations, credibilities (plain and triangular), event shifts of reservations and weights,
influence strengths; with agenda refusals, outcome red lines, two and three parties.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from redline.scenario import load
from redline.scenario.sampling import parameters
from redline.space import pareto_mask
from redline.uncertainty import Bargaining
from redline.uncertainty.batched import frontier
from redline.uncertainty.drawn import float_sum
from redline.uncertainty.montecarlo import evaluate_points


def triangle(rng: np.random.Generator, low: float = 0.0, high: float = 1.0) -> Any:
    a, b, c = sorted(rng.uniform(low, high, 3).round(2))
    return {"low": float(a), "mode": float(b), "high": float(c)}


def number(rng: np.random.Generator, low: float = 0.0, high: float = 1.0) -> Any:
    return triangle(rng, low, high) if rng.random() < 0.5 else round(rng.uniform(low, high), 2)


def generated(seed: int, parties: int = 2) -> Any:
    """A random scenario drawing every kind of number (see the module docstring)."""
    rng = np.random.default_rng(seed)
    issues = [{"id": f"i{k}", "name": f"i{k}", "status_quo": "o0",
               "options": [f"o{m}" for m in range(int(rng.integers(2, 5)))]} for k in range(3)]
    names = [f"P{k}" for k in range(parties)] + ["S"]
    preferences = {}
    for name in names:
        values: dict[str, Any] = {}
        for issue in issues:
            table = [number(rng) for _ in issue["options"]]
            values[issue["id"]] = (table if rng.random() < 0.5 else
                                   dict(zip(issue["options"], table, strict=True)))
        preferences[name] = {
            "weights": {i["id"]: number(rng, 0.1, 1.0) for i in issues},
            "values": values, "reservation": number(rng, 0.0, 0.5)}
    red_lines = [
        {"id": "r0", "actor": "P0", "rule": "i0 != 'o1'", "credibility": number(rng, 0.3, 1.0)},
        {"id": "r1", "actor": "P1", "rule": "i1 == 'o0' or i2 != 'o0'",
         "credibility": triangle(rng, 0.2, 1.0)},
        {"id": "r2", "actor": "P1", "refuses_agenda": ["i2"], "credibility": 0.3},
        {"id": "r3", "actor": "S", "rule": "i0 == 'o0'"},
    ]
    events = [{"id": "e0", "description": "e0", "active": True, "effects": [
        {"actor": "P0", "reservation": triangle(rng, -0.2, 0.2),
         "weights": {"i1": triangle(rng, -0.3, 0.3)}},
        {"actor": "P1", "weights": {"i0": round(rng.uniform(-0.5, 0.2), 2)}}]},
        {"id": "e1", "description": "e1", "effects": [
            {"actor": "P1", "reservation": number(rng, -0.1, 0.1)}]}]
    influence = [{"from": "S", "to": "P0", "issue": "i2", "strength": triangle(rng)},
                 {"from": "P0", "to": "P1", "issue": "i0", "strength": 0.4}]
    return load({
        "format": "redline/1", "title": f"generated {seed}",
        "actors": [{"id": n, "name": n, "role": "party" if n != "S" else "stakeholder"}
                   for n in names],
        "issues": issues, "preferences": preferences, "red_lines": red_lines,
        "influence": influence, "events": events})


def compare(scenario: Any, measure: Bargaining, points: np.ndarray) -> None:
    params = parameters(scenario)
    prepared = measure.prepare(params)
    assert prepared is not None
    seed = np.random.SeedSequence(0)
    reference = [r for _, r in evaluate_points(params, measure, [(p, seed) for p in points])]
    batched = prepared.records(points)
    for k, (want, got) in enumerate(zip(reference, batched, strict=True)):
        assert got == want, f"draw {k}: batched {got} != per-draw {want}"


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("parties", [2, 3])
def test_batched_records_equal_the_per_draw_records(seed, parties):
    scenario = generated(seed, parties)
    points = np.random.default_rng(seed).random((60, len(parameters(scenario))))
    points[:5] = parameters(scenario).modes()  # the point as written, too
    for agenda, events, edges in ((None, (), ()), (("i0", "i1"), ("e0",), ("S:P0:i2",)),
                                  (None, ("e0", "e1"), ("S:P0:i2", "P0:P1:i0"))):
        compare(scenario, Bargaining(agenda, events, edges), points)


def test_batched_records_on_us_iran(examples):
    scenario = load(examples / "us-iran-2026.yaml")
    points = np.random.default_rng(1).random((150, len(parameters(scenario))))
    for agenda in (None, ("enrichment", "inspections", "stockpile", "sanctions")):
        compare(scenario, Bargaining(agenda, ("naval-buildup",), ("ISR:USA:missiles",)), points)


def symmetric() -> dict[str, Any]:
    """Two parties with opposed, symmetric values on three issues: packages tie everywhere."""
    return {
        "format": "redline/1", "title": "ties",
        "actors": [{"id": "A", "name": "A", "role": "party"},
                   {"id": "B", "name": "B", "role": "party"}],
        "issues": [{"id": i, "name": i, "options": ["a", "b", "c"], "status_quo": "a"}
                   for i in ("x", "y", "z")],
        "preferences": {
            "A": {"weights": {"x": 1, "y": 1, "z": 1}, "values": {i: [0, 0.5, 1] for i in "xyz"},
                  "reservation": {"low": 0.0, "mode": 0.2, "high": 0.4}},
            "B": {"weights": {"x": 1, "y": 1, "z": 1}, "values": {i: [1, 0.5, 0] for i in "xyz"},
                  "reservation": {"low": 0.0, "mode": 0.2, "high": 0.4}}}}


def test_ties_are_broken_as_the_per_draw_path_breaks_them():
    # Symmetric values: many packages tie on the Nash product and on KS; the first one wins.
    scenario = load(symmetric())
    points = np.random.default_rng(2).random((80, 2))
    compare(scenario, Bargaining(), points)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, 2**31), st.lists(st.booleans(), min_size=1, max_size=4))
def test_frontier_per_draw_equals_pareto_mask(seed, fixed):
    """Each party's utilities the same in every draw (fixed) or not, in any combination."""
    rng = np.random.default_rng(seed)
    size, n = 7, 30
    exact = [rng.integers(0, 6, (1 if f else size, n)) for f in fixed]  # many ties
    zopa = rng.random((size, n)) < 0.7
    mask = frontier(exact, zopa)
    for b in range(size):
        members = np.flatnonzero(zopa[b])
        want = np.zeros(n, dtype=bool)
        if len(members):
            points = np.stack([u[0 if u.shape[0] == 1 else b, members] for u in exact], axis=1)
            want[members] = pareto_mask(points)
        assert np.array_equal(mask[b], want)


@given(st.lists(st.floats(-1e6, 1e6, allow_nan=False), min_size=1, max_size=8))
def test_float_sum_is_pythons_sum(values):
    assert float_sum([np.array([v]) for v in values])[0] == sum(values)
