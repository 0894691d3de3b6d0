"""Break-even values under a decision rule: how far a number can move before a winning
coalition's deal appears, vanishes or changes.

Under a vote (:mod:`redline.scenario.decision`) a deal exists iff some winning coalition has a
ZOPA, that is iff some outcome o is accepted by a winning coalition. A party p *accepts* o when
p's red lines hold at o, u_p(o) >= d_p and p does not refuse the agenda; S(o) is the set of the
parties that accept o (its supporters), and the game is monotone, so

    a deal exists  <=>  some o has S(o) winning.

Reservation of party i. Only i's membership of S(o) moves with d_i. If some S(o) without i wins
already, a deal exists at any d_i. Otherwise let O_i be the outcomes at which i's red lines hold
and S(o) minus i plus i wins; a deal exists exactly for d_i <= T_i = max_{o in O_i} u_i(o) (none
when O_i is empty; under unanimity O_i is the set S_i of :mod:`redline.space.thresholds` and T_i
the same figure). Under a vote the deal matters as much as the verdict (a party that asks for
more leaves the coalition, and another coalition's deal takes over), so the reported value is
the nearest reservation at which the verdict *or the deal* changes: probed at T_i, at each of
i's utilities (where i starts or stops accepting an outcome) and on the grid, then bisected.

Weight of party i on an issue. As in :mod:`redline.space.thresholds`, u_i(o; t) is a line in t
and no other utility moves. The verdict changes exactly where the upper envelope of the lines
over O_i crosses d_i (exact). The deal is the Nash point of the likeliest coalition
(:func:`redline.space.coalitions.analyze_coalitions`): each coalition's Nash point changes only at
the vertices of its own envelope of Nash products (exact), but which coalition is likeliest
depends on the geometric means of their gains, which are not lines. With the minimal winning
coalitions as candidates (few parties), the points where two coalitions' log scores turn are
added to the exact breakpoints (:func:`_turning_points`): between them every pairwise difference
is monotone, so the likeliest coalition, once overtaken, stays overtaken. The state (verdict,
deal) is probed at every breakpoint, the midpoints between them and a grid of ``GRID`` points,
and each change nearest the current value is located by bisection to ``BISECTION``. With the
coalitions around a deal as candidates (many parties; recomputed at every probe) a coalition
that is likeliest only on a stretch narrower than the grid can be missed; so can, in either
case, an excursion to another coalition that ends on the same deal.

Credibility of a red line: as under unanimity (break-even 1/2 when dropping the red line changes
the verdict or the deal), with the verdict and the deal read under the rule.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from redline.limits import TOLERANCE
from redline.scenario import Scenario
from redline.scenario.decision import MEMBERS, VotingGame
from redline.scenario.settings import Setting, current_value, parse_setting
from redline.scenario.situation import Situation, refusals
from redline.space.analysis import DEFAULT_MAX_OUTCOMES, applied_rules
from redline.space.coalitions import analyze_coalitions
from redline.space.thresholds import (
    SLACK,
    Threshold,
    Thresholds,
    _change,
    _deal_bounds,
    _enumerate,
    _envelope_vertices,
    _lines,
    _setting_names,
    _Space,
    _weight_threshold,
)
from redline.space.thresholds import _credibility as credibility_threshold

GRID = 33  # probes spread evenly over [0, 1], besides the exact breakpoints
BISECTION = 1e-9  # a change between two probes is located to this width
MAX_CUTS = 4096  # a reservation's exact cuts (the party's distinct utilities) up to this many

State = tuple[str, int | None]  # (verdict, outcome number of the deal)


def rule_verdict(scenario: Scenario, agenda: Sequence[str] | None,
                 max_outcomes: int = DEFAULT_MAX_OUTCOMES
                 ) -> tuple[str, dict[str, str] | None, tuple[str, ...] | None]:
    """Under the scenario's rule: ("no talks" | "no deal" | "a deal", the likeliest coalition's
    Nash package over the agenda or None, its members or None). No talks: the parties that do
    not refuse the agenda cannot win."""
    result = analyze_coalitions(scenario, agenda, max_outcomes=max_outcomes)
    refusing = {actor for actor, _ in refusals(scenario, result.agenda)}
    game = scenario.voting_game()
    if not game.is_winning(p for p in scenario.parties if p not in refusing):
        return "no talks", None, None
    chosen = result.likeliest
    if chosen is None:
        return "no deal", None, None
    nash = chosen.analysis.solutions["nash"]
    assert nash is not None  # the likeliest coalition has a deal
    labels = chosen.analysis.labels(nash.options)
    return "a deal", {i: labels[i] for i in result.agenda}, chosen.members


@dataclass(frozen=True)
class _Judge:
    """The state (verdict, deal) of an enumerated agenda under a rule, for any utilities of one
    party: the same choice as :func:`analyze_coalitions`, on arrays."""

    e: _Space
    game: VotingGame
    holds: NDArray[np.bool_]  # (outcomes, parties): its red lines hold and it sits down
    d: NDArray[np.float64]
    fixed: tuple[NDArray[np.bool_], ...] | None  # minimal winning coalitions, when analysed
    resource: NDArray[np.int64]  # the tie-break weight (Gamson)
    max_coalitions: int
    seen: dict[bytes, list[NDArray[np.bool_]]] = field(default_factory=dict, compare=False)

    def accepts(self, u: NDArray[np.float64], d: NDArray[np.float64] | None = None
                ) -> NDArray[np.bool_]:
        result: NDArray[np.bool_] = self.holds & (u >= (self.d if d is None else d) - SLACK)
        return result

    def candidates(self, accepts: NDArray[np.bool_]) -> list[NDArray[np.bool_]]:
        if self.fixed is not None:
            return list(self.fixed)
        key = np.packbits(accepts).tobytes()
        if key not in self.seen:
            self.seen[key] = self._around(accepts)
        return self.seen[key]

    def _around(self, accepts: NDArray[np.bool_]) -> list[NDArray[np.bool_]]:
        """The inclusion-minimal winning supporter sets, fewest members first."""
        rows = np.unique(accepts[self.game.wins(accepts)], axis=0)
        kept: list[NDArray[np.bool_]] = []
        place = 1 << np.arange(self.game.n, dtype=object)  # as analyze_coalitions orders them
        for row in sorted(rows, key=lambda r: (int(r.sum()), int(place[r].sum()))):
            if not any((row >= small).all() for small in kept):
                kept.append(row)
        return kept[:self.max_coalitions]

    def deals(self, u: NDArray[np.float64], d: NDArray[np.float64], accepts: NDArray[np.bool_]
              ) -> list[tuple[NDArray[np.bool_], int, float]]:
        """Each candidate coalition with a ZOPA: (members, its Nash outcome, its score)."""
        found = []
        for mask in self.candidates(accepts):
            zone = np.flatnonzero(accepts[:, mask].all(axis=1))
            if len(zone) == 0:
                continue
            product = np.prod(u[zone][:, mask] - d[mask], axis=1)
            top = product.max()
            tied = np.flatnonzero(np.isclose(product, top, rtol=TOLERANCE, atol=TOLERANCE))
            row = int(zone[tied[0]])
            gains = np.maximum(u[row, mask] - d[mask], 0.0)
            found.append((mask, row, math.prod(gains.tolist()) ** (1 / int(mask.sum()))))
        return found

    def state(self, u: NDArray[np.float64], d: NDArray[np.float64] | None = None) -> State:
        d = self.d if d is None else d
        accepts = self.accepts(u, d)
        if not self.game.wins(accepts).any():
            return "no deal", None
        best: tuple[tuple[float, int, int], int] | None = None
        for mask, row, score in self.deals(u, d, accepts):
            key = (-round(score, 12), int(mask.sum()), int(self.resource[mask].sum()))
            if best is None or key < best[0]:
                best = (key, row)
        return "a deal", None if best is None else best[1]


def _judge(e: _Space, scenario: Scenario, agenda: tuple[str, ...], max_outcomes: int
           ) -> _Judge:
    parties = e.space.parties
    game = scenario.voting_game()
    holds = np.ones((e.space.size, len(parties)), dtype=bool)
    for rule_id in applied_rules(scenario, parties):
        actor = next(r.actor for r in scenario.red_lines if r.id == rule_id)
        holds[:, parties.index(actor)] &= e.space.rule_mask(rule_id)
    for actor, _ in refusals(scenario, agenda, parties):
        holds[:, parties.index(actor)] = False
    d = np.array([scenario.utilities[p].reservation for p in parties])
    found = analyze_coalitions(scenario, list(agenda), max_outcomes=max_outcomes)
    fixed = None
    if found.candidates == "minimal-winning":
        fixed = tuple(game.mask(c.members) for c in found.coalitions)
    name = next((q.weight for q in game.quotas if q.weight != MEMBERS), MEMBERS)
    return _Judge(e, game, holds, d, fixed, game.column(name),
                  int(found.parameters["max_coalitions"]))


def rule_thresholds(current: Situation, *, credibility: bool = True,
                    max_outcomes: int = DEFAULT_MAX_OUTCOMES) -> Thresholds:
    """Break-even values of a situation under its scenario's (non-unanimity) decision rule."""
    scenario, agenda = current.scenario, current.agenda
    verdict, nash, members = rule_verdict(scenario, agenda, max_outcomes)
    game = scenario.voting_game()
    e = _enumerate(scenario, agenda, scenario.parties, max_outcomes)
    agenda = e.space.agenda
    parameters: dict[str, Any] = {"agenda": list(agenda), "max_outcomes": max_outcomes,
                                  "credibility": credibility, "rule": game.describe(),
                                  "coalition": None if members is None else list(members),
                                  "grid": GRID, "bisection": BISECTION}
    settings = [parse_setting(scenario, n) for n in _setting_names(scenario)]
    if verdict == "no talks":
        refusing = ", ".join(sorted({a for a, _ in refusals(scenario, agenda)}))
        items = [Threshold(s.name, current_value(scenario, s), None,
                           f"none: no talks (without {refusing}, who refuse the agenda, no "
                           "coalition wins), whatever the value") for s in settings]
        return Thresholds(scenario.title, scenario.parties, agenda, verdict, None, tuple(items),
                          current, method="exact-lines-under-rule", parameters=parameters)
    judge = _judge(e, scenario, agenda, max_outcomes)
    items = [_reservation(judge, s) if s.kind == "reservation"
             else _weight(judge, s, agenda) for s in settings]
    if credibility:
        items += [_credibility(scenario, red_id, verdict, nash, agenda, max_outcomes)
                  for red_id in applied_rules(scenario, scenario.parties)]
    return Thresholds(scenario.title, scenario.parties, agenda, verdict, nash, tuple(items),
                      current, method="exact-lines-under-rule", parameters=parameters)


