"""Live sources: an article page or an RSS/Atom feed fetched over HTTP(S), with a timeout and a
size limit (the standard library's urllib; no extra dependency).

A failure a user can cause or fix (a wrong address, a server that answers 404, a page over the
size limit, a timeout) is one `ArticleError` naming the address and the fix.
"""

from __future__ import annotations

import hashlib
import urllib.error
import urllib.request
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

from redline.news.reading import (
    MAX_BYTES,
    ArticleError,
    _decode,
    _is_binary,
    feed_entries,
    read_text,
    sniff,
)
from redline.news.statement import Article
from redline.version import __version__

TIMEOUT = 20.0  # seconds for connecting and for each read
MAX_ITEMS = 200  # entries read from one feed at a time
USER_AGENT = f"redline/{__version__} (+news monitoring; polite polling)"
_KINDS = {"text/html": "html", "application/xhtml+xml": "html", "application/rss+xml": "feed",
          "application/atom+xml": "feed", "application/xml": "feed", "text/xml": "feed",
          "text/plain": "text"}


def is_url(text: str) -> bool:
    """Whether `text` is an http(s) URL rather than a file path."""
    return urlsplit(text).scheme in ("http", "https")


@dataclass(frozen=True)
class Fetched:
    """What a server sent: the address it came from (after redirects), its kind and text."""

    url: str
    kind: str
    text: str


def fetch(url: str, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> Fetched:
    """The text at `url` (http or https only), refused past `max_bytes` or `timeout`."""
    if not is_url(url):
        raise ArticleError(f"{url}: not an http(s) address. Fix: give a URL such as "
                           "https://example.org/news/1, or a file path")
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT,
                                                   "Accept": "text/html, application/rss+xml, "
                                                             "application/atom+xml, text/*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            data = response.read(max_bytes + 1)
            final = response.geturl()
            content_type = response.headers.get_content_type()
    except urllib.error.HTTPError as exc:
        raise ArticleError(f"{url}: the server answered {exc.code} {exc.reason}. Fix: check "
                           "the address, or try again later") from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        if isinstance(exc, TimeoutError) or isinstance(reason, TimeoutError):
            raise ArticleError(f"{url}: no answer within {timeout:g} s. Fix: try again later, "
                               "or raise --timeout") from None
        raise ArticleError(f"{url}: cannot connect ({reason}). Fix: check the address and "
                           "your network") from None
    if len(data) > max_bytes:
        raise ArticleError(f"{url}: more than {max_bytes / 1e6:g} MB, too large for one article "
                           "or feed. Fix: give the article's own page, not an archive")
    if _is_binary(data):
        raise ArticleError(f"{url}: binary data ({content_type}), not text, HTML or a feed. "
                           "Fix: give the address of the article page or the feed")
    text = _decode(data)
    by_content = sniff(Path(urlsplit(final).path or "/"), text)
    kind = _KINDS.get(content_type) or by_content
    if kind == "feed" and by_content == "html":
        kind = "html"  # XHTML served as XML
    return Fetched(final, kind, text)


def read_url(url: str, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> list[Article]:
    """The articles at `url`: one for a page, one per entry for a feed."""
    got = fetch(url, timeout, max_bytes)
    return read_text(got.text, got.url, got.kind)


@dataclass(frozen=True)
class FeedItem:
    """One feed entry: a stable key (from its id or link), its link, and its article."""

    key: str
    link: str | None
    article: Article


def item_key(entry_id: str | None, link: str | None, title: str | None) -> str:
    """SHA-256 of an entry's id, else its link, else its title: the same entry on every poll."""
    basis = entry_id or link or title or ""
    return hashlib.sha256(basis.strip().encode("utf-8")).hexdigest()


def read_feed(url: str, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES,
              limit: int = MAX_ITEMS) -> list[FeedItem]:
    """The entries of the feed at `url` (at most `limit`), each keyed for `new items only`."""
    got = fetch(url, timeout, max_bytes)
    if got.kind != "feed":
        raise ArticleError(f"{url}: not an RSS/Atom feed ({got.kind}). Fix: give the feed's "
                           "address, or pass the page to `redline ingest URL`")
    return [FeedItem(item_key(entry_id, article.source, article.title),
                     article.source if is_url(article.source) else None, article)
            for entry_id, article in feed_entries(got.text, got.url)[:limit]]


def follow(item: FeedItem, timeout: float = TIMEOUT, max_bytes: int = MAX_BYTES) -> Article:
    """The full article behind a feed entry (its linked page); the entry's own text, with a note
    saying why, when the page cannot be read. The feed's date stays when the page has none."""
    if item.link is None:
        return item.article
    try:
        page = read_url(item.link, timeout, max_bytes)[0]
    except ArticleError as exc:
        return replace(item.article, note=f"the linked page was not read ({exc}); the feed's "
                                          "summary is used")
    if not page.text.strip():
        return item.article
    return replace(page, date=page.date or item.article.date, title=page.title or
                   item.article.title)
