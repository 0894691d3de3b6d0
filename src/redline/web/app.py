"""The FastAPI application: the JSON API, the dashboard's static files, limits and error answers."""

from __future__ import annotations

import importlib.util
import math
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import anyio
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from redline.errors import RedlineError, ScenarioError
from redline.news.language import MissingExtraError
from redline.space import SpaceTooLarge
from redline.version import __version__
from redline.web.api import router
from redline.web.desk import desk_router
from redline.web.isolation import stop_all
from redline.web.jobs import JobBoard, JobsBusy
from redline.web.repository import (
    MemoryRepository,
    ScenarioRepository,
    StoreRepository,
    UnknownScenario,
    seed_examples,
)

STATIC = Path(__file__).parent / "static"
EXAMPLES = Path(__file__).resolve().parents[3] / "examples"  # in a source checkout

SECURITY_HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"no-referrer"),
    (b"content-security-policy",
     b"default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; "
     b"script-src 'self'; connect-src 'self'; frame-ancestors 'none'"),
]


LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")


@dataclass(frozen=True)
class Settings:
    """The server's limits: request body size, CPU seconds per request and per job, memory per
    computation, computations at once, the examples folder and the Host headers answered."""
    max_body: int = 1_000_000  # bytes per request
    timeout: float = 30.0  # CPU-seconds per computation answered in the request
    job_timeout: float = 600.0  # CPU-seconds per job (Monte Carlo, simulation)
    memory: int = 2 * 1024**3  # bytes of address space per computation (its own process)
    workers: int = 2  # computations at once
    examples: Path | None = field(default=EXAMPLES)
    allowed_hosts: tuple[str, ...] = LOCAL_HOSTS  # Host headers answered (DNS rebinding guard)


class HostCheck:
    """Answer only requests whose Host header names this machine (or the host it was asked to
    serve on): a page on another site that rebinds its DNS name to 127.0.0.1 still sends its
    own name as the Host, and gets 421 instead of the dashboard."""

    def __init__(self, app: ASGIApp, allowed: tuple[str, ...]):
        self.app = app
        self.allowed = {name.lower().strip("[]") for name in allowed}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        header = dict(scope.get("headers", [])).get(b"host", b"").decode("latin-1").lower()
        if _host_name(header) in self.allowed:
            await self.app(scope, receive, send)
            return
        response = JSONResponse({"detail": f"this server answers requests for "
                                 f"{', '.join(sorted(self.allowed))} only"}, status_code=421)
        await response(scope, receive, send)


def _host_name(header: str) -> str:
    """The name in a Host header, without its port: 'localhost:8000', '[::1]:8000', '::1'."""
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    if header.count(":") == 1:
        return header.split(":")[0]
    return header


class BodyLimit:
    """Refuse request bodies over `limit` bytes (413), by header and while streaming; add the
    security headers to every answer."""

    def __init__(self, app: ASGIApp, limit: int):
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = list(message.get("headers", [])) + SECURITY_HEADERS
            await send(message)

        declared = dict(scope.get("headers", [])).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.limit):
            await self._too_large(secured)
            return
        if declared is not None:
            await self.app(scope, receive, secured)
            return
        # No length given (chunked): read up to the limit first, then replay the body.
        body = b""
        more = True
        while more:
            message = await receive()
            if message["type"] != "http.request":
                return  # the client went away
            body += message.get("body", b"")
            if len(body) > self.limit:
                await self._too_large(secured)
                return
            more = bool(message.get("more_body", False))
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, secured)

    async def _too_large(self, send: Send) -> None:
        response = JSONResponse({"detail": f"request body larger than {self.limit:,} bytes"},
                                status_code=413)
        await response({"type": "http"}, _no_body, send)


async def _no_body() -> Message:
    return {"type": "http.request", "body": b"", "more_body": False}


