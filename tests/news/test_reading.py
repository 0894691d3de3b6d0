"""Files -> articles: HTML, feeds, and bad input (empty, binary, huge, other languages)."""

from __future__ import annotations

from pathlib import Path

import pytest

from redline.news import ArticleError, extract, read_file
from redline.news.reading import MAX_BYTES, expand

HTML = """<!DOCTYPE html><html><head><title>Border talks</title></head><body>
<nav><a href="/">Home</a> | <a href="/world">World</a></nav>
<article><h1>Border talks</h1>
<p>Peru rejected the new border proposal from Ecuador on Monday, officials in Lima said.</p>
<p>The two governments are expected to meet again next month in Brasilia to discuss the
boundary commission and the status of the disputed river crossing.</p>
<p>Ecuador said it was willing to withdraw its patrols if Peru reopened the crossing.</p>
</article><footer>Copyright</footer></body></html>"""

RSS = """<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
<item><title>Chile and Bolivia resume talks</title><link>https://example.org/a</link>
<pubDate>Tue, 10 Feb 2026 08:00:00 GMT</pubDate>
<description>&lt;p&gt;Chile urged Bolivia to accept arbitration over the water rights.&lt;/p&gt;
</description></item>
<item><title>Quiet day</title><link>https://example.org/b</link>
<description>Markets were calm.</description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Feed</title><entry><title>Statement</title><link href="https://example.org/c"/>
<updated>2026-02-11T09:00:00Z</updated>
<summary>Norway threatened to suspend its fishing agreement with Russia.</summary></entry></feed>"""


def test_html_main_text_and_statements(tmp_path, nlp):
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    article = read_file(path)[0]
    assert article.kind == "html" and "Peru rejected" in article.text
    assert "Home" not in article.text and "Copyright" not in article.text
    found = extract([path]).statements
    assert {(s.actor, s.stance) for s in found} >= {("PER", "reject"),
                                                    ("ECU", "conditional_offer")}


def test_malformed_html_does_not_crash(tmp_path, nlp):
    path = tmp_path / "broken.html"
    path.write_text("<html><body><p>Kenya rejected the plan.<div><span></p></td>&&& <<<",
                    encoding="utf-8")
    result = extract([path])  # whatever trafilatura keeps, no exception
    assert all(s.actor in ("KEN", None) for s in result.statements)


def test_rss_items_are_articles_with_dates(tmp_path, nlp):
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    articles = read_file(path)
    assert [a.source for a in articles] == ["https://example.org/a", "https://example.org/b"]
    assert articles[0].date == "2026-02-10" and "<p>" not in articles[0].text
    urge = [s for s in extract([path]).statements if s.stance == "urge"]
    assert urge and urge[0].actor == "CHL" and urge[0].addressee == "BOL"
    assert urge[0].date == "2026-02-10"


def test_atom_feed(tmp_path, nlp):
    path = tmp_path / "feed.xml"
    path.write_text(ATOM, encoding="utf-8")
    found = extract([path]).statements
    assert [(s.actor, s.stance, s.date) for s in found] == [("NOR", "threaten", "2026-02-11")]


def test_empty_file_gives_an_empty_result_with_a_note(tmp_path, nlp):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    result = extract([path])
    assert result.statements == () and result.articles[0].article.note == "no text found"


def test_binary_junk_is_one_clear_error(tmp_path):
    path = tmp_path / "junk.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(ArticleError, match="junk.txt: binary data.*Fix"):
        read_file(path)


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_bytes(b"Iran rejected the offer. " * (10_000_000 // 25))
    assert path.stat().st_size > MAX_BYTES
    with pytest.raises(ArticleError, match="too large.*Fix: split"):
        read_file(path)


def test_other_languages_give_an_empty_result(tmp_path, nlp):
    path = tmp_path / "fr.txt"
    path.write_text("Le gouvernement iranien a rejeté la proposition des États-Unis sur les "
                    "missiles, selon un communiqué publié mardi par le ministère des affaires "
                    "étrangères à Téhéran.", encoding="utf-8")
    result = extract([path])
    assert result.statements == () and "not English" in result.articles[0].article.note


def test_latin1_text_is_read(tmp_path, nlp):
    path = tmp_path / "old.txt"
    path.write_bytes("Mexico's minister rejected the US demand on tariffs \xe9.".encode("cp1252"))
    assert [s.stance for s in extract([path]).statements] == ["reject"]


def test_directories_expand_and_missing_paths_fail(tmp_path):
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "b.txt").write_text("x")
    assert expand([tmp_path]) == [tmp_path / "a.txt"]
    with pytest.raises(ArticleError, match="no such file"):
        expand([tmp_path / "nope"])


def test_directories_given_through_dot_dot_paths_are_read(tmp_path, monkeypatch):
    inner = tmp_path / "feeds"
    inner.mkdir()
    (inner / "a.txt").write_text("x")
    work = tmp_path / "work"
    work.mkdir()
    monkeypatch.chdir(work)
    assert expand(["../feeds"]) == [Path("../feeds/a.txt")]
