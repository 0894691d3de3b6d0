"""The answers of one version of a scenario, side by side comparable: verdict, ZOPA, Nash package,
binding red lines and the forecast read as a package (with the red lines it breaks and the
parties it leaves below their no-deal value; see :mod:`redline.forecast.situated`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from redline.forecast.situated import forecast_situation
from redline.scenario import Scenario
from redline.scenario.situation import Situation, situation
from redline.space import Analysis, analyze

FORECAST_MODEL = "compromise"


@dataclass(frozen=True)
class Verdict:
    """The answers of one version of a scenario: verdict, ZOPA size, Nash package and gains,
    binding red lines, refusals and the forecast read as a package."""
    verdict: str  # "no talks", "no deal" or "a deal"
    agenda: tuple[str, ...]
    zopa_size: int | None
    nash: dict[str, str] | None  # the Nash package over the agenda's issues
    gains: dict[str, float] | None
    binding_red_lines: tuple[str, ...]
    refused_by: tuple[str, ...]  # agenda red lines that refuse talks
    forecast: dict[str, Any]  # {"package", "red_line_breaches", "below_reservation"}
    situation: Situation

    def to_dict(self) -> dict[str, Any]:
        """The answers as JSON, with the situation they were computed for."""
        return {"verdict": self.verdict, "agenda": list(self.agenda),
                "zopa_size": self.zopa_size, "nash": self.nash, "gains": self.gains,
                "binding_red_lines": list(self.binding_red_lines),
                "refused_by": list(self.refused_by), "forecast": self.forecast,
                "situation": self.situation.to_dict()}


def verdict_words(analysis: Analysis) -> str:
    """"no talks" (a party refuses the agenda), "no deal" (empty ZOPA) or "a deal"."""
    if analysis.refused_by:
        return "no talks"
    return "a deal" if analysis.zopa else "no deal"


def situation_verdict(current: Situation, model: str = FORECAST_MODEL) -> Verdict:
    """The answers in one resolved situation."""
    result = analyze(current)
    nash = result.solutions["nash"]
    package = gains = None
    if nash is not None:
        labels = result.labels(nash.options)
        package = {i: labels[i] for i in result.agenda}
        gains = {p: round(u - d, 12) for p, u, d in
                 zip(result.parties, nash.utilities, result.reservations, strict=True)}
    forecast = forecast_situation(current, model)
    labels = forecast.labels()
    return Verdict(verdict_words(result), result.agenda, result.zopa_size, package, gains,
                   result.binding_red_lines, tuple(r for _, r in result.refused_by),
                   {"package": {i: labels[i] for i in current.agenda},
                    "red_line_breaches": list(forecast.red_line_breaches),
                    "below_reservation": list(forecast.below_reservation)}, current)


def verdict(scenario: Scenario, agenda: Sequence[str] | None = None, *, events: str = "active",
            influence: str = "none", date: str | None = None) -> Verdict:
    """The answers for `scenario` in the situation the options describe (as the CLI resolves
    them: its events and influence applied, the agenda, the date)."""
    return situation_verdict(situation(scenario, agenda, events=events, influence=influence,
                                       date=date))
