"""The analyst's desk in the API: scenario files in and out (YAML or JSON), the brief, break-even
values and sweeps. Thin routes: parse, call the same functions as the CLI, answer their JSON."""

from __future__ import annotations

import re
from typing import Any

import yaml
from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, Response
from pydantic import Field

from redline.briefing import brief
from redline.errors import RedlineError
from redline.report.explaining import parallel_frontier, sweep_figure
from redline.scenario import load
from redline.scenario.situation import Situation
from redline.space import analyze, thresholds
from redline.uncertainty import sweep
from redline.web.api import compute, situation_of
from redline.web.schemas import AnalyzeRequest, ValidateRequest, _Request

desk_router = APIRouter(prefix="/api")
YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml",
              "text/plain")
MAX_FILE = 2_000_000  # characters of a scenario file


class FileText(_Request):
    """A scenario file's text (YAML or JSON) and its name, as the desk's file routes take it."""
    text: str = Field(min_length=1, max_length=MAX_FILE,
                      description="A scenario file's text, YAML or JSON (format redline/1).")
    name: str = Field(default="scenario.yaml", max_length=200, description="The file's name.")


class BriefRequest(AnalyzeRequest):
    """The brief of a situation; ``montecarlo`` draws (0: none) give it P(deal)."""
    montecarlo: int = Field(default=0, ge=0, le=5000,
                            description="Monte Carlo draws for P(deal) (0: none).")
    seed: int = Field(default=0, ge=0, le=2**63 - 1)


class ChartsRequest(AnalyzeRequest):
    """The desk's charts of a situation; ``montecarlo`` draws (0: none) add P(deal) and the
    tornado."""
    montecarlo: int = Field(default=0, ge=0, le=5000,
                            description="Monte Carlo draws for P(deal) and the tornado (0: none).")
    seed: int = Field(default=0, ge=0, le=2**63 - 1)


class SweepRequest(AnalyzeRequest):
    """A sweep of one setting (a reservation, a weight or a red line's credibility) from ``start``
    to ``stop`` in ``steps`` steps."""
    parameter: str = Field(max_length=200, description="ACTOR.reservation, ACTOR.weights.ISSUE "
                                                       "or RED_LINE.credibility.")
    start: float = Field(default=0.0, ge=0.0, le=1.0)
    stop: float = Field(default=1.0, ge=0.0, le=1.0)
    steps: int = Field(default=21, ge=2, le=101)


def scenario_yaml(document: dict[str, Any]) -> str:
    """A scenario document as YAML in the document's own key order (safe dumper)."""
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)


def file_name(title: str) -> str:
    """A download name made from a scenario's title."""
    stem = re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-").lower()[:60] or "scenario"
    return f"{stem}.yaml"


