"""Cross-check against NegMAS (the `peer` extra, AGPL: tests and benchmarks only).

Where the definitions agree: NegMAS replaces a reservation value below the worst outcome by the
worst outcome's utility, and keeps one outcome per utility vector; so our scenario gets each
party's worst utility as its reservation, and frontiers are compared as sets of utility vectors.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redline.scenario import Scenario, load
from redline.space import analyze
from redline.space.domains import linear_additive_document

pytestmark = pytest.mark.peer
negmas = pytest.importorskip("negmas")
ops = pytest.importorskip("negmas.preferences.ops")


def negmas_ufuns(scenario: Scenario, parties: tuple[str, ...]) -> tuple[list[Any], list[Any]]:
    from negmas import make_issue
    from negmas.preferences import LinearAdditiveUtilityFunction
    from negmas.preferences.value_fun import TableFun

    issues = [make_issue(list(i.options), name=i.id) for i in scenario.issues]
    ufuns = []
    for party in parties:
        utility = scenario.utilities[party]
        ufuns.append(LinearAdditiveUtilityFunction(
            values=[TableFun(dict(zip(i.options, utility.values[i.id].tolist(), strict=True)))
                    for i in scenario.issues],
            weights=[utility.weights[i.id] for i in scenario.issues],
            issues=issues, reserved_value=0.0))
    return ufuns, issues


def vectors(points: Any) -> np.ndarray:
    """Distinct utility vectors (ours sit on a 1e-12 grid, NegMAS's are plain float sums)."""
    array = np.unique(np.asarray([[float(x) for x in p] for p in points]), axis=0)
    return array


def same_vectors(ours: Any, theirs: Any) -> bool:
    a, b = vectors(ours), vectors(theirs)
    close = (np.abs(a[:, None, :] - b[None, :, :]) <= 1e-9).all(axis=2)
    return a.shape == b.shape and close.any(axis=1).all() and close.any(axis=0).all()


def among(point: Any, theirs: Any) -> bool:
    return bool((np.abs(vectors(theirs) - np.asarray(point)) <= 1e-9).all(axis=1).any())


@settings(max_examples=40, deadline=None)
@given(st.integers(2, 3), st.integers(1, 4), st.integers(2, 5), st.integers(0, 2**32 - 1))
def test_frontier_nash_and_egalitarian_match_negmas(parties: int, issues: int, options: int,
                                                    seed: int) -> None:
    document = linear_additive_document(issues, options, parties, np.random.default_rng(seed))
    first = load(document)
    worst = {p: sum(u.weights[i] * float(u.values[i].min()) for i in first.issue_ids)
             for p, u in first.utilities.items()}
    for p in document["preferences"]:
        document["preferences"][p]["reservation"] = worst[p]
    scenario = load(document)
    ours = analyze(scenario)
    ufuns, negmas_issues = negmas_ufuns(scenario, ours.parties)
    frontier, _ = ops.pareto_frontier(ufuns, issues=negmas_issues)
    assert same_vectors(ours.frontier.utilities.tolist(), frontier)
    nash = ops.nash_points(ufuns, frontier, issues=negmas_issues)
    assert ours.solutions["nash"] is not None
    assert among(ours.solutions["nash"].utilities, [p for p, _ in nash])
    egalitarian = ops.kalai_points(ufuns, frontier, issues=negmas_issues)
    assert ours.solutions["egalitarian"] is not None
    assert among(ours.solutions["egalitarian"].utilities, [p for p, _ in egalitarian])
