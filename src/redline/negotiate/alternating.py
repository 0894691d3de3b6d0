"""Alternating offers: bilateral, and multilateral in the stacked form.

Parties take turns in a fixed order. The first proposes; each next party either accepts the
standing offer or rejects it by making a counter-offer, which becomes the standing offer. An
offer is agreed once every other party has accepted it in turn (bilateral: the other party
accepts it). A round is one turn of each party, so round ``r`` of ``R`` is relative time
``(r + 1) / (R + 1)`` (NegMAS's clock) and progress ``r / (R - 1)`` (Faratin's clock, which
reaches 1 in the last round); after ``R`` rounds the deadline has passed. With ``breakdown`` = ``p``,
the talks collapse at the end of each round with probability ``p`` (an escalating crisis). With
``discounts``, a deal on an offer made at turn ``k`` is worth ``delta_i ** k`` of its face value
to party ``i`` (Rubinstein's bargaining game). This is the stacked alternating offers protocol
of Aydoğan et al. (2017), the SAOP of the ANAC competitions in the bilateral case (Rubinstein 1982).

Under a decision rule other than unanimity (``game``, :mod:`redline.scenario.decision`) the
standing offer is agreed once its proposer and the parties that accepted it since it was made form
a winning coalition; it then binds every party, the outvoted ones included. Parties that refuse
the agenda or can accept no outcome do not sit down (they never propose or accept), and the talks
end ``no-zone`` before they start when no outcome is acceptable to a winning coalition of the
others, as in :mod:`redline.negotiate.coalition_offers`. Under unanimity (``game`` None) this
is the stacked protocol above, unchanged.

Every session of a batch runs in lockstep (the turn order does not depend on the answers); a
session that has ended simply stops changing.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from redline.negotiate.domain import Domain
from redline.negotiate.sessions import ENDINGS, Sessions, settled
from redline.negotiate.strategies.base import Moment, Strategy, progress, seat
from redline.negotiate.transcript import Transcript
from redline.scenario.decision import VotingGame

AGREEMENT, DEADLINE, BREAKDOWN = (ENDINGS.index(x) for x in ("agreement", "deadline", "breakdown"))


def noise_shape(domain: Domain, rounds: int) -> tuple[int, int]:
    """Uniforms one session needs: per turn, an offer choice, a decision and a breakdown draw."""
    return rounds * domain.n_parties, 3


def alternating_offers(domain: Domain, strategies: Sequence[Strategy], noise: NDArray[np.float64],
                       rounds: int, breakdown: float = 0.0,
                       discounts: Sequence[float] | None = None,
                       transcript: Transcript | None = None,
                       game: VotingGame | None = None) -> Sessions:
    """Play a batch of sessions; ``noise[s]`` holds session ``s``'s uniforms
    (shape :func:`noise_shape`); ``game``: a decision rule other than unanimity (see above)."""
    n = domain.n_parties
    batch = noise.shape[0]
    if len(strategies) != n:
        raise ValueError(f"{len(strategies)} strategies for {n} parties")
    parameters: dict[str, object] = {"rounds": rounds, "breakdown": breakdown,
                                     "discounts": None if discounts is None else list(discounts)}
    if game is not None:
        parameters["rule"] = game.describe()
    names = [s.label for s in strategies]
    agreed = np.zeros(batch, dtype=bool)
    offer = np.zeros(batch, dtype=np.int64)
    offered_at = np.zeros(batch, dtype=np.int64)
    used = np.zeros(batch, dtype=np.int64)
    ending = np.full(batch, DEADLINE, dtype=np.int8)

    def finish(code: int) -> Sessions:
        ending[:] = code
        return settled("alternating-offers", parameters, domain.parties, names, agreed, offer,
                       used, np.zeros((batch, n)), domain.reservations, ending)

    sitting = np.ones(n, dtype=bool)
    if game is None and domain.obstacle is not None:
        return finish(ENDINGS.index(domain.obstacle))
    if game is not None:
        from redline.negotiate.coalition_offers import adoptable, seated

        sitting = seated(domain)
        if not adoptable(domain, game).any():
            return finish(ENDINGS.index("refused" if not sitting.any() else "no-zone"))
    first = int(np.argmax(sitting))
    views, states = seat(domain, strategies, batch)
    active = np.ones(batch, dtype=bool)
    accepted_by = np.zeros(batch, dtype=np.int64)  # consecutive acceptances of the standing offer
    supporters = np.zeros((batch, n), dtype=bool)  # under a rule: who backs the standing offer
    for r in range(rounds):
        time = (r + 1) / (rounds + 1)
        used[active] = r + 1
        for p in range(n):
            if not sitting[p]:
                continue
            step = r * n + p
            moment = Moment(time, step, noise[:, step, :2], progress(r, rounds))
            strategy, view, state = strategies[p], views[p], states[p]
            if r == 0 and p == first:
                offer = strategy.propose(state, view, moment)
                supporters[:, p] = True
                if transcript is not None:
                    transcript.record("offer", step, r, domain.parties[p], active, offer)
                continue
            yes = strategy.respond(state, view, moment, offer)
            if transcript is not None:
                transcript.record("response", step, r, domain.parties[p], active, offer, yes)
            counter = strategy.propose(state, view, moment)
            moving = active & ~yes
            offer = np.where(moving, counter, offer)
            offered_at = np.where(moving, step, offered_at)
            accepted_by = np.where(yes, accepted_by + 1, 0)
            if transcript is not None:
                transcript.record("offer", step, r, domain.parties[p], moving, offer)
            if game is None:
                done = active & yes & (accepted_by >= n - 1)
            else:
                supporters[moving] = np.arange(n) == p
                supporters[:, p] |= yes
                done = active & yes & game.wins(supporters)
            agreed |= done
            ending[done] = AGREEMENT
            active &= ~done
        if breakdown > 0.0 and r < rounds - 1:  # after the last round the deadline has passed
            broke = active & (noise[:, (r + 1) * n - 1, 2] < breakdown)
            ending[broke] = BREAKDOWN
            active &= ~broke
        if not active.any():
            break

    value = domain.utilities[:, offer].T
    if discounts is not None:
        value = value * np.power(np.asarray(discounts, dtype=float)[None, :],
                                 offered_at[:, None])
    return settled("alternating-offers", parameters, domain.parties, names, agreed, offer, used,
                   value, domain.reservations, ending,
                   transcript.sessions() if transcript is not None else ())
