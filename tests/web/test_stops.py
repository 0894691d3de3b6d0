"""The dashboard lets go: work past its time or memory limit is stopped (its process killed),
jobs too; only local Host names are answered; error answers are valid JSON even for NaN."""

from __future__ import annotations

import json
import multiprocessing
import time

import pytest

pytest.importorskip("fastapi", reason="the 'web' extra is not installed")
psutil = pytest.importorskip("psutil", reason="psutil measures the CPU of the child processes")

from fastapi.testclient import TestClient  # noqa: E402

from redline.space.domains import opposed_yes_no_document  # noqa: E402
from redline.web import create_app  # noqa: E402
from redline.web import engines as engine_table  # noqa: E402
from redline.web.app import Settings  # noqa: E402
from redline.web.isolation import WorkLimits, WorkStopped, run_isolated  # noqa: E402
from tests.web import fake_engines  # noqa: E402

LOCAL = "http://localhost"


def cpu_seconds_of_server() -> float:
    """CPU time of this process (the server's threads) and of every live process it started
    (directly or through the fork server)."""
    own = psutil.Process().cpu_times()
    total = own.user + own.system
    for child in psutil.Process().children(recursive=True):
        try:
            times = child.cpu_times()
            total += times.user + times.system
        except psutil.NoSuchProcess:
            continue
    return total


def test_a_request_past_its_time_limit_leaves_no_work_running(monkeypatch):
    monkeypatch.setitem(engine_table.ENGINES, "agendas", engine_table.Engine(
        "agendas", "redline.space", run=fake_engines.spin))
    client = TestClient(create_app(Settings(timeout=1.0)), base_url=LOCAL)
    started = time.monotonic()
    answer = client.post("/api/agendas", json={"scenario_id": "us-iran-2026"})
    assert answer.status_code == 503 and "stopped" in answer.json()["detail"]
    assert time.monotonic() - started < 20
    assert multiprocessing.active_children() == []  # the spinning child was killed and reaped
    before = cpu_seconds_of_server()
    time.sleep(1.0)
    assert cpu_seconds_of_server() - before < 0.3  # nothing of ours burns CPU any more


def test_the_time_limit_counts_cpu_time_not_waiting(monkeypatch):
    # 3 s of waiting under a 2 CPU-second limit: on a busy machine that is what cheap work
    # looks like, and it is answered; past the wall-clock backstop (5 x the limit) it is not.
    monkeypatch.setitem(engine_table.ENGINES, "agendas", engine_table.Engine(
        "agendas", "redline.space", run=fake_engines.nap))
    client = TestClient(create_app(Settings(timeout=2.0)), base_url=LOCAL)
    warm = {"scenario_id": "us-iran-2026", "parameters": {"seconds": 0.0}}
    assert client.post("/api/agendas", json=warm).status_code == 200  # the fork server is up
    body = {"scenario_id": "us-iran-2026", "parameters": {"seconds": 3.0}}
    answer = client.post("/api/agendas", json=body)
    assert answer.status_code == 200 and answer.json()["issues"], answer.text
    with pytest.raises(WorkStopped, match="wall clock") as info:
        run_isolated(fake_engines.nap, (None, {"seconds": 30.0}, None),
                     WorkLimits(seconds=1.0, wall=2.0))
    assert info.value.reason == "time" and multiprocessing.active_children() == []


def test_a_cpu_bound_computation_is_stopped_by_its_cpu_limit():
    with pytest.raises(WorkStopped, match="CPU time") as info:
        run_isolated(fake_engines.spin, (None, {}, None), WorkLimits(seconds=1.0, wall=600.0))
    assert info.value.reason == "time" and multiprocessing.active_children() == []


def test_a_job_past_its_time_limit_fails_and_frees_its_place(monkeypatch):
    monkeypatch.setitem(engine_table.ENGINES, "simulate", engine_table.Engine(
        "simulate", "redline.space", run=fake_engines.spin, job=True))
    client = TestClient(create_app(Settings(job_timeout=1.0)), base_url=LOCAL)
    ids = [client.post("/api/simulate", json={"scenario_id": "us-iran-2026"}).json()["id"]
           for _ in range(3)]
    deadline = time.monotonic() + 60
    views = []
    for job_id in ids:
        while (view := client.get(f"/api/jobs/{job_id}").json())["state"] in ("queued",
                                                                              "running"):
            assert time.monotonic() < deadline
            time.sleep(0.05)
        views.append(view)
    assert all(v["state"] == "failed" and "longer than" in v["error"] for v in views)
    assert multiprocessing.active_children() == []
    monkeypatch.setitem(engine_table.ENGINES, "simulate", engine_table.Engine(
        "simulate", "redline.space", run=fake_engines.sessions, job=True))
    again = client.post("/api/simulate", json={"scenario_id": "us-iran-2026",
                                               "parameters": {"runs": 3}})
    assert again.status_code == 202  # the queue holds no dead work


