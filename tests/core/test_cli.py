"""The command line through the real console script (or `python -m redline` where not installed)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest


def redline_command() -> list[str]:
    script = Path(sys.executable).with_name("redline")
    if script.exists():
        return [str(script)]
    found = shutil.which("redline")
    return [found] if found else [sys.executable, "-m", "redline"]


def run(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*redline_command(), *args], capture_output=True, text=True,
                          timeout=120, cwd=cwd)


def test_analyze_json_follows_the_contract(examples):
    result = run("analyze", str(examples / "us-iran-2026.yaml"), "--format", "json",
                 "--agenda", "enrichment,inspections,stockpile,sanctions")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["format"] == "redline-analysis/1"
    assert data["parties"] == ["USA", "IRN"] and data["zopa"] is True
    assert data["solutions"]["nash"]["outcome"]["missiles"] == "no-limits"


def test_analyze_text_says_who_refuses(examples):
    result = run("analyze", str(examples / "us-iran-2026.yaml"))
    assert result.returncode == 0, result.stderr
    assert "IRN refuses to negotiate" in result.stdout
    assert "irn-missiles-off-agenda" in result.stdout


def test_analyze_text_shows_solutions(examples):
    result = run("analyze", str(examples / "divide-the-dollar.yaml"))
    assert "ZOPA: a deal exists" in result.stdout
    assert "nash" in result.stdout and "60" in result.stdout


def test_validate_bad_scenario_exits_2_with_located_message(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("format: redline/1\ntitle: t\nactors:\n  - {id: A, name: A, role: king}\n"
                   "issues:\n  - {id: x, name: X, options: [a, b]}\n")
    result = run("validate", str(bad))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "actors[0].role (line 4)" in result.stderr
    assert str(bad) in result.stderr


@pytest.mark.parametrize("args", [["analyze", "missing.yaml"],
                                  ["analyze", "EXAMPLE", "--agenda", "nonsense"],
                                  ["analyze", "EXAMPLE", "--max-outcomes", "3"]])
def test_user_mistakes_never_show_a_traceback(args, examples):
    args = [str(examples / "logrolling.yaml") if a == "EXAMPLE" else a for a in args]
    result = run(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "error:" in result.stderr


def test_validate_ok_and_schema_is_json_schema(examples):
    ok = run("validate", str(examples / "us-iran-2026.yaml"))
    assert ok.returncode == 0 and "valid redline/1 scenario" in ok.stdout
    schema = json.loads(run("schema").stdout)
    assert schema["$schema"].endswith("2020-12/schema")
    assert {"actors", "issues", "preferences", "red_lines"} <= set(schema["properties"])


def test_help_lists_the_bargaining_space_first():
    result = run("--help")
    assert result.returncode == 0
    commands = result.stdout.split("Commands")[1]
    listed = [line[2:].split()[0] for line in commands.splitlines()
              if line.startswith("│ ") and line[2:3].isalpha()]
    assert listed[:3] == ["analyze", "agendas", "explain"]
    assert {"simulate", "forecast", "extract", "report", "serve", "convert"} <= set(listed)
