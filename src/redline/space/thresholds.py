"""Break-even values: how far a reservation or a weight can move before the verdict or the deal
changes. Exact, from the structure of the space; nothing is sampled.

Let F be the feasible outcomes of the agenda (every applied red line holds) and, for a party i,
S_i = {o in F : u_j(o) >= d_j for every other party j} the outcomes the others accept.

Reservation. The ZOPA is non-empty iff some o in S_i has u_i(o) >= d_i, so it is open exactly for
d_i <= T_i = max_{o in S_i} u_i(o) (the same figure as `explain`'s headroom, d_i + headroom).
T_i is the break-even reservation; with S_i empty no reservation of i opens a deal (null).

Weight. Setting i's normalised weight on issue k to t and rescaling the others in proportion
(:mod:`redline.scenario.settings`) makes every utility of i a line in t:
u_i(o; t) = b(o) + t (v_ik(o_k) - b(o)), with b(o) the other issues' contribution divided by
1 - w_ik. The other parties' utilities do not move, so S_i is fixed and

- the verdict is "a deal" iff max_{o in S_i} u_i(o; t) >= d_i: each outcome admits a half-line of
  t, so the deal set is [0, L] U [R, 1] with L and R read off the lines' roots;
- the Nash product of o is N_o(t) = C_o (u_i(o; t) - d_i), C_o = prod_{j != i} (u_j(o) - d_j):
  also a line. While the maximum is positive its maximiser is in the ZOPA and on the frontier
  (Nash 1950: a positive product is raised by any Pareto improvement), so the Nash package is the
  maximiser of the upper envelope of the lines N_o, and it changes only at the envelope's vertices.

The candidate breakpoints are L, R and the envelope's vertices on [0, 1]; between two of them the
state (verdict, Nash package) is constant and is read at the midpoint, ties broken as `analyze`
breaks them (first outcome in canonical order). The reported threshold is the nearest candidate
past which the state differs from the current one; `lower` and `upper` bound the interval around
the current value where it holds. Knife-edge scenarios where the largest Nash product is exactly 0
(some party gets exactly its reservation in every deal) are ties broken by order, not tracked.

Credibility. A red line's credibility c is the probability that it binds (the Monte Carlo draws
it in with probability c, independently of the rest). The analysis applies every red line; if
dropping this one changes the verdict or the Nash package, the analysis's answer holds with
probability c and the other with 1 - c, so the break-even credibility is 1/2 (below it the other
answer is the likelier); when dropping it changes nothing, no credibility matters (null).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from redline.limits import MAX_THRESHOLD_WORK, TOLERANCE
from redline.scenario import Scenario
from redline.scenario.budget import check_thresholds
from redline.scenario.settings import Setting, current_value, parse_setting
from redline.scenario.situation import Situation, situate
from redline.space.analysis import (
    DEFAULT_MAX_OUTCOMES,
    RATIONALITY_SLACK,
    SpaceTooLarge,
    analyze,
    applied_rules,
)
from redline.space.outcomes import OutcomeSpace, outcome_space
from redline.version import __version__

SLACK = RATIONALITY_SLACK * 16  # the allowance of individual rationality, as `analyze` grants it
CREDIBILITY_BREAK_EVEN = 0.5  # an answer resting on one red line is the likelier one from here


@dataclass(frozen=True)
class Threshold:
    """One break-even value: `threshold` is None when nothing changes in [0, 1]."""

    parameter: str
    current: float
    threshold: float | None
    effect: str
    lower: float | None = None  # the state holds for values in (lower, upper) around current
    upper: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """The break-even value as JSON: the setting, its current value, the threshold and its
        effect, and the interval in which the verdict or deal holds."""
        return {"parameter": self.parameter, "current": round(self.current, 12),
                "threshold": None if self.threshold is None else round(self.threshold, 12),
                "effect": self.effect,
                "lower": None if self.lower is None else round(self.lower, 12),
                "upper": None if self.upper is None else round(self.upper, 12)}


@dataclass(frozen=True)
class Thresholds:
    """Every break-even value of a scenario under one agenda."""

    scenario_title: str
    parties: tuple[str, ...]
    agenda: tuple[str, ...]
    verdict: str  # "no talks", "no deal" or "a deal"
    nash: dict[str, str] | None  # the Nash package over the agenda's issues
    items: tuple[Threshold, ...]
    situation: Situation | None = None
    method: str = "exact-lines"
    parameters: dict[str, Any] = field(default_factory=dict)
    version: str = __version__

    def _repr_html_(self) -> str:
        """The result in a Jupyter notebook (see :mod:`redline.notebook`)."""
        from redline.notebook import result_html

        return result_html(self.to_dict())

    def to_dict(self) -> dict[str, Any]:
        """The ``redline-thresholds/1`` JSON document: the verdict, the Nash package, every
        break-even value, and how they were computed."""
        return {"format": "redline-thresholds/1", "scenario": self.scenario_title,
                "situation": None if self.situation is None else self.situation.to_dict(),
                "parties": list(self.parties), "agenda": list(self.agenda),
                "verdict": self.verdict, "nash": self.nash,
                "thresholds": [t.to_dict() for t in self.items],
                "method": self.method, "parameters": self.parameters, "version": self.version}

    def rows(self) -> list[dict[str, Any]]:
        """The table of thresholds, one row a parameter (for CSV)."""
        return [t.to_dict() for t in self.items]


@dataclass(frozen=True)
class _Space:
    """The agenda's outcomes, enumerated: feasibility, utilities, option indices."""

    space: OutcomeSpace
    feasible: NDArray[np.bool_]
    utilities: NDArray[np.float64]  # (outcomes, parties)
    options: NDArray[np.int64]  # (outcomes, scenario issues)


