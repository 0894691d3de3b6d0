"""The bargaining measure for Monte Carlo runs, and the summary of its records.

`Bargaining(agenda, events, influence)` is a picklable measure: it applies the chosen pressure
(events, influence edges) to a drawn scenario, runs :func:`redline.space.analyze`, and records
whether a ZOPA exists, the Nash and Kalai-Smorodinsky packages, each party's gain over its
reservation at the Nash point, and the joint gain (the Nash product; 0 without a deal).

Called on one drawn scenario it is the per-draw path (the reference). `prepare(params)` gives its
batched form (:class:`Prepared`): the outcome table built once, then blocks of draws evaluated on
arrays by :mod:`redline.uncertainty.batched`, with the same records bit for bit; above
`ENUMERATE_UP_TO` packages, blocks of draws merged on arrays by :mod:`redline.uncertainty.merged`.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from math import prod
from typing import Any

import numpy as np
from numpy.typing import NDArray

from redline.limits import MAX_OUTCOMES
from redline.scenario import Scenario
from redline.scenario.pressure import apply_pressure
from redline.scenario.sampling import Parameters
from redline.space import analyze, outcome_space
from redline.space.analysis import AUTO_ENUMERATE_UP_TO
from redline.uncertainty.batched import Outcomes, OutcomeTable, evaluate, outcome_table
from redline.uncertainty.drawn import drawn, supported
from redline.uncertainty.engines import Engine, Progress, chunk_size
from redline.uncertainty.merged import MergeTable, TooLarge, evaluate_merged, merge_table
from redline.uncertainty.montecarlo import (
    MonteCarlo,
    evaluate_points,
    keep_pace,
    points_of,
    spans,
)
from redline.uncertainty.summary import Tally
from redline.uncertainty.voting import coalition_record, membership

OUTPUTS = ("zopa", "joint_gain")  # plus "gain:PARTY"
MERGE_BLOCK = 64  # draws merged at once
# Every package of every draw up to this many packages, the merge above: measured on one core
# (benchmarks/README.md), the merge costs about the same at 4,096 packages when no utility varies
# by draw and 1.5-4x less at 3,000-16,000 when both parties' do.
ENUMERATE_UP_TO = 2048


@dataclass(frozen=True)
class Bargaining:
    """The bargaining measure of a drawn scenario: apply the chosen events and influence edges,
    analyse the agenda, and record whether a ZOPA exists, the Nash and Kalai–Smorodinsky packages
    and each party's gain."""
    agenda: tuple[str, ...] | None = None
    events: tuple[str, ...] = ()
    influence: tuple[str, ...] = ()
    max_outcomes: int = MAX_OUTCOMES

    def __call__(self, scenario: Scenario, rng: np.random.Generator) -> dict[str, Any]:
        del rng  # the analysis is deterministic given the drawn scenario
        if self.events or self.influence:
            scenario = apply_pressure(scenario, self.events, self.influence).scenario
        if not scenario.voting_game().is_unanimity:  # a winning coalition adopts the deal
            return coalition_record(scenario, self.agenda, self.max_outcomes)
        # Which red lines bind is not recorded: skip its extra frontier per red line. Nor are
        # the tied packages: one per utility vector gives the same Nash and K-S packages.
        result = analyze(scenario, self.agenda, max_outcomes=self.max_outcomes, binding=False,
                         ties=False)
        nash = result.solutions["nash"] if result.zopa else None
        ks = result.solutions["kalai_smorodinsky"] if result.zopa else None
        record: dict[str, Any] = {"zopa": result.zopa, "refused": bool(result.refused_by)}
        if nash is None or ks is None:
            record.update({"nash": None, "ks": None, "joint_gain": 0.0,
                           **{f"gain:{p}": None for p in result.parties}})
            return record
        gains = [u - d for u, d in zip(nash.utilities, result.reservations, strict=True)]
        record.update({"nash": result.labels(nash.options), "ks": result.labels(ks.options),
                       "joint_gain": prod(gains),
                       **{f"gain:{p}": g for p, g in zip(result.parties, gains, strict=True)}})
        return record

    def prepare(self, params: Parameters) -> Prepared | None:
        """The batched form for draws of `params`: every package of every draw up to
        ENUMERATE_UP_TO packages, the merge beyond; None where only the per-draw path goes (a
        parameter the batched draw does not know, or a space the analysis would refuse to
        enumerate)."""
        if not supported(params) or not params.scenario.voting_game().is_unanimity:
            return None
        size = outcome_space(params.scenario, self.agenda).size
        if size <= min(ENUMERATE_UP_TO, self.max_outcomes):
            return Prepared(self, params, outcome_table(params.scenario, self.agenda))
        if self.max_outcomes < size <= AUTO_ENUMERATE_UP_TO:
            return None  # `analyze` enumerates such spaces, and refuses this one
        return Prepared(self, params, merge_table(params.scenario, self.agenda,
                                                  self.max_outcomes))


