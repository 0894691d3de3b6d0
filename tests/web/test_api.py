"""The JSON API through HTTP (TestClient): same answers as the CLI, validation, limits, jobs."""

from __future__ import annotations

import dataclasses
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
from redline.report import Options, build_report  # noqa: E402
from redline.scenario import load  # noqa: E402
from redline.web import create_app  # noqa: E402
from redline.web import engines as engine_table  # noqa: E402
from redline.web.app import Settings  # noqa: E402
from tests.web import fake_engines  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "us-iran-2026.yaml"
NUCLEAR = ["enrichment", "inspections", "stockpile", "sanctions"]


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app(), base_url="http://localhost")


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return load(EXAMPLE).to_dict()


def cli_json(*args: str) -> Any:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("agenda", [None, NUCLEAR, ["enrichment", "sanctions"]])
def test_analyze_answers_the_cli_json(client: TestClient, document: dict[str, Any],
                                      agenda: list[str] | None) -> None:
    args = ["analyze", str(EXAMPLE), "--format", "json"]
    if agenda:
        args += ["--agenda", ",".join(agenda)]
    expected = cli_json(*args)
    inline = client.post("/api/analyze", json={"scenario": document, "agenda": agenda})
    stored = client.post("/api/analyze", json={"scenario_id": "us-iran-2026", "agenda": agenda})
    assert inline.status_code == stored.status_code == 200
    assert inline.json() == expected
    assert stored.json() == expected


def test_space_points_agree_with_the_analysis(client: TestClient) -> None:
    body = {"scenario_id": "us-iran-2026", "agenda": NUCLEAR}
    space = client.post("/api/space", json=body).json()
    analysis = client.post("/api/analyze", json=body).json()
    assert space["outcomes"] == analysis["outcomes"] == len(space["points"])
    assert sum(space["feasible"]) == analysis["feasible"]
    nash = analysis["solutions"]["nash"]["utilities"]
    assert [nash["USA"], nash["IRN"]] in space["points"]
    sampled = client.post("/api/space", json={**body, "agenda": None, "cap": 100}).json()
    assert sampled["sampled"] is True and len(sampled["points"]) == 100


def test_report_endpoint_gives_the_cli_report(client: TestClient) -> None:
    html = client.post("/api/report", json={"scenario_id": "us-iran-2026", "agenda": NUCLEAR,
                                            "runs": 40, "sobol": 0, "seed": 3})
    assert html.status_code == 200 and html.headers["content-type"].startswith("text/html")
    assert html.text == build_report(load(EXAMPLE), Options(agenda=tuple(NUCLEAR), runs=40,
                                                            sobol=0, seed=3))


def test_invalid_scenario_gets_the_loaders_problems(client: TestClient,
                                                    document: dict[str, Any]) -> None:
    broken = json.loads(json.dumps(document))
    broken["red_lines"][3]["rule"] = "enrichment >= 'plutonium'"
    broken["preferences"]["USA"]["weights"]["tariffs"] = 0.2
    answer = client.post("/api/validate", json={"scenario": broken})
    assert answer.status_code == 422
    problems = answer.json()["problems"]
    places = {p["where"] for p in problems}
    assert any(w.startswith("red_lines[3]") for w in places)
    assert any("tariffs" in w or "tariffs" in p["message"] for p, w in zip(problems, places,
                                                                           strict=False))
    assert all(p["fix"] for p in problems)
    assert client.post("/api/analyze", json={"scenario": broken}).status_code == 422
    ok = client.post("/api/validate", json={"scenario": document})
    assert ok.status_code == 200 and ok.json()["red_lines"] == 4


def test_request_errors_are_clear(client: TestClient) -> None:
    neither = client.post("/api/analyze", json={})
    assert neither.status_code == 422 and "exactly one of" in neither.text
    unknown = client.post("/api/analyze", json={"scenario_id": "nope"})
    assert unknown.status_code == 404 and "GET /api/scenarios" in unknown.json()["detail"]
    agenda = client.post("/api/analyze", json={"scenario_id": "us-iran-2026",
                                               "agenda": ["tariffs"]})
    assert agenda.status_code == 422 and "unknown issue" in agenda.json()["detail"]
    big = client.post("/api/analyze", json={"scenario_id": "us-iran-2026", "agenda": NUCLEAR,
                                             "max_outcomes": 10})
    assert big.status_code == 422 and "enumeration limit" in big.json()["detail"]
    capped = client.post("/api/analyze", json={"scenario_id": "us-iran-2026",
                                               "max_outcomes": 10**9})
    assert capped.status_code == 422


def test_scenario_storage_round_trip(client: TestClient, document: dict[str, Any]) -> None:
    edited = {**document, "title": "US–Iran, tougher Iran"}
    created = client.post("/api/scenarios", json={"scenario": edited})
    assert created.status_code == 201
    new_id = created.json()["id"]
    assert new_id == "us-iran-tougher-iran"
    assert client.get(f"/api/scenarios/{new_id}").json() == load(edited).to_dict()
    assert {"id": new_id, "title": edited["title"]} in client.get("/api/scenarios").json()
    edited["preferences"]["IRN"]["reservation"] = 0.7
    replaced = client.put(f"/api/scenarios/{new_id}", json={"scenario": edited})
    assert replaced.status_code == 200 and replaced.json()["created"] is False
    stored = client.get(f"/api/scenarios/{new_id}").json()
    assert stored["preferences"]["IRN"]["reservation"] == 0.7
    again = client.post("/api/scenarios", json={"scenario": edited})
    assert again.json()["id"] == "us-iran-tougher-iran-2"
    assert client.put("/api/scenarios/fresh", json={"scenario": edited}).status_code == 201
    assert client.delete(f"/api/scenarios/{new_id}").status_code == 204
    assert client.get(f"/api/scenarios/{new_id}").status_code == 404
    assert client.delete(f"/api/scenarios/{new_id}").status_code == 404


