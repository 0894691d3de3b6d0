"""`redline thresholds`, `redline sweep` (how far a number can move before the answer changes) and
`redline brief` (the answers on one page)."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from redline.cli.analysis import ScenarioArg, TableFormat, TableFormatOpt, print_data, print_json
from redline.cli.app import app, out, user_errors
from redline.cli.situation import AgendaOpt, DateOpt, EventsOpt, InfluenceOpt, resolve, show
from redline.cli.whatif import MaxOutcomesOpt, describe
from redline.limits import MAX_OUTCOMES, MAX_THRESHOLD_WORK
from redline.output import write_file
from redline.space.thresholds import thresholds
from redline.uncertainty import sweep


class BriefFormat(StrEnum):
    """``--format`` of ``redline brief``: text, markdown or json."""
    text = "text"
    markdown = "markdown"
    json = "json"


@app.command("thresholds")
@user_errors
def thresholds_command(
    scenario: ScenarioArg,
    agenda: AgendaOpt = None,
    events: EventsOpt = "active",
    influence: InfluenceOpt = "none",
    date: DateOpt = None,
    output: TableFormatOpt = TableFormat.text,
    max_outcomes: MaxOutcomesOpt = MAX_OUTCOMES,
    max_work: Annotated[int, typer.Option(
        "--max-work", help="Packages x settings the break-even values may weigh (counted "
        "before they start).")] = MAX_THRESHOLD_WORK,
) -> None:
    """Break-even values: the reservation, weight or credibility past which the verdict or the
    Nash package changes (exact, not sampled)."""
    current = resolve(scenario, agenda, events, influence, date)
    result = thresholds(current, max_outcomes=max_outcomes, max_work=max_work)
    if print_data(output, "thresholds", result.to_dict()):
        return
    show(current)
    out.print(f"[bold]{result.scenario_title}[/] - break-even values")
    out.print(f"Verdict: {result.verdict}"
              + (f"; Nash: {describe(result.nash, result.agenda)}" if result.nash else ""))
    if "rule" in result.parameters:  # a vote: the verdict and the deal are a coalition's
        coalition = result.parameters["coalition"]
        out.print(f"Decision rule: {result.parameters['rule']}; the deal is the likeliest "
                  "winning coalition's"
                  + (f" ({', '.join(coalition)})" if coalition else "")
                  + " (`redline coalitions` explains).")
    table = Table("parameter", "now", "break-even", "holds between", "what changes")
    for item in result.items:
        span = (f"{'0' if item.lower is None else f'{item.lower:.3f}'} - "
                f"{'1' if item.upper is None else f'{item.upper:.3f}'}")
        table.add_row(item.parameter, f"{item.current:.3f}",
                      "-" if item.threshold is None else f"{item.threshold:.3f}", span,
                      item.effect)
    out.print(table)


@app.command("sweep")
@user_errors
def sweep_command(
    scenario: ScenarioArg,
    param: Annotated[str, typer.Option(
        "--param", "-p", help="ACTOR.reservation, ACTOR.weights.ISSUE or RED_LINE.credibility.")],
    start: Annotated[float, typer.Option("--from", help="First value.")],
    stop: Annotated[float, typer.Option("--to", help="Last value.")],
    steps: Annotated[int, typer.Option("--steps", "-n", help="Values, ends included.")] = 21,
    agenda: AgendaOpt = None,
    events: EventsOpt = "active",
    influence: InfluenceOpt = "none",
    date: DateOpt = None,
    chart: Annotated[Path | None, typer.Option(
        "--chart", help="Also write the sweep as an SVG chart to this file.")] = None,
    output: TableFormatOpt = TableFormat.text,
    max_outcomes: MaxOutcomesOpt = MAX_OUTCOMES,
) -> None:
    """The analysis along one parameter: verdict, ZOPA size, Nash package and gains per step."""
    from redline.report.explaining import sweep_figure

    current = resolve(scenario, agenda, events, influence, date)
    result = sweep(current, param, start, stop, steps, max_outcomes=max_outcomes)
    data = result.to_dict()
    if chart is not None:
        write_file(chart, sweep_figure(data))
    if print_data(output, "sweep", data):
        return
    show(current)
    out.print(f"[bold]{result.scenario_title}[/] - sweep of {result.parameter} (now "
              f"{result.current:.3f})")
    rule = result.parameters.get("decision_rule")
    if rule:
        out.print(f"Decision rule: {rule}; each step's deal is the one the likeliest winning "
                  "coalition adopts")
    table = Table(result.parameter, "verdict", "ZOPA size", "Nash package",
                  *(f"gain {p}" for p in result.parties), *(["coalition"] if rule else []))
    previous = None
    for step in result.steps:
        package = describe(step.nash, result.agenda) if step.nash else "-"
        coalition = [" ".join(step.coalition) if step.coalition else "-"] if rule else []
        table.add_row(f"{step.value:.3f}", step.verdict, str(step.zopa_size),
                      "same" if step.nash and step.nash == previous else package,
                      *(f"{step.gains[p]:+.3f}" if step.gains else "-" for p in result.parties),
                      *coalition)
        previous = step.nash
    out.print(table)
    if chart is not None:
        out.print(f"Chart written to {chart}")


@app.command("brief")
@user_errors
def brief_command(
    scenario: ScenarioArg,
    agenda: AgendaOpt = None,
    events: EventsOpt = "active",
    influence: InfluenceOpt = "none",
    date: DateOpt = None,
    montecarlo: Annotated[int, typer.Option(
        "--montecarlo", min=0, help="Also run this many Monte Carlo draws: P(deal) and the "
                                    "parameters that matter most (0: none).")] = 0,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the Monte Carlo run.")] = 0,
    since: Annotated[str | None, typer.Option(
        "--since", help="An earlier version (a file, or store:ID[@N]): say what changed.")] = None,
    db: Annotated[str | None, typer.Option("--db", help="Store URL for --since store:ID.")] = None,
    output: Annotated[BriefFormat, typer.Option(
        "--format", "-f", help="text, markdown or json.")] = BriefFormat.text,
) -> None:
    """One page for a reader in a hurry: the verdict, the likely package, what blocks or binds it
    and what would open a deal, the forecasts, P(deal) and what changed since a version."""
    from redline.briefing import brief
    from redline.cli.versions import load_version
    from redline.report.brief_page import brief_markdown, brief_text

    current = resolve(scenario, agenda, events, influence, date)
    uncertainty = None
    if montecarlo:
        from redline.uncertainty import montecarlo as run_montecarlo

        uncertainty = run_montecarlo(current.loaded, montecarlo, seed,
                                     agenda=list(current.agenda), events=current.events,
                                     influence=current.influence, sobol_samples=0).to_dict()
    earlier = load_version(since, db) if since else None
    data = brief(current, montecarlo=uncertainty, since=earlier).to_dict()
    if output is BriefFormat.json:
        print_json(data)
    elif output is BriefFormat.markdown:
        print(brief_markdown(data))
    else:
        print(brief_text(data))
