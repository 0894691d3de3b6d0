"""`redline serve`: binds this machine only by default, and warns when told otherwise."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the 'web' extra is not installed")
uvicorn = pytest.importorskip("uvicorn", reason="the 'web' extra is not installed")

from typer.testing import CliRunner  # noqa: E402

from redline.cli import app, commands  # noqa: E402, F401


def test_serve_binds_loopback_by_default_and_warns_otherwise(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("REDLINE_DB", f"sqlite:///{tmp_path / 'serve.sqlite3'}")
    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: calls.append(
        {"app": application, **kw}))
    result = CliRunner().invoke(app, ["serve"])
    assert result.exit_code == 0, result.output
    assert calls[-1]["host"] == "127.0.0.1" and calls[-1]["port"] == 8000
    # the factory uvicorn is given really builds the dashboard
    module, name = calls[-1]["app"].split(":")
    assert calls[-1]["factory"] is True
    built = getattr(importlib.import_module(module), name)()
    assert "/api/analyze" in built.openapi()["paths"]
    assert "us-iran-2026" in [e.id for e in built.state.repository.list()]
    assert "warning" not in result.output
    result = CliRunner().invoke(app, ["serve", "--host", "0.0.0.0", "--port", "9000"])
    assert calls[-1]["host"] == "0.0.0.0" and calls[-1]["port"] == 9000
    assert "warning" in result.output and "no login" in result.output
