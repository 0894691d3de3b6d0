"""Statistics that accumulate block by block and merge exactly, whatever the blocks.

A Monte Carlo run of 10^6 draws keeps no draws: each chunk of draws is reduced to a summary on
the worker that evaluated it, and summaries merge in run order. Every merge is exact, so the
final numbers do not depend on the chunk size or on the engine:

- counts (deals, refusals, the options of the Nash package) are integers;
- sums (`exact_sum`) are kept as integers in units of 2^-62: each value is rounded once to that
  grid (an error below 2.2e-19 per value) and integer sums do not depend on the order of addition,
  as floating-point sums do;
- a `Sample` of values (a party's gain at the Nash point, ...) keeps the values themselves while
  there are at most `EXACT_LIMIT` of them, and its quantiles and mean are then numpy's own
  (`np.quantile`, linear interpolation; `np.mean`). Beyond that it folds them into a fixed
  histogram of `BINS` bins over [-1, 1] (a gain, a utility difference, lies there) and keeps the
  exact sum, minimum and maximum: the mean stays exact to 1e-15, a quantile is within one bin
  width (2 / BINS, 3.1e-5) of the exact one. Folding is deterministic (a value always falls in the
  same bin), so a merged histogram is the same whichever chunks the values came through.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

EXACT_LIMIT = 1 << 17  # values a Sample keeps as they are (1 MB); beyond, a histogram
BINS = 1 << 16  # histogram bins over [LOW, HIGH]
LOW, HIGH = -1.0, 1.0
_HIGH_BITS, _LOW_BITS = 26, 36  # a value is split into a multiple of 2^-26 and one of 2^-62
_PIECE = 1 << 16  # values summed per int64 sum (no overflow for |value| <= 2^16)


def exact_sum(values: NDArray[np.float64]) -> int:
    """The sum of `values`, each rounded to a multiple of 2^-62, as an integer number of 2^-62:
    the same integer whatever the order or grouping of the values."""
    v = np.asarray(values, dtype=float).ravel()
    if not np.isfinite(v).all() or (np.abs(v) > 2.0 ** 16).any():
        raise AssertionError("exact_sum takes finite values up to 2^16")  # a bug of ours
    scaled = v * 2.0 ** _HIGH_BITS  # exact: a power of two
    high = np.floor(scaled)
    low = np.rint((scaled - high) * 2.0 ** _LOW_BITS)  # the fraction is exact; rounded here
    total = 0
    for start in range(0, len(v), _PIECE):
        total += int(high[start:start + _PIECE].astype(np.int64).sum()) << _LOW_BITS
        total += int(low[start:start + _PIECE].astype(np.int64).sum())
    return total


def from_units(units: int) -> float:
    """An `exact_sum` back to a float (correctly rounded)."""
    return units / (1 << (_HIGH_BITS + _LOW_BITS))


@dataclass(frozen=True)
class Sample:
    """Values seen so far: kept as they are up to EXACT_LIMIT, else as a histogram."""

    count: int = 0
    values: tuple[NDArray[np.float64], ...] | None = ()  # None once folded into the histogram
    histogram: NDArray[np.int64] | None = None
    units: int = 0  # exact_sum of the values
    smallest: float = np.inf
    largest: float = -np.inf

    @staticmethod
    def of(values: NDArray[np.float64]) -> Sample:
        """A sample of the given values: kept as they are, or folded into the histogram beyond
        ``EXACT_LIMIT``."""
        v = np.asarray(values, dtype=float)
        if len(v) == 0:
            return Sample()
        found = Sample(len(v), (v,), None, exact_sum(v), float(v.min()), float(v.max()))
        return found.folded() if len(v) > EXACT_LIMIT else found

    def merge(self, other: Sample) -> Sample:
        """Both samples' values (this one's first: the order of a run)."""
        if other.count == 0:
            return self
        if self.count == 0:
            return other
        count = self.count + other.count
        extremes = (min(self.smallest, other.smallest), max(self.largest, other.largest))
        if self.values is not None and other.values is not None and count <= EXACT_LIMIT:
            return Sample(count, self.values + other.values, None, self.units + other.units,
                          *extremes)
        histogram = self.folded().histogram + other.folded().histogram  # type: ignore[operator]
        return Sample(count, None, histogram, self.units + other.units, *extremes)

    def folded(self) -> Sample:
        """The same sample as a histogram."""
        if self.values is None:
            return self
        histogram = np.zeros(BINS, dtype=np.int64)
        for v in self.values:
            histogram += np.bincount(bins(v), minlength=BINS)
        return Sample(self.count, None, histogram, self.units, self.smallest, self.largest)

    @property
    def exact(self) -> bool:
        """Whether the values are still kept as they are (not folded into the histogram)."""
        return self.values is not None

    def mean(self) -> float:
        """The mean of the values: numpy's while they are kept, else the exact sum over the
        count."""
        if self.values is not None:
            return float(np.concatenate(self.values).mean())
        return from_units(self.units) / self.count

    def quantiles(self, qs: Sequence[float]) -> list[float]:
        """Linear-interpolation quantiles (numpy's default): exact while the values are kept,
        else each order statistic is read in its histogram bin (assuming the bin's values
        spread evenly in it), clipped to the smallest and largest values seen."""
        if self.count == 0:
            raise ValueError("no values")  # a bug of ours: callers check the count
        if self.values is not None:
            return [float(x) for x in np.quantile(np.concatenate(self.values), list(qs))]
        assert self.histogram is not None
        cumulative = np.cumsum(self.histogram)
        width = (HIGH - LOW) / BINS

        def order_statistic(k: int) -> float:
            b = int(np.searchsorted(cumulative, k, side="right"))
            before = int(cumulative[b - 1]) if b else 0
            inside = int(self.histogram[b])  # type: ignore[index]
            value = LOW + width * (b + (k - before + 0.5) / inside)
            return min(max(value, self.smallest), self.largest)

        found = []
        for q in qs:
            h = (self.count - 1) * q
            k = int(np.floor(h))
            low = order_statistic(k)
            high = order_statistic(min(k + 1, self.count - 1))
            found.append(low + (h - k) * (high - low))
        return found


def bins(values: NDArray[np.float64]) -> NDArray[np.int64]:
    """The histogram bin of each value (values outside [LOW, HIGH] go to the end bins)."""
    where = np.floor((np.asarray(values, dtype=float) - LOW) * (BINS / (HIGH - LOW)))
    return np.clip(where, 0, BINS - 1).astype(np.int64)
