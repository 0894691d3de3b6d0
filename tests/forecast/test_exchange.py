"""Equal-gain exchange model."""

from __future__ import annotations

import numpy as np
import pytest

from redline.forecast import compromise, exchange, issue_space, random_space
from redline.forecast.exchange import _candidates


def trade_space():
    # a cares about issue 0, b about issue 1; they sit on opposite sides of both outcomes
    return issue_space(["a", "b", "c"], [1, 1, 1],
                       [[100, 100], [0, 0], [50, 50]],
                       [[0.9, 0.1], [0.1, 0.9], [0.5, 0.5]])


def test_exchange_gains_are_equal_and_positive():
    space = trade_space()
    x, s, c = space.positions, space.saliences, space.capabilities
    outcome = compromise(space).outcome
    total = (c[:, None] * s).sum(axis=0)
    i, j, gain, a, b = _candidates(x, s, c, space.present, outcome, total, 0, 1)
    assert (i.tolist(), j.tolist()) == ([0], [1])  # a gains on 0, gives on 1
    gain_a = s[0, 0] * a[0] - s[0, 1] * b[0]
    gain_b = s[1, 1] * b[0] - s[1, 0] * a[0]
    assert gain_a == pytest.approx(gain_b) == pytest.approx(gain[0])
    assert gain[0] > 0


def test_exchange_moves_outcomes_toward_the_actors_who_care():
    space = trade_space()
    before = compromise(space).outcome
    after = exchange(space)
    assert after.details["exchanges_per_round"] == [1]
    assert after.outcome[0] > before[0] and after.outcome[1] < before[1]
    # utility (salience-weighted closeness to the outcome) rises for both traders
    def utility(i, out):
        return -np.sum(space.saliences[i] * np.abs(space.positions[i] - out))
    assert utility(0, after.outcome) > utility(0, before)
    assert utility(1, after.outcome) > utility(1, before)


def test_no_trade_without_a_second_issue_or_across_groups():
    one = issue_space(["a", "b"], [1, 1], [[0], [100]], [[1], [1]])
    assert exchange(one).details["exchanges_per_round"] == [0]
    space = trade_space()
    split = type(space)(space.actors, space.issues, space.capabilities, space.positions,
                        space.saliences, space.status_quo, space.outcome,
                        issue_groups=("p1", "p2"))
    assert exchange(split).outcome == pytest.approx(compromise(space).outcome)


def test_exchange_is_deterministic_and_stays_in_range():
    space = random_space(25, 6, np.random.default_rng(8), missing=0.1)
    a, b = exchange(space, rounds=3), exchange(space, rounds=3)
    assert np.array_equal(a.trajectory, b.trajectory)
    lo, hi = np.nanmin(space.positions, axis=0), np.nanmax(space.positions, axis=0)
    assert np.all(a.outcome >= lo) and np.all(a.outcome <= hi)
