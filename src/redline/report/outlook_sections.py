"""Sections from the engines beyond the core analysis: agendas, forecasts, simulation, uncertainty.

Each renders the engine's JSON contract (issues 4-6); a key it does not know is ignored, a missing
optional key leaves its part out.
"""

from __future__ import annotations

from typing import Any

from redline.report.explaining import forecast_figure, p_deal_figure
from redline.report.figures import tornado_figure
from redline.report.markup import Section, figure, number, package, paragraph, table, text
from redline.report.svg import lines
from redline.report.words import reconciliation_text


def agendas(data: dict[str, Any]) -> Section:
    """`redline-agendas/1`: one row per agenda with talks (ZOPA, the Nash package and gains);
    the refused agendas folded into one row per refusal."""
    rows = []
    refused: dict[tuple[tuple[str, ...], tuple[str, ...]], list[list[str]]] = {}
    for entry in data.get("agendas", []):
        nash = entry.get("nash") or {}
        gains = entry.get("gains") or {}
        if entry.get("refused_by"):
            key = (tuple(entry["refused_by"]), tuple(entry.get("refusing_red_lines", [])))
            refused.setdefault(key, []).append(list(entry.get("issues", [])))
            continue
        verdict = "deal exists" if entry.get("zopa") else "no ZOPA"
        linked = entry.get("adds_value") or []
        rows.append([" + ".join(entry.get("issues", [])) or "(none)", verdict,
                     package(nash.get("outcome", {})) or "—",
                     ", ".join(f"{p} {g:+.3f}" for p, g in gains.items()) or "—",
                     ", ".join(linked) if linked else "—"])
    for (actors, red_lines), members in refused.items():
        common = sorted(set.intersection(*(set(m) for m in members)))
        rows.append([f"{len(members)} agenda(s)" + (f" with {', '.join(common)}" if common else ""),
                     f"no talks: {', '.join(actors)} refuses"
                     + (f" ({', '.join(red_lines)})" if red_lines else ""),
                     "—", "—", "—"])
    parts = [table(["agenda", "verdict", "Nash package", "gains over reservation",
                    "issues that add value linked"], rows, css="wide")]
    preferred = data.get("preferred") or {}
    if preferred:
        parts.append(paragraph(text("Each party's preferred agenda: " + "; ".join(
            f"{p}: {' + '.join(a) if a else 'none'}" for p, a in preferred.items()) + ".")))
    accepted = data.get("accepted")
    if isinstance(accepted, list):
        parts.append(paragraph(text(
            "Agendas every party accepts (best first): "
            + ("; ".join(" + ".join(a) for a in accepted[:5]) if accepted else "none") + ".")))
    if data.get("skipped"):
        parts.append(paragraph(text(f"{data['skipped']:,} agendas were skipped by the search.")))
    for note in data.get("summary", []) if isinstance(data.get("summary"), list) else []:
        parts.append(paragraph(text(note)))
    return Section("agendas", "Agendas: which issues to put on the table", "".join(parts))


def forecasts(data: dict[str, Any], document: dict[str, Any] | None = None) -> Section:
    """Forecasts per issue on the 0-100 scale, with their trajectories by round.

    Reads `redline forecast --format json`: "issues" (ids), "outcome" (one position per issue)
    and "trajectory" (one row of positions per round); or an "issues" mapping of per-issue
    entries ({"forecast", "trajectory", ...}).
    """
    entries = _forecast_entries(data)
    options = {i["id"]: i["options"] for i in (document or {}).get("issues", [])}
    rows = []
    series = []
    given = data.get("package")
    package: dict[str, Any] = given if isinstance(given, dict) else {}
    for entry in entries:
        issue = str(entry.get("issue", ""))
        value = entry.get("forecast")
        rows.append([issue, number(value, 1), entry.get("label") or package.get(issue)
                     or _nearest(value, options.get(issue))])
        trajectory = entry.get("trajectory")
        if trajectory and len(trajectory) > 1:  # a one-round model has no path to draw
            series.append((issue, [(float(k), float(v)) for k, v in enumerate(trajectory)]))
    method = data.get("model") or data.get("method") or ""
    parts = [paragraph("Model: ", text(method),
                       text(f"; {data['rounds']} rounds" if data.get("rounds") else ""),
                       text("; converged" if data.get("converged") else ""))] if method else []
    parts.append(table(["issue", "forecast (0–100)", "nearest option"], rows))
    if isinstance(data.get("situation"), dict) and "nearest_acceptable" in data:
        parts.append(paragraph(text(reconciliation_text(data))))
    start = data.get("actor_positions")
    if isinstance(start, dict) and start.get("positions"):
        issues = list(start["issues"])
        at = {i: value for i, value in zip(data.get("issues", []), data.get("outcome", []),
                                           strict=False)}
        shown = {"issues": issues, "outcome": [at.get(i, float("nan")) for i in issues]}
        positions = {a: [float("nan") if v is None else float(v) for v in row]
                     for a, row in start["positions"].items()}
        parts.append(figure(forecast_figure(shown, positions, options),
                            "Each issue on its 0–100 scale (options in order): every actor's "
                            "preferred option and the forecast (red diamond)."))
    if series:
        parts.append(figure(lines(series, "Forecast trajectories", "round", "position (0–100)",
                                  (0.0, 100.0)),
                            "Each issue's forecast position by round; 0 is the first option, "
                            "100 the last."))
    return Section("forecast", "Forecasts per issue", "".join(parts))


