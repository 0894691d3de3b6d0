"""`--format csv` of every command whose answer is a table, read back and checked cell by cell
against the JSON of the same command."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from redline.cli import commands  # noqa: F401
from redline.cli.app import app

runner = CliRunner()
NUCLEAR = "enrichment,inspections,stockpile,sanctions"


def both(*args: str) -> tuple[dict, list[dict[str, str]]]:
    as_json = runner.invoke(app, [*args, "--format", "json"])
    assert as_json.exit_code == 0, as_json.output
    as_csv = runner.invoke(app, [*args, "--format", "csv"])
    assert as_csv.exit_code == 0, as_csv.output
    return json.loads(as_json.stdout), list(csv.DictReader(io.StringIO(as_csv.stdout)))


def same(cell: str, value) -> bool:
    if value is None:
        return cell == ""
    if isinstance(value, bool):
        return cell == str(value)
    if isinstance(value, int | float):
        return float(cell) == pytest.approx(float(value), abs=1e-12)
    return cell == str(value)


def test_analyze_csv_is_the_frontier(examples):
    data, rows = both("analyze", str(examples / "us-iran-2026.yaml"), "--agenda", NUCLEAR)
    assert len(rows) == len(data["pareto"]) > 1
    for row, point in zip(rows, data["pareto"], strict=True):
        for issue in data["agenda"]:
            assert row[issue] == point["outcome"][issue]
        for party, u in point["utilities"].items():
            assert same(row[f"utility {party}"], u)
    nash = data["solutions"]["nash"]["outcome"]
    marked = [r for r in rows if "nash" in r["solutions"].split()]
    assert len(marked) == 1 and all(marked[0][i] == nash[i] for i in data["agenda"])


def test_agendas_csv_has_one_row_an_agenda(examples):
    data, rows = both("agendas", str(examples / "us-iran-2026.yaml"))
    assert len(rows) == len(data["agendas"]) == 31
    for row, entry in zip(rows, data["agendas"], strict=True):
        assert row["agenda"] == " + ".join(entry["issues"])
        assert same(row["zopa_size"], entry["zopa_size"])
        for party in data["parties"]:
            assert same(row[f"gain {party}"], (entry["gains"] or {}).get(party))


def test_forecast_csv_is_one_issue_a_row(examples):
    data, rows = both("forecast", str(examples / "us-iran-2026.yaml"))
    assert [r["issue"] for r in rows] == data["issues"]
    assert all(same(r["forecast"], v) for r, v in zip(rows, data["outcome"], strict=True))


def test_simulate_and_tournament_csv(examples):
    scenario = str(examples / "us-iran-2026.yaml")
    data, rows = both("simulate", scenario, "--agenda", NUCLEAR, "--runs", "20",
                      "--protocol", "both")
    assert [r["protocol"] for r in rows] == [c["protocol"] for c in data["comparison"]]
    for row, record in zip(rows, data["comparison"], strict=True):
        assert same(row["agreement_rate"], record["agreement_rate"])
        assert same(row["mean utility IRN"], record["mean_utilities"]["IRN"])
    data, rows = both("tournament", scenario, "--agenda", NUCLEAR, "--runs", "3",
                      "--strategies", "boulware,conceder")
    assert len(rows) == len(data["entries"]) == 4
    for row, entry in zip(rows, data["entries"], strict=True):
        assert row["strategy USA"] == entry["strategies"]["USA"]
        assert same(row["mean_rounds"], entry["mean_rounds"])


def test_montecarlo_csv_is_the_sensitivity_table(examples):
    data, rows = both("montecarlo", str(examples / "us-iran-2026.yaml"), "--agenda", NUCLEAR,
                      "--runs", "40", "--sobol", "0")
    assert [r["parameter"] for r in rows] == [s["parameter"] for s in data["sensitivity"]]
    assert all(same(r["swing"], s["swing"]) for r, s in zip(rows, data["sensitivity"],
                                                             strict=True))


def test_thresholds_and_sweep_csv(examples):
    scenario = str(examples / "us-iran-2026.yaml")
    data, rows = both("thresholds", scenario, "--agenda", NUCLEAR)
    assert [r["parameter"] for r in rows] == [t["parameter"] for t in data["thresholds"]]
    for row, item in zip(rows, data["thresholds"], strict=True):
        assert same(row["threshold"], item["threshold"]) and row["effect"] == item["effect"]
    data, rows = both("sweep", scenario, "--agenda", NUCLEAR, "--param", "IRN.reservation",
                      "--from", "0.3", "--to", "0.95", "--steps", "5")
    assert len(rows) == 5
    for row, step in zip(rows, data["steps"], strict=True):
        assert same(row["IRN.reservation"], step["value"]) and row["verdict"] == step["verdict"]
        assert same(row["gain IRN"], (step["gains"] or {}).get("IRN"))
    assert rows[-1]["verdict"] == "no deal" and rows[-1]["gain IRN"] == ""


def test_a_command_without_a_table_refuses_csv(examples):
    result = runner.invoke(app, ["explain", str(examples / "us-iran-2026.yaml"), "-f", "csv"])
    assert result.exit_code == 2 and "csv" in result.output


def test_report_workbook_holds_the_same_tables(examples, tmp_path):
    openpyxl = pytest.importorskip("openpyxl", reason="the spreadsheet extra is not installed")
    scenario = str(examples / "us-iran-2026.yaml")
    path = tmp_path / "report.xlsx"
    result = runner.invoke(app, ["report", scenario, "--agenda", NUCLEAR, "-o", str(path),
                                 "--format", "xlsx", "--runs", "40", "--sobol", "0"])
    assert result.exit_code == 0, result.output
    book = openpyxl.load_workbook(path)
    assert {"Summary", "Frontier", "Agendas", "Forecast", "Sensitivity"} <= set(book.sheetnames)
    data, rows = both("analyze", scenario, "--agenda", NUCLEAR)
    sheet = [[c.value for c in r] for r in book["Frontier"].iter_rows()]
    header, body = sheet[0], sheet[1:]
    assert len(body) == len(rows)
    for values, row in zip(body, rows, strict=True):
        for column, value in zip(header, values, strict=True):
            assert same(row[column], value) or (value is None and row[column] == "")
    summary = [[c.value for c in r] for r in book["Summary"].iter_rows()]
    assert summary[1][0] == "Verdict" and summary[1][1].startswith("A deal")
