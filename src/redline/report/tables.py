"""The tables inside results, as rows for a spreadsheet (CSV, and the sheets of an .xlsx workbook).

Each function reads a result's JSON (the `to_dict()` a command prints with ``--format json``) and
returns flat rows: one dict a row, column name -> number or text. Nothing is computed here: every
cell is a value of the JSON, so a CSV can be checked against the JSON it came from.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Mapping
from typing import Any

Row = dict[str, Any]


def frontier_rows(analysis: Mapping[str, Any]) -> list[Row]:
    """`analyze`: the Pareto frontier, one package a row, with the solutions that pick it."""
    picked: dict[tuple[tuple[str, str], ...], list[str]] = {}
    for name, solution in analysis["solutions"].items():
        if solution is not None:
            picked.setdefault(tuple(sorted(solution["outcome"].items())), []).append(name)
    rows = []
    for point in analysis["pareto"]:
        row: Row = {issue: point["outcome"][issue] for issue in analysis["agenda"]}
        row.update({f"utility {p}": u for p, u in point["utilities"].items()})
        row["solutions"] = " ".join(picked.get(tuple(sorted(point["outcome"].items())), []))
        rows.append(row)
    return rows


def agenda_rows(agendas: Mapping[str, Any]) -> list[Row]:
    """`agendas`: one agenda a row, ranked."""
    rows = []
    for rank, entry in enumerate(agendas["agendas"], 1):
        row: Row = {"rank": rank, "agenda": " + ".join(entry["issues"]),
                    "refused_by": " ".join(entry["refused_by"]), "zopa": entry["zopa"],
                    "zopa_size": entry["zopa_size"], "joint_gain": entry["joint_gain"]}
        row.update({f"gain {p}": (entry["gains"] or {}).get(p) for p in agendas["parties"]})
        row["nash"] = "; ".join(f"{i}={o}" for i, o in (entry["nash"] or {}).get(
            "outcome", {}).items() if i in entry["issues"])
        row["binding_red_lines"] = " ".join(entry["binding_red_lines"])
        rows.append(row)
    return rows


def forecast_rows(forecast: Mapping[str, Any]) -> list[Row]:
    """`forecast`: one issue a row, the forecast position on the 0-100 scale."""
    return [{"issue": issue, "forecast": value, "start": forecast["trajectory"][0][k]}
            for k, (issue, value) in enumerate(zip(forecast["issues"], forecast["outcome"],
                                                   strict=True))]


_SESSION_KEYS = ("agreement_rate", "mean_rounds", "nash_distance", "frontier_distance",
                 "pareto_rate")


def _session_row(record: Mapping[str, Any]) -> Row:
    row: Row = {f"strategy {p}": s for p, s in record.get("strategies", {}).items()}
    row.update({k: record.get(k) for k in _SESSION_KEYS})
    row.update({f"mean utility {p}": u for p, u in (record.get("mean_utilities") or {}).items()})
    return row


def simulation_rows(simulation: Mapping[str, Any]) -> list[Row]:
    """`simulate`: one protocol a row (one row for a single protocol)."""
    records = simulation.get("comparison") or [simulation]
    return [{"protocol": r.get("protocol"), "runs": r.get("runs"), **_session_row(r)}
            for r in records]


def tournament_rows(tournament: Mapping[str, Any]) -> list[Row]:
    """`tournament`: one pairing of strategies a row."""
    return [{**_session_row(entry), "runs": entry.get("runs")} for entry in tournament["entries"]]


def montecarlo_rows(montecarlo: Mapping[str, Any]) -> list[Row]:
    """`montecarlo`: the sensitivity table, one uncertain parameter a row."""
    keys = ("parameter", "low", "high", "swing", "S1", "S1_conf", "ST", "ST_conf")
    return [{k: entry.get(k) for k in keys} for entry in montecarlo["sensitivity"]]


def threshold_rows(thresholds: Mapping[str, Any]) -> list[Row]:
    """`thresholds`: one parameter a row."""
    keys = ("parameter", "current", "threshold", "lower", "upper", "effect")
    return [{k: entry.get(k) for k in keys} for entry in thresholds["thresholds"]]


def sweep_rows(sweep: Mapping[str, Any]) -> list[Row]:
    """`sweep`: one step a row (value, verdict, ZOPA size, Nash package, gains)."""
    rows = []
    for step in sweep["steps"]:
        row: Row = {sweep["parameter"]: step["value"], "verdict": step["verdict"],
                    "zopa_size": step["zopa_size"]}
        row.update({f"nash {i}": (step["nash"] or {}).get(i) for i in sweep["agenda"]})
        row.update({f"gain {p}": (step["gains"] or {}).get(p) for p in sweep["parties"]})
        rows.append(row)
    return rows


def timeline_rows(timeline: Mapping[str, Any]) -> list[Row]:
    """`timeline`: one stored statement a row, oldest first."""
    keys = ("date", "actor", "issue", "stance", "speaker", "condition", "confidence",
            "resolved_actor", "resolved_issue", "resolved_option")
    return [{k: s.get(k) for k in keys} for s in timeline["statements"]]


TABLES: dict[str, Callable[[Mapping[str, Any]], list[Row]]] = {
    "analyze": frontier_rows, "agendas": agenda_rows, "forecast": forecast_rows,
    "simulate": simulation_rows, "tournament": tournament_rows, "montecarlo": montecarlo_rows,
    "thresholds": threshold_rows, "sweep": sweep_rows, "timeline": timeline_rows,
}


def columns(rows: Iterable[Row]) -> list[str]:
    """Every column of the rows, in first-seen order."""
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row))
    return list(seen)


def to_csv(rows: list[Row]) -> str:
    """Rows as CSV text (RFC 4180, a header line; None is an empty cell)."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns(rows), lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return buffer.getvalue()
