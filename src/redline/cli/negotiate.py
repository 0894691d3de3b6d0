"""`redline simulate` and `redline tournament`: play negotiations out, direct or mediated."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from redline.cli.analysis import ScenarioArg, TableFormat, TableFormatOpt, print_data
from redline.cli.app import app, out, user_errors
from redline.cli.situation import (
    AgendaOpt,
    DateOpt,
    EventsOpt,
    InfluenceOpt,
    refusal_lines,
    resolve,
    show,
    split_ids,
)
from redline.errors import RedlineError
from redline.limits import MAX_MEDIATION, MAX_OUTCOMES, MAX_TOURNAMENT_TURNS
from redline.negotiate import (
    REGISTRY,
    Domain,
    Setup,
    from_scenario,
    landmarks,
    simulate,
    strategy,
    summarize,
    tournament,
)
from redline.negotiate.engine import Engine, play
from redline.output import write_file
from redline.scenario.situation import Situation
from redline.uncertainty.engines import ENGINES, chunk_size
from redline.uncertainty.engines import Engine as Pool


class Protocol(StrEnum):
    """``--protocol`` of ``redline simulate``: one protocol, or several side by side (``both``,
    ``all``)."""
    alternating = "alternating"
    mediated = "mediated"
    mediated_nash = "mediated-nash"
    coalition = "coalition"  # offers adopted by a winning coalition under the decision rule
    both = "both"  # direct alternating offers vs the single-text mediator
    all = "all"  # direct, single-text mediator and Nash-steering mediator


PROTOCOL_RUNS = {
    Protocol.alternating: ("alternating",),
    Protocol.mediated: ("mediated",),
    Protocol.mediated_nash: ("mediated-nash",),
    Protocol.coalition: ("coalition",),
    Protocol.both: ("alternating", "mediated"),
    Protocol.all: ("alternating", "mediated", "mediated-nash"),
}
LABELS = {"alternating": "direct (alternating offers)", "mediated": "mediated (single text)",
          "mediated-nash": "mediated (toward Nash)",
          "coalition": "coalition offers (decision rule)"}
BATCH = 2048
"""Sessions per chunk at most: one numpy batch (its uniforms take rounds x parties x 8 bytes
per session)."""


MaxOutcomesOpt = Annotated[int, typer.Option(
    "--max-outcomes", min=1, help="Packages the negotiation may list at most.")]


class OptionError(RedlineError):
    """A command-line option that cannot be used."""


def engine_named(name: str, workers: int | None = None, scheduler: str | None = None) -> Pool:
    """The uncertainty package's engine of that name (open it with `with`)."""
    if name not in ENGINES:
        raise OptionError(f"--engine: unknown engine {name!r}. Fix: use one of "
                          + ", ".join(ENGINES))
    if scheduler is not None and name != "dask":
        raise OptionError("--scheduler is the address of a Dask scheduler. Fix: add "
                          "--engine dask, or drop --scheduler")
    return Pool(name, workers, scheduler)


def fanned_out(pool: Pool) -> Engine:
    """Sessions' chunks on an open engine, in order (a negotiation engine, see
    :func:`redline.negotiate.simulate`)."""
    def engine(task: Any, setup: Setup, chunks: list[tuple[int, Sequence[Any]]],
               transcript: bool) -> list[Any]:
        return pool.map(partial(play, task, setup, transcript), chunks)

    return engine


def batch_size(runs: int, pool: Pool) -> int:
    """One chunk of sessions per worker (sessions cost alike), at most BATCH."""
    return chunk_size(runs, pool.slots, BATCH, per_slot=1)


def strategy_profile(domain: Domain, pairs: list[str] | None, default: str) -> tuple[Any, ...]:
    """`--strategy PARTY=NAME` options -> one strategy per party (the default elsewhere)."""
    chosen = dict.fromkeys(domain.parties, default)
    for pair in pairs or []:
        party, sep, name = pair.partition("=")
        if not sep or not name.strip():
            raise OptionError(f"--strategy {pair!r}: expected PARTY=NAME, e.g. "
                              f"{domain.parties[0]}=boulware")
        if party.strip() not in chosen:
            raise OptionError(f"--strategy {pair!r}: {party.strip()!r} is not a party; the "
                              "parties are " + ", ".join(domain.parties))
        chosen[party.strip()] = name.strip()
    return tuple(strategy(chosen[p]) for p in domain.parties)


