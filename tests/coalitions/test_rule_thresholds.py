"""Break-even values under a decision rule: against brute force; unanimity unchanged."""

from __future__ import annotations

import copy
import itertools

import numpy as np
from hypothesis import HealthCheck, given, settings
from tests.coalitions.test_coalitions import accepts, outcomes, voted, wins
from tests.conftest import EXAMPLES
from tests.core.random_scenarios import documents
from tests.space.test_thresholds import assert_only_the_ends_change

import redline
from redline.scenario.settings import parse_setting, with_setting
from redline.space.rule_thresholds import rule_verdict
from redline.space.thresholds import thresholds

SEATS = {"kind": "vote", "weights": {"seats": {"SOC": 40, "GRN": 25, "LIB": 35}},
         "thresholds": [{"weight": "seats", "share": 0.5}]}


def off_grid(document):
    """Reservations off the values' grid (knife-edges are ties broken by order, not tracked)."""
    for preference in document["preferences"].values():
        preference["reservation"] = preference["reservation"] + 0.0137
    return document


def knife_edges(scenario, name):
    """For a reservation, the party's utilities of every outcome (where a gain is exactly 0)."""
    party, _, kind = name.partition(".")
    if kind != "reservation":
        return []
    tables = [scenario.utilities[party].table(i) for i in scenario.issue_ids]
    return [float(sum(t[k] for t, k in zip(tables, combo, strict=True)))
            for combo in itertools.product(*(range(len(t)) for t in tables))]


def state(scenario, name, value):
    changed = with_setting(scenario, parse_setting(scenario, name), value)
    return rule_verdict(changed, None)[:2]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(parties=(2, 4), issues=(1, 3), options=(2, 3)))
def test_unanimity_gives_exactly_todays_thresholds(document):
    today = thresholds(redline.load(document)).to_dict()
    data = copy.deepcopy(document)
    data["decision_rule"] = {"kind": "unanimity"}
    assert thresholds(redline.load(data)).to_dict() == today
    assert today["method"] == "exact-lines"


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(voted())
def test_a_deal_exists_iff_a_winning_coalition_accepts_an_outcome(doc):
    scenario = redline.load(off_grid(doc))
    parties = list(scenario.parties)
    brute = any(wins(doc, {p for p in parties if accepts(scenario, p, combo, labels)})
                for combo, labels in outcomes(scenario))
    result = thresholds(scenario)
    talks = not any(r.refuses_agenda for r in scenario.red_lines)
    if talks:
        assert (result.verdict == "a deal") == brute
    if not scenario.voting_game().is_unanimity:
        assert result.method == "exact-lines-under-rule"
        assert result.to_dict()["parameters"]["rule"] == scenario.voting_game().describe()


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(voted())
def test_break_even_values_under_a_rule_match_the_coalition_analysis(doc):
    scenario = redline.load(off_grid(doc))
    if scenario.voting_game().is_unanimity:
        return
    result = thresholds(scenario, credibility=False)
    grid = np.linspace(0.0, 1.0, 21)
    for item in result.items:
        here = state(scenario, item.parameter, item.current)
        assert here == (result.verdict, result.nash), item
        # a reservation equal to one of its utilities is a tie, not tracked: skipped
        assert_only_the_ends_change(state, scenario, item, here, grid,
                                    ties=knife_edges(scenario, item.parameter))


def budget(rule=None):
    data = redline.load(EXAMPLES / "coalition-budget.yaml").to_dict()
    if rule is not None:
        data["decision_rule"] = rule
    return redline.load(data)


def test_under_a_majority_the_liberals_reservation_no_longer_decides():
    unanimous = {t.parameter: t for t in thresholds(budget()).items}
    voted_ = thresholds(budget(SEATS))
    by_name = {t.parameter: t for t in voted_.items}
    assert voted_.verdict == "a deal" and voted_.parameters["coalition"] == ["SOC", "GRN"]
    assert voted_.nash["tax"] == "raise"
    # Under unanimity LIB's reservation closes the ZOPA; under the vote SOC and GRN outvote LIB,
    # so no reservation of LIB changes the verdict or the deal.
    assert unanimous["LIB.reservation"].threshold is not None
    assert by_name["LIB.reservation"].threshold is None
    # A member of the likeliest coalition that asks for more leaves it: the deal changes.
    soc = by_name["SOC.reservation"]
    assert soc.upper is not None and "moves" in soc.effect


def test_the_command_names_the_rule_and_the_coalition():
    import json
    import tempfile
    from pathlib import Path

    from typer.testing import CliRunner

    import redline.cli.commands  # noqa: F401  (registers the commands)
    from redline.cli.app import app

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "budget.yaml"
        path.write_text(json.dumps(budget(SEATS).to_dict()))
        text = CliRunner().invoke(app, ["thresholds", str(path)]).output
        data = json.loads(CliRunner().invoke(app, ["thresholds", str(path), "--format",
                                                   "json"]).output)
    assert "Decision rule:" in text and "SOC, GRN" in text
    assert data["parameters"]["coalition"] == ["SOC", "GRN"]
    plain = CliRunner().invoke(app, ["thresholds", str(EXAMPLES / "coalition-budget.yaml")])
    assert "Decision rule" not in plain.output
