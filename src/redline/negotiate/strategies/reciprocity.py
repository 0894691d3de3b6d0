"""Reciprocity: give back what the other side gives.

Faratin, Sierra & Jennings (1998), "Negotiation decision functions for autonomous agents",
*Robotics and Autonomous Systems* 24(3–4), section 4.3 (imitative tactics), with delta = 1
(the party answers the other side's last move):

- **absolute tit-for-tat** (:class:`AbsoluteTitForTat`, also :class:`TitForTat`): the party
  concedes by as much, in absolute terms, as the other side's last offer improved on its
  previous one; in utility space, the demand falls by ``u(b_n) - u(b_(n-1))`` of the party's
  own utility (and rises again on a retraction);
- **relative tit-for-tat** (:class:`RelativeTitForTat`): the party reproduces the other side's
  move *in percentage terms*. Faratin's ratio of the opponent's two last values is taken here on
  what each side still asks of the other: the other side closed a share
  ``c = (u(b_n) - u(b_(n-1))) / (hi - u(b_(n-1)))`` of the gap between its offer and the party's
  best, and the party gives up the same share of the room it has left above ``lo``.

Both start at the party's best admissible outcome, offer the admissible outcome with the lowest
utility at or above the demand and accept any offer worth at least it. Pure imitation never
starts conceding, so two imitators would wait for each other until the deadline; as Faratin et
al. mix imitative with time-dependent tactics, a ``goodwill`` step (a share of the party's
range, per offer seen) is added to every move. In multilateral talks "the previous offer" is
the standing offer the party last responded to, whoever made it.

**Nice tit-for-tat** (:class:`NiceTitForTat`): Baarslag, Hindriks & Jonker (2013), "A tit for
tat negotiation strategy for real-time bilateral negotiations", in *Complex Automated
Negotiations*, Springer SCI 435. The party reciprocates in terms of the Nash point: with a
frequency model of the other side (as :mod:`modelling`), it estimates the Nash outcome, measures
how far the other side has moved from its first offer toward that point (as a share, in the
party's own utility), and moves the same share of the way from its own best to the Nash point,
never further. Among the outcomes that meet its demand it offers the one the model rates best
for the other side (a "nice" move, which does not cost the party anything). It accepts an offer
at least as good as its own next one, and near the deadline (the last ``endgame`` of the time)
also an offer at least as good as the best the other side has made.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from numpy.typing import NDArray

from redline.limits import TOLERANCE
from redline.negotiate.strategies.base import Ladder, Moment, PartyView, State, Strategy
from redline.negotiate.strategies.modelling import frequency_model, observe, opponent_value


@dataclass(frozen=True)
class AbsoluteTitForTat(Strategy):
    """Faratin's absolute tit-for-tat: concede by the other side's last concession."""

    goodwill: float = 0.02  # share of (best - worst) conceded per offer seen, on top
    name: ClassVar[str] = "absolute-tit-for-tat"

    def start(self, view: PartyView, batch: int) -> State:
        """A fresh state: demand at the party's best admissible utility, no offer seen yet."""
        ladder = Ladder.of(view)
        return {"ladder": ladder, "demand": np.full(batch, ladder.best),
                "last": np.full(batch, np.nan)}

    def propose(self, state: State, view: PartyView, moment: Moment) -> NDArray[np.int64]:
        """Per session, the admissible outcome with the lowest utility at or above the current
        demand."""
        result: NDArray[np.int64] = state["ladder"].at_least(state["demand"])
        return result

    def reciprocate(self, state: State, seen: NDArray[np.float64]) -> NDArray[np.float64]:
        """The demand after seeing an offer worth ``seen`` (before goodwill)."""
        last = state["last"]
        conceded = np.where(np.isnan(last), 0.0, seen - last)
        result: NDArray[np.float64] = state["demand"] - conceded
        return result

    def accepts(self, state: State, view: PartyView, moment: Moment,
                offer: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Update the demand from the offer seen (reciprocate its move, less the goodwill step,
        within the party's range), then accept when the offer meets the new demand."""
        ladder: Ladder = state["ladder"]
        seen = view.utility[offer]
        step = self.goodwill * (ladder.best - ladder.worst)
        state["demand"] = np.clip(self.reciprocate(state, seen) - step, ladder.worst,
                                  ladder.best)
        state["last"] = seen
        result: NDArray[np.bool_] = seen >= state["demand"] - TOLERANCE
        return result


@dataclass(frozen=True)
class TitForTat(AbsoluteTitForTat):
    """The command line's ``tit-for-tat``: Faratin's absolute tit-for-tat."""

    name: ClassVar[str] = "tit-for-tat"


@dataclass(frozen=True)
class RelativeTitForTat(AbsoluteTitForTat):
    """Faratin's relative tit-for-tat: concede the share of the gap the other side closed."""

    name: ClassVar[str] = "relative-tit-for-tat"

    def reciprocate(self, state: State, seen: NDArray[np.float64]) -> NDArray[np.float64]:
        """Relative tit-for-tat (Faratin, Sierra & Jennings 1998, section 4.3): the other side
        closed a share c = (seen - last) / (best - last) of its gap to the party's best; give up
        the same share of the room left above the worst (none on the first offer)."""
        ladder: Ladder = state["ladder"]
        last = state["last"]
        gap = ladder.best - last
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.where(np.isnan(last) | (gap <= TOLERANCE), 0.0, (seen - last) / gap)
        room = state["demand"] - ladder.worst
        result: NDArray[np.float64] = state["demand"] - share * room
        return result


@dataclass(frozen=True)
class NiceTitForTat(Strategy):
    """Baarslag, Hindriks & Jonker (2013): reciprocate toward the estimated Nash point."""

    goodwill: float = 0.02  # share of the way to the Nash point added per offer seen
    endgame: float = 0.02  # share of the time at the end when the best offer seen will do
    breadth: float = 256  # outcomes just above the demand among which it picks the nicest
    name: ClassVar[str] = "nice-tit-for-tat"

    def start(self, view: PartyView, batch: int) -> State:
        """A fresh state: demand at the party's best, no first or best offer seen, and an empty
        frequency model per session."""
        ladder = Ladder.of(view)
        return {"ladder": ladder, "demand": np.full(batch, ladder.best),
                "first": np.full(batch, np.nan), "best_seen": np.full(batch, -np.inf),
                "seen": np.zeros(batch), **frequency_model(view, batch)}

    def nash_estimate(self, state: State, view: PartyView) -> NDArray[np.float64]:
        """Per session, the party's utility of the estimated Nash outcome: the admissible
        outcome maximising (own gain over reservation) x (modelled value for the other side)."""
        ladder: Ladder = state["ladder"]
        gain = np.maximum(ladder.values - view.reservation, 0.0)
        product = gain[None, :] * opponent_value(state, view, ladder.outcomes)
        result: NDArray[np.float64] = ladder.values[np.argmax(product, axis=1)]
        return result

    def propose(self, state: State, view: PartyView, moment: Moment) -> NDArray[np.int64]:
        """Per session, among the ``breadth`` outcomes at or just above the demand, the one the
        frequency model rates best for the other side."""
        ladder: Ladder = state["ladder"]
        lows = np.minimum(np.searchsorted(ladder.values, state["demand"] - TOLERANCE),
                          len(ladder.values) - 1)
        result = np.empty(len(lows), dtype=np.int64)
        for low in np.unique(lows):  # sessions sharing a demand level share candidates
            rows = np.flatnonzero(lows == low)
            eligible = ladder.outcomes[low:low + int(self.breadth)]
            sub = {k: v[rows] for k, v in state.items() if isinstance(v, np.ndarray)}
            rating = opponent_value(sub, view, eligible) - 1e-9 * view.utility[eligible]
            result[rows] = eligible[np.argmax(rating, axis=1)]
        return result

    def accepts(self, state: State, view: PartyView, moment: Moment,
                offer: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Nice tit-for-tat (Baarslag, Hindriks & Jonker 2013): move the same share of the way
        from the party's best toward the estimated Nash point as the other side moved from its
        first offer toward it (plus goodwill), then accept an offer meeting the demand, or near
        the deadline the best offer seen so far."""
        ladder: Ladder = state["ladder"]
        seen = view.utility[offer]
        observe(state, view, offer)
        state["first"] = np.where(np.isnan(state["first"]), seen, state["first"])
        state["seen"] = state["seen"] + 1.0
        nash = self.nash_estimate(state, view)
        first = state["first"]
        toward = nash - first
        with np.errstate(divide="ignore", invalid="ignore"):
            moved = np.where(toward > TOLERANCE, (seen - first) / toward, 1.0)
        share = np.clip(np.clip(moved, 0.0, 1.0) + self.goodwill * state["seen"], 0.0, 1.0)
        goal = np.minimum(nash, ladder.best)
        state["demand"] = np.clip(ladder.best - share * (ladder.best - goal), ladder.worst,
                                  ladder.best)
        state["best_seen"] = np.maximum(state["best_seen"], seen)
        late = moment.clock("deadline") >= 1.0 - self.endgame
        result: NDArray[np.bool_] = (seen >= state["demand"] - TOLERANCE) | (
            late & (seen >= state["best_seen"] - TOLERANCE))
        return result