def _enumerate(scenario: Scenario, agenda: Sequence[str] | None, parties: Sequence[str],
               max_outcomes: int) -> _Space:
    space = outcome_space(scenario, agenda, parties)
    if space.size > max_outcomes:
        raise SpaceTooLarge(
            f"the agenda has {space.size:,} outcomes, more than the limit of {max_outcomes:,} for "
            "break-even values; narrow the agenda (--agenda) or raise the limit (--max-outcomes)")
    feasible = np.ones(space.size, dtype=bool)
    for rule in applied_rules(scenario, space.parties):
        feasible &= space.rule_mask(rule)
    options = space.full_options(space.decode(np.arange(space.size, dtype=np.int64)))
    return _Space(space, feasible, space.grid_utilities(), options)


def verdict_of(scenario: Scenario, agenda: Sequence[str] | None,
               max_outcomes: int = DEFAULT_MAX_OUTCOMES) -> tuple[str, dict[str, str] | None]:
    """("no talks" | "no deal" | "a deal", the Nash package over the agenda or None)."""
    result = analyze(scenario, agenda, max_outcomes=max_outcomes)
    if result.refused_by:
        return "no talks", None
    nash = result.solutions["nash"]
    if nash is None:
        return "no deal", None
    labels = result.labels(nash.options)
    return "a deal", {i: labels[i] for i in result.agenda}


