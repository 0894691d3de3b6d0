"""The resolved positions a test sentence gives: (actor, stance, issue) of each statement whose
actor resolves to one of the scenario's, read as an article dated `day`."""

from __future__ import annotations

from datetime import date
from typing import Any

from redline.news.extraction import extract_articles
from redline.news.reading import read_text
from redline.news.scoring import resolved_positions


def statements(text: str, scenario: Any, day: date) -> tuple[Any, ...]:
    """Every statement extracted from `text` as an article of `day`, resolved on `scenario`."""
    return extract_articles(read_text(text, "t.txt"), scenario, day).statements


def as_positions(found: tuple[Any, ...], *,
                 talks: bool = True) -> list[tuple[str, str, str | None]]:
    """(actor, stance, issue) of the statements `found` that are positions in the scenario
    (`scoring.resolved_positions`, as the benchmark counts them), in order; without talks
    (consult) when `talks` is False."""
    return [(p["actor"], p["stance"], p["issue"]) for p in resolved_positions(found)
            if talks or p["stance"] != "consult"]


def positions(text: str, scenario: Any, day: date, *,
              talks: bool = True) -> list[tuple[str, str, str | None]]:
    """(actor, stance, issue) of the resolved statements of `text` (see as_positions)."""
    return as_positions(statements(text, scenario, day), talks=talks)
