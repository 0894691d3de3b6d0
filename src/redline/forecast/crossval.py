"""Cross-validation grouped by proposal: how a forecasting procedure fares on cases it has not
seen.

Issues of one DEU proposal share actors, positions and often their fate, so a choice made on
some issues of a proposal leaks into the others: a model chosen (or tuned) on issues and scored
on other issues of the same proposals looks better than it is (the development figures of
earlier waves did not carry over to unseen proposals). Here the folds hold whole proposals
(``IssueSpace.issue_groups``): a proposal's issues are all in the training part or all in the
test part, never on both sides (Hastie, Tibshirani & Friedman, *The Elements of Statistical
Learning*, 2nd ed., section 7.10: everything chosen with the data, model choice included, must
happen inside the folds).

Procedures:

- ``fixed``: one model with fixed parameters. Nothing is learned from the training part, and
  every model forecasts an issue from that issue's actors (the exchange model trades only
  within a proposal, and proposals stay whole), so its grouped-CV error equals its in-sample
  error: the figure is honest only because nothing was chosen by looking at it.
- ``select``: choose, on the training part, the candidate with the lowest MAE; score it on the
  test part (the honest price of picking "the best model" on the development data).
- ``stack``: an ensemble, the weighted mean of the candidates' forecasts with weights on the
  simplex (steps of ``1 / grid``) that minimise the training MAE (stacking, Wolpert 1992;
  Breiman 1996), scored on the test part.

Candidate forecasts are computed once on the whole space and sliced by fold: because every
model forecasts a proposal's issues from that proposal alone, the forecast of a test issue is
the same whether the model ran on the fold or on everything (``tests/forecast/test_crossval.py``
checks it for every model).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from redline.forecast.backtest import Backtest
from redline.forecast.models import forecast
from redline.forecast.space import ForecastInputError, IssueSpace

Procedure = Literal["fixed", "select", "stack"]
Candidate = tuple[str, Mapping[str, Any]]


def label(model: str, parameters: Mapping[str, Any]) -> str:
    """``model(k=v,...)``, or the bare name without parameters."""
    args = ",".join(f"{k}={v}" for k, v in sorted(parameters.items()))
    return f"{model}({args})" if args else model


def grouped_folds(groups: Sequence[str], folds: int, seed: int) -> NDArray[np.int64]:
    """The fold (0 .. folds - 1) of every issue: the groups are shuffled with ``seed`` and dealt
    into ``folds`` parts of near-equal numbers of groups, so a group never straddles two folds."""
    names = np.unique(np.asarray(groups))
    if not 2 <= folds <= names.size:
        raise ForecastInputError(f"grouped cross-validation needs 2 to {names.size} folds (one "
                                 f"proposal at least in each), got {folds}")
    order = np.random.default_rng(seed).permutation(names)
    fold_of = {name: k for k, part in enumerate(np.array_split(order, folds)) for name in part}
    return np.array([fold_of[g] for g in groups], dtype=np.int64)


def candidate_forecasts(space: IssueSpace, candidates: Sequence[Candidate]
                        ) -> dict[str, NDArray[np.float64]]:
    """Each candidate's forecast of every issue (issues with an outcome only)."""
    result = {}
    for model, parameters in candidates:
        outcome = forecast(space, model, **parameters).outcome
        if np.isnan(outcome).any():
            raise AssertionError(f"model {model} gave no forecast for some issue")  # our bug
        result[label(model, parameters)] = outcome
    return result


def simplex(k: int, grid: int) -> NDArray[np.float64]:
    """All weight vectors of ``k`` non-negative multiples of ``1 / grid`` that sum to 1."""
    rows = [c for c in itertools.product(range(grid + 1), repeat=k) if sum(c) == grid]
    return np.array(rows, dtype=float) / grid


def fit(procedure: Procedure, forecasts: NDArray[np.float64], outcome: NDArray[np.float64],
        grid: int) -> NDArray[np.float64]:
    """Weights over the candidates (rows of ``forecasts``) chosen on a training part."""
    k = forecasts.shape[0]
    if procedure == "fixed":
        return np.asarray(np.eye(k)[0])
    if procedure == "select":
        return np.asarray(np.eye(k)[int(np.argmin(np.abs(forecasts - outcome).mean(axis=1)))])
    weights = simplex(k, grid)
    errors = np.abs(weights @ forecasts - outcome).mean(axis=1)
    return np.asarray(weights[int(np.argmin(errors))])


