"""A scripted player: plays fixed offers and accepts at fixed turns, for exact sequences."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np

from redline.negotiate.strategies.base import Ladder, Moment, PartyView, State, Strategy


@dataclass(frozen=True)
class Scripted(Strategy):
    """Offers ``offers[k]`` on its k-th proposal; accepts on its responses listed in ``accept_on``
    (0-based count of its responses); votes yes on votes listed in ``yes_on``."""

    offers: tuple[int, ...] = (0,)
    accept_on: tuple[int, ...] = ()
    yes_on: tuple[int, ...] = ()
    name: ClassVar[str] = "scripted"

    def start(self, view: PartyView, batch: int) -> State:
        return {"ladder": Ladder.of(view), "responses": 0, "proposals": 0, "votes": 0}

    def propose(self, state: State, view: PartyView, moment: Moment) -> np.ndarray:
        k = min(state["responses"], len(self.offers) - 1)
        return np.full(len(moment.noise), self.offers[k], dtype=np.int64)

    def accepts(self, state: State, view: PartyView, moment: Moment,
                offer: np.ndarray) -> np.ndarray:
        k = state["responses"]
        state["responses"] += 1
        return np.full(len(offer), k in self.accept_on)

    def vote(self, state: State, view: PartyView, moment: Moment, current: np.ndarray,
             proposal: np.ndarray) -> np.ndarray:
        k = state["votes"]
        state["votes"] += 1
        return np.full(len(current), k in self.yes_on)