def _without(judge: _Judge, j: int) -> tuple[NDArray[np.bool_], NDArray[np.bool_]]:
    """(a winning coalition without party j accepts some outcome, O_j as a mask)."""
    accepts = judge.accepts(judge.e.utilities)
    accepts[:, j] = False
    if judge.game.wins(accepts).any():
        return np.ones(1, dtype=bool), np.zeros(len(accepts), dtype=bool)
    accepts[:, j] = True
    return np.zeros(1, dtype=bool), judge.holds[:, j] & judge.game.wins(accepts)


def _reservation(judge: _Judge, setting: Setting) -> Threshold:
    """The nearest reservations of the party at which the verdict or the deal changes: the
    exact verdict break-even T_i, the party's utilities (where it starts or stops accepting an
    outcome) and a grid, each change then located by bisection."""
    e = judge.e
    who = setting.owner
    current = current_value(e.space.scenario, setting)
    j = e.space.parties.index(who)
    without, rows = _without(judge, j)
    cuts = {0.0, 1.0, current, *np.linspace(0.0, 1.0, GRID).tolist()}
    if not without.all() and rows.any():
        cuts.add(float(e.utilities[rows, j].max()))
    values = np.unique(e.utilities[:, j])
    if len(values) <= MAX_CUTS:
        cuts.update(values.tolist())

    def state(x: float) -> State:
        return judge.state(e.utilities, np.where(np.arange(len(judge.d)) == j, x, judge.d))

    lower, upper, change_down, change_up = _nearest(state, current, cuts, e, judge.e.space.agenda)
    if lower is None and upper is None:
        if without.all():
            return Threshold(setting.name, current, None, f"none: the verdict and the deal hold "
                             f"for any reservation of {who} (a winning coalition without {who} "
                             "has the same deal)")
        return Threshold(setting.name, current, None, f"none: the verdict and the deal hold for "
                         f"any reservation of {who}")
    return _nearer(setting.name, current, lower, upper, change_down, change_up)