def test_a_computation_past_its_memory_limit_fails_alone():
    with pytest.raises(WorkStopped, match="more than 1 GB") as info:
        run_isolated(fake_engines.hog, (None, {}, None), WorkLimits(seconds=60, memory=1024**3))
    assert info.value.reason == "memory"
    assert multiprocessing.active_children() == []


def test_a_users_error_crosses_the_process_boundary_whole():
    from redline.errors import ScenarioError
    from redline.scenario import load

    with pytest.raises(ScenarioError) as info:
        run_isolated(load, ({"format": "redline/1"},), WorkLimits(seconds=60))
    assert info.value.problems and info.value.problems[0].where


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "localhost.evil"])
def test_other_host_names_are_refused(host):
    client = TestClient(create_app(), base_url=f"http://{host}")
    answer = client.get("/api/health")
    assert answer.status_code == 421 and "localhost" in answer.json()["detail"]


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1:8000", "[::1]:8000"])
def test_local_host_names_are_answered(host):
    client = TestClient(create_app(), base_url=f"http://{host}")
    assert client.get("/api/health").status_code == 200


def test_the_served_app_also_answers_the_host_it_was_asked_to_serve_on(monkeypatch):
    from redline.web import app as web_app

    monkeypatch.setenv(web_app.SERVED_HOST, "0.0.0.0,dashboard.lan")
    monkeypatch.setattr(web_app.importlib.util, "find_spec", lambda name: None)  # in memory
    served = web_app.create_served_app()
    assert TestClient(served, base_url="http://dashboard.lan").get(
        "/api/health").status_code == 200
    assert TestClient(served, base_url="http://other.lan").get("/api/health").status_code == 421
    assert TestClient(served, base_url="http://0.0.0.0").get("/api/health").status_code == 421


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity"])
def test_nan_in_a_request_is_a_422_with_a_json_body(number):
    client = TestClient(create_app(), base_url=LOCAL)
    body = '{"scenario_id": "us-iran-2026", "max_outcomes": ' + number + '}'
    answer = client.post("/api/analyze", content=body,
                         headers={"content-type": "application/json"})
    assert answer.status_code == 422
    json.loads(answer.text)  # valid JSON: no bare NaN


def test_nan_inside_a_scenario_is_a_422_naming_the_field():
    from tests.reliability.test_numbers import FULL

    client = TestClient(create_app(), base_url=LOCAL)
    text = json.dumps({"scenario": FULL}).replace('"power": 2.0', '"power": NaN')
    answer = client.post("/api/validate", content=text,
                         headers={"content-type": "application/json"})
    assert answer.status_code == 422
    assert answer.json()["problems"][0]["where"] == "actors[0].power"


def test_docs_load_no_third_party_script_and_the_schema_stays():
    client = TestClient(create_app(), base_url=LOCAL)
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404
    assert client.get("/openapi.json").json()["info"]["title"] == "redline"


def test_a_monte_carlo_job_that_cannot_finish_in_time_is_refused_with_its_estimate():
    client = TestClient(create_app(Settings(job_timeout=8.0)), base_url=LOCAL)
    answer = client.post("/api/montecarlo", json={"scenario": opposed_yes_no_document(40),
                                                  "parameters": {"runs": 20_000, "sobol": 0}})
    assert answer.status_code == 202, answer.text
    deadline = time.monotonic() + 120
    while (view := client.get(f"/api/jobs/{answer.json()['id']}").json())["state"] in (
            "queued", "running"):
        assert time.monotonic() < deadline
        time.sleep(0.05)
    # Refused by its own measured pace, with the estimate and the fix, before the limit's kill.
    assert view["state"] == "failed", view
    assert "CPU-seconds (the time left)" in view["error"] and "lower the runs" in view["error"]
    assert "longer than" not in view["error"]
    assert multiprocessing.active_children() == []
