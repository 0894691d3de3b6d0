"""Bueno de Mesquita's expected-utility ("challenge") model, as reconstructed by Scholz, Calbert
& Smith (2011), "Unravelling Bueno de Mesquita's group decision model", *Journal of Theoretical
Politics* 23(4): 510–531.

Each round, on each issue separately: every actor weighs challenging every other actor (the
probability of winning comes from the capability x salience weighted votes of all actors; the
utilities of success, failure and the status quo depend on the actor's risk exponent, itself
inferred from how exposed its position is); challenges become offers (confrontation, compromise,
capitulation); each actor accepts one offer and moves. The forecast is the median-voter position
of the final round; the trajectory holds the median after every round.

Interpretive choices (the paper leaves them open; docs/forecast.md tabulates the 26 readings
tried against the paper's round-by-round medians on the EC emission-standards example):

1. Distances are divided by the range of the initial positions on the issue (fixed across
   rounds); utilities of success/failure are ``2 - 4 (0.5 -/+ 0.5 d)^r``, of the status quo
   ``2 - 4 (0.5)^r``, of a better/worse change ``2 - 4 (0.5 -/+ 0.25 (d_mu + d))^r``.
2. Votes ``c_k s_k ((|x_k - x_b|/range)^r_k - (|x_k - x_a|/range)^r_k)`` use each voter's risk
   exponent. ``win_probability="all_pairs"`` (default) divides the votes for a over b by the
   absolute votes summed over *all* pairs of positions, as Scholz et al.'s program is reported
   to do (it is what moves actors on the example); ``"per_pair"`` is the paper's eq. 31, the
   votes for a over the absolute votes on the pair (a, b) only.
3. Risk: with every r = 1, an actor's danger is the sum of the others' expected utility of
   challenging it; ``R_i = (2 danger_i - max - min) / (max - min)`` across actors,
   ``r_i = (1 - R_i/3) / (1 + R_i/3)``. Risk is recomputed from r = 1 every round.
4. Every actor judges an offer to it from its own perspective, i.e. with its own risk exponent
   for both sides' expected utilities.
5. Offers to i from j: confrontation when ``EU_ji > EU_ij > 0`` (i moves to x_j); compromise
   when ``EU_ji > 0 > EU_ij`` and ``EU_ji > |EU_ij|`` (i moves toward x_j by the fraction
   ``|EU_ij / EU_ji|``); capitulation when ``EU_ji > 0 > EU_ij`` and ``EU_ji < |EU_ij|`` (i moves
   to x_j). An actor takes a confrontation if it has one (the nearest), else a compromise, else
   a capitulation (the nearest). Among compromises ``offer_choice="least_change"`` (default)
   takes the one that moves it least, as the paper's text says; ``"scholz"`` takes the one
   whose EU-weighted midpoint ``(|EU_ij| x_i + |EU_ji| x_j) / (|EU_ij| + |EU_ji|)`` is lowest,
   as Scholz et al.'s program is reported to do (it reproduces their table, but "lowest"
   depends on which end of the scale is 0).
6. The median voter position is the current position minimising ``sum_k c_k s_k |x_k - x|``
   (the Condorcet winner of risk-neutral pairwise votes). Ties: ``median_tie="midpoint"``
   (default) takes the midpoint of the tied positions, ``"lower"`` the lower one (the
   replication's reading; like ``"scholz"`` offers it is not invariant to reversing the scale).
7. ``q`` is the probability that the status quo persists without a challenge (1.0 in the
   example); ``t`` the probability that a change without challenge is for the better, one number
   for every pair, or ``t="per_pair"``: T_ij = 1 when i is nearer the median voter than j (an
   unchallenged change pulls j toward the median, hence toward i), else 0, as the paper sets it
   per pair (pp. 22–23).

With the defaults the model is invariant to the orientation of every scale: reversing a scale
(x -> 100 - x) mirrors the forecast (tests/forecast/test_bdm.py).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
from numpy.typing import NDArray

from redline.forecast.result import Forecast
from redline.forecast.space import SCALE, ForecastInputError, IssueSpace
from redline.limits import TOLERANCE

OfferChoice = Literal["least_change", "scholz"]
MedianTie = Literal["midpoint", "lower"]
WinProbability = Literal["all_pairs", "per_pair"]
Persistence = float | Literal["per_pair"]
EU_TOLERANCE = TOLERANCE
"""Expected utilities closer than this count as equal (or as zero)."""


def median_voter(x: NDArray[np.float64], weight: NDArray[np.float64],
                 tie: MedianTie = "lower") -> float:
    """The actor position minimising the weighted sum of distances; on a tie the lowest such
    position (``tie="lower"``) or the midpoint of the lowest and highest (``"midpoint"``)."""
    candidates = np.unique(x)
    cost = (weight[None, :] * np.abs(x[None, :] - candidates[:, None])).sum(axis=1)
    if tie == "lower":
        return float(candidates[int(np.argmin(cost))])
    best = candidates[cost <= cost.min() + 1e-9 * max(float(cost.min()), 1.0)]
    return float((best.min() + best.max()) / 2)


def _win_probability(x: NDArray[np.float64], cs: NDArray[np.float64], r: NDArray[np.float64],
                     span: float, rule: WinProbability = "all_pairs") -> NDArray[np.float64]:
    """P[a, b]: probability that position a prevails over b (interpretive choice 2)."""
    dist = (np.abs(x[:, None] - x[None, :]) / span) ** r[:, None]  # dist[k, a]
    votes = cs[:, None, None] * (dist[:, None, :] - dist[:, :, None])  # votes[k, a, b]
    favour = np.clip(votes, 0, None).sum(axis=0)
    if rule == "per_pair":  # eq. 31: the votes on the pair (a, b) only
        total = np.abs(votes).sum(axis=0)
        with np.errstate(divide="ignore", invalid="ignore"):
            prob = np.where(total > 0, favour / total, 0.5)
    else:
        grand = float(np.abs(votes).sum())
        if grand == 0:
            return np.zeros((x.size, x.size))
        prob = favour / grand
    prob[x[:, None] == x[None, :]] = 0.0
    return np.asarray(prob)


def _better_if_changed(x: NDArray[np.float64], mu: float, t: Persistence
                       ) -> NDArray[np.float64] | float:
    """T: the probability that an unchallenged change is for the better (choice 7)."""
    if t == "per_pair":
        gap = np.abs(x - mu)
        return np.asarray((gap[:, None] < gap[None, :] - 1e-9 * SCALE).astype(float))
    return float(t)


def _expected_utilities(x: NDArray[np.float64], s: NDArray[np.float64], r: NDArray[np.float64],
                        prob: NDArray[np.float64], span: float, mu: float, q: float,
                        t: Persistence) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """(EU_ij, EU_ji) from i's perspective: i challenging j, and j challenging i."""
    d = np.abs(x[:, None] - x[None, :]) / span
    ri = r[:, None]
    u_success = 2 - 4 * (0.5 - 0.5 * d) ** ri
    u_failure = 2 - 4 * (0.5 + 0.5 * d) ** ri
    u_sq = 2 - 4 * 0.5 ** ri
    d_mu = np.abs(x - mu)[:, None] / span
    u_better = 2 - 4 * np.clip(0.5 - 0.25 * (d_mu + d), 0, None) ** ri
    u_worse = 2 - 4 * (0.5 + 0.25 * (d_mu + d)) ** ri
    better = _better_if_changed(x, mu, t)
    hold = q * u_sq + (1 - q) * (better * u_better + (1 - better) * u_worse)
    eu_ij = s[None, :] * (prob * u_success + (1 - prob) * u_failure) \
        + (1 - s[None, :]) * u_success - hold
    eu_ji = s[:, None] * (prob.T * u_success + (1 - prob.T) * u_failure) \
        + (1 - s[:, None]) * u_success - hold
    np.fill_diagonal(eu_ij, 0.0)
    np.fill_diagonal(eu_ji, 0.0)
    return eu_ij, eu_ji


