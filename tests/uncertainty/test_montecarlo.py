"""Monte Carlo: sampling rules, seeded reproducibility across engines, known probabilities."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from redline.scenario import load
from redline.scenario.sampling import parameters, realise, triangular_quantile
from redline.uncertainty import Bargaining, EngineError, MonteCarloError, montecarlo, run

NO_MISSILES = ("enrichment", "inspections", "stockpile", "sanctions")


def gate(credibility: Any = 0.3, reservation: Any = 0.2) -> Any:
    """One issue; Q's red line (credibility c) forbids the only option P accepts."""
    return load({
        "format": "redline/1", "title": "gate",
        "actors": [{"id": "P", "name": "P", "role": "party"},
                   {"id": "Q", "name": "Q", "role": "party"}],
        "issues": [{"id": "x", "name": "x", "options": ["a", "b"], "status_quo": "a"}],
        "preferences": {
            "P": {"weights": {"x": 1}, "values": {"x": [0, 1]}, "reservation": reservation},
            "Q": {"weights": {"x": 1}, "values": {"x": [1, 0.5]}, "reservation": 0.1},
        },
        "red_lines": [{"id": "q-no-b", "actor": "Q", "rule": "x == 'a'",
                       "credibility": credibility}],
    })


def reservation_of(scenario: Any, rng: np.random.Generator) -> dict[str, float]:
    return {"d": scenario.utilities["USA"].reservation, "noise": float(rng.random())}


def test_triangular_quantile_matches_the_distribution():
    rng = np.random.default_rng(3)
    draws = np.array([triangular_quantile(0.2, 0.3, 0.6, q) for q in rng.random(20_000)])
    assert draws.min() >= 0.2 and draws.max() <= 0.6
    assert draws.mean() == pytest.approx((0.2 + 0.3 + 0.6) / 3, abs=4 * draws.std() / 141)
    assert triangular_quantile(0.2, 0.3, 0.6, 0.25) == pytest.approx(0.3)  # F(mode) = 0.25
    assert np.mean(draws <= 0.3) == pytest.approx(0.25, abs=0.015)


def test_us_iran_parameters_and_the_point_as_written(examples):
    scenario = load(examples / "us-iran-2026.yaml")
    params = parameters(scenario)
    assert params.names == (
        "preferences.USA.reservation", "preferences.IRN.reservation",
        "red_lines.usa-no-high-enrichment.credibility",
        "red_lines.irn-missiles-off-agenda.binds", "red_lines.irn-no-missile-limits.binds",
        "red_lines.irn-nuclear-for-sanctions.binds", "red_lines.usa-no-high-enrichment.binds")
    written = realise(params, params.modes())
    assert written.utilities["USA"].reservation == pytest.approx(0.3)
    assert [r.id for r in written.red_lines] == [r.id for r in scenario.red_lines]
    point = params.modes()
    point[3] = 0.95  # above the refusal's credibility 0.9: it does not bind in this draw
    point[6] = 0.75  # usa-no-high-enrichment binds iff q < its (drawn) credibility
    point[2] = 1.0  # credibility drawn at its high end, 0.9
    drawn = realise(params, point)
    assert "irn-missiles-off-agenda" not in [r.id for r in drawn.red_lines]
    assert "usa-no-high-enrichment" in [r.id for r in drawn.red_lines]
    point[2] = 0.0  # credibility 0.5 < 0.75: now it does not bind
    assert "usa-no-high-enrichment" not in [r.id for r in realise(params, point).red_lines]


def test_probability_of_a_zopa_matches_the_credibility():
    # The deal needs x = b, which Q's red line forbids when it binds: P(ZOPA) = 1 - 0.3.
    report = montecarlo(gate(), runs=2500, seed=11, sobol_samples=0)
    data = report.to_dict()
    assert data["p_zopa"] == pytest.approx(0.7, abs=4 * np.sqrt(0.21 / 2500))
    assert data["nash_options"]["x"] == {"a": 0.0, "b": 1.0}
    # A triangular credibility binds with probability equal to its mean.
    tri = montecarlo(gate({"low": 0.0, "mode": 0.3, "high": 0.9}), runs=2500, seed=5,
                     sobol_samples=0).to_dict()
    assert tri["p_zopa"] == pytest.approx(0.6, abs=4 * np.sqrt(0.24 / 2500))


def test_same_seed_same_numbers_and_chunking_does_not_matter(examples):
    scenario = load(examples / "us-iran-2026.yaml")
    measure = Bargaining(NO_MISSILES)
    a = run(scenario, measure, 60, seed=42, chunk=7)
    b = run(scenario, measure, 60, seed=42, chunk=60)
    c = run(scenario, measure, 60, seed=43)
    assert np.array_equal(a.points, b.points) and a.records == b.records
    assert not np.array_equal(a.points, c.points)


def test_engines_agree_local_processes_dask(examples):
    distributed = pytest.importorskip("dask.distributed")
    scenario = load(examples / "us-iran-2026.yaml")
    measure = Bargaining(NO_MISSILES, ("naval-buildup",))
    local = run(scenario, measure, 40, seed=9, chunk=8)
    processes = run(scenario, measure, 40, seed=9, engine="processes", workers=2, chunk=8)
    with distributed.LocalCluster(n_workers=2, processes=False, threads_per_worker=1,
                                  dashboard_address=None) as cluster:
        dask = run(scenario, measure, 40, seed=9, engine="dask",
                   scheduler=cluster.scheduler_address, chunk=8)
    for other in (processes, dask):
        assert np.array_equal(local.points, other.points)
        assert local.records == other.records


