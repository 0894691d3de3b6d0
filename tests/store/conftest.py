"""Fixtures for the store tests: a fresh SQLite database per test, our own articles."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def db_url(tmp_path) -> str:
    pytest.importorskip("sqlalchemy", reason="the store extra is not installed")
    pytest.importorskip("alembic", reason="the store extra is not installed")
    return f"sqlite:///{tmp_path / 'test.sqlite3'}"


@pytest.fixture
def store(db_url):
    from redline.store import open_store

    with open_store(db_url) as opened:
        yield opened


@pytest.fixture(scope="session")
def scenario():
    from redline.scenario import load

    return load(ROOT / "examples" / "us-iran-2026.yaml")


@pytest.fixture(scope="session")
def extracted(scenario):
    """Three short articles of our own: two outlets report the same red line, a later one
    shows Iran softening on enrichment."""
    pytest.importorskip("spacy", reason="the nlp extra is not installed")
    from redline.news import extract_articles, read_text

    first = read_text("Iran's foreign minister said on Monday that uranium enrichment is a "
                      "red line.\nIran rejected any limits on its stockpile.", "outlet-a/1")
    second = read_text("Speaking on Monday, Iran's foreign minister said uranium enrichment "
                       "was a red line for Tehran.", "outlet-b/7")
    later = read_text("Iran said it was willing to cap enrichment if sanctions were eased.",
                      "outlet-a/2")
    return {
        "first": extract_articles(first, scenario, date(2026, 2, 11)),
        "second": extract_articles(second, scenario, date(2026, 2, 11)),
        "later": extract_articles(later, scenario, date(2026, 3, 2)),
    }
