"""A sweep with every step in one batch: the break-even sweeps of the analyst's desk on the
Monte Carlo engine.

:func:`redline.space.sweep` re-runs the whole analysis at each step. The steps of a sweep differ
only in a reservation, one party's weights or whether one red line applies, so they are draws
of one situation: :func:`sweep` builds the situation's outcome table once
(:func:`redline.uncertainty.batched.outcome_table`), puts each step's numbers in one row of a
:class:`redline.uncertainty.drawn.Drawn` block (read from the scenario the exact path analyses
at that step, so they are the same numbers), and evaluates every step at once with
:func:`redline.uncertainty.batched.evaluate`. The result is the exact path's, step for step and
bit for bit (tests hold this on the examples and on random scenarios); the `engine` parameter
records which path ran. A space beyond `BATCH_LIMIT` packages (or beyond `max_outcomes`) goes
step by step, as there the exact path's pruning wins.

Under a decision rule other than unanimity (:mod:`redline.scenario.decision`) a deal needs a
winning coalition's acceptance, so each step is analysed as `redline coalitions` analyses a
scenario (:func:`redline.space.coalitions.analyze_coalitions`), step by step: the verdict is
"a deal" when some candidate coalition has a ZOPA, the package is the likeliest coalition's
Nash package, the gains are every party's (outvoted parties' may be negative), and each step
names the adopting coalition. Unanimity scenarios are unchanged.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from redline.scenario import Scenario
from redline.scenario.model import point
from redline.scenario.settings import parse_setting
from redline.scenario.situation import Situation, situate
from redline.space import outcome_space
from redline.space.analysis import DEFAULT_MAX_OUTCOMES
from redline.space.coalitions import analyze_coalitions, utility_of
from redline.space.sweep import Sweep, SweepStep, assemble, stepped
from redline.space.sweep import sweep as sweep_per_step
from redline.uncertainty.batched import (
    BATCH_LIMIT,
    Outcomes,
    OutcomeTable,
    evaluate,
    outcome_table,
)
from redline.uncertainty.drawn import Drawn, integer_weights


def sweep(subject: Scenario | Situation, parameter: str, start: float, stop: float,
          steps: int = 21, agenda: Sequence[str] | None = None, *,
          credibility_cutoff: float | None = 0.5,
          max_outcomes: int = DEFAULT_MAX_OUTCOMES) -> Sweep:
    """:func:`redline.space.sweep`'s result (same arguments), every step evaluated in one batch."""
    current = situate(subject, agenda)
    scenario = current.scenario
    setting = parse_setting(scenario, parameter)
    changed = stepped(scenario, setting, start, stop, steps, credibility_cutoff)
    if not scenario.voting_game().is_unanimity:
        rows = [coalition_step(c, value, current.agenda, max_outcomes) for value, c in changed]
        return assemble(current, setting, scenario.parties, current.agenda, rows,
                        "per step, coalitions", start=start, stop=stop,
                        credibility_cutoff=credibility_cutoff, max_outcomes=max_outcomes)
    if outcome_space(scenario, current.agenda).size > min(BATCH_LIMIT, max_outcomes):
        return sweep_per_step(current, parameter, start, stop, steps,
                              credibility_cutoff=credibility_cutoff, max_outcomes=max_outcomes)
    table = outcome_table(scenario, current.agenda)
    found = outcomes(table, [c for _, c in changed])
    rows = [step_row(table, value, found, b) for b, (value, _) in enumerate(changed)]
    return assemble(current, setting, table.parties, table.agenda, rows, "batched",
                    start=start, stop=stop, credibility_cutoff=credibility_cutoff,
                    max_outcomes=max_outcomes)


def outcomes(table: OutcomeTable, scenarios: Sequence[Scenario]) -> Outcomes:
    """The bargaining outcome of each scenario (the table's situation with other reservations,
    weights or red lines), in blocks of `table.block()`."""
    step = table.block()
    parts = [evaluate(table, numbers(table, scenarios[start:start + step]))
             for start in range(0, len(scenarios), step)]
    return Outcomes.concatenate(parts, len(table.parties), table.options.shape[1])


def numbers(table: OutcomeTable, scenarios: Sequence[Scenario]) -> Drawn:
    """One row per scenario: the parties' compiled weights and reservations, the value tables
    (the same in every scenario: settings do not change them) and which red lines remain."""
    base = table.scenario
    issues = base.issue_ids
    weights, values, reservations, integer = {}, {}, {}, {}
    for party in table.parties:
        utility = base.utilities[party]
        weights[party] = [np.array([s.utilities[party].weights[i] for s in scenarios])
                          for i in issues]
        values[party] = [np.asarray(utility.values[i])[None, :] for i in issues]
        reservations[party] = np.array([s.utilities[party].reservation for s in scenarios])
        preference = base.document.preferences.get(party)
        if preference is None:  # OutcomeSpace.raw_weights: the normalised weights, total 1
            integer[party] = (weights[party], np.ones(len(scenarios)))
        else:
            raw = [np.full(len(scenarios), point(preference.weights.get(i, 0.0)))
                   for i in issues]
            integer[party] = integer_weights(raw, weights[party])
    remaining = [{r.id for r in s.red_lines} for s in scenarios]
    binds = np.array([[r.id in ids for r in base.red_lines] for ids in remaining],
                     dtype=bool).reshape(len(scenarios), len(base.red_lines))
    return Drawn(len(scenarios), weights, values, reservations, binds, integer)


def step_row(table: OutcomeTable, value: float, found: Outcomes, b: int) -> SweepStep:
    """Step `b` as :func:`redline.space.sweep.step_of` writes it from the exact analysis."""
    if found.refused[b]:
        return SweepStep(value, "no talks", 0, None, None)
    size = int(found.zopa_size[b])
    if not found.deal[b]:
        return SweepStep(value, "no deal", size, None, None)
    options = found.nash[b]
    issues = table.scenario.issues
    at = {i.id: i.options[int(k)] for i, k in zip(issues, options, strict=True)}
    gains = {p: round(float(g), 12) for p, g in zip(table.parties, found.gains[b], strict=True)}
    return SweepStep(value, "a deal", size, {i: at[i] for i in table.agenda}, gains)


def coalition_step(scenario: Scenario, value: float, agenda: tuple[str, ...],
                   max_outcomes: int) -> SweepStep:
    """One step under a vote: the deal the likeliest winning coalition adopts (if any)."""
    found = analyze_coalitions(scenario, agenda, max_outcomes=max_outcomes)
    chosen = found.likeliest
    if chosen is None:
        if found.coalitions and all(c.analysis.refused_by for c in found.coalitions):
            return SweepStep(value, "no talks", 0, None, None)
        return SweepStep(value, "no deal", 0, None, None)
    result = chosen.analysis
    nash = result.solutions["nash"]
    assert nash is not None  # the likeliest coalition has a ZOPA
    labels = result.labels(nash.options)
    gains = {p: round(utility_of(scenario, p, nash.options) - scenario.utilities[p].reservation,
                      12) for p in scenario.parties}
    return SweepStep(value, "a deal", result.zopa_size, {i: labels[i] for i in agenda}, gains,
                     chosen.members)
