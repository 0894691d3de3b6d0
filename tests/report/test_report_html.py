"""The HTML report: sections, determinism, self-containment, escaping, figures."""

from __future__ import annotations

import importlib.util
import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from redline.report import Options, build_report, gather, render_html
from redline.report.gather import available
from redline.scenario import load

NUCLEAR = ("enrichment", "inspections", "stockpile", "sanctions")
FAST = Options(agenda=NUCLEAR, runs=60, sobol=0)  # small stochastic sections: quick tests


class Page(HTMLParser):
    """Collects section ids, headings, URLs the page would load, and SVG elements."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[str] = []
        self.urls: list[tuple[str, str, str]] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        self.tags.append((tag, found))
        if tag == "section":
            self.sections.append(str(found.get("id")))
        if tag == "script":
            self.scripts += 1
        for name in ("src", "href", "data", "action", "srcset", "poster"):
            if found.get(name):
                self.urls.append((tag, name, str(found[name])))


def parse(html: str) -> Page:
    page = Page()
    page.feed(html)
    return page


EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "us-iran-2026.yaml"


@pytest.fixture(scope="module")
def us_iran():  # type: ignore[no-untyped-def]
    return load(EXAMPLE)


@pytest.fixture(scope="module")
def nuclear_report(us_iran) -> str:  # type: ignore[no-untyped-def]
    return build_report(us_iran, FAST)


def test_sections_of_the_core_analysis_are_present(nuclear_report: str) -> None:
    page = parse(nuclear_report)
    assert page.sections[:4] == ["summary", "glance", "situation", "space"]
    assert {"glance", "situation", "space", "binds", "statements"} <= set(page.sections)
    assert "A deal exists." in nuclear_report
    # the situation is said once, before the answers that assume it
    assert "naval-buildup" in nuclear_report and "refuses this agenda" in nuclear_report
    # the red line's source statement is quoted next to it
    assert "missile capabilities a strategic" in nuclear_report


def test_a_section_is_there_exactly_when_its_engine_is(us_iran) -> None:  # type: ignore[no-untyped-def]
    page = parse(build_report(us_iran, FAST))
    for key, section in [("agendas", "agendas"), ("forecast", "forecast"),
                         ("simulation", "simulation"), ("montecarlo", "uncertainty")]:
        assert (section in page.sections) == (key in available()), key


def test_report_is_deterministic(us_iran, nuclear_report: str) -> None:  # type: ignore[no-untyped-def]
    again = build_report(load(Path(us_iran.origin)), FAST)
    assert again == nuclear_report


def test_report_loads_nothing_from_the_network(nuclear_report: str) -> None:
    page = parse(nuclear_report)
    assert page.scripts == 0
    for tag, attribute, url in page.urls:
        assert url.startswith("#"), f"<{tag} {attribute}={url!r}> would leave the file"
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", nuclear_report)
    assert "@import" not in nuclear_report


def test_space_figure_marks_every_frontier_point_and_the_nash_point(us_iran) -> None:  # type: ignore[no-untyped-def]
    results = gather(us_iran, FAST)
    html = render_html(us_iran.to_dict(), results)
    svg = re.search(r"<svg.*?</svg>", html, re.S)
    assert svg is not None
    root = ET.fromstring(svg.group(0))
    ns = "{http://www.w3.org/2000/svg}"
    layers = {g.get("data-name"): g for g in root.iter(f"{ns}g")}
    frontier = layers["Pareto frontier (ZOPA)"]
    assert len(frontier.findall(f"{ns}circle")) == len(results["analysis"]["pareto"])
    # the four solutions coincide on this agenda: one mark names them all
    together = layers["Nash = Kalai–Smorodinsky = egalitarian = utilitarian"]
    assert len(together.findall(f"{ns}path")) == 1
    cloud = (len(layers["outcomes breaking a red line"]) + len(layers["satisfy every red line"]))
    assert cloud == results["space"]["outcomes"] == 192
    assert len(layers["satisfy every red line"]) == results["analysis"]["feasible"]


def test_refused_agenda_says_no_talks(us_iran) -> None:  # type: ignore[no-untyped-def]
    html = build_report(us_iran, Options(runs=60, sobol=0))  # every issue: Iran refuses
    assert "No talks on this agenda" in html
    assert "irn-missiles-off-agenda" in html
    assert "try --agenda enrichment,inspections,stockpile,sanctions" in html


def test_three_parties_get_pairwise_projections(us_iran) -> None:  # type: ignore[no-untyped-def]
    document = us_iran.to_dict()
    for actor in document["actors"]:
        if actor["id"] == "OMN":
            actor["role"] = "party"
    html = build_report(load(document), FAST)
    titles = re.findall(r"<title>(Utility space: [^<]*)</title>", html)
    assert titles == ["Utility space: USA vs IRN", "Utility space: USA vs OMN",
                      "Utility space: IRN vs OMN"]


def test_text_from_the_scenario_is_escaped(us_iran) -> None:  # type: ignore[no-untyped-def]
    document = us_iran.to_dict()
    document["title"] = "<script>alert(1)</script> & co"
    html = build_report(load(document), FAST)
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in html


def test_given_results_add_their_sections(us_iran) -> None:  # type: ignore[no-untyped-def]
    montecarlo = {"format": "redline-montecarlo/1", "runs": 500, "seed": 7, "engine": "local",
                  "p_zopa": 0.62,
                  "nash_options": {"sanctions": {"full-lifting": 0.7, "oil-and-banking": 0.3}},
                  "p_zopa_se": 0.02, "p_refused": 0.0, "sensitivity_output": "zopa",
                  "gains": {"USA": {"p05": 0.1, "median": 0.2, "p95": 0.3, "mean": 0.2},
                            "IRN": None},
                  "sensitivity": [{"parameter": "IRN.reservation", "low": 0.9, "high": 0.2,
                                   "swing": 0.7, "S1": 0.5, "S1_conf": 0.1, "ST": 0.6,
                                   "ST_conf": 0.1},
                                  {"parameter": "USA.weights.missiles", "low": 0.6, "high": 0.65,
                                   "swing": 0.05}]}
    agendas = {"format": "redline-agendas/1", "skipped": 0, "agendas": [
        {"issues": ["enrichment", "sanctions"], "refused_by": [], "zopa": True,
         "nash": {"outcome": {"enrichment": "cap-3.67pct", "sanctions": "full-lifting"},
                  "utilities": {"USA": 0.5, "IRN": 0.6}}, "gains": {"USA": 0.2, "IRN": 0.1}},
        {"issues": ["missiles"], "refused_by": ["IRN"], "zopa": False, "nash": None,
         "gains": {}}]}
    html = build_report(us_iran, FAST, given=[montecarlo, agendas])
    page = parse(html)
    assert "uncertainty" in page.sections and "agendas" in page.sections
    assert "62.0%" in html and "no talks: IRN refuses" in html
    assert "Variance-based (Sobol) indices" in html and "Gains over reservation" in html
    tornado = re.search(r"<svg[^>]*><title>One-at-a-time.*?</svg>", html, re.S)
    assert tornado is not None
    bars = re.findall(r'<rect x="[^"]*" y="(\d+)"', tornado.group(0))
    assert len(bars) == 2
    # the widest bar (IRN.reservation, 0.7 wide) comes first
    assert tornado.group(0).index("IRN.reservation") < tornado.group(0).index("USA.weights")


def test_a_result_of_unknown_format_is_refused(us_iran) -> None:  # type: ignore[no-untyped-def]
    from redline.errors import RedlineError

    with pytest.raises(RedlineError, match="cannot go in a report"):
        gather(us_iran, given=[{"format": "something/9"}])


def test_pdf_output(tmp_path: Path, nuclear_report: str) -> None:
    from redline.report import write_pdf

    if importlib.util.find_spec("weasyprint") is None:
        pytest.skip("WeasyPrint (the 'pdf' extra) is not installed")
    try:
        import weasyprint  # noqa: F401
    except OSError as exc:
        pytest.skip(f"WeasyPrint cannot load the system's Pango library: {exc}")

    target = tmp_path / "report.pdf"
    write_pdf(nuclear_report, target)
    assert target.read_bytes().startswith(b"%PDF")
    assert target.stat().st_size > 10_000


def test_forecast_explain_and_statement_sections_render_their_contracts(us_iran) -> None:  # type: ignore[no-untyped-def]
    # the shape of `redline forecast --format json`
    forecast = {"source": "us-iran-2026.yaml", "method": "bdm", "parameters": {},
                "actors": ["USA", "IRN"], "issues": ["sanctions", "missiles"],
                "outcome": [62.5, 10.0], "rounds": 3, "converged": True,
                "trajectory": [[0.0, 0.0], [40.0, 5.0], [55.0, 10.0], [62.5, 10.0]]}
    explain = {"format": "redline-explain/1", "zopa": False, "beyond_limit": 0, "blocking_sets": [
        {"constraints": ["irn-no-missile-limits"],
         "opens": {"outcome": {"missiles": "test-moratorium"},
                   "utilities": {"USA": 0.61, "IRN": 0.55}},
         "gives_up": [{"constraint": "irn-no-missile-limits", "actor": "IRN",
                       "kind": "red line"}]},
        {"constraints": ["reservation:IRN"], "opens": None,
         "gives_up": [{"constraint": "reservation:IRN", "actor": "IRN", "kind": "reservation",
                       "drop": 0.125, "from": 0.5, "to": 0.375}]}],
        "binding": [], "headroom": {}}
    # the shape of `redline extract --format json` (it has no "format" field)
    statements = {"method": "dependency-rules", "parameters": {}, "articles": [], "statements": [
        {"actor": "IRN", "speaker": "Ali Shamkhani", "stance": "red_line", "issue": "missiles",
         "sentence": "Missile capabilities are a red line.", "source": "article-17.txt",
         "date": "2026-02-10", "confidence": 0.9}]}
    html = build_report(us_iran, FAST, given=[forecast, explain, statements])
    page = parse(html)
    assert {"forecast", "binds", "statements"} <= set(page.sections)
    chart = re.search(r"<svg[^>]*><title>Forecast trajectories</title>.*?</svg>", html, re.S)
    assert chart is not None
    assert len(re.findall(r"<polyline ", chart.group(0))) == 2  # one line per issue
    # 62.5 on a 4-option issue is nearest to option 2 of 0..3 (oil-and-banking)
    assert "<td>sanctions</td><td>62.5</td><td>oil-and-banking</td>" in html
    assert "irn-no-missile-limits" in html and "missiles = test-moratorium" in html
    assert "IRN lowers its reservation by 0.125 (0.500 -&gt; 0.375)" in html
    assert "Missile capabilities are a red line." in html and "article-17.txt" in html


def test_flat_sensitivity_and_one_round_forecasts_say_so_instead_of_empty_charts(us_iran) -> None:  # type: ignore[no-untyped-def]
    montecarlo = {"format": "redline-montecarlo/1", "runs": 10, "seed": 0, "p_zopa": 1.0,
                  "sensitivity_output": "zopa", "nash_options": {},
                  "sensitivity": [{"parameter": "preferences.IRN.reservation", "low": 1.0,
                                   "high": 1.0, "swing": 0.0}]}
    forecast = {"method": "compromise", "issues": ["sanctions"], "outcome": [56.2],
                "trajectory": [[56.2]], "rounds": 1}
    html = render_html(us_iran.to_dict(), {"montecarlo": montecarlo, "forecast": forecast})
    assert "No uncertain parameter (1) changes the result (zopa)" in html
    assert "One-at-a-time sensitivity" not in html
    assert "Forecast trajectories" not in html and "<td>56.2</td>" in html


def test_the_summary_comes_first_and_links_each_point_to_its_section(nuclear_report: str
                                                                     ) -> None:
    page = parse(nuclear_report)
    summary = nuclear_report.split('<section id="summary">')[1].split("</section>")[0]
    assert "Verdict: a deal." in summary
    targets = {url.removeprefix("#") for tag, name, url in page.urls
               if tag == "a" and url.startswith("#") and f'href="{url}"' in summary}
    assert targets and targets <= set(page.sections)  # every link lands on a section


def test_refused_agendas_fold_into_one_row(us_iran) -> None:  # type: ignore[no-untyped-def]
    from redline.report.outlook_sections import agendas
    from redline.space.agendas import analyze_agendas

    data = analyze_agendas(us_iran).to_dict()
    refused = sum(1 for a in data["agendas"] if a["refused_by"])
    body = agendas(data).body
    assert refused == 16 and body.count("refuses") == 1
    assert "16 agenda(s) with missiles" in body
    assert body.count("<tr>") == 1 + (len(data["agendas"]) - refused) + 1  # header, talks, fold
