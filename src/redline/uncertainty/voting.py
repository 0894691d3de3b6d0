"""One drawn scenario under its decision rule: the record of the deal a winning coalition adopts.

Under unanimity every party holds a veto and `Bargaining` analyses the one bargaining problem of
all parties. Under a vote (:mod:`redline.scenario.decision`) a deal needs a winning coalition's
acceptance: each draw is analysed as `redline coalitions` analyses a scenario
(:func:`redline.space.coalitions.analyze_coalitions`: the candidate coalitions' bargaining
problems and the likeliest coalition by its stated criterion), and the record is that of the
likeliest coalition's deal:

- ``zopa``: some candidate coalition has a ZOPA (so a deal can be adopted);
- ``refused``: every candidate coalition's talks are refused by one of its members;
- ``nash`` and ``ks``: the likeliest coalition's Nash and Kalai-Smorodinsky packages;
- ``gain:PARTY``: every party's utility at the adopted (Nash) package minus its no-deal value,
  members and outvoted parties alike (an outvoted party's gain can be negative);
- ``joint_gain``: the product of the members' gains (the coalition's Nash product);
- ``coalition``: the adopting coalition's members.

The draw is evaluated draw by draw (the per-draw path): the batched engine knows unanimity only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from math import prod
from typing import Any

from redline.scenario import Scenario
from redline.space.coalitions import analyze_coalitions, utility_of


def coalition_record(scenario: Scenario, agenda: tuple[str, ...] | None,
                     max_outcomes: int) -> dict[str, Any]:
    """The record of one drawn scenario under a non-unanimity rule (see the module docstring)."""
    found = analyze_coalitions(scenario, agenda, max_outcomes=max_outcomes)
    parties = scenario.parties
    refused = bool(found.coalitions) and all(c.analysis.refused_by for c in found.coalitions)
    chosen = found.likeliest
    record: dict[str, Any] = {"zopa": chosen is not None, "refused": refused}
    if chosen is None:
        record.update({"nash": None, "ks": None, "joint_gain": 0.0, "coalition": None,
                       **{f"gain:{p}": None for p in parties}})
        return record
    result = chosen.analysis
    nash, ks = result.solutions["nash"], result.solutions["kalai_smorodinsky"]
    assert nash is not None and ks is not None  # a coalition with a ZOPA has both
    gains = {p: utility_of(scenario, p, nash.options) - scenario.utilities[p].reservation
             for p in parties}
    members = [u - d for u, d in zip(nash.utilities, result.reservations, strict=True)]
    record.update({"nash": result.labels(nash.options), "ks": result.labels(ks.options),
                   "joint_gain": prod(members), "coalition": list(chosen.members),
                   **{f"gain:{p}": g for p, g in gains.items()}})
    return record


def membership(records: Sequence[Mapping[str, Any]], parties: tuple[str, ...]
               ) -> dict[str, float]:
    """Per party, the share of the draws with a deal whose adopting coalition includes it."""
    deals = [r for r in records if r["zopa"]]
    return {p: (sum(p in r["coalition"] for r in deals) / len(deals) if deals else 0.0)
            for p in parties}
