"""`redline analyze`, `redline validate`, `redline schema`."""

from __future__ import annotations

import json
import math
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from redline.cli.app import app, out, user_errors
from redline.cli.rule_views import render_rule_note
from redline.cli.situation import (
    AgendaOpt,
    DateOpt,
    EventsOpt,
    InfluenceOpt,
    refusal_lines,
    resolve,
    show,
)
from redline.limits import MAX_OUTCOMES
from redline.scenario import Document, Scenario, load
from redline.space import Analysis, analyze
from redline.space.coalitions import analyze_coalitions
from redline.space.continuous import ExactAnalysis
from redline.space.polytope import ExactSolutions, exact_analysis, exact_coalitions


class OutputFormat(StrEnum):
    """``--format`` of the analysis commands: text for people, json for programs."""
    text = "text"
    json = "json"


class TableFormat(StrEnum):
    """``--format`` of commands that print a table: text, json or csv."""
    text = "text"
    json = "json"
    csv = "csv"


class Method(StrEnum):
    """``--method`` of ``redline analyze``: auto, enumerate every outcome, or merge the issues'
    frontiers."""
    auto = "auto"
    enumerate = "enumerate"
    merge = "merge"


ScenarioArg = Annotated[Path, typer.Argument(help="Scenario file (YAML or JSON, format redline/1).")]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="text or json.")]
TableFormatOpt = Annotated[TableFormat, typer.Option(
    "--format", "-f", help="text, json, or csv (the answer's table, for a spreadsheet).")]


def print_json(data: Any) -> None:
    """Print data as indented JSON, keeping non-ASCII characters."""
    print(json.dumps(data, indent=2, ensure_ascii=False))


def print_data(output: TableFormat, command: str, data: Any) -> bool:
    """Print `data` as JSON or as the CSV of its table; False when the output is text."""
    from redline.report.tables import TABLES, to_csv

    if output is TableFormat.json:
        print_json(data)
        return True
    if output is TableFormat.csv:
        print(to_csv(TABLES[command](data)), end="")
        return True
    return False


@app.command("analyze")
@user_errors
def analyze_command(
    scenario: ScenarioArg,
    agenda: AgendaOpt = None,
    output: TableFormatOpt = TableFormat.text,
    max_outcomes: Annotated[
        int, typer.Option("--max-outcomes", help="Enumeration limit.", min=1)
    ] = MAX_OUTCOMES,
    events: EventsOpt = "active",
    influence: InfluenceOpt = "none",
    date: DateOpt = None,
    method: Annotated[
        Method, typer.Option("--method", help="enumerate every outcome, merge the issues' "
                                              "frontiers (any size), or auto (default).")
    ] = Method.auto,
    exact: Annotated[bool, typer.Option(
        "--exact", help="Real-valued issues without a grid: also the exact solutions (two "
                        "parties: with the piecewise-linear frontier; under a vote: per "
                        "winning coalition).")] = False,
) -> None:
    """Bargaining space: ZOPA, Pareto frontier, Nash and other solutions, binding red lines."""
    current = resolve(scenario, agenda, events, influence, date)
    result = analyze(current, max_outcomes=max_outcomes, method=method.value)
    under_rule = None if current.scenario.voting_game().is_unanimity else analyze_coalitions(
        current.scenario, list(current.agenda), max_outcomes=max_outcomes)
    precise = exact_analysis(current) if exact and under_rule is None else None
    by_coalition = None if not exact or under_rule is None else exact_coalitions(
        current, [c.members for c in under_rule.coalitions],
        None if under_rule.likeliest is None else under_rule.likeliest.members)
    data = result.to_dict()
    if under_rule is not None:  # only a vote adds the key: unanimity output is unchanged
        data["decision_rule"] = under_rule.summary()
    if precise is not None:
        data["exact"] = precise.to_dict()
    if by_coalition is not None and under_rule is not None:
        data["exact"] = {"format": "redline-exact-coalitions/1", "rule": under_rule.rule,
                         "coalitions": [c.to_dict() for c in by_coalition]}
    if print_data(output, "analyze", data):
        return
    show(current)
    render_analysis(result)
    if under_rule is not None:
        render_rule_note(under_rule, result.zopa)
    if precise is not None:
        render_exact(precise, current.scenario)
    for deal in by_coalition or ():
        out.print(f"[bold]Coalition {' + '.join(deal.members)}[/]"
                  + (" (the likeliest)" if deal.likeliest else "") + ", exactly:")
        render_exact(deal.analysis, current.scenario)


