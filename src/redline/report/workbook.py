"""The report's tables as an .xlsx workbook: one sheet a table (summary, frontier, agendas,
forecast, simulation, sensitivity), the same rows as `--format csv` gives. Needs openpyxl (the
`spreadsheet` extra)."""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from redline.errors import RedlineError
from redline.output import write_file
from redline.report.gather import NOT_COMPUTED
from redline.report.tables import (
    Row,
    agenda_rows,
    columns,
    forecast_rows,
    frontier_rows,
    montecarlo_rows,
    simulation_rows,
)

# Result key -> (sheet name, the rows of its table)
SHEETS = {
    "analysis": ("Frontier", frontier_rows),
    "agendas": ("Agendas", agenda_rows),
    "forecast": ("Forecast", forecast_rows),
    "simulation": ("Simulation", simulation_rows),
    "montecarlo": ("Sensitivity", montecarlo_rows),
}


def brief_rows(brief: Mapping[str, Any]) -> list[Row]:
    """The brief, one point a row: section, statement, where it comes from."""
    return [{"section": s["heading"], "point": p["text"], "source": p["source"]}
            for s in brief["sections"] for p in s["points"]]


def workbook_bytes(results: Mapping[str, Mapping[str, Any]]) -> bytes:
    """An .xlsx file holding a sheet for each table among the results."""
    try:
        from openpyxl import Workbook
        from openpyxl.styles import Font
    except ImportError:
        raise RedlineError("an .xlsx workbook needs openpyxl. Fix: pip install "
                           "'redline[spreadsheet]'") from None
    book = Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    tables: list[tuple[str, list[Row]]] = []
    if "brief" in results:
        tables.append(("Summary", brief_rows(results["brief"])))
    for key, (name, rows_of) in SHEETS.items():
        if key in results and NOT_COMPUTED in results[key]:  # refused by a budget: its note
            tables.append((name, [{"not computed": results[key][NOT_COMPUTED]}]))
        elif key in results:
            tables.append((name, rows_of(results[key])))
    for name, rows in tables:
        sheet = book.create_sheet(name)
        header = columns(rows)
        sheet.append(header)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append([row.get(column) for column in header])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def write_workbook(results: Mapping[str, Mapping[str, Any]], path: str | Path) -> Path:
    """Write the workbook of `results` (as `gather` returns them) to `path`."""
    return write_file(path, workbook_bytes(results))
