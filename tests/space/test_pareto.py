"""Pareto frontiers and the staircase pre-filter against brute force."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from redline.space.pareto import pareto_mask, staircase


def brute_force(points: np.ndarray) -> np.ndarray:
    ge = (points[None, :, :] >= points[:, None, :]).all(axis=2)
    gt = (points[None, :, :] > points[:, None, :]).any(axis=2)
    return ~(ge & gt).any(axis=1)


def point_sets(max_parties: int = 5) -> st.SearchStrategy[np.ndarray]:
    # Few distinct values: many ties and equal vectors.
    return st.tuples(st.integers(1, 80), st.integers(1, max_parties), st.integers(1, 6)).flatmap(
        lambda t: arrays(np.int64, (t[0], t[1]), elements=st.integers(0, t[2])))


@settings(max_examples=300, deadline=None)
@given(point_sets())
def test_frontier_is_exactly_the_undominated_points(points: np.ndarray) -> None:
    assert np.array_equal(pareto_mask(points), brute_force(points))


@settings(max_examples=100, deadline=None)
@given(point_sets(4))
def test_float_and_integer_points_agree(points: np.ndarray) -> None:
    assert np.array_equal(pareto_mask(points / 7.0), pareto_mask(points))


def test_three_parties_large_random_set_against_brute_force() -> None:
    rng = np.random.default_rng(11)
    points = rng.integers(0, 40, size=(1500, 3))
    assert np.array_equal(pareto_mask(points), brute_force(points))


def test_equal_vectors_all_stay_on_the_frontier() -> None:
    points = np.array([[3, 1, 2], [3, 1, 2], [1, 3, 2], [1, 1, 1]])
    assert pareto_mask(points).tolist() == [True, True, True, False]


@settings(max_examples=300, deadline=None)
@given(point_sets(), st.integers(2, 5000), st.integers(0, 2**32 - 1))
def test_staircase_never_drops_a_frontier_point(points: np.ndarray, cells: int, seed: int) -> None:
    rng = np.random.default_rng(seed)
    reference = points[rng.random(len(points)) < 0.5]
    low = np.zeros(points.shape[1], dtype=np.int64)
    high = np.full(points.shape[1], 6, dtype=np.int64)
    dropped = staircase(reference, low, high, cells).dominates(np.ascontiguousarray(points.T))
    assert not (dropped & brute_force(points)).any()


def test_staircase_drops_points_well_inside_the_frontier() -> None:
    rng = np.random.default_rng(3)
    for parties in (1, 2, 3, 4):
        points = rng.integers(0, 10**9, size=(5_000, parties))
        reference = points[pareto_mask(points)]
        low, high = np.zeros(parties, dtype=np.int64), np.full(parties, 10**9, dtype=np.int64)
        dropped = staircase(reference, low, high).dominates(np.ascontiguousarray(points.T))
        assert dropped.mean() > 0.9, parties  # most of a random cloud is far from its frontier
        assert not dropped[pareto_mask(points)].any()
