"""A seeded Monte Carlo runner over scenarios drawn from a document's distributions.

``run(scenario, measure, runs, seed, engine)`` draws `runs` concrete scenarios and applies
`measure(concrete_scenario, rng) -> dict` to each. `measure` can be any picklable callable: the
bargaining measure of :mod:`redline.uncertainty.bargaining`, a forecast model, a simulation (it gets
its own generator for its own randomness).

Reproducibility: one seed makes a `numpy.random.SeedSequence`, which `spawn`s one child per run;
run r draws its point of [0, 1]^D and then feeds the measure from the generator of child r alone.
Runs are cut into chunks in run order and the engines return chunks in order, so the same seed
gives the same records on one core, on many processes, or on a Dask cluster.

A measure with a batched form (a `prepare(params)` method, as `Bargaining` has) evaluates each
chunk as blocks of draws on arrays and gives the same records; any other measure runs draw by
draw (`evaluate_points`, also the reference the batched path is tested against).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import Any

import numpy as np
from numpy.typing import NDArray

from redline.errors import RedlineError
from redline.scenario import Scenario
from redline.scenario.budget import refuse_if_late
from redline.scenario.sampling import Parameters, parameters, realise
from redline.uncertainty.engines import Engine, Progress, chunk_size
from redline.uncertainty.seeding import uniform_points
from redline.version import __version__

Measure = Callable[[Scenario, np.random.Generator], Mapping[str, Any]]
Item = tuple[NDArray[np.float64] | None, np.random.SeedSequence]  # a point, or its seed


class MonteCarloError(RedlineError):
    """A Monte Carlo request that cannot run (runs < 1, a negative seed, ...)."""


@dataclass(frozen=True)
class MonteCarlo:
    """The draws (points of [0, 1]^D, one row per run) and the measure's record for each run."""

    parameters: Parameters
    points: NDArray[np.float64]
    records: tuple[Mapping[str, Any], ...]
    runs: int
    seed: int
    engine: str
    method: str = "monte-carlo"
    settings: dict[str, Any] = field(default_factory=dict)
    version: str = __version__

    def column(self, key: str) -> NDArray[np.float64]:
        """One recorded output across the draws, as floats in draw order."""
        return np.array([float(r[key]) for r in self.records])


def evaluate_points(params: Parameters, measure: Measure,
                    items: Sequence[tuple[NDArray[np.float64] | None, np.random.SeedSequence]]
                    ) -> list[tuple[NDArray[np.float64], Mapping[str, Any]]]:
    """One chunk: for each item, the point (drawn from its seed when None) and the record."""
    results = []
    start = time.process_time()
    for point, seed in items:
        rng = np.random.default_rng(seed)
        if point is None:
            point = rng.random(len(params))
        results.append((point, measure(realise(params, point), rng)))
        keep_pace(time.process_time() - start, len(results), len(items) - len(results),
                  f"a chunk of {len(items):,} draws evaluated one by one")
    return results


PACE_SAMPLE = 1.0
"""CPU-seconds of work measured before a pace is projected (see :func:`keep_pace`)."""

RUN_FIX = ("lower the runs (or the Sobol samples), or narrow the agenda; only a process with a "
           "CPU limit (the dashboard's) refuses this, the command line runs it to the end")


def keep_pace(spent: float, done: int, left: int, what: str) -> None:
    """Once `spent` CPU-seconds (at least PACE_SAMPLE) have done `done` evaluations, project the
    `left` ones at that pace and, in a process with a CPU limit, refuse the work when they would
    not fit in the time left (:func:`redline.scenario.budget.refuse_if_late`)."""
    if left > 0 and done > 0 and spent >= PACE_SAMPLE:
        refuse_if_late(spent / done * left, what, RUN_FIX)


def pace_check(total: int, what: str) -> Progress:
    """A progress callback that measures the CPU pace of `total` evaluations from its first
    report on (the warm-up before it excluded) and, in a process with a CPU limit, refuses the
    run as soon as the evaluations left are projected not to fit in the time left
    (:func:`redline.scenario.budget.refuse_if_late`)."""
    done = 0
    first: tuple[float, int] | None = None

    def advance(n: int) -> None:
        nonlocal done, first
        done += n
        now = time.process_time()
        if first is None:
            first = (now, done)
        else:
            keep_pace(now - first[0], done - first[1], total - done, what)

    return advance