def thresholds(subject: Scenario | Situation, agenda: Sequence[str] | None = None, *,
               credibility: bool = True, max_outcomes: int = DEFAULT_MAX_OUTCOMES,
               max_work: int = MAX_THRESHOLD_WORK) -> Thresholds:
    """Break-even values of every party's reservation and weights, and of each applied red
    line's credibility, in a situation (a scenario is taken as it is, under `agenda`). Under a
    decision rule other than unanimity, the verdict and the deal are a winning coalition's
    (:mod:`redline.space.rule_thresholds`). Packages x settings past `max_work` are refused
    before any work (:class:`~redline.scenario.budget.WorkTooLarge`)."""
    current = situate(subject, agenda)
    scenario, agenda = current.scenario, current.agenda
    names = _setting_names(scenario)
    check_thresholds(math.prod(len(scenario.issue(i).options) for i in agenda), len(names),
                     max_work)
    if not scenario.voting_game().is_unanimity:  # a vote: a winning coalition's deal counts
        from redline.space.rule_thresholds import rule_thresholds

        return rule_thresholds(current, credibility=credibility, max_outcomes=max_outcomes)
    verdict, nash = verdict_of(scenario, agenda, max_outcomes)
    base = analyze(scenario, agenda, max_outcomes=max_outcomes)
    parameters: dict[str, Any] = {"agenda": list(base.agenda), "max_outcomes": max_outcomes,
                                  "credibility": credibility}
    settings = [parse_setting(scenario, n) for n in names]
    if verdict == "no talks":
        refusing = ", ".join(sorted({a for a, _ in base.refused_by}))
        items = [Threshold(s.name, current_value(scenario, s), None,
                           f"none: no talks ({refusing} refuses the agenda), whatever the value")
                 for s in settings]
        return Thresholds(scenario.title, base.parties, base.agenda, verdict, None,
                          tuple(items), current, parameters=parameters)
    enumerated = _enumerate(scenario, base.agenda, base.parties, max_outcomes)
    items = [_reservation(enumerated, s, verdict) if s.kind == "reservation"
             else _weight(enumerated, s, verdict, nash, base.agenda) for s in settings]
    if credibility:
        items += [_credibility(scenario, red_id, verdict, nash, base.agenda, max_outcomes)
                  for red_id in applied_rules(scenario, base.parties)]
    return Thresholds(scenario.title, base.parties, base.agenda, verdict, nash, tuple(items),
                      current, parameters=parameters)


def _setting_names(scenario: Scenario) -> list[str]:
    """The settings whose break-even values are sought: every party's reservation, and its
    weight on each issue when there is more than one."""
    names = [f"{p}.reservation" for p in scenario.parties]
    if len(scenario.issue_ids) > 1:
        names += [f"{p}.weights.{i}" for p in scenario.parties for i in scenario.issue_ids]
    return names


def _others_accept(e: _Space, j: int) -> NDArray[np.bool_]:
    """S_j: feasible outcomes every party other than j accepts."""
    d = np.array([e.space.scenario.utilities[p].reservation for p in e.space.parties])
    ok = e.feasible.copy()
    for m in range(len(d)):
        if m != j:
            ok &= e.utilities[:, m] >= d[m] - SLACK
    return ok


def reservation_break_even(e: _Space, party: str) -> float | None:
    """T_i = max u_i over S_i (None when S_i is empty)."""
    j = e.space.parties.index(party)
    accepted = _others_accept(e, j)
    return float(e.utilities[accepted, j].max()) if accepted.any() else None


def _reservation(e: _Space, setting: Setting, verdict: str) -> Threshold:
    d = current_value(e.space.scenario, setting)
    top = reservation_break_even(e, setting.owner)
    who = setting.owner
    if top is None:
        return Threshold(setting.name, d, None, f"none: no deal at any reservation of {who} (the "
                         "other parties' red lines and reservations leave nothing it could accept)")
    if verdict == "a deal":
        return Threshold(setting.name, d, top, f"the ZOPA closes if {who}'s reservation rises "
                         f"above {top:.3f}", upper=top)
    return Threshold(setting.name, d, top, f"the ZOPA opens if {who}'s reservation falls to "
                     f"{top:.3f}", lower=top)


def _lines(e: _Space, setting: Setting) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """For every outcome, the party's utility as b + t s in its weight t on the issue."""
    scenario = e.space.scenario
    utility = scenario.utilities[setting.owner]
    assert setting.issue is not None
    k = scenario.issue_ids.index(setting.issue)
    v = np.asarray(utility.values[setting.issue])[e.options[:, k]]
    w = utility.weights[setting.issue]
    j = e.space.parties.index(setting.owner)
    others = [i for i in scenario.issue_ids if i != setting.issue]
    if w < 1.0 - TOLERANCE:
        b = (e.utilities[:, j] - w * v) / (1.0 - w)
    elif others:  # every weight on this issue: the rest would be shared equally
        b = np.mean([np.asarray(utility.values[i])[e.options[:, scenario.issue_ids.index(i)]]
                     for i in others], axis=0)
    else:  # pragma: no cover - a single issue has no weight setting (parse_setting refuses it)
        raise AssertionError("a weight setting needs two issues")
    return b, v - b


