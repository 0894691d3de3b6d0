"""Generated negotiation domains: k issues x n options, linear-additive random preferences.

The shape of the domains used to benchmark negotiation libraries (NegMAS's own benchmark among
them): every party weighs the issues with random weights and values each option uniformly at
random in [0, 1]. Seeded through a `numpy.random.Generator`; the same generator state gives the
same scenario. Used by the tests, the benchmarks and ``examples/many-issues-20.yaml``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from redline.scenario import Scenario, load


def issue_id(k: int) -> str:
    """The id of the k-th generated issue (0-based): ``i01``, ``i02``, ..."""
    return f"i{k + 1:02d}"


def option_label(j: int) -> str:
    """The label of the j-th option of a generated issue (0-based): ``o1``, ``o2``, ..."""
    return f"o{j + 1}"


def party_id(p: int) -> str:
    """The id of the p-th generated party (0-based): ``P1``, ``P2``, ..."""
    return f"P{p + 1}"


def random_red_lines(issues: int, options: int, count: int, rng: np.random.Generator,
                     span: int = 2) -> list[str]:
    """`count` conditional red lines, each over `span` distinct random issues:
    "if the first is above a threshold, the others stay below theirs"."""
    rules = []
    for _ in range(count):
        chosen = rng.choice(issues, size=min(span, issues), replace=False)
        first, *rest = (int(k) for k in chosen)
        premise = f"{issue_id(first)} >= '{option_label(int(rng.integers(1, options)))}'"
        limits = " and ".join(
            f"{issue_id(k)} <= '{option_label(int(rng.integers(0, options - 1)))}'" for k in rest
        )
        rules.append(f"{premise} implies {limits}" if limits else premise)
    return rules


def linear_additive_document(
    issues: int,
    options: int,
    parties: int,
    rng: np.random.Generator,
    *,
    red_lines: Sequence[str] = (),
    reservation: float | Sequence[float] = 0.0,
    decimals: int | None = None,
    title: str | None = None,
) -> dict[str, Any]:
    """A scenario document (format redline/1) with random linear-additive preferences.

    Red lines are rule texts, assigned to the parties in turn. `decimals` rounds weights and
    values (for a readable file); None keeps full precision.
    """
    reservations = ([float(reservation)] * parties if isinstance(reservation, int | float)
                    else [float(r) for r in reservation])
    labels = [option_label(j) for j in range(options)]

    def rounded(x: np.ndarray) -> list[float]:
        return [float(v) for v in (np.round(x, decimals) if decimals is not None else x)]

    preferences = {}
    for p in range(parties):
        weights = rng.random(issues)
        weights = weights / weights.sum()
        if decimals is not None:  # rounded weights that still add up to 1
            weights = np.round(weights, decimals)
            top = int(np.argmax(weights))
            weights[top] = round(1.0 - float(weights.sum() - weights[top]), decimals)
        values = rng.random((issues, options))
        preferences[party_id(p)] = {
            "weights": dict(zip((issue_id(k) for k in range(issues)), rounded(weights),
                                strict=True)),
            "values": {issue_id(k): rounded(values[k]) for k in range(issues)},
            "reservation": reservations[p],
        }
    return {
        "format": "redline/1",
        "title": title or f"{parties} parties, {issues} issues x {options} options (random)",
        "actors": [{"id": party_id(p), "name": f"Party {p + 1}", "role": "party"}
                   for p in range(parties)],
        "issues": [{"id": issue_id(k), "name": f"Issue {k + 1}", "options": labels,
                    "status_quo": labels[0]} for k in range(issues)],
        "preferences": preferences,
        "red_lines": [{"id": f"rl{j + 1}", "actor": party_id(j % parties), "rule": rule}
                      for j, rule in enumerate(red_lines)],
    }


def linear_additive_scenario(issues: int, options: int, parties: int, rng: np.random.Generator,
                             **kwargs: Any) -> Scenario:
    """:func:`linear_additive_document`, loaded."""
    return load(linear_additive_document(issues, options, parties, rng, **kwargs))


def opposed_yes_no_document(issues: int, reservation: float = 0.1) -> dict[str, Any]:
    """Two parties, A and B, on `issues` yes/no issues with exactly opposed values and weights
    cycling through 1, 2, 3 (B's shifted by one). Issues with the same weight pair are
    interchangeable, so most frontier packages tie with many others on both utilities: the
    hard case for a merge that lists every tie (and a fuzzing bomb at 40 issues)."""
    ids = [f"i{k:02d}" for k in range(issues)]
    return {
        "format": "redline/1", "title": f"opposed yes/no on {issues} issues",
        "actors": [{"id": p, "name": p, "role": "party"} for p in ("A", "B")],
        "issues": [{"id": i, "name": i, "options": ["no", "yes"], "status_quo": "no"}
                   for i in ids],
        "preferences": {p: {"weights": {i: 1 + (s + k) % 3 for k, i in enumerate(ids)},
                            "values": {i: [s, 1 - s] for i in ids}, "reservation": reservation}
                        for s, p in enumerate(("A", "B"))},
    }
