"""Tornado and Sobol indices pick out the parameter that matters, and nothing else."""

from __future__ import annotations

from typing import Any

import pytest

from redline.scenario import load
from redline.uncertainty import SensitivityError, montecarlo


def threshold() -> Any:
    """A deal exists iff P's reservation is at most 0.5; Q's uncertain reservation never matters."""
    return load({
        "format": "redline/1", "title": "threshold",
        "actors": [{"id": "P", "name": "P", "role": "party"},
                   {"id": "Q", "name": "Q", "role": "party"}],
        "issues": [{"id": "x", "name": "x", "options": ["a", "b"], "status_quo": "a"}],
        "preferences": {
            "P": {"weights": {"x": 1}, "values": {"x": [0, 0.5]},
                  "reservation": {"low": 0.3, "mode": 0.5, "high": 0.7}},
            "Q": {"weights": {"x": 1}, "values": {"x": [1, 1]},
                  "reservation": {"low": 0.0, "mode": 0.1, "high": 0.2}},
        },
    })


def test_tornado_and_sobol_single_out_the_deciding_parameter():
    data = montecarlo(threshold(), runs=200, seed=4, sobol_samples=256).to_dict()
    rows = {r["parameter"]: r for r in data["sensitivity"]}
    p, q = rows["preferences.P.reservation"], rows["preferences.Q.reservation"]
    assert data["sensitivity"][0]["parameter"] == "preferences.P.reservation"
    assert (p["low"], p["high"], p["swing"]) == (1.0, 0.0, 1.0)
    assert q["swing"] == 0.0
    assert p["ST"] > 0.8 and p["S1"] > 0.8
    assert abs(q["ST"]) < 0.05
    # P(ZOPA) = P(reservation <= 0.5) = F(mode) of the triangular = 0.5.
    assert data["p_zopa"] == pytest.approx(0.5, abs=4 * (0.25 / 200) ** 0.5)


def test_sobol_sample_size_must_be_a_power_of_two():
    with pytest.raises(SensitivityError, match="power of 2"):
        montecarlo(threshold(), runs=10, seed=1, sobol_samples=100)


def test_same_seed_same_sensitivity():
    a = montecarlo(threshold(), runs=20, seed=8, sobol_samples=64).to_dict()
    b = montecarlo(threshold(), runs=20, seed=8, sobol_samples=64).to_dict()
    assert a["sensitivity"] == b["sensitivity"]
