"""Any forecasting model as a Monte Carlo measure (the uncertainty layer wraps it)."""

from __future__ import annotations

import pickle

import numpy as np
import pytest
import yaml

from redline.errors import RedlineError
from redline.forecast import ForecastMeasure, forecast, from_scenario
from redline.scenario import load
from redline.uncertainty.montecarlo import run


def test_measure_matches_the_model_and_pickles(examples):
    scenario = load(examples / "us-iran-2026.yaml")
    measure = ForecastMeasure("nash", (("utility", "quadratic"),))
    record = measure(scenario, np.random.default_rng(0))
    expected = forecast(from_scenario(scenario), "nash", utility="quadratic").by_issue()
    assert record == expected
    assert pickle.loads(pickle.dumps(measure)) == measure
    with pytest.raises(RedlineError, match="unknown model"):
        ForecastMeasure("nope")


def test_monte_carlo_over_a_forecast_is_seeded(examples):
    document = yaml.safe_load((examples / "us-iran-2026.yaml").read_text(encoding="utf-8"))
    document["actors"][1]["power"] = {"low": 0.2, "mode": 0.5, "high": 0.9}  # Iran's clout
    scenario = load(document)
    measure = ForecastMeasure("compromise")
    one = run(scenario, measure, runs=20, seed=7)
    two = run(scenario, measure, runs=20, seed=7)
    assert one.records == two.records
    sanctions = one.column("sanctions")
    assert np.all((sanctions >= 0) & (sanctions <= 100))
    # Iran's drawn capability moves the forecast toward its position (100 on sanctions)
    power = one.points[:, one.parameters.names.index("actors.IRN.power")]
    assert np.ptp(sanctions) > 0
    assert np.corrcoef(power, sanctions)[0, 1] > 0.9
