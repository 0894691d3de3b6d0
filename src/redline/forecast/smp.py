"""A Spatial Model of Politics in the manner of KAPSARC's KTAB (Wise, Lester & Efird 2015, "A
Spatial Model of Politics"; KTAB, MIT licence).

Actors hold positions in a multi-dimensional issue space (0–100 per dimension) with their own
saliences, and influence. Each turn:

1. **Values.** Actor i values position j at ``v_ij = 1 - d_i(x_i, x_j)``, the distance
   weighted by i's squared saliences: ``d_i = sqrt(sum_k s_ik^2 (x_ik - x_jk)^2 / sum_k
   s_ik^2)`` on the 0–1 scale.
2. **Election.** A probabilistic Condorcet election among the actors' positions: coalition
   strength ``C(a:b) = sum_k w_k max(0, u_ka - u_kb)`` (proportional voting), victory
   probability ``C(a:b) / (C(a:b) + C(b:a))`` (linear), and the probability that a position
   wins ``∝ prod_b P(a > b)`` (KTAB's "conditional" PCE).
3. **Risk.** Each actor's risk attitude is its position's winning probability mapped linearly
   onto [-1/2, 1] (KTAB's "Mid" range) from the risk-neutral election; utilities are
   ``u = v (1 + r (1 - v))``. Actor h estimates another's attitude as ``(2 r_h + r_i) / 3``
   (KTAB's "OneThird").
4. **Challenges.** Each actor i, with its estimates, picks the target j with the largest
   expected gain: it wins with probability ``P_ij`` (the linear vote over all actors' estimated
   utilities of x_i versus x_j), and then j moves to x_i; if it loses, i moves to x_j; each
   move is worth the mover's winning probability times the change in i's utility.
5. **Bargains and resolution.** A challenge proposes that i and j both adopt their
   power-weighted compromise ``(w_i x_i + w_j x_j) / (w_i + w_j)``. Every actor then chooses
   among the bargains that involve it and staying put by a probabilistic Condorcet election
   over everyone's utilities of the resulting position, taking the likeliest (KTAB's
   "deterministic" transitions).
6. **Stopping.** Turns stop when the RMS change of positions falls below ``stop_fraction`` of
   the first turn's change, or after ``max_turns``.

Steps 1–3 reproduce KTAB's logged matrices to their printed precision (see the tests). Steps 4
and 5 are simplified: KTAB weighs third-party commitment in challenges and forms bargains by
interpolating both sides' views, which its published descriptions do not pin down; we therefore
do not reproduce KTAB's turn-by-turn positions exactly. The model is deterministic; ``seed``
only shuffles the order in which actors are recorded (the outcome does not depend on it, a test
says so), kept for KTAB compatibility.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from redline.forecast.compromise import actor_weights, weighted_mean
from redline.forecast.result import Forecast
from redline.forecast.space import SCALE, ForecastInputError, IssueSpace


def values(x: NDArray[np.float64], s: NDArray[np.float64]) -> NDArray[np.float64]:
    """Risk-neutral values v[i, j] of actor j's position to actor i (positions on 0–1)."""
    s2 = s**2
    norm = s2.sum(axis=1)
    norm = np.where(norm > 0, norm, 1.0)
    d2 = ((x[None, :, :] - x[:, None, :]) ** 2 * s2[:, None, :]).sum(axis=2) / norm[:, None]
    return np.asarray(1.0 - np.sqrt(d2))


def condorcet_probabilities(u: NDArray[np.float64], w: NDArray[np.float64]
                            ) -> NDArray[np.float64]:
    """Winning probability of each option (columns of ``u``: actors x options).

    Proportional votes, linear victory probability, conditional PCE (see the module notes).
    """
    diff = u[:, :, None] - u[:, None, :]
    strength = np.einsum("k,kab->ab", w, np.clip(diff, 0, None))
    both = strength + strength.T
    pairwise = np.where(both > 0, strength / np.where(both > 0, both, 1.0), 0.5)
    with np.errstate(divide="ignore"):
        logp = np.log(pairwise).sum(axis=1)
    if not np.isfinite(logp.max()):
        return np.full(u.shape[1], 1.0 / u.shape[1])
    p = np.exp(logp - logp.max())
    return np.asarray(p / p.sum())


def risk_attitudes(v: NDArray[np.float64], w: NDArray[np.float64]) -> NDArray[np.float64]:
    """KTAB's "Mid" risk attitudes in [-1/2, 1] from the risk-neutral election."""
    p = condorcet_probabilities(v, w)
    spread = p.max() - p.min()
    if spread <= 0:
        return np.zeros_like(p)
    return np.asarray(-0.5 + 1.5 * (p - p.min()) / spread)


