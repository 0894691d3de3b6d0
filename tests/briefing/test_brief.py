"""The brief: its figures are the engines' own, its words say the verdict the CLI says."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

import redline
from redline.briefing import brief
from redline.cli import commands  # noqa: F401
from redline.cli.app import app
from redline.scenario.pressure import apply_pressure
from redline.space.explain import explain

runner = CliRunner()
NUCLEAR = ["enrichment", "inspections", "stockpile", "sanctions"]


@pytest.fixture
def scenario(examples):
    return redline.load(examples / "us-iran-2026.yaml")


def figures(result, heading):
    return [p.figures for p in result.section(heading)]


def test_a_deal_brief_quotes_the_analysis_and_explain(scenario):
    result = brief(scenario, NUCLEAR)
    pressured = apply_pressure(scenario, ["naval-buildup"]).scenario
    analysis = redline.analyze(pressured, NUCLEAR)
    nash = analysis.to_dict()["solutions"]["nash"]
    assert result.verdict == "a deal"
    assert figures(result, "Verdict")[0]["zopa_size"] == analysis.zopa_size
    package, _, gains = figures(result, "Likely package")
    assert package["package"] == {i: nash["outcome"][i] for i in NUCLEAR}
    assert gains["gains"] == nash["gains"]
    explained = explain(pressured, NUCLEAR)
    assert figures(result, "What binds the deal")[-1]["headroom"] == explained.headroom
    assert "Uranium enrichment: cap-3.67pct" in result.section("Likely package")[0].text


def test_no_talks_brief_names_the_refusal_and_the_way_out(scenario):
    result = brief(scenario)
    assert result.verdict == "no talks"
    assert figures(result, "Verdict")[0]["refused_by"] == ["irn-missiles-off-agenda"]
    opens = result.section("What would open a deal")
    assert opens[0].figures["constraints"] == ["irn-missiles-off-agenda"]
    best = redline.analyze(apply_pressure(scenario, ["naval-buildup"]).scenario, NUCLEAR)
    assert opens[-1].figures["agenda"] == NUCLEAR
    assert opens[-1].figures["package"] == {
        i: best.to_dict()["solutions"]["nash"]["outcome"][i] for i in NUCLEAR}
    assert all(p.source for _, points in result.sections for p in points)


def test_monte_carlo_and_since_sections_carry_their_figures(scenario, examples, tmp_path):
    from redline.uncertainty import montecarlo

    mc = montecarlo(scenario, 60, 3, agenda=NUCLEAR, events=["naval-buildup"],
                    sobol_samples=0).to_dict()
    earlier = (examples / "us-iran-2026.yaml").read_text(encoding="utf-8").replace(
        "reservation: {low: 0.40, mode: 0.50, high: 0.60}", "reservation: 0.995")
    old = redline.load(earlier)
    result = brief(scenario, NUCLEAR, montecarlo=mc, since=old)
    sure = figures(result, "How sure")[0]
    assert sure["p_deal"] == mc["p_zopa"] and sure["runs"] == 60 and sure["seed"] == 3
    since = result.section("Since the previous version")
    assert since[0].figures["inputs"] == 1 and "preferences.IRN.reservation" in since[0].text
    verdict_change = next(p for p in since if p.figures.get("path") == "verdict")
    assert (verdict_change.figures["old"], verdict_change.figures["new"]) == ("no deal",
                                                                              "a deal")


def test_cli_brief_formats(examples):
    path = str(examples / "us-iran-2026.yaml")
    data = json.loads(runner.invoke(app, ["brief", path, "--format", "json"]).stdout)
    assert data["format"] == "redline-brief/1" and data["verdict"] == "no talks"
    text = runner.invoke(app, ["brief", path]).stdout
    assert "Verdict: NO TALKS" in text and "IRN refuses to negotiate" in text
    markdown = runner.invoke(app, ["brief", path, "-a", ",".join(NUCLEAR), "-f",
                                   "markdown"]).stdout
    assert markdown.startswith("# US") and "**Verdict: a deal.**" in markdown


def test_cli_brief_and_report_say_a_concession_in_the_same_words(scenario, examples):
    """One wording of a concession (`Concession.in_words`) in explain, the brief and the report;
    a reservation's concession read back from JSON says the same as the live one."""
    from redline.report.space_sections import what_binds
    from redline.space.explain import Concession

    pressured = apply_pressure(scenario, ["naval-buildup"]).scenario
    explained = explain(pressured, ["enrichment"])
    concessions = [c for b in explained.blocking_sets for c in b.gives_up]
    kinds = {c.kind for c in concessions}
    assert {"red line", "reservation"} <= kinds
    words = [c.in_words() for c in concessions]
    assert all(Concession.from_dict(c.to_dict()).in_words() == w
               for c, w in zip(concessions, words, strict=True))
    text = runner.invoke(app, ["explain", str(examples / "us-iran-2026.yaml"), "--agenda",
                               "enrichment"]).stdout.replace("\n", " ")
    assert all(w in text for w in words)
    refusal = explain(pressured).blocking_sets[0].gives_up[0]
    assert refusal.kind == "agenda refusal"
    said = " ".join(p.text for p in brief(scenario).section("What would open a deal"))
    assert refusal.in_words() in said
    analysis = redline.analyze(pressured, ["enrichment"]).to_dict()
    html = what_binds(analysis, explained.to_dict()).body
    assert all(w.replace("->", "-&gt;") in html for w in words)
