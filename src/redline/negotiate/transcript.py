"""Transcripts: every offer, response and vote of a batch of sessions, as JSON-ready records.

The protocols call :meth:`Transcript.record` once per turn with arrays over the batch; the
records become per-session event lists only when asked (:meth:`Transcript.sessions`), so a
batch that keeps no transcript pays nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from redline.negotiate.domain import Domain


@dataclass
class Transcript:
    """Collects turns of a batch; ``first`` is the index of the batch's first session."""

    domain: Domain
    first: int = 0
    turns: list[tuple[str, int, int, str, NDArray[np.bool_], NDArray[np.int64],
                      NDArray[np.bool_] | None]] = field(default_factory=list)

    def record(self, action: str, step: int, round_: int, actor: str, active: NDArray[np.bool_],
               outcome: NDArray[np.int64], yes: NDArray[np.bool_] | None = None) -> None:
        """One turn: ``action`` (offer, response, proposal, vote, ratification) by ``actor`` about
        ``outcome`` per session; ``yes`` holds accept/veto answers where there are any."""
        self.turns.append((action, step, round_, actor, active.copy(), outcome.copy(),
                           None if yes is None else yes.copy()))

    def sessions(self) -> list[dict[str, Any]]:
        """Per session of the batch, its events in order: each offer, response or vote with step,
        round, actor, the outcome described, the utilities and, for a response or vote, the
        answer."""
        batch = len(self.turns[0][4]) if self.turns else 0
        result: list[dict[str, Any]] = [{"session": self.first + b, "events": []}
                                        for b in range(batch)]
        parties = self.domain.parties
        for action, step, round_, actor, active, outcome, yes in self.turns:
            for b in np.flatnonzero(active):
                o = int(outcome[b])
                event: dict[str, Any] = {
                    "step": step, "round": round_ + 1, "actor": actor, "action": action,
                    "outcome": self.domain.describe(o),
                    "utilities": dict(zip(parties, self.domain.utilities[:, o].round(6).tolist(),
                                          strict=True)),
                }
                if yes is not None:
                    event["accept"] = bool(yes[b])
                result[b]["events"].append(event)
        return result
