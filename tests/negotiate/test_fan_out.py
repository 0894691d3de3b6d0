"""Simulations and tournaments on the uncertainty package's engines: the same seed gives the same
sessions in process, in worker processes and on a Dask cluster (issue 6: "reproducible by seed,
including on Dask")."""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest

from redline.cli.negotiate import batch_size, engine_named, fanned_out
from redline.negotiate import Domain, Sessions, Setup, simulate, strategy, tournament
from tests.negotiate.test_cli import AGENDA, SCENARIO, run

FIELDS = ("agreed", "outcome", "rounds", "utilities", "ending")


def same(a: Sessions, b: Sessions) -> bool:
    return all(np.array_equal(getattr(a, k), getattr(b, k)) for k in FIELDS)


def without_timing(data: Any) -> Any:
    """A JSON result with its sessions-per-second figures (which differ by run) taken out."""
    if isinstance(data, dict):
        return {k: without_timing(v) for k, v in data.items() if k != "sessions_per_second"}
    if isinstance(data, list):
        return [without_timing(v) for v in data]
    return data


@pytest.fixture(scope="module")
def cluster() -> Any:
    distributed = pytest.importorskip("dask.distributed",
                                      reason="Dask comes with the uncertainty extra")
    # threads in this process, reachable over TCP (the command-line test connects from outside)
    with distributed.LocalCluster(n_workers=2, processes=False, threads_per_worker=1,
                                  protocol="tcp", host="127.0.0.1",
                                  dashboard_address=None) as local:
        yield local


def test_batches_spread_over_the_workers() -> None:
    assert batch_size(1000, engine_named("local")) == 2048  # one batch in process
    assert batch_size(1000, engine_named("processes", workers=2)) == 500  # one per worker
    assert batch_size(10_000, engine_named("processes", workers=2)) == 2048  # capped


def test_simulate_is_the_same_on_every_engine(talks: Domain, cluster: Any) -> None:
    setup = Setup(talks, (strategy("random"), strategy("tit-for-tat")), protocol="mediated",
                  rounds=25, breakdown=0.03)
    results = {}
    for name, options in [("local", {}), ("processes", {"workers": 2}),
                          ("dask", {"scheduler": cluster.scheduler_address})]:
        with engine_named(name, **options) as pool:
            chunk = batch_size(90, pool)
            results[name] = simulate(setup, 90, seed=31, chunk_size=chunk,
                                     engine=fanned_out(pool), transcript=True)
            if name != "local":
                assert chunk == 45  # two workers, one chunk each: the work really fans out
    local = results["local"]
    assert len(set(local.ending.tolist())) > 1  # random play: the seeds matter
    for name in ("processes", "dask"):
        assert same(local, results[name]), name
        assert results[name].transcript == local.transcript  # numbered in order, too
    assert not same(local, simulate(setup, 90, seed=32))


def test_tournament_is_the_same_on_every_engine(talks: Domain, cluster: Any) -> None:
    names = ["random", "boulware", "tit-for-tat"]
    tables = []
    for name, options in [("local", {}), ("processes", {"workers": 2}),
                          ("dask", {"scheduler": cluster.scheduler_address})]:
        with engine_named(name, **options) as pool:
            tables.append(tournament(talks, 40, seed=8, names=names, rounds=30,
                                     breakdown=0.02, engine=fanned_out(pool),
                                     chunk_size=batch_size(40, pool)))
    first = without_timing(tables[0].to_dict())
    assert len(first["entries"]) == 9
    assert len({e["agreement_rate"] for e in first["entries"]}) > 1
    for other in tables[1:]:
        assert without_timing(other.to_dict()) == first


def test_the_command_line_gives_the_same_json_on_every_engine(cluster: Any) -> None:
    common = ["--runs", "60", "--seed", "3", "--rounds", "30", "--agenda", AGENDA,
              "--breakdown", "0.02", "--format", "json"]
    simulate_args = ["simulate", SCENARIO, "--protocol", "all", "--strategy", "USA=random",
                     *common]
    tournament_args = ["tournament", SCENARIO, "--strategies", "random,conceder", *common]
    for args in (simulate_args, tournament_args):
        outputs = []
        for engine in (["--engine", "local"], ["--engine", "processes", "--workers", "2"],
                       ["--engine", "dask", "--scheduler", cluster.scheduler_address]):
            result = run(*args, *engine)
            assert result.returncode == 0, result.stderr
            outputs.append(without_timing(json.loads(result.stdout)))
        assert outputs[0] == outputs[1] == outputs[2], args[0]


def test_engine_options_are_clear_errors() -> None:
    for args, message in [(("--engine", "cloud"), "unknown engine 'cloud'"),
                          (("--scheduler", "tcp://127.0.0.1:1"), "add --engine dask"),
                          (("--engine", "processes", "--workers", "0"), "--workers")]:
        result = run("tournament", SCENARIO, "--runs", "2", "--agenda", AGENDA, *args)
        assert result.returncode == 2, (args, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr
