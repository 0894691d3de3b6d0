"""The report's uncertainty section shows the Kalai-Smorodinsky shares next to the Nash ones."""

from __future__ import annotations

import re

from redline.report.outlook_sections import uncertainty
from redline.scenario import load
from redline.uncertainty import montecarlo

NUCLEAR = ["enrichment", "inspections", "stockpile", "sanctions"]


def rows(html: str) -> dict[str, list[str]]:
    """The option-share table: issue -> its cells."""
    found = {}
    for row in re.findall(r"<tr>(.*?)</tr>", html):
        cells = re.findall(r"<td>(.*?)</td>", row)
        if cells:
            found[cells[0]] = cells[1:]
    return found


def test_the_section_shows_both_packages_shares(examples):
    data = montecarlo(load(examples / "us-iran-2026.yaml"), 300, 3, agenda=NUCLEAR,
                      sobol_samples=0).to_dict()
    assert data["nash_options"]["inspections"] != data["ks_options"]["inspections"]
    html = uncertainty(data).body
    assert "<th>Nash</th><th>Kalai–Smorodinsky</th>" in html
    table = rows(html)
    for issue in NUCLEAR:
        for column, key in enumerate(("nash_options", "ks_options")):
            shares = {o: s for o, s in data[key][issue].items() if s}
            shown = dict(part.rsplit(" ", 1) for part in table[issue][column].split(", "))
            assert shown == {o: f"{s:.0%}" if s >= 0.005 else "<1%"
                             for o, s in shares.items()}, (issue, key)
    assert table["inspections"][0] != table["inspections"][1]


def test_a_result_without_ks_shares_shows_a_dash():
    data = {"runs": 10, "seed": 1, "p_zopa": 1.0,
            "nash_options": {"x": {"a": 0.247, "b": 0.75, "c": 0.003, "d": 0.0}}}
    assert rows(uncertainty(data).body)["x"] == ["b 75%, a 25%, c &lt;1%", "-"]
