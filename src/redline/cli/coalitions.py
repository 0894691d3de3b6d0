"""`redline power` and `redline coalitions`: voting power and bargaining under a decision rule."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from redline.cli.analysis import FormatOpt, OutputFormat, ScenarioArg, print_json
from redline.cli.app import app, user_errors
from redline.cli.rule_views import render_coalitions, render_partial, render_power
from redline.cli.situation import (
    AgendaOpt,
    DateOpt,
    EventsOpt,
    InfluenceOpt,
    resolve,
    show,
    split_ids,
)
from redline.limits import MAX_OUTCOMES, MAX_PARTIAL_AGENDAS
from redline.scenario import load
from redline.scenario.decision import VotingGame, weighted_game
from redline.space import analyze
from redline.space.coalitions import DEFAULT_MAX_COALITIONS, analyze_coalitions
from redline.space.partial import partial_agreements
from redline.space.power import DEFAULT_SAMPLES, PowerError, power_indices


def parse_votes(text: str) -> tuple[list[str], list[float]]:
    """'A=3,B=2' -> (['A', 'B'], [3.0, 2.0]); a malformed pair is one clear error."""
    members: list[str] = []
    weights: list[float] = []
    for part in (p.strip() for p in text.split(",")):
        name, sep, number = part.partition("=")
        try:
            value = float(number)
        except ValueError:
            value = float("nan")
        if not sep or not name.strip() or not value >= 0 or value == float("inf"):
            raise PowerError(f"--votes: {part!r} is not MEMBER=WEIGHT. Fix: write e.g. "
                             "--votes A=3,B=2,C=2")
        if name.strip() in members:
            raise PowerError(f"--votes: {name.strip()!r} is listed twice. Fix: list each once")
        members.append(name.strip())
        weights.append(value)
    return members, weights


def game_from_options(votes: str, quota: float | None, share: float | None,
                      vetoes: list[str]) -> VotingGame:
    """A weighted game from --votes, --quota or --share, and --veto."""
    members, weights = parse_votes(votes)
    if (quota is None) == (share is None):
        raise PowerError("give exactly one of --quota (least total of votes that wins) or "
                         "--share (least share of all votes). Fix: add e.g. --quota 9")
    if share is not None and not 0 < share <= 1:
        raise PowerError(f"--share {share:g} is not in (0, 1]. Fix: give e.g. --share 0.5")
    if quota is not None and not 0 < quota <= sum(weights):
        raise PowerError(f"--quota {quota:g} is not in (0, {sum(weights):g}] (the total of "
                         "the votes). Fix: give a quota some coalition can reach")
    unknown = [v for v in vetoes if v not in members]
    if unknown:
        raise PowerError(f"--veto: {', '.join(unknown)} not among the --votes members. Fix: "
                         f"use some of {', '.join(members)}")
    threshold = ("votes", "share", share) if share is not None else ("votes", "quota", quota)
    return weighted_game(members, {"votes": weights}, [threshold],  # type: ignore[list-item]
                         vetoes=vetoes, name="weighted vote")


@app.command("power")
@user_errors
def power_command(
    scenario: Annotated[Path | None, typer.Argument(
        help="Scenario whose decision_rule is used (or give --votes).")] = None,
    votes: Annotated[str | None, typer.Option(
        "--votes", help="Members and weights, e.g. A=3,B=2,C=2 (instead of a scenario).")] = None,
    quota: Annotated[float | None, typer.Option(
        "--quota", help="With --votes: least total of votes that wins.")] = None,
    share: Annotated[float | None, typer.Option(
        "--share", help="With --votes: least share of all votes that wins.")] = None,
    veto: Annotated[str | None, typer.Option(
        "--veto", help="With --votes: members holding a veto, e.g. A,B.")] = None,
    method: Annotated[str, typer.Option(
        "--method", help="auto (exact where it fits), exact, or monte-carlo.")] = "auto",
    samples: Annotated[int, typer.Option("--samples", help="Monte Carlo draws.")] =
        DEFAULT_SAMPLES,
    seed: Annotated[int, typer.Option("--seed", help="Monte Carlo seed.")] = 0,
    output: FormatOpt = OutputFormat.text,
) -> None:
    """A priori voting power: Shapley-Shubik and Banzhaf indices of each member."""
    if (scenario is None) == (votes is None):
        raise PowerError("give a scenario file or --votes (not both). Fix: e.g. "
                         "`redline power --votes A=3,B=2,C=2 --quota 4`")
    if votes is not None:
        game = game_from_options(votes, quota, share, split_ids(veto) or [])
    else:
        if quota is not None or share is not None or veto is not None:
            raise PowerError("--quota, --share and --veto go with --votes; a scenario's rule "
                             "is its decision_rule. Fix: drop them or drop the scenario")
        assert scenario is not None
        game = load(scenario).voting_game()
    result = power_indices(game, method=method, samples=samples, seed=seed)
    if output is OutputFormat.json:
        print_json(result.to_dict())
        return
    render_power(result, game)


@app.command("coalitions")
@user_errors
def coalitions_command(
    scenario: ScenarioArg,
    agenda: AgendaOpt = None,
    events: EventsOpt = "active",
    influence: InfluenceOpt = "none",
    date: DateOpt = None,
    max_coalitions: Annotated[int, typer.Option(
        "--max-coalitions", help="Most coalitions analysed.", min=1)] = DEFAULT_MAX_COALITIONS,
    max_outcomes: Annotated[int, typer.Option(
        "--max-outcomes", help="Enumeration limit.", min=1)] = MAX_OUTCOMES,
    max_partial_agendas: Annotated[int, typer.Option(
        "--max-partial-agendas", min=1, help="Agendas searched for partial agreements at most "
        "(those that leave off different refused issues; the rest are counted).")
    ] = MAX_PARTIAL_AGENDAS,
    output: FormatOpt = OutputFormat.text,
) -> None:
    """Bargaining under the decision rule: winning coalitions, their deals, the likeliest."""
    current = resolve(scenario, agenda, events, influence, date)
    result = analyze_coalitions(current.scenario, list(current.agenda),
                                max_coalitions=max_coalitions, max_outcomes=max_outcomes)
    everyone = analyze(current, max_outcomes=max_outcomes)
    partial = None if everyone.zopa else partial_agreements(
        current.scenario, list(current.agenda), max_outcomes=max_outcomes,
        max_agendas=max_partial_agendas)
    if output is OutputFormat.json:
        data = result.to_dict()
        data["situation"] = current.to_dict()
        data["everyone_agrees"] = everyone.zopa
        data["partial_agreements"] = None if partial is None else partial.to_dict()
        print_json(data)
        return
    show(current)
    render_coalitions(result)
    if partial is not None:
        render_partial(partial)


