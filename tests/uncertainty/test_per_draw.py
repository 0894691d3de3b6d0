"""The per-draw path (and the per-step sweep) skip finding which red lines bind: the analysis is
otherwise the same, on the enumeration path and on the merge path."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from tests.core.random_scenarios import documents

import redline
from redline.scenario import load, situation
from redline.space import analyze

NUCLEAR = ("enrichment", "inspections", "stockpile", "sanctions")


def same_but_binding(subject, agenda=None, **options):
    full = analyze(subject, agenda, **options).to_dict()
    light = analyze(subject, agenda, binding=False, **options).to_dict()
    assert light["parameters"].pop("binding") is False
    refusals = sorted({r["red_line"] for r in full["refused_by"]})
    assert light.pop("binding_red_lines") == refusals  # those cost nothing
    full.pop("binding_red_lines")
    assert light == full
    return full


def test_skipping_binding_keeps_every_other_answer_on_the_examples(examples):
    iran = load(examples / "us-iran-2026.yaml")
    for subject, agenda in ((situation(iran, NUCLEAR), None), (iran, None),
                            (load(examples / "eu-council-qmv.yaml"), None),
                            (load(examples / "logrolling.yaml"), None)):
        same_but_binding(subject, agenda)
    many = load(examples / "many-issues-20.yaml")
    data = same_but_binding(many)  # 10^20 packages: the merge path
    assert data["method"] == "merge" and data["solutions"]["nash"] is not None
    data = same_but_binding(many, ["i03", "i07", "i12", "i01"], method="merge")
    assert analyze(many, ["i03", "i07", "i12", "i01"]).binding_red_lines  # something skipped


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents(red_lines=(1, 3)))
def test_skipping_binding_keeps_every_other_answer(document):
    scenario = redline.load(document)
    same_but_binding(scenario)
    same_but_binding(scenario, method="merge")