def is_yaml(request: Request) -> bool:
    """Whether the request's body is declared YAML by its Content-Type."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    return kind in YAML_TYPES


async def posted_scenario(request: Request) -> dict[str, Any]:
    """The scenario document of a POST: a YAML (or JSON) text body when the content type says
    YAML or text, else the JSON body {"scenario": {...}}. Validated; one clear error if not."""
    raw = await request.body()
    if is_yaml(request):
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise RedlineError("the body is not UTF-8 text. Fix: send the scenario file as "
                               "UTF-8 YAML") from None
        return load(text).to_dict()
    try:
        body = ValidateRequest.model_validate_json(raw or b"{}")
    except ValueError as exc:
        raise RedlineError(f"the body is not a scenario request ({_first_error(exc)}). Fix: "
                           "send {\"scenario\": {...}} as JSON, or the YAML file with "
                           "content-type application/yaml") from None
    return load(body.scenario).to_dict()


def _first_error(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        found = errors()
        if found:
            where = ".".join(str(p) for p in found[0].get("loc", ()))
            return f"{where}: {found[0].get('msg', '')}" if where else str(found[0].get("msg"))
    return str(exc).splitlines()[0]


@desk_router.post("/files/read")
async def read_file(body: FileText) -> dict[str, Any]:
    """A scenario file's text (YAML or JSON) -> its validated document, for the editor; 422 lists
    every problem with its line and fix."""
    loaded = load(body.text)
    return {"scenario": loaded.to_dict(), "title": loaded.title, "name": body.name,
            "notices": list(loaded.notices)}


@desk_router.post("/files/yaml")
async def write_file(body: ValidateRequest) -> Response:
    """A scenario document -> a YAML file to download (validated first)."""
    loaded = load(body.scenario)
    return Response(scenario_yaml(loaded.to_dict()), media_type="application/yaml",
                    headers={"content-disposition":
                             f'attachment; filename="{file_name(loaded.title)}"'})


# The work below runs in a child process (redline.web.isolation): module-level functions of
# picklable arguments (the resolved situation and the request body), never the request itself.


def _brief(current: Situation, body: BriefRequest) -> dict[str, Any]:
    uncertainty = None
    if body.montecarlo:
        from redline.uncertainty import montecarlo

        uncertainty = montecarlo(current.loaded, body.montecarlo, body.seed,
                                 agenda=list(current.agenda), events=current.events,
                                 influence=current.influence, sobol_samples=0,
                                 max_outcomes=body.max_outcomes).to_dict()
    return brief(current, montecarlo=uncertainty).to_dict()


@desk_router.post("/brief")
async def brief_route(request: Request, body: BriefRequest) -> JSONResponse:
    """The brief, as `redline brief --format json` (the same verdict and words)."""
    return JSONResponse(await compute(request, _brief, situation_of(request, body), body))


def _charts(current: Situation, body: ChartsRequest) -> dict[str, str | None]:
    from redline.report.explaining import forecast_figure, p_deal_figure
    from redline.report.figures import tornado_figure
    from redline.report.gather import RUNNERS, Options

    analysis = analyze(current, max_outcomes=body.max_outcomes).to_dict()
    forecast = RUNNERS["forecast"](current, Options(max_outcomes=body.max_outcomes))
    assert forecast is not None  # the forecast runner answers for every situation
    start = forecast["actor_positions"]
    at = dict(zip(forecast["issues"], forecast["outcome"], strict=True))
    shown = {"issues": start["issues"], "outcome": [at[i] for i in start["issues"]]}
    positions = {a: [float("nan") if v is None else v for v in row]
                 for a, row in start["positions"].items()}
    options = {i.id: list(i.options) for i in current.scenario.issues}
    charts: dict[str, str | None] = {
        "frontier": parallel_frontier(analysis) if len(analysis["parties"]) >= 3 else None,
        "forecast": forecast_figure(shown, positions, options), "p_deal": None, "tornado": None}
    if body.montecarlo:
        from redline.uncertainty import montecarlo

        data = montecarlo(current.loaded, body.montecarlo, body.seed, agenda=list(current.agenda),
                          events=current.events, influence=current.influence, sobol_samples=0,
                          max_outcomes=body.max_outcomes).to_dict()
        charts["p_deal"], charts["tornado"] = p_deal_figure(data), tornado_figure(data)
    return charts


@desk_router.post("/charts")
async def charts_route(request: Request, body: ChartsRequest) -> JSONResponse:
    """The report's explaining charts for a situation, as SVG text: the frontier across every
    party (3+ parties), the forecast per issue with every actor's position, and with
    `montecarlo` draws P(deal) and the tornado."""
    return JSONResponse(await compute(request, _charts, situation_of(request, body), body))


def _thresholds(current: Situation, max_outcomes: int) -> dict[str, Any]:
    return thresholds(current, max_outcomes=max_outcomes).to_dict()


def _sweep(current: Situation, body: SweepRequest) -> dict[str, Any]:
    data = sweep(current, body.parameter, body.start, body.stop, body.steps,
                 max_outcomes=body.max_outcomes).to_dict()
    return {**data, "svg": sweep_figure(data)}


@desk_router.post("/thresholds")
async def thresholds_route(request: Request, body: AnalyzeRequest) -> JSONResponse:
    """Break-even values, as `redline thresholds --format json`."""
    return JSONResponse(await compute(request, _thresholds, situation_of(request, body),
                                      body.max_outcomes))


@desk_router.post("/sweep")
async def sweep_route(request: Request, body: SweepRequest) -> JSONResponse:
    """A sweep, as `redline sweep --format json`, with its chart as SVG text (`svg`)."""
    return JSONResponse(await compute(request, _sweep, situation_of(request, body), body))
