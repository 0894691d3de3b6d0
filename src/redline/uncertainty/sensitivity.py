"""Which uncertain parameters matter: a one-at-a-time tornado and variance-based Sobol indices.

Both work on the coordinates q in [0, 1]^D of :mod:`redline.scenario.sampling` and one scalar
output of a measure (for bargaining: ``zopa`` as 0/1, ``joint_gain``, or ``gain:PARTY``).

- Tornado (one at a time): every parameter is set to q = 0 and q = 1 (its low and high value;
  for a red line's ``binds``, binding and not binding) with all the others at the scenario as
  written (numbers at their mode, every red line binding). The swing is |y(high) - y(low)|.
- Sobol (Sobol' 2001): first-order S1 (the share of the output's variance due to the parameter
  alone) and total ST (including its interactions), from SALib's Saltelli/Sobol' design of
  N (D + 2) points, scrambled with the run's seed. Each base sample j gives D + 2 rows: A_j,
  AB_j^(1..D) (A_j with column k from B_j), B_j. The estimators are SALib's (Saltelli et al.
  2010 for S1, Jansen 1999 for ST, both over the variance V of the A and B outputs, with the
  outputs centred on their mean m):

      S1_k = mean_j[(B_j - m) (AB_j^k - A_j)] / V        ST_k = mean_j[(A_j - AB_j^k)^2] / (2 V)

  The batched path evaluates the design in chunks of whole base samples and accumulates these
  sums exactly (:func:`redline.uncertainty.streaming.exact_sum`), so the indices do not depend on
  the chunks or the engine; the confidence half-widths are SALib's bootstrap over the outputs
  (one number per design point). A test checks the indices against SALib's own analysis.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from functools import partial
from typing import Any

import numpy as np
from numpy.typing import NDArray

from redline.errors import RedlineError
from redline.scenario.sampling import Parameters
from redline.uncertainty.bargaining import Prepared, outputs, scalar
from redline.uncertainty.engines import Engine, chunk_size
from redline.uncertainty.montecarlo import Measure, evaluate_many, spans
from redline.uncertainty.streaming import exact_sum


class SensitivityError(RedlineError):
    """A sensitivity request that cannot run (missing SALib, a bad sample size)."""


def tornado(params: Parameters, measure: Measure, output: str, seed: int = 0,
            **engine: Any) -> list[dict[str, Any]]:
    """One-at-a-time swings, largest first."""
    if len(params) == 0:
        return []
    base = params.modes()
    points = []
    for k in range(len(params)):
        for q in (0.0, 1.0):
            point = base.copy()
            point[k] = q
            points.append(point)
    seeds = np.random.SeedSequence(seed).spawn(len(points) + 1)
    pairs = evaluate_many(params, measure, [(base, seeds[0]),
                                            *zip(points, seeds[1:], strict=True)], **engine)
    y0 = scalar(pairs[0][1], output)
    rows: list[dict[str, Any]] = []
    for k, parameter in enumerate(params.items):
        low = scalar(pairs[1 + 2 * k][1], output)
        high = scalar(pairs[2 + 2 * k][1], output)
        rows.append({"parameter": parameter.name, "base": y0, "low": low, "high": high,
                     "swing": abs(high - low)})
    rows.sort(key=lambda r: -float(r["swing"]))
    return rows


def check_sobol(samples: int) -> tuple[Any, Any]:
    """SALib's Sobol analysis and sampling modules, after checking the sample size."""
    if samples < 2 or samples & (samples - 1):
        raise SensitivityError(f"the Sobol sample size must be a power of 2 (e.g. 256), "
                               f"got {samples}; or 0 to skip the Sobol indices")
    try:
        from SALib.analyze import sobol as sobol_analyze  # type: ignore[import-untyped]
        from SALib.sample import sobol as sobol_sample  # type: ignore[import-untyped]
    except ImportError:
        raise SensitivityError("Sobol indices need the 'uncertainty' extra (SALib): "
                               "pip install 'redline[uncertainty]', or pass --sobol 0") from None
    return sobol_analyze, sobol_sample