def test_no_file_paths_from_requests(client: TestClient) -> None:
    for bad in ["..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", ".hidden"]:
        assert client.get(f"/api/scenarios/{bad}").status_code in (404, 422)
    # a path given as the scenario is data to validate, never a file to open
    answer = client.post("/api/analyze", json={"scenario": {"format": "redline/1",
                                                            "title": "/etc/passwd"}})
    assert answer.status_code == 422
    assert client.post("/api/analyze", json={"scenario": "/etc/passwd"}).status_code == 422


def test_body_size_limit() -> None:
    small = TestClient(create_app(Settings(max_body=2000)), base_url="http://localhost")
    payload = json.dumps({"scenario_id": "us-iran-2026", "agenda": ["x" * 10] * 300})
    declared = small.post("/api/analyze", content=payload,
                          headers={"content-type": "application/json"})
    assert declared.status_code == 413

    def chunks():  # type: ignore[no-untyped-def]
        for k in range(0, len(payload), 500):
            yield payload[k:k + 500].encode()

    streamed = small.post("/api/analyze", content=chunks(),
                          headers={"content-type": "application/json"})
    assert streamed.status_code == 413
    fine = small.post("/api/analyze", json={"scenario_id": "us-iran-2026", "agenda": NUCLEAR})
    assert fine.status_code == 200


def test_computations_are_timed_out() -> None:
    slow = TestClient(create_app(Settings(timeout=1e-6)), base_url="http://localhost")
    answer = slow.post("/api/analyze", json={"scenario_id": "us-iran-2026"})
    assert answer.status_code == 503 and "longer than" in answer.json()["detail"]


def test_security_headers_and_openapi(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200
    assert "default-src 'self'" in page.headers["content-security-policy"]
    assert page.headers["x-content-type-options"] == "nosniff"
    assert 'src="/vendor/plotly.min.js"' in page.text
    spec = client.get("/openapi.json").json()
    for path in ["/api/scenarios", "/api/scenarios/{scenario_id}", "/api/validate",
                 "/api/analyze", "/api/agendas", "/api/explain", "/api/forecast",
                 "/api/simulate", "/api/extract", "/api/jobs/{job_id}"]:
        assert path in spec["paths"], path
    script = client.get("/vendor/plotly.min.js")
    assert script.status_code == 200 and len(script.content) > 1_000_000


def test_an_engine_whose_extra_is_missing_answers_501_naming_it(
        monkeypatch: pytest.MonkeyPatch, client: TestClient) -> None:
    # The check looks for the real third-party modules of the engine's extra, not for
    # redline's own module (which is always there).
    extract = engine_table.ENGINES["extract"]
    assert ("spacy",) in extract.requires and extract.extra == "nlp"
    absent = dataclasses.replace(extract, requires=(("no_such_nlp_package_xyz",),))
    monkeypatch.setitem(engine_table.ENGINES, "extract", absent)
    answer = client.post("/api/extract", json={"text": "Iran said no."})
    assert answer.status_code == 501
    assert "no_such_nlp_package_xyz" in answer.json()["detail"]
    assert "redline[nlp]" in answer.json()["detail"]
    assert client.get("/api/engines").json()["extract"]["available"] is False


def test_absent_engines_answer_501_with_the_reason(client: TestClient) -> None:
    status = client.get("/api/engines").json()
    assert status["analyze"]["available"] is True
    for name in ("agendas", "explain", "forecast", "simulate"):
        if status[name]["available"]:
            continue
        answer = client.post(f"/api/{name}", json={"scenario_id": "us-iran-2026"})
        assert answer.status_code == 501
        assert engine_table.ENGINES[name].module in answer.json()["detail"]
    if not status["extract"]["available"]:
        assert client.post("/api/extract", json={"text": "Iran said no."}).status_code == 501


def test_a_wired_engine_runs_and_a_job_reports_progress(monkeypatch: pytest.MonkeyPatch,
                                                       client: TestClient) -> None:
    monkeypatch.setitem(engine_table.ENGINES, "simulate", engine_table.Engine(
        "simulate", "redline.space", run=fake_engines.sessions, job=True))
    monkeypatch.setitem(engine_table.ENGINES, "agendas", engine_table.Engine(
        "agendas", "redline.space", run=fake_engines.agendas))
    direct = client.post("/api/agendas", json={"scenario_id": "us-iran-2026"})
    assert direct.status_code == 200 and direct.json()["issues"][0] == "enrichment"
    started = client.post("/api/simulate", json={"scenario_id": "us-iran-2026",
                                                 "parameters": {"runs": 7}})
    assert started.status_code == 202
    job_id = started.json()["id"]
    deadline = time.monotonic() + 30
    seen = []
    while (view := client.get(f"/api/jobs/{job_id}").json())["state"] != "done":
        assert view["state"] in ("queued", "running"), view
        assert time.monotonic() < deadline
        seen.append(view["progress"])
        time.sleep(0.005)
    assert view["progress"] == 1.0 and seen == sorted(seen)  # reported from the child
    assert view["result"] == {"format": "redline-simulation/1", "runs": 7,
                              "parties": ["USA", "IRN"]}
    assert client.get("/api/jobs/job-999999").status_code == 404
