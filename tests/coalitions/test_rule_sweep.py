"""Sweeps under a decision rule: each step's deal is the one a winning coalition adopts.

The desk shows break-even values (`redline thresholds`, which reads the rule) beside sweeps, so a
sweep under a vote must say the same kind of deal: checked against a brute force over outcomes and
coalitions on random voted games, and unanimity written out sweeps exactly as before.
"""

from __future__ import annotations

import itertools
import json
from fractions import Fraction

import yaml
from hypothesis import given, settings
from tests.coalitions.test_coalitions import outcomes, voted, wins
from tests.conftest import EXAMPLES
from tests.core.test_analysis import _holds, exact_utility
from typer.testing import CliRunner

import redline
from redline.cli import commands  # noqa: F401  (registers the commands)
from redline.cli.app import app
from redline.limits import TOLERANCE
from redline.scenario.settings import parse_setting, with_setting
from redline.space import sweep as per_step
from redline.uncertainty import sweep

runner = CliRunner()


def accepts(scenario, party, combo, labels):
    """Within the party's red lines and at least its reservation, less the engine's tolerance
    (a swept reservation such as 0.6000000000000001 meets a utility of exactly 0.6)."""
    ok = all(_holds(scenario, r.id, labels) for r in scenario.red_lines
             if r.actor == party and r.rule is not None)
    reservation = Fraction(str(scenario.utilities[party].reservation)) - Fraction(TOLERANCE)
    return ok and exact_utility(scenario, party, combo) >= reservation


def adoptable(doc, scenario):
    """Some outcome every member of some winning coalition accepts (brute force)."""
    parties = scenario.parties
    for combo, labels in outcomes(scenario):
        yes = [p for p in parties if accepts(scenario, p, combo, labels)]
        if any(wins(doc, c) for n in range(1, len(yes) + 1)
               for c in itertools.combinations(yes, n)):
            return True
    return False


@settings(max_examples=30, deadline=None)
@given(voted())
def test_a_sweep_under_a_vote_opens_a_deal_exactly_where_a_winning_coalition_accepts_one(doc):
    scenario = redline.load(doc)
    if any(r.rule is None for r in scenario.red_lines):
        return  # no talks: a refusal is the agenda's business, not the sweep's
    name = f"{scenario.parties[0]}.reservation"
    result = sweep(scenario, name, 0.0, 1.0, 6)
    game = scenario.voting_game()
    if game.is_unanimity:  # e.g. a veto for every party: the sweep is the unanimous one
        assert "decision_rule" not in result.parameters
    else:
        assert result.parameters["decision_rule"] == game.describe()
    setting = parse_setting(scenario, name)
    for step in result.steps:
        changed = with_setting(scenario, setting, step.value)
        assert (step.verdict == "a deal") == adoptable(doc, changed), step
        if step.verdict != "a deal":
            continue
        members = scenario.parties if game.is_unanimity else step.coalition
        assert members is not None and wins(doc, members)
        assert step.gains is not None and step.nash is not None
        for member in members:  # every member gains from the adopted package
            assert step.gains[member] >= -1e-9, (member, step)


def test_unanimity_written_out_sweeps_exactly_as_before():
    doc = yaml.safe_load((EXAMPLES / "eu-council-qmv.yaml").read_text(encoding="utf-8"))
    doc["decision_rule"] = {"kind": "unanimity"}
    scenario = redline.load(doc)
    fast = sweep(scenario, "DEU.reservation", 0.0, 0.9, 7).to_dict()
    slow = per_step(scenario, "DEU.reservation", 0.0, 0.9, 7).to_dict()
    assert fast["parameters"].pop("engine") == "batched"
    slow["parameters"].pop("engine")
    assert fast == slow
    assert "decision_rule" not in fast["parameters"]
    assert all("coalition" not in s for s in fast["steps"])


def test_the_eu_sweep_names_the_adopting_coalition_in_text_and_json():
    path = str(EXAMPLES / "eu-council-qmv.yaml")
    args = ["sweep", path, "--param", "DEU.reservation", "--from", "0", "--to", "0.9",
            "--steps", "4"]
    data = json.loads(runner.invoke(app, [*args, "--format", "json"]).stdout)
    unanimous = per_step(redline.load(path), "DEU.reservation", 0.0, 0.9, 4).to_dict()
    assert {s["verdict"] for s in unanimous["steps"]} == {"no deal"}  # no law pleases all 27
    deals = [s for s in data["steps"] if s["verdict"] == "a deal"]
    assert deals and all(len(s["coalition"]) < 27 for s in deals)
    assert data["parameters"]["engine"] == "per step, coalitions"
    text = runner.invoke(app, args).stdout
    assert "Decision rule:" in text and "coalition" in text
