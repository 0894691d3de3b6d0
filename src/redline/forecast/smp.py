"""KTAB's Spatial Model of Politics (SMP), written anew from its published description, the
algorithm of KTAB's (MIT-licensed) program and its reference run logs; it reproduces the logged
SOE-Pol-Comp run (tests/forecast/test_smp.py).

References: Wise, B., Lester, S. & Efird, B. (2015), "An introduction to the KAPSARC Toolkit
for Behavioral Analysis (KTAB) using one-dimensional models" and "A Spatial Model of Politics";
KTAB (KAPSARC, MIT licence), whose run logs print every intermediate quantity.

Actors hold positions in a multi-dimensional space (0–1 internally, 0–100 outside), with a
salience per dimension and a capability. Each turn (KTAB's settings: proportional voting,
linear victory probability, conditional PCE, deterministic transitions, "Mid" risk range,
"OneThird" risk estimates, semi-committed third parties, S2P2 bargains):

1. **Values.** ``v_ij = 1 - d_i(x_i, x_j)`` with ``d_i`` the distance weighted by i's squared
   saliences, ``sqrt(sum_k s_ik^2 dx_k^2 / sum_k s_ik^2)``.
2. **Risk.** A probabilistic Condorcet election among all positions (coalition strength
   ``C(a:b) = sum_k c_k max(0, v_ka - v_kb)``, ``P(a > b) = C(a:b) / (C(a:b) + C(b:a))``,
   ``P(a wins) ∝ prod_b P(a > b)``); each actor's winning chance mapped linearly onto
   [-1/2, 1] is its risk attitude r; utilities ``u = v (1 + r (1 - v))``. Actor h assumes
   actor i's attitude is ``(2 r_h + r_i) / 3``.
3. **Challenges.** Actor h's estimate of i challenging j: i brings ``c_i S_i (u_ii - u_ij)``,
   j brings ``c_j S_j (u_jj - u_ji)`` (``S`` the sum of an actor's saliences); every third
   party n weighs the little contest of the two principals and itself on the side it prefers
   (each afresh, not seeing the other third parties), and votes
   ``c_n S_n (U_n(i wins) - U_n(j wins))`` where, being semi-committed, it counts its own
   position once when its side wins; the votes add up into the two coalitions. Then
   ``P = C_i / (C_i + C_j)`` and the expected gain to k, against the status quo,
   ``(1 - S_j) 2u_ki + S_j (P 2u_ki + (1 - P) 2u_kj) - (u_ki + u_kj)``. Each actor challenges
   the target of largest expected gain to itself (if above 1e-5).
4. **Bargains.** The challenger proposes, per dimension, that both adopt
   ``(w_i t_i + w_j t_j) / (w_i + w_j)`` with weights ``w = s^2 p^2`` (its salience and its
   estimate of its victory probability, the target's likewise with 1 - p), rounded to 1e-4 as
   KTAB does (KTAB's "InitOnlyInterp": only the challenger's interpolation is put to the vote;
   KTAB also logs the target's view and a compromise of the two but does not use them).
5. **Resolution.** For every actor, an election among staying put and the bargains involving
   it, each judged by every actor as the mean utility of all positions after the bargain;
   the likeliest wins (or, with ``transitions="stochastic"``, one is drawn with those
   probabilities from ``numpy.random.default_rng(seed)``).
6. **Stopping.** When the total movement of a turn (the sum of the actors' Euclidean moves)
   falls to ``stop_fraction`` of the first turn's, or after ``max_turns``.
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import NDArray

from redline.forecast.compromise import actor_weights, weighted_mean
from redline.forecast.result import Forecast
from redline.forecast.smp_rules import (
    BargainModel,
    Interpolation,
    PceModel,
    RiskAdjust,
    RiskRange,
    Switches,
    ThirdParty,
    VictoryModel,
    VotingRule,
    big_r,
    election,
    estimated_risk,
    interpolate,
    third_party_sides,
    vote,
)
from redline.forecast.space import SCALE, ForecastInputError, IssueSpace

Array = NDArray[np.float64]
MIN_COALITION = 1e-10
MIN_GAIN = 1e-5
POSITION_TOLERANCE = 1e-3  # on the 0–1 scale: positions this close count as one
KTAB = Switches()
"""KTAB's default switches."""


