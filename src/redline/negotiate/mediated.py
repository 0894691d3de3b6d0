"""Mediated single negotiating text, blind or steering toward the Nash point.

After Raiffa's single negotiating text (The Art and Science of Negotiation, 1982) and the
mediated protocol of Klein, Faratin, Sayama and Bar-Yam (2003). The mediator holds one text,
starting at the status quo. Each round, the parties are first asked whether they would sign
the text as it stands (each by its strategy's acceptance rule, as for an offer in direct talks);
if all would, they have a deal on that text. Otherwise the mediator proposes a neighbouring text (one issue
changed, or up to ``reach`` issues at once, which lets it find trades across issues) and every
party votes yes or vetoes; a unanimous yes makes the proposal the new text. The ``single-text``
mediator knows nothing but the votes: it proposes the neighbours it has not yet tried since the
last change, at random; once all of them were vetoed it starts a new pass, since time-based
parties soften as the deadline nears (when every vote is truthful, and so never changes, it
rests at once: a new pass would meet the same vetoes). The ``nash`` mediator also asks the
parties to report their preferences and computes the Nash bargaining point of the reports; it
proposes that whole text first, then the neighbours that move the current text toward it, then
the others, and once the text is the reported Nash text it holds it and proposes nothing more.
When the deadline passes (or the mediator rests), a last call: each party ratifies the final
text if it is admissible for it (within its red lines and worth at least its reservation); the
deal needs every party. Once there is a deal, the mediator keeps improving the text while a
move in its reach helps some party and hurts none (:func:`improve_until_pareto`, Raiffa's
post-settlement settlement), so its deals end where no such move is left.

Under a decision rule other than unanimity (``game``, :mod:`redline.scenario.decision`) a winning
coalition is enough at each of the three steps: it signs the text, it adopts a proposal, it
ratifies the final text, which then binds every party. Parties that refuse the agenda or can
accept no outcome do not sit down (they sign, vote and ratify nothing), and the talks end
``no-zone`` before they start when no outcome is acceptable to a winning coalition of the others.
The post-settlement step still makes only moves that leave *no* party worse off. Under unanimity
(``game`` None) the protocol is the one above, unchanged.

How a party votes is its strategy's :meth:`~redline.negotiate.strategies.base.Strategy.vote`:
truthful by default (yes to improvements only), while a time-based strategy also says yes to a
worse text that still meets its falling demand.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import NDArray

from redline.negotiate.alternating import BREAKDOWN, DEADLINE
from redline.negotiate.domain import Domain
from redline.negotiate.measures import nash_point_of
from redline.negotiate.sessions import ENDINGS, Sessions, settled
from redline.negotiate.strategies.base import (
    Moment,
    PartyView,
    Strategy,
    progress,
    seat,
    truthful_vote,
)
from redline.negotiate.transcript import Transcript
from redline.scenario.decision import VotingGame

AGREEMENT, VETOED = ENDINGS.index("agreement"), ENDINGS.index("vetoed")
MEDIATORS = ("single-text", "nash")


def noise_shape(domain: Domain, rounds: int) -> tuple[int, int]:
    """Uniforms one session needs: per round, the mediator's pick, a breakdown draw, and per
    party two for its vote and two for its signature."""
    return rounds, 2 + 4 * domain.n_parties


def toward(domain: Domain, target: int, moves: NDArray[np.int64]) -> NDArray[np.bool_]:
    """(n_outcomes, n_moves): whether a move brings the text strictly closer to ``target``
    (more issues at the target's option) without moving any issue away from it."""
    goal = domain.grid[target]
    here = (domain.grid == goal).sum(axis=1)
    there = (domain.grid[moves] == goal).sum(axis=2)
    kept = ((domain.grid == goal)[:, None, :] <= (domain.grid[moves] == goal)).all(axis=2)
    result: NDArray[np.bool_] = (there > here[:, None]) & kept
    return result


def single_text(domain: Domain, strategies: Sequence[Strategy], noise: NDArray[np.float64],
                rounds: int, mediator: str = "single-text", reach: int = 2,
                breakdown: float = 0.0, transcript: Transcript | None = None,
                polish: bool = True, game: VotingGame | None = None) -> Sessions:
    """Play a batch of mediated sessions; ``noise[s]`` holds session ``s``'s uniforms;
    ``game``: a decision rule other than unanimity (see the module docstring)."""
    if mediator not in MEDIATORS:
        raise ValueError(f"unknown mediator {mediator!r}; use one of {MEDIATORS}")
    n = domain.n_parties
    batch = noise.shape[0]
    names = [s.label for s in strategies]
    who = domain.mediator or "mediator"
    parameters: dict[str, object] = {"rounds": rounds, "mediator": mediator, "reach": reach,
                                     "breakdown": breakdown, "polish": polish}
    if game is not None:
        parameters["rule"] = game.describe()
    method = f"mediated-{mediator}"
    text = np.full(batch, domain.status_quo, dtype=np.int64)
    used = np.zeros(batch, dtype=np.int64)
    ending = np.full(batch, DEADLINE, dtype=np.int8)

    def finish(code: int) -> Sessions:
        ending[:] = code
        return settled(method, parameters, domain.parties, names, np.zeros(batch, dtype=bool),
                       text, used, np.zeros((batch, n)), domain.reservations, ending)

    sitting = np.ones(n, dtype=bool)
    if game is None and domain.obstacle is not None:
        return finish(ENDINGS.index(domain.obstacle))
    if game is not None:
        from redline.negotiate.coalition_offers import adoptable, seated

        sitting = seated(domain)
        if not adoptable(domain, game).any():
            return finish(ENDINGS.index("refused" if not sitting.any() else "no-zone"))

    def carried(yes: NDArray[np.bool_]) -> NDArray[np.bool_]:
        """(batch,): whether the parties saying yes (batch, n) carry the decision."""
        if game is None:
            return np.asarray(yes.all(axis=1))
        return np.asarray(game.wins(yes & sitting))

    views, states = seat(domain, strategies, batch)
    moves, tier, target = _mediator_moves(domain, strategies, views, mediator, reach)
    if target is not None:
        parameters["reported_nash"] = domain.describe(target)
    real = moves != np.arange(domain.n_outcomes)[:, None]  # a move that changes the text

    # An exact shortcut, not knowledge of the mediator: if every vote depends only on the two
    # texts, a pass that met only vetoes would meet them again.
    static = all(s.static_votes for s in strategies)

    def choices(tried: NDArray[np.bool_], text: NDArray[np.int64]) -> NDArray[np.bool_]:
        """Moves the mediator may propose next: untried, changing the text, best tier."""
        untried = ~tried & real[text]
        if tier is not None:
            rank = np.where(untried, tier[text], 3)
            untried = untried & (rank == rank.min(axis=1, keepdims=True))
        return np.asarray(untried)

    tried = np.zeros((batch, moves.shape[1]), dtype=bool)
    agreed = np.zeros(batch, dtype=bool)
    active = np.ones(batch, dtype=bool)
    rested = np.zeros(batch, dtype=bool)
    rows = np.arange(batch)
    for r in range(rounds):
        time = (r + 1) / (rounds + 1)
        used[active] = r + 1
        # 1. Would every party sign the text as it stands? (each by its own acceptance rule)
        signatures = _poll(domain, transcript, ("signature", r, r), active, text, [
            strategies[p].respond(states[p], views[p], Moment(
                time, r, noise[:, r, 4 + 4 * p:6 + 4 * p], progress(r, rounds)), text)
            for p in range(n)])
        signed = active & carried(signatures)
        agreed |= signed
        ending[signed] = AGREEMENT
        active &= ~signed
        # 2. The mediator proposes a change of text; the parties vote.
        untried = choices(tried, text)
        holding = np.zeros(batch, dtype=bool) if target is None else text == target
        untried &= ~holding[:, None]  # at the (reported) Nash text the Nash mediator holds
        count = untried.sum(axis=1)
        exhausted = active & (count == 0) & ~holding
        if exhausted.any():
            rested |= exhausted  # a whole pass vetoed: a local optimum under today's votes
            if static:
                active &= ~exhausted  # the same votes again would veto the same moves
            else:
                tried[exhausted] = False  # the parties' stance moves with time: try again
                untried = choices(tried, text) & ~holding[:, None]
                count = untried.sum(axis=1)
                active &= (count > 0) | holding
        if not active.any():
            break
        proposing = active & (count > 0)
        pick = np.minimum((noise[:, r, 0] * count).astype(np.int64), np.maximum(count - 1, 0))
        move = np.argmax(np.cumsum(untried, axis=1) > pick[:, None], axis=1)
        proposal = moves[text, move]
        if transcript is not None:
            transcript.record("proposal", r, r, who, proposing, proposal)
        votes = _poll(domain, transcript, ("vote", r, r), proposing, proposal, [
            strategies[p].vote(states[p], views[p], Moment(
                time, r, noise[:, r, 2 + 4 * p:4 + 4 * p], progress(r, rounds)), text, proposal)
            for p in range(n)])
        unanimous = carried(votes)  # under a rule: carried by a winning coalition
        adopted = proposing & unanimous
        text = np.where(adopted, proposal, text)
        rested &= ~adopted
        tried[adopted] = False
        tried[rows[proposing & ~unanimous], move[proposing & ~unanimous]] = True
        if breakdown > 0.0:
            broke = active & (noise[:, r, 1] < breakdown)
            ending[broke] = BREAKDOWN
            active &= ~broke

    # 3. Deadline (or the mediator rests): a last call on the final text.
    final = ~agreed & (ending != BREAKDOWN)
    ratified = carried(_poll(domain, transcript, ("ratification", rounds, max(rounds - 1, 0)),
                             final, text, [domain.admissible[p, text] for p in range(n)]))
    ending[final & ratified] = AGREEMENT
    ending[final & ~ratified & rested] = VETOED
    agreed |= final & ratified
    if polish:
        text = improve_until_pareto(domain, views, moves, text, agreed, noise, transcript, who)
    value = domain.utilities[:, text].T
    return settled(method, parameters, domain.parties, names, agreed, text, used, value,
                   domain.reservations, ending,
                   transcript.sessions() if transcript is not None else ())


def _mediator_moves(domain: Domain, strategies: Sequence[Strategy],
                    views: Sequence[PartyView], mediator: str, reach: int
                    ) -> tuple[NDArray[np.int64], NDArray[np.int8] | None, int | None]:
    """The moves the mediator may propose from each text (outcomes x moves), the Nash
    mediator's order of preference among them (0 first; None for single-text), and the Nash
    text of the parties' reports it steers to (None when there is none)."""
    moves = domain.neighbours(reach)
    if mediator != "nash":
        return moves, None, None
    reports = [s.report(v) for s, v in zip(strategies, views, strict=True)]
    reported = np.stack([u for u, _ in reports])
    target = nash_point_of(reported, np.array([r for _, r in reports]),
                           np.asarray(domain.allowed.all(axis=0)))
    if target is None:
        return moves, None, None
    # The whole reported Nash text is one more move, tried before all others.
    moves = np.hstack([moves, np.full((domain.n_outcomes, 1), target)])
    tier = np.where(toward(domain, target, moves), 1, 2).astype(np.int8)
    tier[:, -1] = 0
    return moves, tier, target


def _poll(domain: Domain, transcript: Transcript | None, step: tuple[str, int, int],
          asked: NDArray[np.bool_], text: NDArray[np.int64],
          answers: Sequence[NDArray[np.bool_]]) -> NDArray[np.bool_]:
    """The parties' answers to `text` (one (batch,) array each, in seat order) as one (batch,
    n) table, each recorded in the transcript as `step` (kind, round, turn) for the sessions
    `asked`."""
    kind, round_, turn = step
    yes = np.zeros((len(text), domain.n_parties), dtype=bool)
    for p, said in enumerate(answers):
        yes[:, p] = said
        if transcript is not None:
            transcript.record(kind, round_, turn, domain.parties[p], asked, text, said)
    return yes


def improve_until_pareto(domain: Domain, views: Sequence[PartyView], moves: NDArray[np.int64],
                         text: NDArray[np.int64], agreed: NDArray[np.bool_],
                         noise: NDArray[np.float64], transcript: Transcript | None = None,
                         who: str = "mediator") -> NDArray[np.int64]:
    """Raiffa's last step: once the parties have agreed on a text, the mediator keeps proposing
    changes and adopts any that leaves no party worse off and some party better off, until
    none of its moves (the same ``moves`` as during the talks) does.

    This is Raiffa's post-settlement settlement (Raiffa 1985, "Post-settlement settlements",
    *Negotiation Journal* 1(1): 9–12): the agreed text stands as every party's fallback, so each
    answers "better, the same or worse for me?" truthfully (a veto costs it nothing). Proposing
    the untried moves in a random order and adopting the first that nobody vetoes and somebody
    welcomes is the same as adopting one drawn uniformly from those moves, which is what this
    does, with the session's own uniforms. Each adopted move is a Pareto improvement, so the
    loop ends, on a text no move in reach improves (on a small agenda, the Pareto frontier).
    """
    text = text.copy()
    polishing = agreed.copy()
    rows = np.arange(len(text))
    step = 0
    while polishing.any():
        candidate = moves[text]  # (batch, n_moves)
        here = np.broadcast_to(text[:, None], candidate.shape)
        welcome = candidate != text[:, None]
        gains = np.zeros(candidate.shape, dtype=bool)
        for view in views:
            welcome &= ~truthful_vote(view, candidate, here)  # nobody worse off
            gains |= truthful_vote(view, here, candidate)  # somebody better off
        welcome &= gains
        count = welcome.sum(axis=1)
        polishing &= count > 0
        if not polishing.any():
            break
        draw = noise[:, step % noise.shape[1], 0]
        pick = np.minimum((draw * count).astype(np.int64), np.maximum(count - 1, 0))
        move = np.argmax(np.cumsum(welcome, axis=1) > pick[:, None], axis=1)
        chosen = candidate[rows, move]
        if transcript is not None:
            transcript.record("improvement", noise.shape[1] + step, noise.shape[1], who,
                              polishing, chosen)
        text = np.where(polishing, chosen, text)
        step += 1
    return text