def _nearest(state: Any, current: float, cuts: set[float], e: _Space, agenda: tuple[str, ...]
             ) -> tuple[float | None, float | None, str, str]:
    """Probe the cuts and their midpoints on each side of `current`; bisect the first change."""
    ordered = sorted(c for c in cuts if 0.0 <= c <= 1.0)
    probes = sorted({*ordered, *((x + y) / 2 for x, y in zip(ordered, ordered[1:],
                                                                  strict=False))})
    here = state(current)
    found: list[tuple[float | None, str]] = []
    for side in ([p for p in probes if p > current], [p for p in reversed(probes)
                                                      if p < current]):
        previous, edge, change = current, None, ""
        for probe in side:
            other = state(probe)
            if other != here:
                edge, change = _bisect(state, here, previous, probe), _rule_change(
                    here, other, e, agenda)
                break
            previous = probe
        found.append((edge, change))
    (upper, change_up), (lower, change_down) = found
    return lower, upper, change_down, change_up


def _rule_change(before: State, after: State, e: _Space, agenda: tuple[str, ...]) -> str:
    """What changes, in the words of a vote (the deal is the likeliest coalition's)."""
    return _rule_words(_change(before, after, e, agenda))


def _rule_words(words: str) -> str:
    """Unanimity's words for a change, said of the likeliest winning coalition's deal."""
    return (words.replace("the ZOPA closes (no deal)", "no winning coalition has a deal")
            .replace("a deal opens", "a winning coalition has a deal")
            .replace("the Nash package moves", "the deal moves")
            .replace("the verdict and the Nash package are the same",
                     "the verdict and the winning coalition's deal are the same"))