@dataclass(frozen=True)
class Prepared:
    """`Bargaining` on blocks of draws: the situation's outcome table (or, for the merge, its
    outcome space), built once."""

    measure: Bargaining
    params: Parameters
    table: OutcomeTable | MergeTable

    @property
    def method(self) -> str:
        """How the blocks are analysed: ``batched`` (every package evaluated) or ``batched
        merge`` (the issues' frontiers merged per draw)."""
        return "batched" if isinstance(self.table, OutcomeTable) else "batched merge"

    def outcomes(self, points: NDArray[np.float64]) -> Outcomes:
        """The outcome of the draw at each row of `points` (B, D), block by block."""
        parts = []
        table = self.table
        step = table.block() if isinstance(table, OutcomeTable) else MERGE_BLOCK
        batched = True  # until a block is beyond the batch's bounds (the rest will be too)
        started = time.process_time()
        for start in range(0, len(points), step):
            block = points[start:start + step]
            part: Outcomes | None = None
            if batched:
                numbers = drawn(self.params, block, self.measure.events, self.measure.influence)
                try:
                    part = evaluate(table, numbers) if isinstance(table, OutcomeTable) else \
                        evaluate_merged(table, numbers)
                except TooLarge:  # beyond the batch's bounds: the per-draw path, as before
                    batched = False
            parts.append(part if part is not None else self.per_draw(block))
            done = start + len(block)
            keep_pace(time.process_time() - started, done, len(points) - done,
                      f"a chunk of {len(points):,} draws")  # under a CPU limit: does it fit?
        return Outcomes.concatenate(parts, len(table.parties), len(table.scenario.issues))

    def per_draw(self, points: NDArray[np.float64]) -> Outcomes:
        """The outcomes of `points` from the per-draw path's records."""
        seed = np.random.SeedSequence(0)  # unused: the analysis draws nothing
        records = [r for _, r in evaluate_points(self.params, self.measure,
                                                 [(p, seed) for p in points])]
        issues = self.table.scenario.issues
        parties = self.table.parties
        found = Outcomes.empty(len(records), len(parties), len(issues))
        for b, record in enumerate(records):
            found.refused[b], found.zopa[b] = record["refused"], record["zopa"]
            found.zopa_size[b] = 0 if record["refused"] else -1
            if record["nash"] is not None:
                for k, issue in enumerate(issues):
                    found.nash[b, k] = issue.options.index(record["nash"][issue.id])
                    found.ks[b, k] = issue.options.index(record["ks"][issue.id])
                found.gains[b] = [record[f"gain:{p}"] for p in parties]
                found.joint_gain[b] = record["joint_gain"]
        return found

    def records(self, points: NDArray[np.float64]) -> list[dict[str, Any]]:
        """The per-draw records of `Bargaining.__call__`, from the batched outcomes."""
        found = self.outcomes(points)
        issues = self.table.scenario.issues

        def labels(row: list[int]) -> dict[str, str]:
            return {i.id: i.options[k] for i, k in zip(issues, row, strict=True)}

        parties = self.table.parties
        nash, ks, deal = found.nash.tolist(), found.ks.tolist(), found.deal
        records: list[dict[str, Any]] = []
        for b in range(len(found)):
            record: dict[str, Any] = {"zopa": bool(found.zopa[b]),
                                      "refused": bool(found.refused[b])}
            if not deal[b]:
                record.update({"nash": None, "ks": None, "joint_gain": 0.0,
                               **{f"gain:{p}": None for p in parties}})
            else:
                record.update({"nash": labels(nash[b]), "ks": labels(ks[b]),
                               "joint_gain": float(found.joint_gain[b]),
                               **{f"gain:{p}": float(found.gains[b, j])
                                  for j, p in enumerate(parties)}})
            records.append(record)
        return records


