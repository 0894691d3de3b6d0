"""The report degrades, not fails, where an optional extra is missing."""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path

gathering = importlib.import_module("redline.report.gather")


def test_without_salib_the_report_asks_for_no_sobol_indices(monkeypatch):
    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "SALib" else real(name, *a))
    assert gathering.sobol_samples(256) == 0
    monkeypatch.setattr(importlib.util, "find_spec", real)
    assert gathering.sobol_samples(256) == 256


def test_error_messages_keep_their_brackets():
    from typer.testing import CliRunner

    import redline.cli.commands  # noqa: F401
    from redline.cli.app import app

    scenario = str(Path(__file__).resolve().parents[2] / "examples" / "logrolling.yaml")
    result = CliRunner().invoke(app, ["analyze", scenario, "--agenda", "[web]"])
    assert result.exit_code == 2
    assert "[web]" in result.output  # rich markup did not take it for a style tag