def values(x: Array, s: Array) -> Array:
    """Risk-neutral values v[i, j] of actor j's position to actor i (positions on 0–1)."""
    return 1.0 - _distance(x[:, None, :], x[None, :, :], s)


def _distance(a: Array, b: Array, s: Array) -> Array:
    """Salience-weighted distance from a[i] to b[..] with actor i's saliences s[i]."""
    s2 = s**2
    norm = np.where(s2.sum(axis=1) > 0, s2.sum(axis=1), 1.0)
    shape = (-1,) + (1,) * (a.ndim - 2) + (s.shape[1],)
    return np.asarray(np.sqrt(((a - b) ** 2 * s2.reshape(shape)).sum(axis=-1)
                              / norm.reshape(shape[:-1])))


def condorcet_probabilities(u: Array, w: Array, switches: Switches = KTAB) -> Array:
    """Winning probability of each option (columns of ``u``: actors x options)."""
    return election(u, w, switches)


def risk_attitudes(v: Array, w: Array, switches: Switches = KTAB) -> Array:
    """Risk attitudes from the risk-neutral election (KTAB's "Mid": [-1/2, 1])."""
    return big_r(election(v, w, switches), switches.risk_range)


def position_probabilities(x: Array, s: Array, c: Array, tolerance: float = POSITION_TOLERANCE,
                           switches: Switches = KTAB) -> Array:
    """Each actor's chance that its position wins, as KTAB reports it: an election among the
    distinct positions (closer than ``tolerance`` counts as the same, the first actor's copy
    standing for the group) with risk-aware utilities; actors sharing a position share its
    chance."""
    v = values(x, s)
    u = risk_utility(v, risk_attitudes(v, c, switches))
    gaps = np.linalg.norm(x[:, None, :] - x[None, :, :], axis=2)
    stand_for = np.arange(x.shape[0])
    for i in range(x.shape[0]):
        earlier = np.flatnonzero((stand_for[:i] == np.arange(i)) & (gaps[i, :i] < tolerance))
        if earlier.size:
            stand_for[i] = earlier[0]
    distinct = np.unique(stand_for)
    chance = election(u[:, distinct], c, switches)
    return np.asarray(chance[np.searchsorted(distinct, stand_for)])


def risk_utility(v: Array, r: Array) -> Array:
    """Risk-aware utility u = v (1 + r (1 - v)), row i with attitude r_i."""
    shape = (-1,) + (1,) * (v.ndim - 1)
    return np.asarray(v * (1 + r.reshape(shape) * (1 - v)))


def challenges(est: Array, strength: Array, total_salience: Array, h: NDArray[np.int64],
               k: NDArray[np.int64], i: NDArray[np.int64], j: NDArray[np.int64],
               switches: Switches = KTAB) -> tuple[Array, Array]:
    """h's estimate (utilities ``est[h]``) of the probability that i beats j, and of the
    expected gain to k of i challenging j; vectorised over the index arrays (step 3). The
    votes follow the voting rule and the third parties' commitment; the probability is the
    linear ratio of the two coalitions whatever the victory model, as in KTAB's program."""
    rule = switches.voting_rule
    actors = np.arange(est.shape[0])[None, :]
    uni = est[h[:, None], actors, i[:, None]]  # pairs x third parties: u_n(x_i)
    unj = est[h[:, None], actors, j[:, None]]
    unn = np.diagonal(est, axis1=1, axis2=2)[h]
    pairs = np.arange(h.size)
    uii, uij = uni[pairs, i], unj[pairs, i]
    uji, ujj = uni[pairs, j], unj[pairs, j]
    own_i = vote(rule, strength[i], uii, uij)
    own_j = vote(rule, strength[j], uji, ujj)
    for_i = MIN_COALITION + np.clip(own_i, 0, None) + np.clip(own_j, 0, None)
    for_j = MIN_COALITION + np.clip(-own_i, 0, None) + np.clip(-own_j, 0, None)
    # third parties n (columns), each judging the little contest i:j with only itself added
    lean = vote(rule, strength[None, :], uni, unj)
    with_i = for_i[:, None] + np.clip(lean, 0, None)
    with_j = for_j[:, None] + np.clip(-lean, 0, None)
    p_in = with_i / (with_i + with_j)
    u_i_side, u_j_side = third_party_sides(switches.third_party, p_in, uni, unj, unn)
    votes = vote(rule, strength[None, :], u_i_side, u_j_side)
    votes = np.where((actors != i[:, None]) & (actors != j[:, None]), votes, 0.0)
    c_i = for_i + np.clip(votes, 0, None).sum(axis=1)
    c_j = for_j + np.clip(-votes, 0, None).sum(axis=1)
    p = c_i / (c_i + c_j)
    uki, ukj = uni[pairs, k], unj[pairs, k]
    sj = total_salience[j]
    gain = (1 - sj) * 2 * uki + sj * (p * 2 * uki + (1 - p) * 2 * ukj) - (uki + ukj)
    return p, gain


