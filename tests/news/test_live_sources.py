"""Live sources against a local HTTP server on 127.0.0.1 (no internet): `extract URL`,
`ingest --feed` (new items only, idempotent), `watch` (polls, stops cleanly, resumes without
duplicates), and the errors of fetching (404, too large, too slow, binary, not http)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from redline.cli import commands  # noqa: F401  (registers the commands)
from redline.cli.app import app
from redline.news.fetching import fetch, read_feed
from redline.news.reading import ArticleError

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = str(ROOT / "examples" / "us-iran-2026.yaml")
runner = CliRunner()

PAGE = """<!doctype html><html><head><title>Iran draws a line</title></head><body>
<nav>Home | World | Sport</nav><article><h1>Iran draws a line on missiles</h1>
<p>Ali Shamkhani, an adviser to Iran's Supreme Leader, said on Monday that the country's missile
capabilities are a red line that will not be discussed in any talks with Washington.</p>
<p>Tehran is willing to discuss limits on its nuclear programme only in exchange for sanctions
relief, officials said, while Israel urged Washington to insist on missile restrictions.</p>
</article><footer>Copyright</footer></body></html>"""

ITEMS = {
    "1": "Abbas Araghchi said enrichment is a red line for Tehran.",
    "2": "Israel urged Washington to demand limits on Iran's missile programme.",
    "3": "Iran would accept more inspections only if sanctions were lifted, Araghchi said.",
}


def rss(base: str, ids: list[str]) -> str:
    entries = "".join(
        f"<item><title>Item {i}</title><link>{base}/items/{i}.html</link><guid>tag:test,{i}"
        f"</guid><pubDate>Tue, 10 Feb 2026 0{i}:00:00 GMT</pubDate><description>{ITEMS[i]}"
        f"</description></item>" for i in ids)
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Test wire</title>'
            f"<link>{base}</link><description>test</description>{entries}</channel></rss>")


class Site:
    """What the local server answers: path -> (status, content type, body, delay in seconds)."""

    def __init__(self) -> None:
        self.routes: dict[str, tuple[int, str, bytes, float]] = {}
        self.hits: dict[str, int] = {}

    def put(self, path: str, body: str | bytes, kind: str = "text/html", status: int = 200,
            delay: float = 0.0) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.routes[path] = (status, kind, data, delay)


@pytest.fixture(scope="module")
def site():
    state = Site()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802  (the http.server API)
            state.hits[self.path] = state.hits.get(self.path, 0) + 1
            status, kind, body, delay = state.routes.get(
                self.path, (404, "text/plain", b"not here", 0.0))
            time.sleep(delay)
            self.send_response(status)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.base = f"http://127.0.0.1:{server.server_address[1]}"
    for key, text in ITEMS.items():
        state.put(f"/items/{key}.html", f"<html><body><article><p>{text}</p></article>"
                                        "</body></html>")
    state.put("/article.html", PAGE)
    yield state
    server.shutdown()
    server.server_close()


# --- fetching: limits and errors (no NLP needed) ---------------------------------------------

def test_fetch_errors_name_the_address_and_the_fix(site):
    site.put("/big.html", "x" * 5000)
    site.put("/slow.html", "late", delay=2.0)
    site.put("/blob.bin", b"\x00\x01\x02" * 100, kind="application/octet-stream")
    cases = {
        f"{site.base}/nowhere.html": "answered 404",
        f"{site.base}/slow.html": "no answer within 0.5 s",
        f"{site.base}/blob.bin": "binary data",
        "ftp://example.org/x": "not an http(s) address",
        "http://127.0.0.1:9/": "cannot connect",
    }
    for url, words in cases.items():
        with pytest.raises(ArticleError, match="Fix") as info:
            fetch(url, timeout=0.5)
        assert words in str(info.value) and url in str(info.value)
    with pytest.raises(ArticleError, match="too large"):
        fetch(f"{site.base}/big.html", max_bytes=1000)
    assert fetch(f"{site.base}/big.html", max_bytes=10_000).kind == "html"


def test_feed_items_have_stable_keys_and_a_page_is_not_a_feed(site):
    site.put("/feed.xml", rss(site.base, ["1", "2"]), kind="application/rss+xml")
    first, again = read_feed(f"{site.base}/feed.xml"), read_feed(f"{site.base}/feed.xml")
    assert [i.key for i in first] == [i.key for i in again] and len({i.key for i in first}) == 2
    assert first[0].link == f"{site.base}/items/1.html" and first[0].article.date == "2026-02-10"
    with pytest.raises(ArticleError, match="not an RSS/Atom feed"):
        read_feed(f"{site.base}/article.html")


# --- the commands ------------------------------------------------------------------------------

def test_extract_url_resolves_to_the_scenario(site, nlp):
    result = runner.invoke(app, ["extract", f"{site.base}/article.html", "--scenario", EXAMPLE,
                                 "--date", "2026-02-10", "--format", "json"])
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)["statements"]
    assert all(s["source"] == f"{site.base}/article.html" for s in found)
    assert all("Home | World" not in s["sentence"] for s in found)  # the page's menu is not text
    red = [s for s in found if s["stance"] == "red_line"]
    assert red and red[0]["resolved"]["actor"] == "IRN" and red[0]["resolved"]["issue"] == \
        "missiles"
    assert any(s["stance"] == "conditional_offer" and s["resolved"]["condition_issue"] ==
               "sanctions" for s in found)


def test_extract_url_that_fails_is_one_clear_error(site):
    result = runner.invoke(app, ["extract", f"{site.base}/gone.html"])
    assert result.exit_code == 2 and "answered 404" in result.stderr and "Fix" in result.stderr


def test_ingest_feed_stores_new_items_only(site, nlp, tmp_path):
    db = f"sqlite:///{tmp_path / 'feed.sqlite3'}"
    feed = f"{site.base}/wire.xml"
    site.put("/wire.xml", rss(site.base, ["1", "2"]), kind="application/rss+xml")

    def run():
        result = runner.invoke(app, ["ingest", "--feed", feed, "--scenario", EXAMPLE, "--db", db,
                                     "--format", "json"])
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)["feeds"][0]

    first = run()
    assert (first["entries"], first["new"]) == (2, 2) and first["ingest"]["statements_added"] >= 2
    pages = site.hits.get("/items/1.html", 0)
    assert pages >= 1  # the linked page was read
    again = run()
    assert (again["new"], again["ingest"]) == (0, None)
    assert site.hits["/items/1.html"] == pages  # nothing fetched twice
    site.put("/wire.xml", rss(site.base, ["1", "2", "3"]), kind="application/rss+xml")
    third = run()
    assert (third["entries"], third["new"]) == (3, 1)

    from redline.store import open_store, stored_statements

    with open_store(db) as store:
        rows = stored_statements(store)
    assert {r.resolved_issue for r in rows} >= {"enrichment", "missiles", "inspections"}
    assert len({(r.who, r.stance, r.about) for r in rows}) == len(rows)  # no duplicates


def test_a_broken_link_falls_back_to_the_feed_text(site, nlp, tmp_path):
    site.put("/broken.xml", rss(site.base, ["1"]).replace("/items/1.html", "/items/404.html"),
             kind="application/rss+xml")
    result = runner.invoke(app, ["ingest", "--feed", f"{site.base}/broken.xml", "--db",
                                 f"sqlite:///{tmp_path / 'b.sqlite3'}", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["feeds"][0]["ingest"]["statements_added"] >= 1


def test_watch_polls_then_stops_after_max_polls(site, nlp, tmp_path):
    db = f"sqlite:///{tmp_path / 'watch.sqlite3'}"
    site.put("/watched.xml", rss(site.base, ["1"]), kind="application/rss+xml")
    result = runner.invoke(app, ["watch", f"{site.base}/watched.xml", "--every", "0.05s",
                                 "--max-polls", "3", "--db", db, "--no-follow"])
    assert result.exit_code == 0, result.output
    lines = [line for line in result.stdout.splitlines() if line.startswith("poll ")]
    assert len(lines) == 3 and "1 new item(s) of 1" in lines[0]
    assert all("0 new item(s) of 1" in line for line in lines[1:])
    assert "stopped after 3 poll(s)" in result.stdout
    bad = runner.invoke(app, ["watch", f"{site.base}/watched.xml", "--every", "soon"])
    assert bad.exit_code == 2 and "15m" in bad.stderr


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_watch_stops_cleanly_on_a_signal_and_resumes_without_duplicates(site, nlp, tmp_path, sig):
    db = f"sqlite:///{tmp_path / 'signal.sqlite3'}"
    feed = f"{site.base}/signal.xml"
    site.put("/signal.xml", rss(site.base, ["1", "2"]), kind="application/rss+xml")
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "200"}
    command = [sys.executable, "-m", "redline", "watch", feed, "--every", "30s", "--db", db,
               "--no-follow"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               text=True, env=env)
    try:
        first = process.stdout.readline()  # the first poll's line: it has stored the items
        assert "2 new item(s) of 2" in first, first + process.stderr.read()
        process.send_signal(sig)
        rest, errors = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, errors
    assert "stopping after the poll under way" in rest and "stopped after 1 poll(s)" in rest
    again = subprocess.run([*command[:5], "--every", "1s", "--max-polls", "1", "--db", db,
                            "--no-follow"], capture_output=True, text=True, env=env, timeout=120)
    assert again.returncode == 0, again.stderr
    assert "0 new item(s) of 2" in again.stdout


def test_polling_interval_is_read_in_seconds_minutes_or_hours():
    from redline.cli.news import InputError
    from redline.cli.watch import interval

    assert [interval(t) for t in ("15m", "30s", "1.5h", "45", " 2M ")] == [
        900.0, 30.0, 5400.0, 45.0, 120.0]
    for bad in ("0m", "soon", "5d", "-1m"):
        with pytest.raises(InputError, match="15m"):
            interval(bad)
