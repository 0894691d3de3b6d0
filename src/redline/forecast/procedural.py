"""The procedural (agenda-setter) model of EU legislation: the Commission proposes, the Council
votes by its rule, the Parliament can veto under co-decision.

Tsebelis, G. & Garrett, G. (2000), "Legislative politics in the European Union", *European
Union Politics* 1(1); Steunenberg, B. (1994), "Decision making under different institutional
arrangements", *Journal of Institutional and Theoretical Economics* 150(4); Crombez, C. (1996),
"Legislative procedures in the European Community", *British Journal of Political Science*
26(2); compared with the other DEU models in Thomson, R., Stokman, F. N., Achen, C. H. &
König, T. (eds.) (2006), *The European Union Decides*, ch. 6–7.

On each issue, with the reference point ``q`` (the status quo, DEU's ``rp``) as the
reversion point and single-peaked linear preferences: the agenda setter (``setter``, DEU's
Commission ``com``) proposes the point nearest its own position that

- the Council adopts: the member states that weakly prefer it to ``q`` hold at least ``quota``
  of the member states' weight (capabilities) and ``members`` of their number, under QMV; all of
  them under unanimity (``Unan`` in the issue's rule). Member states without a position on the
  issue do not vote (the quota is of those that take one);
- under co-decision (``COD`` in the rule) the Parliament (``parliament``, DEU's ``ep``), where
  it takes a position, also weakly prefers it to ``q``.

The Lisbon double majority is 55% of the member states holding 65% of the population; DEU's
capabilities are GDP-based, so ``quota=0.65`` of capability is an approximation of the
population test. Where the issue has no reference point, or the setter no position (or there
is no actor named ``setter``, as in most redline scenarios), the model has nothing to say and
gives the compromise (weighted mean) instead; ``details["fallback"]`` marks those issues.
Where no point beats ``q`` for the required majority, ``q`` stands (the setter cannot move the
law).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from redline.forecast.compromise import compromise
from redline.forecast.result import Forecast
from redline.forecast.space import SCALE, ForecastInputError, IssueSpace

GRID = np.linspace(0.0, SCALE, 1001)
"""Candidate proposals: the scale in steps of 0.1."""


def acceptable(positions: NDArray[np.float64], weights: NDArray[np.float64], q: float,
               quota: float, members: float) -> NDArray[np.bool_]:
    """(GRID,): the points a set of voters adopts against the reversion point ``q`` when it
    needs ``quota`` of the weight and ``members`` of the voters to weakly prefer them."""
    if positions.size == 0:
        return np.ones(GRID.size, dtype=bool)
    prefer = np.abs(positions[None, :] - GRID[:, None]) <= np.abs(positions - q)[None, :] + 1e-9
    weight_ok = (prefer * weights).sum(axis=1) >= quota * weights.sum() - 1e-9
    count_ok = prefer.sum(axis=1) >= members * positions.size - 1e-9
    result: NDArray[np.bool_] = weight_ok & count_ok
    return result


def procedural(space: IssueSpace, *, setter: str = "com", parliament: str = "ep",
               quota: float = 0.65, members: float = 0.55) -> Forecast:
    """The agenda setter's proposal that the Council (and, under co-decision, the Parliament)
    adopts against the reference point, issue by issue."""
    if not (0 < quota <= 1 and 0 <= members <= 1):
        raise ForecastInputError("procedural: quota must lie in (0, 1] and members in [0, 1]. "
                                 "Fix: e.g. quota=0.65, members=0.55")
    council = np.array([a not in (setter, parliament) for a in space.actors])
    fallback = compromise(space).outcome
    present = space.present
    s = space.actors.index(setter) if setter in space.actors else None
    p = space.actors.index(parliament) if parliament in space.actors else None
    outcome = np.empty(space.n_issues)
    fell_back = np.zeros(space.n_issues, dtype=bool)
    for k in range(space.n_issues):
        q = space.status_quo[k]
        if s is None or np.isnan(q) or not present[s, k]:
            outcome[k], fell_back[k] = fallback[k], True
            continue
        rule = space.issue_rules[k].upper().split()
        voters = council & present[:, k]
        unanimity = "UNAN" in rule
        ok = acceptable(space.positions[voters, k], space.capabilities[voters], q,
                        1.0 if unanimity else quota, 1.0 if unanimity else members)
        if "COD" in rule and p is not None and present[p, k]:
            ok &= np.abs(space.positions[p, k] - GRID) <= abs(space.positions[p, k] - q) + 1e-9
        ideal = space.positions[s, k]
        outcome[k] = GRID[ok][np.argmin(np.abs(GRID[ok] - ideal))] if ok.any() else q
    return Forecast("procedural", {"setter": setter, "parliament": parliament, "quota": quota,
                                   "members": members},
                    space.actors, space.issues, outcome, outcome[None, :],
                    details={"fallback": fell_back})
