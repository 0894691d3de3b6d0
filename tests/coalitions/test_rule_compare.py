"""`compare` under a decision rule: the likeliest coalition's deal before and after an event;
unanimity unchanged."""

from __future__ import annotations

import copy
import json

import pytest
from tests.conftest import EXAMPLES
from typer.testing import CliRunner

import redline
import redline.cli.commands  # noqa: F401  (registers the commands)
from redline.cli.app import app
from redline.scenario.situation import situation
from redline.space.analysis import analyze
from redline.space.coalitions import analyze_coalitions, utility_of
from redline.space.compare import Comparison, compare

SEATS = {"kind": "vote", "weights": {"seats": {"SOC": 40, "GRN": 25, "LIB": 35}},
         "thresholds": [{"weight": "seats", "share": 0.5}]}
# The Greens' base turns against a tax rise: GRN's reservation rises past what SOC offers them.
REVOLT = {"id": "green-revolt", "description": "The Greens' members vote down the tax deal.",
          "active": False, "effects": [{"actor": "GRN", "reservation": 0.45}]}


def budget(rule=None):
    data = copy.deepcopy(redline.load(EXAMPLES / "coalition-budget.yaml").to_dict())
    data["events"] = [REVOLT]
    if rule is not None:
        data["decision_rule"] = rule
    return data


def sides(scenario):
    before = situation(scenario, events=[])
    after = situation(scenario, events=["green-revolt"])
    return before, after


@pytest.mark.parametrize("rule", [None, {"kind": "unanimity"}])
def test_unanimity_compares_exactly_as_before(rule):
    scenario = redline.load(budget(rule))
    before, after = sides(scenario)
    result = compare(before, after, change={"events": ["green-revolt"]})
    today = Comparison(analyze(before), analyze(after), {"events": ["green-revolt"]},
                       parameters=result.parameters)
    assert result.coalitions is None
    assert result.to_dict() == today.to_dict() and "decision_rule" not in result.to_dict()


def test_under_a_majority_the_event_changes_the_coalition_and_its_deal():
    scenario = redline.load(budget(SEATS))
    before, after = sides(scenario)
    result = compare(before, after, change={"events": ["green-revolt"]})
    rule = result.to_dict()["decision_rule"]
    first = analyze_coalitions(before.scenario)
    second = analyze_coalitions(after.scenario)
    assert rule["before"]["likeliest"] == list(first.likeliest.members) == ["SOC", "GRN"]
    assert rule["after"]["likeliest"] == list(second.likeliest.members)
    assert rule["coalition_changed"] == (first.likeliest.members != second.likeliest.members)
    assert rule["coalition_changed"]
    # the utility change of every party at the binding deal, outvoted parties included
    for party in scenario.parties:
        a = utility_of(before.scenario, party, first.likeliest.analysis.solutions["nash"].options)
        b = utility_of(after.scenario, party, second.likeliest.analysis.solutions["nash"].options)
        assert rule["utility"][party] == pytest.approx(b - a, abs=1e-12)
    assert set(rule["gainers"]) == {p for p, v in rule["utility"].items() if v > 1e-12}
    assert rule["moved"]


def test_the_command_shows_the_rule_block(tmp_path):
    path = tmp_path / "budget.yaml"
    path.write_text(json.dumps(budget(SEATS)))
    text = CliRunner().invoke(app, ["compare", str(path), "--event", "green-revolt"]).output
    assert "Decision rule:" in text and "before: SOC, GRN would adopt" in text
    data = json.loads(CliRunner().invoke(app, ["compare", str(path), "--event", "green-revolt",
                                               "--format", "json"]).output)
    assert data["decision_rule"]["coalition_changed"] is True
