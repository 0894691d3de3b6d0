"""Pareto frontier, Nash point and the summary figures, against brute force."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from redline.negotiate import Domain, Setup, reference, simulate, strategy, summarize
from redline.negotiate.measures import nash_point_of, pareto_mask


def brute_pareto(points: np.ndarray, within: np.ndarray) -> np.ndarray:
    n = points.shape[1]
    result = np.zeros(n, dtype=bool)
    for i in range(n):
        if not within[i]:
            continue
        dominated = any(within[j] and (points[:, j] >= points[:, i]).all()
                        and (points[:, j] > points[:, i]).any() for j in range(n))
        result[i] = not dominated
    return result


@given(points=arrays(np.float64, st.tuples(st.integers(2, 3), st.integers(1, 40)),
                     elements=st.sampled_from([0.0, 0.25, 0.5, 0.75, 1.0])),
       data=st.data())
@settings(max_examples=80, deadline=None)
def test_pareto_mask_matches_brute_force(points: np.ndarray, data: st.DataObject) -> None:
    within = np.array(data.draw(st.lists(st.booleans(), min_size=points.shape[1],
                                         max_size=points.shape[1])))
    assert np.array_equal(pareto_mask(points, within), brute_pareto(points, within))


def test_nash_point_is_individually_rational_and_maximal(talks: Domain) -> None:
    nash = nash_point_of(talks.utilities, talks.reservations, talks.agreeable)
    assert nash is not None and talks.agreeable[nash]
    gains = talks.utilities - talks.reservations[:, None]
    products = np.where(talks.agreeable, gains.prod(axis=0), -1)
    assert products[nash] == products.max()
    assert reference(talks).pareto[nash]  # the Nash point is Pareto-optimal
    assert nash_point_of(talks.utilities, talks.reservations + 1.0, talks.agreeable) is None


def test_summary_figures(talks: Domain) -> None:
    landmarks = reference(talks)
    result = simulate(Setup(talks, (strategy("boulware"), strategy("boulware"))), 10, seed=0)
    summary = summarize(result, landmarks, seconds=0.5)
    assert summary.runs == 10 and summary.sessions_per_second == 20.0
    assert summary.agreement_rate == result.agreed.mean()
    assert summary.mean_rounds == result.rounds.mean()
    assert summary.mean_utilities["USA"] == pytest.approx(result.utilities[:, 0].mean())
    points = result.utilities[result.agreed]
    assert summary.nash_distance == pytest.approx(
        np.linalg.norm(points - landmarks.nash, axis=1).mean())
    assert summary.pareto_rate == landmarks.pareto[result.outcome[result.agreed]].mean()
    on_front = landmarks.pareto[result.outcome[result.agreed]]
    if on_front.all():
        assert summary.frontier_distance == pytest.approx(0.0)
    d = summary.to_dict()
    assert d["parameters"]["strategies"] == {"USA": "boulware", "IRN": "boulware"}


def test_simulation_record_is_the_json_contract(talks: Domain) -> None:
    """One builder of `redline-simulation/1`: keys in the documented order, values from the
    summary and the domain."""
    result = simulate(Setup(talks, (strategy("boulware"), strategy("conceder")), rounds=30),
                      12, seed=3)
    summary = summarize(result, reference(talks), seconds=0.25)
    record = summary.record("alternating", talks)
    assert list(record) == [
        "format", "protocol", "runs", "agreement_rate", "mean_rounds", "mean_utilities",
        "nash_distance", "pareto_rate", "off_frontier", "sessions_per_second",
        "frontier_distance", "endings", "strategies", "rounds", "agenda", "refused_by",
        "agreements"]
    assert record["off_frontier"] == pytest.approx(1.0 - summary.pareto_rate)
    assert record["format"] == "redline-simulation/1" and record["protocol"] == "alternating"
    assert record["runs"] == 12 and record["sessions_per_second"] == 48.0
    assert record["agreement_rate"] == summary.agreement_rate
    assert record["mean_utilities"] == dict(summary.mean_utilities)
    assert record["strategies"] == {"USA": "boulware", "IRN": "conceder"}
    assert record["rounds"] == 30 and record["agenda"] == list(talks.issues)
    assert record["refused_by"] == []


@pytest.mark.parametrize("agenda", [
    ("enrichment", "inspections", "stockpile", "sanctions"),
    ("enrichment", "sanctions"),
    ("inspections", "stockpile", "sanctions"),
])
def test_own_landmarks_match_the_bargaining_space(us_iran, agenda) -> None:
    from redline.negotiate import from_scenario, landmarks

    domain = from_scenario(us_iran, agenda)
    ours, space = reference(domain), landmarks(us_iran, domain)
    assert space.method == "space.analyze"
    assert np.array_equal(ours.pareto, space.pareto)
    if ours.nash is None:  # without enrichment on the table the US red line leaves no ZOPA
        assert space.nash is None and not ours.pareto.any()
    else:
        assert np.allclose(ours.nash, space.nash)
    assert np.allclose(np.sort(ours.frontier, axis=0), np.sort(space.frontier, axis=0))
