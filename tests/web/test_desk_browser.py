"""The dashboard as an analyst works in it, in Debian's Chromium: open a YAML file from disk,
edit it, download it back as YAML; the brief says what the CLI says; simulation choices."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.web.test_browser import CHROMIUM, ROOT, browser, server  # noqa: F401  (fixtures)

EXAMPLE = ROOT / "examples" / "us-iran-2026.yaml"
pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"no Chromium at {CHROMIUM}: install Debian's package (apt-get install chromium) "
           "or set REDLINE_CHROMIUM; browsers are never downloaded")


def ready(page) -> str:
    return page.evaluate("() => document.body.dataset.ready")


def wait_for_new(page, before: str) -> None:
    page.wait_for_function(f"() => document.body.dataset.ready !== '{before}'")


def test_open_edit_and_download_a_yaml_file(server: str, browser, tmp_path: Path) -> None:  # noqa: F811
    from redline.scenario import load

    source = tmp_path / "my-case.yaml"
    source.write_text(EXAMPLE.read_text(encoding="utf-8").replace(
        "title: US–Iran talks 2026 (indirect, via Oman)", "title: My case").replace(
        "reservation: {low: 0.40, mode: 0.50, high: 0.60}", "reservation: 0.55"),
        encoding="utf-8")
    page = browser.new_page(accept_downloads=True)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/?scenario=us-iran-2026")
    page.wait_for_function("() => document.body.dataset.ready !== undefined")
    before = ready(page)
    page.set_input_files("#open-file", str(source))
    wait_for_new(page, before)
    page.wait_for_function("() => document.getElementById('status').textContent"
                           ".startsWith('opened')")
    assert page.locator("#scenario option:checked").inner_text() == "My case"
    assert page.input_value("#res-IRN") == "0.55"

    before = ready(page)
    page.fill("#res-IRN", "0.65")
    wait_for_new(page, before)
    with page.expect_download() as download:
        page.click("#download-yaml")
    saved = tmp_path / "downloaded.yaml"
    download.value.save_as(saved)
    assert download.value.suggested_filename == "my-case.yaml"
    again = load(saved)
    assert again.title == "My case" and again.utilities["IRN"].reservation == 0.65
    assert again.to_dict()["red_lines"] == load(source).to_dict()["red_lines"]
    assert not errors, errors
    page.close()


def test_a_broken_file_shows_the_loaders_problems(server: str, browser, tmp_path: Path) -> None:  # noqa: F811
    bad = tmp_path / "bad.yaml"
    text = EXAMPLE.read_text(encoding="utf-8").replace("    role: party\n    power: 0.5",
                                                       "    role: king\n    power: 0.5")
    assert "role: king" in text
    bad.write_text(text, encoding="utf-8")
    page = browser.new_page()
    page.goto(server + "/?scenario=us-iran-2026")
    page.wait_for_function("() => document.body.dataset.ready !== undefined")
    page.set_input_files("#open-file", str(bad))
    page.wait_for_selector("#problems:not([hidden])")
    assert "actors[1].role" in page.locator("#problems").inner_text()
    page.close()


def test_the_brief_says_what_the_cli_says(server: str, browser) -> None:  # noqa: F811
    from typer.testing import CliRunner

    from redline.cli import app as cli
    from redline.cli import commands  # noqa: F401

    page = browser.new_page()
    page.goto(server + "/?scenario=us-iran-2026")
    page.wait_for_function("() => document.body.dataset.ready !== undefined")
    assert page.get_attribute("#brief", "data-verdict") == "a deal"
    assert "missiles (IRN refuses" in page.locator("#agenda-note").inner_text()
    before = ready(page)
    page.check("#agenda-missiles")  # every issue on the table, as the CLI's default
    wait_for_new(page, before)
    assert page.get_attribute("#brief", "data-verdict") == "no talks"
    shown = page.locator("#brief li .point").all_inner_texts()
    expected = json.loads(CliRunner().invoke(cli, ["brief", str(EXAMPLE), "--format",
                                                   "json"]).stdout)
    words = [p["text"] for s in expected["sections"] for p in s["points"]]
    assert shown == words
    assert any("A deal opens if IRN drops its agenda refusal irn-missiles-off-agenda and talks "
               "with missiles" in t for t in shown)
    page.close()


def test_break_even_values_and_a_sweep(server: str, browser) -> None:  # noqa: F811
    page = browser.new_page()
    page.goto(server + "/?scenario=us-iran-2026")
    page.wait_for_function("() => document.body.dataset.ready !== undefined")
    page.click("#thresholds")
    page.wait_for_selector("#thresholds-table tr:nth-child(2)")
    rows = page.locator("#thresholds-table tr").all_inner_texts()
    assert any(r.startswith("IRN.reservation") and "0.890" in r for r in rows), rows
    page.select_option("#sweep-param", "IRN.reservation")
    page.click("#sweep")
    page.wait_for_selector("#sweep-chart svg")
    assert "package A" in page.locator("#sweep-chart").inner_html()
    page.close()


def test_simulation_with_a_chosen_protocol_and_strategies(server: str, browser) -> None:  # noqa: F811
    page = browser.new_page()
    page.goto(server + "/?scenario=us-iran-2026")
    page.wait_for_function("() => document.body.dataset.ready !== undefined")
    page.select_option("#sim-protocol", "mediated")
    page.select_option("#strategy-USA", "boulware")
    page.click("#simulate")
    page.wait_for_selector("#simulation-table tr", timeout=180_000)  # a job, under load
    table = page.locator("#simulation-table").inner_text()
    assert "mediated" in table and "USA: boulware" in table and "IRN: linear" in table
    page.close()


def test_charts_that_explain(server: str, browser) -> None:  # noqa: F811
    page = browser.new_page()
    page.goto(server + "/?scenario=coalition-budget")
    page.wait_for_function("() => document.body.dataset.ready !== undefined")
    page.wait_for_selector("#frontier-chart svg")  # three parties: parallel coordinates
    assert page.locator("#frontier-chart polyline").count() >= 3
    page.wait_for_selector("#forecast-chart svg")
    page.click("#how-sure")
    page.wait_for_selector("#p-deal-chart svg", timeout=180_000)
    assert "P(deal) =" in page.locator("#p-deal-chart").inner_html()
    page.close()