def _forecast_entries(data: dict[str, Any]) -> list[dict[str, Any]]:
    issues = data.get("issues", [])
    if isinstance(issues, dict):
        return [{"issue": k, **v} for k, v in issues.items()]
    if issues and all(isinstance(i, str) for i in issues):
        outcome = data.get("outcome") or [None] * len(issues)
        trajectory = data.get("trajectory") or []
        return [{"issue": issue, "forecast": outcome[k],
                 "trajectory": [row[k] for row in trajectory if len(row) > k]}
                for k, issue in enumerate(issues)]
    return [dict(i) for i in issues if isinstance(i, dict)]


def _nearest(value: Any, options: list[str] | None) -> str:
    if not options or not isinstance(value, int | float):
        return ""
    return options[round(value / 100 * (len(options) - 1))]


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
    endings = data.get("endings")
    if isinstance(endings, dict) and endings:
        rows.append(["how sessions ended", ", ".join(f"{k} {v}" for k, v in endings.items())])
    strategies = data.get("strategies")
    if isinstance(strategies, dict):
        rows.insert(1, ["strategies", ", ".join(f"{p}: {s}" for p, s in strategies.items())])
    parts = [table(["measure", "value"], rows)]
    deals = data.get("agreements")
    if isinstance(deals, list) and deals:
        parts.append("<h3>Most frequent deals</h3>")
        parts.append(table(["share of deals", "package", "Pareto-optimal"],
                           [[_share(d["share"]), package(d["outcome"]),
                             "yes" if d.get("pareto_optimal") else "no"] for d in deals]))
    return Section("simulation", "Simulated negotiations", "".join(parts))


def _share(value: Any) -> str:
    return f"{value:.1%}" if isinstance(value, int | float) else text(value)


def _option_shares(options: dict[str, float]) -> str:
    """'b 70%, a 30%': the options chosen in some run, most often first ('-': none given)."""
    chosen = [f"{o} {s:.0%}" if s >= 0.005 else f"{o} <1%"
              for o, s in sorted(options.items(), key=lambda kv: -kv[1]) if s]
    return ", ".join(chosen) or "-"


def uncertainty(data: dict[str, Any]) -> Section:
    """`redline-montecarlo/1`: P(ZOPA), the Nash package's options, gains, tornado, Sobol."""
    se = data.get("p_zopa_se")
    interval = f" (± {1.96 * se:.1%})" if isinstance(se, int | float) else ""
    parts = [paragraph(
        f"{number(data.get('runs'))} sampled scenarios (seed {text(data.get('seed'))}, engine "
        f"{text(data.get('engine', ''))}): a ZOPA exists in <b>{_share(data.get('p_zopa'))}</b>"
        f"{text(interval)} of them.")]
    if isinstance(data.get("p_refused"), int | float) and data["p_refused"] > 0:
        parts.append(paragraph(f"A party refuses the agenda in {_share(data['p_refused'])} of "
                               "them."))
    bar = p_deal_figure(data)
    if bar:
        parts.append(figure(bar, "Share of the sampled scenarios with a deal, with no deal, and "
                                 "with no talks; the bracket is the 95% interval of P(deal)."))
    shares = data.get("nash_options", {})
    if shares:
        ks = data.get("ks_options") or {}
        rows = [[issue, _option_shares(options), _option_shares(ks.get(issue, {}))]
                for issue, options in shares.items()]
        parts.append("<h3>How often each option is in the Nash and the Kalai&ndash;Smorodinsky "
                     "package (runs with a deal)</h3>")
        parts.append(table(["issue", "Nash", "Kalai–Smorodinsky"], rows))
    members = data.get("coalition_members")
    if isinstance(members, dict):
        rule = (data.get("parameters") or {}).get("decision_rule", "a vote")
        parts.append(paragraph(text(
            f"Decision rule: {rule}. Each run's deal is the one its likeliest winning coalition "
            "adopts; outvoted parties' gains can be negative.")))
        parts.append(table(["party", "in the adopting coalition (runs with a deal)"],
                           [[p, _share(s)] for p, s in members.items()]))
    gains = {p: g for p, g in (data.get("gains") or {}).items() if isinstance(g, dict)}
    if gains:
        parts.append("<h3>Gains over reservation at the Nash point (runs with a deal)</h3>")
        parts.append(table(["party", "5%", "median", "95%", "mean"],
                           [[p, number(g.get("p05")), number(g.get("median")),
                             number(g.get("p95")), number(g.get("mean"))]
                            for p, g in gains.items()]))
    svg = tornado_figure(data)
    swings = [r for r in data.get("sensitivity", []) if isinstance(r, dict) and "low" in r]
    if swings and all(r.get("low") == r.get("high") for r in swings):
        parts.append(paragraph(text(
            f"No uncertain parameter ({len(swings)}) changes the result ("
            f"{data.get('sensitivity_output', 'zopa')}) between its low and its high value.")))
    elif svg:
        parts.append(figure(svg, "Each bar: the result with one parameter at its low and its "
                                 "high value, the others at their mode."))
    indices = [r for r in data.get("sensitivity", []) if isinstance(r, dict) and "ST" in r]
    if indices:
        parts.append("<h3>Variance-based (Sobol) indices</h3>")
        parts.append(table(["parameter", "first order S1", "total ST"],
                           [[r.get("parameter", ""), number(r.get("S1")), number(r.get("ST"))]
                            for r in indices]))
    return Section("uncertainty", "Uncertainty", "".join(parts))
