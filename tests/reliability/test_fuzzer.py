"""The fuzzer of benchmarks/fuzz_scenarios.py on a fixed seed and a small budget: every input
ends in a success or a clean error; no traceback, hang, memory blow-up or stop at the
server's time limit.

The long run (10^4 inputs) is `python benchmarks/fuzz_scenarios.py`; its figures are in
docs/reliability.md.
"""

from __future__ import annotations

import pytest

pytest.importorskip("fastapi", reason="the fuzzer also drives the web API ('web' extra)")
pytest.importorskip("psutil", reason="the fuzzer measures its workers with psutil")

from benchmarks.fuzz_scenarios import fuzz, make_input  # noqa: E402


def test_inputs_are_reproducible_from_the_seed():
    assert make_input(7, 3) == make_input(7, 3)
    assert make_input(7, 3) != make_input(7, 4)


def test_a_small_fixed_run_has_no_traceback_hang_or_memory_failure():
    report = fuzz(inputs=30, seed=2026, workers=1)
    counts = report["counts"]
    assert sum(counts.values()) == 30
    assert counts["traceback"] == counts["hang"] == counts["memory"] == 0, report["failures"]
    assert counts["stopped"] == 0, report["failures"]  # no 5xx: work is bounded before it runs
    assert counts["success"] > 0 and counts["clean error"] > 0  # both paths were exercised


# Inputs the long runs found ending in a traceback (seed, index, generation of the inputs),
# replayed in this process through the fuzzer's own runner: each must now end in a success or
# a clean error.
FOUND = [
    (5, 464, 1),  # forecast: an issue id that is a mapping reached a dict lookup (numeric.py)
    (5, 659, 1),  # api/explain: the same with a list
]


@pytest.mark.parametrize(("seed", "index", "generation"), FOUND)
def test_inputs_the_long_runs_found_now_end_cleanly(seed, index, generation):
    from benchmarks.fuzz_scenarios import Runner

    outcome, detail = Runner().run(make_input(seed, index, generation))
    assert outcome in ("success", "clean error"), detail
