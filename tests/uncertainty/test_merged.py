"""The batched merge (spaces above the batch limit) gives the per-draw records bit for bit.

The reference is the per-draw path: realise one scenario, apply pressure, `analyze` (which merges
the issues' frontiers above 65,536 packages and enumerates below; the frontier is the same).
Compared on the 10^20-package example with both parties' weights and the red lines' credibility
drawn, and on the generated scenarios of test_batched with the batch limit lowered so that the
merge runs on them (events, influence, refusals, two and three parties).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pytest
import yaml
from tests.uncertainty.test_batched import generated, symmetric

from redline.scenario import load
from redline.scenario.sampling import parameters
from redline.uncertainty import Bargaining, bargaining, merged, montecarlo, run, summarise
from redline.uncertainty.montecarlo import evaluate_points


def many_issues(examples: Any, uncertain: int = 20) -> Any:
    """examples/many-issues-20.yaml with both parties' first `uncertain` weights drawn (±30 %)
    and its red lines' credibility 0.7 (each binds in 70 % of draws)."""
    document = yaml.safe_load((examples / "many-issues-20.yaml").read_text(encoding="utf-8"))
    for party in ("P1", "P2"):
        weights = document["preferences"][party]["weights"]
        for issue in list(weights)[:uncertain]:
            w = float(weights[issue])
            weights[issue] = {"low": round(0.7 * w, 4), "mode": w, "high": round(1.3 * w, 4)}
    for red in document["red_lines"]:
        red["credibility"] = 0.7
    return load(document)


def compare(scenario: Any, measure: Bargaining, points: np.ndarray) -> list[dict[str, Any]]:
    params = parameters(scenario)
    prepared = measure.prepare(params)
    assert prepared is not None and prepared.method == "batched merge"
    seed = np.random.SeedSequence(0)
    reference = [r for _, r in evaluate_points(params, measure, [(p, seed) for p in points])]
    batched = prepared.records(points)
    for k, (want, got) in enumerate(zip(reference, batched, strict=True)):
        assert got == want, f"draw {k}: batched merge {got} != per-draw {want}"
    return reference


def test_merged_records_on_twenty_issues_with_both_parties_uncertain(examples):
    scenario = many_issues(examples)
    points = np.random.default_rng(5).random((40, len(parameters(scenario))))
    records = compare(scenario, Bargaining(), points)
    assert sum(r["zopa"] for r in records) >= 20
    assert len({str(r["nash"]) for r in records}) > 5  # the deal moves with the draws
    assert len({r["joint_gain"] for r in records}) > 10


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("parties", [2, 3])
def test_merged_records_equal_the_per_draw_records(seed, parties, monkeypatch):
    monkeypatch.setattr(bargaining, "ENUMERATE_UP_TO", 4)  # merge even these small spaces
    scenario = generated(seed, parties)
    points = np.random.default_rng(seed).random((50, len(parameters(scenario))))
    points[:5] = parameters(scenario).modes()
    for agenda, events, edges in ((None, (), ()), (("i0", "i1"), ("e0",), ("S:P0:i2",)),
                                  (None, ("e0", "e1"), ("S:P0:i2", "P0:P1:i0"))):
        compare(scenario, Bargaining(agenda, events, edges), points)


def test_a_merge_beyond_the_batch_bounds_goes_draw_by_draw_and_is_tried_once(examples,
                                                                             monkeypatch):
    # After one block beyond the bounds the rest of the chunk goes draw by draw: the batched
    # merge is not tried again on every block (each try costs a merge of 64 draws).
    scenario = many_issues(examples, 3)
    points = np.random.default_rng(7).random((150, len(parameters(scenario))))
    prepared = Bargaining().prepare(parameters(scenario))
    assert prepared is not None
    calls, tries = [], []
    per_draw, real = prepared.per_draw, bargaining.evaluate_merged
    monkeypatch.setattr(merged, "MERGE_CELLS", 10)
    monkeypatch.setattr(type(prepared), "per_draw",
                        lambda self, p: calls.append(len(p)) or per_draw(p))
    monkeypatch.setattr(bargaining, "evaluate_merged",
                        lambda table, numbers: tries.append(1) or real(table, numbers))
    compare(scenario, Bargaining(), points)
    assert sum(calls) == len(points) and len(tries) == 1  # three blocks of 64 at most


def test_montecarlo_merges_and_streams_the_per_draw_summary(examples):
    scenario = many_issues(examples, 4)
    report = montecarlo(scenario, 48, 9, sobol_samples=0, chunk=16)
    assert report.parameters["evaluation"] == "batched merge"
    reference = summarise(run(scenario, Bargaining(), 48, 9), scenario.parties)
    assert report.summary == reference


def test_ties_are_broken_in_outcome_number_order(monkeypatch):
    """Symmetric values: many packages tie on the Nash product and on KS; the per-draw path
    takes the first in outcome-number order, and so must the merge (whose red line links x and
    z into one block, merged before y: an order other than the outcomes')."""
    monkeypatch.setattr(bargaining, "ENUMERATE_UP_TO", 4)
    scenario = load({**symmetric(),
                     "red_lines": [{"id": "xz", "actor": "A", "rule": "x != 'c' or z != 'a'"}]})
    points = np.random.default_rng(2).random((80, 2))
    records = compare(scenario, Bargaining(), points)
    assert len({str(r["nash"]) for r in records if r["nash"]}) > 1


def test_the_merge_gives_the_same_numbers_on_every_engine_and_chunk(examples):
    scenario = many_issues(examples, 3)
    local = montecarlo(scenario, 40, 2, sobol_samples=0, chunk=40).summary
    assert montecarlo(scenario, 40, 2, sobol_samples=0, chunk=7).summary == local
    processes = montecarlo(scenario, 40, 2, "processes", workers=2, sobol_samples=0, chunk=10)
    assert processes.summary == local
