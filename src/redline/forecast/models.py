"""The registry of forecasting models by name, and running a model on any issue space."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np

from redline.forecast.bdm import bdm
from redline.forecast.compromise import Weighting, compromise
from redline.forecast.council_votes import procedural_nice
from redline.forecast.exchange import exchange
from redline.forecast.nash import nash_bargaining
from redline.forecast.procedural import procedural
from redline.forecast.result import Forecast
from redline.forecast.scenario_space import from_scenario
from redline.forecast.smp import smp
from redline.forecast.smp_issues import smp_issues
from redline.forecast.smp_rules import Switches
from redline.forecast.space import ForecastInputError, IssueSpace
from redline.scenario import Scenario


def _salience_mean(space: IssueSpace) -> Forecast:
    """Baseline: salience-weighted mean with equal capabilities."""
    result = compromise(space.with_capabilities(np.ones(space.n_actors)), weighting="salience")
    return _renamed(result, "salience-mean")


def _median_position(space: IssueSpace) -> Forecast:
    """Baseline: the plain median of the actors' positions."""
    return _renamed(compromise(space, statistic="median", weighting="equal"), "median-position")


def _weighted_median(space: IssueSpace, *, weighting: Weighting = "capability*salience"
                     ) -> Forecast:
    return _renamed(compromise(space, statistic="median", weighting=weighting),
                    "weighted-median")


def _renamed(result: Forecast, name: str) -> Forecast:
    return Forecast(name, {"via": result.method, **result.parameters}, result.actors,
                    result.issues, result.outcome, result.trajectory, result.positions,
                    result.converged, result.details)


def _smp_any(space: IssueSpace, *, max_turns: int = 100, stop_fraction: float = 0.02,
             transitions: Literal["deterministic", "stochastic"] = "deterministic",
             seed: int = 0, **switches: str) -> Forecast:
    """SMP on the whole space when complete, else issue by issue on the actors present
    (stacked for KTAB's default switches, :mod:`smp_issues`; one ``smp`` run per issue with
    other switches)."""
    params: dict[str, Any] = {"max_turns": max_turns, "stop_fraction": stop_fraction,
                              "transitions": transitions, "seed": seed, **switches}
    chosen = Switches(transitions=transitions, **switches)  # type: ignore[arg-type]
    if np.all(space.present):
        return smp(space, **params)
    outcome = np.full(space.n_issues, np.nan)
    taken = [k for k in range(space.n_issues) if space.present[:, k].any()]
    subs = []
    for k in taken:
        who = np.flatnonzero(space.present[:, k])
        subs.append(IssueSpace(tuple(space.actors[i] for i in who), (space.issues[k],),
                               space.capabilities[who], space.positions[who][:, [k]],
                               space.saliences[who][:, [k]], space.status_quo[[k]],
                               space.outcome[[k]], space.source))
    if chosen.is_default:
        runs = [run.trajectory[:, 0] for run in smp_issues(
            subs, max_turns=max_turns, stop_fraction=stop_fraction,
            stochastic=transitions == "stochastic", seed=seed)]
    else:
        runs = [smp(sub, **params).trajectory[:, 0] for sub in subs]
    length = max((len(r) for r in runs), default=1)
    trajectory = np.full((length, space.n_issues), np.nan)
    for k, run in zip(taken, runs, strict=True):
        outcome[k] = run[-1]
        trajectory[:, k] = np.concatenate([run, np.repeat(run[-1], length - len(run))])
    return Forecast("smp", {**params, **chosen.to_dict(), "per_issue": True}, space.actors,
                    space.issues, outcome, trajectory)


def _ensemble(space: IssueSpace, *, members: str = "compromise,nash") -> Forecast:
    """The plain mean of several models' forecasts (comma-separated names, default
    parameters): forecast combination, Bates & Granger (1969); no weight is fitted."""
    names = [m.strip() for m in members.split(",") if m.strip()]
    if len(names) < 2 or any(m not in MODELS or m == "ensemble" for m in names):
        raise ForecastInputError(f"ensemble: members {members!r} must name two or more models "
                                 f"among {', '.join(m for m in MODELS if m != 'ensemble')}")
    outcome = np.mean([MODELS[m](space).outcome for m in names], axis=0)
    return Forecast("ensemble", {"members": ",".join(names)}, space.actors, space.issues,
                    outcome, outcome[None, :])


MODELS: dict[str, Callable[..., Forecast]] = {
    "compromise": compromise,
    "weighted-median": _weighted_median,
    "bdm": bdm,
    "smp": _smp_any,
    "exchange": exchange,
    "nash": nash_bargaining,
    "salience-mean": _salience_mean,
    "median-position": _median_position,
    "procedural": procedural,
    "procedural-nice": procedural_nice,
    "ensemble": _ensemble,
}
"""Model name -> function(space, **parameters) -> Forecast."""


def forecast(space: IssueSpace, model: str = "compromise", **parameters: Any) -> Forecast:
    """Run the named model (see ``MODELS``) on an issue space."""
    try:
        run = MODELS[model]
    except KeyError:
        raise ForecastInputError(f"unknown model {model!r}. Fix: use one of "
                                 f"{', '.join(MODELS)}") from None
    return run(space, **parameters)  # a parameter it cannot use: its ForecastInputError


@dataclass(frozen=True)
class ForecastMeasure:
    """A model as a Monte Carlo measure: ``measure(scenario, rng) -> {issue: forecast}``.

    Picklable, so :func:`redline.uncertainty.montecarlo.run` can fan it out on any engine.
    Each drawn scenario is read with :func:`from_scenario`; ``rng`` seeds the model's own
    randomness (only SMP with stochastic transitions has any).
    """

    model: str = "compromise"
    parameters: tuple[tuple[str, Any], ...] = ()

    def __post_init__(self) -> None:
        if self.model not in MODELS:
            raise ForecastInputError(f"unknown model {self.model!r}. Fix: use one of "
                                     f"{', '.join(MODELS)}")

    def __call__(self, scenario: Scenario, rng: np.random.Generator) -> dict[str, float]:
        params = dict(self.parameters)
        if params.get("transitions") == "stochastic":
            params["seed"] = int(rng.integers(2**31))
        result = forecast(from_scenario(scenario), self.model, **params)
        return result.by_issue()
