"""Tournaments: every strategy profile plays many seeded sessions (after Axelrod's tournaments).

One seed for the tournament spawns one child seed per profile, which in turn spawns the
sessions' seeds, so each profile's sessions are the same whether it runs alone or in the
tournament, and in any order.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from redline.limits import MAX_PROFILES, MAX_TOURNAMENT_TURNS
from redline.negotiate.domain import Domain
from redline.negotiate.engine import Engine, Setup, simulate
from redline.negotiate.measures import Reference, Summary, reference, summarize
from redline.negotiate.strategies import REGISTRY, strategy
from redline.scenario.budget import check_tournament
from redline.scenario.decision import VotingGame

# Every strategy profile (strategies ** parties) is played up to MAX_PROFILES (redline.limits);
# beyond, a seeded sample of SAMPLED_PROFILES.
SAMPLED_PROFILES = 256


@dataclass(frozen=True)
class Entry:
    """One strategy profile's results: which party played which strategy, and the summary."""

    strategies: Mapping[str, str]
    summary: Summary

    def to_dict(self) -> dict[str, Any]:
        """The profile's row as JSON: each party's strategy and the summary of its sessions."""
        return {"strategies": dict(self.strategies), **self.summary.to_dict()}


@dataclass(frozen=True)
class Tournament:
    """Every strategy profile's sessions summarised, with the method and parameters of the run."""
    method: str
    parameters: Mapping[str, Any]
    entries: tuple[Entry, ...]

    def ranking(self) -> list[tuple[str, float, float]]:
        """(strategy, mean utility gain over reservation, agreement rate), best first; averaged
        over every profile and every party the strategy played."""
        gains: dict[str, list[float]] = {}
        deals: dict[str, list[float]] = {}
        reservations = self.parameters["reservations"]
        for entry in self.entries:
            for party, name in entry.strategies.items():
                gain = entry.summary.mean_utilities[party] - reservations[party]
                gains.setdefault(name, []).append(gain)
                deals.setdefault(name, []).append(entry.summary.agreement_rate)
        table = [(name, float(np.mean(g)) + 0.0, float(np.mean(deals[name])))
                 for name, g in gains.items()]
        return sorted(table, key=lambda row: -row[1])

    def _repr_html_(self) -> str:
        """The result in a Jupyter notebook (see :mod:`redline.notebook`)."""
        from redline.notebook import result_html

        return result_html(self.to_dict())

    def to_dict(self) -> dict[str, Any]:
        """The tournament as JSON: its entries and the ranking of strategies by mean gain and
        agreement rate."""
        return {"method": self.method, "parameters": dict(self.parameters),
                "entries": [e.to_dict() for e in self.entries],
                "ranking": [{"strategy": s, "mean_gain": g, "agreement_rate": a}
                            for s, g, a in self.ranking()]}


def tournament(domain: Domain, runs: int, seed: int, names: Sequence[str] | None = None,
               protocol: str = "alternating", rounds: int = 100, breakdown: float = 0.0,
               engine: Engine | None = None, landmarks: Reference | None = None,
               chunk_size: int = 2048, game: VotingGame | None = None,
               max_turns: int = MAX_TOURNAMENT_TURNS) -> Tournament:
    """Play every assignment of the named strategies to the parties (all of ``REGISTRY`` by
    default), ``runs`` sessions each (in chunks of ``chunk_size``, which changes nothing but
    how the engine can spread them). With more than MAX_PROFILES assignments (27 parties and
    two strategies make 2**27), a sample of SAMPLED_PROFILES distinct ones drawn with ``seed``
    is played instead, and ``parameters["profiles"]`` and ``["played"]`` say so. ``game``: the
    decision rule (needed by the coalition protocol; under a rule other than unanimity every
    protocol ends when a winning coalition accepts, and ``parameters["rule"]`` says so).
    A tournament estimated to pass ``max_turns`` turns (``MAX_TOURNAMENT_TURNS``) is refused
    before it starts (``redline.scenario.budget.WorkTooLarge``)."""
    chosen = list(names) if names is not None else list(REGISTRY)
    players = [strategy(n) for n in chosen]
    landmarks = landmarks if landmarks is not None else reference(domain)
    total = len(players) ** domain.n_parties
    profiles = (list(itertools.product(range(len(players)), repeat=domain.n_parties))
                if total <= MAX_PROFILES else _sample(len(players), domain.n_parties, seed))
    check_tournament(len(profiles), runs, chunk_size, rounds, domain.n_parties, max_turns)
    children = np.random.SeedSequence(seed).spawn(len(profiles))
    entries = []
    for profile, child in zip(profiles, children, strict=True):
        setup = Setup(domain, tuple(players[k] for k in profile), protocol=protocol,
                      rounds=rounds, breakdown=breakdown, game=game)
        started = time.perf_counter()
        sessions = simulate(setup, runs, child, chunk_size=chunk_size, engine=engine)
        summary = summarize(sessions, landmarks, time.perf_counter() - started)
        entries.append(Entry(dict(zip(domain.parties, (players[k].label for k in profile),
                                      strict=True)), summary))
    parameters = {"runs": runs, "seed": seed, "protocol": protocol, "rounds": rounds,
                  "breakdown": breakdown, "strategies": [p.label for p in players],
                  "reservations": dict(zip(domain.parties, domain.reservations.tolist(),
                                           strict=True))}
    if game is not None and not game.is_unanimity:  # only a vote adds the key
        parameters["rule"] = game.describe()
    if len(profiles) < total:  # only a sample adds the keys: other tournaments are unchanged
        parameters.update({"profiles": total, "played": len(profiles)})
    return Tournament("round-robin", parameters, tuple(entries))


def _sample(strategies: int, parties: int, seed: int) -> list[tuple[int, ...]]:
    """SAMPLED_PROFILES distinct profiles, drawn uniformly with their own child of ``seed``."""
    rng = np.random.default_rng(np.random.SeedSequence([seed, 1]))
    found: dict[tuple[int, ...], None] = {}
    while len(found) < SAMPLED_PROFILES:
        found.setdefault(tuple(int(k) for k in rng.integers(0, strategies, parties)))
    return list(found)
