"""Files -> articles: plain text, HTML (main text via trafilatura), RSS/Atom feeds (feedparser).

Bad input never crashes: binary junk and oversized files raise one `ArticleError` naming the
file and the fix; empty files and text in other languages give an article with no text to mine
and a note saying why.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

from redline.errors import RedlineError
from redline.news.language import MissingExtraError, looks_english
from redline.news.statement import Article

MAX_BYTES = 5_000_000  # one article (or one feed); a 10 MB "article" is not an article
SUFFIXES = {".txt": "text", ".text": "text", ".md": "text", ".html": "html", ".htm": "html",
            ".xhtml": "html", ".xml": "feed", ".rss": "feed", ".atom": "feed"}


class ArticleError(RedlineError):
    """A file that cannot be read as an article."""


def _is_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as exc:
        if exc.start < len(sample) - 4:  # not just a character cut at the sample's end
            controls = sum(b < 9 or 13 < b < 32 for b in sample)
            return controls > len(sample) * 0.05 or _undecodable(sample) > 0.3
    return False


def _undecodable(sample: bytes) -> float:
    text = sample.decode("utf-8", errors="replace")
    return text.count("\ufffd") / max(len(text), 1)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def sniff(path: Path, text: str) -> str:
    """The kind of a file: by its suffix, else by its first characters."""
    if path.suffix.lower() in SUFFIXES:
        return SUFFIXES[path.suffix.lower()]
    head = text[:2000].lstrip().lower()
    if head.startswith("<?xml") and ("<rss" in head or "<feed" in head) or head.startswith(
            ("<rss", "<feed")):
        return "feed"
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        return "html"
    return "text"


def _html_text(html: str, source: str) -> tuple[str, str | None, str | None]:
    try:
        import trafilatura
    except ImportError:
        raise MissingExtraError("reading HTML needs trafilatura. Fix: pip install "
                                "'redline[nlp]'") from None
    text = trafilatura.extract(html, include_comments=False, include_tables=False,
                               favor_precision=True) or ""
    title = day = None
    try:
        meta = trafilatura.extract_metadata(html)
    except Exception:  # noqa: BLE001  metadata is a bonus; malformed markup must not stop us
        meta = None
    if meta is not None:
        title, day = meta.title, meta.date
    return text, title, day


def _feed_articles(text: str, source: str) -> Iterator[Article]:
    for _entry_id, article in feed_entries(text, source):
        yield article


def feed_entries(text: str, source: str) -> list[tuple[str | None, Article]]:
    """Each entry of an RSS/Atom feed: its id (None if it gives none) and its article."""
    try:
        import feedparser
    except ImportError:
        raise MissingExtraError("reading feeds needs feedparser. Fix: pip install "
                                "'redline[nlp]'") from None
    feed = feedparser.parse(text)
    if not feed.entries and feed.bozo:
        raise ArticleError(f"{source}: not a readable RSS/Atom feed "
                           f"({feed.get('bozo_exception', 'no entries')}). Fix: check the file "
                           "is the feed itself, or rename it to .txt/.html if it is an article")
    out = []
    for index, entry in enumerate(feed.entries):
        body = ""
        if entry.get("content"):
            body = entry["content"][0].get("value", "")
        body = body or entry.get("summary", "") or entry.get("description", "")
        if "<" in body:
            body = re.sub(r"<[^>]+>", " ", body)
            body = re.sub(r"[ \t]+", " ", body)
        title = entry.get("title")
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        day = date(*parsed[:3]).isoformat() if parsed else None
        link = entry.get("link") or f"{source}#{index}"
        full = f"{title}\n{body.strip()}" if title else body.strip()
        out.append((entry.get("id"), _checked(Article(source=link, text=full, title=title,
                                                      date=day, kind="feed"))))
    return out


def _checked(article: Article) -> Article:
    if not article.text.strip():
        return Article(article.source, "", article.title, article.date, article.kind,
                       "unknown", note="no text found")
    if not looks_english(article.text):
        return Article(article.source, "", article.title, article.date, article.kind,
                       "other", note="not English: only English text is mined")
    return article


def read_text(text: str, source: str = "<text>", kind: str = "text",
              day: str | None = None) -> list[Article]:
    """Articles from text already in memory (plain text, HTML or a feed)."""
    if kind == "feed":
        return list(_feed_articles(text, source))
    title = None
    if kind == "html":
        text, title, meta_day = _html_text(text, source)
        day = day or meta_day
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if title is None and text.strip():
        title = text.strip().split("\n", 1)[0][:200]
    return [_checked(Article(source=source, text=text, title=title, date=day, kind=kind))]


def read_file(path: str | Path) -> list[Article]:
    """The articles in one file (a feed gives one per entry)."""
    path = Path(path)
    if not path.is_file():
        raise ArticleError(f"{path}: no such file. Fix: check the path")
    size = path.stat().st_size
    if size > MAX_BYTES:
        raise ArticleError(f"{path}: {size / 1e6:.1f} MB is too large for one article (limit "
                           f"{MAX_BYTES / 1e6:.0f} MB). Fix: split it into articles, one a file")
    data = path.read_bytes()
    if _is_binary(data):
        raise ArticleError(f"{path}: binary data, not text, HTML or a feed. Fix: give the "
                           "article as UTF-8 text, HTML or RSS/Atom")
    text = _decode(data)
    return read_text(text, str(path), sniff(path, text))


def expand(paths: Iterable[str | Path]) -> list[Path]:
    """Files named, and the readable files inside directories named (sorted, not recursive
    into hidden folders)."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file()
                                and not any(part.startswith(".")
                                            for part in p.relative_to(path).parts)))
        elif path.exists():
            files.append(path)
        else:
            raise ArticleError(f"{path}: no such file or directory. Fix: check the path")
    return files