def _envelope_vertices(alpha: NDArray[np.float64], beta: NDArray[np.float64]) -> list[float]:
    """Where the maximiser of the lines alpha + t beta changes on (0, 1)."""
    vertices: list[float] = []
    t = 0.0
    value = alpha + t * beta
    top = value.max()
    tied = np.flatnonzero(np.isclose(value, top, rtol=TOLERANCE, atol=TOLERANCE))
    current = int(tied[np.argmax(beta[tied])])
    while True:
        steeper = beta > beta[current] + 1e-15
        if not steeper.any():
            return vertices
        crossing = (alpha[current] - alpha[steeper]) / (beta[steeper] - beta[current])
        ahead = crossing > t + 1e-13
        if not ahead.any():
            return vertices
        t_next = float(crossing[ahead].min())
        if t_next > 1.0:
            return vertices
        vertices.append(t_next)
        candidates = np.flatnonzero(steeper)[ahead][np.isclose(crossing[ahead], t_next,
                                                                rtol=0, atol=1e-13)]
        current = int(candidates[np.argmax(beta[candidates])])
        t = t_next


def _deal_bounds(b: NDArray[np.float64], s: NDArray[np.float64], d: float) -> list[float]:
    """The ends on (0, 1) of the set of t where some line b + t s reaches d."""
    roots = []
    falling = s < 0
    rising = s > 0
    if falling.any():
        roots.append(float(((d - SLACK - b[falling]) / s[falling]).max()))
    if rising.any():
        roots.append(float(((d - SLACK - b[rising]) / s[rising]).min()))
    return [r for r in roots if 0.0 < r < 1.0]


def _state_at(t: float, b: NDArray[np.float64], s: NDArray[np.float64], d: float,
              c: NDArray[np.float64], rows: NDArray[np.int64]) -> tuple[str, int | None]:
    """(verdict, outcome number of the Nash package) for weight t, ties as `analyze` breaks them."""
    u = b + t * s
    rational = u >= d - SLACK
    if not rational.any():
        return "no deal", None
    product = np.where(rational, c * (u - d), -np.inf)
    best = product.max()
    tied = np.flatnonzero(np.isclose(product, best, rtol=TOLERANCE, atol=TOLERANCE))
    return "a deal", int(rows[tied[0]])


def _weight(e: _Space, setting: Setting, verdict: str, nash: dict[str, str] | None,
            agenda: tuple[str, ...]) -> Threshold:
    scenario = e.space.scenario
    j = e.space.parties.index(setting.owner)
    accepted = _others_accept(e, j)
    current = current_value(scenario, setting)
    if not accepted.any():
        return Threshold(setting.name, current, None, "none: no deal at any weight (the other "
                         "parties accept no feasible package)")
    rows = np.flatnonzero(accepted)
    b_all, s_all = _lines(e, setting)
    b, s = b_all[rows], s_all[rows]
    d = scenario.utilities[setting.owner].reservation
    reservations = np.array([scenario.utilities[p].reservation for p in e.space.parties])
    gains = e.utilities[rows] - reservations
    c = np.prod(np.delete(gains, j, axis=1), axis=1)
    cuts = sorted({0.0, 1.0, *_deal_bounds(b, s, d),
                   *_envelope_vertices(c * (b - d), c * s)})
    here = _state_at(current, b, s, d, c, rows)
    # Probes in increasing order: each cut, and the middle of each stretch between two cuts
    # (ties at a cut are broken as `analyze` breaks them, so a cut can hold a state of its own).
    probes = [(cuts[0], cuts[0])]
    for left, right in zip(cuts, cuts[1:], strict=False):
        probes += [((left + right) / 2, left), (right, right)]
    lower = upper = None
    change_up = change_down = ""
    for where, cut in probes:
        if where == current:
            continue
        state = _state_at(where, b, s, d, c, rows)
        if state == here:
            continue
        if where > current and upper is None:
            upper, change_up = max(cut, current), _change(here, state, e, agenda)
        if where < current:
            lower, change_down = (where if where == cut else min(_next(cuts, cut), current),
                                  _change(here, state, e, agenda))
    return _weight_threshold(setting, current, lower, upper, change_down, change_up)