def risk_exponents(x: NDArray[np.float64], c: NDArray[np.float64], s: NDArray[np.float64],
                   span: float, mu: float, q: float, t: Persistence,
                   rule: WinProbability = "all_pairs") -> NDArray[np.float64]:
    """Each actor's risk exponent r in [0.5, 2] (interpretive choice 3)."""
    ones = np.ones_like(x)
    prob = _win_probability(x, c * s, ones, span, rule)
    _, eu_ji = _expected_utilities(x, s, ones, prob, span, mu, q, t)
    danger = eu_ji.sum(axis=1)
    spread = danger.max() - danger.min()
    if spread <= TOLERANCE * max(1.0, float(np.abs(danger).max())):
        return ones
    big_r = (2 * danger - danger.max() - danger.min()) / spread
    return np.asarray((1 - big_r / 3) / (1 + big_r / 3))


def _round(x: NDArray[np.float64], c: NDArray[np.float64], s: NDArray[np.float64], span: float,
           q: float, t: Persistence, offer_choice: OfferChoice, tie: MedianTie,
           rule: WinProbability) -> NDArray[np.float64]:
    """One round of challenges and offers on one issue: the new positions."""
    cs = c * s
    mu = median_voter(x, cs, tie)
    r = risk_exponents(x, c, s, span, mu, q, t, rule)
    prob = _win_probability(x, cs, r, span, rule)
    eu_ij, eu_ji = _expected_utilities(x, s, r, prob, span, mu, q, t)
    differ = x[:, None] != x[None, :]
    gap = np.abs(x[None, :] - x[:, None])
    # Comparisons allow for rounding (EU_TOLERANCE): on scales with few distinct positions
    # exact ties are common, and a tie must not be decided by the last bit of a float.
    tol = EU_TOLERANCE
    confront = differ & (eu_ji > eu_ij + tol) & (eu_ij > tol)
    yield_ = differ & (eu_ji > tol) & (eu_ij < -tol)
    compromise = yield_ & (eu_ji > np.abs(eu_ij) + tol)
    capitulate = yield_ & (eu_ji < np.abs(eu_ij) - tol)
    with np.errstate(divide="ignore", invalid="ignore"):
        fraction = np.where(compromise, np.abs(eu_ij / eu_ji), 0.0)
        midpoint = (np.abs(eu_ij) * x[:, None] + np.abs(eu_ji) * x[None, :]) / (
            np.abs(eu_ij) + np.abs(eu_ji))
    moved = x[:, None] + (x[None, :] - x[:, None]) * fraction
    new = x.copy()
    for i in range(x.size):
        if confront[i].any():
            j = np.flatnonzero(confront[i])[np.argmin(gap[i, confront[i]])]
            new[i] = x[j]
        elif compromise[i].any():
            options = np.flatnonzero(compromise[i])
            key = midpoint[i, options] if offer_choice == "scholz" else np.abs(
                moved[i, options] - x[i])
            first = np.flatnonzero(key <= key.min() + tol * SCALE)[0]  # ties: actor order
            new[i] = moved[i, options[first]]
        elif capitulate[i].any():
            j = np.flatnonzero(capitulate[i])[np.argmin(gap[i, capitulate[i]])]
            new[i] = x[j]
    return new