def _nearer(name: str, current: float, lower: float | None, upper: float | None,
            change_down: str, change_up: str) -> Threshold:
    if upper is not None and (lower is None or upper - current <= current - lower):
        effect = f"above {upper:.3f} {change_up}"
        if lower is not None:
            effect += f"; below {lower:.3f} {change_down}"
        return Threshold(name, current, upper, effect, lower, upper)
    assert lower is not None
    effect = f"below {lower:.3f} {change_down}"
    if upper is not None:
        effect += f"; above {upper:.3f} {change_up}"
    return Threshold(name, current, lower, effect, lower, upper)


def _weight(judge: _Judge, setting: Setting, agenda: tuple[str, ...]) -> Threshold:
    e = judge.e
    j = e.space.parties.index(setting.owner)
    current = current_value(e.space.scenario, setting)
    b, s = _lines(e, setting)

    def state(t: float) -> State:
        u = e.utilities.copy()
        u[:, j] = b + t * s
        return judge.state(u)

    cuts = {0.0, 1.0, current, *np.linspace(0.0, 1.0, GRID).tolist()}
    without, rows = _without(judge, j)
    if not without.all() and rows.any():
        cuts.update(_deal_bounds(b[rows], s[rows], float(judge.d[j])))
    for mask in judge.fixed or ():
        cuts.update(_nash_vertices(judge, mask, j, b, s))
    if judge.fixed is not None:
        cuts.update(_turning_points(judge, j, b, s, sorted(c for c in cuts if 0 <= c <= 1)))
    lower, upper, change_down, change_up = _nearest(state, current, cuts, e, agenda)
    return _weight_threshold(setting, current, lower, upper, change_down, change_up)


