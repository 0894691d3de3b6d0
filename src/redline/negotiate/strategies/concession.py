"""Time-based concession: Boulware, linear and Conceder, and the hardliner who never concedes.

Faratin, Sierra & Jennings (1998), "Negotiation decision functions for autonomous agents",
*Robotics and Autonomous Systems* 24(3–4): the polynomial time-dependent tactic. The party's
demand falls with the time ``t`` from its best admissible utility ``hi`` to its worst ``lo``
(never below its reservation) as ``target(t) = lo + (hi - lo) (1 - k) (1 - t ** e)``; Faratin's
``alpha(t) = k + (1 - k) t^(1/beta)`` with ``e = 1/beta``. The exponent ``e`` sets the shape:
``e > 1`` holds out until late (Boulware), ``e = 1`` concedes linearly, ``e < 1`` concedes
early (Conceder), ``e = inf`` never concedes (hardliner); ``k`` (``initial``) is the share of
the range conceded at once.

The clock: with ``clock="deadline"`` (default) ``t`` runs from 0 in the first round to 1 in the
last, Faratin's ``t / t_max``, so the party offers and accepts down to ``lo`` by the deadline.
``clock="negmas"`` reads NegMAS's relative time ``(r + 1) / (R + 1)``, which never reaches 1
(at 100 rounds a Boulware party still holds 3.9% of its range in the last round); it is the
setting for cross-checks against NegMAS.

Default exponents: Boulware 4, Conceder 0.25, NegMAS's ``BoulwareTBNegotiator`` and
``ConcederTBNegotiator``. Genius's ``TimeDependentAgentBoulware`` / ``Conceder`` use Faratin's
``beta`` = 0.2 and 2, i.e. ``exponent`` 5 and 0.5 here (``boulware:exponent=5``). We keep
NegMAS's values as the default because NegMAS is the peer every speed and offer-sequence
comparison of this package runs against (``tests/negotiate/test_peer.py``,
``benchmarks/bench_negotiate.py``): one set of numbers across the docs. The party offers the
admissible outcome with the lowest utility still at or above its target and accepts any
admissible offer worth at least its target (both up to a tolerance of 1e-4, as in NegMAS).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
from numpy.typing import NDArray

from redline.negotiate.strategies.base import (
    Clock,
    Moment,
    PartyView,
    State,
    Strategy,
    aspiration,
    truthful_vote,
)

CLOCKS = ("deadline", "negmas")


@dataclass(frozen=True)
class TimeBasedConcession(Strategy):
    """Concede with time along ``(1 - initial) (1 - t ** exponent)``; ``spread`` > 0 randomises
    the offer among admissible outcomes up to ``spread`` above the target."""

    exponent: float = 1.0
    spread: float = 0.0
    tolerance: float = 1e-4
    initial: float = 0.0
    clock: Clock = "deadline"
    name: ClassVar[str] = "time-based"
    static_votes: ClassVar[bool] = False

    def __post_init__(self) -> None:
        if not self.exponent > 0:
            raise ValueError(f"aspiration exponent must be > 0, got {self.exponent}")
        if not 0.0 <= self.initial < 1.0:
            raise ValueError(f"initial concession must lie in [0, 1), got {self.initial}")
        if self.clock not in CLOCKS:
            raise ValueError(f"clock must be one of {', '.join(CLOCKS)}, got {self.clock!r}")

    def target(self, state: State, time: float) -> float:
        """The utility demanded at ``time`` (on this strategy's clock)."""
        ladder = state["ladder"]
        share = aspiration(time, self.exponent, self.initial)
        return float(ladder.worst + (ladder.best - ladder.worst) * share)

    def demand(self, state: State, moment: Moment) -> float:
        """The utility demanded at this moment, read on the strategy's clock."""
        return self.target(state, moment.clock(self.clock))

    def propose(self, state: State, view: PartyView, moment: Moment) -> NDArray[np.int64]:
        """Per session, the admissible outcome with the lowest utility at or above the demand
        (less the tolerance), randomised within ``spread`` above it."""
        goal = np.full(len(moment.noise), self.demand(state, moment) - self.tolerance)
        result: NDArray[np.int64] = state["ladder"].at_least(goal, moment.noise[:, 0],
                                                             self.spread)
        return result

    def accepts(self, state: State, view: PartyView, moment: Moment,
                offer: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Per session, whether the offer is worth at least the current demand (less the
        tolerance)."""
        result: NDArray[np.bool_] = (
            view.utility[offer] >= self.demand(state, moment) - self.tolerance)
        return result

    def vote(self, state: State, view: PartyView, moment: Moment, current: NDArray[np.int64],
             proposal: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Yes to any improvement, and to a worse text that still meets the current target."""
        still_enough = view.allowed[proposal] & (
            view.utility[proposal] >= self.demand(state, moment) - self.tolerance)
        result: NDArray[np.bool_] = truthful_vote(view, current, proposal) | still_enough
        return result


@dataclass(frozen=True)
class Boulware(TimeBasedConcession):
    """Boulware (Faratin, Sierra & Jennings 1998): exponent 4, holds out until late, then
    concedes."""
    exponent: float = 4.0
    name: ClassVar[str] = "boulware"


@dataclass(frozen=True)
class Linear(TimeBasedConcession):
    """Linear concession (Faratin, Sierra & Jennings 1998): exponent 1, the same step every
    round."""
    exponent: float = 1.0
    name: ClassVar[str] = "linear"


@dataclass(frozen=True)
class Conceder(TimeBasedConcession):
    """Conceder (Faratin, Sierra & Jennings 1998): exponent 0.25, concedes most of its range
    early."""
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
        """Truthful: yes exactly when the proposal ranks strictly above the current text for the
        party."""
        return truthful_vote(view, current, proposal)
