"""The JSON API: thin routes that parse, call the engines, and answer the CLI's JSON."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Annotated, Any, TypeVar

import anyio
from fastapi import APIRouter, Body, HTTPException, Path, Request
from fastapi.responses import HTMLResponse, JSONResponse, Response

from redline.report import Options, build_report, space_points
from redline.scenario import Scenario, load
from redline.scenario.situation import Situation, situation
from redline.space import analyze
from redline.version import __version__
from redline.web.engines import ENGINES, status
from redline.web.isolation import WorkLimits, WorkStopped, run_isolated
from redline.web.repository import ScenarioRepository, UnknownScenario, slug
from redline.web.runs import checked
from redline.web.schemas import (
    AnalyzeRequest,
    EngineRequest,
    ExtractRequest,
    ReportRequest,
    ScenarioRef,
    SpaceRequest,
    ValidateRequest,
)

router = APIRouter(prefix="/api")
T = TypeVar("T")
StoredId = Annotated[str, Path(pattern=r"^[A-Za-z0-9][A-Za-z0-9_\-]{0,63}$",
                               description="Id of a stored scenario.")]


def repository(request: Request) -> ScenarioRepository:
    """The scenario repository the application was built with."""
    repo: ScenarioRepository = request.app.state.repository
    return repo


async def compute(request: Request, work: Callable[..., T], *args: Any) -> T:
    """Run CPU work in a child process (redline.web.isolation), at most `workers` at once;
    past the time or memory limit the process is killed and the answer is 503."""
    settings = request.app.state.settings
    limits = WorkLimits(settings.timeout, settings.memory)
    async with request.app.state.limiter:
        try:
            result: T = await anyio.to_thread.run_sync(run_isolated, work, args, limits)
        except WorkStopped as exc:
            raise HTTPException(503, str(exc)) from None
    return result


def no_progress(_: float) -> None:
    """The progress report of a computation nobody polls."""


def resolve(request: Request, ref: ScenarioRef) -> Scenario:
    """The scenario of a request (its schema requires exactly one of document or stored id)."""
    scenario = resolve_optional(request, ref)
    if scenario is None:  # ScenarioRef's validator rejects such a request before it gets here
        raise AssertionError("a ScenarioRef without a scenario passed validation")
    return scenario


def resolve_optional(request: Request, ref: ScenarioRef | ExtractRequest) -> Scenario | None:
    """The scenario of a request, or None when it names none (allowed for /extract only)."""
    if ref.scenario is not None:
        return load(ref.scenario)
    if ref.scenario_id is not None:
        document = repository(request).get(ref.scenario_id)
        if document is None:
            raise UnknownScenario(f"no scenario with id {ref.scenario_id!r}; "
                                  "GET /api/scenarios lists them")
        return load(document)
    return None


@router.get("/health")
async def health() -> dict[str, str]:
    """Liveness check: ``{"status": "ok"}`` and the running version."""
    return {"status": "ok", "version": __version__}


@router.get("/engines")
async def engines() -> dict[str, dict[str, Any]]:
    """Which engines this server can run, and why not where it cannot."""
    return status()


@router.get("/scenarios")
async def list_scenarios(request: Request) -> list[dict[str, str]]:
    """The stored scenarios: id and title of each."""
    return [{"id": e.id, "title": e.title} for e in repository(request).list()]


@router.get("/scenarios/{scenario_id}")
async def get_scenario(request: Request, scenario_id: StoredId) -> dict[str, Any]:
    """One stored scenario document (404 naming the listing route when the id is unknown)."""
    document = repository(request).get(scenario_id)
    if document is None:
        raise UnknownScenario(f"no scenario with id {scenario_id!r}; GET /api/scenarios lists them")
    return document


SCENARIO_BODY = {"requestBody": {"required": True, "content": {
    "application/json": {"schema": ValidateRequest.model_json_schema()},
    "application/yaml": {"schema": {"type": "string",
                                    "description": "A scenario file (YAML, format redline/1)."}},
}}}


@router.post("/scenarios", status_code=201, openapi_extra=SCENARIO_BODY)
async def create_scenario(request: Request) -> dict[str, str]:
    """Store a new scenario under an id made from its title: the JSON {"scenario": {...}}, or
    the YAML file itself with content-type application/yaml."""
    from redline.web.desk import posted_scenario

    loaded = load(await posted_scenario(request))
    repo = repository(request)
    new_id = slug(loaded.title, (e.id for e in repo.list()))
    repo.put(new_id, loaded.to_dict())
    return {"id": new_id, "title": loaded.title}


@router.put("/scenarios/{scenario_id}")
async def put_scenario(request: Request, scenario_id: StoredId,
                       body: ValidateRequest) -> JSONResponse:
    """Create or replace a stored scenario (validated first)."""
    loaded = load(body.scenario)
    created = repository(request).put(scenario_id, loaded.to_dict())
    return JSONResponse({"id": scenario_id, "title": loaded.title, "created": created},
                        status_code=201 if created else 200)


@router.delete("/scenarios/{scenario_id}", status_code=204)
async def delete_scenario(request: Request, scenario_id: StoredId) -> Response:
    """Delete a stored scenario: 204, or 404 when there is none with that id."""
    if not repository(request).delete(scenario_id):
        raise UnknownScenario(f"no scenario with id {scenario_id!r}")
    return Response(status_code=204)


@router.post("/validate")
async def validate(body: ValidateRequest) -> dict[str, Any]:
    """Check a scenario with the loader; 422 lists every problem with its place and fix."""
    loaded = load(body.scenario)
    doc = loaded.document
    return {"valid": True, "title": doc.title, "notices": list(loaded.notices),
            "actors": len(doc.actors), "issues": len(doc.issues), "red_lines": len(doc.red_lines)}


def situation_of(request: Request, body: AnalyzeRequest) -> Situation:
    """The one situation of a request: agenda, events, influence and date, as on the CLI."""
    return situation(resolve(request, body), body.agenda, events=body.events,
                     influence=body.influence, date=body.date)


def _analysis(current: Situation, body: AnalyzeRequest) -> dict[str, Any]:
    data: dict[str, Any] = analyze(current, max_outcomes=body.max_outcomes).to_dict()
    if not current.scenario.voting_game().is_unanimity:  # only a vote adds the key, as the CLI
        from redline.space.coalitions import analyze_coalitions

        data["decision_rule"] = analyze_coalitions(current.scenario, list(current.agenda),
                                                   max_outcomes=body.max_outcomes).summary()
    return data


@router.post("/analyze")
async def analyze_route(request: Request, body: AnalyzeRequest) -> JSONResponse:
    """The bargaining-space analysis: the same JSON as `redline analyze --format json` (under a
    decision rule other than unanimity, with its ``decision_rule`` block: the likeliest winning
    coalition, its deal, who is pivotal, what it overrides)."""
    current = situation_of(request, body)
    return JSONResponse(await compute(request, _analysis, current, body))


@router.post("/space")
async def space_route(request: Request, body: SpaceRequest) -> JSONResponse:
    """Utilities of the outcomes (a fixed sample above `cap`), each flagged feasible or not."""
    current = situation_of(request, body)
    return JSONResponse(await compute(request, partial(
        space_points, current.scenario, current.agenda, cap=body.cap,
        max_outcomes=body.max_outcomes)))


def _choice(value: str | list[str]) -> str | tuple[str, ...]:
    return value if isinstance(value, str) else tuple(value)


@router.post("/report", response_class=HTMLResponse)
async def report_route(request: Request, body: ReportRequest) -> HTMLResponse:
    """The self-contained HTML report, as `redline report` writes it."""
    scenario = resolve(request, body)
    options = Options(agenda=tuple(body.agenda) if body.agenda else None,
                      max_outcomes=body.max_outcomes, events=_choice(body.events),
                      influence=_choice(body.influence), date=body.date, runs=body.runs,
                      seed=body.seed, sobol=body.sobol)
    return HTMLResponse(await compute(request, build_report, scenario, options))


def _engine_route(name: str) -> Callable[..., Any]:
    job = ENGINES[name].job

    async def route(request: Request, body: Annotated[EngineRequest, Body()]) -> JSONResponse:
        engine = ENGINES[name]  # looked up per request: engines are wired in at integration
        reason = engine.missing()
        if reason is not None or engine.run is None:
            return JSONResponse({"detail": f"not available yet: {reason}"}, status_code=501)
        if engine.parameters is not None:
            checked(engine.parameters, body.parameters)  # a bad request fails now, not in a job
        scenario = resolve(request, body)
        run = engine.run
        if engine.job:
            settings = request.app.state.settings
            limits = WorkLimits(settings.job_timeout, settings.memory)
            started = request.app.state.jobs.submit(name, partial(
                run_isolated, run, (scenario, body.parameters), limits))
            return JSONResponse(started.view(), status_code=202)
        return JSONResponse(await compute(request, run, scenario, body.parameters,
                                          no_progress))

    route.__name__ = f"{name}_route"
    route.__doc__ = (f"The {name} engine; 501 where its extra is not installed."
                     + (" Answers 202 with a job to poll at /api/jobs/{id}." if job else ""))
    return route


for _name in ("agendas", "explain", "forecast", "montecarlo", "simulate"):
    router.add_api_route(f"/{_name}", _engine_route(_name), methods=["POST"],
                         name=_name, responses={501: {"description": "engine not installed"}})


@router.post("/extract", responses={501: {"description": "engine not installed"}})
async def extract_route(request: Request, body: ExtractRequest) -> JSONResponse:
    """Statements of position in an article's text (the news engine, issue 7)."""
    engine = ENGINES["extract"]
    reason = engine.missing()
    if reason is not None or engine.run is None:
        return JSONResponse({"detail": f"not available yet: {reason}"}, status_code=501)
    scenario = resolve_optional(request, body)
    parameters = {"text": body.text, "date": body.date}
    return JSONResponse(await compute(request, engine.run, scenario, parameters, no_progress))


@router.get("/jobs/{job_id}")
async def job_route(request: Request,
                    job_id: Annotated[str, Path(pattern=r"^job-[0-9]{1,12}$")]) -> dict[str, Any]:
    """A job's state, progress and, once done, its result or error (404 for an unknown or forgotten
    job)."""
    job = request.app.state.jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id!r} (jobs are kept while the server runs)")
    view: dict[str, Any] = job.view()
    return view


@router.post("/jobs/{job_id}/cancel")
async def cancel_job_route(request: Request,
                           job_id: Annotated[str, Path(pattern=r"^job-[0-9]{1,12}$")]
                           ) -> dict[str, Any]:
    """Ask a job to stop; it is "cancelled" once it has (a running Monte Carlo stops after its
    current chunk of draws)."""
    job = request.app.state.jobs.cancel(job_id)
    if job is None:
        raise HTTPException(404, f"no job {job_id!r} (jobs are kept while the server runs)")
    view: dict[str, Any] = job.view()
    return view
