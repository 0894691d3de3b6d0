"""Decision rules: which coalitions of parties can adopt an agreement.

A rule is a *simple game* (von Neumann & Morgenstern 1944, ch. 10; Taylor & Zwicker 1999): a set
of members and the coalitions that win. redline's rules are monotone and built from three parts,
all of which a winning coalition must satisfy:

- **vetoes**: parties every winning coalition includes;
- **thresholds**: for each, the coalition's total of a weight (``members``: one per member, or a
  named weight such as votes or population) reaches a quota, given as an absolute amount or a
  share of the total (a coalition meets a share s when its total is at least s x the total);
- **blocking minority** k: a coalition that fails a threshold still wins when fewer than k
  members are left outside (TEU art. 16(4): "a blocking minority must include at least four
  Council members, failing which the qualified majority shall be deemed attained").

Unanimity (the default) is the game in which only the coalition of every party wins.

Weights are read as integers at a fixed decimal scale (the least power of ten, up to 10**6, at
which every weight of that name is whole), and quotas rounded up on that scale, so whether a
coalition wins is decided in exact integer arithmetic, the same by every method.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from numpy.typing import NDArray

from redline.scenario.document import Path
from redline.scenario.model import DecisionRule, Document

MEMBERS = "members"
"""The weight that counts every member once."""

MAX_DECIMALS = 6
"""Weights are read to at most this many decimals."""


@dataclass(frozen=True)
class Quota:
    """A threshold on the integer scale: the coalition's total of `weight` reaches `amount`."""

    weight: str
    amount: int


@dataclass(frozen=True)
class VotingGame:
    """A monotone simple game over `members`, with integer weights (see the module docstring)."""

    members: tuple[str, ...]
    weights: Mapping[str, tuple[int, ...]]  # weight name -> integer weight per member
    quotas: tuple[Quota, ...]
    vetoes: tuple[str, ...] = ()
    blocking_minority: int | None = None
    name: str = "unanimity"
    scales: Mapping[str, int] | None = None  # weight name -> integer units per unit

    def __post_init__(self) -> None:
        n = len(self.members)
        if len(set(self.members)) != n or n == 0:
            raise ValueError("a voting game needs distinct members")  # our bug if reached
        for name, column in self.weights.items():
            if len(column) != n or min(column, default=0) < 0:
                raise ValueError(f"weight {name!r} needs one weight >= 0 per member")
        if any(v not in self.members for v in self.vetoes):
            raise ValueError("vetoes must be members")

    @property
    def n(self) -> int:
        """How many members the game has."""
        return len(self.members)

    @property
    def is_unanimity(self) -> bool:
        """True when only the coalition of every member wins."""
        everyone = np.ones((1, self.n), dtype=bool)
        minus_one = ~np.eye(self.n, dtype=bool)
        return bool(self.wins(everyone)[0]) and not self.wins(minus_one).any()

    def column(self, weight: str) -> NDArray[np.int64]:
        """Integer weight of each member (``members``: 1 each)."""
        if weight == MEMBERS:
            return np.ones(self.n, dtype=np.int64)
        return np.array(self.weights[weight], dtype=np.int64)

    def mask(self, coalition: Iterable[str]) -> NDArray[np.bool_]:
        """A coalition (member ids) as a boolean row over the members."""
        chosen = set(coalition)
        unknown = chosen.difference(self.members)
        if unknown:
            raise ValueError(f"not members: {sorted(unknown)}")
        return np.array([m in chosen for m in self.members], dtype=bool)

    def wins(self, coalitions: NDArray[np.bool_]) -> NDArray[np.bool_]:
        """Whether each row of a (coalitions, members) boolean matrix is a winning coalition."""
        rows = np.atleast_2d(np.asarray(coalitions, dtype=bool))
        met = np.ones(rows.shape[0], dtype=bool)
        for quota in self.quotas:
            met &= rows.astype(np.int64) @ self.column(quota.weight) >= quota.amount
        if self.blocking_minority is not None:
            met |= self.n - rows.sum(axis=1) < self.blocking_minority
        for veto in self.vetoes:
            met &= rows[:, self.members.index(veto)]
        return met

    def is_winning(self, coalition: Iterable[str]) -> bool:
        """Whether the coalition (member ids) wins under the rule."""
        return bool(self.wins(self.mask(coalition)[None, :])[0])

    def describe(self) -> str:
        """The rule in words."""
        if self.is_unanimity:
            return f"{self.name}: every one of the {self.n} parties must agree"
        parts = []
        for quota in self.quotas:
            scale = (self.scales or {}).get(quota.weight, 1)
            total = int(self.column(quota.weight).sum())
            parts.append(f"{quota.weight} >= {quota.amount / scale:g} of {total / scale:g}")
        text = " and ".join(parts)
        if self.blocking_minority is not None:
            text += f" (or fewer than {self.blocking_minority} members outside)"
        if self.vetoes:
            text += f"{' and' if parts else ''} with every veto holder: {', '.join(self.vetoes)}"
        return f"{self.name}: {text}"


