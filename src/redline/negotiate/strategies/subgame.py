"""Rubinstein's subgame-perfect strategies for alternating offers with discounting.

Rubinstein (1982): two parties split a pie by alternating offers; a deal struck after ``k``
rejected offers is worth ``delta_i ** k`` of its face value to party ``i``. In the unique
subgame-perfect equilibrium each party, when it proposes, asks for
``x_i = (1 - delta_j) / (1 - delta_i * delta_j)`` and accepts any offer worth at least
``delta_i * x_i`` to it (what it would get by proposing next period), so the first offer is
accepted at once. The strategy reads its own share off its utility, so it needs a domain where
utility is the share of a pie (see :func:`redline.negotiate.domain.split`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from numpy.typing import NDArray

from redline.limits import TOLERANCE
from redline.negotiate.strategies.base import Moment, PartyView, State, Strategy


@dataclass(frozen=True)
class SubgamePerfect(Strategy):
    """Rubinstein (1982) subgame-perfect play for a pie split with discount factors
    ``own_discount`` and ``other_discount``."""
    own_discount: float = 0.9
    other_discount: float = 0.9
    name: ClassVar[str] = "subgame-perfect"

    def __post_init__(self) -> None:
        for d in (self.own_discount, self.other_discount):
            if not 0.0 < d < 1.0:
                raise ValueError(f"discount factors must lie in (0, 1), got {d}")

    @property
    def share(self) -> float:
        """The share this party asks for when it proposes."""
        return (1.0 - self.other_discount) / (1.0 - self.own_discount * self.other_discount)

    def propose(self, state: State, view: PartyView, moment: Moment) -> NDArray[np.int64]:
        """Per session, the outcome giving the party its equilibrium share x_i = (1 - delta_j) /
        (1 - delta_i delta_j) (the closest at or below it)."""
        result: NDArray[np.int64] = state["ladder"].at_most(np.full(len(moment.noise),
                                                                    self.share))
        return result

    def accepts(self, state: State, view: PartyView, moment: Moment,
                offer: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Per session, accept an offer worth at least delta_i x_i, what proposing next period
        would bring."""
        result: NDArray[np.bool_] = (
            view.utility[offer] >= self.own_discount * self.share - TOLERANCE)
        return result