@dataclass(frozen=True)
class CrossValidation:
    """Out-of-fold errors of a procedure, beside its in-sample error on the same issues."""

    procedure: Procedure
    candidates: tuple[str, ...]
    folds: int
    repeats: int
    seed: int
    n: int
    groups: int
    in_sample_mae: float
    mae: float  # mean over repeats of the out-of-fold MAE
    mae_by_repeat: tuple[float, ...]
    weights: Mapping[str, float]  # mean weight of each candidate over all folds and repeats

    def to_dict(self) -> dict[str, Any]:
        """The cross-validation as JSON: procedure, candidates, folds, repeats, seed, in-sample
        MAE beside the grouped out-of-fold MAE (overall and per repeat), and the candidates' mean
        weights."""
        return {"method": "grouped-cross-validation", "procedure": self.procedure,
                "candidates": list(self.candidates), "folds": self.folds,
                "repeats": self.repeats, "seed": self.seed, "n": self.n, "groups": self.groups,
                "in_sample_mae": self.in_sample_mae, "grouped_cv_mae": self.mae,
                "grouped_cv_mae_by_repeat": list(self.mae_by_repeat),
                "weights": dict(self.weights)}


def cross_validate(space: IssueSpace, candidates: Sequence[Candidate], *,
                   procedure: Procedure = "fixed", folds: int = 10, repeats: int = 5,
                   seed: int = 0, grid: int = 10,
                   forecasts: Mapping[str, NDArray[np.float64]] | None = None
                   ) -> CrossValidation:
    """Grouped ``folds``-fold cross-validation, repeated ``repeats`` times with fold seeds
    ``seed, seed + 1, ...``. ``forecasts`` may pass the candidates' forecasts already made
    (:func:`candidate_forecasts`), so several procedures share one run of every model."""
    if not candidates or (procedure == "fixed" and len(candidates) != 1):
        raise ForecastInputError("cross-validation: 'fixed' takes one candidate, 'select' and "
                                 "'stack' one or more")
    known = np.flatnonzero(~np.isnan(space.outcome))
    if known.size == 0:
        raise ForecastInputError(f"{space.source}: no issue has an observed outcome")
    space = space.subset(known)
    made = forecasts if forecasts is not None else candidate_forecasts(space, candidates)
    names = tuple(label(m, p) for m, p in candidates)
    table = np.stack([np.asarray(made[name]) for name in names])
    outcome = space.outcome
    by_repeat, weight_sum = [], np.zeros(len(names))
    for r in range(repeats):
        fold = grouped_folds(space.issue_groups, folds, seed + r)
        predicted = np.empty(outcome.size)
        for k in range(folds):
            test = fold == k
            weights = fit(procedure, table[:, ~test], outcome[~test], grid)
            predicted[test] = weights @ table[:, test]
            weight_sum += weights
        by_repeat.append(float(np.abs(predicted - outcome).mean()))
    in_sample = fit(procedure, table, outcome, grid) @ table
    return CrossValidation(
        procedure, names, folds, repeats, seed, int(outcome.size),
        int(np.unique(np.asarray(space.issue_groups)).size),
        float(np.abs(in_sample - outcome).mean()), float(np.mean(by_repeat)), tuple(by_repeat),
        MappingProxyType({n: float(w) for n, w in
                          zip(names, weight_sum / (folds * repeats), strict=True)}))


STACKED = ("compromise", "nash", "exchange", "salience-mean")
"""The models the ``stack`` row of the backtest combines: the four best on DEU I–III in the
literature (Achen 2006; Thomson et al. 2006) and here; a wider simplex overfits."""


@dataclass(frozen=True)
class GroupedReport:
    """Grouped cross-validation beside the in-sample figures of a set of backtests."""

    models: Mapping[str, CrossValidation]
    select: CrossValidation
    stack: CrossValidation | None

    def to_dict(self) -> dict[str, Any]:
        """The report as JSON: each model's cross-validation, the selection procedure's, and the
        stack's."""
        return {"models": {m: cv.to_dict() for m, cv in self.models.items()},
                "select": self.select.to_dict(),
                "stack": None if self.stack is None else self.stack.to_dict()}


def grouped_report(space: IssueSpace, results: Sequence[Backtest], *, folds: int = 10,
                   repeats: int = 5, seed: int = 0) -> GroupedReport:
    """Each backtested model's grouped-CV MAE (equal to its in-sample MAE: nothing is fitted),
    choosing the best of them inside the folds (``select``), and the stacked ensemble of
    :data:`STACKED` where all four were backtested (``stack``)."""
    known = space.subset(np.flatnonzero(~np.isnan(space.outcome)))
    made = {label(r.model, r.parameters): np.asarray(r.predicted) for r in results}
    candidates = [(r.model, dict(r.parameters)) for r in results]
    folds = min(folds, int(np.unique(np.asarray(known.issue_groups)).size))

    def run(chosen: Sequence[Candidate], procedure: Procedure) -> CrossValidation:
        return cross_validate(known, chosen, procedure=procedure, folds=folds,
                              repeats=repeats, seed=seed, forecasts=made)

    models = {r.model: run([c], "fixed") for r, c in zip(results, candidates, strict=True)}
    stacked = [c for c in candidates if c[0] in STACKED and not c[1]]
    return GroupedReport(models, run(candidates, "select"),
                         run(stacked, "stack") if len(stacked) == len(STACKED) else None)
