"""The what-if commands end to end: readable text, the JSON contracts, clear errors (exit 2)."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import redline.cli.commands  # noqa: F401  (registers the commands)
from redline.cli.app import app

runner = CliRunner()
NO_MISSILES = "enrichment,inspections,stockpile,sanctions"


@pytest.fixture
def us_iran(examples):
    return str(examples / "us-iran-2026.yaml")


def call(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_agendas_text_reads_naturally(us_iran):
    code, text = call("agendas", us_iran)
    assert code == 0, text
    flat = " ".join(text.split())
    assert ("enrichment + inspections + stockpile + sanctions: a deal exists (Nash: enrichment "
            "cap-3.67pct") in flat
    assert "adding missiles: IRN refuses to negotiate (irn-missiles-off-agenda)" in flat
    assert "Skipped: 0" in flat


def test_agendas_json_contract(us_iran):
    code, text = call("agendas", us_iran, "--format", "json", "--events", "none")
    assert code == 0
    data = json.loads(text)
    assert data["format"] == "redline-agendas/1" and data["skipped"] == 0
    first = data["agendas"][0]
    assert first["issues"] == NO_MISSILES.split(",")
    assert first["gains"] == {"USA": pytest.approx(0.31), "IRN": pytest.approx(0.27)}
    assert first["nash"]["utilities"] == {"USA": pytest.approx(0.61), "IRN": pytest.approx(0.77)}


def test_explain_text_and_json(us_iran):
    code, text = call("explain", us_iran, "--agenda", "enrichment")
    assert code == 0
    assert "{irn-nuclear-for-sanctions}: IRN drops its red line" in text
    code, text = call("explain", us_iran, "--format", "json")
    data = json.loads(text)
    assert data["format"] == "redline-explain/1" and data["zopa"] is False
    assert [b["constraints"] for b in data["blocking_sets"]] == [["irn-missiles-off-agenda"]]


def test_compare_event_and_edge(us_iran):
    code, text = call("compare", us_iran, "--event", "naval-buildup", "--agenda", NO_MISSILES,
                      "--format", "json")
    assert code == 0
    data = json.loads(text)
    assert data["change"]["baseline_events"] == []
    assert (data["before"]["zopa_size"], data["after"]["zopa_size"]) == (46, 48)
    code, text = call("compare", us_iran, "--edge", "ISR:USA:missiles", "--agenda", NO_MISSILES)
    flat = " ".join(text.split())
    assert code == 0 and "weight missiles 0.200 -> 0.245" in flat
    assert "reservation" not in flat  # the baseline's own events are not part of the change


def test_analyze_applies_active_events_unless_told_not_to(us_iran):
    _, default = call("analyze", us_iran, "--format", "json", "--agenda", NO_MISSILES)
    _, none = call("analyze", us_iran, "--format", "json", "--agenda", NO_MISSILES,
                   "--events", "none")
    assert json.loads(default)["reservations"] == {"USA": pytest.approx(0.25),
                                                   "IRN": pytest.approx(0.4)}
    assert json.loads(none)["reservations"] == {"USA": 0.3, "IRN": 0.5}


def test_montecarlo_json_contract_and_reproducible(us_iran):
    args = ("montecarlo", us_iran, "--runs", "50", "--seed", "3", "--sobol", "16",
            "--agenda", NO_MISSILES, "--format", "json")
    code, text = call(*args)
    assert code == 0, text
    data = json.loads(text)
    assert {"format", "runs", "seed", "engine", "p_zopa", "nash_options", "sensitivity"} <= set(data)
    assert (data["format"], data["runs"], data["seed"], data["engine"]) == (
        "redline-montecarlo/1", 50, 3, "local")
    assert sum(data["nash_options"]["sanctions"].values()) == pytest.approx(1.0)
    assert json.loads(call(*args)[1]) == data


@pytest.mark.parametrize(("args", "message"), [
    (("compare", "{s}", "--event", "blockade"), "unknown event 'blockade'"),
    (("compare", "{s}"), "nothing to compare"),
    (("agendas", "{s}", "--events", "blockade"), "unknown event"),
    (("explain", "{s}", "--agenda", "nukes"), "unknown issue"),
    (("montecarlo", "{s}", "--runs", "0"), "--runs 0: outside [1, 10,000,000]"),
    (("montecarlo", "{s}", "--engine", "gpu", "--runs", "3"), "unknown engine"),
    (("montecarlo", "{s}", "--influence", "ISR:OMN:x", "--runs", "3"), "unknown influence edge"),
])
def test_bad_input_is_one_clear_error(us_iran, args, message):
    code, text = call(*(a.format(s=us_iran) for a in args))
    assert code == 2
    assert message in " ".join(text.split())


def test_distribution_with_low_above_high_is_rejected(tmp_path, us_iran):
    text = open(us_iran, encoding="utf-8").read().replace(
        "reservation: {low: 0.20, mode: 0.30, high: 0.40}",
        "reservation: {low: 0.50, mode: 0.30, high: 0.40}")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    code, output = call("montecarlo", str(bad), "--runs", "5")
    assert code == 2
    assert "low <= mode <= high" in output


def test_agendas_restricted_to_some_issues(us_iran):
    code, text = call("agendas", us_iran, "--issues", "enrichment,sanctions,missiles",
                      "--format", "json", "--events", "none")
    assert code == 0
    data = json.loads(text)
    assert sorted(len(a["issues"]) for a in data["agendas"]) == [1, 1, 1, 2, 2, 2, 3]
    assert data["agendas"][0]["issues"] == ["enrichment", "sanctions"]


def test_compare_on_a_space_too_large_to_count_says_so(tmp_path):
    import numpy as np
    import yaml

    from redline.space.domains import linear_additive_document

    doc = linear_additive_document(12, 8, 3, np.random.default_rng(1), reservation=0.3)
    doc["events"] = [{"id": "e", "description": "pressure", "active": False,
                      "effects": [{"actor": doc["actors"][0]["id"], "reservation": -0.1}]}]
    path = tmp_path / "huge.yaml"
    path.write_text(yaml.safe_dump(doc))
    code, text = call("compare", str(path), "--event", "e")
    assert code == 0, text
    assert "ZOPA size not counted" in " ".join(text.split())


def test_montecarlo_text_shows_the_ks_shares_next_to_nash(us_iran):
    args = ("montecarlo", us_iran, "--runs", "300", "--seed", "3", "--sobol", "0",
            "--agenda", NO_MISSILES)
    code, text = call(*args)
    assert code == 0, text
    data = json.loads(call(*args, "--format", "json")[1])
    assert data["nash_options"]["inspections"] != data["ks_options"]["inspections"]
    header = next(line for line in text.splitlines() if "Nash" in line and "issue" in line)
    assert "Kalai-Smorodinsky" in header
    row = next(line for line in text.splitlines() if line.strip("│ ").startswith("inspections"))
    ks = {o: s for o, s in data["ks_options"]["inspections"].items() if s}
    assert row.count("%") >= 1 + len(ks)  # both columns filled
