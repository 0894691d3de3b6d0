"""`redline thresholds` and `redline sweep`: how far a number can move before the answer changes."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from redline.cli.analysis import AgendaOpt, ScenarioArg, TableFormat, TableFormatOpt, print_data, split_ids
from redline.cli.app import app, out, user_errors
from redline.cli.whatif import EventsOpt, InfluenceOpt, MaxOutcomesOpt, describe, pressured
from redline.output import write_file
from redline.space.sweep import sweep
from redline.space.thresholds import thresholds


@app.command("thresholds")
@user_errors
def thresholds_command(
    scenario: ScenarioArg,
    agenda: AgendaOpt = None,
    events: EventsOpt = "active",
    influence: InfluenceOpt = "none",
    output: TableFormatOpt = TableFormat.text,
    max_outcomes: MaxOutcomesOpt = 5_000_000,
) -> None:
    """Break-even values: the reservation, weight or credibility past which the verdict or the
    Nash package changes (exact, not sampled)."""
    _, chosen, applied = pressured(scenario, events, influence)
    result = thresholds(chosen, split_ids(agenda), max_outcomes=max_outcomes)
    data = result.to_dict()
    data["pressure"] = applied
    if print_data(output, "thresholds", data):
        return
    out.print(f"[bold]{result.scenario_title}[/] - break-even values ({applied})")
    out.print(f"Agenda: {', '.join(result.agenda)}; verdict: {result.verdict}"
              + (f"; Nash: {describe(result.nash, result.agenda)}" if result.nash else ""))
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
    chart: Annotated[Path | None, typer.Option(
        "--chart", help="Also write the sweep as an SVG chart to this file.")] = None,
    output: TableFormatOpt = TableFormat.text,
    max_outcomes: MaxOutcomesOpt = 5_000_000,
) -> None:
    """The analysis along one parameter: verdict, ZOPA size, Nash package and gains per step."""
    from redline.report.explaining import sweep_figure

    _, chosen, applied = pressured(scenario, events, influence)
    result = sweep(chosen, param, start, stop, steps, split_ids(agenda),
                   max_outcomes=max_outcomes)
    data = result.to_dict()
    data["pressure"] = applied
    if chart is not None:
        write_file(chart, sweep_figure(data))
    if print_data(output, "sweep", data):
        return
    out.print(f"[bold]{result.scenario_title}[/] - sweep of {result.parameter} (now "
              f"{result.current:.3f}; {applied})")
    table = Table(result.parameter, "verdict", "ZOPA size", "Nash package",
                  *(f"gain {p}" for p in result.parties))
    previous = None
    for step in result.steps:
        package = describe(step.nash, result.agenda) if step.nash else "-"
        table.add_row(f"{step.value:.3f}", step.verdict, str(step.zopa_size),
                      "same" if step.nash and step.nash == previous else package,
                      *(f"{step.gains[p]:+.3f}" if step.gains else "-" for p in result.parties))
        previous = step.nash
    out.print(table)
    if chart is not None:
        out.print(f"Chart written to {chart}")
