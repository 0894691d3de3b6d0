"""The shipped EU Council example: the adopted text, its coalition, who is pivotal, power."""

from __future__ import annotations

import json

import pytest
from tests.conftest import EXAMPLES
from typer.testing import CliRunner

import redline
import redline.cli.commands  # noqa: F401  (registers the commands)
from redline.cli.app import app
from redline.space import analyze_coalitions, power_indices

EU = EXAMPLES / "eu-council-qmv.yaml"
AGAINST = {"ITA", "POL", "NLD", "SWE", "HUN", "FIN", "BEL"}  # six no votes and an abstention
runner = CliRunner()


@pytest.fixture(scope="module")
def scenario():
    return redline.load(EU)


def test_the_rule_is_the_treaty_rule(scenario):
    game = scenario.voting_game()
    assert game.n == 27 and not game.is_unanimity
    assert [(q.weight, q.amount) for q in game.quotas] == [("members", 15),
                                                            ("population", 291_987)]
    everyone = set(scenario.parties)
    assert not game.is_winning(everyone - {"DEU", "FRA", "ITA", "ESP"} - {"POL"})  # population
    assert game.is_winning(everyone - {"DEU", "FRA", "ITA"})  # three cannot block


def test_unanimity_fails_and_the_adopted_coalition_forms(scenario):
    assert not redline.analyze(scenario).zopa
    result = analyze_coalitions(scenario)
    chosen = result.likeliest
    assert set(chosen.members) == set(scenario.parties) - AGAINST
    labels = chosen.analysis.labels(chosen.analysis.solutions["nash"].options)
    assert labels == {"peatlands": "30-40-50", "non_deterioration": "effort-based",
                      "farm_brake": "brake"}  # Regulation (EU) 2024/1991 as adopted
    assert "AUT" in chosen.pivotal and "SVK" not in chosen.pivotal
    assert chosen.overridden == ("ita-no-new-farm-burden",)
    assert set(chosen.below_reservation) == AGAINST
    # the Commission's text wins no qualified majority: Austria and Slovakia reject it
    game = scenario.voting_game()
    assert not game.is_winning(set(scenario.parties) - AGAINST - {"AUT", "SVK"})


def test_power_on_the_example_is_exact_and_ordered_by_population(scenario):
    result = power_indices(scenario.voting_game())
    assert result.method == "exact"
    assert sum(result.shapley_shubik) == pytest.approx(1.0)
    ranking = sorted(result.members, key=lambda m: -result.shapley_shubik[
        result.members.index(m)])
    assert ranking[:3] == ["DEU", "FRA", "ITA"] and ranking[-1] == "MLT"


def test_cli_coalitions_json(scenario):
    done = runner.invoke(app, ["coalitions", str(EU), "--format", "json"])
    assert done.exit_code == 0, done.output
    data = json.loads(done.output)
    assert data["format"] == "redline-coalitions/1"
    assert data["candidates"] == "around-a-deal" and data["everyone_agrees"] is False
    assert set(data["likeliest"]) == set(scenario.parties) - AGAINST
    assert data["partial_agreements"]["agreements"]
    text = runner.invoke(app, ["explain", str(EU)])
    assert "A winning coalition opens a deal" in text.output
    analysed = json.loads(runner.invoke(app, ["analyze", str(EU), "--format", "json"]).output)
    assert analysed["decision_rule"]["deal"]["outcome"]["peatlands"] == "30-40-50"


def test_cli_agendas_json_names_each_agendas_coalition_under_a_vote():
    done = runner.invoke(app, ["agendas", str(EU), "--format", "json", "--top", "3"])
    assert done.exit_code == 0, done.output
    rows = json.loads(done.output)["decision_rule"]["agendas"]
    assert len(rows) == 3 and all(r["likeliest"] for r in rows)
    full = next(r for r in rows if r["issues"] == ["peatlands"])
    assert full["deal"]["outcome"]["peatlands"] == "30-40-50"


def test_cli_json_has_no_rule_block_under_unanimity():
    for command in ("analyze", "explain", "agendas"):
        done = runner.invoke(app, [command, str(EXAMPLES / "logrolling.yaml"), "--format", "json"])
        assert done.exit_code == 0 and "decision_rule" not in json.loads(done.output)
