"""Bargaining under a decision rule: which coalitions can adopt a deal, and which one will.

Under a vote (see :mod:`redline.scenario.decision`) an agreement needs a *winning coalition*,
not every party. For a coalition C the bargaining problem is the one of :func:`analyze` over C's
members only: C's red lines bind, C's members must gain over no deal, and the outsiders are
outvoted. For each candidate coalition this module reports its ZOPA, frontier and Nash point,
and what the deal *overrides*: the outsiders' red lines it breaks and the outsiders it leaves
below their no-deal value.

Candidates. With few parties (2^n coalitions up to ``ENUMERATE_PARTIES``) and at most
``max_coalitions`` of them, every **minimal winning coalition** (winning, and losing if any
member leaves; von Neumann & Morgenstern 1944, §50) is analysed. Otherwise the candidates are
the **coalitions around a deal**: for every outcome, its supporters are the parties that accept
it (it respects their red lines and gives them at least their no-deal value); an outcome whose
supporters win can be adopted, and the inclusion-minimal supporter sets of such outcomes are
listed (at most ``max_coalitions``, fewest members first).

Which coalition is likeliest. Among candidates with a non-empty ZOPA: the largest geometric
mean of the members' gains at the coalition's Nash point (the Nash product, Nash 1950, per
member so that coalitions of different sizes compare), ties broken by fewer members (Riker's
size principle, *The Theory of Political Coalitions*, 1962) and then by the smaller total of
the rule's first weight (Gamson's minimum resource theory, 1961). The chosen deal is tested
against the **core** (Gillies 1959; for games without transferable utility Aumann & Peleg
1960): a winning coalition D *blocks* it when some outcome D can adopt gives every member of D
strictly more. Checking the minimal winning coalitions suffices (a blocking coalition's minimal
winning subsets block too), so with the minimal-winning candidates the test is exact over the
agenda's outcomes; with coalitions around a deal it is over the listed ones only.

Under unanimity the only winning coalition is every party, and its analysis is exactly
:func:`analyze`'s.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from redline.errors import RedlineError
from redline.limits import TOLERANCE
from redline.scenario import Scenario
from redline.scenario.decision import MEMBERS, VotingGame
from redline.scenario.rules import evaluate
from redline.scenario.situation import refusals
from redline.space.analysis import (
    DEFAULT_MAX_OUTCOMES,
    RATIONALITY_SLACK,
    Analysis,
    analyze,
    applied_rules,
)
from redline.space.outcomes import outcome_space
from redline.version import __version__

ENUMERATE_PARTIES = 20  # enumerate the 2^n coalitions up to this many parties
DEFAULT_MAX_COALITIONS = 64
CHUNK = 1 << 16
CRITERION = ("largest geometric mean of the members' gains at the coalition's Nash point "
             "(Nash 1950); ties: fewer members (Riker 1962), then less weight (Gamson 1961)")


class CoalitionError(RedlineError):
    """A coalition analysis that cannot be done as asked."""


@dataclass(frozen=True)
class CoalitionDeal:
    """One winning coalition's bargaining problem and the deal it would adopt."""

    members: tuple[str, ...]
    minimal: bool  # losing if any member leaves
    pivotal: tuple[str, ...]  # members whose leaving makes the coalition lose
    analysis: Analysis  # the bargaining analysis over the members only
    overridden: tuple[str, ...]  # outsiders' red lines the Nash package breaks
    below_reservation: tuple[str, ...]  # outsiders the Nash package leaves worse than no deal

    @property
    def zopa(self) -> bool:
        """Whether this coalition's members have a zone of possible agreement among themselves."""
        return self.analysis.zopa

    @property
    def outsiders(self) -> tuple[str, ...]:
        """The scenario's parties that are not members of this coalition."""
        parties = self.analysis.scenario.parties
        return tuple(p for p in parties if p not in self.members)

    @property
    def score(self) -> float | None:
        """Geometric mean of the members' gains at the Nash point (None without a deal)."""
        nash = self.analysis.solutions.get("nash")
        if nash is None:
            return None
        gains = [max(u - d, 0.0) for u, d in zip(nash.utilities, self.analysis.reservations,
                                                  strict=True)]
        return math.prod(gains) ** (1 / len(gains))

    def to_dict(self) -> dict[str, Any]:
        """This coalition's deal as JSON: members, outsiders, whether it is minimal winning, its
        pivotal members, its Nash package and gains, and its score."""
        nash = self.analysis.solutions.get("nash")
        deal = None
        if nash is not None:
            deal = self.analysis.package(nash.options, nash.utilities).to_dict()
            deal["gains"] = {p: round(u - d, 12) for p, u, d in
                             zip(self.members, nash.utilities, self.analysis.reservations,
                                 strict=True)}
        return {"members": list(self.members), "outsiders": list(self.outsiders),
                "minimal": self.minimal, "pivotal": list(self.pivotal), "zopa": self.zopa,
                "zopa_size": self.analysis.zopa_size, "frontier": len(self.analysis.frontier),
                "refused_by": [{"actor": a, "red_line": r} for a, r in self.analysis.refused_by],
                "nash": deal, "score": self.score, "overrides": list(self.overridden),
                "below_reservation": list(self.below_reservation)}


