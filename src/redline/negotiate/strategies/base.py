"""What every negotiation strategy shares: the party's view of the domain and the contract.

A strategy is a small frozen object holding only its parameters. It plays a *batch* of sessions
at once: ``start`` returns a fresh state (a dict of arrays, one entry per session), and each
decision takes and returns arrays over the batch. A single session is a batch of one, so the
same code runs one readable session or ten thousand at a time, with identical results.

The contract (checked for every strategy by ``tests/negotiate/test_strategy_contract.py``):

- it draws randomness only from ``Moment.noise`` (uniforms the protocol draws from each
  session's own seed), so the same seed gives the same play;
- ``start`` resets it: two runs from two fresh states play the same;
- ``propose`` changes no state (only responses and votes observe the opponent), and only offers
  outcomes the party may accept: its own outcome red lines hold and the utility is at least its
  reservation (:attr:`PartyView.admissible`);
- ``respond`` never accepts anything else (the base class enforces it around ``accepts``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, fields
from functools import cached_property
from typing import Any, ClassVar, Literal

import numpy as np
from numpy.typing import NDArray

from redline.limits import TOLERANCE
from redline.negotiate.domain import Domain

State = dict[str, Any]


@dataclass(frozen=True)
class PartyView:
    """One party's private knowledge: its own utilities, reservation and red lines."""

    domain: Domain
    party: int

    @cached_property
    def utility(self) -> NDArray[np.float64]:
        """The party's utility of every outcome."""
        return np.asarray(self.domain.utilities[self.party])

    @property
    def reservation(self) -> float:
        """The party's reservation value: the utility of no deal."""
        return float(self.domain.reservations[self.party])

    @cached_property
    def admissible(self) -> NDArray[np.bool_]:
        """Per outcome, whether the party can accept it: within its red lines and worth at least
        its reservation."""
        return np.asarray(self.domain.admissible[self.party])

    @cached_property
    def allowed(self) -> NDArray[np.bool_]:
        """Per outcome, whether it meets the party's outcome red lines (reservation not applied)."""
        return np.asarray(self.domain.allowed[self.party])


@dataclass(frozen=True)
class Ladder:
    """The party's admissible outcomes sorted by its own utility, lowest first."""

    outcomes: NDArray[np.int64]
    values: NDArray[np.float64]

    @classmethod
    def of(cls, view: PartyView) -> Ladder:
        """The ladder of a party's admissible outcomes, sorted by its utility (stable order on
        ties)."""
        candidates = np.flatnonzero(view.admissible)
        order = np.argsort(view.utility[candidates], kind="stable")
        return cls(candidates[order], view.utility[candidates][order])

    @property
    def best(self) -> float:
        """The party's best admissible utility (the top of the ladder)."""
        return float(self.values[-1])

    @property
    def worst(self) -> float:
        """The party's worst admissible utility (the bottom of the ladder)."""
        return float(self.values[0])

    def at_least(self, target: NDArray[np.float64], noise: NDArray[np.float64] | None = None,
                 spread: float = 0.0) -> NDArray[np.int64]:
        """Per session, the admissible outcome with the lowest utility at or above ``target``
        (the best one when the target is out of reach); with ``spread`` > 0, a random one whose
        utility lies in ``[target, target + spread]``."""
        last = len(self.values) - 1
        low = np.minimum(np.searchsorted(self.values, target - TOLERANCE, side="left"), last)
        if spread > 0.0 and noise is not None:
            high = np.searchsorted(self.values, target + spread, side="right")
            width = np.maximum(high - low, 1)
            low = np.minimum(low + (noise * width).astype(np.int64), last)
        picked: NDArray[np.int64] = self.outcomes[low]
        return picked

    def at_most(self, target: NDArray[np.float64]) -> NDArray[np.int64]:
        """Per session, the admissible outcome with the highest utility at or below ``target``
        (the worst admissible one when none is that low)."""
        index = np.searchsorted(self.values, target + TOLERANCE, side="right") - 1
        picked: NDArray[np.int64] = self.outcomes[np.maximum(index, 0)]
        return picked

    def uniform(self, noise: NDArray[np.float64]) -> NDArray[np.int64]:
        """Per session, an admissible outcome drawn uniformly with the given uniforms."""
        index = np.minimum((noise * len(self.outcomes)).astype(np.int64), len(self.outcomes) - 1)
        picked: NDArray[np.int64] = self.outcomes[index]
        return picked


Clock = Literal["deadline", "negmas"]
"""How a time-dependent strategy reads the time: ``"deadline"`` (Faratin et al. 1998: t runs
from 0 in the first round to t_max = 1 in the last) or ``"negmas"`` (NegMAS's relative time
``(r + 1) / (R + 1)``, which never reaches 1)."""


