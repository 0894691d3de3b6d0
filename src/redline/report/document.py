"""The report as one self-contained, deterministic HTML page.

Everything is inline (CSS, SVG figures); nothing is fetched when the file is opened. The page
depends only on its inputs: no dates, host names or random state, so the same scenario and results
give the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from redline.report import coalition_sections, outlook_sections, scenario_sections, space_sections
from redline.report.brief_page import breakeven_section, summary_section
from redline.report.gather import NOT_COMPUTED
from redline.report.markup import Section, text
from redline.version import __version__

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d1d1f;
background:#fff;line-height:1.45}
header{background:#1f3a5f;color:#fff;padding:18px 32px}
header h1{margin:0;font-size:24px}header p{margin:4px 0 0;opacity:.85}
nav{padding:8px 32px;background:#eef2f7;font-size:14px}nav a{margin-right:14px;color:#1f3a5f}
main{padding:8px 32px 40px;max-width:1200px}
section{margin-top:26px;border-top:1px solid #dde3ea}
h2{color:#1f3a5f;margin:14px 0 8px}h3{margin:16px 0 6px;font-size:16px}
table{border-collapse:collapse;margin:6px 0 12px;font-size:13px}
th,td{border:1px solid #d5dbe3;padding:4px 8px;text-align:left;vertical-align:top}
th{background:#f2f5f9}table.wide{width:100%}
q{font-style:italic;color:#444}
figure{display:inline-block;margin:8px 16px 8px 0}figcaption{font-size:12px;color:#555}
.good{color:#1e7b45}.bad{color:#b03a2e}
footer{padding:12px 32px;color:#777;font-size:12px;border-top:1px solid #dde3ea}
"""


def sections(document: dict[str, Any], results: Mapping[str, dict[str, Any]]) -> list[Section]:
    """The report's sections, in reading order; a section without its result is left out."""
    refused = {k: str(v[NOT_COMPUTED]) for k, v in results.items() if NOT_COMPUTED in v}
    results = {k: v for k, v in results.items() if k not in refused}
    found: list[Section | None] = []
    if "brief" in results:
        found.append(summary_section(results["brief"]))
    found.append(scenario_sections.glance(document))
    analysis = results.get("analysis")
    found.append(scenario_sections.situation(_situation(results)))
    if analysis is not None:
        found.append(space_sections.bargaining_space(analysis, results.get("space"),
                                                     document))
    if "agendas" in results:
        found.append(outlook_sections.agendas(results["agendas"]))
    if analysis is not None:
        found.append(space_sections.what_binds(analysis, results.get("explain")))
    if "thresholds" in results:
        found.append(breakeven_section(results["thresholds"]))
    if "coalitions" in results:
        found.append(coalition_sections.decision_rule(results["coalitions"]))
    if "forecast" in results:
        found.append(outlook_sections.forecasts(results["forecast"], document))
    if "simulation" in results:
        found.append(outlook_sections.simulation(results["simulation"]))
    if "montecarlo" in results:
        found.append(outlook_sections.uncertainty(results["montecarlo"]))
    found.append(not_computed(refused))
    found.append(scenario_sections.statements(document, results.get("statements")))
    return [s for s in found if s is not None]


TITLES = {"space": "Bargaining-space chart", "agendas": "Agendas", "explain": "What binds",
          "forecast": "Forecasts", "simulation": "Simulated negotiations",
          "montecarlo": "Uncertainty (Monte Carlo)", "coalitions": "Decision rule",
          "thresholds": "Break-even values"}


def not_computed(refused: Mapping[str, str]) -> Section | None:
    """The sections a budget refused, each with the message that names the limit and the fix."""
    if not refused:
        return None
    items = "".join(f"<li><strong>{text(TITLES.get(key, key))}</strong>: {text(message)}</li>"
                    for key, message in refused.items())
    return Section("not-computed", "Not computed", "<p>These sections were left out: their "
                   f"work is past a budget.</p><ul>{items}</ul>")


def _situation(results: Mapping[str, dict[str, Any]]) -> dict[str, Any] | None:
    """The situation block the results share (the analysis's, else any engine's)."""
    for key in ("analysis", "agendas", "explain", "forecast", "simulation", "montecarlo"):
        block = results.get(key, {}).get("situation")
        if isinstance(block, dict):
            return block
    return None


def render_html(document: dict[str, Any], results: Mapping[str, dict[str, Any]]) -> str:
    """The whole report page for a scenario document (JSON form) and the engines' results."""
    parts = sections(document, results)
    nav = "".join(f'<a href="#{s.id}">{text(s.title)}</a>' for s in parts)
    body = "".join(f'<section id="{s.id}"><h2>{text(s.title)}</h2>{s.body}</section>'
                   for s in parts)
    shown = ", ".join(sorted(k for k, v in results.items() if NOT_COMPUTED not in v)) or "none"
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{text(document['title'])} — redline report</title>"
        f"<style>{CSS}</style></head><body>"
        f"<header><h1>{text(document['title'])}</h1>"
        f"<p>redline report · scenario format {text(document.get('format', ''))}</p></header>"
        f"<nav>{nav}</nav><main>{body}</main>"
        f"<footer>Made by redline {text(__version__)} from: {text(shown)}. Sections whose "
        "engine is not installed are left out.</footer>"
        "</body></html>\n"
    )
