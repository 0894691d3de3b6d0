"""BDM challenge model: replication of Scholz, Calbert & Smith (2011)'s EC emission example."""

from __future__ import annotations

import math

import numpy as np
import pytest

from redline.forecast import bdm, issue_space, random_space, read_actor_table
from redline.forecast.bdm import _win_probability, median_voter, risk_exponents
from redline.forecast.space import ForecastInputError, IssueSpace

PUBLISHED_MEDIANS = [8.4, 9.9, 9.9, 9.9, 9.9, 7.4, 8.8, 9.6]  # rounds 1..8, Q = 1.0
SCHOLZ = {"offer_choice": "scholz", "median_tie": "lower"}  # the replication reading


def truncate(value: float) -> float:
    return math.floor(value * 10 + 1e-9) / 10


def test_emission_standards_replication(shared_data):
    """Tolerance: the paper prints one decimal, truncated (its 9.96 reads 9.9, 7.47 reads 7.4,
    9.67 reads 9.6), so rounds must match exactly after truncation to one decimal. Round 2 is
    the one exception we could not remove: we get 9.61 where the paper has 9.9 (Belgium's
    compromise with France and Italy stops short; see docs/forecast.md); it is held to 0.3 and
    pinned so that any change shows."""
    space = read_actor_table(shared_data / "bdm-emission" / "emission_standards.csv")
    result = bdm(space, rounds=8, q=1.0, **SCHOLZ)
    medians = result.trajectory[1:, 0]
    assert result.trajectory[0, 0] == 7.0  # initial median voter position
    for round_, (ours, published) in enumerate(zip(medians, PUBLISHED_MEDIANS, strict=True), 1):
        assert abs(ours - published) < 0.3, round_
        if round_ != 2:
            assert truncate(ours) == published, round_
    assert medians[1] == pytest.approx(9.611, abs=1e-3)
    # the published BDM forecast (8.833) lies within the range the rounds visit
    assert medians.min() < 8.833 < medians.max()


def test_median_voter_is_the_weighted_median_position():
    x = np.array([4.0, 7.0, 10.0])
    assert median_voter(x, np.array([1.0, 1.0, 1.0])) == 7.0
    assert median_voter(x, np.array([5.0, 1.0, 1.0])) == 4.0


def test_risk_exponents_range_and_extremes():
    rng = np.random.default_rng(4)
    x = rng.uniform(0, 100, 9)
    c, s = rng.uniform(0.1, 1, 9), rng.uniform(0.1, 1, 9)
    r = risk_exponents(x, c, s, float(np.ptp(x)), float(median_voter(x, c * s)), 1.0, 1.0)
    assert np.all(r >= 0.5 - 1e-12) and np.all(r <= 2 + 1e-12)
    assert r.min() == pytest.approx(0.5) and r.max() == pytest.approx(2.0)


def test_positions_stay_within_the_initial_range_and_runs_repeat():
    space = random_space(15, 4, np.random.default_rng(11), missing=0.2)
    first, again = bdm(space), bdm(space)
    assert np.array_equal(first.trajectory, again.trajectory)
    for k in range(space.n_issues):
        keep = space.present[:, k]
        lo, hi = space.positions[keep, k].min(), space.positions[keep, k].max()
        moved = first.positions[:, keep, k]
        assert np.all(moved >= lo - 1e-9) and np.all(moved <= hi + 1e-9)


def test_actor_at_the_median_alone_does_not_move_the_median():
    space = issue_space(["a", "b"], [1, 1], [[30], [30]], [[1], [1]])
    assert bdm(space).outcome[0] == 30
    with pytest.raises(ForecastInputError, match="offer_choice"):
        bdm(space, offer_choice="other")  # type: ignore[arg-type]
    with pytest.raises(ForecastInputError, match="t must be"):
        bdm(space, t="sometimes")  # type: ignore[arg-type]


def reversed_scales(space: IssueSpace, top: float) -> IssueSpace:
    """The same space with every scale read from the other end (x -> top - x)."""
    return IssueSpace(space.actors, space.issues, space.capabilities, top - space.positions,
                      space.saliences, top - space.status_quo, top - space.outcome,
                      space.source, space.issue_names, space.issue_groups)


