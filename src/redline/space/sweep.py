"""A sweep: the bargaining analysis re-run along one setting (a reservation, a weight, a red line's
credibility), tabulating the verdict, the ZOPA size, the Nash package and each party's gain.

:func:`sweep` here runs :func:`redline.space.analyze` at every step: the reference.
:func:`redline.uncertainty.sweep` gives the same result with all steps evaluated as one batch of
draws, and is what the CLI, the desk and the report call.

The sweep samples the setting on an even grid from `start` to `stop` (both included); the exact
places where the answer changes are :mod:`redline.space.thresholds`' business, and a sweep shows
what happens between them. Sweeping a red line's credibility, the red line is applied at a step
when its credibility there reaches `credibility_cutoff` (default 1/2: the likelier case, see
:mod:`redline.space.thresholds`; None: it applies whatever its credibility).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from redline.errors import RedlineError
from redline.scenario import Scenario
from redline.scenario.settings import Setting, current_value, parse_setting, with_setting
from redline.scenario.situation import Situation, situate
from redline.space.analysis import DEFAULT_MAX_OUTCOMES, Analysis, analyze
from redline.version import __version__

MAX_STEPS = 1001


class SweepError(RedlineError):
    """A sweep that cannot run (too few or too many steps)."""


@dataclass(frozen=True)
class SweepStep:
    """The analysis at one value of the swept setting: the verdict ("no talks", "no deal", "a
    deal"), the ZOPA size, the Nash package and gains, and under a vote the adopting coalition."""
    value: float
    verdict: str  # "no talks", "no deal", "a deal"
    zopa_size: int | None
    nash: dict[str, str] | None  # over the agenda's issues
    gains: dict[str, float] | None
    coalition: tuple[str, ...] | None = None  # under a vote: the coalition adopting the deal

    def to_dict(self) -> dict[str, Any]:
        """The step as JSON: value, verdict, ZOPA size, Nash package, gains and, under a vote, the
        coalition."""
        data = {"value": round(self.value, 12), "verdict": self.verdict,
                "zopa_size": self.zopa_size, "nash": self.nash, "gains": self.gains}
        if self.coalition is not None:
            data["coalition"] = list(self.coalition)
        return data


@dataclass(frozen=True)
class Sweep:
    """A sweep along one setting (a reservation, a weight, a red line's credibility): its current
    value and the analysis at every step."""
    scenario_title: str
    parameter: str
    current: float
    parties: tuple[str, ...]
    agenda: tuple[str, ...]
    steps: tuple[SweepStep, ...]
    situation: Situation | None = None
    method: str = "grid"
    parameters: dict[str, Any] = field(default_factory=dict)
    version: str = __version__

    def _repr_html_(self) -> str:
        """The result in a Jupyter notebook (see :mod:`redline.notebook`)."""
        from redline.notebook import result_html

        return result_html(self.to_dict())

    def to_dict(self) -> dict[str, Any]:
        """The ``redline-sweep/1`` JSON document: the setting, its current value, every step, and
        how the sweep was run."""
        return {"format": "redline-sweep/1", "scenario": self.scenario_title,
                "situation": None if self.situation is None else self.situation.to_dict(),
                "parameter": self.parameter, "current": round(self.current, 12),
                "parties": list(self.parties), "agenda": list(self.agenda),
                "steps": [s.to_dict() for s in self.steps], "method": self.method,
                "parameters": self.parameters, "version": self.version}

    def rows(self) -> list[dict[str, Any]]:
        """One flat row a step (for CSV): value, verdict, ZOPA size, Nash options, gains."""
        rows = []
        for step in self.steps:
            row: dict[str, Any] = {self.parameter: round(step.value, 12),
                                   "verdict": step.verdict, "zopa_size": step.zopa_size}
            for issue in self.agenda:
                row[f"nash {issue}"] = step.nash[issue] if step.nash else None
            for party in self.parties:
                row[f"gain {party}"] = step.gains[party] if step.gains else None
            if "decision_rule" in self.parameters:
                row["coalition"] = " ".join(step.coalition) if step.coalition else None
            rows.append(row)
        return rows


def step_of(value: float, result: Analysis) -> SweepStep:
    """One step's row from the exact analysis there."""
    if result.refused_by:
        return SweepStep(value, "no talks", 0, None, None)
    nash = result.solutions["nash"]
    if nash is None:
        return SweepStep(value, "no deal", result.zopa_size, None, None)
    labels = result.labels(nash.options)
    gains = {p: round(u - d, 12) for p, u, d in
             zip(result.parties, nash.utilities, result.reservations, strict=True)}
    return SweepStep(value, "a deal", result.zopa_size, {i: labels[i] for i in result.agenda},
                     gains)


def _applied(scenario: Scenario, red_id: str, cutoff: float | None) -> Scenario:
    """The scenario with red line `red_id` left out when its credibility is below `cutoff`."""
    if cutoff is None:
        return scenario
    from redline.space.explain import without_red_lines

    credibility = current_value(scenario, parse_setting(scenario, f"{red_id}.credibility"))
    return without_red_lines(scenario, [red_id]) if credibility < cutoff else scenario


def sweep(subject: Scenario | Situation, parameter: str, start: float, stop: float,
          steps: int = 21, agenda: Sequence[str] | None = None, *,
          credibility_cutoff: float | None = 0.5,
          max_outcomes: int = DEFAULT_MAX_OUTCOMES) -> Sweep:
    """Analyse a situation (a scenario as it is, under `agenda`) with `parameter` at `steps`
    even values from `start` to `stop`."""
    current = situate(subject, agenda)
    scenario, agenda = current.scenario, current.agenda
    check_steps(steps)
    setting = parse_setting(scenario, parameter)
    results = [step_of(value, analyze(changed, agenda, max_outcomes=max_outcomes,
                                      binding=False))  # a sweep does not show binding
               for value, changed in stepped(scenario, setting, start, stop, steps,
                                             credibility_cutoff)]
    first = analyze(scenario, agenda, max_outcomes=max_outcomes, binding=False)
    return assemble(current, setting, first.parties, first.agenda, results, "per step",
                    start=start, stop=stop, credibility_cutoff=credibility_cutoff,
                    max_outcomes=max_outcomes)


def check_steps(steps: int) -> None:
    """Raise :class:`SweepError` unless ``steps`` is between 2 and ``MAX_STEPS``."""
    if not 2 <= steps <= MAX_STEPS:
        raise SweepError(f"--steps {steps}: give between 2 and {MAX_STEPS} steps")


def stepped(scenario: Scenario, setting: Setting, start: float, stop: float, steps: int,
            credibility_cutoff: float | None) -> list[tuple[float, Scenario]]:
    """Each step's value and the scenario with the setting there (a red line swept by its
    credibility left out where that falls below the cutoff)."""
    check_steps(steps)
    found = []
    for value in np.linspace(start, stop, steps):
        changed = with_setting(scenario, setting, float(value))
        if setting.kind == "credibility":
            changed = _applied(changed, setting.owner, credibility_cutoff)
        found.append((float(value), changed))
    return found


def assemble(current: Situation, setting: Setting, parties: tuple[str, ...],
             agenda: tuple[str, ...], steps: Sequence[SweepStep], engine: str, *,
             start: float, stop: float, credibility_cutoff: float | None,
             max_outcomes: int) -> Sweep:
    """The Sweep of `steps`, recording its parameters and the engine that computed them."""
    parameters: dict[str, Any] = {
        "start": start, "stop": stop, "steps": len(steps), "agenda": list(agenda),
        "credibility_cutoff": credibility_cutoff, "max_outcomes": max_outcomes, "engine": engine}
    scenario = current.scenario
    game = scenario.voting_game()
    if not game.is_unanimity:
        parameters["decision_rule"] = game.describe()
    return Sweep(scenario.title, setting.name, current_value(scenario, setting), parties,
                 agenda, tuple(steps), current, parameters=parameters)
