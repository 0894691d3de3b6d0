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


def test_a_section_past_its_budget_is_left_out_with_its_message_and_the_rest_is_made():
    import numpy as np

    from redline.report import build_report
    from redline.report.gather import Options, gather
    from redline.scenario import load
    from redline.space.domains import linear_additive_document

    # 2**23 packages: the merge analyses them, a negotiation may not list them (5,000,000).
    scenario = load(linear_additive_document(23, 2, 2, np.random.default_rng(1)))
    results = gather(scenario, Options(runs=3, sobol=0))
    assert "nash" in results["analysis"]["solutions"]
    assert "8.39e+06 packages" in results["simulation"]["not_computed"]
    assert "not_computed" not in results["montecarlo"]  # refused sections only
    page = build_report(scenario, Options(runs=3, sobol=0))
    left_out = page[page.index('id="not-computed"'):]
    assert "Simulated negotiations" in left_out and "--max-outcomes" in left_out
    assert 'id="simulation"' not in page and 'id="space"' in page
    assert "montecarlo, space" in page and "simulation" not in page[page.index("<footer>"):]
