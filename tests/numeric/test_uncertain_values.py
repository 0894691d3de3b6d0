"""Uncertain values of a numeric issue's value function: written {low, mode, high}, analysed at
the mode, drawn by Monte Carlo (the per-draw path, which recompiles the drawn party's table)."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import yaml

from redline.errors import ScenarioError
from redline.scenario import load
from redline.scenario.sampling import parameters, realise, triangular_quantile
from redline.space import analyze
from redline.space.continuous import exact_bargaining
from redline.uncertainty import montecarlo
from redline.uncertainty.drawn import supported

CAP = Path(__file__).parent / "enrichment-cap.yaml"
LOW, MODE, HIGH = 0.1, 0.6, 0.9
NAME = "preferences.IRN.values.enrichment.points.1.1"


def written(value: Any = MODE) -> dict[str, Any]:
    """enrichment-cap without its event, Iran's no-deal value at 0.7 (a deal needs Iran's value
    of 3.67% above about 0.3), and Iran's value at 3.67% given as `value`."""
    data = yaml.safe_load(CAP.read_text(encoding="utf-8"))
    data["events"] = []
    data["preferences"]["IRN"]["reservation"] = 0.7
    data["preferences"]["IRN"]["values"]["enrichment"]["points"][1][1] = value
    return data


def uncertain() -> dict[str, Any]:
    return written({"low": LOW, "mode": MODE, "high": HIGH})


def test_the_value_is_a_parameter_with_a_readable_name_and_the_batch_steps_aside():
    params = parameters(load(uncertain()))
    assert params.names == (NAME,)
    assert params.items[0].path == ("preferences", "IRN", "values", "enrichment", "points", 1, 1)
    assert not supported(params)  # its grid table is an interpolation: drawn draw by draw
    assert supported(parameters(load(written())))


@pytest.mark.parametrize("q", [0.0, 0.2, 0.9, 1.0])
def test_realise_puts_the_quantile_into_the_compiled_value_table(q):
    scenario = load(uncertain())
    drawn = realise(parameters(scenario), [q])
    v = triangular_quantile(LOW, MODE, HIGH, q)
    point = drawn.document.preferences["IRN"].values["enrichment"].points[1]
    assert point == (3.67, v)
    utility = drawn.utilities["IRN"]
    xs, vs = utility.functions["enrichment"]
    assert list(xs) == [0.0, 3.67, 20.0] and list(vs) == [0.0, v, 1.0]
    options = [o.id if hasattr(o, "id") else o for o in drawn.issues[0].options]
    table = utility.values["enrichment"]
    # by hand: straight lines from (0, 0) to (3.67, v) to (20, 1)
    assert table[options.index("2")] == pytest.approx(v * 2 / 3.67, abs=1e-12)
    assert table[options.index("10")] == pytest.approx(v + (1 - v) * (10 - 3.67) / (20 - 3.67),
                                                       abs=1e-12)
    # the USA's utility is untouched; Iran's utility of a package moves with v
    assert drawn.utilities["USA"] is scenario.utilities["USA"]


def test_linear_ends_may_be_uncertain_too():
    data = uncertain()
    data["preferences"]["USA"]["values"]["months"]["linear"] = [
        0, {"low": 0.5, "mode": 1, "high": 1}]
    params = parameters(load(data))
    assert params.names == ("preferences.USA.values.months.linear.1", NAME)
    drawn = realise(params, [0.0, 0.5])
    assert list(drawn.utilities["USA"].functions["months"][1]) == [0.0, 0.5]


def test_the_scenario_as_written_analyses_exactly_as_with_the_plain_mode():
    fixed, spread = load(written()), load(uncertain())
    for scenario in (fixed, spread):
        assert scenario.utilities["IRN"].functions["enrichment"][1].tolist() == [0.0, MODE, 1.0]
    assert analyze(spread).to_dict() == analyze(fixed).to_dict()
    assert exact_bargaining(spread).to_dict() == exact_bargaining(fixed).to_dict()


def test_montecarlo_draws_the_value_reproducibly_and_it_matters():
    fixed = montecarlo(load(written()), 200, 11, sobol_samples=0)
    first = montecarlo(load(uncertain()), 200, 11, sobol_samples=0)
    again = montecarlo(load(uncertain()), 200, 11, sobol_samples=0)
    assert first.to_dict() == again.to_dict()
    assert first.parameters["evaluation"] == "per-draw"
    assert fixed.summary["p_zopa"] == 1.0
    # Iran's best package within the red lines (3.67%, 12 months, full relief) is worth
    # 0.4 v + 0.2 (1 - 6/54) + 0.4 to it: no deal when that is below its 0.7, i.e. v < cut,
    # whose probability under the triangular is F(cut) = (cut - low)^2 / ((high - low)(mode - low))
    cut = (0.7 - 0.2 * (1 - 6 / 54) - 0.4) / 0.4
    expected = (cut - LOW) ** 2 / ((HIGH - LOW) * (MODE - LOW))
    assert 0.0 < first.summary["p_zopa"] < 1.0
    assert first.summary["p_zopa"] == pytest.approx(1 - expected,
                                                    abs=4 * np.sqrt(0.1 * 0.9 / 200))
    assert first.summary["nash_options"] != fixed.summary["nash_options"]
    assert [r["parameter"] for r in first.sensitivity] == [NAME]
    assert first.sensitivity[0]["swing"] > 0


def test_an_uncertain_value_out_of_range_or_an_uncertain_x_is_refused():
    bad = written({"low": -0.1, "mode": 0.6, "high": 0.9})
    with pytest.raises(ScenarioError) as info:
        load(bad)
    assert any(p.where == "preferences.IRN.values.enrichment.points[1][1]"
               and "must lie in [0, 1]" in p.message for p in info.value.problems), str(info.value)
    data = copy.deepcopy(written())
    data["preferences"]["IRN"]["values"]["enrichment"]["points"][1][0] = {
        "low": 3, "mode": 3.67, "high": 4}
    with pytest.raises(ScenarioError):
        load(data)
