"""The result of a batch of negotiation sessions: one row per session, frozen."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

ENDINGS = ("agreement", "deadline", "breakdown", "refused", "no-zone", "vetoed")
"""How a session ends: a deal; the deadline passed; the talks broke down (per-round risk);
a party refused the agenda; some party can accept no outcome at all; the final text was vetoed."""


def _frozen(array: NDArray[Any]) -> NDArray[Any]:
    array.setflags(write=False)
    return array


@dataclass(frozen=True)
class Sessions:
    """Sessions of one protocol with one strategy profile.

    ``utilities[s, p]`` is what session ``s`` gave party ``p``: the (discounted) utility of the
    agreement, or the party's reservation when there was none.
    """

    method: str
    parameters: Mapping[str, Any]
    parties: tuple[str, ...]
    strategies: tuple[str, ...]
    agreed: NDArray[np.bool_]
    outcome: NDArray[np.int64]  # -1 where there was no agreement
    rounds: NDArray[np.int64]
    utilities: NDArray[np.float64]
    ending: NDArray[np.int8]  # index into ENDINGS
    transcript: tuple[dict[str, Any], ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        for name in ("agreed", "outcome", "rounds", "utilities", "ending"):
            _frozen(getattr(self, name))

    def __len__(self) -> int:
        return len(self.agreed)

    def endings(self) -> dict[str, int]:
        """How many sessions ended each way (agreement, deadline, breakdown, refused, no-zone,
        vetoed), omitting endings that never occurred."""
        counts = np.bincount(self.ending, minlength=len(ENDINGS))
        return {name: int(c) for name, c in zip(ENDINGS, counts, strict=True) if c}

    def to_dict(self) -> dict[str, Any]:
        """The sessions as JSON: the run's method, parameters, parties and strategies, and per
        session whether it agreed, the outcome, rounds, utilities and ending."""
        return {
            "method": self.method,
            "parameters": dict(self.parameters),
            "parties": list(self.parties),
            "strategies": dict(zip(self.parties, self.strategies, strict=True)),
            "sessions": [
                {"agreed": bool(a), "outcome": int(o), "rounds": int(r),
                 "utilities": dict(zip(self.parties, u.tolist(), strict=True)),
                 "ending": ENDINGS[e]}
                for a, o, r, u, e in zip(self.agreed, self.outcome, self.rounds,
                                         self.utilities, self.ending, strict=True)
            ],
        }


def concatenate(parts: Sequence[Sessions]) -> Sessions:
    """Chunks of one run, in seed order, as one result."""
    if not parts:
        raise ValueError("no sessions to concatenate")
    head = parts[0]
    return Sessions(
        method=head.method, parameters=head.parameters, parties=head.parties,
        strategies=head.strategies,
        agreed=np.concatenate([p.agreed for p in parts]),
        outcome=np.concatenate([p.outcome for p in parts]),
        rounds=np.concatenate([p.rounds for p in parts]),
        utilities=np.concatenate([p.utilities for p in parts]),
        ending=np.concatenate([p.ending for p in parts]),
        transcript=tuple(t for p in parts for t in p.transcript),
    )


def settled(method: str, parameters: Mapping[str, Any], parties: Sequence[str],
            strategies: Sequence[str], agreed: NDArray[np.bool_], outcome: NDArray[np.int64],
            rounds: NDArray[np.int64], utilities: NDArray[np.float64],
            reservations: NDArray[np.float64], ending: NDArray[np.int8],
            transcript: Sequence[dict[str, Any]] = ()) -> Sessions:
    """Build a result, putting each party's reservation where there was no agreement."""
    utilities = np.where(agreed[:, None], utilities, reservations[None, :])
    return Sessions(method, dict(parameters), tuple(parties), tuple(strategies), agreed.copy(),
                    np.where(agreed, outcome, -1), rounds.copy(), utilities, ending.copy(),
                    tuple(transcript))
