"""Reader for KTAB's Spatial Model of Politics CSV scenarios (KAPSARC Toolkit for Behavioral
Analysis).

Format: line 1 ``scenario name, description, number of actors, number of dimensions``; line 2
the headers ``Actor, Description, Influence`` then a ``<dim> Position, <dim> Salience`` pair per
dimension; then one line per actor. Positions and saliences are on 0–100; an actor's saliences
should add up to at most 100. Trailing commas and padding spaces are allowed (KTAB writes them).
"""

from __future__ import annotations

import csv
import io
import math
from pathlib import Path

import numpy as np

from redline.forecast.space import SCALE, ForecastInputError, IssueSpace, source_text


class KtabFormatError(ForecastInputError):
    """A CSV file that does not follow KTAB's SMP scenario layout."""


def _cells(row: list[str]) -> list[str]:
    cells = [c.strip() for c in row]
    while cells and cells[-1] == "":
        cells.pop()
    return cells


def read_ktab_csv(source: str | Path, *, text: str | None = None) -> IssueSpace:
    """Read a KTAB SMP CSV into an :class:`IssueSpace` (saliences scaled to [0, 1])."""
    name = str(source)
    text = source_text(source, text, KtabFormatError)
    cells = [_cells(r) for r in csv.reader(io.StringIO(text))]
    rows = [(k, r) for k, r in enumerate(cells, start=1) if r]
    fix_layout = ("Fix: line 1 is 'name,description,actors,dimensions', line 2 the headers "
                  "'Actor,Description,Influence,<dim> Position,<dim> Salience,...'")
    if len(rows) < 3:
        raise KtabFormatError(f"{name}: needs a scenario line, a header line and actor lines. "
                              + fix_layout)
    line, first = rows[0]
    if len(first) < 4:
        raise KtabFormatError(f"{name} (line {line}): expected 4 fields, got {len(first)}. "
                              + fix_layout)
    try:
        n_actors, n_dims = int(first[2]), int(first[3])
    except ValueError:
        raise KtabFormatError(f"{name} (line {line}): the actor and dimension counts "
                              f"{first[2]!r}, {first[3]!r} are not whole numbers. "
                              + fix_layout) from None
    hline, header = rows[1]
    expected = 3 + 2 * n_dims
    if len(header) != expected or [h.lower() for h in header[:3]] != [
            "actor", "description", "influence"]:
        raise KtabFormatError(f"{name} (line {hline}): expected {expected} headers starting "
                              f"'Actor,Description,Influence' for {n_dims} dimension(s), got "
                              f"{len(header)}. " + fix_layout)
    dims = []
    for d in range(n_dims):
        pos_h, sal_h = header[3 + 2 * d], header[4 + 2 * d]
        if not pos_h.lower().endswith("position") or not sal_h.lower().endswith("salience"):
            raise KtabFormatError(f"{name} (line {hline}): columns {4 + 2 * d} and {5 + 2 * d} "
                                  f"should be '<dim> Position' and '<dim> Salience', got "
                                  f"{pos_h!r} and {sal_h!r}")
        dims.append(pos_h[: -len("position")].strip() or f"dim{d + 1}")
    body = rows[2:]
    if len(body) != n_actors:
        raise KtabFormatError(f"{name}: line 1 announces {n_actors} actors but {len(body)} "
                              "actor lines follow. Fix: correct the count on line 1")
    actors, caps, pos, sal = [], [], [], []
    for line, row in body:
        if len(row) != expected:
            raise KtabFormatError(f"{name} (line {line}): {len(row)} fields, expected "
                                  f"{expected}. Fix: give influence, then a position and a "
                                  "salience per dimension")
        numbers = []
        for col, cell in enumerate(row[2:], start=3):
            try:
                value = float(cell)
            except ValueError:
                raise KtabFormatError(f"{name} (line {line}, column {col} {header[col - 1]!r}):"
                                      f" {cell!r} is not a number") from None
            if not math.isfinite(value) or not 0 <= value <= (math.inf if col == 3 else SCALE):
                raise KtabFormatError(f"{name} (line {line}, column {col} {header[col - 1]!r}):"
                                      f" {cell} is out of range. Fix: influence >= 0, positions"
                                      " and saliences on 0–100")
            numbers.append(value)
        actors.append(row[0])
        caps.append(numbers[0])
        pos.append(numbers[1::2])
        sal.append([v / SCALE for v in numbers[2::2]])
        if sum(numbers[2::2]) > SCALE + 1e-6:
            raise KtabFormatError(f"{name} (line {line}): actor {row[0]}'s saliences add up to "
                                  f"{sum(numbers[2::2]):g} > 100. Fix: scale them down")
    if len(set(actors)) != len(actors):
        raise KtabFormatError(f"{name}: actor names repeat. Fix: give each actor its own name")
    m = n_dims
    return IssueSpace(actors=tuple(actors), issues=tuple(dims), capabilities=np.array(caps),
                      positions=np.array(pos), saliences=np.array(sal),
                      status_quo=np.full(m, np.nan), outcome=np.full(m, np.nan), source=name)
