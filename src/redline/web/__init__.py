"""The dashboard and JSON API (`redline serve`). Needs the 'web' extra (FastAPI, uvicorn)."""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING

from redline.errors import RedlineError

if TYPE_CHECKING:
    from fastapi import FastAPI

    from redline.web.app import Settings
    from redline.web.repository import ScenarioRepository

__all__ = ["create_app", "serve"]


def create_app(settings: Settings | None = None,
               repository: ScenarioRepository | None = None) -> FastAPI:
    """The FastAPI app (see `redline.web.app.create_app`)."""
    try:
        from redline.web.app import create_app as build
    except ImportError as exc:
        raise RedlineError(f"the dashboard needs the 'web' extra ({exc.name} is missing): "
                           "pip install 'redline[web]'") from None
    return build(settings, repository)


def serve(host: str = "127.0.0.1", port: int = 8000) -> None:
    """Run the dashboard with uvicorn; binds this machine only unless told otherwise."""
    try:
        from redline.web.app import create_served_app
    except ImportError as exc:
        raise RedlineError(f"the dashboard needs the 'web' extra ({exc.name} is missing): "
                           "pip install 'redline[web]'") from None
    app = create_served_app()
    try:
        import uvicorn
    except ImportError:
        raise RedlineError("`redline serve` needs uvicorn: pip install 'redline[web]'") from None
    if not _loopback(host):
        print(f"warning: serving on {host}: anyone who can reach this address can use the "
              "dashboard (it has no login); use --host 127.0.0.1 to keep it local")
    print(f"redline dashboard on http://{host}:{port}/  (Ctrl-C to stop)")
    uvicorn.run(app, host=host, port=port, log_level="warning")


def _loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
