"""The report's decision-rule section: present under a vote, absent (report unchanged) otherwise."""

from __future__ import annotations

from tests.conftest import EXAMPLES

import redline
from redline.report.coalition_sections import decision_rule
from redline.report.gather import RUNNERS, Options
from redline.scenario import situation


def test_vote_gets_a_section_with_the_likeliest_coalition_and_power():
    data = RUNNERS["coalitions"](situation(redline.load(EXAMPLES / "eu-council-qmv.yaml")),
                                 Options())
    assert data is not None and data["power"]["method"] == "exact"
    section = decision_rule(data)
    assert section is not None and section.id == "decision-rule"
    assert "all 20 but ITA, POL, NLD, SWE, HUN, FIN, BEL (likeliest)" in section.body
    assert "peatlands = 30-40-50" in section.body and "ita-no-new-farm-burden" in section.body
    assert "<td>DEU</td><td>0.1765</td>" in section.body


def test_unanimity_has_no_section():
    assert RUNNERS["coalitions"](situation(redline.load(EXAMPLES / "logrolling.yaml")),
                                 Options()) is None
    assert decision_rule({"unanimity": True, "coalitions": []}) is None
