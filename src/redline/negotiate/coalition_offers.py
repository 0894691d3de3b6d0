"""Coalition offers: multilateral talks that end when a winning coalition accepts an offer.

Under a decision rule (:mod:`redline.scenario.decision`) not every party must agree. Parties
take turns in a fixed order; the party whose turn it is proposes an outcome, and every other
party answers it at once, yes or no. When the proposer and the parties that said yes form a
winning coalition, the offer is adopted: it binds every party, the outvoted ones included, and
the session ends in agreement. Otherwise the next party proposes. This is the "those who agree
go ahead" idea of multilateral protocols such as GeniusWeb's MOPAC (Aydoğan et al.), and the
proposal-and-vote structure of Baron & Ferejohn's legislative bargaining (1989), without
discounting. Under unanimity only the coalition of all parties wins, so an offer must be
accepted by everyone.

A party that refuses the agenda, or can accept no outcome at all, does not sit down: it never
proposes and never says yes (the others can still outvote it). If no outcome is acceptable to a
winning coalition of the parties that do sit down, every session ends ``no-zone`` before it
starts. Strategies answer as they would an alternating offer (``respond``); their red lines and
reservations always hold.

Uniforms per turn: column 0 the proposer's choice of offer, column 1 + q party q's yes/no draw,
the last column the per-round breakdown draw.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from redline.negotiate.domain import Domain
from redline.negotiate.sessions import ENDINGS, Sessions, settled
from redline.negotiate.strategies.base import Moment, Strategy, seat
from redline.negotiate.transcript import Transcript
from redline.scenario.decision import VotingGame

AGREEMENT, DEADLINE, BREAKDOWN, REFUSED, NO_ZONE = (
    ENDINGS.index(x) for x in ("agreement", "deadline", "breakdown", "refused", "no-zone"))


def noise_shape(domain: Domain, rounds: int) -> tuple[int, int]:
    """Uniforms one session needs: per turn, the offer, each party's answer, a breakdown draw."""
    return rounds * domain.n_parties, domain.n_parties + 2


def seated(domain: Domain) -> NDArray[np.bool_]:
    """Parties that sit down: no agenda refusal and at least one acceptable outcome."""
    return np.array([p not in domain.refused_by and bool(domain.admissible[k].any())
                     for k, p in enumerate(domain.parties)])


def adoptable(domain: Domain, game: VotingGame) -> NDArray[np.bool_]:
    """(n_outcomes,): outcomes that the seated parties accepting them could adopt."""
    accepts = domain.admissible & seated(domain)[:, None]
    return np.asarray(game.wins(accepts.T))


def coalition_offers(domain: Domain, strategies: Sequence[Strategy], game: VotingGame,
                     noise: NDArray[np.float64], rounds: int, breakdown: float = 0.0,
                     transcript: Transcript | None = None) -> Sessions:
    """Play a batch of sessions; ``noise[s]`` holds session ``s``'s uniforms
    (shape :func:`noise_shape`)."""
    n, batch = domain.n_parties, noise.shape[0]
    if len(strategies) != n or game.members != domain.parties:
        raise ValueError("one strategy per party, and a game over the domain's parties")
    parameters = {"rounds": rounds, "breakdown": breakdown, "rule": game.describe()}
    names = [s.label for s in strategies]
    agreed = np.zeros(batch, dtype=bool)
    offer = np.zeros(batch, dtype=np.int64)
    used = np.zeros(batch, dtype=np.int64)
    ending = np.full(batch, DEADLINE, dtype=np.int8)
    sitting = seated(domain)
    if not adoptable(domain, game).any():
        ending[:] = REFUSED if not sitting.any() else NO_ZONE
        return settled("coalition-offers", parameters, domain.parties, names, agreed, offer,
                       used, np.zeros((batch, n)), domain.reservations, ending)
    views, states = seat(domain, strategies, batch)
    active = np.ones(batch, dtype=bool)
    turns = [p for p in range(n) if sitting[p]]
    for r in range(rounds):
        time = (r + 1) / (rounds + 1)
        used[active] = r + 1
        for p in turns:
            step = r * n + p
            proposal = strategies[p].propose(states[p], views[p],
                                             Moment(time, step, noise[:, step, :2]))
            offer = np.where(active, proposal, offer)
            if transcript is not None:
                transcript.record("offer", step, r, domain.parties[p], active, offer)
            yes = np.zeros((batch, n), dtype=bool)
            yes[:, p] = True
            for q in turns:
                if q == p:
                    continue
                draws = np.stack([noise[:, step, 0], noise[:, step, 1 + q]], axis=1)
                yes[:, q] = strategies[q].respond(states[q], views[q],
                                                  Moment(time, step, draws), offer)
                if transcript is not None:
                    transcript.record("response", step, r, domain.parties[q], active, offer,
                                      yes[:, q])
            done = active & game.wins(yes)
            agreed |= done
            ending[done] = AGREEMENT
            active &= ~done
        if breakdown > 0.0 and r < rounds - 1:
            broke = active & (noise[:, (r + 1) * n - 1, n + 1] < breakdown)
            ending[broke] = BREAKDOWN
            active &= ~broke
        if not active.any():
            break
    return settled("coalition-offers", parameters, domain.parties, names, agreed, offer, used,
                   domain.utilities[:, offer].T, domain.reservations, ending,
                   transcript.sessions() if transcript is not None else ())
