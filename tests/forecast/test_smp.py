"""Spatial model of politics: comparison with KTAB's reference run on SOE-Pol-Comp."""

from __future__ import annotations

import numpy as np
import pytest

from redline.errors import RedlineError
from redline.forecast import forecast, random_space, read_deu, read_ktab_csv, smp, smp_issues
from redline.forecast.smp import condorcet_probabilities, risk_attitudes, risk_utility, values
from redline.forecast.space import ForecastInputError, IssueSpace

from .ktab_log import first_turn, position_history, win_probability_history

LOG = "20170530_ref-SOE-Pol-Comp.txt"


@pytest.fixture
def soe(shared_data):
    folder = shared_data / "ktab-soe"
    return read_ktab_csv(folder / "SOE-Pol-Comp.csv"), folder / LOG


def test_first_turn_matches_ktab_to_printed_precision(soe):
    """KTAB prints values and risk attitudes to 3 decimals, utilities to 4: we must agree to
    half a unit of the last printed digit (plus float slack)."""
    space, log = soe
    ref = first_turn(log, space.n_actors)
    v = values(space.positions / 100, space.saliences)
    r = risk_attitudes(v, space.capabilities)
    assert np.abs(v - ref["values"]).max() <= 5e-4 + 1e-9
    assert np.abs(r - ref["risk"]).max() <= 5e-4 + 1e-9
    assert np.abs(risk_utility(v, r) - ref["utility"]).max() <= 5e-5 + 1e-9
    estimate = risk_utility(v, (2 * r[1] + r) / 3)  # actor 1's estimate ("OneThird")
    assert np.abs(estimate - ref["estimate_by_1"]).max() <= 5e-5 + 1e-9


def test_positions_per_turn_match_ktab_reference_run(soe):
    """Every actor's position in every one of KTAB's 28 states, to the log's printed
    precision (one decimal, so 0.05), and the same number of turns (27) before stopping."""
    space, log = soe
    names, history = position_history(log)
    assert names == list(space.actors) and history.shape == (28, 13, 2)
    ours = smp(space)
    assert ours.converged and ours.rounds == history.shape[0] - 1
    assert np.abs(ours.positions - history).max() <= 0.05 + 1e-9


def test_winning_probabilities_per_turn_match_ktab(soe):
    """KTAB prints each actor's chance of winning per state to 4 decimals."""
    space, log = soe
    reference = win_probability_history(log)
    ours = smp(space).details["win_probabilities"]
    assert ours.shape == reference.shape
    assert np.abs(ours - reference).max() <= 5e-5 + 1e-9


def test_condorcet_probabilities_by_hand():
    # two options, one voter per side: strength = weight x utility gap
    u = np.array([[1.0, 0.0], [0.0, 1.0]])
    p = condorcet_probabilities(u, np.array([3.0, 1.0]))
    assert p == pytest.approx([0.75, 0.25])
    # identical options split evenly
    assert condorcet_probabilities(np.ones((3, 2)), np.ones(3)) == pytest.approx([0.5, 0.5])


def test_deterministic_ignores_seed_stochastic_repeats_with_it():
    space = random_space(20, 3, np.random.default_rng(5))
    assert np.array_equal(smp(space, seed=1).positions, smp(space, seed=99).positions)
    one = smp(space, transitions="stochastic", seed=1)
    again = smp(space, transitions="stochastic", seed=1)
    other = smp(space, transitions="stochastic", seed=2)
    assert np.array_equal(one.positions, again.positions)
    assert not np.array_equal(one.positions, other.positions)
    lo, hi = space.positions.min(axis=0), space.positions.max(axis=0)
    for run in (one, smp(space)):
        assert np.all(run.positions >= lo - 1e-9) and np.all(run.positions <= hi + 1e-9)


def test_smp_needs_complete_data():
    space = random_space(6, 2, np.random.default_rng(2), missing=0.5)
    with pytest.raises(RedlineError, match="every actor's position"):
        smp(space)


def _one_issue_runs(space, **params):
    """The reference: smp() on each issue alone, with the actors present on it."""
    runs = []
    for k in range(space.n_issues):
        who = np.flatnonzero(space.present[:, k])
        sub = IssueSpace(tuple(space.actors[i] for i in who), (space.issues[k],),
                         space.capabilities[who], space.positions[who][:, [k]],
                         space.saliences[who][:, [k]], space.status_quo[[k]],
                         space.outcome[[k]], space.source)
        runs.append(smp(sub, **params))
    return runs


@pytest.mark.parametrize("transitions", ["deterministic", "stochastic"])
def test_stacked_issues_equal_one_issue_runs_bit_for_bit(transitions, monkeypatch):
    """Issues of equal size are run stacked (smp_issues); every turn of every issue must be
    exactly what smp() gives on that issue alone, with sizes from 1 to 14 actors mixed, and
    the O(n^3) step split into blocks of several issues (a small block size forces that)."""
    monkeypatch.setattr(smp_issues, "CHUNK", 1 << 12)
    space = random_space(14, 40, np.random.default_rng(8), missing=0.45)
    assert len(set(space.present.sum(axis=0))) > 5  # several stacks of different sizes
    stacked = forecast(space, "smp", transitions=transitions, seed=3)
    for k, alone in enumerate(_one_issue_runs(space, transitions=transitions, seed=3)):
        run = alone.trajectory[:, 0]
        assert stacked.outcome[k] == run[-1]
        assert np.array_equal(stacked.trajectory[: len(run), k], run)
        assert np.all(stacked.trajectory[len(run):, k] == run[-1])


def test_stacked_issues_equal_one_issue_runs_on_deu(shared_data):
    """The DEU backtest runs SMP on 246 one-dimensional issues: stacked, the forecasts are
    exactly those of smp() issue by issue (every sixth issue, to stay quick)."""
    space, _ = read_deu(shared_data / "deu3" / "deu3-dev.tsv")
    part = space.subset(np.arange(0, space.n_issues, 6))
    stacked = forecast(part, "smp")
    for k, alone in enumerate(_one_issue_runs(part)):
        assert stacked.outcome[k] == alone.outcome[0]
        assert np.array_equal(stacked.trajectory[: alone.rounds + 1, k], alone.trajectory[:, 0])


def test_stacked_issues_check_their_parameters():
    space = random_space(5, 3, np.random.default_rng(1), missing=0.3)
    # A parameter the model cannot use is the user's mistake: one ForecastInputError.
    with pytest.raises(ForecastInputError, match="max_turns"):
        forecast(space, "smp", max_turns=0)
    with pytest.raises(ForecastInputError, match="transitions"):
        forecast(space, "smp", transitions="random")
    with pytest.raises(ForecastInputError, match="voting_rule must be one of"):
        forecast(space, "smp", voting_rule="loudest")
