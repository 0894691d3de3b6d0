"""Figures drawn from the engines' JSON: the utility space, the tornado, forecast trajectories."""

from __future__ import annotations

from itertools import combinations
from typing import Any

from redline.report.svg import PALETTE, Layer, scatter, tornado

MAX_PAIRS = 6
SOLUTION_MARKS = {
    "nash": ("Nash", "#c0392b", "diamond"),
    "kalai_smorodinsky": ("Kalai–Smorodinsky", "#8e44ad", "square"),
    "egalitarian": ("egalitarian", "#d68910", "square"),
    "utilitarian": ("utilitarian", "#17a2b8", "diamond"),
}


def space_figures(analysis: dict[str, Any], space: dict[str, Any] | None) -> list[str]:
    """One utility-space scatter per pair of parties (all pairs for 2-3 parties, at most 6)."""
    parties = list(analysis["parties"])
    if len(parties) < 2:
        return []
    pairs = list(combinations(range(len(parties)), 2))[:MAX_PAIRS]
    return [space_figure(analysis, space, i, j) for i, j in pairs]


def space_figure(analysis: dict[str, Any], space: dict[str, Any] | None, i: int = 0,
                 j: int = 1) -> str:
    """Outcomes (grey), feasible outcomes (blue), the Pareto frontier, reservations, solutions."""
    parties = list(analysis["parties"])
    a, b = parties[i], parties[j]
    layers: list[Layer] = []
    if space and space.get("points"):
        points = space["points"]
        feasible = space["feasible"]
        infeasible = [(p[i], p[j]) for p, f in zip(points, feasible, strict=True) if not f]
        allowed = [(p[i], p[j]) for p, f in zip(points, feasible, strict=True) if f]
        cloud = "outcomes (sample)" if space.get("sampled") else "outcomes"
        layers.append(Layer(f"{cloud} breaking a red line", infeasible, "#b0b0b0", size=2.0,
                            opacity=0.5))
        layers.append(Layer("satisfy every red line", allowed, PALETTE[0], size=2.2, opacity=0.55))
    frontier = sorted((p["utilities"][a], p["utilities"][b]) for p in analysis["pareto"])
    if frontier:
        layers.append(Layer("Pareto frontier (ZOPA)", frontier, "#2e8b57", size=3.2,
                            line=len(parties) == 2))
    # Solutions at the same point share one mark, named "Nash = Kalai–Smorodinsky = ...".
    groups: dict[tuple[float, float], list[str]] = {}
    style: dict[tuple[float, float], tuple[str, str]] = {}
    for name, (label, color, shape) in SOLUTION_MARKS.items():
        solution = analysis["solutions"].get(name)
        if solution:
            u = solution["utilities"]
            at = (u[a], u[b])
            groups.setdefault(at, []).append(label)
            style.setdefault(at, (color, shape))
    for at, labels in groups.items():
        color, shape = style[at]
        layers.append(Layer(" = ".join(labels), [at], color, shape=shape, size=6))
    reservations = analysis["reservations"]
    guides = [("x", reservations[a], f"{a} reservation"), ("y", reservations[b],
                                                          f"{b} reservation")]
    title = f"Utility space: {a} vs {b}"
    return scatter(layers, f"utility of {a}", f"utility of {b}", title, guides=guides)


def tornado_figure(montecarlo: dict[str, Any]) -> str | None:
    """The one-at-a-time sensitivity of the Monte Carlo result, widest swing first."""
    rows = []
    base = montecarlo.get("sensitivity_base")
    for entry in montecarlo.get("sensitivity", []):
        if not isinstance(entry, dict):
            continue
        low, high = entry.get("low"), entry.get("high")
        name = entry.get("parameter") or entry.get("name")
        if name is None or not isinstance(low, int | float) or not isinstance(high, int | float):
            continue
        if base is None and isinstance(entry.get("base"), int | float):
            base = entry["base"]
        rows.append((str(name), float(low), float(high)))
    if not rows:
        return None
    rows.sort(key=lambda r: (-abs(r[2] - r[1]), r[0]))
    label = str(montecarlo.get("sensitivity_output", montecarlo.get("sensitivity_measure",
                                                                     "zopa")))
    label = {"zopa": "a ZOPA exists (0 or 1)", "joint_gain": "joint gain"}.get(label, label)
    return tornado(rows[:15], None if base is None else float(base),
                   "One-at-a-time sensitivity (tornado)", label)
