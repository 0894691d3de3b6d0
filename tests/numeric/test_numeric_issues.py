"""Numeric issues in redline/1: the grid, value functions, rules on numbers, located errors, the
grid's error bound, and every enumerating engine answering with the grid stated."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from redline.cli import app, commands  # noqa: F401
from redline.errors import ScenarioError
from redline.scenario import Scenario, load, parse_rule
from redline.scenario.numeric import grid
from redline.scenario.rules import to_text

CAP = Path(__file__).parent / "enrichment-cap.yaml"


def cap() -> dict[str, Any]:
    data = load(CAP).to_dict()
    assert len(data["issues"][0]["options"]) == 42  # the grid, checked again when read back
    return data


def problems(data: dict[str, Any]) -> list[tuple[str, str]]:
    with pytest.raises(ScenarioError) as caught:
        load(data)
    return [(p.where, p.message) for p in caught.value.problems]


def test_grid_holds_ends_steps_marks_and_status_quo() -> None:
    scenario = load(CAP)
    enrichment = scenario.issue("enrichment")
    values = scenario.grid_values("enrichment")
    assert values[0] == 0 and values[-1] == 20 and 3.67 in values and 3.5 in values
    assert len(values) == 41 + 1  # every 0.5 from 0 to 20, and the mark 3.67
    assert enrichment.status_quo == "20" and enrichment.unit == "%"
    months = scenario.grid_values("months")
    assert months.tolist() == list(range(6, 61))  # an integer issue: every whole number
    assert len(grid(0, 10_000, integer=True)) <= 101
    assert grid(0, 1).tolist() == pytest.approx(np.linspace(0, 1, 101).tolist())


def test_value_functions_are_interpolated_on_the_grid() -> None:
    scenario = load(CAP)
    usa = scenario.utilities["USA"]
    values = scenario.grid_values("enrichment")
    expected = np.interp(values, [0, 3.67, 20], [1.0, 0.7, 0.0])
    assert np.allclose(usa.values["enrichment"], expected, rtol=0, atol=1e-15)
    assert usa.values["months"][0] == 0 and usa.values["months"][-1] == 1  # linear: [0, 1]
    assert usa.functions["enrichment"][0].tolist() == [0, 3.67, 20]


def test_rules_compare_numbers() -> None:
    scenario = load(CAP)
    values = scenario.grid_values("enrichment")
    allowed = scenario.rules["cap"].allowed[0][1]
    assert {float(values[k]) for k in allowed} == {float(v) for v in values if v <= 3.67}
    months = scenario.grid_values("months")
    allowed = scenario.rules["sunset"].allowed[0][1]
    assert sorted(float(months[k]) for k in allowed) == list(range(12, 25))
    for text in ("enrichment <= 3.67", "months in [12, 24]", "months not in [1.5, 2e1]",
                 "enrichment > -1 and sanctions == 'full'"):
        assert to_text(parse_rule(text)) == text
    data = cap()
    data["red_lines"] = [{"id": "x", "actor": "IRN", "rule": "months not in [12, 24]"},
                         {"id": "y", "actor": "IRN", "rule": "enrichment == '3.67'"}]
    scenario = load(data)
    assert len(scenario.rules["x"].allowed[0][1]) == 55 - 13
    assert [float(scenario.grid_values("enrichment")[k])
            for k in scenario.rules["y"].allowed[0][1]] == [3.67]


def test_mistakes_get_located_errors() -> None:
    data = cap()
    data["issues"][0]["range"] = [5, 5]
    assert problems(data) == [("issues[0]", "range needs low < high, got [5, 5]")]
    data = cap()
    data["issues"][0]["status_quo"] = 40
    assert "status_quo 40 lies outside the range [0, 20]" in problems(data)[0][1]
    data = cap()
    data["issues"][1]["step"] = 1.5
    assert "whole-number step" in problems(data)[0][1]
    data = cap()
    data["issues"][2]["unit"] = "%"
    assert problems(data)[0][0] == "issues[2]"
    data = cap()
    data["preferences"]["USA"]["values"]["enrichment"] = {"points": [[0, 1], [30, 0]]}
    assert problems(data) == [("preferences.USA.values.enrichment.points[1][0]",
                               "x (inside the issue's range) must lie in [0, 20], got 30")]
    data = cap()
    data["preferences"]["USA"]["values"]["enrichment"] = {"points": [[0, 1], [0, 0.5]]}
    assert "does not come after" in problems(data)[0][1]
    data = cap()
    data["preferences"]["USA"]["values"]["enrichment"] = {"linear": [1, 2]}
    assert problems(data)[0][0] == "preferences.USA.values.enrichment.linear[1]"
    data = cap()
    data["preferences"]["USA"]["values"]["enrichment"] = [1, 0]
    assert "is numeric: its values are a function" in problems(data)[0][1]
    data = cap()
    data["preferences"]["USA"]["values"]["sanctions"] = {"linear": [1, 0]}
    assert "has options, not a range" in problems(data)[0][1]
    data = cap()
    data["red_lines"][0]["rule"] = "sanctions <= 2"
    assert "quote an option" in problems(data)[0][1]
    data = cap()
    data["red_lines"][0]["rule"] = "enrichment <= 'low'"
    assert "compare it with a number" in problems(data)[0][1]
    data = cap()
    data["red_lines"][0]["rule"] = "months in [24, 12]"
    assert "is empty" in problems(data)[0][1]
    data = cap()
    del data["issues"][2]["options"]
    assert problems(data) == [("issues[2]", "give options (at least two labels, in order) or a "
                                            "range [low, high] for a numeric issue")]
    data = cap()
    data["issues"][0]["step"] = 1  # written options are the grid again, from the new step
    assert load(data).grid_values("enrichment").tolist()[:6] == [0, 1, 2, 3, 3.67, 4]


def test_round_trip_through_plain_data() -> None:
    scenario = load(CAP)
    again = load(scenario.to_dict())
    assert again.to_dict() == scenario.to_dict()
    assert again.issue("enrichment").options == scenario.issue("enrichment").options


def _continuous_utility(scenario: Scenario, party: str, x: dict[str, float], quo: int) -> float:
    utility = scenario.utilities[party]
    total = utility.weights["sanctions"] * utility.values["sanctions"][quo]
    for issue, value in x.items():
        total += utility.weights[issue] * float(np.interp(value, *utility.functions[issue]))
    return total


@settings(max_examples=60, deadline=None)
@given(st.floats(0, 20), st.floats(6, 60), st.sampled_from([0.25, 0.5, 2.0, 5.0]))
def test_grid_error_bounds_the_loss_to_the_nearest_grid_point(e: float, m: float,
                                                               step: float) -> None:
    data = cap()
    data["issues"][0]["step"] = step
    data["issues"][0].pop("marks")
    data["issues"][1]["step"] = 4
    scenario = load(data)
    bound = scenario.grid_errors()
    for point in ({"enrichment": e, "months": m},):
        snapped = {i: float(scenario.grid_values(i)[np.abs(scenario.grid_values(i) - x).argmin()])
                   for i, x in point.items()}
        for party in scenario.parties:
            loss = abs(_continuous_utility(scenario, party, point, 1)
                       - _continuous_utility(scenario, party, snapped, 1))
            assert loss <= bound[party] + 1e-12
    assert bound["USA"] > 0


COMMANDS = [
    ["analyze"], ["agendas", "--top", "3"], ["explain"], ["compare", "--event", "pressure"],
    ["montecarlo", "--runs", "40", "--seed", "1"], ["brief"], ["thresholds"],
    ["forecast", "--model", "compromise"],
    ["simulate", "--runs", "20", "--seed", "1"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_every_enumerating_engine_answers_and_states_the_grid(command: list[str]) -> None:
    result = CliRunner().invoke(app, [command[0], str(CAP), *command[1:], "--format", "json"])
    assert result.exit_code == 0, result.output
    answer = json.loads(result.output)
    blocks = _situations(answer)
    assert blocks, f"{command[0]} gives no situation block"
    numbers = blocks[0]["numbers"]
    assert numbers["issues"]["enrichment"]["points"] == 42
    assert numbers["grid_error"]["USA"] > 0 and numbers["issues"]["months"]["max_gap"] == 1


def _situations(answer: Any) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    if isinstance(answer, dict):
        if isinstance(answer.get("situation"), dict) and "agenda" in answer["situation"]:
            found.append(answer["situation"])
        for value in answer.values():
            found += _situations(value)
    elif isinstance(answer, list):
        for value in answer:
            found += _situations(value)
    return found


def test_report_answers_on_a_numeric_scenario(tmp_path: Path) -> None:
    target = tmp_path / "cap.html"
    result = CliRunner().invoke(app, ["report", str(CAP), "-o", str(target)])
    assert result.exit_code == 0, result.output
    html = target.read_text()
    assert "Enrichment level" in html or "enrichment" in html
    assert "3.67" in html  # the capped level appears as a number


def test_forecasts_place_numbers_in_proportion_and_report_them_unsnapped() -> None:
    from redline.forecast import forecast_situation
    from redline.scenario import situation
    from redline.scenario.situation import issue_scale

    scenario = load(Path(__file__).resolve().parents[2] / "examples" / "us-iran-enrichment.yaml")
    enrichment = scenario.issue("enrichment")
    scale = issue_scale(enrichment)
    assert scale[enrichment.options.index("3.67")] == pytest.approx(3.67 / 60 * 100)
    assert scale[enrichment.options.index("4")] == pytest.approx(4 / 60 * 100)  # not by rank
    result = forecast_situation(situation(scenario, ["enrichment", "sanctions"]), "compromise")
    k = result.forecast.issues.index("enrichment")
    number = result.numbers()["enrichment"]
    assert number == pytest.approx(float(result.forecast.outcome[k]) * 60 / 100, abs=1e-8)
    grid = scenario.grid_values("enrichment")
    snapped = float(result.labels()["enrichment"])
    assert snapped == grid[np.abs(grid - number).argmin()]
    assert "numbers" in result.to_dict() and "sanctions" not in result.numbers()
    text = CliRunner().invoke(app, ["forecast", str(Path(__file__).resolve().parents[2] /
                                                    "examples" / "us-iran-enrichment.yaml"),
                                        "--agenda", "enrichment,sanctions"]).stdout
    assert f"{number:.4g} (grid {result.labels()['enrichment']})" in text  # the number, said


def test_a_step_value_function_loses_at_most_its_height_to_the_grid() -> None:
    # Breakpoints closer than a float division can span: the slope is infinite (no overflow
    # warning), and the grid can cost at most the step's height, not infinity.
    import warnings

    from redline.scenario.numeric import grid_error, max_slope

    xs, vs = np.array([0.0, 5e-324, 1.0]), np.array([0.0, 0.8, 0.8])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert max_slope(xs, vs) == np.inf
        assert grid_error({"i": 0.5}, {"i": (xs, vs)}, {"i": 0.25}) == pytest.approx(0.4)
        assert grid_error({"i": 0.5}, {"i": (xs, vs)}, {"i": 0.0}) == 0.0  # no gap: no loss
        flat = (np.array([0.0, 0.0, 1.0]), np.array([0.3, 0.3, 0.3]))  # repeated breakpoint
        assert max_slope(*flat) == 0.0