@dataclass(frozen=True)
class Coalitions:
    """Every candidate coalition's deal, the likeliest one and whether the core holds it."""

    scenario: Scenario
    rule: str
    unanimity: bool
    agenda: tuple[str, ...]
    candidates: str  # "minimal-winning" or "around-a-deal"
    winning: int | None  # winning coalitions (None: not enumerated)
    minimal_winning: int | None
    adoptable: int | None  # outcomes some winning coalition accepts (None: not counted)
    coalitions: tuple[CoalitionDeal, ...]
    likeliest: CoalitionDeal | None
    blocked_by: tuple[tuple[str, ...], ...]  # coalitions that block the likeliest deal
    criterion: str = CRITERION
    method: str = "coalitions"
    parameters: dict[str, Any] = field(default_factory=dict)
    version: str = __version__

    @property
    def in_core(self) -> bool | None:
        """Whether no coalition blocks the likeliest deal (it lies in the core); None when no
        coalition has a deal."""
        return None if self.likeliest is None else not self.blocked_by

    def summary(self) -> dict[str, Any]:
        """The rule and the likeliest coalition's deal, for analyze's and explain's JSON."""
        chosen = self.likeliest
        return {"rule": self.rule, "unanimity": self.unanimity,
                "likeliest": None if chosen is None else list(chosen.members),
                "deal": None if chosen is None else chosen.to_dict()["nash"],
                "overrides": [] if chosen is None else list(chosen.overridden),
                "below_reservation": [] if chosen is None else list(chosen.below_reservation),
                "pivotal": [] if chosen is None else list(chosen.pivotal),
                "in_core": self.in_core, "criterion": self.criterion}

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract ``redline-coalitions/1``."""
        likeliest = None if self.likeliest is None else list(self.likeliest.members)
        return {"format": "redline-coalitions/1", "scenario": self.scenario.title,
                "rule": self.rule, "unanimity": self.unanimity, "agenda": list(self.agenda),
                "candidates": self.candidates, "winning": self.winning,
                "minimal_winning": self.minimal_winning, "adoptable_outcomes": self.adoptable,
                "coalitions": [c.to_dict() for c in self.coalitions],
                "likeliest": likeliest, "criterion": self.criterion,
                "in_core": self.in_core, "blocked_by": [list(b) for b in self.blocked_by],
                "method": self.method, "parameters": self.parameters, "version": self.version}


def analyze_coalitions(scenario: Scenario, agenda: Sequence[str] | None = None, *,
               max_coalitions: int = DEFAULT_MAX_COALITIONS,
               max_outcomes: int = DEFAULT_MAX_OUTCOMES) -> Coalitions:
    """The bargaining analysis of `scenario` under its decision rule (see the module docstring)."""
    if max_coalitions < 1:
        raise CoalitionError("max_coalitions must be at least 1. Fix: give e.g. 64")
    game = scenario.voting_game()
    space = outcome_space(scenario, agenda)
    winning = minimal = None
    groups: list[tuple[str, ...]] = []
    if game.n <= ENUMERATE_PARTIES:
        masks, is_minimal, winning = _minimal_winning(game)
        minimal = len(masks)
        if minimal <= max_coalitions:
            groups = [_members(game, m) for m in masks]
    adoptable = None
    if not groups or space.size <= max_outcomes:
        counted, around = _around_deals(scenario, game, space.agenda, max_outcomes)
        adoptable = counted
        candidates = "minimal-winning" if groups else "around-a-deal"
        if not groups:
            groups = around[:max_coalitions]
    else:
        candidates = "minimal-winning"
    deals = tuple(_deal(scenario, game, space.agenda, c, max_outcomes) for c in groups)
    likeliest = _likeliest(deals, game)
    blocked = () if likeliest is None else _blockers(likeliest, deals)
    parameters = {"agenda": list(space.agenda), "max_coalitions": max_coalitions,
                  "max_outcomes": max_outcomes}
    return Coalitions(scenario, game.describe(), game.is_unanimity, space.agenda, candidates,
                      winning, minimal, adoptable, deals, likeliest, blocked,
                      parameters=parameters)


def _members(game: VotingGame, mask: NDArray[np.bool_]) -> tuple[str, ...]:
    return tuple(m for m, inside in zip(game.members, mask, strict=True) if inside)


def _minimal_winning(game: VotingGame) -> tuple[list[NDArray[np.bool_]], int, int]:
    """The minimal winning coalitions (as masks, fewest members first) and the winning count."""
    n = game.n
    numbers = np.arange(1 << n, dtype=np.int64)
    bits = ((numbers[:, None] >> np.arange(n)) & 1).astype(bool)
    wins = game.wins(bits)
    minimal = wins.copy()
    for j in range(n):
        minimal &= ~(bits[:, j] & wins[numbers ^ (1 << j)])
    chosen = bits[minimal]
    order = np.argsort(chosen.sum(axis=1), kind="stable")
    return [chosen[k] for k in order], int(minimal.sum()), int(wins.sum())


def supporter_sets(scenario: Scenario, agenda: Sequence[str],
                   max_outcomes: int = DEFAULT_MAX_OUTCOMES,
                   game: VotingGame | None = None) -> tuple[dict[int, int], int]:
    """For every outcome of `agenda`, the parties that accept it (its red lines of theirs hold,
    it gives them at least their no-deal value, they do not refuse the agenda), as bit masks
    over the parties: {mask: outcomes}, and how many outcomes' supporters win under `game`."""
    space = outcome_space(scenario, agenda)
    if space.size > max_outcomes:
        raise CoalitionError(f"the agenda has {space.size:,} outcomes, more than the limit of "
                             f"{max_outcomes:,} for finding who accepts each. Fix: narrow the "
                             "agenda (--agenda) or raise --max-outcomes")
    if len(space.parties) > 62:
        raise CoalitionError("finding who accepts each outcome needs at most 62 parties")
    refusing = {actor for actor, _ in refusals(scenario, space.agenda, space.parties)}
    holds = {p: np.ones(space.size, dtype=bool) for p in space.parties}
    for rule_id in applied_rules(scenario, space.parties):
        actor = next(r.actor for r in scenario.red_lines if r.id == rule_id)
        holds[actor] &= space.rule_mask(rule_id)
    d = np.array([scenario.utilities[p].reservation for p in space.parties])
    place = np.int64(1) << np.arange(len(space.parties), dtype=np.int64)
    counts: dict[int, int] = {}
    winning = 0
    for start in range(0, space.size, CHUNK):
        stop = min(start + CHUNK, space.size)
        accepts = space.utilities(start, stop) >= d - RATIONALITY_SLACK * len(scenario.issues)
        for j, party in enumerate(space.parties):
            accepts[:, j] &= holds[party][start:stop] & (party not in refusing)
        if game is not None:
            winning += int(game.wins(accepts).sum())
        keys, number = np.unique(accepts.astype(np.int64) @ place, return_counts=True)
        for key, count in zip(keys.tolist(), number.tolist(), strict=True):
            counts[key] = counts.get(key, 0) + count
    return counts, winning


