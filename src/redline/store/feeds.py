"""Feeds polled for new items: read each feed, extract the entries not read before, store them
and mark them read in one transaction; `watch` repeats this on a schedule until told to stop.

An entry is known by a hash of its id (else its link, else its title) per feed, kept in the
`feed_items` table, so a poll after a restart reads only what is new; an article is also known
by the hash of its text, so the same story in two feeds is stored once.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from redline.news.extraction import extract_articles
from redline.news.fetching import TIMEOUT, FeedItem, follow, read_feed
from redline.news.reading import ArticleError
from redline.store.database import Store
from redline.store.ingest import IngestReport, ingest
from redline.store.schema import feed_items


@dataclass(frozen=True)
class PollReport:
    """One feed on one poll: entries in it, new ones, what storing them did, or the error."""

    feed: str
    entries: int
    new: int
    ingest: IngestReport | None = None
    error: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The poll as JSON: the feed, its entries, the new ones, what storing them did, or the
        error."""
        return {"feed": self.feed, "entries": self.entries, "new": self.new,
                "ingest": self.ingest.to_dict() if self.ingest else None, "error": self.error}


def unseen(store: Store, feed: str, items: Sequence[FeedItem]) -> list[FeedItem]:
    """The items of `feed` not marked read (in feed order, each once)."""
    from sqlalchemy import select

    keys = [i.key for i in items]
    with store.engine.connect() as conn:
        known = set(conn.execute(select(feed_items.c.item).where(
            feed_items.c.feed == feed, feed_items.c.item.in_(keys))).scalars()) if keys else set()
    out, taken = [], set()
    for item in items:
        if item.key not in known and item.key not in taken:
            taken.add(item.key)
            out.append(item)
    return out


def poll_feed(store: Store, feed: str, scenario: Any = None, published: date | None = None,
              follow_links: bool = True, timeout: float = TIMEOUT) -> PollReport:
    """Read `feed`, and extract and store its new entries (their linked pages when
    `follow_links`). A feed that cannot be read raises `ArticleError`; nothing is stored."""
    items = read_feed(feed, timeout)
    new = unseen(store, feed, items)
    if not new:
        return PollReport(feed, len(items), 0)
    articles = [follow(i, timeout) if follow_links else i.article for i in new]
    found = extract_articles(articles, scenario, published)
    report = ingest(store, found.articles, [(feed, i.key, i.link) for i in new])
    return PollReport(feed, len(items), len(new), report)


def poll(store: Store, feeds: Sequence[str], scenario: Any = None,
         published: date | None = None, follow_links: bool = True,
         timeout: float = TIMEOUT) -> tuple[PollReport, ...]:
    """Each feed polled once; a feed that fails is reported with its error, the others go on."""
    out = []
    for feed in feeds:
        try:
            out.append(poll_feed(store, feed, scenario, published, follow_links, timeout))
        except ArticleError as exc:
            out.append(PollReport(feed, 0, 0, error=str(exc)))
    return tuple(out)


def watch(store: Store, feeds: Sequence[str], every: float, stop: threading.Event,
          max_polls: int | None = None, scenario: Any = None, follow_links: bool = True,
          timeout: float = TIMEOUT,
          on_poll: Callable[[int, tuple[PollReport, ...]], None] | None = None) -> int:
    """Poll `feeds` every `every` seconds until `stop` is set or `max_polls` polls are done; a
    poll under way finishes (its transaction commits) before the watch stops. Returns the
    number of polls."""
    polls = 0
    while not stop.is_set():
        reports = poll(store, feeds, scenario, None, follow_links, timeout)
        polls += 1
        if on_poll is not None:
            on_poll(polls, reports)
        if max_polls is not None and polls >= max_polls:
            break
        stop.wait(every)
    return polls
