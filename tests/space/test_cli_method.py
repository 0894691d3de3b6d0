"""`redline analyze --method` through the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "redline", *args], cwd=ROOT, text=True,
                          capture_output=True, env={"PYTHONPATH": str(ROOT / "src"),
                                                    "PATH": "/usr/bin:/bin"}, check=False)


@pytest.mark.parametrize("method", ["auto", "enumerate", "merge"])
def test_method_option_runs_the_chosen_path_and_reports_it(method: str) -> None:
    done = run("analyze", "examples/many-issues-20.yaml", "--agenda", "i01,i03,i07,i12",
               "--method", method, "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["method"] == ("enumerate" if method == "auto" else method)
    assert data["parameters"]["method"] == method
    assert data["outcomes"] == 10**4 and data["zopa"]
    assert data["solutions"]["nash"]["outcome"]["i04"] == "o1"  # off the agenda: status quo


def test_twenty_issues_answer_in_text_with_the_merge_path() -> None:
    done = run("analyze", "examples/many-issues-20.yaml")
    assert done.returncode == 0, done.stderr
    assert "100,000,000,000,000,000,000" in done.stdout and "method: merge" in done.stdout


def test_enumerating_twenty_issues_is_refused_with_the_fix() -> None:
    done = run("analyze", "examples/many-issues-20.yaml", "--method", "enumerate")
    assert done.returncode == 2
    assert "--method merge" in done.stdout + done.stderr
    assert "Traceback" not in done.stderr