def create_app(settings: Settings | None = None,
               repository: ScenarioRepository | None = None) -> FastAPI:
    """The dashboard app. Scenarios live in `repository` (default: in memory, seeded with the
    shipped examples)."""
    settings = settings or Settings()
    if repository is None:
        repository = MemoryRepository()
        if settings.examples is not None:
            seed_examples(repository, settings.examples)
    jobs = JobBoard(workers=settings.workers)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        jobs.shutdown()  # queued jobs are dropped
        stop_all()  # running computations are killed with their processes

    # /docs and /redoc would load Swagger UI and ReDoc from a CDN (third-party scripts, which
    # the content security policy blocks anyway): they are off; /openapi.json stays.
    app = FastAPI(title="redline", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None,
                  description="Negotiations with red lines: the analysis engines as a JSON API.")
    app.state.settings = settings
    app.state.repository = repository
    app.state.jobs = jobs
    app.state.limiter = anyio.CapacityLimiter(settings.workers)
    app.include_router(router)
    app.include_router(desk_router)
    _errors(app)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    @app.get("/", include_in_schema=False)
    async def index() -> FileResponse:
        return FileResponse(STATIC / "index.html", media_type="text/html")

    @app.get("/vendor/plotly.min.js", include_in_schema=False)
    async def plotly_js() -> Any:
        spec = importlib.util.find_spec("plotly")
        if spec is None or spec.origin is None:
            return JSONResponse({"detail": "plotly is not installed: pip install 'redline[web]'"},
                                status_code=404)
        path = Path(spec.origin).parent / "package_data" / "plotly.min.js"
        return FileResponse(path, media_type="text/javascript")

    app.add_middleware(BodyLimit, limit=settings.max_body)
    app.add_middleware(HostCheck, allowed=settings.allowed_hosts)
    return app


def create_served_app() -> FastAPI:
    """The app `redline serve` runs: scenarios in the redline database ($REDLINE_DB, else the
    SQLite file in the user's data directory) when the 'store' extra is installed, else in
    memory; the shipped examples are added unless already stored."""
    repository: ScenarioRepository
    if importlib.util.find_spec("sqlalchemy") and importlib.util.find_spec("alembic"):
        from redline.store import open_store

        repository = StoreRepository(open_store())
    else:
        print("note: scenarios are kept in memory only (pip install 'redline[store]' to keep "
              "them in the database)")
        repository = MemoryRepository()
    named = (name.strip() for name in os.environ.get(SERVED_HOST, "").split(","))
    extra = tuple(name for name in named if name and name not in ("0.0.0.0", "::"))  # noqa: S104
    settings = Settings(allowed_hosts=LOCAL_HOSTS + extra)
    if settings.examples is not None:
        seed_examples(repository, settings.examples)
    return create_app(settings, repository)


SERVED_HOST = "REDLINE_SERVE_HOST"
"""Set by `redline serve --host NAME --allow-host OTHER`: comma-separated names that join the
Host allow-list (a wildcard address such as 0.0.0.0 names no host and is left out)."""


def finite(data: Any) -> Any:
    """`data` with every NaN or infinity replaced by its text, so that it can be sent as JSON."""
    if isinstance(data, float) and not math.isfinite(data):
        return str(data)
    if isinstance(data, dict):
        return {key: finite(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [finite(value) for value in data]
    return data


def _errors(app: FastAPI) -> None:
    @app.exception_handler(RequestValidationError)
    async def invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        # The default answer echoes the input, which may hold NaN: not valid JSON (a 500).
        return JSONResponse({"detail": finite(jsonable_encoder(exc.errors()))}, status_code=422)

    @app.exception_handler(ScenarioError)
    async def scenario_error(_: Request, exc: ScenarioError) -> JSONResponse:
        problems = [{"where": p.where, "message": p.message, "fix": p.fix, "line": p.line}
                    for p in exc.problems]
        return JSONResponse({"detail": str(exc), "problems": problems}, status_code=422)

    @app.exception_handler(UnknownScenario)
    async def unknown(_: Request, exc: UnknownScenario) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=404)

    @app.exception_handler(JobsBusy)
    async def busy(_: Request, exc: JobsBusy) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=429)

    @app.exception_handler(SpaceTooLarge)
    async def too_large(_: Request, exc: SpaceTooLarge) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    @app.exception_handler(MissingExtraError)
    async def missing_extra(_: Request, exc: MissingExtraError) -> JSONResponse:
        return JSONResponse({"detail": f"not available on this server: {exc}"}, status_code=501)

    @app.exception_handler(RedlineError)
    async def user_error(_: Request, exc: RedlineError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)