def unanimity(members: Sequence[str]) -> VotingGame:
    """The game in which only the coalition of every member wins."""
    return VotingGame(tuple(members), {}, (Quota(MEMBERS, len(members)),))


def decimal_scale(values: Sequence[float]) -> int:
    """The least 10**d (d <= MAX_DECIMALS) at which every value is whole (to 1e-9)."""
    for digits in range(MAX_DECIMALS + 1):
        scale = int(10**digits)
        if all(abs(v * scale - round(v * scale)) <= 1e-9 * max(1.0, abs(v * scale))
               for v in values):
            return scale
    return int(10**MAX_DECIMALS)


def weighted_game(members: Sequence[str], weights: Mapping[str, Sequence[float]],
                  thresholds: Sequence[tuple[str, str, float]], *, vetoes: Sequence[str] = (),
                  blocking_minority: int | None = None, name: str = "vote") -> VotingGame:
    """A game from plain weights. `thresholds`: (weight, "share" or "quota", number) each."""
    scales = {w: decimal_scale(list(column)) for w, column in weights.items()}
    scales[MEMBERS] = 1
    integer = {w: tuple(int(round(v * scales[w])) for v in column)
               for w, column in weights.items()}
    quotas = []
    for weight, kind, number in thresholds:
        column = [1] * len(members) if weight == MEMBERS else list(integer[weight])
        exact = Fraction(repr(float(number)))
        amount = exact * sum(column) if kind == "share" else exact * scales[weight]
        quotas.append(Quota(weight, math.ceil(amount)))
    return VotingGame(tuple(members), integer, tuple(quotas), tuple(vetoes), blocking_minority,
                      name, scales)


def voting_game(document: Document, parties: Sequence[str]) -> VotingGame:
    """The decision rule of a (validated) document over its parties; unanimity by default."""
    rule = document.decision_rule
    if rule is None or rule.kind == "unanimity":
        game = unanimity(parties)
        return game if rule is None or rule.name is None else _renamed(game, rule.name)
    weights = {w: [rule.weights[w][p] for p in parties] for w in rule.weights}
    thresholds = [(t.weight, "share" if t.share is not None else "quota",
                   t.share if t.share is not None else float(t.quota or 0))
                  for t in rule.thresholds]
    return weighted_game(parties, weights, thresholds, vetoes=rule.vetoes,
                         blocking_minority=rule.blocking_minority, name=rule.name or "vote")


def _renamed(game: VotingGame, name: str) -> VotingGame:
    return VotingGame(game.members, game.weights, game.quotas, game.vetoes,
                      game.blocking_minority, name, game.scales)


Found = list[tuple[Path, str, str]]