def _interpolate(ti: Array, si: Array, pi: Array, tj: Array, sj: Array, pj: Array
                 ) -> tuple[Array, Array]:
    """KTAB's S2P2 bargains, per deal (rows) and dimension: (i's, j's new positions)."""
    return interpolate("s2p2", ti, si, pi, tj, sj, pj)


def _bargains(x: Array, s: Array, c: Array, est: Array, strength: Array, total: Array,
              init: NDArray[np.int64], rcvr: NDArray[np.int64], p_win: Array,
              switches: Switches) -> tuple[NDArray[np.int64], NDArray[np.int64], Array, Array]:
    """The bargains put to the vote (switch 9): (initiators, receivers, i's and j's new
    positions), one row per bargain."""
    kind = switches.interpolation
    at_i, at_j = interpolate(kind, x[init], s[init], p_win, x[rcvr], s[rcvr], 1 - p_win)
    if switches.bargain == "initiator":
        return init, rcvr, at_i, at_j
    # the target's view: its own estimate that the challenger wins
    p_rcvr, _ = challenges(est, strength, total, rcvr, init, init, rcvr, switches)
    rc_i, rc_j = interpolate(kind, x[init], s[init], p_rcvr, x[rcvr], s[rcvr], 1 - p_rcvr)
    if switches.bargain == "initiator_receiver":
        return (np.concatenate([init, init]), np.concatenate([rcvr, rcvr]),
                np.vstack([at_i, rc_i]), np.vstack([at_j, rc_j]))
    wi, wj = (c[init] * total[init])[:, None], (c[rcvr] * total[rcvr])[:, None]
    return (init, rcvr, (wi * at_i + wj * rc_i) / (wi + wj), (wi * at_j + wj * rc_j) / (wi + wj))


def _turn(x: Array, s: Array, c: Array, rng: np.random.Generator | None,
          switches: Switches = KTAB) -> tuple[Array, Array]:
    """One turn: the new positions and the actors' risk attitudes."""
    n = x.shape[0]
    v = values(x, s)
    r = risk_attitudes(v, c, switches)
    if n < 2:
        return x.copy(), r
    guess = estimated_risk(r, switches.risk_adjustment)  # guess[h, i]: h's estimate of r_i
    est = v[None] * (1 + guess[:, :, None] * (1 - v)[None])
    total = s.sum(axis=1)
    strength = c * total
    ii, jj = np.nonzero(~np.eye(n, dtype=bool))
    prob, gain = challenges(est, strength, total, ii, ii, ii, jj, switches)
    gain = np.where(gain > MIN_GAIN, gain, -np.inf).reshape(n, n - 1)
    best = np.argmax(gain, axis=1)
    chosen = np.flatnonzero(np.isfinite(gain[np.arange(n), best]))
    if chosen.size == 0:
        return x.copy(), r
    target = jj.reshape(n, n - 1)[chosen, best[chosen]]
    p_win = prob.reshape(n, n - 1)[chosen, best[chosen]]
    init, rcvr, at_i, at_j = _bargains(x, s, c, est, strength, total, chosen, target, p_win,
                                       switches)
    # utility to actor a of the state after each deal: the mean of a's utilities of all
    # positions, the two dealers' replaced by the deal's (a judges with its own attitude)
    own = est[np.arange(n), np.arange(n)]  # own[a, m] = u_a(x_m)
    base = own.sum(axis=1)
    moved = (risk_utility(1.0 - _distance(x[:, None, :], at_i[None], s), r)
             + risk_utility(1.0 - _distance(x[:, None, :], at_j[None], s), r))
    after = (base[:, None] - own[:, init] - own[:, rcvr] + moved) / n
    new = x.copy()
    involved = np.zeros((n, init.size), dtype=bool)
    involved[init, np.arange(init.size)] = True
    involved[rcvr, np.arange(init.size)] = True
    for k in np.flatnonzero(involved.any(axis=1)):
        deals = np.flatnonzero(involved[k])
        if deals.size == 1 and switches.is_default:
            # staying versus one deal: KTAB's two-option election in closed form
            gap = after[:, deals[0]] - base / n
            pro, con = c @ np.clip(gap, 0, None), c @ np.clip(-gap, 0, None)
            chance = np.array([con, pro]) / (pro + con) if pro + con > 0 else np.full(2, 0.5)
        else:
            chance = election(np.column_stack([base / n, after[:, deals]]), c, switches)
        pick = int(np.argmax(chance)) if rng is None else int(rng.choice(chance.size, p=chance))
        if pick:
            d = deals[pick - 1]
            new[k] = at_i[d] if init[d] == k else at_j[d]
    return new, r


