"""The command line: every numeric option checked against its range, budgets named with the
flag that raises them, and text the terminal cannot print escaped rather than fatal."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from redline.cli import commands  # noqa: F401  (registers the commands)
from redline.cli.app import OPTION_RANGES, app
from tests.reliability.test_budgets import scenario_text

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args))


@pytest.mark.parametrize("command", ["simulate", "tournament"])
def test_a_negative_seed_is_an_option_error(command, examples):
    result = run(command, str(examples / "divide-the-dollar.yaml"), "--seed", "-1")
    assert result.exit_code == 2
    assert "--seed -1: outside [0, 9,223,372,036,854,775,807]" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1.5", "-0.1"])
def test_breakdown_must_be_a_probability(value, examples):
    result = run("simulate", str(examples / "divide-the-dollar.yaml"), "--breakdown", value)
    assert result.exit_code == 2 and "--breakdown" in result.stderr


def _numeric_params():
    import typing

    import typer.main

    stack = [typer.main.get_command(app)]
    while stack:
        command = stack.pop()
        stack.extend(getattr(command, "commands", {}).values())
        for param in command.params:
            annotation = param.type_descriptor.annotation
            if {int, float} & {annotation, *typing.get_args(annotation)}:
                yield command.name, param.name


def test_every_numeric_option_of_every_command_has_a_range():
    found = set(_numeric_params())
    assert len(found) > 20
    missing = sorted({f"{c} --{n}" for c, n in found if n not in OPTION_RANGES})
    assert not missing, f"give these options a range in OPTION_RANGES: {missing}"
    assert set(OPTION_RANGES) <= {n for _, n in found}


def test_many_issues_example_simulates_or_names_the_limit(examples):
    path = str(examples / "many-issues-20.yaml")
    result = run("simulate", path, "--runs", "5")
    assert result.exit_code == 2
    assert "limit is 5,000,000" in result.stderr and "--agenda" in result.stderr
    narrowed = run("simulate", path, "--runs", "5", "--agenda", "i01,i02,i03")
    assert narrowed.exit_code == 0, narrowed.output


def test_tournament_seatings_have_a_budget(tmp_path):
    # Every strategy over 8 parties is far more seatings than MAX_PROFILES: a seeded sample of
    # SAMPLED_PROFILES is played (bounded work), and the answer says how many of how many.
    import json

    from redline.limits import MAX_PROFILES
    from redline.negotiate.tournament import SAMPLED_PROFILES

    path = tmp_path / "eight.yaml"
    path.write_text(scenario_text(8), encoding="utf-8")
    result = run("tournament", str(path), "--runs", "1", "--rounds", "5", "--format", "json")
    assert result.exit_code == 0, result.output
    parameters = json.loads(result.stdout)["parameters"]
    assert parameters["profiles"] > MAX_PROFILES
    assert parameters["played"] == SAMPLED_PROFILES


def test_the_limit_flag_raises_a_budget_for_one_command(tmp_path):
    path = tmp_path / "many.yaml"
    path.write_text(scenario_text(70), encoding="utf-8")
    refused = run("validate", str(path))
    assert refused.exit_code == 2 and "--limit parties=N" in refused.stderr
    allowed = run("--limit", "parties=70", "validate", str(path))
    assert allowed.exit_code == 0 and "valid redline/1" in allowed.stdout
    again = run("validate", str(path))  # the raise lasted one command only
    assert again.exit_code == 2
    bad = run("--limit", "bogus=3", "validate", str(path))
    assert bad.exit_code == 2 and "document-bytes" in bad.output


def test_unprintable_text_is_escaped_not_fatal(tmp_path, examples):
    """A title the terminal cannot encode (here: ASCII output) prints escaped."""
    text = (examples / "divide-the-dollar.yaml").read_text(encoding="utf-8")
    path = tmp_path / "accents.yaml"
    path.write_text(text.replace("title: Divide", "title: Dïvidé☃"), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "redline", "validate", str(path)],
                          capture_output=True, env={**os.environ, "PYTHONIOENCODING": "ascii"},
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert b"D\\xefvid\\xe9\\u2603" in done.stdout.replace(b"\n", b"")  # lines may wrap
