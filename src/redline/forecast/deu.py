"""Reader for DEU III files (Decision-making in the European Union, Arregui & Perarnaud 2022).

Format (tab-separated, fields may be double-quoted): row 1 the column names; row 2 a capability
figure per actor under its position column (``p<actor>``); then one row per contested issue with
``isnr`` (issue id), positions ``p<actor>`` and saliences ``s<actor>`` on 0–100, ``rp`` the
reference point (status quo) and ``out`` the outcome. Blank cells are missing values. Optional
columns kept: ``prnr`` (the proposal: the issue's group) and ``proc`` / ``counvte`` (the
procedure, COD or CNS, and the Council's voting rule, QMV or Unan: the issue's rule).

Where to get it: the DEU III data set, doi:10.34810/data53 (CC BY 4.0).
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from redline.forecast.space import SCALE, ForecastInputError, IssueSpace, source_text

NON_ACTOR_P_COLUMNS = frozenset({"prnr", "prname", "proc", "proccde", "prnrnmc"})


class DeuFormatError(ForecastInputError):
    """A DEU file that does not follow the DEU III layout."""


@dataclass(frozen=True)
class Filtering:
    """What the reader kept and dropped, and why (see docs/forecast.md)."""

    rows: int
    kept: int
    no_outcome: tuple[str, ...]
    too_few_positions: tuple[str, ...]
    positions_without_salience: int = 0
    capabilities_given: bool = True

    def to_dict(self) -> dict[str, object]:
        """The filtering as JSON: rows read and kept, issues dropped for no outcome or too few
        positions, positions without a salience, and whether capabilities were given."""
        return {"rows": self.rows, "kept": self.kept, "no_outcome": list(self.no_outcome),
                "too_few_positions": list(self.too_few_positions),
                "positions_without_salience": self.positions_without_salience,
                "capabilities_given": self.capabilities_given}


def _number(text: str, where: str) -> float:
    text = text.strip().strip('"').strip()
    if text in ("", "NA", "."):
        return math.nan
    try:
        value = float(text)
    except ValueError:
        raise DeuFormatError(f"{where}: {text!r} is not a number. Fix: write a number or leave "
                             "the cell blank for a missing value") from None
    if not math.isfinite(value):
        raise DeuFormatError(f"{where}: {text!r} is not a finite number")
    return value


def read_deu(source: str | Path, *, text: str | None = None, min_positions: int = 2,
             require_outcome: bool = True) -> tuple[IssueSpace, Filtering]:
    """Read a DEU III TSV into an :class:`IssueSpace` (saliences scaled to [0, 1]).

    An actor's position without a salience is dropped (every model weights by salience; DEU III
    has 52 such cells in the development file). Issues are kept when they have an outcome
    (unless ``require_outcome=False``) and at least ``min_positions`` actors with a position and
    a salience. Capabilities are row 2's figures; an actor with a blank capability gets the
    mean of the others (none does in DEU III). Without a capability row (row 2 already has an
    ``isnr``), every actor gets capability 1 and ``Filtering.capabilities_given`` is False.
    Rows shorter than the header are padded with blanks.
    """
    name = str(source)
    text = source_text(source, text, DeuFormatError)
    rows = list(csv.reader(io.StringIO(text), delimiter="\t"))
    rows = [r for r in rows if any(cell.strip() for cell in r)]
    if len(rows) < 3:
        raise DeuFormatError(f"{name}: needs a header row, a capability row and at least one "
                             "issue row. Fix: pass a DEU III tab-separated file")
    header = [h.strip().strip('"') for h in rows[0]]
    index = {h: k for k, h in enumerate(header)}
    for needed in ("isnr", "out", "rp"):
        if needed not in index:
            raise DeuFormatError(f"{name} (line 1): no {needed!r} column. Fix: pass a DEU III "
                                 "tab-separated file (is it comma-separated?)")
    actors = [h[1:] for h in header
              if h.startswith("p") and h not in NON_ACTOR_P_COLUMNS and len(h) > 1]
    missing = [a for a in actors if "s" + a not in index]
    if missing or not actors:
        raise DeuFormatError(f"{name} (line 1): position columns without a salience column: "
                             f"{', '.join('p' + a for a in missing) or 'no p<actor> columns'}. "
                             "Fix: every p<actor> needs an s<actor>")
    width = len(header)
    for line, row in enumerate(rows[1:], start=2):
        if len(row) > width and any(cell.strip().strip('"') for cell in row[width:]):
            raise DeuFormatError(f"{name} (line {line}): {len(row)} fields, the header has "
                                 f"{width}. Fix: tab-separate every row like the header")
        # rows cut short (trailing blank cells dropped by some writers) are padded as blank
        row[:] = (row + [""] * width)[:width]

    def cell(row: list[str], column: str, line: int) -> float:
        return _number(row[index[column]], f"{name} (line {line}, column {column})")

    has_capabilities = not rows[1][index["isnr"]].strip().strip('"')
    if has_capabilities:
        caps = np.array([cell(rows[1], "p" + a, 2) for a in actors])
    else:  # no capability row: every actor counts the same
        caps = np.ones(len(actors))
        rows.insert(1, [""] * width)
    if np.all(np.isnan(caps)):
        raise DeuFormatError(f"{name} (line 2): no capabilities under the position columns. "
                             "Fix: row 2 must give each actor's capability")
    if np.any(caps[~np.isnan(caps)] < 0):
        raise DeuFormatError(f"{name} (line 2): negative capability")
    caps = np.where(np.isnan(caps), np.nanmean(caps), caps)

    ids, groups, rules, pos, sal, sq, out = [], [], [], [], [], [], []
    no_outcome, too_few = [], []
    unsalient = 0
    for line, row in enumerate(rows[2:], start=3):
        isnr = row[index["isnr"]].strip().strip('"') or f"line{line}"
        p = [cell(row, "p" + a, line) for a in actors]
        s = [cell(row, "s" + a, line) for a in actors]
        for column, value in [*zip(("p" + a for a in actors), p, strict=True),
                              *zip(("s" + a for a in actors), s, strict=True),
                              ("rp", cell(row, "rp", line)), ("out", cell(row, "out", line))]:
            if not math.isnan(value) and not 0 <= value <= SCALE:
                raise DeuFormatError(f"{name} (line {line}, column {column}): {value:g} is "
                                     f"outside 0–{SCALE:g}. Fix: DEU scales run from 0 to 100")
        o = cell(row, "out", line)
        if require_outcome and math.isnan(o):
            no_outcome.append(isnr)
            continue
        unsalient += sum(not math.isnan(v) and math.isnan(w) for v, w in zip(p, s, strict=True))
        p = [math.nan if math.isnan(w) else v for v, w in zip(p, s, strict=True)]
        if sum(not math.isnan(v) for v in p) < min_positions:
            too_few.append(isnr)
            continue
        ids.append(isnr)
        groups.append(row[index["prnr"]].strip().strip('"') if "prnr" in index else isnr)
        rules.append(" ".join(row[index[c]].strip().strip('"') for c in ("proc", "counvte")
                              if c in index).strip())
        pos.append(p)
        sal.append([math.nan if math.isnan(v) else w / SCALE for v, w in zip(p, s, strict=True)])
        sq.append(cell(row, "rp", line))
        out.append(o)
    if not ids:
        raise DeuFormatError(f"{name}: no issue has an outcome and {min_positions}+ positions")
    space = IssueSpace(
        actors=tuple(actors), issues=tuple(ids), capabilities=caps,
        positions=np.array(pos).T, saliences=np.array(sal).T, status_quo=np.array(sq),
        outcome=np.array(out), source=name,
        issue_groups=tuple(groups), issue_rules=tuple(rules))
    return space, Filtering(len(rows) - 2, len(ids), tuple(no_outcome), tuple(too_few),
                            unsalient, has_capabilities)
