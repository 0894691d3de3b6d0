"""The decision_rule of redline/1: defaults, winning coalitions, and located errors."""

from __future__ import annotations

import copy

import pytest
import yaml
from tests.conftest import EXAMPLES

from redline.errors import ScenarioError
from redline.scenario import load

BASE = {
    "format": "redline/1",
    "title": "Three votes",
    "actors": [{"id": p, "name": p, "role": "party"} for p in ("A", "B", "C")],
    "issues": [{"id": "x", "name": "x", "options": ["lo", "hi"], "status_quo": "lo"}],
    "preferences": {p: {"weights": {"x": 1}, "values": {"x": v}, "reservation": 0.0}
                    for p, v in (("A", [0, 1]), ("B", [1, 0]), ("C", [0.2, 0.8]))},
}


def with_rule(rule):
    data = copy.deepcopy(BASE)
    data["decision_rule"] = rule
    return data


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_examples_without_a_rule_are_unanimity(name):
    scenario = load(EXAMPLES / name)
    if scenario.document.decision_rule is not None:
        pytest.skip("this example gives a rule")
    game = scenario.voting_game()
    assert game.is_unanimity and game.members == scenario.parties


def test_a_weighted_vote_with_a_veto_and_a_blocking_minority():
    rule = {"kind": "vote", "weights": {"votes": {"A": 3, "B": 2, "C": 2}},
            "thresholds": [{"weight": "votes", "quota": 5}], "vetoes": ["B"]}
    game = load(with_rule(rule)).voting_game()
    assert not game.is_unanimity
    assert game.is_winning({"A", "B"}) and not game.is_winning({"A", "C"})  # B's veto
    assert not game.is_winning({"B", "C"})  # 4 votes
    rule["vetoes"], rule["blocking_minority"] = [], 2
    game = load(with_rule(rule)).voting_game()
    # {B, C} has 4 < 5 votes but leaves only A outside: fewer than 2 cannot block
    assert game.is_winning({"B", "C"}) and not game.is_winning({"C"})


def test_shares_are_exact():
    # 55% of 20 members is exactly 11: floating point would give 11.000000000000002
    data = copy.deepcopy(BASE)
    data["actors"] = [{"id": f"M{k}", "name": f"M{k}", "role": "party"} for k in range(20)]
    data["preferences"] = {f"M{k}": {"weights": {"x": 1}, "values": {"x": [0, 1]}}
                           for k in range(20)}
    data["decision_rule"] = {"kind": "vote", "thresholds": [{"weight": "members", "share": 0.55}]}
    game = load(data).voting_game()
    assert game.is_winning({f"M{k}" for k in range(11)})
    assert not game.is_winning({f"M{k}" for k in range(10)})


@pytest.mark.parametrize("rule, where, needle", [
    ({"kind": "vote"}, "decision_rule", "needs thresholds or vetoes"),
    ({"kind": "unanimity", "vetoes": ["A"]}, "decision_rule", "kind: vote"),
    ({"kind": "vote", "thresholds": [{"weight": "seats", "share": 0.5}]},
     "decision_rule.thresholds[0].weight", "unknown weight 'seats'"),
    ({"kind": "vote", "thresholds": [{"weight": "members", "share": 1.5}]},
     "decision_rule.thresholds[0].share", "(0, 1]"),
    ({"kind": "vote", "thresholds": [{"weight": "members", "quota": 4}]},
     "decision_rule.thresholds[0].quota", "no coalition can win"),
    ({"kind": "vote", "thresholds": [{"weight": "members", "share": 0.5, "quota": 2}]},
     "decision_rule.thresholds[0]", "exactly one of 'share' or 'quota'"),
    ({"kind": "vote", "weights": {"votes": {"A": 1, "B": 2}},
      "thresholds": [{"weight": "votes", "share": 0.5}]},
     "decision_rule.weights.votes", "no votes for C"),
    ({"kind": "vote", "weights": {"votes": {"A": 1, "B": 2, "C": 1, "Z": 1}},
      "thresholds": [{"weight": "votes", "share": 0.5}]},
     "decision_rule.weights.votes.Z", "'Z' is not a party"),
    ({"kind": "vote", "thresholds": [{"weight": "members", "share": 0.5}], "vetoes": ["Q"]},
     "decision_rule.vetoes[0]", "'Q' is not a party"),
    ({"kind": "vote", "thresholds": [{"weight": "members", "share": 0.5}],
      "blocking_minority": 9}, "decision_rule.blocking_minority", "more than the 3 parties"),
    ({"kind": "majority"}, "decision_rule.kind", "unanimity"),
])
def test_bad_rules_are_named_with_place_and_fix(rule, where, needle):
    text = yaml.safe_dump(with_rule(rule), sort_keys=False)
    with pytest.raises(ScenarioError) as caught:
        load(text)
    problems = [p for p in caught.value.problems if p.where == where]
    assert problems, str(caught.value)
    assert needle in str(problems[0]) and problems[0].fix
    assert problems[0].line is not None