EngineOpt = Annotated[str, typer.Option(
    "--engine", help="Where sessions run: local, processes or dask (same seed, same results).")]
SchedulerOpt = Annotated[str | None, typer.Option(
    "--scheduler", help="Dask scheduler address, e.g. tcp://host:8786 (default: a local "
    "cluster).")]
WorkersOpt = Annotated[int | None, typer.Option(
    "--workers", min=1, help="Worker processes (processes, or the local Dask cluster).")]


def number(x: float | None, digits: int = 3) -> str:
    """A number with ``digits`` decimals, or ``-`` for None."""
    return "-" if x is None else f"{x:.{digits}f}"


@app.command("simulate")
@user_errors
def simulate_command(
    scenario: ScenarioArg,
    protocol: Annotated[Protocol, typer.Option(
        "--protocol", "-p", help="alternating, mediated, mediated-nash, coalition (a winning "
        "coalition under the decision rule adopts), both (direct vs mediated) or all.")
    ] = Protocol.alternating,
    strategies: Annotated[list[str] | None, typer.Option(
        "--strategy", "-s", help="PARTY=NAME, repeatable; names: " + ", ".join(REGISTRY)
        + ".")] = None,
    default: Annotated[str, typer.Option(
        "--default-strategy", help="Strategy of parties without --strategy.")] = "linear",
    runs: Annotated[int, typer.Option("--runs", "-n", min=1, help="Sessions per protocol.")] = 1000,
    rounds: Annotated[int, typer.Option("--rounds", "-r", min=1, help="Deadline in rounds.")] = 100,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the run.")] = 0,
    breakdown: Annotated[float, typer.Option(
        "--breakdown", help="Per-round probability that talks collapse.")] = 0.0,
    reach: Annotated[int, typer.Option(
        "--reach", min=1, help="Issues a mediator may change in one proposal.")] = 2,
    discount: Annotated[str, typer.Option(
        "--discount", help="'none', or 'scenario': each party's discount factor per turn from "
        "its preferences (GENIUS's discount_factor; 1 where none is given), alternating offers "
        "only.")] = "none",
    max_outcomes: MaxOutcomesOpt = MAX_OUTCOMES,
    max_mediation: Annotated[int, typer.Option(
        "--max-mediation", min=1, help="Cells (texts x moves) of the tables a mediator may "
        "build.")] = MAX_MEDIATION,
    agenda: AgendaOpt = None,
    events: EventsOpt = "active",
    influence: InfluenceOpt = "none",
    date: DateOpt = None,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    workers: WorkersOpt = None,
    transcript: Annotated[Path | None, typer.Option(
        "--transcript", help="Write every offer, vote and response to this JSON file.")] = None,
    output: TableFormatOpt = TableFormat.text,
) -> None:
    """Play negotiations out: direct alternating offers and/or a mediator's single text."""
    current = resolve(scenario, agenda, events, influence, date)
    domain = from_scenario(current, max_outcomes=max_outcomes)
    profile = strategy_profile(domain, strategies, default)
    if discount not in ("none", "scenario"):
        raise RedlineError(f"--discount {discount!r}: give 'none' or 'scenario'")
    factors = None if discount == "none" else tuple(
        current.scenario.utilities[p].discount or 1.0 for p in domain.parties)
    setups = [Setup(domain, profile, protocol=name, rounds=rounds, breakdown=breakdown,
                    reach=reach, discounts=factors if name == "alternating" else None,
                    game=current.scenario.voting_game(),
                    max_mediation=max_mediation)
              for name in PROTOCOL_RUNS[protocol]]
    reference = landmarks(current, domain)
    records, logs = [], []
    with engine_named(engine, workers, scheduler) as pool:
        for setup in setups:
            started = time.perf_counter()
            sessions = simulate(setup, runs, seed, chunk_size=batch_size(runs, pool),
                                engine=fanned_out(pool), transcript=transcript is not None)
            summary = summarize(sessions, reference, time.perf_counter() - started)
            records.append({**summary.record(setup.protocol, domain),
                            "situation": current.to_dict()})
            if transcript is not None:
                logs.append({"protocol": setup.protocol, "setup": setup.describe(),
                             "sessions": list(sessions.transcript)})
    if transcript is not None:
        write_file(transcript, json.dumps({"format": "redline-transcript/1", "seed": seed,
                                           "runs": logs}, ensure_ascii=False))
    if print_data(output, "simulate", records[0] if len(records) == 1 else
                  {"format": "redline-simulation/1", "situation": current.to_dict(),
                   "comparison": records}):
        return
    show(current)
    rule_notice(current)
    render_simulation(current, domain, records, seed)


