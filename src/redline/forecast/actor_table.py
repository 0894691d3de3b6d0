"""Reader for a plain actor table CSV: ``Actor, Capability, Position, Salience`` (one issue), or
``Actor, Capability`` then ``<issue> Position, <issue> Salience`` pairs (several issues).

This is the layout of the BDM examples (e.g. Bueno de Mesquita's EC emission-standards case):
saliences in [0, 1], positions on the issue's own scale.
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import numpy as np

from redline.forecast.space import ForecastInputError, IssueSpace, source_text


class ActorTableError(ForecastInputError):
    """A CSV file that is not a valid actor table."""


def looks_like_actor_table(text: str) -> bool:
    """Whether the text's header row starts ``Actor, Capability`` and has at least four columns."""
    first = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    cells = [c.strip().lower() for c in first.split(",")]
    return len(cells) >= 4 and cells[:2] == ["actor", "capability"]


def read_actor_table(source: str | Path, *, text: str | None = None) -> IssueSpace:
    """Read an actor table CSV (``source`` a path, or its name when ``text`` is given) into an
    issue space: one issue per position/salience column pair, no status quo or outcome.
    :class:`ActorTableError` names the line and the fix."""
    name = str(source)
    text = source_text(source, text, ActorTableError)
    rows = [[c.strip() for c in r] for r in csv.reader(io.StringIO(text)) if any(r)]
    header = rows[0] if rows else []
    fix = ("Fix: the header is 'Actor,Capability,Position,Salience' or 'Actor,Capability' then "
           "'<issue> Position,<issue> Salience' pairs")
    if len(header) < 4 or (len(header) - 2) % 2 or [h.lower() for h in header[:2]] != [
            "actor", "capability"]:
        raise ActorTableError(f"{name} (line 1): not an actor table header. " + fix)
    issues: list[str] = []
    for k in range(2, len(header), 2):
        pos, sal = header[k], header[k + 1]
        if not pos.lower().endswith("position") or not sal.lower().endswith("salience"):
            raise ActorTableError(f"{name} (line 1): columns {k + 1}-{k + 2} are {pos!r}, "
                                  f"{sal!r}. " + fix)
        issues.append(pos[: -len("position")].strip() or f"issue{len(issues) + 1}")
    if len(rows) < 2:
        raise ActorTableError(f"{name}: no actor rows after the header")
    actors, caps, pos_rows, sal_rows = [], [], [], []
    for line, row in enumerate(rows[1:], start=2):
        if len(row) != len(header):
            raise ActorTableError(f"{name} (line {line}): {len(row)} fields, the header has "
                                  f"{len(header)}")
        try:
            numbers = [float(c) for c in row[1:]]
        except ValueError:
            raise ActorTableError(f"{name} (line {line}): a capability, position or salience "
                                  "is not a number") from None
        if not all(math.isfinite(v) for v in numbers) or numbers[0] < 0:
            raise ActorTableError(f"{name} (line {line}): capability must be >= 0 and every "
                                  "number finite")
        if any(not 0 <= v <= 1 for v in numbers[2::2]):
            raise ActorTableError(f"{name} (line {line}): saliences must lie in [0, 1]")
        actors.append(row[0])
        caps.append(numbers[0])
        pos_rows.append(numbers[1::2])
        sal_rows.append(numbers[2::2])
    m = len(issues)
    return IssueSpace(tuple(actors), tuple(issues), np.array(caps), np.array(pos_rows),
                      np.array(sal_rows), np.full(m, np.nan), np.full(m, np.nan), name)
