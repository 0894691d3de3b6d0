"""The dashboard and JSON API, served by `redline serve`. Needs the 'web' extra (FastAPI, uvicorn)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from redline.errors import RedlineError

if TYPE_CHECKING:
    from fastapi import FastAPI

    from redline.web.app import Settings
    from redline.web.repository import ScenarioRepository

__all__ = ["create_app"]


def create_app(settings: Settings | None = None,
               repository: ScenarioRepository | None = None) -> FastAPI:
    """The FastAPI app (see `redline.web.app.create_app`)."""
    try:
        from redline.web.app import create_app as build
    except ImportError as exc:
        raise RedlineError(f"the dashboard needs the 'web' extra ({exc.name} is missing): "
                           "pip install 'redline[web]'") from None
    return build(settings, repository)