def rule_notice(current: Situation) -> None:
    """Under a vote: one line saying that a winning coalition's acceptance ends the talks."""
    game = current.scenario.voting_game()
    if not game.is_unanimity:
        out.print(f"[bold]Decision rule:[/] {game.describe()}. In every protocol a winning "
                  "coalition's acceptance ends the talks and binds the outvoted parties; the "
                  "distances to the Nash point and the frontier, and the Pareto shares, are "
                  "measured against the deals every party accepts.")


def render_simulation(current: Situation, domain: Domain, records: list[dict[str, Any]],
                      seed: int) -> None:
    """Print simulated talks for people: one column per protocol with agreement rate, rounds,
    mean utilities, distances to the Nash point and the frontier, endings and speed, then the
    commonest agreements."""
    out.print(f"[bold]{current.title}[/]")
    out.print(f"Agenda: {', '.join(domain.issues)}   strategies: "
              + ", ".join(f"{p}={s}" for p, s in records[0]["strategies"].items())
              + f"   runs: {records[0]['runs']:,}   rounds: {records[0]['rounds']}"
              + f"   seed: {seed}")
    if domain.refused_by:
        out.print("\n".join(refusal_lines(current)))
        if current.scenario.voting_game().is_unanimity:  # under a vote the others may go on
            return
    table = Table(title="Simulated talks")
    table.add_column("")
    for record in records:
        table.add_column(LABELS[record["protocol"]], justify="right")
    rows: list[tuple[str, list[str]]] = [
        ("agreement rate", [f"{r['agreement_rate']:.1%}" for r in records]),
        ("mean rounds", [f"{r['mean_rounds']:.1f}" for r in records]),
    ]
    for party in domain.parties:
        rows.append((f"mean utility {party}",
                     [f"{r['mean_utilities'][party]:.3f}" for r in records]))
    rows += [
        ("distance to Nash", [number(r["nash_distance"]) for r in records]),
        ("distance to frontier", [number(r["frontier_distance"]) for r in records]),
        ("Pareto-optimal deals", [number(r["pareto_rate"]) for r in records]),
        ("deals off the frontier", ["-" if r["off_frontier"] is None
                                    else f"{r['off_frontier']:.1%}" for r in records]),
        ("endings", [", ".join(f"{k} {v}" for k, v in r["endings"].items())
                     for r in records]),
        ("sessions/s", [f"{r['sessions_per_second']:,.0f}" for r in records]),
    ]
    for label, cells in rows:
        table.add_row(label, *cells)
    out.print(table)
    for record in records:
        render_agreements(record)
    out.print("[dim]No deal counts as each party's reservation in the mean utilities; "
              "distances are means over deals, in utility space.[/]")


def render_agreements(record: dict[str, Any]) -> None:
    """The most frequent agreed packages of one protocol, with their share of the deals."""
    if not record["agreements"]:
        return
    out.print(f"Most frequent deals, {LABELS[record['protocol']]}:")
    for entry in record["agreements"]:
        package = ", ".join(f"{i} {o}" for i, o in entry["outcome"].items())
        mark = "Pareto-optimal" if entry["pareto_optimal"] else "not Pareto-optimal"
        out.print(f"  {entry['share']:.0%} of deals: {package} ({mark})")