def deu_like(seed: int) -> IssueSpace:
    """28 actors on 30 issues with DEU's texture: positions on a few scale points (so ties
    between actors are common), saliences in steps of 0.1, a third of the cells blank."""
    rng = np.random.default_rng(seed)
    pos = rng.choice([0.0, 25.0, 50.0, 60.0, 100.0], size=(28, 30))
    sal = rng.choice(np.arange(3, 11) / 10, size=(28, 30))
    blank = rng.random((28, 30)) < 0.35
    blank[:3] = False
    cap = rng.choice([2.0, 4.0, 7.0, 10.0, 29.0], size=28)
    return IssueSpace(tuple(f"A{i}" for i in range(28)), tuple(f"I{k}" for k in range(30)),
                      cap, np.where(blank, np.nan, pos), np.where(blank, np.nan, sal),
                      np.full(30, np.nan), np.full(30, np.nan), "<deu-like>")


@pytest.mark.parametrize("seed", [0, 1, 2])
@pytest.mark.parametrize("options", [{}, {"win_probability": "per_pair"},
                                     {"t": "per_pair", "q": 0.5}, {"q": 0.3, "t": 0.8}],
                         ids=["default", "eq31", "per-pair-T", "q-t"])
def test_reversing_every_scale_mirrors_the_forecast(seed, options):
    space = deu_like(seed)
    ahead, back = bdm(space, **options), bdm(reversed_scales(space, 100.0), **options)
    assert np.allclose(ahead.trajectory, 100.0 - back.trajectory, atol=1e-6, equal_nan=True)
    assert np.allclose(ahead.positions, 100.0 - back.positions, atol=1e-6, equal_nan=True)


def test_the_scholz_reading_is_not_mirror_invariant_and_the_default_is():
    """The data the issue reported: Scholz's lowest-midpoint compromise does not mirror on
    DEU-like data (some issue moves by more than a point), the default does."""
    moved = []
    for seed in range(3):
        space = deu_like(seed)
        ahead, back = bdm(space, **SCHOLZ), bdm(reversed_scales(space, 100.0), **SCHOLZ)
        moved.append(np.abs(ahead.outcome - (100.0 - back.outcome)).max())
    assert max(moved) > 1.0


def test_emission_example_mirrors_by_default(shared_data):
    space = read_actor_table(shared_data / "bdm-emission" / "emission_standards.csv")
    mirrored = reversed_scales(space, 14.0)  # years 4..10 read from 14 down
    ahead, back = bdm(space), bdm(mirrored)
    assert np.allclose(ahead.trajectory[:, 0], 14.0 - back.trajectory[:, 0], atol=1e-9)
    # the replication reading does not mirror (rounds 4-8: 9.96 9.96 7.47 8.83 9.67 vs 10 .. 8.18)
    scholz, scholz_back = bdm(space, **SCHOLZ), bdm(mirrored, **SCHOLZ)
    assert not np.allclose(scholz.trajectory[:, 0], 14.0 - scholz_back.trajectory[:, 0],
                           atol=0.1)
    # the default takes the nearest compromise, as the paper's text says
    assert ahead.trajectory[1:, 0] == pytest.approx(
        [8.416, 9.611, 9.962, 10, 10, 10, 10, 8.179], abs=1e-3)


def test_median_tie_midpoint_is_symmetric():
    x, w = np.array([20.0, 80.0]), np.array([1.0, 1.0])
    assert median_voter(x, w, "lower") == 20.0
    assert median_voter(x, w, "midpoint") == 50.0


def test_eq31_win_probability_is_per_pair():
    """Eq. 31: P(a beats b) + P(b beats a) = 1 for every pair of distinct positions, so the
    figures are of order one half, where the all-pairs normalisation gives tiny numbers."""
    rng = np.random.default_rng(3)
    x = rng.uniform(0, 100, 8)
    cs = rng.uniform(0.1, 1, 8)
    r = np.ones(8)
    pair = _win_probability(x, cs, r, float(np.ptp(x)), "per_pair")
    off = ~np.eye(8, dtype=bool)
    assert np.allclose((pair + pair.T)[off], 1.0)
    grand = _win_probability(x, cs, r, float(np.ptp(x)), "all_pairs")
    assert grand.max() < 0.1 < pair[off].min() + 0.5


def test_per_pair_t_reads_who_is_nearer_the_median():
    """T_ij = 1 when i is nearer the median than j: with q < 1, an actor at the median sees an
    unchallenged change as good for it, so it holds more, and the forecast differs from a
    constant T."""
    space = issue_space(["a", "b", "c", "d"], [1, 1, 1, 1], [[10], [40], [45], [95]],
                        [[0.9], [0.5], [0.6], [0.8]])
    per_pair = bdm(space, q=0.5, t="per_pair")
    assert per_pair.parameters["t"] == "per_pair"
    assert per_pair.trajectory.shape == (9, 1)
    assert bdm(space, q=1.0, t="per_pair").outcome[0] == bdm(space, q=1.0, t=0.3).outcome[0]
