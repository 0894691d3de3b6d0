"""Cross-validation grouped by proposal: folds keep proposals whole, choices are made inside
the folds, and the figures it prints are the out-of-fold ones."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from redline.forecast import MODELS, ForecastInputError, backtest, forecast, random_space
from redline.forecast.crossval import (
    cross_validate,
    grouped_folds,
    grouped_report,
    simplex,
)


def proposals(n_issues: int = 45, seed: int = 0):
    """A synthetic DEU-like space: 15 proposals of 3 issues, a Commission, a Parliament,
    reference points, rules and outcomes near the mean position."""
    rng = np.random.default_rng(seed)
    space = random_space(14, n_issues, rng, missing=0.2)
    outcome = np.clip(np.nanmean(space.positions, axis=0) + rng.normal(0, 10, n_issues), 0, 100)
    return dataclasses.replace(
        space, actors=("com", "ep", *space.actors[2:]), outcome=outcome,
        status_quo=rng.uniform(0, 100, n_issues),
        issue_groups=tuple(f"p{k // 3}" for k in range(n_issues)),
        issue_rules=tuple(("COD QMV", "CNS Unan", "CNS QMV")[k % 3] for k in range(n_issues)))


def test_folds_keep_every_proposal_whole_and_repeat_with_the_seed():
    space = proposals()
    fold = grouped_folds(space.issue_groups, 5, seed=3)
    groups = np.array(space.issue_groups)
    for g in np.unique(groups):
        assert np.unique(fold[groups == g]).size == 1
    assert set(fold.tolist()) == set(range(5))
    assert np.array_equal(fold, grouped_folds(space.issue_groups, 5, seed=3))
    assert not np.array_equal(fold, grouped_folds(space.issue_groups, 5, seed=4))
    with pytest.raises(ForecastInputError, match="folds"):
        grouped_folds(space.issue_groups, 16, seed=0)


@pytest.mark.parametrize("model", sorted(MODELS))
def test_a_fold_forecasts_its_issues_as_the_whole_space_does(model):
    """What lets the cross-validation compute each model once: the forecast of a proposal's
    issues does not depend on the other proposals."""
    space = proposals(seed=1)
    whole = forecast(space, model).outcome
    fold = grouped_folds(space.issue_groups, 3, seed=0) == 1
    part = forecast(space.subset(np.flatnonzero(fold)), model).outcome
    assert np.allclose(part, whole[fold], atol=1e-9)


def test_choosing_inside_the_folds_is_not_flattered_by_the_choice():
    """Forty candidates of pure noise around the truth: the best on all the data looks good
    in-sample; chosen inside the folds, it scores like any other candidate."""
    space = proposals(60, seed=2)
    rng = np.random.default_rng(9)
    noise = {f"c{k}": space.outcome + rng.normal(0, 20, space.n_issues) for k in range(40)}
    candidates = [(name, {}) for name in noise]
    picked = cross_validate(space, candidates, procedure="select", folds=5, repeats=3,
                            forecasts=noise)
    typical = np.mean([np.abs(v - space.outcome).mean() for v in noise.values()])
    assert picked.in_sample_mae < typical - 1.0
    assert picked.mae > picked.in_sample_mae + 1.0
    assert picked.mae > typical - 1.0  # no better than a candidate taken at random


def test_fixed_model_cv_equals_in_sample_and_stack_weights_lie_on_the_simplex():
    space = proposals(seed=3)
    results = [backtest(space, m) for m in ("compromise", "nash", "exchange", "salience-mean",
                                            "procedural")]
    report = grouped_report(space, results, folds=5, repeats=2, seed=1)
    for r in results:
        assert report.models[r.model].mae == pytest.approx(r.mae)
        assert report.models[r.model].in_sample_mae == pytest.approx(r.mae)
    assert report.stack is not None
    assert sum(report.stack.weights.values()) == pytest.approx(1.0)
    assert report.select.mae >= min(r.mae for r in results) - 1e-9
    assert report.to_dict()["select"]["method"] == "grouped-cross-validation"
    grid = simplex(3, 4)
    assert np.allclose(grid.sum(axis=1), 1.0) and len(grid) == 15


def test_procedural_model_follows_the_agenda_setter_and_the_rule():
    """The Commission at 100 against a status quo at 0: it gets as far as the Council's
    pivot allows; under unanimity the member nearest the status quo decides."""
    from redline.forecast import issue_space

    base = issue_space(["com", "ep", "a", "b", "c"], [1, 1, 1, 1, 1],
                       [[100, 100], [80, 80], [10, 10], [30, 30], [60, 60]],
                       [[1, 1]] * 5, status_quo=[0, 0])
    space = dataclasses.replace(base, issue_rules=("COD QMV", "CNS Unan"))
    # QMV at 2/3 of three equal members: b and c must prefer x to 0, so x <= 60
    qmv = forecast(space, "procedural", quota=0.66, members=0.5).outcome
    assert qmv[0] == pytest.approx(60.0)
    # unanimity: a must prefer x to 0, so x <= 20
    assert qmv[1] == pytest.approx(20.0)
    # no agenda setter: nothing to say, the compromise stands in and says so
    stand_in = forecast(space, "procedural", setter="council")
    assert np.allclose(stand_in.outcome, forecast(space, "compromise").outcome)
    assert stand_in.details["fallback"].all()