def risk_utility(v: NDArray[np.float64], r: NDArray[np.float64]) -> NDArray[np.float64]:
    """Risk-aware utility u = v (1 + r (1 - v)), row i with attitude r_i."""
    return np.asarray(v * (1 + r[:, None] * (1 - v)))


def _turn(x: NDArray[np.float64], s: NDArray[np.float64], w: NDArray[np.float64]
          ) -> tuple[NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """One turn: new positions, the actors' risk attitudes, and the positions' win chances."""
    n = x.shape[0]
    v = values(x, s)
    r = risk_attitudes(v, w)
    u = risk_utility(v, r)
    p = condorcet_probabilities(u, w)
    proposals: list[list[NDArray[np.float64]]] = [[x[k]] for k in range(n)]
    for i in range(n):
        est = (2 * r[i] + r) / 3
        ui = risk_utility(v, est)  # i's estimate of everyone's utilities
        votes = w[:, None] * (ui[:, [i]] - ui)  # votes[k, j]: k for x_i over x_j
        pro = np.clip(votes, 0, None).sum(axis=0)
        con = np.clip(-votes, 0, None).sum(axis=0)
        both = pro + con
        pij = np.where(both > 0, pro / np.where(both > 0, both, 1.0), 0.5)
        loss = ui[i, i] - ui[i]  # what x_j costs i
        gain = pij * p * loss - (1 - pij) * p[i] * loss
        gain[i] = 0.0
        gain[np.all(x == x[i], axis=1)] = 0.0
        j = int(np.argmax(gain))
        if gain[j] <= 0:
            continue
        point = (w[i] * x[i] + w[j] * x[j]) / (w[i] + w[j])
        proposals[i].append(point)
        proposals[j].append(point)
    new = x.copy()
    for k in range(n):
        if len(proposals[k]) == 1:
            continue
        options = np.array(proposals[k])
        trial = np.repeat(x[None], len(options), axis=0)
        trial[:, k] = options
        # everyone's utility of the option for k: value of k's new position to each actor
        s2 = s**2
        norm = np.where(s2.sum(axis=1) > 0, s2.sum(axis=1), 1.0)
        d = np.sqrt(((options[None, :, :] - x[:, None, :]) ** 2 * s2[:, None, :]).sum(axis=2)
                    / norm[:, None])
        uo = risk_utility(1.0 - d, r)
        prob = condorcet_probabilities(uo, w)
        new[k] = options[int(np.argmax(prob))]
    return new, r, p


def smp(space: IssueSpace, *, max_turns: int = 100, stop_fraction: float = 0.02,
        seed: int = 0) -> Forecast:
    """Run the spatial model of politics on all dimensions of ``space`` at once.

    Every actor must have a position and a salience on every dimension (KTAB's format
    guarantees it; DEU issues are run one at a time by the backtest). The forecast is the
    capability x salience weighted mean of the final positions; ``details["winner"]`` holds
    the most likely position of the final election.
    """
    if not np.all(space.present):
        raise ForecastInputError(f"{space.source}: the spatial model needs every actor's "
                                 "position and salience on every dimension. Fix: fill them in "
                                 "or drop the actor")
    if max_turns < 1 or not 0 < stop_fraction < 1:
        raise ValueError("max_turns >= 1 and 0 < stop_fraction < 1")
    order = np.random.default_rng(seed).permutation(space.n_actors)
    x = space.positions / SCALE
    s = space.saliences
    w = space.capabilities
    weights = actor_weights(space)
    history = [x.copy()]
    risks, probs = [], []
    first = None
    converged = False
    for _ in range(max_turns):
        new, r, p = _turn(x, s, w)
        risks.append(r)
        probs.append(p)
        change = float(np.sqrt(np.mean((new - x) ** 2)))
        x = new
        history.append(x.copy())
        if first is None:
            first = change
        if first == 0 or change <= stop_fraction * first:
            converged = True
            break
    positions = np.array(history) * SCALE
    trajectory = np.array([weighted_mean(pos, weights) for pos in positions])
    final_p = condorcet_probabilities(risk_utility(values(x, s), risks[-1]), w)
    return Forecast(
        method="smp", parameters={"max_turns": max_turns, "stop_fraction": stop_fraction,
                                  "seed": seed},
        actors=space.actors, issues=space.issues, outcome=trajectory[-1],
        trajectory=trajectory, positions=positions, converged=converged,
        details={"winner": positions[-1][int(np.argmax(final_p))],
                 "risk_attitudes": np.array(risks), "win_probabilities": np.array(probs),
                 "actor_order": [space.actors[i] for i in order]},
    )
