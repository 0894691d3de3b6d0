"""The optional engines the API exposes, and whether each is installed yet.

An endpoint whose engine is not importable (or not wired in) answers 501 with the reason. Each
engine's `run` (in `redline.web.runs`) checks its parameters and makes the same call, with the
same JSON, as its CLI command.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from redline.scenario import Scenario
from redline.web import runs

Progress = Callable[[float], None]
# An engine's run gets the request's scenario; only an engine with needs_scenario=False is ever
# handed None (the extract route, whose run accepts it).
Run = Callable[[Scenario, dict[str, Any], Progress], dict[str, Any]]


@dataclass(frozen=True)
class Engine:
    name: str
    module: str
    issue: int  # the issue that builds it
    run: Run | None = None
    job: bool = False  # long runs: answered with a job to poll
    parameters: type[Any] | None = None  # the pydantic model of its parameters (checked first)
    needs_scenario: bool = True

    def missing(self) -> str | None:
        """Why the engine cannot run here, or None when it can."""
        if importlib.util.find_spec(self.module) is None:
            return (f"the {self.name} engine ({self.module}, issue {self.issue}) is not installed "
                    "in this version of redline")
        if self.run is None:
            return (f"the {self.name} engine ({self.module}) is installed but not yet wired into "
                    "the web API")
        return None


def _extract(scenario: Scenario | None, parameters: dict[str, Any],
             progress: Progress) -> dict[str, Any]:
    """Statements in pasted text: the news engine on one article, as `redline extract` does."""
    from redline.news import extract_articles, read_text
    from redline.news.dates import parse_date

    day = parameters.get("date")
    articles = read_text(parameters["text"], "<pasted>", day=day)
    result: dict[str, Any] = extract_articles(articles, scenario,
                                              parse_date(day) if day else None).to_dict()
    return result


ENGINES: dict[str, Engine] = {
    "agendas": Engine("agendas", "redline.space.agendas", 4, run=runs.agendas,
                      parameters=runs.AgendasParameters),
    "explain": Engine("explain", "redline.space.explain", 4, run=runs.explain,
                      parameters=runs.ExplainParameters),
    "montecarlo": Engine("montecarlo", "redline.uncertainty", 4, run=runs.montecarlo, job=True,
                         parameters=runs.MonteCarloParameters),
    "forecast": Engine("forecast", "redline.forecast", 5, run=runs.forecast,
                       parameters=runs.ForecastParameters),
    "simulate": Engine("simulate", "redline.negotiate", 6, run=runs.simulate, job=True,
                       parameters=runs.SimulateParameters),
    "extract": Engine("extract", "redline.news", 7, run=_extract, needs_scenario=False),
}


def status() -> dict[str, dict[str, Any]]:
    """Per engine: available or not, and why not."""
    result: dict[str, dict[str, Any]] = {"analyze": {"available": True, "reason": None}}
    for name, engine in ENGINES.items():
        reason = engine.missing()
        result[name] = {"available": reason is None, "reason": reason, "job": engine.job}
    return result
