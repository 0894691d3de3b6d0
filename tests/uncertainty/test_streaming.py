"""Streaming statistics: exact merges, the batched tally against the per-draw records, Sobol sums
against SALib's own analysis, the vectorised seeding against numpy, every engine and block size."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redline.scenario import load
from redline.scenario.sampling import parameters
from redline.uncertainty import Bargaining, montecarlo, streaming
from redline.uncertainty import batched as batched_module
from redline.uncertainty.bargaining import summarise, tally_runs
from redline.uncertainty.engines import Engine
from redline.uncertainty.montecarlo import MonteCarlo, evaluate_points
from redline.uncertainty.seeding import child_states, uniform_points
from redline.uncertainty.streaming import BINS, Sample, exact_sum, from_units

NO_MISSILES = ("enrichment", "inspections", "stockpile", "sanctions")


@settings(deadline=None)  # exact integer arithmetic: slow only when the shared machine is
@given(st.lists(st.floats(-4, 4, allow_nan=False), min_size=1, max_size=60), st.randoms())
def test_exact_sums_do_not_depend_on_order_or_grouping(values, random):
    shuffled = list(values)
    random.shuffle(shuffled)
    cut = random.randrange(len(values) + 1)
    whole = exact_sum(np.array(values))
    assert whole == exact_sum(np.array(shuffled[:cut])) + exact_sum(np.array(shuffled[cut:]))
    assert from_units(whole) == pytest.approx(math.fsum(values), abs=1e-15 * len(values))


def pieces(values: np.ndarray, cuts: list[int]) -> Sample:
    total = Sample()
    for part in np.split(values, sorted(cuts)):
        total = total.merge(Sample.of(part))
    return total


@settings(max_examples=30, deadline=None)
@given(st.integers(0, 2**31), st.lists(st.integers(0, 300), max_size=6))
def test_a_sample_is_exact_while_small_and_merges_in_any_chunks(seed, cuts):
    values = np.random.default_rng(seed).normal(0.3, 0.1, 300)
    merged = pieces(values, cuts)
    assert merged.exact
    assert merged.quantiles([0.05, 0.5, 0.95]) == list(np.quantile(values, [0.05, 0.5, 0.95]))
    assert merged.mean() == values.mean()


def test_a_large_sample_folds_into_a_histogram_within_one_bin(monkeypatch):
    monkeypatch.setattr(streaming, "EXACT_LIMIT", 500)
    values = np.random.default_rng(3).beta(2, 5, 4000) * 1.2 - 0.1
    whole = Sample.of(values)
    chunked = pieces(values, [7, 400, 401, 2500])
    assert not whole.exact and not chunked.exact
    qs = [0.0, 0.05, 0.5, 0.95, 1.0]
    assert whole.quantiles(qs) == chunked.quantiles(qs)  # the same whatever the chunks
    exact = np.quantile(values, qs)
    assert np.abs(np.array(whole.quantiles(qs)) - exact).max() <= 2 / BINS
    assert whole.mean() == pytest.approx(values.mean(), abs=1e-15)


def per_draw(scenario: Any, measure: Bargaining, runs: int, seed: int) -> MonteCarlo:
    """The reference: every draw through `Bargaining.__call__` (realise, pressure, analyze)."""
    params = parameters(scenario)
    children = np.random.SeedSequence(seed).spawn(runs)
    pairs = evaluate_points(params, measure, [(None, s) for s in children])
    return MonteCarlo(params, np.array([p for p, _ in pairs]), tuple(r for _, r in pairs), runs,
                      seed, "local")


@pytest.mark.parametrize("agenda, events", [(NO_MISSILES, ("naval-buildup",)), (None, ())])
def test_the_batched_tally_equals_the_per_draw_summary(examples, agenda, events):
    scenario = load(examples / "us-iran-2026.yaml")
    measure = Bargaining(agenda, events)
    prepared = measure.prepare(parameters(scenario))
    want = summarise(per_draw(scenario, measure, 300, 17), scenario.parties)
    for chunk in (300, 41):
        got = tally_runs(prepared, 300, 17, Engine("local"), chunk).summary(scenario,
                                                                           scenario.parties)
        assert got == want


def test_the_tally_is_the_same_for_every_block_size_and_engine(examples, monkeypatch):
    distributed = pytest.importorskip("dask.distributed")
    scenario = load(examples / "us-iran-2026.yaml")
    options = {"runs": 400, "seed": 5, "agenda": NO_MISSILES, "output": "gain:IRN",
               "sobol_samples": 16}

    def numbers(report: Any) -> dict[str, Any]:
        return {k: v for k, v in report.to_dict().items() if k not in ("engine", "parameters")}

    reference = numbers(montecarlo(scenario, chunk=400, **options))
    assert reference["sensitivity"][0]["ST"] > 0.3 and 0 < reference["p_zopa"]
    monkeypatch.setattr(batched_module, "BLOCK_CELLS", 192 * 7)  # blocks of 7 draws
    assert numbers(montecarlo(scenario, chunk=33, **options)) == reference
    processes = montecarlo(scenario, engine="processes", workers=2, chunk=50, **options)
    with distributed.LocalCluster(n_workers=2, processes=False, threads_per_worker=1,
                                  dashboard_address=None) as cluster:
        dask = montecarlo(scenario, engine="dask", scheduler=cluster.scheduler_address,
                          chunk=64, **options)
    assert numbers(processes) == numbers(dask) == reference


def test_sobol_indices_equal_salibs_analysis_of_the_same_outputs(examples):
    salib = pytest.importorskip("SALib.analyze.sobol")
    from redline.uncertainty.sensitivity import sobol_sums

    scenario = load(examples / "us-iran-2026.yaml")
    params = parameters(scenario)
    prepared = Bargaining(NO_MISSILES, ("naval-buildup",)).prepare(params)
    from SALib.sample import sobol as sample

    problem = {"num_vars": len(params), "names": list(params.names),
               "bounds": [[0.0, 1.0]] * len(params)}
    design = sample.sample(problem, 64, calc_second_order=False, seed=3)
    for output in ("joint_gain", "gain:USA"):
        sums = sobol_sums(prepared, output, design, chunk=5 * (len(params) + 2))
        y = np.concatenate(sums.outputs)
        theirs = salib.analyze(problem, y, calc_second_order=False, seed=3,
                               print_to_console=False)
        first, total = sums.indices()
        assert first == pytest.approx(list(theirs["S1"]), rel=1e-9, abs=1e-12)
        assert total == pytest.approx(list(theirs["ST"]), rel=1e-9, abs=1e-12)
        assert max(total) > 0.3  # real indices, not zeros
        again = sobol_sums(prepared, output, design, chunk=len(design))
        assert again.indices() == sums.indices()  # exact sums: chunks do not matter


@pytest.mark.parametrize("seed", [0, 1, 2026, 2**33 + 5, 2**63 - 1])
def test_vectorised_seeding_equals_numpys_generators(seed):
    runs = np.arange(990, 1010)
    states = np.array([np.random.SeedSequence(seed, spawn_key=(int(r),)).generate_state(
        4, np.uint64) for r in runs]).T
    assert np.array_equal(child_states(seed, runs), states)
    spawned = np.random.SeedSequence(seed).spawn(1010)[990:]
    want = np.array([np.random.default_rng(s).random(9) for s in spawned])
    assert np.array_equal(uniform_points(seed, 990, 1010, 9), want)


def test_the_whole_report_equals_the_per_draw_path(examples, monkeypatch):
    from redline.uncertainty import bargaining

    scenario = load(examples / "us-iran-2026.yaml")
    options = {"agenda": NO_MISSILES, "events": ("naval-buildup",), "output": "joint_gain",
               "sobol_samples": 16}
    fast = montecarlo(scenario, 120, 4, **options).to_dict()
    monkeypatch.setattr(bargaining, "ENUMERATE_UP_TO", 10)  # every space is "too large" now
    merged = montecarlo(scenario, 120, 4, **options).to_dict()
    monkeypatch.setattr(bargaining.Bargaining, "prepare", lambda self, params: None)
    slow = montecarlo(scenario, 120, 4, **options).to_dict()
    assert [r["parameters"]["evaluation"] for r in (fast, merged, slow)] == [
        "batched", "batched merge", "per-draw"]
    for other in (merged, slow):
        rows = fast.pop("sensitivity"), other.pop("sensitivity")
        fast.pop("parameters"), other.pop("parameters")
        assert fast == other
        for mine, theirs in zip(*rows, strict=True):
            assert mine.keys() == theirs.keys()
            for key, value in mine.items():
                assert value == (theirs[key] if isinstance(value, str) else
                                 pytest.approx(theirs[key], rel=1e-9, abs=1e-12))
        fast["sensitivity"], fast["parameters"] = rows[0], {}
