"""Charts that explain: each reads back to the figures of the result it draws."""

from __future__ import annotations

import re

import pytest

import redline
from redline.report.explaining import (
    forecast_figure,
    p_deal_figure,
    parallel_frontier,
    sweep_figure,
)
from redline.space import sweep


def polylines(svg: str) -> list[list[tuple[float, float]]]:
    return [[tuple(map(float, p.split(","))) for p in m.split()]
            for m in re.findall(r'<polyline points="([^"]+)"', svg)]


def test_parallel_frontier_draws_every_frontier_package_at_its_utilities(examples):
    analysis = redline.analyze(redline.load(examples / "coalition-budget.yaml")).to_dict()
    svg = parallel_frontier(analysis)
    assert svg is not None
    lines = polylines(svg)
    assert len(lines) == len(analysis["pareto"]) >= 3
    top, bottom = 30, 360 - 40
    for line, point in zip(lines, analysis["pareto"], strict=True):
        drawn = [1 - (y - top) / (bottom - top) for _, y in line]
        assert drawn == pytest.approx([point["utilities"][p] for p in analysis["parties"]],
                                      abs=0.01)
    # no frontier line lies on or below another on every axis (dominance stays visible)
    for a in lines:
        for b in lines:
            if a is not b:
                assert not all(ya >= yb for (_, ya), (_, yb) in zip(a, b, strict=True)) or a == b
    assert svg.count('stroke-width="3"') == 1  # the Nash package, bold


def test_forecast_figure_puts_the_forecast_on_each_issue_scale():
    forecast = {"issues": ["a", "b"], "outcome": [25.0, 100.0]}
    svg = forecast_figure(forecast, {"X": [0.0, 50.0], "Y": [0.0, float("nan")]},
                          {"a": ["lo", "mid", "hi"], "b": ["no", "yes"]})
    diamonds = re.findall(r'<path d="M([\d.]+) ', svg)
    left, inner = 150, 680 - 150 - 70
    assert [float(x) for x in diamonds] == pytest.approx([left + 0.25 * inner,
                                                          left + 1.0 * inner])
    assert svg.count("<circle") == 3  # Y takes no position on b
    assert ">mid<" in svg and ">yes<" in svg


def test_p_deal_bar_widths_are_the_shares():
    svg = p_deal_figure({"p_zopa": 0.6, "p_zopa_se": 0.01, "p_refused": 0.1, "runs": 100})
    widths = [float(w) for w in re.findall(r'<rect x="[\d.]+" y="34" width="([\d.]+)"', svg)]
    assert widths == pytest.approx([0.6 * 480, 0.3 * 480, 0.1 * 480])


def test_sweep_chart_labels_each_change_of_package(examples):
    scenario = redline.load(examples / "us-iran-2026.yaml")
    data = sweep(scenario, "IRN.reservation", 0.3, 0.95, 14,
                 ["enrichment", "inspections", "stockpile", "sanctions"]).to_dict()
    svg = sweep_figure(data)
    deals = [s for s in data["steps"] if s["gains"]]
    changes = sum(1 for a, b in zip([None, *deals], deals, strict=False)
                  if a is None or a["nash"] != b["nash"])
    assert len(re.findall(r">package [A-Z]<", svg)) == changes >= 2
    assert svg.count("<path d=\"M") >= 1  # the no-deal steps are marked
