"""The summary of a bargaining Monte Carlo, accumulated chunk by chunk and merged exactly.

`Tally.of(outcomes, table)` reduces a chunk of draws to counts and samples
(:mod:`redline.uncertainty.streaming`); `a.merge(b)` joins two chunks (a's draws first);
`tally.summary(parties)` gives the numbers `bargaining.summarise` computes from the records
of every draw: P(ZOPA) and its standard error, P(refused), each option's share of the Nash (and
Kalai-Smorodinsky) packages among deals, and each party's gain at the Nash point (5 %, 50 %,
95 % and mean) -- equal to them while the samples are exact (up to `EXACT_LIMIT` deals).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from redline.scenario import Scenario
from redline.uncertainty.batched import Outcomes, OutcomeTable
from redline.uncertainty.merged import MergeTable
from redline.uncertainty.streaming import Sample


@dataclass(frozen=True)
class Tally:
    """Counts and samples of a run of draws of one situation."""

    runs: int
    deals: int
    refused: int
    nash: tuple[NDArray[np.int64], ...]  # per scenario issue: deals choosing each option
    ks: tuple[NDArray[np.int64], ...]
    gains: tuple[Sample, ...]  # per party, among deals
    joint_gain: Sample  # among deals

    @staticmethod
    def of(outcomes: Outcomes, table: OutcomeTable | MergeTable) -> Tally:
        """Reduce a chunk of draws to counts and samples: draws, deals, refusals, how often each
        option is in the Nash and Kalai–Smorodinsky package, and the gains at the Nash point with
        their product."""
        deal = outcomes.deal
        counts = [len(i.options) for i in table.scenario.issues]

        def shares(packages: NDArray[np.int64]) -> tuple[NDArray[np.int64], ...]:
            chosen = packages[deal]
            return tuple(np.bincount(chosen[:, k], minlength=n).astype(np.int64)
                         for k, n in enumerate(counts))

        return Tally(len(outcomes), int(deal.sum()), int(outcomes.refused.sum()),
                     shares(outcomes.nash), shares(outcomes.ks),
                     tuple(Sample.of(outcomes.gains[deal, j])
                           for j in range(outcomes.gains.shape[1])),
                     Sample.of(outcomes.joint_gain[deal]))

    def merge(self, other: Tally) -> Tally:
        """The tally of both chunks, this one's draws first; counts add and samples merge
        exactly."""
        return Tally(self.runs + other.runs, self.deals + other.deals,
                     self.refused + other.refused,
                     tuple(a + b for a, b in zip(self.nash, other.nash, strict=True)),
                     tuple(a + b for a, b in zip(self.ks, other.ks, strict=True)),
                     tuple(a.merge(b) for a, b in zip(self.gains, other.gains, strict=True)),
                     self.joint_gain.merge(other.joint_gain))

    def summary(self, scenario: Scenario, parties: tuple[str, ...]) -> dict[str, Any]:
        """The keys of `bargaining.summarise`, plus KS shares, the joint gain and whether the
        quantiles are exact."""
        def shares(counts: tuple[NDArray[np.int64], ...]) -> dict[str, dict[str, float]]:
            return {issue.id: {o: (int(c) / self.deals if self.deals else 0.0)
                               for o, c in zip(issue.options, row, strict=True)}
                    for issue, row in zip(scenario.issues, counts, strict=True)}

        p = self.deals / self.runs
        return {
            "p_zopa": p,
            "p_zopa_se": float(np.sqrt(p * (1 - p) / self.runs)),
            "p_refused": self.refused / self.runs,
            "deals": self.deals,
            "nash_options": shares(self.nash),
            "ks_options": shares(self.ks),
            "gains": {party: interval(sample) for party, sample in
                      zip(parties, self.gains, strict=True)},
            "joint_gain": interval(self.joint_gain),
            "quantiles": "exact" if all(s.exact for s in self.gains) else "histogram",
        }


def interval(sample: Sample) -> dict[str, float] | None:
    """5 %, 50 %, 95 % and the mean of a sample (None when empty)."""
    if sample.count == 0:
        return None
    low, median, high = sample.quantiles([0.05, 0.5, 0.95])
    return {"p05": low, "median": median, "p95": high, "mean": sample.mean()}