def smp(space: IssueSpace, *, max_turns: int = 100, stop_fraction: float = 0.02,
        transitions: Literal["deterministic", "stochastic"] = "deterministic",
        seed: int = 0, voting_rule: VotingRule = "proportional",
        victory_probability: VictoryModel = "linear", pce: PceModel = "conditional",
        risk_range: RiskRange = "mid", risk_adjustment: RiskAdjust = "one_third",
        third_party: ThirdParty = "semi", interpolation: Interpolation = "s2p2",
        bargain: BargainModel = "initiator") -> Forecast:
    """Run the spatial model of politics on all dimensions of ``space`` at once.

    Every actor needs a position and a salience on every dimension (KTAB's format guarantees
    it; the model registry runs DEU issues one at a time). The forecast is the capability x
    salience weighted mean of the final positions; ``details["winner"]`` is the most likely
    position of the final election and ``details["win_probabilities"]`` each actor's chance
    of winning in every state. ``seed`` only matters for stochastic transitions. The other
    keywords are KTAB's model switches (:mod:`redline.forecast.smp_rules`), KTAB's defaults.
    """
    if not np.all(space.present):
        raise ForecastInputError(f"{space.source}: the spatial model needs every actor's "
                                 "position and salience on every dimension. Fix: fill them in "
                                 "or drop the actor")
    if max_turns < 1 or not 0 < stop_fraction < 1:
        raise ForecastInputError("smp: max_turns must be >= 1 and stop_fraction in (0, 1). "
                                 "Fix: e.g. max_turns=100, stop_fraction=0.02")
    switches = Switches(voting_rule, victory_probability, pce, transitions, risk_range,
                        risk_adjustment, third_party, interpolation, bargain)
    rng = np.random.default_rng(seed) if transitions == "stochastic" else None
    x = space.positions / SCALE
    s = space.saliences
    c = space.capabilities
    history = [x.copy()]
    risks = []
    first = None
    converged = False
    for _ in range(max_turns):
        new, r = _turn(x, s, c, rng, switches)
        risks.append(r)
        moved = float(np.linalg.norm(new - x, axis=1).sum())
        x = new
        history.append(x.copy())
        first = moved if first is None else first
        if first == 0 or moved <= stop_fraction * first:
            converged = True
            break
    positions = np.array(history) * SCALE
    weights = actor_weights(space)
    trajectory = np.array([weighted_mean(pos, weights) for pos in positions])
    chances = np.array([position_probabilities(pos, s, c, switches=switches)
                        for pos in history])
    return Forecast(
        method="smp",
        parameters={"max_turns": max_turns, "stop_fraction": stop_fraction, "seed": seed,
                    **switches.to_dict()},
        actors=space.actors, issues=space.issues, outcome=trajectory[-1],
        trajectory=trajectory, positions=positions, converged=converged,
        details={"winner": positions[-1][int(np.argmax(chances[-1]))],
                 "risk_attitudes": np.array(risks), "win_probabilities": chances},
    )