@dataclass(frozen=True)
class Moment:
    """When a decision is taken, for a batch of sessions.

    ``time`` is NegMAS's relative time in (0, 1) (round ``r`` of ``R`` is ``(r + 1) / (R + 1)``),
    ``step`` the number of turns taken before this one, ``noise`` a ``(batch, 2)`` array of
    uniforms: column 0 for choosing an offer, column 1 for a yes/no decision. ``progress`` is
    the share of the talks behind, ``r / (R - 1)``: 0 in the first round, 1 in the last (the
    deadline); when not given it is ``time``.
    """

    time: float
    step: int
    noise: NDArray[np.float64]
    progress: float | None = None

    def clock(self, kind: Clock) -> float:
        """The time a strategy with clock ``kind`` reads."""
        if kind == "negmas" or self.progress is None:
            return self.time
        return self.progress


def progress(round_: int, rounds: int) -> float:
    """``r / (R - 1)``: 0 in the first round, 1 in the last (1 when there is one round)."""
    return 1.0 if rounds <= 1 else round_ / (rounds - 1)


class Strategy:
    """Base class: the interface and the red-line guard. Subclasses are frozen dataclasses."""

    name: ClassVar[str] = "strategy"
    static_votes: ClassVar[bool] = True  # votes depend only on the two texts (truthful)

    def start(self, view: PartyView, batch: int) -> State:
        """A fresh state for ``batch`` sessions (strategies without memory keep only a ladder)."""
        return {"ladder": Ladder.of(view)}

    def propose(self, state: State, view: PartyView, moment: Moment) -> NDArray[np.int64]:
        """Per session, the outcome this party offers at ``moment``; each strategy defines it."""
        raise NotImplementedError

    def accepts(self, state: State, view: PartyView, moment: Moment,
                offer: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Per session, whether the strategy wants the offer (before the red-line guard of
        :meth:`respond`); each strategy defines it."""
        raise NotImplementedError

    def respond(self, state: State, view: PartyView, moment: Moment,
                offer: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Accept (True) or reject each session's standing offer; red lines always hold."""
        wanted = self.accepts(state, view, moment, offer)
        result: NDArray[np.bool_] = wanted & view.admissible[offer]
        return result

    def vote(self, state: State, view: PartyView, moment: Moment, current: NDArray[np.int64],
             proposal: NDArray[np.int64]) -> NDArray[np.bool_]:
        """A vote on a mediator's proposed change of text: by default truthful (yes exactly
        when the proposal is better for the party, a text within its red lines ranking above
        any text outside them)."""
        return truthful_vote(view, current, proposal)

    def report(self, view: PartyView) -> tuple[NDArray[np.float64], float]:
        """The preferences the party reports to a mediator: by default the true ones."""
        return view.utility, view.reservation

    @property
    def label(self) -> str:
        """The name, with any parameter that differs from its default: ``linear:exponent=2``."""
        changed = []
        for f in fields(self):  # type: ignore[arg-type]
            value = getattr(self, f.name)
            if value != f.default:
                changed.append(f"{f.name}={value:g}" if isinstance(value, float)
                               else f"{f.name}={value}")
        return self.name + (":" + ",".join(changed) if changed else "")

    def describe(self) -> dict[str, Any]:
        """The strategy's name and its parameters (its public fields), for transcripts and
        reports."""
        parameters = {k: v for k, v in vars(self).items() if not k.startswith("_")}
        return {"name": self.name, "parameters": parameters}


def seat(domain: Domain, strategies: Sequence[Strategy], batch: int
         ) -> tuple[list[PartyView], list[State]]:
    """Each party's view of the domain and its strategy's fresh state for ``batch`` sessions."""
    views = [PartyView(domain, p) for p in range(domain.n_parties)]
    states = [s.start(v, batch) for s, v in zip(strategies, views, strict=True)]
    return views, states


def truthful_vote(view: PartyView, current: NDArray[np.int64],
                  proposal: NDArray[np.int64]) -> NDArray[np.bool_]:
    """Yes exactly when ``proposal`` ranks strictly above ``current`` for the party."""
    score = view.utility + 2.0 * view.allowed
    result: NDArray[np.bool_] = score[proposal] > score[current] + TOLERANCE
    return result


def aspiration(time: float, exponent: float, initial: float = 0.0) -> float:
    """Share of the way from the worst to the best admissible utility still demanded at ``time``:
    ``(1 - k) (1 - time ** exponent)`` with ``k = initial`` (exponent > 1 concedes late,
    Boulware; < 1 early, Conceder). This is 1 - alpha(t) of Faratin, Sierra & Jennings (1998),
    polynomial family ``alpha(t) = k + (1 - k) t^(1/beta)``, so ``exponent = 1/beta``."""
    if np.isinf(exponent):
        return 1.0 - initial
    return float((1.0 - initial) * (1.0 - min(max(time, 0.0), 1.0) ** exponent))