def points_of(seed: int, start: int, stop: int, dimensions: int) -> NDArray[np.float64]:
    """The points of runs start..stop-1 of a run seeded `seed`: run r's point is the first draw
    of the generator of `SeedSequence(seed).spawn(...)[r]`, which is `SeedSequence(seed,
    spawn_key=(r,))`, so any range of runs is drawn without the others (all at once:
    :mod:`redline.uncertainty.seeding`)."""
    return uniform_points(seed, start, stop, dimensions)


def spans(total: int, size: int) -> list[tuple[int, int]]:
    """[start, stop) ranges of at most `size` items covering 0..total-1."""
    return [(k, min(total, k + size)) for k in range(0, total, size)]


def chunked(items: Sequence[Any], size: int) -> list[Sequence[Any]]:
    """Consecutive slices of ``items`` of at most ``size`` each, in order."""
    return [items[k:k + size] for k in range(0, len(items), size)]


def check_request(runs: int, seed: int) -> None:
    """Raise :class:`MonteCarloError` unless there is at least one run and the seed is
    non-negative."""
    if runs < 1:
        raise MonteCarloError(f"runs must be at least 1, got {runs}; give --runs 1000 or so")
    if seed < 0:
        raise MonteCarloError(f"the seed must be a non-negative integer, got {seed}")


def evaluate_many(params: Parameters, measure: Measure,
                  items: Sequence[tuple[NDArray[np.float64] | None, np.random.SeedSequence]], *,
                  engine: str | Engine = "local", workers: int | None = None,
                  scheduler: str | None = None,
                  chunk: int = 250, progress: Progress | None = None
                  ) -> list[tuple[NDArray[np.float64], Mapping[str, Any]]]:
    """Evaluate items (point or None, seed) on an engine, keeping their order. `chunk` caps the
    items per chunk; with several workers, chunks shrink so that each worker gets a few."""
    if not isinstance(engine, Engine):
        with Engine(engine, workers, scheduler) as opened:
            return evaluate_many(params, measure, items, engine=opened, chunk=chunk,
                                 progress=progress)
    chunks = chunked(items, chunk_size(len(items), engine.slots, max(1, chunk)))
    # A measure with a batched form (`Bargaining.prepare`) evaluates each chunk as blocks of
    # draws; otherwise draw by draw. The scenario travels with each chunk (about 12 kB pickled).
    prepare = getattr(measure, "prepare", None)
    prepared = prepare(params) if prepare is not None else None
    function: Callable[[Sequence[Item]], list[tuple[NDArray[np.float64], Mapping[str, Any]]]] = (
        partial(evaluate_prepared, prepared) if prepared is not None
        else partial(evaluate_points, params, measure))
    done = engine.map(function, chunks, [len(c) for c in chunks], progress)
    return [pair for part in done for pair in part]


def evaluate_prepared(prepared: Any, items: Sequence[Item]
                      ) -> list[tuple[NDArray[np.float64], Mapping[str, Any]]]:
    """One chunk through a batched measure: the points (drawn from their seeds when None), then
    the records of the whole chunk at once."""
    dimensions = len(prepared.params)
    points = np.array([np.random.default_rng(seed).random(dimensions) if point is None
                       else point for point, seed in items], dtype=float
                      ).reshape(len(items), dimensions)
    return list(zip(points, prepared.records(points), strict=True))


def run(scenario: Scenario, measure: Measure, runs: int, seed: int,
        engine: str | Engine = "local", *,
        workers: int | None = None, scheduler: str | None = None, chunk: int = 250,
        progress: Progress | None = None) -> MonteCarlo:
    """Draw `runs` scenarios from `scenario`'s distributions and apply `measure` to each."""
    check_request(runs, seed)
    params = parameters(scenario)
    children = np.random.SeedSequence(seed).spawn(runs)
    pairs = evaluate_many(params, measure, [(None, s) for s in children], engine=engine,
                          workers=workers, scheduler=scheduler, chunk=chunk, progress=progress)
    points = np.array([p for p, _ in pairs], dtype=float).reshape(runs, len(params))
    name = engine.name if isinstance(engine, Engine) else engine
    return MonteCarlo(params, points, tuple(r for _, r in pairs), runs, seed, name,
                      settings={"chunk": chunk, "workers": workers})
