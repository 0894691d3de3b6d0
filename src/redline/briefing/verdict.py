"""The answers of one version of a scenario, side by side comparable: verdict, ZOPA, Nash package,
binding red lines and the forecast of each issue."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from redline.forecast import forecast, from_scenario
from redline.scenario import Scenario
from redline.scenario.pressure import apply_pressure, select_events, select_influence
from redline.space import Analysis, analyze

FORECAST_MODEL = "compromise"


@dataclass(frozen=True)
class Verdict:
    verdict: str  # "no talks", "no deal" or "a deal"
    agenda: tuple[str, ...]
    zopa_size: int | None
    nash: dict[str, str] | None  # the Nash package over the agenda's issues
    gains: dict[str, float] | None
    binding_red_lines: tuple[str, ...]
    refused_by: tuple[str, ...]  # agenda red lines that refuse talks
    forecast: dict[str, str]  # issue -> the option nearest the forecast position
    pressure: tuple[str, ...]  # events and influence edges applied

    def to_dict(self) -> dict[str, Any]:
        return {"verdict": self.verdict, "agenda": list(self.agenda),
                "zopa_size": self.zopa_size, "nash": self.nash, "gains": self.gains,
                "binding_red_lines": list(self.binding_red_lines),
                "refused_by": list(self.refused_by), "forecast": self.forecast,
                "pressure": list(self.pressure)}


def verdict_words(analysis: Analysis) -> str:
    """"no talks" (a party refuses the agenda), "no deal" (empty ZOPA) or "a deal"."""
    if analysis.refused_by:
        return "no talks"
    return "a deal" if analysis.zopa else "no deal"


def forecast_options(scenario: Scenario, model: str = FORECAST_MODEL) -> dict[str, str]:
    """Each issue's forecast position (0-100, options in order) as its nearest option."""
    space = from_scenario(scenario)
    result = forecast(space, model)
    options = {}
    for k, issue in enumerate(space.issues):
        labels = scenario.issue(issue).options
        value = float(result.outcome[k])
        options[issue] = "-" if value != value else labels[round(value / 100 * (len(labels) - 1))]
    return options


def verdict(scenario: Scenario, agenda: Sequence[str] | None = None, *, events: str = "active",
            influence: str = "none") -> Verdict:
    """The answers for `scenario` after its chosen events and influence, under `agenda`."""
    chosen = apply_pressure(scenario, select_events(scenario, events),
                            select_influence(scenario, influence))
    result = analyze(chosen.scenario, agenda)
    nash = result.solutions["nash"]
    package = gains = None
    if nash is not None:
        labels = result.labels(nash.options)
        package = {i: labels[i] for i in result.agenda}
        gains = {p: round(u - d, 12) for p, u, d in
                 zip(result.parties, nash.utilities, result.reservations, strict=True)}
    return Verdict(verdict_words(result), result.agenda, result.zopa_size, package, gains,
                   result.binding_red_lines, tuple(r for _, r in result.refused_by),
                   forecast_options(chosen.scenario), (*chosen.events, *chosen.influence))
