"""KTAB's model switches for the Spatial Model of Politics, one pure function per switch.

KTAB (KAPSARC Toolkit for Behavioral Analysis, MIT licence) lets a scenario choose nine
sub-models of SMP; the names here follow its scenario files (``ModelParameters`` of the XML
format, :mod:`redline.forecast.ktab_xml`) and its documentation (Wise, Lester & Efird 2015;
the comments of KTAB's ``kmodel.h``). KTAB's defaults, which reproduce its reference run
(``tests/forecast/test_smp.py``), are marked *default*.

1. **Voting rule** (``VotingRule``): the vote of an actor of weight w with utility difference
   du between two options: ``binary`` w·clip(du / 1e-8, ±1); ``propbin`` w(0.8 du + 0.2 binary);
   ``proportional`` w du (*default*, KTAB's ``Prop``); ``propcbc`` w(du + du³)/2; ``cubic``
   w du³; ``asymprosp`` w du for losses, ⅔ w du for gains (prospect theory).
2. **Victory probability** (``VictoryProbModel``): with coalition strengths s1 and s2,
   P(1 wins) = s1ᵏ / (s1ᵏ + s2ᵏ), k = 1 ``linear`` (*default*; 2:1 gives 2/3), 2 ``square``
   (4/5), 4 ``quartic`` (16/17), 8 ``octic`` (256/257); ``binary``: a 10% advantage wins
   outright, linear interpolation within it.
3. **PCE model** (``PCEModel``, probabilistic Condorcet election): from the pairwise victory
   probabilities to each option's chance. ``conditional`` (*default*): ∏_b P(a > b),
   normalised. ``markov_uniform``: the stationary distribution when a uniformly chosen option
   challenges the favourite. ``markov_incentive``: the same with challenges in proportion to
   the incentive, coalition strength × victory probability.
4. **State transitions** (``StateTransitions``): the likeliest choice (``deterministic``,
   *default*) or one drawn with its probability (``stochastic``); in :func:`smp`.
5. **Big-R range** (``BigRRange``): winning chances p mapped onto risk attitudes, ``min``
   [0, 1], ``mid`` [-½, 1] (*default*), ``max`` [-1, 1].
6. **Big-R adjustment** (``BigRAdjust``): actor h's estimate of actor i's attitude, r_h
   (``none``), (2 r_h + r_i)/3 (``one_third``, *default*), (r_h + r_i)/2 (``half``),
   (r_h + 2 r_i)/3 (``two_thirds``), r_i (``full``).
7. **Third-party commitment** (``ThirdPartyCommit``): what a third party n that joins a side
   expects to hold after the little contest of i, j and n: ``full`` the winner's position
   either way; ``semi`` (*default*) its own position when the side it joined wins, the winner's
   when it loses; ``none`` its own position either way. (KTAB gives both sides the same odds,
   so under ``full`` and ``none`` joining either side is worth the same and third parties cast
   no vote.)
8. **Bargain interpolation** (``InterVecBrgn``): per dimension, both parties move to
   (wᵢtᵢ + wⱼtⱼ)/(wᵢ + wⱼ) with w = salience × probability (``s1p1``) or salience² ×
   probability² (``s2p2``, *default*; rounded to 4 decimals, as KTAB does), or each moves
   toward the other by its probability deficit weighted by the other's salience² (``s2pmax``).
9. **Bargain model** (``BargnModel``): the bargain put to the vote is the challenger's
   interpolation (``initiator``, *default*, KTAB's ``InitOnlyInterp``), both the challenger's and
   the target's, each with its own estimate of the victory probability (``initiator_receiver``,
   ``InitRcvrInterp``), or their power-weighted compromise, weights capability × total salience
   (``compromise``, ``PWCompInterp``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from redline.forecast.space import ForecastInputError

Array = NDArray[np.float64]
VotingRule = Literal["binary", "propbin", "proportional", "propcbc", "cubic", "asymprosp"]
VictoryModel = Literal["linear", "square", "quartic", "octic", "binary"]
PceModel = Literal["conditional", "markov_incentive", "markov_uniform"]
RiskRange = Literal["min", "mid", "max"]
RiskAdjust = Literal["none", "one_third", "half", "two_thirds", "full"]
ThirdParty = Literal["none", "semi", "full"]
Interpolation = Literal["s1p1", "s2p2", "s2pmax"]
BargainModel = Literal["initiator", "initiator_receiver", "compromise"]
Transitions = Literal["deterministic", "stochastic"]

CHOICES: dict[str, tuple[str, ...]] = {
    "voting_rule": ("binary", "propbin", "proportional", "propcbc", "cubic", "asymprosp"),
    "victory_probability": ("linear", "square", "quartic", "octic", "binary"),
    "pce": ("conditional", "markov_incentive", "markov_uniform"),
    "transitions": ("deterministic", "stochastic"),
    "risk_range": ("min", "mid", "max"),
    "risk_adjustment": ("none", "one_third", "half", "two_thirds", "full"),
    "third_party": ("none", "semi", "full"),
    "interpolation": ("s1p1", "s2p2", "s2pmax"),
    "bargain": ("initiator", "initiator_receiver", "compromise"),
}
"""Each switch's settings, in KTAB's order."""

KTAB_NAMES: dict[str, tuple[str, tuple[str, ...]]] = {
    "voting_rule": ("VotingRule", ("Binary", "PropBin", "Prop", "PropCbc", "Cubic",
                                   "ASymProsp")),
    "victory_probability": ("VictoryProbModel", ("Linear", "Square", "Quartic", "Octic",
                                                 "Binary")),
    "pce": ("PCEModel", ("Conditional", "MarkovIncentive", "MarkovUniform")),
    "transitions": ("StateTransitions", ("Deterministic", "Stochastic")),
    "risk_range": ("BigRRange", ("Min", "Mid", "Max")),
    "risk_adjustment": ("BigRAdjust", ("None", "OneThird", "Half", "TwoThirds", "Full")),
    "third_party": ("ThirdPartyCommit", ("NoCommit", "SemiCommit", "FullCommit")),
    "interpolation": ("InterVecBrgn", ("S1P1", "S2P2", "S2PMax")),
    "bargain": ("BargnModel", ("InitOnlyInterp", "InitRcvrInterp", "PWCompInterp")),
}
"""Our switch name -> (KTAB's XML element, KTAB's names of the settings in CHOICES' order)."""


@dataclass(frozen=True)
class Switches:
    """One setting of each of KTAB's nine switches; the defaults are KTAB's."""

    voting_rule: VotingRule = "proportional"
    victory_probability: VictoryModel = "linear"
    pce: PceModel = "conditional"
    transitions: Transitions = "deterministic"
    risk_range: RiskRange = "mid"
    risk_adjustment: RiskAdjust = "one_third"
    third_party: ThirdParty = "semi"
    interpolation: Interpolation = "s2p2"
    bargain: BargainModel = "initiator"

    def __post_init__(self) -> None:
        for name, allowed in CHOICES.items():
            value = getattr(self, name)
            if value not in allowed:
                raise ForecastInputError(f"smp: {name} must be one of {', '.join(allowed)}, "
                                         f"got {value!r}. Fix: pass one of those")

    @property
    def is_default(self) -> bool:
        """Whether every switch but the state transitions has KTAB's default value."""
        return self == Switches(transitions=self.transitions)

    def to_dict(self) -> dict[str, Any]:
        """The switches as JSON, by name."""
        return asdict(self)


def vote(rule: str, weight: Array | float, u_a: Array, u_b: Array) -> Array:
    """The vote (influence) for option a over b of actors of ``weight`` (switch 1)."""
    du = u_a - u_b
    if rule == "proportional":
        return np.asarray(weight * du)
    binary = np.clip(du / 1e-8, -1.0, 1.0)
    if rule == "binary":
        return np.asarray(weight * binary)
    if rule == "propbin":
        return np.asarray(weight * (0.8 * du + 0.2 * binary))
    if rule == "propcbc":
        return np.asarray(weight * (0.5 * du + 0.5 * du**3))
    if rule == "cubic":
        return np.asarray(weight * du**3)
    if rule == "asymprosp":
        return np.asarray(np.where(du > 0, 2.0 * weight * du / 3.0, weight * du))
    raise AssertionError(f"unknown voting rule {rule}")  # Switches validated it


POWERS = {"linear": 1, "square": 2, "quartic": 4, "octic": 8}


def victory(model: str, s1: Array, s2: Array) -> Array:
    """P(the coalition of strength s1 beats the one of strength s2) (switch 2); 1/2 when
    neither has any strength."""
    if model == "binary":
        with np.errstate(divide="ignore", invalid="ignore"):
            share = s1 / (s1 + s2)
            inside = (share * 2.1 - 1.0) / 0.1  # 10% advantage either way decides
        p = np.where(s1 >= 1.1 * s2, 1.0 / (1.0 + 1e-6), np.where(
            s2 >= 1.1 * s1, 1e-6 / (1.0 + 1e-6), inside))
        return np.asarray(np.where((s1 + s2) > 0, p, 0.5))
    k = POWERS[model]
    x1, x2 = (s1, s2) if k == 1 else (s1**k, s2**k)
    both = x1 + x2
    return np.asarray(np.where(both > 0, x1 / np.where(both > 0, both, 1.0), 0.5))


def pce(model: str, strength: Array, pairwise: Array) -> Array:
    """Each option's chance from coalition strengths and pairwise victory probabilities
    (switch 3)."""
    n = pairwise.shape[0]
    if model == "conditional":
        with np.errstate(divide="ignore"):
            logp = np.log(pairwise).sum(axis=1)
        if not np.isfinite(logp.max()):
            return np.full(n, 1.0 / n)
        p = np.exp(logp - logp.max())
        return np.asarray(p / p.sum())
    p = np.full(n, 1.0 / n)
    # markov_incentive: challenges in proportion to strength x victory probability
    incentive = (strength + 1e-8) * pairwise + 1e-10 * np.eye(n)
    challenge = incentive / incentive.sum(axis=0, keepdims=True)  # P[i challenges j]
    uniform = model == "markov_uniform"
    tolerance = 1e-6 if uniform else 1e-8
    for _ in range(1000):
        if uniform:  # a uniformly drawn option challenges the favourite
            q = (pairwise * (p[:, None] + p[None, :])).sum(axis=1) / n
        else:
            ct = p[:, None] * challenge.T  # ct[i, j] = p_i P[j challenges i]
            q = (pairwise * (ct + ct.T)).sum(axis=1)
        change = float(np.abs(q - p).max())
        p = (p + q) / 2.0
        if change <= tolerance:
            return np.asarray(p / p.sum())
    raise AssertionError("the Markov PCE did not converge in 1000 steps")  # our bug


def election(u: Array, w: Array, switches: Switches) -> Array:
    """Winning probability of each option (columns of ``u``: actors x options), actors of
    weight ``w`` voting by the switches' rule, victory model and PCE."""
    if switches.voting_rule == "proportional":
        diff = u[:, :, None] - u[:, None, :]
        strength = np.einsum("k,kab->ab", w, np.clip(diff, 0, None))
    else:
        votes = vote(switches.voting_rule, w[:, None, None], u[:, :, None], u[:, None, :])
        strength = np.clip(votes, 0, None).sum(axis=0)
    pairwise = victory(switches.victory_probability, strength, strength.T)
    return pce(switches.pce, strength, pairwise)


def big_r(p: Array, span: str) -> Array:
    """Risk attitudes from winning chances (switch 5)."""
    spread = p.max() - p.min()
    if spread <= 0:
        return np.zeros_like(p)
    if span == "mid":
        return np.asarray(-0.5 + 1.5 * (p - p.min()) / spread)
    share = (p - p.min()) / spread
    return np.asarray(share if span == "min" else 2.0 * share - 1.0)


def estimated_risk(r: Array, adjust: str) -> Array:
    """guess[h, i]: actor h's estimate of actor i's risk attitude (switch 6)."""
    own, other = r[:, None], r[None, :]
    if adjust == "one_third":
        return np.asarray((2 * own + other) / 3)
    weight = {"none": 0.0, "half": 0.5, "two_thirds": 2.0 / 3.0, "full": 1.0}[adjust]
    return np.asarray(np.broadcast_to((1 - weight) * own + weight * other,
                                      (r.size, r.size)).copy())


def third_party_sides(commit: str, p_in: Array, uni: Array, unj: Array, unn: Array
                      ) -> tuple[Array, Array]:
    """Third party n's utility (summed over the three positions of the little contest) of
    joining i's side and of joining j's side, expected with its estimate ``p_in`` that i's side
    wins (switch 7). KTAB takes the same odds for both sides, so only ``semi`` can make the two
    differ: under ``full`` and ``none`` a third party's vote is always zero."""
    if commit == "semi":  # it keeps its own position only if the side it joined wins
        i_side = p_in * (2 * uni + unn) + (1 - p_in) * 3 * unj
        j_side = p_in * 3 * uni + (1 - p_in) * (2 * unj + unn)
    elif commit == "full":  # it moves to the winner's position either way
        i_side = p_in * 3 * uni + (1 - p_in) * 3 * unj
        j_side = p_in * 3 * uni + (1 - p_in) * 3 * unj
    else:  # "none": it keeps its own position either way
        i_side = p_in * (2 * uni + unn) + (1 - p_in) * (2 * unj + unn)
        j_side = p_in * (2 * uni + unn) + (1 - p_in) * (2 * unj + unn)
    return np.asarray(i_side), np.asarray(j_side)


def interpolate(kind: str, ti: Array, si: Array, pi: Array, tj: Array, sj: Array,
                pj: Array) -> tuple[Array, Array]:
    """Bargains per deal (rows) and dimension: (i's, j's new positions) (switch 8)."""
    if kind == "s2pmax":
        di = np.clip(pj - pi, 0, None)[:, None]
        dj = np.clip(pi - pj, 0, None)[:, None]
        si2, sj2 = si**2, sj**2
        dik = di * sj2 / (di * sj2 + 1e-6 + (1 - di) * si2)
        djk = dj * si2 / (dj * si2 + 1e-6 + (1 - dj) * sj2)
        return np.asarray(ti + dik * (tj - ti)), np.asarray(tj + djk * (ti - tj))
    power = 2 if kind == "s2p2" else 1
    wi, wj = si**power * pi[:, None] ** power, sj**power * pj[:, None] ** power
    lean = 1e-6
    bi = np.round(((wi + lean) * ti + wj * tj) / (wi + lean + wj), 4)
    bj = np.round((wi * ti + (lean + wj) * tj) / (wi + lean + wj), 4)
    return bi, bj
