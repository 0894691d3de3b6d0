"""Results render in Jupyter (`_repr_html_`): the figures of the JSON, escaped, as tables."""

from __future__ import annotations

from html.parser import HTMLParser

import redline
from redline.briefing import brief
from redline.space.thresholds import thresholds

NUCLEAR = ["enrichment", "inspections", "stockpile", "sanctions"]


class Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.open: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.open.append(tag)

    def handle_endtag(self, tag):
        assert self.open.pop() == tag, f"unbalanced <{tag}>"

    def handle_data(self, data):
        if self.open and self.open[-1] in ("td", "th", "li", "b", "strong"):
            self.cells.append(data)


def cells(html: str) -> list[str]:
    parser = Cells()
    parser.feed(html)
    assert not parser.open
    return parser.cells


def test_analysis_shows_its_figures(examples):
    result = redline.analyze(redline.load(examples / "us-iran-2026.yaml"), NUCLEAR)
    found = cells(result._repr_html_())
    assert str(result.zopa_size) in found
    nash = result.to_dict()["solutions"]["nash"]["outcome"]
    assert any("enrichment: " + nash["enrichment"] in c for c in found)
    assert sum("utilities" in c or "USA: " in c for c in found) >= len(result.frontier)


def test_thresholds_and_brief_render(examples):
    scenario = redline.load(examples / "us-iran-2026.yaml")
    result = thresholds(scenario, NUCLEAR)
    found = cells(result._repr_html_())
    assert "IRN.reservation" in found and result.items[0].effect in found
    page = brief(scenario, NUCLEAR)
    text = cells(page._repr_html_())
    assert "a deal" in text
    assert page.section("Likely package")[0].text + " " in text


def test_text_from_the_scenario_is_escaped():
    document = {"format": "redline/1", "title": "<script>x</script>",
                "actors": [{"id": "A", "name": "A", "role": "party"},
                           {"id": "B", "name": "B", "role": "party"}],
                "issues": [{"id": "i", "name": "I", "options": ["<b>", "y"]}],
                "preferences": {"A": {"weights": {"i": 1}, "values": {"i": [1, 0]}},
                                "B": {"weights": {"i": 1}, "values": {"i": [0, 1]}}}}
    html = redline.analyze(redline.load(document))._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "&lt;b&gt;" in html
