"""Results in Jupyter: `_repr_html_` of a result's JSON (`to_dict()`), as small HTML tables.

Scalars go in a two-column table, a list of records in a table of its own (the first
`MAX_ROWS` rows), a mapping of scalars on one line; `method`, `parameters` and `version` close
the block, so a reader sees how the result was produced. Every text is escaped.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

MAX_ROWS = 50
FOOTER = ("method", "parameters", "version")


def _cell(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, float):
        return f"{value:.4g}"
    if isinstance(value, str | int | bool):
        return escape(str(value))
    if isinstance(value, Mapping) and all(not isinstance(v, Mapping | list) for v in
                                          value.values()):
        return escape(", ".join(f"{k}: {_plain(v)}" for k, v in value.items()))
    if isinstance(value, list) and all(not isinstance(v, Mapping | list) for v in value):
        return escape(", ".join(_plain(v) for v in value))
    return escape(json.dumps(value, ensure_ascii=False)[:200])


def _plain(value: Any) -> str:
    return f"{value:.4g}" if isinstance(value, float) else str(value)


def records_table(rows: Sequence[Mapping[str, Any]], caption: str = "") -> str:
    """A list of records as an HTML table (union of keys as columns)."""
    header: dict[str, None] = {}
    for row in rows[:MAX_ROWS]:
        header.update(dict.fromkeys(row))
    head = "".join(f"<th>{escape(str(k))}</th>" for k in header)
    body = "".join("<tr>" + "".join(f"<td>{_cell(row.get(k))}</td>" for k in header) + "</tr>"
                   for row in rows[:MAX_ROWS])
    more = (f"<p><small>{len(rows) - MAX_ROWS} more row(s) not shown</small></p>"
            if len(rows) > MAX_ROWS else "")
    title = f"<caption>{escape(caption)}</caption>" if caption else ""
    return f"<table>{title}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>{more}"


def _records(value: Any) -> list[Mapping[str, Any]] | None:
    """A list of records, or a mapping of records (each gets its key as a "name" column)."""
    if isinstance(value, list) and value and all(isinstance(r, Mapping) for r in value):
        return value
    if isinstance(value, Mapping) and value and all(
            isinstance(r, Mapping) or r is None for r in value.values()) and any(
            isinstance(r, Mapping) for r in value.values()):
        return [{"name": k, **(r or {})} for k, r in value.items()]
    return None


def result_html(data: Mapping[str, Any]) -> str:
    """A result's JSON as HTML for a notebook cell."""
    title = escape(str(data.get("format", "redline result")))
    body = [(k, v) for k, v in data.items() if k not in FOOTER and k != "format"]
    scalars = [(k, v) for k, v in body if _records(v) is None]
    tables = [(k, _records(v) or []) for k, v in body if _records(v) is not None]
    parts = [f"<div class=\"redline-result\"><strong>{title}</strong><table><tbody>"]
    parts += [f"<tr><th>{escape(str(k))}</th><td>{_cell(v)}</td></tr>" for k, v in scalars]
    parts.append("</tbody></table>")
    parts += [records_table(rows, str(key)) for key, rows in tables]
    footer = ", ".join(f"{k}: {_cell(data[k])}" for k in FOOTER if k in data)
    if footer:
        parts.append(f"<p><small>{footer}</small></p>")
    parts.append("</div>")
    return "".join(parts)
