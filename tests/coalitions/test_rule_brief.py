"""The brief under a decision rule: a section on the likeliest winning coalition, only under a
vote (a unanimity scenario's brief is unchanged)."""

from __future__ import annotations

import copy

from tests.conftest import EXAMPLES

import redline
from redline.briefing import brief
from redline.space.coalitions import analyze_coalitions


def test_a_vote_adds_the_coalition_that_would_adopt_the_deal():
    scenario = redline.load(EXAMPLES / "eu-council-qmv.yaml")
    result = brief(scenario)
    points = result.section("Under the decision rule")
    found = analyze_coalitions(scenario)
    assert result.verdict == "no deal"  # the verdict stays the deal of every party
    assert points[1].figures["likeliest"] == list(found.likeliest.members)
    assert points[1].figures["package"]["peatlands"] == "30-40-50"
    assert points[2].figures["overrides"] == ["ita-no-new-farm-burden"]
    assert "AUT" in points[2].figures["pivotal"]
    headings = [h for h, _ in result.sections]
    assert headings.index("Under the decision rule") == headings.index("Verdict") + 1


def test_unanimity_briefs_exactly_as_before():
    data = redline.load(EXAMPLES / "coalition-budget.yaml").to_dict()
    today = brief(redline.load(data)).to_dict()
    explicit = copy.deepcopy(data)
    explicit["decision_rule"] = {"kind": "unanimity"}
    assert brief(redline.load(explicit)).to_dict() == today
    assert "Under the decision rule" not in [s["heading"] for s in today["sections"]]