def sobol(params: Parameters, measure: Measure, output: str, samples: int, seed: int,
          **engine: Any) -> list[dict[str, Any]]:
    """First-order and total Sobol indices per parameter, largest total first."""
    sobol_analyze, sobol_sample = check_sobol(samples)
    if len(params) == 0:
        return []
    problem = {"num_vars": len(params), "names": list(params.names),
               "bounds": [[0.0, 1.0]] * len(params)}
    design = sobol_sample.sample(problem, samples, calc_second_order=False, seed=seed)
    # q = 1 exactly would sit on a support's end; the design never reaches it, but clip anyway.
    design = np.clip(design, 0.0, np.nextafter(1.0, 0.0))
    prepare = getattr(measure, "prepare", None)
    prepared = prepare(params) if prepare is not None else None
    if prepared is None:
        seeds = np.random.SeedSequence(seed).spawn(len(design))
        pairs = evaluate_many(params, measure, list(zip(design, seeds, strict=True)), **engine)
        y = np.array([scalar(r, output) for _, r in pairs])
        sums = None
    else:
        sums = sobol_sums(prepared, output, design, **engine)
        y = np.concatenate(sums.outputs)
    if np.ptp(y) == 0:
        return [{"parameter": n, "S1": 0.0, "S1_conf": 0.0, "ST": 0.0, "ST_conf": 0.0}
                for n in params.names]
    found = sobol_analyze.analyze(problem, y, calc_second_order=False, seed=seed,
                                  print_to_console=False)
    first, total = (found["S1"], found["ST"]) if sums is None else sums.indices()
    rows: list[dict[str, Any]] = [{"parameter": name, "S1": float(first[k]),
             "S1_conf": float(found["S1_conf"][k]), "ST": float(total[k]),
             "ST_conf": float(found["ST_conf"][k])} for k, name in enumerate(params.names)]
    rows.sort(key=lambda r: -float(r["ST"]))
    return rows


@dataclass(frozen=True)
class SobolSums:
    """Exact sums (integers in units of 2^-62) over the base samples seen so far, and their
    outputs in design order (for the bootstrap)."""

    samples: int
    outputs: tuple[NDArray[np.float64], ...]
    everything: int  # sum of all outputs (A, AB, B rows)
    a: int
    b: int
    squares: int  # sum of A^2 + B^2
    first: tuple[int, ...]  # per parameter: sum of B (AB - A)
    shift: tuple[int, ...]  # per parameter: sum of (AB - A)
    total: tuple[int, ...]  # per parameter: sum of (A - AB)^2

    @staticmethod
    def of(y: NDArray[np.float64], dimensions: int) -> SobolSums:
        """The exact sums of one chunk of Saltelli design outputs ``y`` (whole base samples of D
        + 2 rows: A, AB^(1..D), B), as the S1 (Saltelli et al. 2010) and ST (Jansen 1999)
        estimators need them."""
        rows = y.reshape(-1, dimensions + 2)
        a, ab, b = rows[:, 0], rows[:, 1:-1], rows[:, -1]
        step = ab - a[:, None]
        return SobolSums(len(rows), (y,), exact_sum(y), exact_sum(a), exact_sum(b),
                         exact_sum(a * a) + exact_sum(b * b),
                         tuple(exact_sum(b * step[:, k]) for k in range(dimensions)),
                         tuple(exact_sum(step[:, k]) for k in range(dimensions)),
                         tuple(exact_sum(step[:, k] * step[:, k]) for k in range(dimensions)))

    def merge(self, other: SobolSums) -> SobolSums:
        """The sums of both chunks, this one's base samples first; the sums are exact integers,
        so the indices do not depend on how the design was cut into chunks."""
        def add(x: tuple[int, ...], y: tuple[int, ...]) -> tuple[int, ...]:
            return tuple(p + q for p, q in zip(x, y, strict=True))

        return SobolSums(self.samples + other.samples, self.outputs + other.outputs,
                         self.everything + other.everything, self.a + other.a, self.b + other.b,
                         self.squares + other.squares, add(self.first, other.first),
                         add(self.shift, other.shift), add(self.total, other.total))

    def indices(self) -> tuple[list[float], list[float]]:
        """S1 and ST per parameter (the module docstring's formulas, in exact arithmetic on the
        exact sums, rounded once)."""
        n = self.samples
        unit = Fraction(1, 1 << 62)
        m = self.everything * unit / (n * (len(self.first) + 2))
        variance = self.squares * unit / (2 * n) - ((self.a + self.b) * unit / (2 * n)) ** 2
        first = [float((f * unit / n - m * (s * unit / n)) / variance)
                 for f, s in zip(self.first, self.shift, strict=True)]
        total = [float(t * unit / (2 * n) / variance) for t in self.total]
        return first, total


def sobol_span(prepared: Prepared, output: str, design: NDArray[np.float64]) -> SobolSums:
    """One chunk of whole base samples of the design, evaluated and summed (on a worker)."""
    y = outputs(prepared.outcomes(design), output, prepared.table.parties)
    return SobolSums.of(y, len(prepared.params))


def sobol_sums(prepared: Prepared, output: str, design: NDArray[np.float64], *,
               engine: str | Engine = "local", workers: int | None = None,
               scheduler: str | None = None, chunk: int = 250,
               progress: Any = None) -> SobolSums:
    """The design's sums, chunks of whole base samples evaluated on the engine."""
    if not isinstance(engine, Engine):
        with Engine(engine, workers, scheduler) as opened:
            return sobol_sums(prepared, output, design, engine=opened, chunk=chunk,
                              progress=progress)
    width = len(prepared.params) + 2
    bases = len(design) // width
    per_chunk = chunk_size(bases, engine.slots, max(1, chunk // width))
    parts = [design[start * width:stop * width] for start, stop in spans(bases, per_chunk)]
    return engine.fold(partial(sobol_span, prepared, output), parts, SobolSums.merge,
                       [len(p) for p in parts], progress)
