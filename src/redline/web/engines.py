"""The optional engines the API exposes, and whether each can run here.

An engine can run when its third-party requirements (those of its extra) are importable: the
news engine needs spaCy and an English model, the others only the core. An endpoint whose
engine cannot run answers 501 with the reason and the extra to install. Each engine's `run` (in
`redline.web.runs`) checks its parameters and makes the same call, with the same JSON, as its
CLI command.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from redline.news.language import MODEL_NAMES
from redline.scenario import Scenario
from redline.web import runs

Progress = Callable[[float], None]
# An engine's run gets the request's scenario; only an engine with needs_scenario=False is ever
# handed None (the extract route, whose run accepts it).
Run = Callable[[Scenario, dict[str, Any], Progress], dict[str, Any]]


@dataclass(frozen=True)
class Engine:
    """An optional engine of the API: its module, the function that runs it, whether it runs as a
    job, its parameter model, whether it needs a scenario, and the third-party modules (and extra)
    it requires."""
    name: str
    module: str  # redline's own module of the engine
    run: Run | None = None
    job: bool = False  # long runs: answered with a job to poll
    parameters: type[Any] | None = None  # the pydantic model of its parameters (checked first)
    needs_scenario: bool = True
    requires: tuple[tuple[str, ...], ...] = ()  # third-party modules: one of each group
    extra: str | None = None  # the extra that installs them

    def missing(self) -> str | None:
        """Why the engine cannot run here, or None when it can."""
        if self.run is None:
            return (f"the {self.name} engine ({self.module}) is not wired into the web API")
        for group in self.requires:
            if not any(_importable(name) for name in group):
                return (f"the {self.name} engine ({self.module}) needs {' or '.join(group)}, "
                        f"which is not installed. Fix: pip install 'redline[{self.extra}]'")
        return None


def _importable(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except (ImportError, ValueError):  # a parent package that is missing or broken
        return False


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
    "agendas": Engine("agendas", "redline.space.agendas", run=runs.agendas,
                      parameters=runs.AgendasParameters),
    "explain": Engine("explain", "redline.space.explain", run=runs.explain,
                      parameters=runs.ExplainParameters),
    "montecarlo": Engine("montecarlo", "redline.uncertainty", run=runs.montecarlo, job=True,
                         parameters=runs.MonteCarloParameters),
    "forecast": Engine("forecast", "redline.forecast", run=runs.forecast,
                       parameters=runs.ForecastParameters),
    "simulate": Engine("simulate", "redline.negotiate", run=runs.simulate, job=True,
                       parameters=runs.SimulateParameters),
    "extract": Engine("extract", "redline.news", run=_extract, needs_scenario=False,
                      requires=(("spacy",), MODEL_NAMES), extra="nlp"),
}


def status() -> dict[str, dict[str, Any]]:
    """Per engine: available or not, and why not."""
    result: dict[str, dict[str, Any]] = {"analyze": {"available": True, "reason": None}}
    for name, engine in ENGINES.items():
        reason = engine.missing()
        result[name] = {"available": reason is None, "reason": reason, "job": engine.job}
    return result
