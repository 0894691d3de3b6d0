"""Time-based concession: Boulware, linear and Conceder, and the hardliner who never concedes.

After Faratin, Sierra and Jennings (1998): the party's demand falls with relative time ``t`` from
its best admissible utility ``hi`` to its worst ``lo`` (never below its reservation) as
``target(t) = lo + (hi - lo) * (1 - t ** e)``. The aspiration exponent ``e`` sets the shape:
``e > 1`` holds out until late (Boulware), ``e = 1`` concedes linearly, ``e < 1`` concedes
early (Conceder), ``e = inf`` never concedes (hardliner). The party offers the admissible outcome
with the lowest utility still at or above its target and accepts any admissible offer worth at
least its target (both up to a tolerance of 1e-4, as in NegMAS). The exponents 4, 1 and 0.25
are those NegMAS uses for the same names, so the benchmark compares like with like.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from numpy.typing import NDArray

from redline.negotiate.strategies.base import (
    Moment,
    PartyView,
    State,
    Strategy,
    aspiration,
    truthful_vote,
)


@dataclass(frozen=True)
class TimeBasedConcession(Strategy):
    """Concede with time along ``1 - t ** exponent``; ``spread`` > 0 randomises the offer among
    admissible outcomes up to ``spread`` above the target."""

    exponent: float = 1.0
    spread: float = 0.0
    tolerance: float = 1e-4
    name: ClassVar[str] = "time-based"
    static_votes: ClassVar[bool] = False

    def __post_init__(self) -> None:
        if not self.exponent > 0:
            raise ValueError(f"aspiration exponent must be > 0, got {self.exponent}")

    def target(self, state: State, time: float) -> float:
        ladder = state["ladder"]
        return float(ladder.worst + (ladder.best - ladder.worst) * aspiration(time, self.exponent))

    def propose(self, state: State, view: PartyView, moment: Moment) -> NDArray[np.int64]:
        goal = np.full(len(moment.noise), self.target(state, moment.time) - self.tolerance)
        result: NDArray[np.int64] = state["ladder"].at_least(goal, moment.noise[:, 0],
                                                             self.spread)
        return result

    def accepts(self, state: State, view: PartyView, moment: Moment,
                offer: NDArray[np.int64]) -> NDArray[np.bool_]:
        result: NDArray[np.bool_] = (
            view.utility[offer] >= self.target(state, moment.time) - self.tolerance)
        return result

    def vote(self, state: State, view: PartyView, moment: Moment, current: NDArray[np.int64],
             proposal: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Yes to any improvement, and to a worse text that still meets the current target."""
        still_enough = view.allowed[proposal] & (
            view.utility[proposal] >= self.target(state, moment.time) - self.tolerance)
        result: NDArray[np.bool_] = truthful_vote(view, current, proposal) | still_enough
        return result


@dataclass(frozen=True)
class Boulware(TimeBasedConcession):
    exponent: float = 4.0
    name: ClassVar[str] = "boulware"


@dataclass(frozen=True)
class Linear(TimeBasedConcession):
    exponent: float = 1.0
    name: ClassVar[str] = "linear"


@dataclass(frozen=True)
class Conceder(TimeBasedConcession):
    exponent: float = 0.25
    name: ClassVar[str] = "conceder"


@dataclass(frozen=True)
class Hardliner(TimeBasedConcession):
    """Offers its best admissible outcome every time and accepts nothing worse."""

    exponent: float = math.inf
    name: ClassVar[str] = "hardliner"
    static_votes: ClassVar[bool] = True

    def vote(self, state: State, view: PartyView, moment: Moment, current: NDArray[np.int64],
             proposal: NDArray[np.int64]) -> NDArray[np.bool_]:
        return truthful_vote(view, current, proposal)
