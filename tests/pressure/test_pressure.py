"""Events and influence as pure transformations, their documented rules, and `compare`."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from redline.scenario import load
from redline.scenario.pressure import (
    PressureError,
    apply_event,
    apply_influence,
    apply_pressure,
    select_events,
    select_influence,
)
from redline.space.compare import compare

NO_MISSILES = ["enrichment", "inspections", "stockpile", "sanctions"]


def scenario_with(events: list[dict[str, Any]], influence: list[dict[str, Any]] | None = None,
                  weights: dict[str, float] | None = None) -> Any:
    pref = {"weights": weights or {"x": 0.5, "y": 0.3, "z": 0.2},
            "values": {i: [0, 1] for i in "xyz"}, "reservation": 0.5}
    return load({
        "format": "redline/1", "title": "pressure",
        "actors": [{"id": "P", "name": "P", "role": "party"},
                   {"id": "Q", "name": "Q", "role": "party"},
                   {"id": "S", "name": "S", "role": "stakeholder"},
                   {"id": "N", "name": "N", "role": "stakeholder"}],
        "issues": [{"id": i, "name": i, "options": ["no", "yes"], "status_quo": "no"}
                   for i in "xyz"],
        "preferences": {"P": pref, "Q": pref,
                        "S": {**pref, "weights": {"x": 0.9, "y": 0.05, "z": 0.05}}},
        "events": events,
        "influence": influence or [],
    })


def test_reservation_shift_is_clipped_to_the_unit_interval():
    scenario = scenario_with([
        {"id": "down", "description": "d", "effects": [{"actor": "P", "reservation": -0.7}]},
        {"id": "up", "description": "u", "effects": [{"actor": "P", "reservation": 0.9}]},
        {"id": "small", "description": "s", "effects": [{"actor": "P", "reservation": -0.2}]},
    ])
    assert apply_event(scenario, "down").utilities["P"].reservation == 0.0
    assert apply_event(scenario, "up").utilities["P"].reservation == 1.0
    assert apply_event(scenario, "small").utilities["P"].reservation == pytest.approx(0.3)
    assert scenario.utilities["P"].reservation == 0.5  # the original is untouched


def test_weight_shift_then_renormalise():
    scenario = scenario_with([{"id": "e", "description": "e", "effects": [
        {"actor": "P", "weights": {"x": 0.2, "z": -0.5}}]}])
    weights = apply_event(scenario, "e").utilities["P"].weights
    # x: 0.7, y: 0.3, z: max(0, -0.3) = 0; total 1.0.
    assert weights == {"x": pytest.approx(0.7), "y": pytest.approx(0.3), "z": 0.0}
    other = scenario_with([{"id": "e", "description": "e", "effects": [
        {"actor": "P", "weights": {"y": 0.2}}]}])
    moved = apply_event(other, "e").utilities["P"].weights
    assert moved == {"x": pytest.approx(0.5 / 1.2), "y": pytest.approx(0.5 / 1.2),
                     "z": pytest.approx(0.2 / 1.2)}


def test_weight_shifts_that_zero_everything_are_an_error():
    scenario = scenario_with([{"id": "e", "description": "e", "effects": [
        {"actor": "P", "weights": {"x": -1.0, "y": -1.0, "z": -1.0}}]}])
    with pytest.raises(PressureError, match="every weight at 0"):
        apply_event(scenario, "e")


def test_influence_moves_the_weight_toward_the_source_and_keeps_proportions():
    edge = {"from": "S", "to": "P", "issue": "x", "strength": 0.5}
    scenario = scenario_with([], [edge])
    weights = apply_influence(scenario, "S:P:x").utilities["P"].weights
    assert weights["x"] == pytest.approx(0.5 + 0.5 * (0.9 - 0.5))
    assert weights["y"] / weights["z"] == pytest.approx(0.3 / 0.2)
    assert sum(weights.values()) == pytest.approx(1.0)
    full = scenario_with([], [{**edge, "strength": 1.0}])
    assert apply_influence(full, "S:P").utilities["P"].weights["x"] == pytest.approx(0.9)
    none = scenario_with([], [{**edge, "strength": 0.0}])
    assert apply_influence(none, "S:P:x").utilities["P"].weights == pytest.approx(
        dict(scenario.utilities["P"].weights))


def test_us_iran_israel_on_missiles(examples):
    scenario = load(examples / "us-iran-2026.yaml")
    after = apply_influence(scenario, "ISR:USA:missiles").utilities["USA"].weights
    assert after["missiles"] == pytest.approx(0.2 + 0.3 * (0.35 - 0.2))
    assert after["enrichment"] == pytest.approx(0.3 * (1 - 0.245) / 0.8)


def test_influence_from_an_actor_without_preferences_is_an_error():
    scenario = scenario_with([], [{"from": "N", "to": "P", "issue": "x", "strength": 0.5}])
    with pytest.raises(PressureError, match="'N' has no preferences"):
        apply_influence(scenario, "N:P:x")


def test_unknown_event_and_edge_are_clear_errors(examples):
    scenario = load(examples / "us-iran-2026.yaml")
    with pytest.raises(PressureError, match="unknown event 'blockade'.*naval-buildup"):
        select_events(scenario, "naval-buildup,blockade")
    with pytest.raises(PressureError, match="unknown influence edge.*ISR:USA:missiles"):
        select_influence(scenario, "OMN:USA:missiles")


def test_event_selection(examples):
    scenario = load(examples / "us-iran-2026.yaml")
    assert select_events(scenario, None) == ("naval-buildup",)  # active events by default
    assert select_events(scenario, "none") == ()
    assert select_influence(scenario, None) == ()  # influence only on request
    assert select_influence(scenario, "all") == ("ISR:USA:missiles",)


@settings(max_examples=50, deadline=None)
@given(shifts=st.dictionaries(st.sampled_from("xyz"), st.floats(-1, 1), min_size=1))
def test_weights_stay_a_distribution(shifts):
    scenario = scenario_with([{"id": "e", "description": "e",
                               "effects": [{"actor": "P", "weights": shifts}]}])
    try:
        weights = apply_event(scenario, "e").utilities["P"].weights
    except PressureError:
        assert all(w + shifts.get(k, 0.0) <= 0
                   for k, w in scenario.utilities["P"].weights.items())
        return
    assert sum(weights.values()) == pytest.approx(1.0)
    assert all(w >= 0 for w in weights.values())


def test_compare_naval_buildup_widens_the_zopa(examples):
    scenario = load(examples / "us-iran-2026.yaml")
    pressure = apply_pressure(scenario, ["naval-buildup"])
    assert pressure.changes == {"USA": {"reservation": [0.3, pytest.approx(0.25)]},
                                "IRN": {"reservation": [0.5, pytest.approx(0.4)]}}
    result = compare(scenario, pressure.scenario, NO_MISSILES).to_dict()
    assert result["before"]["zopa_size"] == 46 and result["after"]["zopa_size"] == 48
    assert result["delta"]["moved"] == {}
    assert result["delta"]["gain"] == {"USA": pytest.approx(0.05), "IRN": pytest.approx(0.1)}
    assert result["delta"]["gainers"] == []


def test_compare_israeli_influence_costs_washington(examples):
    scenario = load(examples / "us-iran-2026.yaml")
    after = apply_pressure(scenario, (), ["ISR:USA:missiles"]).scenario
    delta = compare(scenario, after, NO_MISSILES).to_dict()["delta"]
    # Missiles stay at no-limits off the table, so a US that cares more about them values the
    # same Nash package less: 0.61 * (1 - 0.245) / 0.8.
    assert delta["utility"]["USA"] == pytest.approx(0.61 * 0.755 / 0.8 - 0.61)
    assert delta["utility"]["IRN"] == pytest.approx(0.0)
