"""Compromise (weighted mean/median) and weighted Nash bargaining: baselines and invariants."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redline.forecast import (
    MODELS,
    compromise,
    forecast,
    issue_space,
    nash_bargaining,
    random_space,
    read_deu,
)
from redline.forecast.compromise import weighted_median


def test_deu_baselines_reproduced(shared_data):
    """The published development-file baselines: 23.39 and 27.93 over 246 issues."""
    space, _ = read_deu(shared_data / "deu3" / "deu3-dev.tsv")
    outcome = space.outcome
    sal_mean = forecast(space, "salience-mean").outcome
    median = forecast(space, "median-position").outcome
    assert space.n_issues == 246
    assert np.mean(np.abs(sal_mean - outcome)) == pytest.approx(23.39, abs=0.005)
    assert np.mean(np.abs(median - outcome)) == pytest.approx(27.93, abs=0.005)


@st.composite
def spaces(draw):
    n = draw(st.integers(1, 8))
    m = draw(st.integers(1, 4))
    pos = draw(st.lists(st.lists(st.integers(0, 100), min_size=m, max_size=m),
                        min_size=n, max_size=n))
    sal = draw(st.lists(st.lists(st.floats(0.01, 1), min_size=m, max_size=m),
                        min_size=n, max_size=n))
    cap = draw(st.lists(st.floats(0.01, 10), min_size=n, max_size=n))
    return issue_space([f"a{i}" for i in range(n)], cap, pos, sal)


@settings(max_examples=60, deadline=None)
@given(spaces())
def test_one_shot_models_stay_within_the_positions(space):
    lo, hi = space.positions.min(axis=0), space.positions.max(axis=0)
    for name in ("compromise", "weighted-median", "nash", "salience-mean", "median-position"):
        out = forecast(space, name).outcome
        assert np.all(out >= lo - 0.1) and np.all(out <= hi + 0.1), name


@settings(max_examples=30, deadline=None)
@given(spaces(), st.integers(0, 100))
def test_unanimity_gives_that_position_for_every_model(space, point):
    same = issue_space(space.actors, space.capabilities,
                       np.full(space.positions.shape, float(point)), space.saliences)
    for name in MODELS:
        assert forecast(same, name).outcome == pytest.approx(np.full(same.n_issues, point),
                                                             abs=0.05), name


@settings(max_examples=25, deadline=None)
@given(spaces(), st.data())
def test_every_model_gives_a_finite_forecast_even_with_zero_saliences(space, data):
    zero = data.draw(st.lists(st.booleans(), min_size=space.n_actors, max_size=space.n_actors))
    sal = np.where(np.array(zero)[:, None], 0.0, space.saliences)
    space = issue_space(space.actors, space.capabilities, space.positions, sal)
    lo, hi = space.positions.min(axis=0), space.positions.max(axis=0)
    for name in MODELS:
        out = forecast(space, name).outcome
        assert np.all(np.isfinite(out)), name
        assert np.all(out >= lo - 0.1) and np.all(out <= hi + 0.1), name


def test_weighted_mean_and_median_by_hand():
    space = issue_space(["a", "b", "c"], [1, 1, 2], [[0], [60], [100]], [[1], [0.5], [0.25]])
    # weights 1, 0.5, 0.5
    assert compromise(space).outcome[0] == pytest.approx((0 + 30 + 50) / 2)
    assert compromise(space, statistic="median").outcome[0] == pytest.approx(30)  # tie: midpoint
    assert weighted_median(np.array([[0.0], [10.0], [20.0]]),
                           np.array([[1.0], [1.0], [3.0]]))[0] == 20


def test_nash_symmetric_two_actors_meet_in_the_middle():
    space = issue_space(["a", "b"], [1, 1], [[0], [100]], [[1], [1]])
    assert nash_bargaining(space).outcome[0] == pytest.approx(50)
    # more weight pulls the outcome toward that actor
    heavy = issue_space(["a", "b"], [3, 1], [[0], [100]], [[1], [1]])
    assert nash_bargaining(heavy).outcome[0] < 50


def test_nash_status_quo_disagreement_respects_individual_rationality():
    # b sits at the status quo: nothing is better for b, so the status quo stands
    space = issue_space(["a", "b"], [1, 1], [[100], [0]], [[1], [1]], status_quo=[0])
    assert nash_bargaining(space, disagreement="status_quo").outcome[0] == 0
    # with the status quo between them, the outcome is at or between the status quo and a
    mid = issue_space(["a", "b"], [1, 1], [[100], [40]], [[1], [1]], status_quo=[0])
    assert 40 <= nash_bargaining(mid, disagreement="status_quo").outcome[0] <= 100


def test_results_record_method_parameters_and_serialise():
    space = random_space(6, 3, np.random.default_rng(3))
    result = compromise(space, statistic="median")
    data = result.to_dict()
    assert data["method"] == "compromise" and data["parameters"]["statistic"] == "median"
    assert data["outcome"] == pytest.approx(result.outcome.tolist())
    with pytest.raises(AttributeError):
        result.method = "x"  # frozen
    assert not result.outcome.flags.writeable


def test_missing_actors_are_ignored():
    space = random_space(12, 5, np.random.default_rng(9), missing=0.3)
    full = compromise(space).outcome
    for k in range(space.n_issues):
        keep = space.present[:, k]
        w = space.capabilities[keep] * space.saliences[keep, k]
        assert full[k] == pytest.approx(np.sum(w * space.positions[keep, k]) / w.sum())


def test_every_model_copes_with_actors_missing_on_issues():
    space = random_space(12, 5, np.random.default_rng(21), missing=0.5)
    lo, hi = np.nanmin(space.positions, axis=0), np.nanmax(space.positions, axis=0)
    for name in MODELS:
        out = forecast(space, name).outcome
        assert np.all(np.isfinite(out)), name
        assert np.all(out >= lo - 0.1) and np.all(out <= hi + 0.1), name
