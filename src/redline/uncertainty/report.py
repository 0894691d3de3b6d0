"""`montecarlo()`: the bargaining Monte Carlo with its sensitivity analysis, as one frozen report."""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import nullcontext
from dataclasses import dataclass, field
from typing import Any

from redline.limits import MAX_OUTCOMES
from redline.scenario import Scenario
from redline.scenario.pressure import apply_pressure
from redline.scenario.sampling import parameters
from redline.space import analyze
from redline.uncertainty.bargaining import OUTPUTS, Bargaining, summarise, tally_runs
from redline.uncertainty.engines import Engine, Progress
from redline.uncertainty.montecarlo import MonteCarloError, check_request, pace_check, run
from redline.uncertainty.sensitivity import check_sobol, sobol, tornado
from redline.version import __version__


@dataclass(frozen=True)
class MonteCarloReport:
    """The bargaining Monte Carlo of a scenario with its sensitivity analysis: P(ZOPA) and its
    standard error, the shares of Nash and Kalai–Smorodinsky options, gain quantiles, and the
    tornado and Sobol indices of one output."""
    scenario_title: str
    parties: tuple[str, ...]
    runs: int
    seed: int
    engine: str
    summary: dict[str, Any]
    sensitivity: tuple[dict[str, Any], ...]
    output: str
    parameter_names: tuple[str, ...]
    method: str = "monte-carlo+tornado+sobol"
    parameters: dict[str, Any] = field(default_factory=dict)
    version: str = __version__

    def _repr_html_(self) -> str:
        """The result in a Jupyter notebook (see :mod:`redline.notebook`)."""
        from redline.notebook import result_html

        return result_html(self.to_dict())

    def to_dict(self) -> dict[str, Any]:
        """The ``redline-montecarlo/1`` JSON document: the summary figures, the sensitivity of
        the chosen output, the uncertain parameters, and how the run was made."""
        return {
            "format": "redline-montecarlo/1",
            "scenario": self.scenario_title,
            "parties": list(self.parties),
            "runs": self.runs,
            "seed": self.seed,
            "engine": self.engine,
            "p_zopa": self.summary["p_zopa"],
            "p_zopa_se": self.summary["p_zopa_se"],
            "p_refused": self.summary["p_refused"],
            "nash_options": self.summary["nash_options"],
            "ks_options": self.summary["ks_options"],
            "gains": self.summary["gains"],
            "joint_gain": self.summary["joint_gain"],
            "quantiles": self.summary["quantiles"],
            **({"coalition_members": self.summary["coalition_members"]}
               if "coalition_members" in self.summary else {}),
            "sensitivity_output": self.output,
            "sensitivity": list(self.sensitivity),
            "uncertain_parameters": list(self.parameter_names),
            "method": self.method,
            "parameters": self.parameters,
            "version": self.version,
        }


def evaluations(parameters: int, runs: int, sobol_samples: int) -> int:
    """How many scenarios `montecarlo` evaluates: runs + tornado (2D + 1) + Sobol N (D + 2)."""
    if parameters == 0:
        return runs
    return runs + 2 * parameters + 1 + sobol_samples * (parameters + 2)


def montecarlo(scenario: Scenario, runs: int, seed: int, engine: str | Engine = "local", *,
               agenda: Sequence[str] | None = None, events: Sequence[str] = (),
               influence: Sequence[str] = (), output: str = "zopa", sobol_samples: int = 256,
               workers: int | None = None, scheduler: str | None = None, chunk: int = 2000,
               progress: Progress | None = None, max_outcomes: int = MAX_OUTCOMES
               ) -> MonteCarloReport:
    """P(ZOPA), Nash package shares, gain intervals, tornado and Sobol indices for one output.

    `engine`: a name (the engine is opened and closed here) or an open `Engine` to reuse."""
    check_request(runs, seed)
    pool = engine if isinstance(engine, Engine) else Engine(engine, workers, scheduler)
    parties = scenario.parties
    game = scenario.voting_game()  # not unanimity: a winning coalition adopts each draw's deal
    if output not in OUTPUTS and output not in {f"gain:{p}" for p in parties}:
        choices = ", ".join([*OUTPUTS, *(f"gain:{p}" for p in parties)])
        raise MonteCarloError(f"unknown sensitivity output {output!r}; use one of {choices}")
    if sobol_samples:
        check_sobol(sobol_samples)
    # Check the agenda, events and edges once on the scenario as written (clear errors first).
    pressured = apply_pressure(scenario, events, influence).scenario
    analyze(pressured, agenda, max_outcomes=max_outcomes)
    measure = Bargaining(None if agenda is None else tuple(agenda), tuple(events),
                         tuple(influence), max_outcomes)
    params = parameters(scenario)
    prepared = measure.prepare(params)
    total = evaluations(len(params), runs, sobol_samples)
    pace = pace_check(total, f"Monte Carlo of {total:,} evaluations")

    def advance(n: int) -> None:
        pace(n)
        if progress is not None:
            progress(n)

    with pool if not isinstance(engine, Engine) else nullcontext(pool):
        options: dict[str, Any] = {"engine": pool, "chunk": chunk, "progress": advance}
        if prepared is not None:  # batched: chunks of draws come back as tallies
            summary = tally_runs(prepared, runs, seed, pool, chunk, advance).summary(
                scenario, parties)
        else:  # draw by draw (a space beyond the batch limit, an unknown parameter)
            summary = summarise(run(scenario, measure, runs, seed, pool, chunk=chunk,
                                    progress=advance), parties)
        swings = {r["parameter"]: r for r in tornado(params, measure, output, seed, **options)}
        indices = ({r["parameter"]: r for r in sobol(params, measure, output, sobol_samples,
                                                     seed, **options)}
                   if sobol_samples else {})
    rows = []
    for name in params.names:
        row: dict[str, Any] = {"parameter": name}
        t = swings[name]
        row.update({"low": t["low"], "high": t["high"], "swing": t["swing"]})
        if name in indices:
            s = indices[name]
            row.update({k: s[k] for k in ("S1", "S1_conf", "ST", "ST_conf")})
        rows.append(row)
    rows.sort(key=lambda r: (-r.get("ST", 0.0), -r["swing"]))
    return MonteCarloReport(
        scenario.title, parties, runs, seed, pool.name, summary, tuple(rows),
        output, params.names,
        parameters={"agenda": None if agenda is None else list(agenda), "events": list(events),
                    "influence": list(influence), "sobol_samples": sobol_samples,
                    "chunk": chunk, "workers": workers,
                    "evaluation": prepared.method if prepared is not None else "per-draw",
                    **({} if game.is_unanimity else {"decision_rule": game.describe()})})
