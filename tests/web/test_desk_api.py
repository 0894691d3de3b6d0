"""The desk routes: scenario files in and out, YAML on POST /api/scenarios, the brief, break-even
values and sweeps, each answering what the CLI answers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the 'web' extra is not installed")

import yaml  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from redline.cli import app as cli  # noqa: E402
from redline.cli import commands  # noqa: E402, F401
from redline.scenario import load  # noqa: E402
from redline.web import create_app  # noqa: E402

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "us-iran-2026.yaml"
NUCLEAR = ["enrichment", "inspections", "stockpile", "sanctions"]


@pytest.fixture
def client() -> TestClient:
    return TestClient(create_app(), base_url="http://localhost")


def cli_json(*args: str):
    result = CliRunner().invoke(cli, [*args, "--format", "json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_post_scenarios_accepts_the_yaml_file(client):
    text = EXAMPLE.read_text(encoding="utf-8").replace("title: US–Iran", "title: Copy of US–Iran")
    created = client.post("/api/scenarios", content=text.encode("utf-8"),
                          headers={"content-type": "application/yaml"})
    assert created.status_code == 201, created.text
    stored = client.get(f"/api/scenarios/{created.json()['id']}").json()
    assert stored == load(text).to_dict()
    broken = client.post("/api/scenarios", content=b"format: redline/1\ntitle: x\n",
                         headers={"content-type": "application/yaml"})
    assert broken.status_code == 422 and broken.json()["problems"]
    as_json = client.post("/api/scenarios", json={"scenario": load(EXAMPLE).to_dict()})
    assert as_json.status_code == 201


def test_a_file_round_trips_through_read_and_yaml(client):
    text = EXAMPLE.read_text(encoding="utf-8")
    read = client.post("/api/files/read", json={"text": text, "name": "us-iran-2026.yaml"})
    assert read.status_code == 200, read.text
    document = read.json()["scenario"]
    document["preferences"]["IRN"]["reservation"] = 0.45
    written = client.post("/api/files/yaml", json={"scenario": document})
    assert written.status_code == 200
    assert written.headers["content-type"].startswith("application/yaml")
    assert 'filename="us-iran-talks-2026-indirect-via-oman.yaml"' in \
        written.headers["content-disposition"]
    again = load(written.text)
    assert again.to_dict() == document and again.utilities["IRN"].reservation == 0.45
    assert yaml.safe_load(written.text)["format"] == "redline/1"
    bad = client.post("/api/files/read", json={"text": "actors: [", "name": "x.yaml"})
    assert bad.status_code == 422


def test_brief_thresholds_and_sweep_answer_as_the_cli(client):
    document = load(EXAMPLE).to_dict()
    brief = client.post("/api/brief", json={"scenario": document}).json()
    assert brief == cli_json("brief", str(EXAMPLE))
    assert brief["verdict"] == "no talks"
    found = client.post("/api/thresholds", json={"scenario": document, "agenda": NUCLEAR}).json()
    assert found == cli_json("thresholds", str(EXAMPLE), "--agenda", ",".join(NUCLEAR))
    swept = client.post("/api/sweep", json={"scenario": document, "agenda": NUCLEAR,
                                            "parameter": "IRN.reservation", "start": 0.3,
                                            "stop": 0.95, "steps": 5}).json()
    assert swept.pop("svg").startswith("<svg")
    assert swept == cli_json("sweep", str(EXAMPLE), "--agenda", ",".join(NUCLEAR), "--param",
                             "IRN.reservation", "--from", "0.3", "--to", "0.95", "--steps", "5")
    wrong = client.post("/api/sweep", json={"scenario": document, "parameter": "IRN.mood"})
    assert wrong.status_code == 422 and "ACTOR.reservation" in wrong.json()["detail"]


def test_charts_are_the_reports(client):
    from redline.report.explaining import parallel_frontier
    from redline.space import analyze

    coalition = Path(__file__).resolve().parents[2] / "examples" / "coalition-budget.yaml"
    document = load(coalition).to_dict()
    charts = client.post("/api/charts", json={"scenario": document}).json()
    assert charts["frontier"] == parallel_frontier(analyze(load(coalition)).to_dict())
    assert charts["forecast"].startswith("<svg") and charts["p_deal"] is None
    sure = client.post("/api/charts", json={"scenario": document, "montecarlo": 30}).json()
    assert "P(deal) =" in sure["p_deal"]