def render_exact(result: ExactAnalysis | ExactSolutions, scenario: Scenario) -> None:
    """The exact frontier's size (two parties) and solutions, numbers with their units."""
    if not result.zopa:
        out.print("Exact: no deal without a grid either.")
        return
    issues = ", ".join(result.real_issues) or "none"
    if isinstance(result, ExactAnalysis):
        out.print(f"[bold]Exact[/] (real issues {issues}; {result.cells:,} cells): frontier of "
                  f"{len(result.frontier)} straight piece(s), {len(result.vertices)} vertices.")
    else:
        out.print(f"[bold]Exact[/] (real issues {issues}; {result.cells:,} cells, linear "
                  f"programmes on {result.solved:,}; the Nash product is certified within "
                  f"a relative {math.expm1(result.nash_gap):.1g} of the best).")
    table = Table(title="Exact solutions (no grid)")
    table.add_column("issue")
    names = list(result.solutions)
    for name in names:
        table.add_column(name.replace("_", "-"))
    for issue in result.agenda:
        unit = scenario.issue(issue).unit
        cells = []
        for name in names:
            value = result.solutions[name].package[issue]
            cells.append(f"{value:.4g}{' ' + unit if unit else ''}" if isinstance(value, float)
                         else str(value))
        table.add_row(issue, *cells)
    for party in result.parties:
        table.add_row(f"{party} utility",
                      *(f"{result.solutions[n].utilities[party]:.4f}" for n in names))
    out.print(table)
    open_ends = [n for n in names if not result.solutions[n].attained]
    if open_ends:
        out.print(f"On an open boundary (a strict red line; approached, not reached): "
                  f"{', '.join(open_ends)}")


def render_analysis(result: Analysis) -> None:
    """Print an analysis for people: parties and reservations, the agenda, outcome counts,
    whether a ZOPA exists and, when it does, the Pareto frontier, the solutions and what binds
    them."""
    scenario = result.scenario
    out.print(f"[bold]{scenario.title}[/]")
    pairs = zip(result.parties, result.reservations, strict=True)
    reservations = ", ".join(f"{p} {d:.2f}" for p, d in pairs)
    out.print(f"Parties: {', '.join(result.parties)}   reservations: {reservations}")
    off = [i.id for i in scenario.issues if i.id not in result.agenda]
    out.print(f"Agenda: {', '.join(result.agenda) or '(none)'}"
              + (f"   off the table (status quo): {', '.join(off)}" if off else ""))
    if result.refused_by:
        assert result.situation is not None  # analyze records its situation
        for line in refusal_lines(result.situation):
            out.print(line)
        return
    zopa_size = "not counted" if result.zopa_size is None else f"{result.zopa_size:,}"
    out.print(f"Outcomes: {result.outcomes:,}   satisfy every red line: {result.feasible:,}   "
              f"in the ZOPA: {zopa_size}   (method: {result.method})")
    if not result.zopa:
        out.print("[bold red]ZOPA: empty[/] - no agreement is acceptable to every party "
                  "and better for each than no deal.")
    else:
        out.print(f"[bold green]ZOPA: a deal exists[/] - Pareto frontier of "
                  f"{len(result.frontier)} outcome(s).")
        out.print(solutions_table(result))
    if result.binding_red_lines:
        out.print(f"Binding red lines (removing one changes the frontier): "
                  f"{', '.join(result.binding_red_lines)}")
    else:
        out.print("No red line binds: removing any one leaves the frontier unchanged.")


def solutions_table(result: Analysis) -> Table:
    """Issues down, solutions across; solutions that pick the same package share a column."""
    columns: dict[tuple[int, ...], list[str]] = {}
    chosen = {}
    named = [(n.replace("_", "-"), s) for n, s in result.solutions.items()]
    named += [(f"best for {p}", s) for p, s in result.best_for.items()]
    for name, solution in named:
        if solution is None:
            continue
        tie = f" ({solution.ties} tied)" if solution.ties > 1 else ""
        columns.setdefault(solution.options, []).append(name + tie)
        chosen[solution.options] = solution
    table = Table(title="Solutions on the Pareto frontier")
    table.add_column("issue")
    for names in columns.values():
        table.add_column(" =\n".join(names))
    for issue in result.agenda:
        table.add_row(issue, *(result.labels(o)[issue] for o in columns))
    for j, party in enumerate(result.parties):
        d = result.reservations[j]
        table.add_row(f"{party} utility (gain)",
                      *(f"{chosen[o].utilities[j]:.3f} ({chosen[o].utilities[j] - d:+.3f})"
                        for o in columns))
    return table


@app.command("validate")
@user_errors
def validate_command(scenario: ScenarioArg) -> None:
    """Check a scenario; exit non-zero with every problem, its place and its fix."""
    loaded = load(scenario)
    for notice in loaded.notices:
        out.print(f"note: {notice}")
    doc = loaded.document
    out.print(f"{scenario}: valid redline/1 scenario '{doc.title}': {len(doc.actors)} actors, "
              f"{len(doc.issues)} issues, {len(doc.red_lines)} red lines")


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the scenario format (for editors)."""
    schema = Document.model_json_schema(by_alias=True)
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "redline scenario (format redline/1)"
    print(json.dumps(schema, indent=2))
