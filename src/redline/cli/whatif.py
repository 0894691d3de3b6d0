"""`redline agendas`, `redline explain`, `redline compare`, `redline montecarlo`: what-if questions."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn
from rich.table import Table

from redline.cli.analysis import (
    FormatOpt,
    OutputFormat,
    ScenarioArg,
    TableFormat,
    TableFormatOpt,
    print_data,
    print_json,
)
from redline.cli.app import app, err, out, user_errors
from redline.cli.rule_views import render_rule_agendas, render_rule_note
from redline.cli.situation import (
    AgendaOpt,
    DateOpt,
    EventsOpt,
    InfluenceOpt,
    resolve,
    show,
    split_ids,
)
from redline.errors import RedlineError
from redline.limits import MAX_EXPLAIN_WORK, MAX_OUTCOMES
from redline.scenario import load
from redline.scenario.pressure import select_events, select_influence, utility_changes
from redline.scenario.situation import situation
from redline.space.agendas import AgendaResult, Agendas, analyze_agendas
from redline.space.coalitions import analyze_coalitions
from redline.space.compare import Comparison, compare
from redline.space.explain import Explanation, explain

MaxOutcomesOpt = Annotated[int, typer.Option("--max-outcomes", help="Enumeration limit.", min=1)]


def describe(outcome: dict[str, str], issues: tuple[str, ...] | list[str]) -> str:
    """A package in words: ``issue option`` for each of ``issues``."""
    return ", ".join(f"{i} {outcome[i]}" for i in issues)


def gains_text(gains: dict[str, float]) -> str:
    """Gains per party with their sign, e.g. ``USA +0.120, IRN -0.030``."""
    return ", ".join(f"{p} {g:+.3f}" for p, g in gains.items())


# --- agendas ----------------------------------------------------------------------------------


@app.command("agendas")
@user_errors
def agendas_command(
    scenario: ScenarioArg,
    events: EventsOpt = "active",
    influence: InfluenceOpt = "none",
    date: DateOpt = None,
    output: TableFormatOpt = TableFormat.text,
    issues: Annotated[str | None, typer.Option(
        "--issues", "--agenda", "-a",
        help="Only agendas made of these issues (comma-separated; default: all).")] = None,
    top: Annotated[int, typer.Option("--top", help="Agendas shown in the table.", min=1)] = 12,
    max_agendas: Annotated[int, typer.Option("--max-agendas", min=1,
                                             help="Agendas analysed at most.")] = 4096,
    max_outcomes: MaxOutcomesOpt = MAX_OUTCOMES,
) -> None:
    """Every agenda (issues on the table): refusals, ZOPA, Nash point, gains, linkage; ranked."""
    current = resolve(scenario, issues, events, influence, date)
    result = analyze_agendas(current, max_outcomes=max_outcomes, max_agendas=max_agendas)
    under_rule = None if current.scenario.voting_game().is_unanimity else [
        analyze_coalitions(current.scenario, list(entry.issues), max_outcomes=max_outcomes)
        for entry in result.agendas[:top] if entry.issues]
    data = result.to_dict()
    if under_rule is not None:  # only a vote adds the key: unanimity output is unchanged
        data["decision_rule"] = {"rule": under_rule[0].rule if under_rule else None,
                                 "agendas": [{"issues": list(r.agenda), **r.summary()}
                                             for r in under_rule]}
    if print_data(output, "agendas", data):
        return
    show(current)
    render_agendas(result, top)
    if under_rule is not None:
        render_rule_agendas(under_rule)


def _name(issues: tuple[str, ...]) -> str:
    return " + ".join(issues)


def _find(result: Agendas, issues: set[str]) -> AgendaResult | None:
    return next((a for a in result.agendas if set(a.issues) == issues), None)


def _verdict(entry: AgendaResult) -> str:
    if entry.refused_by:
        return (f"{', '.join(entry.refused_by)} refuses to negotiate "
                f"({', '.join(entry.refusing_red_lines)})")
    if not entry.zopa:
        binding = f" (blocked by {', '.join(entry.binding_red_lines)})" \
            if entry.binding_red_lines else " (no package beats every party's reservation)"
        return "no deal" + binding
    assert entry.nash is not None
    return (f"a deal exists (Nash: {describe(entry.nash.outcome, entry.issues)}; "
            f"gains {gains_text(entry.gains)})")


def render_agendas(result: Agendas, top: int) -> None:
    """Print the agendas ranked by joint gain at the Nash point (deal, Nash package, gains, what
    linkage adds), then the refused agendas grouped by reason."""
    out.print(f"[bold]{result.scenario_title}[/] - agendas")
    table = Table(title="Agendas ranked by joint gain at the Nash point")
    for column in ("#", "agenda", "deal", "Nash point (issues on the table)",
                   *(f"gain {p}" for p in result.parties), "linkage adds"):
        table.add_column(column)
    shown = [a for a in result.agendas if not a.refused_by][:top]
    for rank, entry in enumerate(shown, 1):
        nash = describe(entry.nash.outcome, entry.issues) if entry.nash else "-"
        table.add_row(str(rank), _name(entry.issues), "yes" if entry.zopa else "no", nash,
                      *(f"{entry.gains[p]:+.3f}" if entry.zopa else "-" for p in result.parties),
                      ", ".join(entry.adds_value) or "-")
    out.print(table)
    refused: dict[tuple[str, ...], int] = {}
    for entry in result.agendas:
        if entry.refused_by:
            key = (*entry.refused_by, *entry.refusing_red_lines)
            refused[key] = refused.get(key, 0) + 1
    for key, count in refused.items():
        entry = next(a for a in result.agendas
                     if a.refused_by and (*a.refused_by, *a.refusing_red_lines) == key)
        out.print(f"Refused: {count} agenda(s) - {_verdict(entry)}.")
    deals = [a for a in result.agendas if a.zopa]
    if not deals:
        out.print("[bold red]No agenda has a deal.[/] Run `redline explain` to see what blocks it.")
    else:
        best = deals[0]
        out.print(f"[bold green]{_name(best.issues)}[/]: {_verdict(best)}.")
        issues = result.situation.agenda if result.situation is not None else ()
        for issue in issues:
            if issue in best.issues:
                continue
            grown = _find(result, {*best.issues, issue})
            if grown is not None:
                out.print(f"  adding {issue}: {_verdict(grown)}.")
        for issue in best.issues:
            shrunk = _find(result, set(best.issues) - {issue})
            if shrunk is not None and shrunk.issues:
                out.print(f"  dropping {issue}: {_verdict(shrunk)}.")
        smallest = min(deals, key=lambda a: len(a.issues))
        if smallest is not best:
            out.print(f"Smallest agenda with a deal: {_name(smallest.issues)}: "
                      f"{_verdict(smallest)}.")
        if not any(a.zopa for a in result.agendas if len(a.issues) == 1):
            out.print("No single issue carries a deal on its own: every deal links issues "
                      "(logrolling).")
        if best.linkage_gain is not None:
            out.print(f"Linkage gain of {_name(best.issues)} over settling each issue on its "
                      f"own: {best.linkage_gain:+.4f} (Nash product).")
    for party, agenda in result.preferred.items():
        text = _name(agenda) if agenda else "none (no agenda gives it a deal)"
        out.print(f"{party} prefers: {text}")
    out.print(f"Every party accepts {len(result.accepted)} agenda(s)"
              + (f"; the best for all: {_name(result.accepted[0])}" if result.accepted else "")
              + ".")
    skipped = ", ".join(f"{k.replace('_', ' ')}: {v}" for k, v in result.skipped_reasons.items())
    out.print(f"Skipped: {result.skipped}" + (f" ({skipped})" if skipped else ""))


# --- explain ----------------------------------------------------------------------------------


@app.command("explain")
@user_errors
def explain_command(
    scenario: ScenarioArg,
    agenda: AgendaOpt = None,
    events: EventsOpt = "active",
    influence: InfluenceOpt = "none",
    date: DateOpt = None,
    output: FormatOpt = OutputFormat.text,
    max_size: Annotated[int, typer.Option("--max-size", min=1,
                                          help="Largest blocking set listed.")] = 3,
    max_outcomes: MaxOutcomesOpt = MAX_OUTCOMES,
    max_work: Annotated[int, typer.Option(
        "--max-work", min=1, help="Checks (outcomes x constraints, per analysis) the "
        "explanation may make over all its analyses.")] = MAX_EXPLAIN_WORK,
) -> None:
    """Why no deal: minimal sets of constraints whose removal opens a ZOPA (or what binds a deal)."""
    current = resolve(scenario, agenda, events, influence, date)
    result = explain(current, max_size=max_size, max_outcomes=max_outcomes, max_work=max_work)
    under_rule = None if current.scenario.voting_game().is_unanimity else analyze_coalitions(
        current.scenario, list(current.agenda), max_outcomes=max_outcomes)
    if output is OutputFormat.json:
        data = result.to_dict()
        if under_rule is not None:  # only a vote adds the key: unanimity output is unchanged
            data["decision_rule"] = under_rule.summary()
        print_json(data)
        return
    show(current)
    render_explanation(result)
    if under_rule is not None:
        render_rule_note(under_rule, result.zopa)


def render_explanation(result: Explanation) -> None:
    """Print why there is no deal (the minimal blocking sets and what each opens) or what binds
    the deal there is."""
    out.print(f"[bold]{result.scenario_title}[/] - explanation")
    out.print(f"Agenda: {', '.join(result.agenda)}")
    if not result.zopa:
        out.print("[bold red]ZOPA: empty.[/] Minimal sets of constraints whose removal opens a "
                  "deal, smallest first:")
        for k, blocking in enumerate(result.blocking_sets, 1):
            out.print(f" {k}. {{{', '.join(blocking.constraints)}}}: "
                      + "; ".join(g.in_words() for g in blocking.gives_up))
            opens = blocking.opens
            utilities = ", ".join(f"{p} {u:.3f}" for p, u in opens.utilities.items())
            out.print(f"    opens: {describe(opens.outcome, result.agenda)} ({utilities})")
        if not result.blocking_sets:
            out.print(f" none of size <= {result.parameters['max_size']}")
        if result.beyond_limit:
            out.print(f" ({result.beyond_limit} larger minimal set(s) not listed; raise "
                      "--max-size to see them)")
        return
    assert result.nash is not None
    out.print(f"[bold green]ZOPA: a deal exists.[/] Nash: "
              f"{describe(result.nash.outcome, result.agenda)}")
    if result.binding:
        for entry in result.binding:
            moved = entry.nash_without
            out.print(f" {entry.constraint} ({entry.actor}) binds the Nash point: without "
                      f"it, {describe(moved.outcome, result.agenda)} "
                      f"(change {gains_text(entry.change)})")
    else:
        out.print(" No red line binds the Nash point: removing any one leaves it where it is.")
    for party, room in result.headroom.items():
        out.print(f" {party} could raise its reservation by {room:.3f} before the ZOPA empties.")


# --- compare ----------------------------------------------------------------------------------


@app.command("compare")
@user_errors
def compare_command(
    scenarios: Annotated[list[Path], typer.Argument(
        help="A scenario file; or two versions of one (then the same as `redline diff`).")],
    event: Annotated[list[str] | None, typer.Option(
        "--event", help="Event whose effect is shown (repeatable).")] = None,
    edge: Annotated[list[str] | None, typer.Option(
        "--edge", help="Influence edge FROM:TO:ISSUE whose effect is shown (repeatable).")] = None,
    agenda: AgendaOpt = None,
    events: EventsOpt = "active",
    influence: InfluenceOpt = "none",
    date: DateOpt = None,
    output: FormatOpt = OutputFormat.text,
    max_outcomes: MaxOutcomesOpt = MAX_OUTCOMES,
) -> None:
    """The effect of events / influence edges: ZOPA size, Nash point, who gains.

    The baseline is the situation under --events and --influence without the compared events and
    edges; the variant adds them.
    Given two scenario files, compares the two versions instead (see `redline diff`).
    """
    if len(scenarios) == 2 and not event and not edge:
        from redline.cli.versions import diff_command

        err.print("[dim]two scenarios: comparing the versions (the same as `redline diff`)[/]")
        diff_command(str(scenarios[0]), str(scenarios[1]), agenda, events, influence, date,
                     None, output)
        return
    if len(scenarios) != 1:
        raise RedlineError("give one scenario (with --event/--edge), or two versions of a "
                           "scenario without them (see `redline diff OLD NEW`)")
    loaded = load(scenarios[0])
    compared_events = select_events(loaded, ",".join(event or []))
    compared_edges = select_influence(loaded, ",".join(edge or []))
    if not compared_events and not compared_edges:
        raise RedlineError("nothing to compare. Fix: give --event ID or --edge FROM:TO:ISSUE")
    base_events = [e for e in select_events(loaded, events) if e not in compared_events]
    base_edges = [e for e in select_influence(loaded, influence) if e not in compared_edges]
    agenda_ids = split_ids(agenda)
    before = situation(loaded, agenda_ids, events=base_events, influence=base_edges, date=date)
    after = situation(loaded, agenda_ids, events=[*base_events, *compared_events],
                      influence=[*base_edges, *compared_edges], date=date)
    change = {"events": list(compared_events), "influence": list(compared_edges),
              "baseline_events": list(before.events), "baseline_influence": list(before.influence),
              "changes": utility_changes(before.scenario, after.scenario)}
    result = compare(before, after, change=change, max_outcomes=max_outcomes)
    if output is OutputFormat.json:
        print_json(result.to_dict())
        return
    render_comparison(result)


def render_comparison(result: Comparison) -> None:
    """Print the effect of events or influence edges: what they changed per actor, then the ZOPA
    and the Nash package before and after."""
    data = result.to_dict()
    change = data["change"]
    what = ", ".join([*change["events"], *change["influence"]])
    out.print(f"[bold]{data['scenario']}[/] - effect of {what} "
              f"(baseline events: {', '.join(change['baseline_events']) or 'none'})")
    for actor, moved in change["changes"].items():
        parts = []
        if "reservation" in moved:
            a, b = moved["reservation"]
            parts.append(f"reservation {a:.3f} -> {b:.3f}")
        for issue, (a, b) in moved.get("weights", {}).items():
            parts.append(f"weight {issue} {a:.3f} -> {b:.3f}")
        out.print(f" {actor}: {', '.join(parts)}")
    before, after, delta = data["before"], data["after"], data["delta"]
    if "decision_rule" in data:  # a vote: the likeliest coalition's deal, before and after
        render_rule_comparison(data["decision_rule"], data["agenda"])
    if before["nash"] is None and after["nash"] is None:
        for name, side in (("before", before), ("after", after)):
            why = (f"{', '.join(side['refused_by'])} refuses to negotiate this agenda"
                   if side["refused_by"] else "no package is acceptable to every party")
            out.print(f" {name}: ZOPA empty ({side['zopa_size']} outcomes) - {why}")
        out.print("Nothing to compare at the table; try --agenda (see `redline agendas`).")
        return
    table = Table(title=f"Agenda: {', '.join(data['agenda'])}")
    table.add_column("")
    table.add_column("before")
    table.add_column("after")
    table.add_row("ZOPA size", str(before["zopa_size"]), str(after["zopa_size"]))
    for issue in data["agenda"]:
        table.add_row(f"Nash {issue}",
                      *((s["nash"]["outcome"][issue] if s["nash"] else "-") for s in (before, after)))
    for party in result.before.parties:
        table.add_row(f"{party} utility (gain)", *(
            f"{s['nash']['utilities'][party]:.3f} ({s['gains'][party]:+.3f})" if s["nash"]
            else "-" for s in (before, after)))
    out.print(table)
    if delta["utility"] is not None:
        gainers = ", ".join(delta["gainers"]) or "nobody"
        size = "not counted" if delta["zopa_size"] is None else f"{delta['zopa_size']:+d}"
        out.print(f"ZOPA size {size}; Nash point moved on "
                  f"{', '.join(delta['moved']) or 'no issue'}.")
        out.print(f"Utility at the Nash point: {gains_text(delta['utility'])} (gains at the "
                  f"table: {gainers}); surplus over each party's own no-deal value: "
                  f"{gains_text(delta['gain'])}.")
    else:
        out.print(f"ZOPA: {'exists' if before['zopa'] else 'empty'} before, "
                  f"{'exists' if after['zopa'] else 'empty'} after.")


def render_rule_comparison(rule: dict[str, Any], agenda: list[str]) -> None:
    """Under a vote: who adopts which deal before and after the change."""
    out.print(f"[bold]Decision rule:[/] {rule['rule']}")
    for name in ("before", "after"):
        side = rule[name]
        if side["likeliest"] is None:
            out.print(f" {name}: no winning coalition has a deal")
            continue
        labels = ", ".join(f"{i}={side['deal']['outcome'][i]}" for i in agenda)
        overrides = ", ".join(side["overrides"])
        out.print(f" {name}: {', '.join(side['likeliest'])} would adopt {labels}"
                  + (f", overriding {overrides}" if overrides else ""))
    if rule["utility"] is not None:
        out.print(f" The coalition {'changes' if rule['coalition_changed'] else 'stays'}; the "
                  f"deal moved on {', '.join(rule['moved']) or 'no issue'}; utility at the "
                  f"deal (binding on all): {gains_text(rule['utility'])}.")
    out.print("The unanimity view (every party must agree) follows.")


# --- montecarlo -------------------------------------------------------------------------------


@app.command("montecarlo")
@user_errors
def montecarlo_command(
    scenario: ScenarioArg,
    runs: Annotated[int, typer.Option("--runs", "-n", help="Scenarios drawn.")] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="Seed (same seed, same numbers).")] = 0,
    engine: Annotated[str, typer.Option("--engine", help="local, processes or dask.")] = "local",
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Dask scheduler address (default: a local cluster).")] = None,
    workers: Annotated[int | None, typer.Option("--workers", help="Worker processes.")] = None,
    agenda: AgendaOpt = None,
    events: EventsOpt = "active",
    influence: InfluenceOpt = "none",
    date: DateOpt = None,
    sensitivity_output: Annotated[str, typer.Option(
        "--output", help="Sensitivity output: zopa, joint_gain, or gain:PARTY.")] = "zopa",
    sobol_samples: Annotated[int, typer.Option(
        "--sobol", help="Sobol base sample size (power of 2; 0: tornado only).")] = 256,
    output: TableFormatOpt = TableFormat.text,
    max_outcomes: MaxOutcomesOpt = MAX_OUTCOMES,
) -> None:
    """Red lines under uncertainty: P(ZOPA), Nash package shares, gain intervals, sensitivity."""
    from redline.scenario.sampling import parameters
    from redline.uncertainty import montecarlo
    from redline.uncertainty.report import evaluations

    current = resolve(scenario, agenda, events, influence, date)
    loaded, chosen_events, chosen_edges = current.loaded, current.events, current.influence
    total = evaluations(len(parameters(loaded)), runs, max(0, sobol_samples))
    with Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                  TimeRemainingColumn(), console=err, transient=True,
                  disable=total < 2000 or output is not TableFormat.text) as bar:
        task = bar.add_task("scenarios evaluated", total=total)
        result = montecarlo(loaded, runs, seed, engine, agenda=list(current.agenda),
                            events=chosen_events, influence=chosen_edges,
                            output=sensitivity_output, sobol_samples=sobol_samples,
                            workers=workers, scheduler=scheduler, max_outcomes=max_outcomes,
                            progress=lambda n: bar.advance(task, n))
    data = {**result.to_dict(), "situation": current.to_dict()}
    if print_data(output, "montecarlo", data):
        return
    show(current)
    out.print(f"[bold]{data['scenario']}[/] - {runs:,} draws, seed {seed}, engine {engine}")
    out.print(f"P(ZOPA) = {data['p_zopa']:.3f} (± {1.96 * data['p_zopa_se']:.3f}, 95%); "
              f"P(talks refused) = {data['p_refused']:.3f}")
    table = Table(title="Share of deals choosing each option, at the Nash and the "
                        "Kalai-Smorodinsky package")
    table.add_column("issue")
    table.add_column("Nash")
    table.add_column("Kalai-Smorodinsky")
    for issue, shares in data["nash_options"].items():
        table.add_row(issue, *(", ".join(f"{o} {s:.0%}" if s >= 0.005 else f"{o} <1%"
                                         for o, s in chosen.items() if s > 0)
                               or "-" for chosen in (shares, data["ks_options"][issue])))
    out.print(table)
    if "coalition_members" in data:  # a vote: the likeliest winning coalition adopts each deal
        out.print(f"Decision rule: {data['parameters']['decision_rule']}. Share of deals adopted "
                  "with each party in the coalition: " + ", ".join(
                      f"{p} {s:.0%}" for p, s in data["coalition_members"].items()))
    for party, interval in data["gains"].items():
        if interval is None:
            out.print(f"{party} gain at the Nash point: no deal in any draw")
        else:
            out.print(f"{party} gain at the Nash point: median {interval['median']:+.3f}, "
                      f"90% interval [{interval['p05']:+.3f}, {interval['p95']:+.3f}]")
    sens = Table(title=f"Sensitivity of {data['sensitivity_output']}")
    for column in ("parameter", "tornado low", "tornado high", "swing", "Sobol S1", "Sobol ST"):
        sens.add_column(column)
    for row in data["sensitivity"]:
        sens.add_row(row["parameter"], f"{row['low']:.3f}", f"{row['high']:.3f}",
                     f"{row['swing']:.3f}",
                     *(f"{row[k]:.3f} ± {row[k + '_conf']:.3f}" if k in row else "-"
                       for k in ("S1", "ST")))
    out.print(sens)
