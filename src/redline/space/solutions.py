"""Bargaining solutions chosen on a Pareto frontier.

Each function takes the frontier's utilities (points x parties, in canonical outcome order) and the
disagreement point d (the parties' reservation values, used as given) and returns the chosen row
and how many rows tie on the solution's criterion. Ties are broken by a second criterion, then by
canonical order (the first outcome wins), so the choice is deterministic.

- Nash (1950): maximise the product of gains, prod_i (u_i - d_i); ties: first outcome.
- Kalai–Smorodinsky (1975): maximise min_i (u_i - d_i) / (ideal_i - d_i), ideal_i the best
  utility party i reaches in the ZOPA (a party whose ideal equals d_i counts as fully served);
  ties: largest sum of normalised gains.
- Egalitarian (Kalai 1977): maximise min_i (u_i - d_i); ties: largest sum of gains.
- Utilitarian: maximise sum_i u_i; ties: largest Nash product.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from redline.limits import TOLERANCE

# TOLERANCE (redline.limits): scores this close (relative) count as a tie, float sums differ
# by rounding.


@dataclass(frozen=True)
class Choice:
    """The chosen frontier row, how many rows tie on the solution's criterion (1: unique), and the
    criterion's value there."""
    row: int
    ties: int  # rows whose primary score ties with the chosen one (1 = unique)
    score: float


def _choose(primary: NDArray[np.float64], secondary: NDArray[np.float64]) -> Choice:
    best = primary.max()
    tied = np.flatnonzero(np.isclose(primary, best, rtol=TOLERANCE, atol=TOLERANCE))
    second = secondary[tied]
    near = tied[np.isclose(second, second.max(), rtol=TOLERANCE, atol=TOLERANCE)]
    return Choice(int(near[0]), int(len(tied)), float(best))


def nash(u: NDArray[np.float64], d: NDArray[np.float64]) -> Choice:
    """Nash bargaining solution (Nash 1950): the row maximising the product of gains prod_i (u_i -
    d_i); ties go to the first row."""
    product = np.prod(u - d, axis=1)
    return _choose(product, np.zeros(len(u)))


def kalai_smorodinsky(u: NDArray[np.float64], d: NDArray[np.float64]) -> Choice:
    """Kalai–Smorodinsky solution (1975): the row maximising min_i (u_i - d_i) / (ideal_i - d_i),
    ideal_i the best utility party i reaches on the frontier; ties go to the largest sum of
    normalised gains."""
    ideal = u.max(axis=0)
    span = ideal - d
    safe = np.where(span > 0, span, 1.0)
    normalised = np.where(span > 0, (u - d) / safe, 1.0)
    return _choose(normalised.min(axis=1), normalised.sum(axis=1))


def egalitarian(u: NDArray[np.float64], d: NDArray[np.float64]) -> Choice:
    """Egalitarian solution (Kalai 1977): the row maximising the smallest gain min_i (u_i - d_i);
    ties go to the largest sum of gains."""
    gains = u - d
    return _choose(gains.min(axis=1), gains.sum(axis=1))


def utilitarian(u: NDArray[np.float64], d: NDArray[np.float64]) -> Choice:
    """Utilitarian solution: the row maximising the sum of utilities sum_i u_i; ties go to the
    largest Nash product."""
    return _choose(u.sum(axis=1), np.prod(u - d, axis=1))


SOLUTIONS: dict[str, Callable[[NDArray[np.float64], NDArray[np.float64]], Choice]] = {
    "nash": nash,
    "kalai_smorodinsky": kalai_smorodinsky,
    "egalitarian": egalitarian,
    "utilitarian": utilitarian,
}
