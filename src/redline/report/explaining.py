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
                    options: Mapping[str, Sequence[str]] | None = None, width: int = 680) -> str:
    """Each issue a row on its 0-100 scale, its options marked in order: every actor's position as
    a labelled dot (actors at the same place stacked) and the forecast as a red diamond.
    `positions[actor]` is the actor's position per issue of `forecast["issues"]` (NaN: none)."""
    issues = list(forecast["issues"])
    left, right, row = 150, 70, 64
    inner = width - left - right
    height = 30 + row * len(issues)

    def x(value: float) -> float:
        return left + value / 100.0 * inner

    body = []
    for k, issue in enumerate(issues):
        y = 30 + row * k + 26
        body.append(f'<text x="{left - 10}" y="{y + 4}" text-anchor="end" class="axis">'
                    f'{escape(issue)}</text>')
        body.append(f'<line x1="{left}" y1="{y}" x2="{left + inner}" y2="{y}" stroke="#999"/>')
        labels = list((options or {}).get(issue, []))
        for j, label in enumerate(labels):
            at = x(j / (len(labels) - 1) * 100.0) if len(labels) > 1 else x(0.0)
            body.append(f'<line x1="{at:.2f}" y1="{y - 4}" x2="{at:.2f}" y2="{y + 4}" '
                        f'stroke="#999"/><text x="{at:.2f}" y="{y + 16}" text-anchor="middle" '
                        f'fill="#666">{escape(label)}</text>')
        stacked: dict[float, int] = {}
        for a, actor in enumerate(positions):
            value = float(positions[actor][k])
            if value != value:
                continue
            level = stacked.get(round(value, 3), 0)
            stacked[round(value, 3)] = level + 1
            cy = y - 8 - 10 * level
            color = PALETTE[(a + 2) % len(PALETTE)]
            body.append(f'<circle cx="{x(value):.2f}" cy="{cy}" r="4" fill="{color}"/>'
                        f'<text x="{x(value) + 6:.2f}" y="{cy + 3}">{escape(actor)}</text>')
        value = float(forecast["outcome"][k])
        if value == value:
            px = x(value)
            body.append(f'<path d="M{px:.2f} {y - 7}L{px + 7:.2f} {y}L{px:.2f} {y + 7}'
                        f'L{px - 7:.2f} {y}Z" fill="{PALETTE[1]}" stroke="#222">'
                        f'<title>forecast {value:.1f}</title></path>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" font-family="sans-serif" '
            f'font-size="11"><title>Forecast per issue, with every actor\'s position</title>'
            '<style>.axis{font-size:12px;fill:#333}</style>' + "".join(body) + "</svg>")


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


def p_deal_figure(montecarlo: Mapping[str, Any], width: int = 520) -> str | None:
    """One stacked bar: the share of Monte Carlo draws with a deal, with no deal, with no talks,
    and the 95% interval of P(deal) as a bracket. None without the figures."""
    p, se, refused = (montecarlo.get(k) for k in ("p_zopa", "p_zopa_se", "p_refused"))
    if not all(isinstance(v, int | float) for v in (p, se, refused)):
        return None
    assert isinstance(p, int | float) and isinstance(se, int | float)
    assert isinstance(refused, int | float)
    left, inner, y = 20, width - 40, 34
    shares = (("deal", float(p), PALETTE[2]),
              ("no deal", max(0.0, 1.0 - float(p) - float(refused)), "#d5dbe3"),
              ("no talks", float(refused), PALETTE[1]))
    body, x = [], float(left)
    for name, share, color in shares:
        w = share * inner
        if w > 0:
            body.append(f'<rect x="{x:.2f}" y="{y}" width="{w:.2f}" height="26" fill="{color}">'
                        f'<title>{escape(name)} {share:.1%}</title></rect>')
            if w > 60:
                body.append(f'<text x="{x + 4:.2f}" y="{y + 17}">{escape(name)} '
                            f'{share:.0%}</text>')
        x += w
    lo, hi = max(0.0, p - 1.96 * se), min(1.0, p + 1.96 * se)
    body.append(f'<path d="M{left + lo * inner:.2f} {y - 6}v4H{left + hi * inner:.2f}v-4" '
                f'fill="none" stroke="#222"/>')
    body.append(f'<text x="{left}" y="16">P(deal) = {p:.2f} (95%: {lo:.2f}–{hi:.2f}) over '
                f'{montecarlo.get("runs", "?")} draws</text>')
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} 72" width="{width}" '
            f'height="72" role="img" font-family="sans-serif" font-size="11">'
            f'<title>P(deal)</title>' + "".join(body) + "</svg>")
