"""Under a CPU limit (the dashboard's computations run under one), a Monte Carlo run measures
its own pace and refuses, with the estimate, a run that would not finish in the time left,
instead of being killed at the limit; without a limit nothing is refused."""

from __future__ import annotations

import contextlib
import math
import resource
import time
from collections.abc import Iterator
from typing import Any

import numpy as np
import pytest

from redline.scenario import load
from redline.scenario.budget import WorkTooLarge, cpu_seconds_left, refuse_if_late
from redline.scenario.sampling import parameters
from redline.uncertainty.montecarlo import evaluate_points, pace_check


@contextlib.contextmanager
def cpu_limit(seconds: float) -> Iterator[None]:
    """This process under a soft CPU limit `seconds` from now (the hard limit untouched)."""
    soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
    resource.setrlimit(resource.RLIMIT_CPU, (math.ceil(time.process_time() + seconds), hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_CPU, (soft, hard))


def burn(seconds: float) -> None:
    """Compute (not wait) for `seconds` of CPU time."""
    end = time.process_time() + seconds
    while time.process_time() < end:
        sum(range(1000))


def test_only_a_process_with_a_cpu_limit_refuses_work() -> None:
    if cpu_seconds_left() is not None:
        pytest.skip("this test process already runs under a CPU limit")
    refuse_if_late(1e9, "a huge run", "nothing")  # no limit: nothing refused
    with cpu_limit(60):
        left = cpu_seconds_left()
        assert left is not None and 55 < left <= 61
        refuse_if_late(1.0, "a short run", "nothing")
        with pytest.raises(WorkTooLarge, match=r"a long run needs about 100 CPU-seconds \(the "
                                               r"time left\).*Fix: run fewer"):
            refuse_if_late(100.0, "a long run", "run fewer")
    assert cpu_seconds_left() is None


def test_draws_one_by_one_stop_as_soon_as_the_rest_cannot_fit(examples: Any) -> None:
    params = parameters(load(examples / "us-iran-2026.yaml"))
    made: list[int] = []

    def slow(scenario: Any, rng: np.random.Generator) -> dict[str, Any]:
        made.append(1)
        burn(0.25)
        return {"zopa": True}

    items = [(None, np.random.SeedSequence(k)) for k in range(200)]  # about 50 CPU-s of draws
    with cpu_limit(30), pytest.raises(WorkTooLarge, match="a chunk of 200 draws evaluated one by one"):
        evaluate_points(params, slow, items)
    assert 4 <= len(made) <= 8  # refused after about one second of draws, not at the limit
    assert len(evaluate_points(params, slow, items[:3])) == 3  # no limit: every draw runs


def test_a_run_whose_measured_pace_overruns_the_time_left_is_refused() -> None:
    with cpu_limit(30):
        pace = pace_check(1000, "Monte Carlo of 1,000 evaluations")
        pace(10)  # the first report: the warm-up before it is not counted
        burn(0.5)
        pace(10)  # under a second measured: no projection yet
        burn(0.6)
        with pytest.raises(WorkTooLarge, match=r"Monte Carlo of 1,000 evaluations needs about "
                                               r"(5[0-9]|6[0-9]) CPU-seconds"):
            pace(10)  # 20 evaluations in 1.1 s: the 970 left need about 53 s
    pace = pace_check(1000, "Monte Carlo of 1,000 evaluations")
    pace(10)
    burn(1.1)
    pace(10)  # the same pace without a limit: nothing refused