def _check(rounds: int, q: float, t: Persistence, offer_choice: str, median_tie: str,
           win_probability: str) -> None:
    for name, value, allowed in (("offer_choice", offer_choice, ("least_change", "scholz")),
                                 ("median_tie", median_tie, ("midpoint", "lower")),
                                 ("win_probability", win_probability, ("all_pairs", "per_pair"))):
        if value not in allowed:
            raise ForecastInputError(f"bdm: {name} must be one of {', '.join(allowed)}, got "
                                     f"{value!r}. Fix: pass one of those")
    if t != "per_pair" and not (isinstance(t, int | float) and 0 <= t <= 1):
        raise ForecastInputError(f"bdm: t must be a probability or 'per_pair', got {t!r}")
    if rounds < 0 or not 0 <= q <= 1:
        raise ForecastInputError("bdm: rounds must be >= 0 and q a probability. Fix: e.g. "
                                 "rounds=8, q=1.0")


def bdm(space: IssueSpace, *, rounds: int = 8, q: float = 1.0, t: Persistence = 1.0,
        offer_choice: OfferChoice = "least_change", median_tie: MedianTie = "midpoint",
        win_probability: WinProbability = "all_pairs", tolerance: float = 1e-9) -> Forecast:
    """Run the challenge model on every issue for up to ``rounds`` rounds.

    The defaults are invariant to the orientation of every scale; Scholz et al.'s replication
    reading is ``offer_choice="scholz", median_tie="lower"`` (module docstring, choices 5–6).
    An issue stops early once no actor moves by more than ``tolerance``; its median then stays
    put in the trajectory. Actors without a position (or salience) on an issue sit it out.
    """
    _check(rounds, q, t, offer_choice, median_tie, win_probability)
    present = space.present
    n, m = space.positions.shape
    trajectory = np.full((rounds + 1, m), np.nan)
    positions = np.full((rounds + 1, n, m), np.nan)
    risk = np.full((n, m), np.nan)
    converged = True
    for k in range(m):
        who = np.flatnonzero(present[:, k])
        if who.size == 0:
            continue
        x = space.positions[who, k].astype(float)
        c = space.capabilities[who]
        s = space.saliences[who, k]
        span = float(x.max() - x.min())
        positions[0, who, k] = x
        trajectory[0, k] = median_voter(x, c * s, median_tie)
        if span > 0:
            risk[who, k] = risk_exponents(x, c, s, span, trajectory[0, k], q, t,
                                          win_probability)
        still = False
        for step in range(1, rounds + 1):
            if span > 0 and (step == 1 or still):
                new = _round(x, c, s, span, q, t, offer_choice, median_tie, win_probability)
                still = bool(np.max(np.abs(new - x)) > tolerance)
                x = new
            positions[step, who, k] = x
            trajectory[step, k] = median_voter(x, c * s, median_tie)
        converged = converged and not still
    return Forecast(
        method="bdm",
        parameters={"rounds": rounds, "q": q, "t": t, "offer_choice": offer_choice,
                    "median_tie": median_tie, "win_probability": win_probability,
                    "tolerance": tolerance},
        actors=space.actors, issues=space.issues, outcome=trajectory[-1],
        trajectory=trajectory, positions=positions, converged=converged,
        details={"initial_risk_exponents": risk},
    )