def _next(cuts: list[float], cut: float) -> float:
    return cuts[cuts.index(cut) + 1]


def _weight_threshold(setting: Setting, current: float, lower: float | None,
                      upper: float | None, change_down: str, change_up: str) -> Threshold:
    what = f"{setting.owner}'s weight on {setting.issue}"
    if lower is None and upper is None:
        return Threshold(setting.name, current, None,
                         f"none: the verdict and the Nash package hold for any {what}")
    if upper is not None and (lower is None or upper - current <= current - lower):
        effect = f"above {upper:.3f} {change_up}"
        if lower is not None:
            effect += f"; below {lower:.3f} {change_down}"
        return Threshold(setting.name, current, upper, effect, lower, upper)
    assert lower is not None
    effect = f"below {lower:.3f} {change_down}"
    if upper is not None:
        effect += f"; above {upper:.3f} {change_up}"
    return Threshold(setting.name, current, lower, effect, lower, upper)


def _change(before: tuple[str, int | None], after: tuple[str, int | None], e: _Space,
            agenda: tuple[str, ...]) -> str:
    if before[0] != after[0]:
        return "the ZOPA closes (no deal)" if after[0] == "no deal" else "a deal opens"
    assert before[1] is not None and after[1] is not None
    ids = e.space.scenario.issue_ids
    old, new = e.options[before[1]], e.options[after[1]]
    moved = [f"{ids[k]} {e.space.scenario.issues[k].options[int(new[k])]}"
             for k in range(len(ids)) if ids[k] in agenda and old[k] != new[k]]
    return "the Nash package moves to " + ", ".join(moved)


Judged = Callable[[Scenario, Sequence[str] | None, int], tuple[str, dict[str, str] | None]]


def _credibility(scenario: Scenario, red_id: str, verdict: str, nash: dict[str, str] | None,
                 agenda: tuple[str, ...], max_outcomes: int,
                 judged: Judged | None = None) -> Threshold:
    """Whether the answer rests on `red_id`: the (verdict, Nash package) without it, as
    `judged` gives it (default :func:`verdict_of`; under a vote the winning coalition's)."""
    from redline.space.explain import without_red_lines

    red = next(r for r in scenario.red_lines if r.id == red_id)
    name = f"{red_id}.credibility"
    current = current_value(scenario, parse_setting(scenario, name))
    other = (judged or verdict_of)(without_red_lines(scenario, [red_id]), agenda, max_outcomes)
    if other == (verdict, nash):
        return Threshold(name, current, None, f"none: with or without {red_id} ({red.actor}) the "
                         "verdict and the Nash package are the same")
    if other[0] != verdict:
        change = "a deal opens" if other[0] == "a deal" else "the ZOPA closes (no deal)"
    else:
        assert other[1] is not None and nash is not None
        change = "the Nash package moves to " + ", ".join(
            f"{i} {o}" for i, o in other[1].items() if nash.get(i) != o)
    half = CREDIBILITY_BREAK_EVEN
    side = "below" if current >= half else "above"
    return Threshold(name, current, half,
                     f"the answer rests on {red_id}: it holds with probability {current:.2f}; "
                     f"{side} {half:.2f} the likelier answer is that {change}",
                     lower=half if current >= half else None,
                     upper=half if current < half else None)