def _around_deals(scenario: Scenario, game: VotingGame, agenda: tuple[str, ...],
                  max_outcomes: int) -> tuple[int, list[tuple[str, ...]]]:
    """Outcomes a winning coalition accepts, and the inclusion-minimal supporter sets."""
    counts, adoptable = supporter_sets(scenario, agenda, max_outcomes, game)
    keys = [k for k in counts if game.wins(_bits(k, game.n)[None, :])[0]]
    kept: list[int] = []
    for key in sorted(keys, key=lambda k: (bin(k).count("1"), k)):
        if not any(key & small == small for small in kept):
            kept.append(key)
    return adoptable, [tuple(m for j, m in enumerate(game.members) if key >> j & 1)
                       for key in kept]


def _bits(key: int, n: int) -> NDArray[np.bool_]:
    return np.array([bool(key >> j & 1) for j in range(n)])


def _deal(scenario: Scenario, game: VotingGame, agenda: tuple[str, ...],
          members: tuple[str, ...], max_outcomes: int) -> CoalitionDeal:
    result = analyze(scenario, list(agenda), parties=members, max_outcomes=max_outcomes)
    mask = game.mask(members)
    pivotal = tuple(m for j, m in enumerate(game.members) if mask[j]
                    and not game.wins(np.where(np.arange(game.n) == j, False, mask))[0])
    overridden: tuple[str, ...] = ()
    below: tuple[str, ...] = ()
    nash = result.solutions.get("nash")
    if nash is not None:
        outsiders = [p for p in scenario.parties if p not in members]
        overridden = tuple(r for r in applied_rules(scenario, outsiders)
                           if not rule_holds(scenario, r, nash.options))
        below = tuple(p for p in outsiders
                      if utility_of(scenario, p, nash.options)
                      < scenario.utilities[p].reservation - RATIONALITY_SLACK)
    return CoalitionDeal(members, len(pivotal) == len(members), pivotal, result, overridden,
                         below)


