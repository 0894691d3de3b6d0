"""Charts that explain a result: break-even sweeps, the frontier of three or more parties, forecasts
per issue with every actor's position, and the agenda landscape. Inline SVG, computed from the
results' JSON only (nothing is re-analysed here)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

from redline.report.svg import PALETTE, Layer, scatter

VERDICT_SHAPE = {"no deal": "cross", "no talks": "square"}


def sweep_figure(sweep: Mapping[str, Any]) -> str:
    """Each party's gain at the Nash point along the swept parameter; steps with no deal marked
    on the axis, the current value as a dashed line, and each change of package labelled."""
    steps = sweep["steps"]
    xs = [float(s["value"]) for s in steps]
    gains = [g for s in steps for g in (s["gains"] or {}).values()]
    top = max([0.05, *gains]) * 1.1
    bottom = min([0.0, *gains])
    layers = []
    for k, party in enumerate(sweep["parties"]):
        points = [(float(s["value"]), float(s["gains"][party])) for s in steps if s["gains"]]
        labels = _package_changes(steps) if k == 0 else ()
        layers.append(Layer(f"gain of {party} at the Nash point", points,
                            PALETTE[k % len(PALETTE)], size=2.5, line=True, labels=labels))
    for verdict, shape in VERDICT_SHAPE.items():
        points = [(float(s["value"]), bottom) for s in steps if s["verdict"] == verdict]
        if points:
            layers.append(Layer(verdict, points, "#6c757d", shape=shape, size=4))
    guides = [("x", float(sweep["current"]), "now")] if min(xs) <= sweep["current"] <= max(xs) \
        else []
    return scatter(layers, sweep["parameter"], "gain over the reservation",
                   f"Sweep of {sweep['parameter']}", (min(xs), max(xs)), (bottom, top), guides)


def _package_changes(steps: Sequence[Mapping[str, Any]]) -> list[str]:
    """A label at each deal step whose Nash package differs from the previous deal's ("A", "B"..),
    so the reader sees where the package moves; empty elsewhere."""
    labels: list[str] = []
    previous: Any = None
    names: dict[str, str] = {}
    for step in steps:
        if not step["gains"]:
            continue
        key = repr(sorted(step["nash"].items()))
        if key != previous:
            names.setdefault(key, chr(ord("A") + len(names) % 26))
            labels.append(f"package {names[key]}")
        else:
            labels.append("")
        previous = key
    return labels


def parallel_frontier(analysis: Mapping[str, Any], width: int = 680) -> str | None:
    """The Pareto frontier of any number of parties as parallel coordinates: one vertical axis a
    party (utility 0 to 1, its reservation marked), one polyline a frontier package. No package
    on the frontier is dominated, so every line is above every other line on at least one axis
    (or equal on all); the Nash package is drawn bold. None without a frontier."""
    parties = list(analysis["parties"])
    pareto = analysis["pareto"]
    if not pareto or len(parties) < 2:
        return None
    height, top, bottom, left, right = 360, 30, 40, 60, 60
    step = (width - left - right) / (len(parties) - 1)

    def at(j: int, u: float) -> tuple[float, float]:
        return left + j * step, top + (1.0 - u) * (height - top - bottom)

    body = []
    for j, party in enumerate(parties):
        x, _ = at(j, 0)
        body.append(f'<line x1="{x:.2f}" y1="{top}" x2="{x:.2f}" y2="{height - bottom}" '
                    f'stroke="#999"/>')
        body.append(f'<text x="{x:.2f}" y="{height - bottom + 16}" text-anchor="middle" '
                    f'class="axis">{escape(party)}</text>')
        d = float(analysis["reservations"][party])
        _, y = at(j, d)
        body.append(f'<line x1="{x - 8:.2f}" y1="{y:.2f}" x2="{x + 8:.2f}" y2="{y:.2f}" '
                    f'stroke="#c0392b" stroke-width="2"><title>{escape(party)} reservation '
                    f'{d:.3f}</title></line>')
    nash = (analysis["solutions"].get("nash") or {}).get("outcome")
    for point in pareto:
        is_nash = point["outcome"] == nash
        path = " ".join(f"{x:.2f},{y:.2f}" for x, y in
                        (at(j, float(point["utilities"][p])) for j, p in enumerate(parties)))
        words = ", ".join(f"{i} {o}" for i, o in point["outcome"].items()
                          if i in analysis["agenda"])
        body.append(f'<polyline points="{path}" fill="none" '
                    f'stroke="{PALETTE[1] if is_nash else PALETTE[0]}" '
                    f'stroke-width="{3 if is_nash else 1}" stroke-opacity="'
                    f'{1 if is_nash else 0.45}"><title>{escape(words)}</title></polyline>')
    body.append(f'<text x="{left}" y="16">Frontier packages across the parties\' utilities '
                f'({len(pareto)}; Nash in red, reservations as red ticks)</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" font-family="sans-serif" '
            f'font-size="11"><title>Pareto frontier, parallel coordinates</title>'
            '<style>.axis{font-size:12px;fill:#333}</style>' + "".join(body) + "</svg>")


def forecast_figure(forecast: Mapping[str, Any], positions: Mapping[str, Sequence[float]],
                    issue_labels: Sequence[str] | None = None) -> str:
    """Each issue a row on the 0-100 scale: every actor's position as a labelled dot and the
    forecast as a red diamond. `positions[actor]` is the actor's position per issue."""
    issues = list(forecast["issues"])
    outcome = forecast["outcome"]
    layers = []
    for k, actor in enumerate(positions):
        points = [(float(positions[actor][i]), float(len(issues) - i))
                  for i in range(len(issues)) if positions[actor][i] == positions[actor][i]]
        layers.append(Layer(actor, points, PALETTE[(k + 2) % len(PALETTE)], size=4,
                            labels=[actor] * len(points)))
    layers.append(Layer("forecast", [(float(v), float(len(issues) - i))
                                     for i, v in enumerate(outcome) if v == v],
                        PALETTE[1], shape="diamond", size=6))
    guides = [("y", float(len(issues) - i), (issue_labels or issues)[i])
              for i in range(len(issues))]
    return scatter(layers, "position (0-100, option order)", "", "Forecast per issue, with "
                   "every actor's position", (0.0, 100.0), (0.5, len(issues) + 0.5), guides)


