"""The random negotiator: a baseline that offers any admissible outcome at random."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from numpy.typing import NDArray

from redline.negotiate.strategies.base import Moment, PartyView, State, Strategy


@dataclass(frozen=True)
class RandomOffers(Strategy):
    """Offers an admissible outcome drawn uniformly; accepts an admissible offer with
    probability ``acceptance``; votes yes on an admissible text with that probability too."""

    acceptance: float = 0.5
    name: ClassVar[str] = "random"
    static_votes: ClassVar[bool] = False

    def propose(self, state: State, view: PartyView, moment: Moment) -> NDArray[np.int64]:
        """Per session, an admissible outcome drawn uniformly at random."""
        result: NDArray[np.int64] = state["ladder"].uniform(moment.noise[:, 0])
        return result

    def accepts(self, state: State, view: PartyView, moment: Moment,
                offer: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Per session, accept with probability ``acceptance`` whatever the offer (the red-line
        guard still applies)."""
        result: NDArray[np.bool_] = moment.noise[:, 1] < self.acceptance
        return result

    def vote(self, state: State, view: PartyView, moment: Moment, current: NDArray[np.int64],
             proposal: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Per session, yes with probability ``acceptance`` to an admissible text, no to any
        other."""
        result: NDArray[np.bool_] = view.admissible[proposal] & (
            moment.noise[:, 1] < self.acceptance)
        return result
