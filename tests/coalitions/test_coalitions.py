"""Bargaining under a decision rule, against brute force; unanimity gives today's answers."""

from __future__ import annotations

import copy
import itertools
import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.conftest import EXAMPLES
from tests.core.random_scenarios import documents
from tests.core.test_analysis import _holds, exact_utility

import redline
from redline.space.coalitions import analyze_coalitions


@st.composite
def voted(draw):
    doc = draw(documents(parties=(2, 5), issues=(1, 3), red_lines=(0, 3)))
    parties = [a["id"] for a in doc["actors"]]
    seats = {p: draw(st.integers(0, 9)) for p in parties}
    if sum(seats.values()) == 0:
        seats[parties[0]] = 1
    rule = {"kind": "vote", "weights": {"seats": seats},
            "thresholds": [{"weight": "seats", "share": draw(st.sampled_from([0.5, 0.6, 2 / 3]))}]}
    if draw(st.booleans()):
        rule["thresholds"].append({"weight": "members", "share": 0.5})
    if draw(st.booleans()):
        rule["vetoes"] = [parties[0]]
    doc["decision_rule"] = rule
    return doc


def wins(doc, coalition):
    """The rule read from the document, with exact fractions."""
    rule = doc["decision_rule"]
    parties = [a["id"] for a in doc["actors"]]
    if not set(rule.get("vetoes", [])) <= set(coalition):
        return False
    for t in rule["thresholds"]:
        column = rule["weights"]["seats"] if t["weight"] == "seats" else dict.fromkeys(parties, 1)
        have = sum(Fraction(column[p]) for p in coalition)
        if have < Fraction(str(t["share"])) * sum(Fraction(v) for v in column.values()):
            return False
    return True


def outcomes(scenario):
    for combo in itertools.product(*(range(len(i.options)) for i in scenario.issues)):
        labels = {i.id: i.options[k] for i, k in zip(scenario.issues, combo, strict=True)}
        yield combo, labels


def accepts(scenario, party, combo, labels):
    ok = all(_holds(scenario, r.id, labels) for r in scenario.red_lines
             if r.actor == party and r.rule is not None)
    reservation = Fraction(str(scenario.utilities[party].reservation))
    return ok and exact_utility(scenario, party, combo) >= reservation


@settings(max_examples=40, deadline=None)
@given(voted())
def test_coalition_analysis_equals_brute_force(doc):
    scenario = redline.load(doc)
    result = analyze_coalitions(scenario)
    parties = list(scenario.parties)
    winning = [set(c) for k in range(len(parties) + 1)
               for c in itertools.combinations(parties, k) if wins(doc, c)]
    minimal = [c for c in winning if not any(wins(doc, c - {m}) for m in c)]
    assert result.winning == len(winning) and result.minimal_winning == len(minimal)
    assert result.candidates == "minimal-winning"
    assert sorted(map(sorted, minimal)) == sorted(sorted(d.members) for d in result.coalitions)
    table = list(outcomes(scenario))
    support = [{p for p in parties if accepts(scenario, p, combo, labels)}
               for combo, labels in table]
    assert result.adoptable == sum(wins(doc, s) for s in support)
    for deal in result.coalitions:
        members = set(deal.members)
        zopa = [(combo, labels) for (combo, labels), s in zip(table, support, strict=True)
                if members <= s]
        assert deal.analysis.zopa_size == len(zopa)
        assert set(deal.pivotal) == members  # minimal: every member is pivotal
        if not zopa:
            assert deal.score is None or not deal.zopa
            continue
        d = [Fraction(str(scenario.utilities[p].reservation)) for p in deal.members]
        best = max(math.prod(exact_utility(scenario, p, combo) - r
                             for p, r in zip(deal.members, d, strict=True))
                   for combo, _ in zopa)
        nash = deal.analysis.solutions["nash"]
        product = math.prod(u - float(r) for u, r in zip(nash.utilities, d, strict=True))
        assert product == pytest.approx(float(best), abs=1e-12)
        labels = deal.analysis.labels(nash.options)
        outsiders = [p for p in parties if p not in members]
        broken = {r.id for r in scenario.red_lines if r.actor in outsiders and r.rule is not None
                  and not _holds(scenario, r.id, labels)}
        assert set(deal.overridden) == broken
    scored = [d.score for d in result.coalitions if d.zopa]
    if not scored:
        assert result.likeliest is None
        return
    assert result.likeliest.score == pytest.approx(max(scored), abs=1e-12)
    chosen = result.likeliest.analysis.solutions["nash"].options
    blockers = set()
    for deal in result.coalitions:
        if deal is result.likeliest:
            continue
        here = [exact_utility(scenario, p, chosen) for p in deal.members]
        for (combo, _), s in zip(table, support, strict=True):
            if set(deal.members) <= s and all(
                    exact_utility(scenario, p, combo) > h for p, h in
                    zip(deal.members, here, strict=True)):
                blockers.add(deal.members)
                break
    assert set(result.blocked_by) == blockers


@pytest.mark.parametrize("name", sorted(p.name for p in EXAMPLES.glob("*.yaml")))
def test_unanimity_gives_exactly_todays_analysis(name):
    scenario = redline.load(EXAMPLES / name)
    if scenario.document.decision_rule is not None:
        pytest.skip("this example votes")
    agenda = None
    if name.startswith("us-iran"):
        agenda = ["enrichment", "inspections", "stockpile", "sanctions"]
    if name.startswith("many-issues"):
        agenda = [i.id for i in scenario.issues][:6]
    today = redline.analyze(scenario, agenda).to_dict()
    result = analyze_coalitions(scenario, agenda)
    assert result.unanimity and len(result.coalitions) == 1
    only = result.coalitions[0]
    assert only.members == scenario.parties and only.overridden == ()
    assert only.analysis.to_dict() == today
    data = copy.deepcopy(scenario.to_dict())
    data["decision_rule"] = {"kind": "unanimity"}
    assert redline.analyze(redline.load(data), agenda).to_dict() == today


def test_a_majority_opens_a_deal_that_unanimity_blocks():
    # Coalition budget: the Liberals' no-tax-rise line holds under unanimity; with seats and a
    # simple majority, Social Democrats and Greens can outvote it.
    data = redline.load(EXAMPLES / "coalition-budget.yaml").to_dict()
    data["decision_rule"] = {"kind": "vote", "weights": {"seats": {"SOC": 40, "GRN": 25,
                                                                   "LIB": 35}},
                             "thresholds": [{"weight": "seats", "share": 0.5}]}
    result = analyze_coalitions(redline.load(data))
    assert {d.members for d in result.coalitions} == {("SOC", "GRN"), ("SOC", "LIB"),
                                                       ("GRN", "LIB")}
    assert result.likeliest is not None and result.likeliest.members == ("SOC", "GRN")
    assert result.likeliest.overridden == ("lib-no-tax-rise",)
    assert result.likeliest.below_reservation == ("LIB",)
    # raise tax, large rail, repairs: SOC 1.0 (gain 0.55), GRN 0.88 (gain 0.48)
    assert np.isclose(result.likeliest.score, math.sqrt(0.55 * 0.48), atol=1e-12)
