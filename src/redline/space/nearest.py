"""The package every party can accept that lies nearest to a target: reconciling a forecast with
the bargaining space of the same situation.

A forecasting model places each issue on a 0–100 scale (options in order, evenly spaced) and
knows nothing of red lines or reservations; the bargaining view knows which packages every party
can accept (the ZOPA: within every party's red lines, each at least at its reservation). The
*nearest acceptable package* to a target (one 0–100 value per issue on the agenda) is the ZOPA
member with the least mean absolute distance to it on those scales; ties go to the larger Nash
product, then to the first package in option order. The search visits every outcome of the
agenda when there are at most `max_outcomes`, else only the Pareto frontier (said in
``searched``), which holds the nearest acceptable package whenever it is efficient.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from redline.limits import MAX_OUTCOMES
from redline.scenario import Scenario
from redline.scenario.situation import Situation, issue_scale, situate
from redline.space.analysis import RATIONALITY_SLACK, Package, analyze, applied_rules
from redline.space.outcomes import outcome_space
from redline.version import __version__

DEFAULT_MAX_OUTCOMES = MAX_OUTCOMES


@dataclass(frozen=True)
class Nearest:
    """The nearest acceptable package to a target, or None when no package is acceptable."""

    package: Package | None
    distance: float | None  # mean absolute distance on the 0–100 scales, over the agenda
    target: Mapping[str, float]
    searched: str  # "every outcome" or "the Pareto frontier"
    talks: bool
    method: str = "nearest-acceptable"
    parameters: Mapping[str, Any] = field(default_factory=dict)
    version: str = __version__

    def to_dict(self) -> dict[str, Any]:
        """The result as JSON: the nearest acceptable package, its distance from the target, the
        target, how many packages were searched and whether talks are possible."""
        return {"package": None if self.package is None else self.package.to_dict(),
                "distance": self.distance, "target": dict(self.target),
                "searched": self.searched, "talks": self.talks, "method": self.method,
                "parameters": dict(self.parameters), "version": self.version}


def nearest_acceptable(subject: Situation | Scenario, target: Mapping[str, float], *,
                       max_outcomes: int = DEFAULT_MAX_OUTCOMES) -> Nearest:
    """The ZOPA package nearest to `target` (see the module docstring)."""
    current = situate(subject)
    scenario = current.scenario
    wanted = {i: float(target[i]) for i in current.agenda if i in target}
    params = {"max_outcomes": max_outcomes}
    if not current.talks:
        return Nearest(None, None, wanted, "nothing (no talks)", False, parameters=params)
    space = outcome_space(scenario, current.agenda)
    if space.size <= max_outcomes:
        searched = "every outcome"
        options = space.full_options(space.decode(np.arange(space.size, dtype=np.int64)))
        utilities = space.grid_utilities()
        admitted = np.ones(space.size, dtype=bool)
        for rule in applied_rules(scenario, space.parties):
            admitted &= space.rule_mask(rule)
    else:
        searched = "the Pareto frontier"
        frontier = analyze(current, max_outcomes=max_outcomes, method="merge").frontier
        options, utilities = frontier.options, frontier.utilities
        admitted = np.ones(len(options), dtype=bool)
    reservations = np.array([current.reservations[p] for p in space.parties])
    admitted &= (utilities >= reservations - RATIONALITY_SLACK).all(axis=1)
    if not admitted.any():
        return Nearest(None, None, wanted, searched, True, parameters=params)
    columns = {i: scenario.issue_ids.index(i) for i in wanted}
    distance = np.zeros(len(options))
    for issue, value in wanted.items():
        distance += np.abs(issue_scale(scenario.issue(issue))[options[:, columns[issue]]] - value)
    distance /= max(1, len(wanted))
    nash = np.prod(np.maximum(utilities - reservations, 0.0), axis=1)
    rows = np.flatnonzero(admitted)
    best = rows[np.lexsort((rows, -nash[rows], np.round(distance[rows], 9)))[0]]
    chosen = [int(k) for k in options[best]]
    package = Package({i.id: i.options[k] for i, k in zip(scenario.issues, chosen, strict=True)},
                      {p: round(float(u), 12) for p, u in zip(space.parties, utilities[best],
                                                              strict=True)})
    return Nearest(package, round(float(distance[best]), 9), wanted, searched, True,
                   parameters=params)