def rule_holds(scenario: Scenario, rule_id: str, options: Sequence[int]) -> bool:
    """Whether one red-line rule holds at a package (option indices over every issue)."""
    where = dict(zip(scenario.issue_ids, options, strict=True))

    def atom(issue: str, table: NDArray[np.bool_]) -> NDArray[np.bool_]:
        return np.asarray(table[int(where[issue])])

    return bool(evaluate(scenario.rules[rule_id], atom, scenario.option_counts()))


def utility_of(scenario: Scenario, party: str, options: Sequence[int]) -> float:
    """A party's utility of a package (option indices over every issue)."""
    utility = scenario.utilities[party]
    return float(sum(utility.table(i)[int(k)] for i, k in zip(scenario.issue_ids, options,
                                                              strict=True)))


def _likeliest(deals: Sequence[CoalitionDeal], game: VotingGame) -> CoalitionDeal | None:
    scored = [d for d in deals if d.zopa and d.score is not None]
    if not scored:
        return None
    resource = next((q.weight for q in game.quotas if q.weight != MEMBERS), MEMBERS)
    column = game.column(resource)

    def key(deal: CoalitionDeal) -> tuple[float, int, int]:
        weight = int(column[game.mask(deal.members)].sum())
        return (-round(deal.score or 0.0, 12), len(deal.members), weight)

    return min(scored, key=key)


def _blockers(chosen: CoalitionDeal, deals: Sequence[CoalitionDeal]
              ) -> tuple[tuple[str, ...], ...]:
    """Listed coalitions with an outcome that every one of their members strictly prefers."""
    nash = chosen.analysis.solutions["nash"]
    assert nash is not None
    scenario = chosen.analysis.scenario
    blocking = []
    for other in deals:
        if other is chosen or not other.zopa:
            continue
        here = np.array([utility_of(scenario, p, nash.options) for p in other.members])
        better = other.analysis.frontier.utilities > here + TOLERANCE * 10
        if better.all(axis=1).any():
            blocking.append(other.members)
    return tuple(blocking)