def _turning_points(judge: _Judge, j: int, b: NDArray[np.float64], s: NDArray[np.float64],
                    cuts: list[float]) -> list[float]:
    """Where two coalitions' scores may stop drifting apart, between two exact breakpoints.

    There each coalition keeps its Nash outcome o, and a coalition of m members with party j
    scores (C (b_o + s_o t - d_j))^(1/m) (C: the other members' gains), one without j a
    constant. The difference of two log scores, (1/a) log(alpha1 + beta1 t) - (1/b) log(alpha2
    + beta2 t), has at most one turning point, t* = (beta2 a alpha1 - beta1 b alpha2) /
    (beta1 beta2 (b - a)); on each side of it every pairwise difference is monotone, so the
    likeliest coalition, once overtaken, does not come back, and bisection finds the change."""
    found: list[float] = []
    e, d = judge.e, judge.d
    for lo, hi in zip(cuts, cuts[1:], strict=False):
        u = e.utilities.copy()
        u[:, j] = b + (lo + hi) / 2 * s
        lines = []
        for mask, row, _ in judge.deals(u, d, judge.accepts(u)):
            if not mask[j]:
                continue
            others = mask.copy()
            others[j] = False
            c = float(np.prod(u[row, others] - d[others]))
            lines.append((c * (b[row] - d[j]), c * s[row], int(mask.sum())))
        for k, (a1, b1, m1) in enumerate(lines):
            for a2, b2, m2 in lines[k + 1:]:
                if m1 != m2 and b1 != 0 and b2 != 0:
                    t = (b2 * m1 * a1 - b1 * m2 * a2) / (b1 * b2 * (m2 - m1))
                    if lo < t < hi:
                        found.append(float(t))
    return found


def _nash_vertices(judge: _Judge, mask: NDArray[np.bool_], j: int, b: NDArray[np.float64],
                   s: NDArray[np.float64]) -> list[float]:
    """Where a coalition with party j changes its Nash point as j's weight moves (exact)."""
    if not mask[j]:
        return []
    others = mask.copy()
    others[j] = False
    accepts = judge.accepts(judge.e.utilities)
    rows = np.flatnonzero(accepts[:, others].all(axis=1) & judge.holds[:, j])
    if len(rows) == 0:
        return []
    c = np.prod(judge.e.utilities[rows][:, others] - judge.d[others], axis=1)
    d = float(judge.d[j])
    bounds = _deal_bounds(b[rows], s[rows], d)
    return [*bounds, *_envelope_vertices(c * (b[rows] - d), c * s[rows])]


def _bisect(state: Any, here: State, inside: float, outside: float) -> float:
    """The boundary between `inside` (state `here`) and `outside` (another state)."""
    while abs(outside - inside) > BISECTION:
        middle = (inside + outside) / 2
        if state(middle) == here:
            inside = middle
        else:
            outside = middle
    return (inside + outside) / 2


def _credibility(scenario: Scenario, red_id: str, verdict: str, nash: dict[str, str] | None,
                 agenda: tuple[str, ...], max_outcomes: int) -> Threshold:
    """:func:`redline.space.thresholds._credibility` with the winning coalition's deal."""
    def judged(changed: Scenario, on: Sequence[str] | None, limit: int
               ) -> tuple[str, dict[str, str] | None]:
        found = rule_verdict(changed, on, limit)
        return found[0], found[1]

    found = credibility_threshold(scenario, red_id, verdict, nash, agenda, max_outcomes, judged)
    return replace(found, effect=_rule_words(found.effect))
