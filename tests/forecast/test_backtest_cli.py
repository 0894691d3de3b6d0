"""DEU backtest (JSON contract, bootstrap, paired comparison, honest selection) and the CLI
through `python -m redline`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from redline.forecast import backtest, compare, random_space, select_on_split
from redline.forecast.backtest import bootstrap_mean, split_by_group

SRC = Path(__file__).resolve().parents[2] / "src"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(
        [str(SRC), *filter(None, [os.environ.get("PYTHONPATH")])])}
    return subprocess.run([sys.executable, "-m", "redline", *args], capture_output=True,
                          text=True, timeout=120, env=env)


def synthetic_deu(n_issues: int = 40, seed: int = 0):
    rng = np.random.default_rng(seed)
    space = random_space(12, n_issues, rng, missing=0.2)
    groups = tuple(f"p{k // 3}" for k in range(n_issues))
    outcome = np.clip(np.nanmean(space.positions, axis=0) + rng.normal(0, 10, n_issues), 0, 100)
    return type(space)(space.actors, space.issues, space.capabilities, space.positions,
                       space.saliences, space.status_quo, outcome, issue_groups=groups)


def test_backtest_json_contract(shared_data):
    result = run("backtest", "deu", str(shared_data / "deu3" / "deu3-dev.tsv"),
                 "--model", "compromise", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"model", "n", "mae", "predictions", "grouped_cv"}
    # a fixed model learns nothing from the data: its grouped-CV MAE is its MAE
    assert data["grouped_cv"]["grouped_cv_mae"] == pytest.approx(data["mae"])
    # 96 of the 99 proposals keep an issue with an outcome
    assert data["grouped_cv"]["groups"] == 96 and data["grouped_cv"]["folds"] == 10
    assert data["model"] == "compromise" and data["n"] == len(data["predictions"]) == 246
    first = data["predictions"][0]
    assert set(first) == {"id", "predicted", "outcome"} and first["id"] == "d00032i1"
    errors = [abs(p["predicted"] - p["outcome"]) for p in data["predictions"]]
    assert data["mae"] == pytest.approx(np.mean(errors))


def test_backtest_text_table_has_intervals(shared_data):
    result = run("backtest", "deu", str(shared_data / "deu3" / "deu3-dev.tsv"),
                 "--model", "nash", "--resamples", "300")
    assert result.returncode == 0, result.stderr
    assert "246 issues kept of 253" in result.stdout
    assert "nash" in result.stdout and "compromise" in result.stdout
    assert "95% CI (paired)" in result.stdout
    assert "grouped CV" in result.stdout and "select (in folds)" in result.stdout


def test_bootstrap_and_comparison_are_seeded_and_paired():
    space = synthetic_deu()
    results = [backtest(space, m) for m in ("compromise", "median-position", "nash")]
    one, two = compare(results, seed=3), compare(results, seed=3)
    assert one.to_dict() == two.to_dict()
    mae = one.mae["nash"]
    assert mae.low <= mae.estimate <= mae.high
    diff = one.difference["nash"]
    assert diff.estimate == pytest.approx(results[2].mae - results[0].mae)
    assert one.difference["compromise"].low == one.difference["compromise"].high == 0
    interval = bootstrap_mean(np.array([1.0, 1.0, 1.0]), np.random.default_rng(0))
    assert (interval.low, interval.high) == (1.0, 1.0)


def test_split_keeps_proposals_whole_and_selection_never_sees_held_aside_outcomes():
    space = synthetic_deu(60, seed=1)
    tune, held = split_by_group(space, 0.6, seed=4)
    groups = np.array(space.issue_groups)
    assert not set(groups[tune]) & set(groups[held])
    assert sorted([*tune, *held]) == list(range(space.n_issues))
    candidates = (("compromise", {}), ("nash", {}), ("median-position", {}))
    first = select_on_split(space, candidates, seed=4)
    # scramble the held-aside outcomes: the choice and tuning scores must not change
    outcome = space.outcome.copy()
    outcome[held] = 100 - outcome[held]
    scrambled = type(space)(space.actors, space.issues, space.capabilities, space.positions,
                            space.saliences, space.status_quo, outcome,
                            issue_groups=space.issue_groups)
    second = select_on_split(scrambled, candidates, seed=4)
    assert first.chosen == second.chosen
    assert dict(first.tuning_mae) == dict(second.tuning_mae)
    assert first.held_aside.n == len(held)


def test_forecast_command_on_the_example(examples):
    result = run("forecast", str(examples / "us-iran-2026.yaml"), "--model", "compromise",
                 "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["method"] == "compromise" and data["issues"][0] == "enrichment"
    assert len(data["outcome"]) == 5 and all(0 <= v <= 100 for v in data["outcome"])
    text = run("forecast", str(examples / "us-iran-2026.yaml"), "--model", "bdm")
    assert text.returncode == 0 and "Uranium enrichment" in text.stdout


def test_forecast_command_on_ktab_csv_with_smp(shared_data):
    result = run("forecast", str(shared_data / "ktab-soe" / "SOE-Pol-Comp.csv"),
                 "--model", "smp", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["issues"] == ["Policy", "Competitive"] and data["rounds"] >= 1
    assert len(data["trajectory"]) == data["rounds"] + 1


@pytest.mark.parametrize(("name", "content", "message"), [
    ("bad.csv", "scen,desc,2,1\nActor,Description,Influence,D Position,D Salience\nA,a,1,2,3\n",
     "announces 2 actors but 1"),
    ("bad.tsv", "a\tb\n1\t2\n3\t4\n", "no 'isnr' column"),
])
def test_bad_files_give_one_message_and_exit_2(tmp_path, name, content, message):
    path = tmp_path / name
    path.write_text(content)
    result = run("forecast", str(path))
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_unknown_model_is_a_user_error(tmp_path, shared_data):
    result = run("backtest", "deu", str(shared_data / "deu3" / "deu3-dev.tsv"), "--model", "x")
    assert result.returncode == 2 and "is not a model" in result.stderr


def test_set_passes_model_parameters_and_rejects_unknown_ones(examples):
    result = run("forecast", str(examples / "us-iran-2026.yaml"), "--model", "bdm",
                 "--set", "rounds=3", "--set", "offer_choice=least_change", "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["parameters"]["rounds"] == 3 and len(data["trajectory"]) == 4
    assert data["parameters"]["offer_choice"] == "least_change"
    bad = run("forecast", str(examples / "us-iran-2026.yaml"), "--model", "nash", "--set", "x=1")
    assert bad.returncode == 2 and "no such parameter" in bad.stderr
    wrong = run("forecast", str(examples / "us-iran-2026.yaml"), "--model", "nash",
                "--set", "utility=cubic")
    assert wrong.returncode == 2 and "linear" in wrong.stderr


def test_forecast_on_a_scenario_names_the_nearest_option(examples):
    result = run("forecast", str(examples / "divide-the-dollar.yaml"), "--model", "compromise")
    assert result.returncode == 0, result.stderr
    # A wants 100 cents, B 0 cents, equal power and salience: the mean is 50, option "50".
    row = next(line for line in result.stdout.splitlines() if "A's share" in line)
    cells = [c.strip() for c in row.split("│") if c.strip()]
    assert cells[1:3] == ["50.0", "50"]
