"""The agenda-setter model with Nice votes: hand-checked cases and its fallback."""

from __future__ import annotations

import numpy as np
import pytest

from redline.forecast import forecast, issue_space
from redline.forecast.council_votes import NICE_VOTES, procedural_nice
from redline.forecast.space import IssueSpace

STATES = list(NICE_VOTES)  # 28 member states, 352 votes


def council(state_positions, commission, rule, parliament=None):
    actors = ["com", *STATES] + (["ep"] if parliament is not None else [])
    positions = [[commission], *([p] for p in state_positions)]
    if parliament is not None:
        positions.append([parliament])
    base = issue_space(actors, [1.0] * len(actors), positions, [[1.0]] * len(actors),
                       issues=["i1"], status_quo=[0.0])
    return IssueSpace(base.actors, base.issues, base.capabilities, base.positions,
                      base.saliences, base.status_quo, base.outcome, issue_rules=(rule,))


def test_votes_not_capabilities_decide_the_qualified_majority():
    # the six largest states and Romania (184 of 352 votes) at 0 block any move right
    big = {"de", "fr", "it", "uk", "es", "pl", "ro"}
    blocked = council([0.0 if s in big else 60.0 for s in STATES], 100.0, "CNS QMV")
    assert procedural_nice(blocked).outcome[0] == 0.0
    # with them at 40, everyone accepts up to 80 and only 168 votes beyond: 80
    moved = council([40.0 if s in big else 60.0 for s in STATES], 100.0, "CNS QMV")
    assert procedural_nice(moved).outcome[0] == pytest.approx(80.0)
    # Malta, Cyprus and Luxembourg (11 votes) at 0 cannot block: the Commission gets 100
    small = {"mt", "cy", "lu"}
    free = council([0.0 if s in small else 50.0 for s in STATES], 100.0, "CNS QMV")
    assert procedural_nice(free).outcome[0] == pytest.approx(100.0)
    # under unanimity Malta alone stops at 0
    assert procedural_nice(council([0.0 if s in small else 50.0 for s in STATES], 100.0,
                                   "CNS Unan")).outcome[0] == 0.0


def test_parliament_vetoes_under_codecision_only():
    positions = [50.0] * len(STATES)
    assert procedural_nice(council(positions, 100.0, "CNS QMV", 5.0)).outcome[0] == \
        pytest.approx(100.0)
    assert procedural_nice(council(positions, 100.0, "COD QMV", 5.0)).outcome[0] == \
        pytest.approx(10.0)


def test_other_spaces_get_the_plain_procedural_model():
    other = issue_space(["a", "b"], [1, 1], [[0], [100]], [[1], [1]], status_quo=[0])
    result = forecast(other, "procedural-nice")
    assert result.parameters["nice_votes"] is False
    assert result.outcome[0] == pytest.approx(forecast(other, "procedural").outcome[0])
    assert np.all(np.isfinite(result.outcome))
