"""The optional engines the API exposes, and whether each is installed yet.

An endpoint whose engine is not importable (or not wired in) answers 501 with the reason. Wiring
an engine in at integration is one line: give its `run`, e.g. for agendas
``run=lambda scenario, parameters, progress: agendas(scenario, **parameters).to_dict()``.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from redline.scenario import Scenario

Progress = Callable[[float], None]
Run = Callable[[Scenario | None, dict[str, Any], Progress], dict[str, Any]]


@dataclass(frozen=True)
class Engine:
    name: str
    module: str
    issue: int  # the issue that builds it
    run: Run | None = None
    job: bool = False  # long runs: answered with a job to poll
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
    "agendas": Engine("agendas", "redline.space.agendas", 4),
    "explain": Engine("explain", "redline.space.explain", 4),
    "forecast": Engine("forecast", "redline.forecast", 5),
    "simulate": Engine("simulate", "redline.negotiate", 6, job=True),
    "extract": Engine("extract", "redline.news", 7, run=_extract, needs_scenario=False),
}


def status() -> dict[str, dict[str, Any]]:
    """Per engine: available or not, and why not."""
    result: dict[str, dict[str, Any]] = {"analyze": {"available": True, "reason": None}}
    for name, engine in ENGINES.items():
        reason = engine.missing()
        result[name] = {"available": reason is None, "reason": reason, "job": engine.job}
    return result
