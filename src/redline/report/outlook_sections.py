"""Sections from the engines beyond the core analysis: agendas, forecasts, simulation, uncertainty.

Each renders the engine's JSON contract (issues 4-6); a key it does not know is ignored, a missing
optional key leaves its part out.
"""

from __future__ import annotations

from typing import Any

from redline.report.figures import tornado_figure, trajectory_figure
from redline.report.markup import Section, figure, number, package, paragraph, table, text


def agendas(data: dict[str, Any]) -> Section:
    """`redline-agendas/1`: one row per agenda, refusals, ZOPA, the Nash package and gains."""
    rows = []
    for entry in data.get("agendas", []):
        nash = entry.get("nash") or {}
        gains = entry.get("gains") or {}
        if entry.get("refused_by"):
            verdict = f"refused by {', '.join(entry['refused_by'])}"
        else:
            verdict = "deal exists" if entry.get("zopa") else "no ZOPA"
        rows.append([" + ".join(entry.get("issues", [])) or "(none)", verdict,
                     package(nash.get("outcome", {})) or "—",
                     ", ".join(f"{p} {g:+.3f}" for p, g in gains.items()) or "—"])
    parts = [table(["agenda", "verdict", "Nash package", "gains over reservation"], rows,
                   css="wide")]
    if data.get("skipped"):
        parts.append(paragraph(text(f"{data['skipped']:,} agendas were skipped by the search.")))
    for note in data.get("summary", []) if isinstance(data.get("summary"), list) else []:
        parts.append(paragraph(text(note)))
    return Section("agendas", "Agendas: which issues to put on the table", "".join(parts))


def forecasts(data: dict[str, Any]) -> Section:
    """Forecasts per issue (0-100 scale), with trajectories when the model records them."""
    issues = data.get("issues", {})
    entries = ([{"issue": k, **v} for k, v in issues.items()] if isinstance(issues, dict)
               else list(issues))
    rows = []
    charts = []
    for entry in entries:
        rows.append([entry.get("issue", ""), number(entry.get("forecast", entry.get("position")), 1),
                     entry.get("label", entry.get("option", "")),
                     number(entry.get("status_quo", ""), 1)])
        trajectory = entry.get("trajectory")
        if trajectory:
            charts.append(figure(trajectory_figure(str(entry.get("issue")), trajectory),
                                 "Position on the 0–100 scale by round."))
    model = data.get("model", "")
    parts = [paragraph("Model: ", text(model))] if model else []
    parts.append(table(["issue", "forecast (0–100)", "nearest option", "status quo"], rows))
    parts.extend(charts)
    return Section("forecast", "Forecasts per issue", "".join(parts))


def simulation(data: dict[str, Any]) -> Section:
    """`redline-simulation/1`: agreement rate, rounds, utilities, distance to Nash."""
    runs = data.get("runs")
    mean_u = data.get("mean_utilities", {})
    rows = [
        ["protocol", data.get("protocol", "")],
        ["sessions", number(runs)],
        ["agreement rate", _share(data.get("agreement_rate"))],
        ["mean rounds", number(data.get("mean_rounds"), 1)],
        ["mean utilities", ", ".join(f"{p} {u:.3f}" for p, u in mean_u.items())],
        ["distance to the Nash point", number(data.get("nash_distance"))],
        ["Pareto-optimal agreements", _share(data.get("pareto_rate"))],
    ]
    strategies = data.get("strategies")
    if isinstance(strategies, dict):
        rows.insert(1, ["strategies", ", ".join(f"{p}: {s}" for p, s in strategies.items())])
    return Section("simulation", "Simulated negotiations", table(["measure", "value"], rows))


def _share(value: Any) -> str:
    return f"{value:.1%}" if isinstance(value, int | float) else text(value)


def uncertainty(data: dict[str, Any]) -> Section:
    """`redline-montecarlo/1`: P(ZOPA), how often each option is in the Nash package, tornado."""
    parts = [paragraph(
        f"{number(data.get('runs'))} sampled scenarios (seed {text(data.get('seed'))}, engine "
        f"{text(data.get('engine', ''))}): a ZOPA exists in <b>{_share(data.get('p_zopa'))}</b> "
        "of them.")]
    shares = data.get("nash_options", {})
    if shares:
        rows = [[issue, ", ".join(f"{o} {s:.0%}" for o, s in sorted(options.items(),
                                                                  key=lambda kv: -kv[1]))]
                for issue, options in shares.items()]
        parts.append("<h3>How often each option is in the Nash package</h3>")
        parts.append(table(["issue", "options (share of runs with a deal)"], rows))
    svg = tornado_figure(data)
    if svg:
        parts.append(figure(svg, "Each bar: the result with one parameter at its low and high "
                                 "value, the others at their mode."))
    return Section("uncertainty", "Uncertainty", "".join(parts))
