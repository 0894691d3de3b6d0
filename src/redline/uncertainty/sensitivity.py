"""Which uncertain parameters matter: a one-at-a-time tornado and variance-based Sobol indices.

Both work on the coordinates q in [0, 1]^D of :mod:`redline.scenario.sampling` and one scalar
output of a measure (for bargaining: ``zopa`` as 0/1, ``joint_gain``, or ``gain:PARTY``).

- Tornado (one at a time): every parameter is set to q = 0 and q = 1 (its low and high value;
  for a red line's ``binds``, binding and not binding) with all the others at the scenario as
  written (numbers at their mode, every red line binding). The swing is |y(high) - y(low)|.
- Sobol (Sobol' 2001; Saltelli et al. 2010 estimators, via SALib): first-order S1 (the share of
  the output's variance due to the parameter alone) and total ST (including its interactions),
  from a Saltelli/Sobol' design of N (D + 2) points. The design is scrambled with the run's seed
  and evaluated on the chosen engine, one child seed per point, so it is reproducible as well.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from redline.errors import RedlineError
from redline.scenario.sampling import Parameters
from redline.uncertainty.bargaining import scalar
from redline.uncertainty.montecarlo import Measure, evaluate_many


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
    seeds = np.random.SeedSequence(seed).spawn(len(design))
    pairs = evaluate_many(params, measure, list(zip(design, seeds, strict=True)), **engine)
    y = np.array([scalar(r, output) for _, r in pairs])
    if np.ptp(y) == 0:
        return [{"parameter": n, "S1": 0.0, "S1_conf": 0.0, "ST": 0.0, "ST_conf": 0.0}
                for n in params.names]
    indices = sobol_analyze.analyze(problem, y, calc_second_order=False, seed=seed,
                                    print_to_console=False)
    rows: list[dict[str, Any]] = [{"parameter": name, "S1": float(indices["S1"][k]),
             "S1_conf": float(indices["S1_conf"][k]), "ST": float(indices["ST"][k]),
             "ST_conf": float(indices["ST_conf"][k])} for k, name in enumerate(params.names)]
    rows.sort(key=lambda r: -float(r["ST"]))
    return rows
