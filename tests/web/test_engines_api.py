"""The engines through HTTP answer what their CLI commands print for the same input."""

from __future__ import annotations

import importlib.util
import json
import time
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the 'web' extra is not installed")

from fastapi.testclient import TestClient  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from redline.cli import app as cli  # noqa: E402
from redline.cli import commands  # noqa: E402, F401
from redline.web import create_app  # noqa: E402

EXAMPLE = str(Path(__file__).resolve().parents[2] / "examples" / "us-iran-2026.yaml")
NUCLEAR = ["enrichment", "inspections", "stockpile", "sanctions"]


def engine(module: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(importlib.util.find_spec(module) is None,
                              reason=f"{module} is not in this version of redline")


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app(), base_url="http://localhost")


def cli_json(*args: str) -> Any:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def finished(client: TestClient, started: Any) -> dict[str, Any]:
    assert started.status_code == 202, started.text
    job_id = started.json()["id"]
    deadline = time.monotonic() + 60
    while (view := client.get(f"/api/jobs/{job_id}").json())["state"] in ("queued", "running"):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    assert view["state"] == "done", view
    assert view["progress"] == 1.0
    result: dict[str, Any] = view["result"]
    return result


@engine("redline.space.agendas")
def test_agendas(client: TestClient) -> None:
    answer = client.post("/api/agendas", json={"scenario_id": "us-iran-2026"})
    assert answer.status_code == 200
    assert answer.json() == cli_json("agendas", EXAMPLE, "--format", "json")


@engine("redline.space.explain")
def test_explain(client: TestClient) -> None:
    answer = client.post("/api/explain", json={"scenario_id": "us-iran-2026",
                                               "parameters": {"agenda": NUCLEAR,
                                                              "events": "none"}})
    assert answer.status_code == 200
    assert answer.json() == cli_json("explain", EXAMPLE, "--agenda", ",".join(NUCLEAR),
                                     "--events", "none", "--format", "json")


@engine("redline.uncertainty")
def test_montecarlo_job(client: TestClient) -> None:
    started = client.post("/api/montecarlo", json={
        "scenario_id": "us-iran-2026",
        "parameters": {"runs": 40, "seed": 5, "agenda": NUCLEAR, "sobol": 0}})
    assert finished(client, started) == cli_json(
        "montecarlo", EXAMPLE, "--runs", "40", "--seed", "5", "--agenda", ",".join(NUCLEAR),
        "--sobol", "0", "--format", "json")


@engine("redline.uncertainty")
def test_a_montecarlo_job_can_be_cancelled(client: TestClient) -> None:
    started = client.post("/api/montecarlo", json={
        "scenario_id": "us-iran-2026",
        "parameters": {"runs": 1_000_000, "seed": 1, "agenda": NUCLEAR, "sobol": 0}})
    assert started.status_code == 202, started.text
    job = started.json()["id"]
    deadline = time.monotonic() + 60
    while client.get(f"/api/jobs/{job}").json()["progress"] == 0:  # a first chunk is done
        assert time.monotonic() < deadline
        time.sleep(0.02)
    assert client.post(f"/api/jobs/{job}/cancel").status_code == 200
    while (view := client.get(f"/api/jobs/{job}").json())["state"] == "running":
        assert time.monotonic() < deadline
        time.sleep(0.02)
    assert view["state"] == "cancelled" and view["result"] is None
    assert view["progress"] < 1
    assert client.post("/api/jobs/job-999999/cancel").status_code == 404


@engine("redline.negotiate")
def test_simulate_job(client: TestClient) -> None:
    started = client.post("/api/simulate", json={
        "scenario_id": "us-iran-2026",
        "parameters": {"runs": 300, "seed": 2, "agenda": NUCLEAR,
                       "strategies": {"USA": "boulware"}, "protocol": "mediated"}})
    mine = finished(client, started)
    theirs = cli_json("simulate", EXAMPLE, "--runs", "300", "--seed", "2", "--agenda",
                      ",".join(NUCLEAR), "--strategy", "USA=boulware", "--protocol", "mediated",
                      "--format", "json")
    for timing in (mine, theirs):
        assert timing.pop("sessions_per_second") > 0
    assert mine == theirs


@engine("redline.negotiate")
def test_bad_engine_parameters_are_a_clear_422(client: TestClient) -> None:
    for parameters, message in [({"runs": 0}, "parameters.runs"),
                                ({"rounds": "many"}, "parameters.rounds"),
                                ({"speed": 3}, "The parameters are: agenda, events, influence, date"),
                                ({"strategies": {"OMN": "linear"}}, "OMN is not a party")]:
        answer = client.post("/api/simulate", json={"scenario_id": "us-iran-2026",
                                                    "parameters": parameters})
        if answer.status_code == 202:  # which parties exist is known when the job runs
            job = answer.json()["id"]
            while (view := client.get(f"/api/jobs/{job}").json())["state"] in ("queued",
                                                                               "running"):
                time.sleep(0.02)
            assert view["state"] == "failed" and message in view["error"]
            continue
        assert answer.status_code == 422, answer.text
        assert message in answer.json()["detail"]
        assert parameters != {"strategies": {"OMN": "linear"}}


@engine("redline.forecast")
def test_forecast(client: TestClient) -> None:
    answer = client.post("/api/forecast", json={"scenario_id": "us-iran-2026",
                                                "parameters": {"model": "bdm"}})
    assert answer.status_code == 200, answer.text
    mine = answer.json()
    theirs = cli_json("forecast", EXAMPLE, "--model", "bdm", "--format", "json")
    assert mine.pop("source") == "US–Iran talks 2026 (indirect, via Oman)"
    assert theirs.pop("source") == EXAMPLE
    assert mine == theirs
    bad = client.post("/api/forecast", json={"scenario_id": "us-iran-2026",
                                             "parameters": {"model": "astrology"}})
    assert bad.status_code == 422 and "astrology" in bad.json()["detail"]
