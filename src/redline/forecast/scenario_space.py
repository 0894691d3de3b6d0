"""A redline scenario as an issue space: options in order on 0–100 (a numeric issue's grid in
proportion to its numbers), each actor at its best."""

from __future__ import annotations

import numpy as np

from redline.forecast.space import ForecastInputError, IssueSpace
from redline.scenario import Scenario, load, point
from redline.scenario.situation import issue_scale


def from_scenario(scenario: Scenario | str) -> IssueSpace:
    """Actors with preferences, placed at their best option on every issue.

    Salience is the actor's normalised weight of the issue, capability ``point(actor.power)``.
    An actor indifferent between all options of an issue takes no position on it. Ties between
    best options are broken toward the first in the issue's order. The status quo is the
    position of the issue's ``status_quo`` option where one is given.
    """
    scenario = load(scenario)
    issues = scenario.issues
    actors = [a for a in scenario.actors if a.id in scenario.utilities]
    if not actors:
        raise ForecastInputError(f"{scenario.origin}: no actor has preferences, so no actor "
                                 "has a position to forecast from. Fix: add `preferences`")
    pos = np.full((len(actors), len(issues)), np.nan)
    sal = np.zeros((len(actors), len(issues)))
    for i, actor in enumerate(actors):
        utility = scenario.utilities[actor.id]
        for k, issue in enumerate(issues):
            values = np.asarray(utility.values[issue.id], dtype=float)
            sal[i, k] = utility.weights.get(issue.id, 0.0)
            if values.size and np.ptp(values) > 0:
                pos[i, k] = issue_scale(issue)[int(np.argmax(values))]
    sq = np.full(len(issues), np.nan)
    for k, issue in enumerate(issues):
        if issue.status_quo is not None:
            sq[k] = issue_scale(issue)[list(issue.options).index(issue.status_quo)]
    return IssueSpace(
        actors=tuple(a.id for a in actors), issues=tuple(i.id for i in issues),
        capabilities=np.array([point(a.power) for a in actors]), positions=pos,
        saliences=np.where(np.isnan(pos), np.nan, sal), status_quo=sq,
        outcome=np.full(len(issues), np.nan), source=scenario.origin,
        issue_names=tuple(i.name for i in issues))
