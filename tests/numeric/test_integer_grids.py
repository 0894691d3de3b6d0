"""Integer issues whose grid skips whole numbers: the red lines' thresholds are on the grid, the
skipped whole numbers are declared (how many, and the utility error bound covers them), and
marks that are not whole numbers are refused instead of rounded."""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest

from redline.errors import RedlineError
from redline.scenario import load, situation
from redline.space import analyze, outcome_space


def months(rule: str | None, *, high: int = 300, step: int | None = None,
           marks: list[float] | None = None) -> dict[str, Any]:
    issue: dict[str, Any] = {"id": "n", "name": "months", "range": [0, high], "integer": True,
                             "unit": "months"}
    if step is not None:
        issue["step"] = step
    if marks is not None:
        issue["marks"] = marks
    data: dict[str, Any] = {
        "format": "redline/1", "title": "months",
        "actors": [{"id": "A", "name": "A", "role": "party"},
                   {"id": "B", "name": "B", "role": "party"}],
        "issues": [issue],
        "preferences": {
            "A": {"weights": {"n": 1}, "values": {"n": {"linear": [0, 1]}}, "reservation": 0.1},
            "B": {"weights": {"n": 1}, "values": {"n": {"points": [[0, 1], [40, 0.9],
                                                                  [high, 0]]}},
                  "reservation": 0.1}}}
    if rule is not None:
        data["red_lines"] = [{"id": "r", "actor": "B", "rule": rule}]
    return data


@pytest.mark.parametrize(("rule", "boundary"), [
    ("n == 152", [152]), ("n < 152", [151]), ("n <= 152", [152]), ("n > 152", [153]),
    ("n in [151, 152]", [151, 152]), ("n <= 152.5", [152]), ("not (n >= 77)", [76]),
])
def test_red_line_thresholds_on_an_integer_issue_are_on_its_grid(rule: str,
                                                                 boundary: list[int]) -> None:
    plain = load(months(None))
    assert 152.0 not in plain.grid_values("n") and 151.0 not in plain.grid_values("n")
    scenario = load(months(rule))
    values = scenario.grid_values("n")
    assert all(float(b) in values for b in boundary)
    assert np.all(values == np.round(values))  # whole numbers only
    # the ends of the whole numbers the rule allows are grid points the rule allows
    allowed = values[outcome_space(scenario).rule_mask("r")]
    wholes = np.arange(301.0)
    mask = outcome_space(load(months(rule, step=1))).rule_mask("r")
    assert allowed.min() == wholes[mask].min() and allowed.max() == wholes[mask].max()
    if rule == "n == 152":  # without the mark no grid package would satisfy B at all
        assert analyze(scenario).zopa
    again = load(scenario.to_dict())  # written back and read again: the same grid
    assert again.grid_values("n").tolist() == values.tolist()


def test_a_grid_that_skips_whole_numbers_says_so_and_bounds_the_loss() -> None:
    scenario = load(months(None))
    current = situation(scenario, events="none")
    declared = current.grid()["issues"]["n"]
    assert declared["whole_numbers"] == 301 and declared["points"] < 301
    assert "of 301 whole numbers" in current.describe()
    bound = scenario.grid_errors()
    values = scenario.grid_values("n")
    for party in ("A", "B"):
        xs, vs = scenario.utilities[party].functions["n"]
        weight = scenario.utilities[party].weights["n"]
        for whole in range(301):  # every whole number has a grid point within the bound
            nearest = values[np.abs(values - whole).argmin()]
            loss = weight * abs(np.interp(whole, xs, vs) - np.interp(nearest, xs, vs))
            assert loss <= bound[party] + 1e-12
    full = situation(load(months(None, high=200)), events="none")
    assert "whole_numbers" not in full.grid()["issues"]["n"]  # every whole number: nothing to say
    assert full.scenario.grid_errors() == {"A": 0.0, "B": 0.0}


def test_marks_of_an_integer_issue_must_be_whole_numbers() -> None:
    with pytest.raises(RedlineError, match="whole numbers"):
        load(months(None, step=10, marks=[12.5]))
    assert 12.0 in load(months(None, step=10, marks=[12])).grid_values("n")
