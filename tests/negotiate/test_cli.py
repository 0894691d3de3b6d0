"""`redline simulate` and `redline tournament` through the real command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCENARIO = str(ROOT / "examples" / "us-iran-2026.yaml")
AGENDA = "enrichment,inspections,stockpile,sanctions"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    script = Path(sys.executable).with_name("redline")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "redline"]
    return subprocess.run([*command, *args], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin",
                                         "COLUMNS": "160"})


def test_simulate_json_follows_the_contract() -> None:
    result = run("simulate", SCENARIO, "--protocol", "alternating", "--strategy", "USA=boulware",
                 "--strategy", "IRN=conceder", "--runs", "300", "--rounds", "60", "--seed", "4",
                 "--agenda", AGENDA, "--engine", "local", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["format"] == "redline-simulation/1" and data["protocol"] == "alternating"
    assert data["runs"] == 300 and 0.0 <= data["agreement_rate"] <= 1.0
    assert set(data["mean_utilities"]) == {"USA", "IRN"}
    for key in ("mean_rounds", "nash_distance", "pareto_rate", "sessions_per_second"):
        assert isinstance(data[key], float), key
    assert data["strategies"] == {"USA": "boulware", "IRN": "conceder"}
    again = json.loads(run("simulate", SCENARIO, "--strategy", "USA=boulware", "--strategy",
                           "IRN=conceder", "--runs", "300", "--rounds", "60", "--seed", "4",
                           "--agenda", AGENDA, "--format", "json").stdout)
    assert {k: v for k, v in again.items() if k != "sessions_per_second"} == {
        k: v for k, v in data.items() if k != "sessions_per_second"}


def test_simulate_compares_direct_and_mediated(tmp_path: Path) -> None:
    log = tmp_path / "talks.json"
    result = run("simulate", SCENARIO, "--protocol", "both", "--strategy", "USA=random",
                 "--runs", "5", "--rounds", "20", "--agenda", AGENDA, "--transcript", str(log))
    assert result.returncode == 0, result.stderr
    assert "direct (alternating offers)" in result.stdout
    assert "mediated (single text)" in result.stdout
    data = json.loads(log.read_text())
    assert [r["protocol"] for r in data["runs"]] == ["alternating", "mediated"]
    assert len(data["runs"][1]["sessions"]) == 5
    actions = {e["action"] for s in data["runs"][1]["sessions"] for e in s["events"]}
    assert actions >= {"proposal", "vote", "ratification"}


def test_simulate_says_who_refuses_the_agenda() -> None:
    result = run("simulate", SCENARIO, "--runs", "3")
    assert result.returncode == 0, result.stderr
    assert "IRN refuses to negotiate with missiles" in result.stdout
    assert "irn-missiles-off-agenda" in result.stdout


def test_bad_options_exit_2_with_the_fix() -> None:
    for args, message in [(("--strategy", "USA=tough"), "unknown strategy 'tough'"),
                          (("--strategy", "OMN=linear"), "'OMN' is not a party"),
                          (("--strategy", "USA"), "expected PARTY=NAME"),
                          (("--engine", "cloud"), "unknown engine 'cloud'"),
                          (("--breakdown", "2"), "--breakdown 2.0: outside [0, 1]"),
                          (("--agenda", "oil"), "unknown issue 'oil'")]:
        result = run("simulate", SCENARIO, "--runs", "2", *args)
        assert result.returncode == 2, (args, result.stderr)
        assert message in result.stderr and "Traceback" not in result.stderr


def test_tournament_plays_every_pair() -> None:
    result = run("tournament", SCENARIO, "--runs", "20", "--seed", "2", "--rounds", "30",
                 "--agenda", AGENDA, "--strategies", "boulware,conceder,hardliner",
                 "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["format"] == "redline-tournament/1"
    pairs = [tuple(e["strategies"].values()) for e in data["entries"]]
    assert len(pairs) == 9 and len(set(pairs)) == 9
    hard = next(e for e in data["entries"]
                if e["strategies"] == {"USA": "hardliner", "IRN": "hardliner"})
    assert hard["agreement_rate"] == 0.0
    assert {r["strategy"] for r in data["ranking"]} == {"boulware", "conceder", "hardliner"}
    text = run("tournament", SCENARIO, "--runs", "5", "--agenda", AGENDA,
               "--strategies", "linear,random")
    assert text.returncode == 0 and "Ranking" in text.stdout


def test_report_and_cli_print_the_same_simulation_record() -> None:
    """The report (and the web API, which calls it) and `redline simulate` share one builder."""
    from redline.report.simulation import simulation_record
    from redline.scenario import load
    from redline.scenario.situation import situation

    current = situation(load(SCENARIO), AGENDA.split(","))  # the CLI's defaults: active events
    mine = simulation_record(current, protocol="mediated", strategies={"USA": "boulware"},
                             runs=50, rounds=40, seed=6)
    result = run("simulate", SCENARIO, "--protocol", "mediated", "--strategy", "USA=boulware",
                 "--runs", "50", "--rounds", "40", "--seed", "6", "--agenda", AGENDA,
                 "--format", "json")
    assert result.returncode == 0, result.stderr
    theirs = json.loads(result.stdout)
    for record in (mine, theirs):
        assert record.pop("sessions_per_second") > 0
    assert json.dumps(mine) == json.dumps(theirs)