@app.command("tournament")
@user_errors
def tournament_command(
    scenario: ScenarioArg,
    runs: Annotated[int, typer.Option("--runs", "-n", min=1, help="Sessions per pair.")] = 200,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the tournament.")] = 0,
    rounds: Annotated[int, typer.Option("--rounds", "-r", min=1, help="Deadline in rounds.")] = 100,
    protocol: Annotated[str, typer.Option(
        "--protocol", "-p", help="alternating, mediated, mediated-nash or coalition (under a "
        "decision rule, every protocol ends when a winning coalition accepts).")
    ] = "alternating",
    names: Annotated[str | None, typer.Option(
        "--strategies", help="Comma-separated strategy names (default: all).")] = None,
    breakdown: Annotated[float, typer.Option(
        "--breakdown", help="Per-round probability that talks collapse.")] = 0.0,
    max_outcomes: MaxOutcomesOpt = MAX_OUTCOMES,
    agenda: AgendaOpt = None,
    events: EventsOpt = "active",
    influence: InfluenceOpt = "none",
    date: DateOpt = None,
    engine: EngineOpt = "local",
    scheduler: SchedulerOpt = None,
    workers: WorkersOpt = None,
    max_turns: Annotated[int, typer.Option(
        "--max-turns", min=1, help="Turns (profiles x chunks of sessions x rounds x parties) "
        "the tournament may play; past it, it is refused before it starts.")
    ] = MAX_TOURNAMENT_TURNS,
    output: TableFormatOpt = TableFormat.text,
) -> None:
    """Every strategy against every other (each party, each seat), many seeded sessions each."""
    current = resolve(scenario, agenda, events, influence, date)
    domain = from_scenario(current, max_outcomes=max_outcomes)
    reference = landmarks(current, domain)
    with engine_named(engine, workers, scheduler) as pool:
        result = tournament(domain, runs, seed, split_ids(names), protocol=protocol,
                            rounds=rounds, breakdown=breakdown, engine=fanned_out(pool),
                            landmarks=reference, chunk_size=batch_size(runs, pool),
                            game=current.scenario.voting_game(), max_turns=max_turns)
    if print_data(output, "tournament", {"format": "redline-tournament/1", **result.to_dict(),
                                         "situation": current.to_dict()}):
        return
    show(current)
    rule_notice(current)
    out.print(f"[bold]{current.title}[/]: tournament, {protocol}, {runs:,} sessions per pair, "
              f"seed {seed}")
    if domain.refused_by:
        out.print("\n".join(refusal_lines(current)))
        if current.scenario.voting_game().is_unanimity:  # under a vote the others may go on
            return
    if "played" in result.parameters:
        played, total = result.parameters["played"], result.parameters["profiles"]
        out.print(f"[dim]{total:,} strategy profiles: a seeded sample of {played:,} played.[/]")
    table = Table(title="Strategy pairs")
    for party in domain.parties:
        table.add_column(party)
    table.add_column("agree", justify="right")
    table.add_column("rounds", justify="right")
    for party in domain.parties:
        table.add_column(f"u {party}", justify="right")
    table.add_column("Nash dist.", justify="right")
    table.add_column("Pareto", justify="right")
    for entry in result.entries:
        s = entry.summary
        table.add_row(*entry.strategies.values(), f"{s.agreement_rate:.0%}",
                      f"{s.mean_rounds:.1f}",
                      *(f"{s.mean_utilities[p]:.3f}" for p in domain.parties),
                      number(s.nash_distance), number(s.pareto_rate, 2))
    out.print(table)
    ranking = Table(title="Ranking (mean gain over reservation, all seats)")
    ranking.add_column("strategy")
    ranking.add_column("mean gain", justify="right")
    ranking.add_column("agreement rate", justify="right")
    for name, gain, rate in result.ranking():
        ranking.add_row(name, f"{round(gain, 3) + 0.0:+.3f}", f"{rate:.0%}")
    out.print(ranking)