def agenda_landscape(agendas: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    """The agenda table grouped for reading: every refused agenda folded into one line per
    refusal ("16 agendas with missiles: IRN refuses"), then agendas with a deal, then those
    without. Rows: (agendas, verdict, detail)."""
    refused: dict[tuple[tuple[str, ...], tuple[str, ...]], list[list[str]]] = {}
    deals, blocked = [], []
    for entry in agendas["agendas"]:
        if entry["refused_by"]:
            key = (tuple(entry["refused_by"]), tuple(entry["refusing_red_lines"]))
            refused.setdefault(key, []).append(entry["issues"])
        elif entry["zopa"]:
            gains = ", ".join(f"{p} {g:+.3f}" for p, g in (entry["gains"] or {}).items())
            deals.append((" + ".join(entry["issues"]), "deal", gains))
        else:
            blocked.append(entry["issues"])
    rows = []
    for (actors, red_lines), members in refused.items():
        common = sorted(set.intersection(*(set(m) for m in members)))
        rows.append((f"{len(members)} agenda(s)" + (f" with {', '.join(common)}" if common
                                                   else ""), "no talks",
                     f"{', '.join(actors)} refuses ({', '.join(red_lines)})"))
    rows += deals
    if blocked:
        rows.append((f"{len(blocked)} agenda(s)", "no deal",
                     "; ".join(" + ".join(b) for b in blocked[:6])
                     + (" ..." if len(blocked) > 6 else "")))
    return rows
