"""Collect the JSON results a report shows, from whichever engines are installed.

Every section of the report renders from a plain dict: the `to_dict()` (`--format json`) output of
one engine. `gather` runs the engines that exist; an engine that is not importable is left out, so
its section is left out of the report (never faked). Results computed elsewhere (a saved
`redline montecarlo --format json`) can be passed in and are keyed by their "format".

The situation (agenda, events, influence, date; see :mod:`redline.scenario.situation`) is
resolved once, by :func:`situation_of`, and every runner reads that one situation, as the
commands do; integrating a new engine is one line in RUNNERS.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from redline.errors import RedlineError
from redline.limits import MAX_OUTCOMES
from redline.scenario import Scenario
from redline.scenario.situation import Situation, situation
from redline.space import analyze, outcome_space

DEFAULT_POINT_CAP = 4000
SAMPLE_SEED = 20260210  # fixed: the sampled cloud of a huge space is part of a deterministic report


@dataclass(frozen=True)
class Options:
    """What the engines are asked: agenda, enumeration limit, seeds and sizes of stochastic runs."""

    agenda: tuple[str, ...] | None = None
    max_outcomes: int = MAX_OUTCOMES
    point_cap: int = DEFAULT_POINT_CAP
    seed: int = 0
    runs: int = 1000  # Monte Carlo draws and simulated sessions
    sobol: int = 256  # Sobol base sample of the Monte Carlo (0: tornado only)
    events: str | tuple[str, ...] = "active"  # as `--events` of every command
    influence: str | tuple[str, ...] = "none"  # as `--influence`
    date: str | None = None  # as `--date`


Runner = Callable[[Situation, Options], dict[str, Any] | None]  # None: not applicable

# Result key -> the module that must be importable for its runner to be used.
ENGINES: dict[str, str] = {
    "analysis": "redline.space",
    "space": "redline.space",
    "agendas": "redline.space.agendas",
    "explain": "redline.space.explain",
    "montecarlo": "redline.uncertainty",
    "forecast": "redline.forecast",
    "simulation": "redline.negotiate",
    "statements": "redline.news",
    "thresholds": "redline.space.thresholds",
    "coalitions": "redline.space.coalitions",
    "brief": "redline.briefing",  # last: it words the others' results
}

# The `format` field of each engine's JSON -> the result key it fills.
FORMATS: dict[str, str] = {
    "redline-analysis/1": "analysis",
    "redline-space/1": "space",
    "redline-agendas/1": "agendas",
    "redline-explain/1": "explain",
    "redline-montecarlo/1": "montecarlo",
    "redline-forecast/1": "forecast",
    "redline-simulation/1": "simulation",
    "redline-statements/1": "statements",
    "redline-brief/1": "brief",
    "redline-thresholds/1": "thresholds",
    "redline-coalitions/1": "coalitions",
}


def situation_of(scenario: Scenario, options: Options) -> Situation:
    """The one situation every section of a report is about."""
    return situation(scenario, options.agenda, events=options.events,
                     influence=options.influence, date=options.date)


def _analysis(current: Situation, options: Options) -> dict[str, Any]:
    return analyze(current, max_outcomes=options.max_outcomes).to_dict()


def _space(current: Situation, options: Options) -> dict[str, Any]:
    return space_points(current.scenario, current.agenda, cap=options.point_cap,
                        max_outcomes=options.max_outcomes)


def _agendas(current: Situation, options: Options) -> dict[str, Any]:
    from redline.space.agendas import analyze_agendas

    data: dict[str, Any] = analyze_agendas(current, max_outcomes=options.max_outcomes).to_dict()
    return data


def _explain(current: Situation, options: Options) -> dict[str, Any]:
    from redline.space.explain import explain

    data: dict[str, Any] = explain(current, max_outcomes=options.max_outcomes).to_dict()
    return data


def _montecarlo(current: Situation, options: Options) -> dict[str, Any]:
    from redline.uncertainty import montecarlo

    data: dict[str, Any] = montecarlo(
        current.loaded, options.runs, options.seed, "local", agenda=list(current.agenda),
        events=current.events, influence=current.influence,
        sobol_samples=sobol_samples(options.sobol), max_outcomes=options.max_outcomes).to_dict()
    return {**data, "situation": current.to_dict()}


def sobol_samples(requested: int) -> int:
    """Sobol indices need SALib (the 'uncertainty' extra); without it the report shows the
    tornado only, rather than failing."""
    return requested if importlib.util.find_spec("SALib") is not None else 0


def _forecast(current: Situation, options: Options) -> dict[str, Any]:
    from redline.forecast import from_scenario
    from redline.report.words import forecast_answer

    start = from_scenario(current.scenario)  # each actor at its best option, for the chart
    positions = {actor: [round(float(v), 6) if v == v else None for v in row]
                 for actor, row in zip(start.actors, start.positions.tolist(), strict=True)}
    return {"source": current.title,
            **forecast_answer(current, "compromise", max_outcomes=options.max_outcomes),
            "actor_positions": {"issues": list(start.issues), "positions": positions}}


def _simulation(current: Situation, options: Options) -> dict[str, Any]:
    from redline.report.simulation import simulation_record

    return simulation_record(current, runs=options.runs, seed=options.seed)


def _thresholds(current: Situation, options: Options) -> dict[str, Any]:
    """Break-even values, and a sweep of the setting whose break-even value is nearest to where
    it stands (the one an analyst should watch); nothing for a space above the limit."""
    from redline.scenario.budget import WorkTooLarge
    from redline.space import SpaceTooLarge, thresholds
    from redline.uncertainty import sweep

    try:
        found = thresholds(current, max_outcomes=options.max_outcomes)
    except (SpaceTooLarge, WorkTooLarge) as exc:
        return {"format": "redline-thresholds/1", "thresholds": [], "skipped": str(exc)}
    data = found.to_dict()
    near = [t for t in found.items if t.threshold is not None
            and not t.parameter.endswith(".credibility")]
    if near:
        watch = min(near, key=lambda t: abs(t.current - (t.threshold or 0.0)))
        data["sweep"] = sweep(current, watch.parameter, 0.0, 1.0, 41,
                              max_outcomes=options.max_outcomes).to_dict()
    return data


def _brief(current: Situation, options: Options,
           montecarlo: dict[str, Any] | None = None) -> dict[str, Any]:
    from redline.briefing import brief

    return brief(current, montecarlo=montecarlo).to_dict()


def _coalitions(current: Situation, options: Options) -> dict[str, Any] | None:
    """Under a vote only (a unanimity scenario's report is unchanged): the coalitions and,
    where exact, the members' voting power."""
    from redline.space.coalitions import analyze_coalitions
    from redline.space.power import EXACT_CELLS, power_indices, table_cells

    game = current.scenario.voting_game()
    if game.is_unanimity:
        return None
    data = analyze_coalitions(current.scenario, list(current.agenda),
                              max_outcomes=options.max_outcomes).to_dict()
    if table_cells(game) <= EXACT_CELLS:
        data["power"] = power_indices(game, method="exact").to_dict()
    return data


RUNNERS: dict[str, Runner] = {
    "analysis": _analysis,
    "space": _space,
    "agendas": _agendas,
    "explain": _explain,
    "montecarlo": _montecarlo,
    "simulation": _simulation,
    "forecast": _forecast,
    "thresholds": _thresholds,
    "coalitions": _coalitions,
    "brief": _brief,  # last: it words the Monte Carlo result when there is one
}


def available() -> tuple[str, ...]:
    """Result keys whose engine is importable and wired in."""
    return tuple(key for key, module in ENGINES.items()
                 if key in RUNNERS and importlib.util.find_spec(module) is not None)


def gather(scenario: Scenario, options: Options | None = None,
           given: Sequence[Mapping[str, Any]] = ()) -> dict[str, dict[str, Any]]:
    """Results by key: those `given` (by their "format"), then every available engine's."""
    options = options or Options()
    current = situation_of(scenario, options)
    results: dict[str, dict[str, Any]] = {}
    for data in given:
        results[result_key(data)] = dict(data)
    for key in available():
        if key == "brief" and key not in results:
            montecarlo = results.get("montecarlo")
            results[key] = _brief(current, options, None if montecarlo is None or
                                  NOT_COMPUTED in montecarlo else montecarlo)
        elif key not in results:
            found = _run(key, current, options)
            if found is not None:
                results[key] = found
    return results


NOT_COMPUTED = "not_computed"
"""The key of a section's result that its budget refused: the message, in place of the data."""


def _run(key: str, current: Situation, options: Options) -> dict[str, Any] | None:
    """One section's result. The analysis is the report: its refusal is the report's. Any other
    section whose work is refused by a budget (too many outcomes or packages, more CPU time than
    is left) is left out with the message, and the rest of the report is still made."""
    from redline.negotiate.domain import DomainTooLarge
    from redline.scenario.budget import WorkTooLarge
    from redline.space import MergeTooLarge, SpaceTooLarge

    try:
        return RUNNERS[key](current, options)
    except (WorkTooLarge, SpaceTooLarge, MergeTooLarge, DomainTooLarge) as exc:
        if key == "analysis":
            raise
        fmt = next(f for f, k in FORMATS.items() if k == key)
        return {"format": fmt, NOT_COMPUTED: str(exc)}


def result_key(data: Mapping[str, Any]) -> str:
    """The result key of an engine's JSON output, from its "format" field."""
    fmt = data.get("format") if isinstance(data, Mapping) else None
    if fmt is None and isinstance(data, Mapping) and {"articles", "statements"} <= set(data):
        return "statements"  # `redline extract --format json` (it carries no format field)
    if fmt is None and isinstance(data, Mapping) and {"issues", "outcome", "trajectory"} <= set(data):
        return "forecast"  # `redline forecast --format json` (no format field either)
    if fmt not in FORMATS:
        known = ", ".join(sorted(FORMATS))
        raise RedlineError(f"a result with format {fmt!r} cannot go in a report; "
                           f"give the --format json output of a redline command ({known})")
    return FORMATS[str(fmt)]


def space_points(scenario: Scenario, agenda: Sequence[str] | None = None, *,
                 cap: int = DEFAULT_POINT_CAP, max_outcomes: int = MAX_OUTCOMES) -> dict[str, Any]:
    """The parties' utilities of every outcome (a fixed sample when there are more than `cap`),
    each flagged feasible (satisfies the parties' red lines) or not: `redline-space/1`."""
    from redline.space.analysis import applied_rules

    space = outcome_space(scenario, agenda)
    if space.size > max_outcomes:
        return {"format": "redline-space/1", "parties": list(space.parties), "outcomes": space.size,
                "sampled": False, "points": [], "feasible": [], "too_large": True}
    utilities = space.grid_utilities()
    feasible = np.ones(space.size, dtype=bool)
    for rule in applied_rules(scenario, space.parties):
        feasible &= space.rule_mask(rule)
    rows = np.arange(space.size)
    sampled = space.size > cap
    if sampled:
        rows = np.sort(np.random.default_rng(SAMPLE_SEED).choice(space.size, cap, replace=False))
    return {
        "format": "redline-space/1",
        "parties": list(space.parties),
        "agenda": list(space.agenda),
        "outcomes": space.size,
        "sampled": sampled,
        "points": [[round(float(u), 6) for u in row] for row in utilities[rows]],
        "feasible": [bool(f) for f in feasible[rows]],
        "too_large": False,
    }
