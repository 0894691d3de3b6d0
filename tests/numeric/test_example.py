"""The US–Iran example with enrichment in percent: the answers README.md states, and the exact
method agreeing with enumeration where there is nothing continuous to solve."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from redline.scenario import load, situation
from redline.space import analyze, exact_bargaining

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
NUCLEAR = ["enrichment", "inspections", "stockpile", "sanctions"]


def test_readme_numbers_for_the_enrichment_level() -> None:
    nuclear = situation(load(EXAMPLES / "us-iran-enrichment.yaml"), NUCLEAR)
    exact = exact_bargaining(nuclear)
    levels = {n: s.package["enrichment"] for n, s in exact.solutions.items()}
    assert levels["nash"] == pytest.approx(3.67, abs=1e-12)
    assert round(levels["kalai_smorodinsky"], 2) == 3.25
    assert round(levels["egalitarian"], 2) == 3.43
    nash = exact.solutions["nash"].package
    assert (nash["inspections"], nash["stockpile"], nash["sanctions"]) == (
        "additional-protocol", "diluted-or-shipped", "full-lifting")
    # the grid agrees on the Nash package (3.67 is a mark on the grid)
    grid = analyze(nuclear).solution_package("nash")
    assert grid is not None and grid.outcome["enrichment"] == "3.67"
    assert nuclear.to_dict()["numbers"]["issues"]["enrichment"]["unit"] == "%"


def test_sources_say_where_the_numbers_come_from() -> None:
    scenario = load(EXAMPLES / "us-iran-enrichment.yaml")
    assert scenario.issue("enrichment").source == "jcpoa-cap"
    statement = {s.id: s.statement for s in scenario.document.sources}["jcpoa-cap"]
    assert "3.67" in statement


@pytest.mark.parametrize("agenda", [NUCLEAR, ["enrichment", "sanctions"]])
def test_exact_equals_enumeration_without_real_issues(agenda: list[str]) -> None:
    nuclear = situation(load(EXAMPLES / "us-iran-2026.yaml"), agenda)
    exact, grid = exact_bargaining(nuclear), analyze(nuclear)
    assert exact.real_issues == ()
    for name in ("nash", "egalitarian", "utilitarian", "kalai_smorodinsky"):
        assert list(exact.solutions[name].utilities.values()) == pytest.approx(
            list(grid.solutions[name].utilities), abs=1e-12), name
    frontier = np.array(sorted(set(map(tuple, grid.frontier.utilities.round(12).tolist()))))
    vertices = np.array(sorted(set(map(tuple, np.round(exact.vertices, 12).tolist()))))
    assert vertices.shape == frontier.shape
    assert np.allclose(vertices, frontier, rtol=0, atol=1e-12)
