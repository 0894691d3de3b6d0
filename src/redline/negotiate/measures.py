"""How good the deals are: agreement rate, rounds, utilities, distance to the Nash point and to
the Pareto frontier, and Pareto-optimality.

The reference points are those of the bargaining space: the frontier is the set of outcomes
every party can accept (within every party's red lines, each at least at its reservation: the
ZOPA) that no other such outcome dominates; the Nash point maximises the product of gains over
reservations on it (Nash 1950). For a scenario they come from :func:`redline.space.analyze`
(:func:`landmarks`); :func:`reference` computes the same from a domain's own tables, for
synthetic domains such as the benchmark's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from redline.limits import TOLERANCE
from redline.negotiate.domain import Domain
from redline.negotiate.sessions import Sessions
from redline.scenario import Scenario
from redline.scenario.situation import Situation, situate
from redline.space import Analysis, analyze
from redline.space import pareto_mask as frontier_of


def pareto_mask(utilities: NDArray[np.float64], within: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """(n_outcomes,): outcomes in ``within`` that no other outcome in ``within`` dominates
    (at least as good for every party, better for one). ``utilities`` is (parties, outcomes)."""
    result = np.zeros(utilities.shape[1], dtype=bool)
    members = np.flatnonzero(within)
    result[members] = frontier_of(utilities[:, members].T)
    return result


def nash_point_of(utilities: NDArray[np.float64], reservations: NDArray[np.float64],
                  within: NDArray[np.bool_]) -> int | None:
    """The outcome in ``within`` maximising the product of gains over reservations among those
    that leave every party at least its reservation; None when there is none."""
    gains = utilities - reservations[:, None]
    feasible = within & (gains >= -TOLERANCE).all(axis=0)
    if not feasible.any():
        return None
    product = np.where(feasible, np.prod(np.maximum(gains, 0.0), axis=0), -np.inf)
    return int(np.argmax(product))


@dataclass(frozen=True)
class Reference:
    """The bargaining-space landmarks sessions are measured against."""

    method: str
    nash: NDArray[np.float64] | None  # (parties,) utilities of the Nash point
    frontier: NDArray[np.float64]  # (points, parties) utilities of the Pareto frontier
    pareto: NDArray[np.bool_]  # (n_outcomes,) Pareto-optimal outcomes

    def to_dict(self) -> dict[str, Any]:
        """The reference points as JSON: how they were found, the Nash utilities and the number
        of frontier points."""
        return {"method": self.method,
                "nash": None if self.nash is None else self.nash.tolist(),
                "frontier_points": int(len(self.frontier))}


def reference(domain: Domain) -> Reference:
    """Nash point and Pareto frontier of a domain, computed from its own tables."""
    pareto = pareto_mask(domain.utilities, domain.agreeable)
    nash = nash_point_of(domain.utilities, domain.reservations, domain.agreeable)
    return Reference(
        method="negotiate.reference",
        nash=None if nash is None else domain.utilities[:, nash].copy(),
        frontier=domain.utilities[:, pareto].T.copy(),
        pareto=pareto,
    )


def from_analysis(analysis: Analysis, domain: Domain) -> Reference:
    """The landmarks of a bargaining-space analysis, on a domain of the same agenda."""
    if tuple(analysis.agenda) != domain.issues or tuple(analysis.parties) != domain.parties:
        raise ValueError("the analysis and the domain differ in agenda or parties")
    columns = [analysis.scenario.issue_ids.index(i) for i in domain.issues]
    sizes = [len(o) for o in domain.options]
    numbers = np.zeros(len(analysis.frontier), dtype=np.int64)
    for k, column in enumerate(columns):
        numbers = numbers * sizes[k] + analysis.frontier.options[:, column]
    pareto = np.zeros(domain.n_outcomes, dtype=bool)
    pareto[numbers] = True
    nash = analysis.solutions.get("nash")
    return Reference(
        method="space.analyze",
        nash=None if nash is None else np.array(nash.utilities),
        frontier=np.array(analysis.frontier.utilities, dtype=float).reshape(-1, domain.n_parties),
        pareto=pareto,
    )


def landmarks(scenario: Scenario | Situation, domain: Domain) -> Reference:
    """Nash point and frontier of a situation's (or scenario's) domain, from
    :func:`redline.space.analyze`."""
    return from_analysis(analyze(situate(scenario, list(domain.issues))), domain)


@dataclass(frozen=True)
class Summary:
    """Aggregate figures of a batch of sessions (means over all sessions unless said)."""

    method: str
    parameters: Mapping[str, Any]
    runs: int
    agreement_rate: float
    mean_rounds: float
    mean_utilities: Mapping[str, float]  # no deal counts as the reservation
    nash_distance: float | None  # mean over agreements of the Euclidean distance
    frontier_distance: float | None  # mean over agreements of the distance to the frontier
    pareto_rate: float | None  # share of agreements on the Pareto frontier
    off_frontier: float | None  # share of agreements off it (1 - pareto_rate)
    endings: Mapping[str, int] = field(default_factory=dict)
    sessions_per_second: float | None = None
    agreements: tuple[tuple[int, float, bool], ...] = ()  # (outcome, share of deals, Pareto?)

    def to_dict(self) -> dict[str, Any]:
        """The summary as JSON: agreement rate, mean rounds and utilities, distances to the Nash
        point and the frontier, Pareto rate, endings, speed, and the agreements reached with
        their shares."""
        return {
            "method": self.method, "parameters": dict(self.parameters), "runs": self.runs,
            "agreement_rate": self.agreement_rate, "mean_rounds": self.mean_rounds,
            "mean_utilities": dict(self.mean_utilities), "nash_distance": self.nash_distance,
            "frontier_distance": self.frontier_distance, "pareto_rate": self.pareto_rate,
            "off_frontier": self.off_frontier, "endings": dict(self.endings),
            "sessions_per_second": self.sessions_per_second,
            "agreements": [{"outcome": o, "share": share, "pareto_optimal": pareto}
                           for o, share, pareto in self.agreements],
        }

    def record(self, protocol: str, domain: Domain) -> dict[str, Any]:
        """The `redline-simulation/1` JSON object of one protocol's run on ``domain`` (what
        `redline simulate --format json`, the report and the web API print)."""
        return {
            "format": "redline-simulation/1",
            "protocol": protocol,
            "runs": self.runs,
            "agreement_rate": self.agreement_rate,
            "mean_rounds": self.mean_rounds,
            "mean_utilities": dict(self.mean_utilities),
            "nash_distance": self.nash_distance,
            "pareto_rate": self.pareto_rate,
            "off_frontier": self.off_frontier,
            "sessions_per_second": self.sessions_per_second,
            "frontier_distance": self.frontier_distance,
            "endings": dict(self.endings),
            "strategies": dict(self.parameters["strategies"]),
            "rounds": self.parameters["rounds"],
            "agenda": list(domain.issues),
            "refused_by": list(domain.refused_by),
            "agreements": [{"outcome": domain.describe(o), "share": share,
                            "pareto_optimal": pareto}
                           for o, share, pareto in self.agreements],
        }


TOP_AGREEMENTS = 5
"""How many of the most frequent agreed packages a summary lists."""


def frequent_agreements(sessions: Sessions, pareto: NDArray[np.bool_],
                        top: int = TOP_AGREEMENTS) -> tuple[tuple[int, float, bool], ...]:
    """The most frequent agreed outcomes: (outcome, share of the deals, on the frontier?), most
    frequent first, ties by outcome number."""
    agreed = sessions.outcome[sessions.agreed]
    if not agreed.size:
        return ()
    outcomes, counts = np.unique(agreed, return_counts=True)
    order = np.lexsort((outcomes, -counts))[:top]
    return tuple((int(outcomes[k]), round(float(counts[k] / agreed.size), 12),
                  bool(pareto[outcomes[k]])) for k in order)


def summarize(sessions: Sessions, landmarks: Reference, seconds: float | None = None) -> Summary:
    """Agreement rate, rounds, utilities and distances of a batch of sessions, and the most
    frequent agreements."""
    runs = len(sessions)
    deals = sessions.agreed
    points = sessions.utilities[deals]
    nash_distance = frontier_distance = pareto_rate = None
    if deals.any():
        if landmarks.nash is not None:
            nash_distance = float(np.linalg.norm(points - landmarks.nash, axis=1).mean())
        if len(landmarks.frontier):
            gaps = np.linalg.norm(points[:, None, :] - landmarks.frontier[None, :, :], axis=2)
            frontier_distance = float(gaps.min(axis=1).mean())
        pareto_rate = float(landmarks.pareto[sessions.outcome[deals]].mean())
    return Summary(
        method=sessions.method,
        parameters={**sessions.parameters,
                    "strategies": dict(zip(sessions.parties, sessions.strategies, strict=True))},
        runs=runs,
        agreement_rate=float(deals.mean()) if runs else 0.0,
        mean_rounds=float(sessions.rounds.mean()) if runs else 0.0,
        mean_utilities={p: float(sessions.utilities[:, k].mean()) if runs else 0.0
                        for k, p in enumerate(sessions.parties)},
        nash_distance=nash_distance,
        frontier_distance=frontier_distance,
        pareto_rate=pareto_rate,
        off_frontier=None if pareto_rate is None else 1.0 - pareto_rate,
        endings=sessions.endings(),
        sessions_per_second=(runs / seconds) if seconds else None,
        agreements=frequent_agreements(sessions, landmarks.pareto),
    )
