"""Break-even values against brute force: the engine re-run on a fine grid of each parameter."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings

import redline
from redline.scenario.settings import SettingError, parse_setting, with_setting
from redline.space.explain import explain
from redline.space.thresholds import thresholds, verdict_of
from tests.core.random_scenarios import documents

NUCLEAR = ["enrichment", "inspections", "stockpile", "sanctions"]
STEP = 1e-7  # how far past a break-even value the brute force looks


def off_grid(document):
    """Shift reservations off the values' grid: no party gets *exactly* its reservation (a
    knife-edge the module documents as not tracked)."""
    for preference in document["preferences"].values():
        preference["reservation"] = preference["reservation"] + 0.0137
    return document


def state(scenario, name, value, agenda=None):
    return verdict_of(with_setting(scenario, parse_setting(scenario, name), value), agenda)


def assert_only_the_ends_change(state, scenario, item, here, grid, ties=()):
    """Against brute force (`state(scenario, parameter, value)`): on the grid nothing changes
    strictly inside (lower, upper), except at the values in `ties`, and something changes just
    past each finite end inside [0, 1]."""
    lower = -1.0 if item.lower is None else item.lower
    upper = 2.0 if item.upper is None else item.upper
    for t in grid:
        if any(abs(t - v) < 1e-9 for v in ties):
            continue
        if lower + STEP < t < upper - STEP:
            assert state(scenario, item.parameter, float(t)) == here, (item, t)
    if item.upper is not None and item.upper + STEP <= 1.0:
        assert state(scenario, item.parameter, item.upper + STEP) != here, item
    if item.lower is not None and item.lower - STEP >= 0.0:
        assert state(scenario, item.parameter, item.lower - STEP) != here, item


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(issues=(1, 3), options=(2, 3)))
def test_reservation_break_even_opens_and_closes_the_zopa(document):
    scenario = redline.load(off_grid(document))
    result = thresholds(scenario)
    for item in result.items:
        if not item.parameter.endswith(".reservation") or item.threshold is None:
            continue
        below = state(scenario, item.parameter, max(0.0, item.threshold - STEP))[0]
        assert below == "a deal", item
        if item.threshold + STEP <= 1.0:
            assert state(scenario, item.parameter, item.threshold + STEP)[0] == "no deal", item
    for item in result.items:
        if item.parameter.endswith(".reservation") and item.threshold is None:
            assert state(scenario, item.parameter, 0.0)[0] != "a deal", item


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(issues=(1, 3), options=(2, 3)))
def test_weight_break_even_matches_a_fine_sweep(document):
    scenario = redline.load(off_grid(document))
    result = thresholds(scenario)
    grid = np.linspace(0.0, 1.0, 41)
    for item in result.items:
        if ".weights." not in item.parameter:
            continue
        here = state(scenario, item.parameter, item.current)
        assert here == (result.verdict, result.nash)
        assert_only_the_ends_change(state, scenario, item, here, grid)
        assert item.threshold in (item.lower, item.upper)


def test_us_iran_break_even_values(examples):
    scenario = redline.load(examples / "us-iran-2026.yaml")
    result = thresholds(scenario, NUCLEAR)
    by_name = {t.parameter: t for t in result.items}
    explained = explain(scenario, NUCLEAR)
    for party in ("USA", "IRN"):  # the reservation break-even is explain's headroom above d
        item = by_name[f"{party}.reservation"]
        assert item.threshold == pytest.approx(item.current + explained.headroom[party])
    assert result.verdict == "a deal" and result.nash["enrichment"] == "cap-3.67pct"


def test_full_agenda_has_no_break_even_because_there_are_no_talks(examples):
    result = thresholds(redline.load(examples / "us-iran-2026.yaml"))
    assert result.verdict == "no talks"
    assert all(t.threshold is None and "no talks" in t.effect for t in result.items)


def test_an_unknown_setting_names_the_fix(examples):
    scenario = redline.load(examples / "us-iran-2026.yaml")
    with pytest.raises(SettingError, match="ACTOR.weights.ISSUE"):
        parse_setting(scenario, "USA.weight.missiles")
    with pytest.raises(SettingError, match="unknown issue 'rockets'"):
        parse_setting(scenario, "USA.weights.rockets")
