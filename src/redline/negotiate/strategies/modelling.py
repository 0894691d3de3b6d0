"""The Pareto seeker: concede on one's own terms, but offer what the other side seems to want.

The party knows its own preferences and learns the other side's from its offers with a
frequency model (as in the HardHeaded agent of van Krimpen, Looije and Hajizadeh, winner of
ANAC 2011): an option the other side offers often is taken to be worth more to it, and an issue
it rarely changes between offers is taken to weigh more. Its demand falls with time like a
time-based concession (``1 - t ** exponent`` of the way from best to worst admissible
utility); among the ``breadth`` admissible outcomes just at or above its demand (nearly the
same utility for itself) it offers the one the model rates highest for the other side, so its
offers sit near the Pareto frontier instead of trading value away at random.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from numpy.typing import NDArray

from redline.negotiate.strategies.base import (
    Clock,
    Ladder,
    Moment,
    PartyView,
    State,
    Strategy,
    aspiration,
)


def frequency_model(view: PartyView, batch: int) -> State:
    """A fresh frequency model of the other side: option counts, steadiness per issue, and the
    previous offer seen (-1: none yet)."""
    grid = view.domain.grid
    width = int(grid.max()) + 1 if grid.size else 1
    return {"counts": np.zeros((batch, grid.shape[1], width)),
            "steady": np.zeros((batch, grid.shape[1])),
            "previous": np.full(batch, -1, dtype=np.int64)}


def observe(state: State, view: PartyView, offer: NDArray[np.int64]) -> None:
    """Count the options of an offer the other side made, and which issues it kept."""
    grid = view.domain.grid
    rows = np.arange(len(offer))
    seen = grid[offer]
    for i in range(grid.shape[1]):
        state["counts"][rows, i, seen[:, i]] += 1.0
    previous = state["previous"]
    known = previous >= 0
    state["steady"] += (grid[np.maximum(previous, 0)] == seen) & known[:, None]
    state["previous"] = offer.copy()


def opponent_value(state: State, view: PartyView,
                   outcomes: NDArray[np.int64]) -> NDArray[np.float64]:
    """(batch, len(outcomes)): the modelled utility of those outcomes for the other side, in
    [0, 1] (issue weights from steadiness, option values from counts)."""
    grid = view.domain.grid[outcomes]
    counts = state["counts"]
    weights = 1.0 + state["steady"]
    weights = weights / weights.sum(axis=1, keepdims=True)
    peak = np.maximum(counts.max(axis=2, keepdims=True), 1.0)
    values = counts / peak
    total = np.zeros((counts.shape[0], grid.shape[0]))
    for i in range(grid.shape[1]):
        total += weights[:, i:i + 1] * values[:, i, :][:, grid[:, i]]
    return total


@dataclass(frozen=True)
class ParetoSeeker(Strategy):
    """Concedes with time like a time-based tactic and, among the ``breadth`` outcomes just above
    its demand, offers the one a frequency model of the other side rates best (HardHeaded, ANAC
    2011)."""
    exponent: float = 2.0
    tolerance: float = 1e-4
    breadth: float = 256  # how many outcomes just above its demand it chooses among
    clock: Clock = "deadline"
    name: ClassVar[str] = "pareto"

    def start(self, view: PartyView, batch: int) -> State:
        """A fresh state: the party's ladder and an empty frequency model per session."""
        return {"ladder": Ladder.of(view), **frequency_model(view, batch)}

    def target(self, state: State, time: float) -> float:
        """The utility demanded at ``time``: worst + (best - worst) (1 - time ** exponent)."""
        ladder: Ladder = state["ladder"]
        return float(ladder.worst + (ladder.best - ladder.worst) * aspiration(time, self.exponent))

    def estimate(self, state: State, view: PartyView,
                 outcomes: NDArray[np.int64]) -> NDArray[np.float64]:
        """(batch, len(outcomes)): the modelled utility of those outcomes for the other side."""
        return opponent_value(state, view, outcomes)

    def propose(self, state: State, view: PartyView, moment: Moment) -> NDArray[np.int64]:
        """Per session, among the ``breadth`` outcomes at or just above the demand, the one the
        frequency model rates best for the other side (near ties go to the outcome worth less to
        the party itself)."""
        ladder: Ladder = state["ladder"]
        demand = min(self.target(state, moment.clock(self.clock)), ladder.best)
        low = int(np.searchsorted(ladder.values, demand - self.tolerance, side="left"))
        low = min(low, len(ladder.values) - 1)
        eligible = ladder.outcomes[low:low + int(self.breadth)]
        rating = self.estimate(state, view, eligible) - 1e-9 * view.utility[eligible]
        result: NDArray[np.int64] = eligible[np.argmax(rating, axis=1)]
        return result

    def accepts(self, state: State, view: PartyView, moment: Moment,
                offer: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Record the offer in the frequency model, then accept it when it is worth at least the
        current demand (less the tolerance)."""
        observe(state, view, offer)
        result: NDArray[np.bool_] = (
            view.utility[offer] >= self.target(state, moment.clock(self.clock))
            - self.tolerance)
        return result
