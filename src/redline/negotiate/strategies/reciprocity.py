"""Tit-for-tat on concessions: give back what the other side gives.

After Axelrod's reciprocity and its negotiation form (Baarslag, Hindriks and Jonker 2013,
"relative tit-for-tat"): the party starts at its best admissible outcome; each time it sees an
offer, it lowers its demand by as much as that offer improved on the previous one *in its own
utility* (and raises it again when the other side retracts), plus a small ``goodwill`` step so
that two reciprocators do not wait for each other forever. It offers the admissible outcome
with the lowest utility at or above its demand and accepts any offer worth at least its demand.
In multilateral talks "the previous offer" is the standing offer it last responded to,
whoever made it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from numpy.typing import NDArray

from redline.limits import TOLERANCE
from redline.negotiate.strategies.base import Ladder, Moment, PartyView, State, Strategy


@dataclass(frozen=True)
class TitForTat(Strategy):
    goodwill: float = 0.02  # share of (best - worst) conceded per turn on top of reciprocity
    name: ClassVar[str] = "tit-for-tat"

    def start(self, view: PartyView, batch: int) -> State:
        ladder = Ladder.of(view)
        return {"ladder": ladder, "demand": np.full(batch, ladder.best),
                "last": np.full(batch, np.nan)}

    def propose(self, state: State, view: PartyView, moment: Moment) -> NDArray[np.int64]:
        result: NDArray[np.int64] = state["ladder"].at_least(state["demand"])
        return result

    def accepts(self, state: State, view: PartyView, moment: Moment,
                offer: NDArray[np.int64]) -> NDArray[np.bool_]:
        ladder: Ladder = state["ladder"]
        seen = view.utility[offer]
        last = state["last"]
        conceded = np.where(np.isnan(last), 0.0, seen - last)
        step = self.goodwill * (ladder.best - ladder.worst)
        state["demand"] = np.clip(state["demand"] - conceded - step, ladder.worst, ladder.best)
        state["last"] = seen
        result: NDArray[np.bool_] = seen >= state["demand"] - TOLERANCE
        return result
