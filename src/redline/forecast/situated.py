"""A forecast of a situation: the model on the issues on the table, read back as a package.

The models work on 0–100 scales (a scenario issue's options in order, see
:func:`redline.forecast.scenario_space.option_scale`). Here a model runs on the *situation*
(:mod:`redline.scenario.situation`): the scenario after the chosen events and influence, so
saliences are the weights after pressure, and only the issues on the agenda move. Issues off the
agenda stay at their status quo and are forecast as such (their trajectory is flat).

The forecast is then read as a *package*: each issue's nearest option on its scale. The package
is checked against the bargaining view of the same situation: which of the parties' outcome red
lines it breaks, and which parties it leaves below their reservation (worse off than no deal).
When a party refuses the agenda there are no talks, and the result says so (``talks: false``):
the numbers are where positions would settle if talks were held.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from redline.forecast.models import forecast
from redline.forecast.result import Forecast
from redline.forecast.scenario_space import from_scenario
from redline.scenario.model import Issue
from redline.scenario.scenario import Scenario
from redline.scenario.situation import (
    Situation,
    below_reservation,
    issue_scale,
    red_line_breaches,
    scale_number,
    situate,
)
from redline.version import __version__


def nearest_option(n_options: int, value: float) -> int:
    """The index of the option whose place on 0–100 is nearest to `value` (ties go up)."""
    if n_options < 2 or value != value:  # one option, or NaN
        return 0
    return int(np.clip(np.floor(value / 100 * (n_options - 1) + 0.5), 0, n_options - 1))


def nearest_place(issue: Issue, value: float) -> int:
    """The option nearest to a 0–100 value: by rank for an issue of options
    (:func:`nearest_option`), by number on a numeric issue's grid."""
    if issue.range is None or value != value:
        return nearest_option(len(issue.options), value)
    return int(np.argmin(np.abs(issue_scale(issue) - value)))


@dataclass(frozen=True)
class SituatedForecast:
    """A model's forecast of a situation, as 0–100 values and as a package of options."""

    forecast: Forecast  # every issue of the scenario; off-agenda issues at their status quo
    situation: Situation
    package: Mapping[str, int]  # issue id -> option index, every issue
    red_line_breaches: tuple[str, ...]
    below_reservation: tuple[str, ...]
    version: str = __version__

    @property
    def talks(self) -> bool:
        """False when a party refuses to negotiate the situation's agenda."""
        return self.situation.talks

    @property
    def acceptable(self) -> bool:
        """Whether every party could sign the package: no red line broken, none below its
        reservation, and talks held."""
        return self.talks and not self.red_line_breaches and not self.below_reservation

    def labels(self) -> dict[str, str]:
        """The forecast package as option labels, by issue."""
        return self.situation.labels(self.package)

    def numbers(self) -> dict[str, float]:
        """The forecast of each numeric issue on the agenda as its number, not snapped to the
        grid (the package, which red lines and reservations are checked on, is)."""
        scenario = self.situation.scenario
        found = {}
        for issue_id, value in zip(self.forecast.issues, self.forecast.outcome, strict=True):
            number = scale_number(scenario.issue(issue_id), float(value))
            if number is not None and issue_id in self.situation.agenda:
                found[issue_id] = round(number, 9)
        return found

    def to_dict(self) -> dict[str, Any]:
        """The `redline-forecast/1` JSON object."""
        return {
            "format": "redline-forecast/1",
            **self.forecast.to_dict(),
            "situation": self.situation.to_dict(),
            "talks": self.talks,
            "package": self.labels(),
            **({"numbers": self.numbers()} if self.numbers() else {}),
            "red_line_breaches": list(self.red_line_breaches),
            "below_reservation": list(self.below_reservation),
            "version": self.version,
        }


def forecast_situation(subject: Situation | Scenario, model: str = "compromise",
                       **parameters: Any) -> SituatedForecast:
    """Run `model` on a situation's agenda and read the result as a package (module docstring).

    A scenario is taken as it is, with every issue on the agenda."""
    current = situate(subject)
    scenario = current.scenario
    space = from_scenario(scenario)
    on_table = [k for k, i in enumerate(space.issues) if i in current.agenda]
    moved = forecast(space.subset(on_table), model, **parameters)
    outcome = space.status_quo.copy()
    trajectory = np.repeat(outcome[None, :], moved.trajectory.shape[0], axis=0)
    outcome[on_table] = moved.outcome
    trajectory[:, on_table] = moved.trajectory
    positions = np.empty((0, 0, 0))
    if moved.positions.size:  # actors keep their own positions on the issues off the table
        positions = np.repeat(space.positions[None, :, :], moved.positions.shape[0], axis=0)
        positions[:, :, on_table] = moved.positions
    whole = Forecast(moved.method, moved.parameters, moved.actors, space.issues, outcome,
                     trajectory, positions, moved.converged, moved.details)
    package = {}
    for k, issue in enumerate(space.issues):
        sq = scenario.issue(issue).status_quo
        if issue not in current.agenda and sq is not None:
            package[issue] = scenario.issue(issue).options.index(sq)
        else:
            package[issue] = nearest_place(scenario.issue(issue), float(outcome[k]))
    return SituatedForecast(whole, current, package, red_line_breaches(current, package),
                            below_reservation(current, package))