def check_rule(doc: Document, sources: set[str]) -> Found:
    """Every problem of the document's decision rule, each with its path and its fix."""
    rule = doc.decision_rule
    if rule is None:
        return []
    base: Path = ("decision_rule",)
    found: Found = []
    parties = [a.id for a in doc.actors if a.role == "party"]
    refs = [] if rule.source is None else [rule.source] if isinstance(rule.source, str) \
        else rule.source
    for ref in refs:
        if ref not in sources:
            found.append(((*base, "source"), f"unknown source {ref!r}",
                          "use an id listed under sources"))
    if rule.kind == "unanimity":
        if rule.weights or rule.thresholds or rule.vetoes or rule.blocking_minority:
            found.append((base, "a unanimity rule takes no weights, thresholds, vetoes or "
                          "blocking minority", "write kind: vote, or remove them"))
        return found
    if not rule.thresholds and not rule.vetoes:
        found.append((base, "a vote needs thresholds or vetoes",
                      "add e.g. thresholds: [{weight: members, share: 0.5}]"))
    found += _check_weights(rule, parties, base)
    found += _check_thresholds(rule, len(parties), base)
    for k, veto in enumerate(rule.vetoes):
        if veto not in parties:
            found.append(((*base, "vetoes", k), f"{veto!r} is not a party",
                          f"use one of {', '.join(parties)}"))
    if rule.blocking_minority is not None and rule.blocking_minority > len(parties):
        found.append(((*base, "blocking_minority"),
                      f"{rule.blocking_minority} is more than the {len(parties)} parties",
                      f"give a number from 1 to {len(parties)}"))
    return found


MAX_VOTE_WEIGHT = 1e12  # a member's votes or population: finite, and sums stay exact enough
MAX_QUOTA = 1e15
MIN_SHARE = 1e-12


def _check_weights(rule: DecisionRule, parties: list[str], base: Path) -> Found:
    found: Found = []
    for name, table in rule.weights.items():
        where = (*base, "weights", name)
        if name == MEMBERS:
            found.append((where, "'members' is the built-in count of members",
                          "give the weight another name, e.g. votes or population"))
            continue
        for who, value in table.items():
            if who not in parties:
                found.append(((*where, who), f"{who!r} is not a party",
                              f"use one of {', '.join(parties)}"))
            if not 0 <= value <= MAX_VOTE_WEIGHT:
                found.append(((*where, who), f"a weight must lie in [0, {MAX_VOTE_WEIGHT:g}], "
                              f"got {value:g}", f"give a number between 0 and "
                              f"{MAX_VOTE_WEIGHT:g}"))
        missing = [p for p in parties if p not in table]
        if missing:
            found.append((where, f"no {name} for {', '.join(missing)}",
                          "give every party a weight (0 for none)"))
    return found


def _check_thresholds(rule: DecisionRule, parties: int, base: Path) -> Found:
    found: Found = []
    for k, threshold in enumerate(rule.thresholds):
        where = (*base, "thresholds", k)
        if threshold.weight != MEMBERS and threshold.weight not in rule.weights:
            known = ", ".join([MEMBERS, *rule.weights])
            found.append(((*where, "weight"), f"unknown weight {threshold.weight!r}",
                          f"use one of {known}, or define it under decision_rule.weights"))
            continue
        if threshold.share is not None and not 0 < threshold.share <= 1:
            found.append(((*where, "share"), f"a share must lie in [{MIN_SHARE:g}, 1], that "
                          f"is (0, 1], got {threshold.share:g}", "give e.g. 0.55 for 55%"))
        if threshold.quota is not None:
            reach = (float(parties) if threshold.weight == MEMBERS
                     else sum(rule.weights[threshold.weight].values()))
            if not 0 < threshold.quota <= MAX_QUOTA:
                found.append(((*where, "quota"), f"a quota must lie in [{MIN_SHARE:g}, "
                              f"{MAX_QUOTA:g}] (more than 0), got {threshold.quota:g}",
                              "give the least total that wins"))
            elif threshold.quota > reach:
                found.append(((*where, "quota"), f"the quota {threshold.quota:g} exceeds the "
                              f"total {reach:g}: no coalition can win", "lower the quota"))
    return found
