"""The batched sweep gives the exact per-step sweep, step for step.

The reference is `redline.space.sweep`: `analyze` re-run on the scenario with the setting at each
step. Compared on every example (each reservation, weights, each red line's credibility with and
without the cutoff, under agendas and with events and influence applied) and on random scenarios.
"""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.core.random_scenarios import documents
from tests.uncertainty.test_batched import generated

import redline
from redline.scenario import load, situation
from redline.space import outcome_space
from redline.space import sweep as per_step
from redline.uncertainty import sweep
from redline.uncertainty import sweeps as sweeps_module
from redline.uncertainty.batched import BATCH_LIMIT

NUCLEAR = ("enrichment", "inspections", "stockpile", "sanctions")


def settings_of(scenario: Any) -> list[str]:
    names = [f"{p}.reservation" for p in scenario.parties]
    if len(scenario.issue_ids) > 1:
        names += [f"{p}.weights.{i}" for p in scenario.parties[:3] for i in scenario.issue_ids]
    return names + [f"{r.id}.credibility" for r in scenario.red_lines]


def same(subject: Any, name: str, start: float = 0.0, stop: float = 1.0, steps: int = 21,
         **options: Any) -> dict[str, Any]:
    """Both sweeps, asserted equal but for the engine each records; the batched one's dict."""
    fast = sweep(subject, name, start, stop, steps, **options).to_dict()
    slow = per_step(subject, name, start, stop, steps, **options).to_dict()
    assert fast["parameters"].pop("engine") == "batched", name
    assert slow["parameters"].pop("engine") == "per step"
    for k, (got, want) in enumerate(zip(fast["steps"], slow["steps"], strict=True)):
        assert got == want, f"{name} step {k}: batched {got} != per step {want}"
    assert fast == slow
    return fast


def situations(examples: Any) -> list[Any]:
    iran = load(examples / "us-iran-2026.yaml")
    found = [situation(iran, NUCLEAR), situation(iran, NUCLEAR, events="all", influence="all"),
             situation(iran, ["enrichment", "missiles", "sanctions"])]
    for name in ("divide-the-dollar", "logrolling", "coalition-budget", "eu-council-qmv"):
        found.append(situation(load(examples / f"{name}.yaml")))
    return found


def test_sweeps_of_the_examples_equal_the_per_step_sweeps(examples):
    changing = 0
    for current in situations(examples):
        if not current.scenario.voting_game().is_unanimity:
            continue  # a vote: tests/coalitions/test_rule_sweep.py
        assert outcome_space(current.scenario, current.agenda).size <= BATCH_LIMIT
        for name in settings_of(current.scenario):
            data = same(current, name)
            changing += len({(s["verdict"], str(s["nash"])) for s in data["steps"]}) > 1
            if name.endswith(".credibility"):
                same(current, name, 0.9, 0.1, 9, credibility_cutoff=None)
                same(current, name, 0.2, 0.8, 7, credibility_cutoff=0.35)
    assert changing >= 10  # the comparison saw answers change along the sweeps


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(red_lines=(0, 3)), st.data())
def test_random_sweeps_equal_the_per_step_sweeps(document, data):
    scenario = redline.load(document)
    name = data.draw(st.sampled_from(settings_of(scenario)))
    start, stop = sorted(data.draw(st.lists(st.floats(0.0, 1.0), min_size=2, max_size=2)))
    steps = data.draw(st.integers(2, 30))
    same(scenario, name, start, stop, steps)


@pytest.mark.parametrize("seed", range(4))
def test_sweeps_after_events_and_influence_equal_the_per_step_sweeps(seed):
    """Pressure moves the compiled weights away from the written ones (the integer grid then
    uses the normalised weights), agenda refusals stop the talks at some steps."""
    scenario = generated(seed, 3)
    for current in (situation(scenario, events="all", influence="all"),
                    situation(scenario, ["i0", "i1"], events="e0", influence="none")):
        for name in settings_of(current.scenario):
            same(current, name, 0.0, 1.0, 11)


def test_spaces_beyond_the_batch_limit_go_step_by_step(examples, monkeypatch):
    current = situation(load(examples / "us-iran-2026.yaml"), NUCLEAR)
    monkeypatch.setattr(sweeps_module, "BATCH_LIMIT", 100)  # the nuclear agenda has 192
    fast = sweep(current, "IRN.reservation", 0.0, 1.0, 5).to_dict()
    assert fast["parameters"]["engine"] == "per step"
    assert fast == per_step(current, "IRN.reservation", 0.0, 1.0, 5).to_dict()


def test_a_bad_setting_or_step_count_is_refused_as_the_per_step_sweep_refuses_it(examples):
    current = situation(load(examples / "logrolling.yaml"))
    for args in (("CAND.reservation", 0.0, 1.0, 1), ("CAND.reservation", 0.0, 1.5, 5),
                 ("nobody.reservation", 0.0, 1.0, 5)):
        with pytest.raises(redline.RedlineError) as batched_error:
            sweep(current, *args)
        with pytest.raises(redline.RedlineError) as exact_error:
            per_step(current, *args)
        assert str(batched_error.value) == str(exact_error.value)
        assert type(batched_error.value) is type(exact_error.value)


def test_steps_are_blocks_of_the_engine(examples, monkeypatch):
    """Small blocks (several evaluate calls) give the same sweep as one block."""
    current = situation(load(examples / "us-iran-2026.yaml"), NUCLEAR)
    whole = sweep(current, "USA.weights.sanctions", 0.0, 1.0, 41).to_dict()
    monkeypatch.setattr(sweeps_module.OutcomeTable, "block", lambda self: 3)
    assert sweep(current, "USA.weights.sanctions", 0.0, 1.0, 41).to_dict() == whole
    assert len({str(s["nash"]) for s in whole["steps"]}) > 1