def tally_span(prepared: Prepared, seed: int, span: tuple[int, int]) -> Tally:
    """Runs span[0]..span[1]-1 of a run seeded `seed`, reduced to a tally (on a worker)."""
    points = points_of(seed, span[0], span[1], len(prepared.params))
    return Tally.of(prepared.outcomes(points), prepared.table)


def tally_runs(prepared: Prepared, runs: int, seed: int, engine: Engine, chunk: int = 1000,
               progress: Progress | None = None) -> Tally:
    """The tally of `runs` draws: chunks of runs (at most `chunk`, a few per worker) evaluated on
    the engine, each sending back its tally, merged in run order. The draws are those of
    `run(scenario, measure, runs, seed)`: the same seed gives the same numbers on every engine
    and for every chunk size."""
    parts = spans(runs, chunk_size(runs, engine.slots, max(1, chunk)))
    return engine.fold(partial(tally_span, prepared, seed), parts, Tally.merge,
                       [stop - start for start, stop in parts], progress)


def outputs(found: Outcomes, output: str, parties: tuple[str, ...]) -> NDArray[np.float64]:
    """One scalar per draw, as `scalar` reads it from a record."""
    if output == "zopa":
        return found.zopa.astype(float)
    if output == "joint_gain":
        return found.joint_gain
    gains = found.gains[:, parties.index(output.removeprefix("gain:"))]
    return np.where(np.isnan(gains), 0.0, gains)


def scalar(record: Mapping[str, Any], output: str) -> float:
    """A record's value for a sensitivity output: zopa (0/1), joint_gain, or gain:PARTY (0 if none)."""
    value = record[output]
    return 0.0 if value is None else float(value)


def summarise(result: MonteCarlo, parties: tuple[str, ...]) -> dict[str, Any]:
    """P(ZOPA), the share of each option per issue at the Nash and KS points, per-party gain
    intervals and the joint gain's, from the records of every draw (the per-draw path; the
    batched path streams the same numbers: `summary.Tally`); under a non-unanimity rule also
    each party's share of membership in the adopting coalition (`coalition_members`)."""
    records = result.records
    deals = [r for r in records if r["zopa"]]
    scenario = result.parameters.scenario

    def shares(key: str) -> dict[str, dict[str, float]]:
        options: dict[str, dict[str, float]] = {}
        for issue in scenario.issues:
            counts = dict.fromkeys(issue.options, 0)
            for r in deals:
                counts[r[key][issue.id]] += 1
            options[issue.id] = {o: (c / len(deals) if deals else 0.0) for o, c in counts.items()}
        return options

    def interval(key: str) -> dict[str, float] | None:
        values = np.array([r[key] for r in deals], dtype=float)
        if len(values) == 0:
            return None
        low, median, high = np.quantile(values, [0.05, 0.5, 0.95])
        return {"p05": float(low), "median": float(median), "p95": float(high),
                "mean": float(values.mean())}

    p = len(deals) / len(records)
    rule = {} if "coalition" not in records[0] else {"coalition_members": membership(records,
                                                                                   parties)}
    return {
        "p_zopa": p,
        "p_zopa_se": float(np.sqrt(p * (1 - p) / len(records))),
        "p_refused": sum(1 for r in records if r["refused"]) / len(records),
        "deals": len(deals),
        "nash_options": shares("nash"),
        "ks_options": shares("ks"),
        "gains": {party: interval(f"gain:{party}") for party in parties},
        "joint_gain": interval("joint_gain"),
        "quantiles": "exact",
        **rule,
    }