def test_run_wraps_any_measure(examples):
    scenario = load(examples / "us-iran-2026.yaml")
    result = run(scenario, reservation_of, 3000, seed=1)
    d = result.column("d")
    assert d.min() >= 0.2 and d.max() <= 0.4
    assert d.mean() == pytest.approx(0.3, abs=4 * d.std() / np.sqrt(3000))
    noise = result.column("noise")  # the measure's own generator: independent of the draw
    assert abs(np.corrcoef(d, noise)[0, 1]) < 0.1


def test_bad_requests_are_clear_errors(examples):
    scenario = load(examples / "us-iran-2026.yaml")
    with pytest.raises(MonteCarloError, match="runs must be at least 1"):
        montecarlo(scenario, runs=0, seed=1)
    with pytest.raises(MonteCarloError, match="non-negative"):
        montecarlo(scenario, runs=5, seed=-1)
    with pytest.raises(EngineError, match="unknown engine 'gpu'"):
        montecarlo(scenario, runs=5, seed=1, engine="gpu")
    with pytest.raises(MonteCarloError, match="unknown sensitivity output"):
        montecarlo(scenario, runs=5, seed=1, output="happiness")


def test_realise_matches_a_full_reload_of_the_drawn_document():
    from redline.scenario import from_document

    scenario = load({
        "format": "redline/1", "title": "many distributions",
        "actors": [{"id": "P", "name": "P", "role": "party"},
                   {"id": "Q", "name": "Q", "role": "party"}],
        "issues": [{"id": i, "name": i, "options": ["a", "b", "c"], "status_quo": "a"}
                   for i in ("x", "y")],
        "preferences": {
            "P": {"weights": {"x": {"low": 0.1, "mode": 0.5, "high": 0.9}, "y": 0.5},
                  "values": {"x": [0, {"low": 0.2, "mode": 0.4, "high": 0.8}, 1],
                             "y": {"a": 1, "b": 0.5, "c": {"low": 0, "mode": 0, "high": 0.3}}},
                  "reservation": 0.2},
            "Q": {"weights": {"x": 1, "y": 1}, "values": {"x": [1, 0.5, 0], "y": [0, 0.5, 1]},
                  "reservation": {"low": 0.1, "mode": 0.2, "high": 0.4}},
        },
        "red_lines": [{"id": "q", "actor": "Q", "rule": "x != 'c'", "credibility": 0.5}],
        "events": [{"id": "e", "description": "e", "active": True, "effects": [
            {"actor": "P", "reservation": {"low": -0.2, "mode": -0.1, "high": 0.0}}]}],
    })
    params = parameters(scenario)
    assert len(params) == 6
    rng = np.random.default_rng(0)
    for _ in range(50):
        drawn = realise(params, rng.random(len(params)))
        reloaded = from_document(drawn.document)
        assert set(drawn.rules) == set(reloaded.rules)
        for actor, utility in reloaded.utilities.items():
            fast = drawn.utilities[actor]
            assert fast.reservation == utility.reservation
            assert dict(fast.weights) == pytest.approx(dict(utility.weights))
            for issue, values in utility.values.items():
                assert np.array_equal(fast.values[issue], values)
        shift = drawn.document.events[0].effects[0].reservation
        assert isinstance(shift, float) and -0.2 <= shift <= 0.0


def test_progress_counts_every_evaluation(examples):
    from redline.scenario.sampling import parameters
    from redline.uncertainty.report import evaluations

    scenario = load(examples / "us-iran-2026.yaml")
    ticks: list[int] = []
    montecarlo(scenario, runs=30, seed=2, sobol_samples=8, chunk=7, progress=ticks.append)
    assert sum(ticks) == evaluations(len(parameters(scenario)), 30, 8) == 30 + 15 + 8 * 9
    ticks.clear()
    run(scenario, Bargaining(NO_MISSILES), 20, seed=2, engine="processes", workers=2, chunk=6,
        progress=ticks.append)
    # two workers get about four chunks each: 20 items in chunks of 3, not of 6 (the cap)
    assert ticks == [3, 3, 3, 3, 3, 3, 2]


def test_chunks_spread_over_the_workers():
    from redline.uncertainty.engines import Engine, chunk_size

    assert chunk_size(4000, 1, 250) == 250  # one core: the cap (progress moves every 250)
    assert chunk_size(4000, 2, 250) == 250  # 16 chunks, 8 a worker
    assert chunk_size(400, 2, 250) == 50  # not 250 + 150, which leaves a worker idle
    assert chunk_size(41, 2, 250) == 6  # a tornado's 41 points still spread out
    assert chunk_size(3, 8, 250) == 1
    with pytest.raises(EngineError, match="at least 1"):
        chunk_size(10, 2, 0)
    assert Engine("local").slots == 1
    assert Engine("processes", workers=3).slots == 3


def test_whole_report_is_the_same_on_every_engine(examples):
    distributed = pytest.importorskip("dask.distributed")
    scenario = load(examples / "us-iran-2026.yaml")
    options = {"runs": 40, "seed": 21, "sobol_samples": 8, "chunk": 9, "agenda": NO_MISSILES,
               "output": "joint_gain"}
    local = montecarlo(scenario, **options).to_dict()
    processes = montecarlo(scenario, engine="processes", workers=2, **options).to_dict()
    with distributed.LocalCluster(n_workers=1, processes=False, threads_per_worker=2,
                                  dashboard_address=None) as cluster:
        dask = montecarlo(scenario, engine="dask", scheduler=cluster.scheduler_address,
                          **options).to_dict()
    def numbers(report: dict) -> dict:
        return {k: v for k, v in report.items() if k not in ("engine", "parameters")}

    assert (local["engine"], processes["engine"], dask["engine"]) == ("local", "processes", "dask")
    assert numbers(processes) == numbers(local) == numbers(dask)
    assert local["sensitivity"][0]["ST"] > 0  # the comparison covers real Sobol numbers
