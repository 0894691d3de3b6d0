"""Small HTML building blocks; every text that comes from data is escaped here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape
from typing import Any


@dataclass(frozen=True)
class Section:
    """One section of the report: an anchor id, a heading and its HTML body."""

    id: str
    title: str
    body: str


def text(value: Any) -> str:
    """The value as escaped HTML text (empty for None)."""
    return escape("" if value is None else str(value))


def number(value: Any, digits: int = 3) -> str:
    """A number for a table: integers with thousands separators, floats with ``digits`` decimals,
    anything else as escaped text."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return text(value)
    if isinstance(value, int):
        return f"{value:,}"
    return f"{value:.{digits}f}"


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], css: str = "") -> str:
    """A table; cells that are already markup must be passed as `Raw`."""
    head = "".join(f"<th>{text(h)}</th>" for h in headers)
    body = "".join(
        "<tr>" + "".join(f"<td>{cell if isinstance(cell, Raw) else text(cell)}</td>"
                         for cell in row) + "</tr>"
        for row in rows
    )
    cls = f' class="{css}"' if css else ""
    return f"<table{cls}><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


class Raw(str):
    """Markup that is already safe (built by this package)."""


def paragraph(*parts: str) -> str:
    """The parts (already HTML) in a ``<p>`` element."""
    return "<p>" + "".join(parts) + "</p>"


def figure(svg: str, caption: str) -> str:
    """An SVG figure with its caption escaped."""
    return f'<figure>{svg}<figcaption>{text(caption)}</figcaption></figure>'


def package(outcome: dict[str, str]) -> str:
    """An outcome {issue: option} as 'issue = option; ...'."""
    return "; ".join(f"{k} = {v}" for k, v in outcome.items())
