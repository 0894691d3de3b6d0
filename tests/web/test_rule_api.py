"""The dashboard's analysis under a decision rule: the CLI's decision_rule block, only under a
vote (a unanimity scenario's answer is unchanged)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the 'web' extra is not installed")

from fastapi.testclient import TestClient  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from redline.cli import app as cli  # noqa: E402
from redline.cli import commands  # noqa: E402, F401
from redline.scenario import load  # noqa: E402
from redline.web import create_app  # noqa: E402

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def cli_json(*args: str) -> object:
    result = CliRunner().invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


@pytest.mark.parametrize("name", ["eu-council-qmv.yaml", "coalition-budget.yaml"])
def test_analyze_under_a_rule_answers_the_cli_json(name: str) -> None:
    client = TestClient(create_app(), base_url="http://localhost")
    path = EXAMPLES / name
    answer = client.post("/api/analyze", json={"scenario": load(path).to_dict()})
    assert answer.status_code == 200
    data = answer.json()
    expected = cli_json("analyze", str(path), "--format", "json")
    assert data == expected
    if name.startswith("eu"):
        assert len(data["decision_rule"]["likeliest"]) == 20
        assert "AUT" in data["decision_rule"]["pivotal"]
    else:
        assert "decision_rule" not in data


def test_agendas_under_a_rule_answer_the_cli_json() -> None:
    client = TestClient(create_app(), base_url="http://localhost")
    path = EXAMPLES / "eu-council-qmv.yaml"
    answer = client.post("/api/agendas", json={"scenario": load(path).to_dict()})
    assert answer.status_code == 200
    data = answer.json()
    expected = cli_json("agendas", str(path), "--format", "json")
    assert data["decision_rule"] == expected["decision_rule"]
    full = [r for r in data["decision_rule"]["agendas"] if len(r["issues"]) == 3]
    assert len(full[0]["likeliest"]) == 20
    plain = client.post("/api/agendas", json={
        "scenario": load(EXAMPLES / "coalition-budget.yaml").to_dict()}).json()
    assert "decision_rule" not in plain


def test_the_simulation_engine_plays_under_the_rule() -> None:
    from redline.web.runs import simulate

    data = load(EXAMPLES / "coalition-budget.yaml").to_dict()
    data["decision_rule"] = {"kind": "vote", "weights": {"seats": {"SOC": 40, "GRN": 25,
                                                                   "LIB": 35}},
                             "thresholds": [{"weight": "seats", "share": 0.5}]}
    voted = load(data)
    for protocol in ("coalition", "alternating", "mediated"):
        record = simulate(voted, {"protocol": protocol, "runs": 20, "rounds": 40}, lambda _: None)
        assert record["agreement_rate"] > 0
        # the Liberals are outvoted: deals raise the tax over their red line
        assert any(a["outcome"]["tax"] == "raise" for a in record["agreements"]), protocol
    plain = simulate(load(EXAMPLES / "coalition-budget.yaml"), {"protocol": "mediated",
                                                                "runs": 20, "rounds": 40},
                     lambda _: None)
    assert all(a["outcome"]["tax"] != "raise" for a in plain["agreements"])  # LIB's veto holds
