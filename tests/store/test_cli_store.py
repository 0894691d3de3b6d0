"""`redline ingest`, `timeline`, `suggest` against a SQLite file given by --db / REDLINE_DB."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from redline.cli import commands  # noqa: F401
from redline.cli.app import app

runner = CliRunner()


def test_ingest_timeline_suggest(tmp_path, db_url, examples, monkeypatch):
    import pytest

    pytest.importorskip("spacy")
    early = tmp_path / "early.txt"
    early.write_text("Iran's president said missiles are a red line.", encoding="utf-8")
    late = tmp_path / "late.txt"
    late.write_text("Iran said it was ready to accept a test moratorium on missiles if "
                    "sanctions were lifted.", encoding="utf-8")
    scenario = str(examples / "us-iran-2026.yaml")
    for path, day in ((early, "2026-02-01"), (late, "2026-03-01")):
        result = runner.invoke(app, ["ingest", str(path), "--scenario", scenario, "--date", day,
                                     "--db", db_url, "--format", "json"])
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["articles_added"] == 1
    monkeypatch.setenv("REDLINE_DB", db_url)
    again = runner.invoke(app, ["ingest", str(early), "--scenario", scenario, "--date",
                                "2026-02-01"])
    assert again.exit_code == 0 and "0 article(s) added, 1 already stored" in again.stdout
    line = runner.invoke(app, ["timeline", "--actor", "IRN", "--issue", "missiles",
                               "--format", "json"])
    data = json.loads(line.stdout)
    assert [s["stance"] for s in data["statements"]] == ["red_line", "conditional_offer"]
    assert data["moves"][0]["direction"] == "softer"
    text = runner.invoke(app, ["timeline", "--actor", "IRN"])
    assert "red_line" in text.stdout and "softer" in text.stdout
    proposals = runner.invoke(app, ["suggest", scenario, "--format", "json"])
    kinds = [s["kind"] for s in json.loads(proposals.stdout)["suggestions"]]
    assert "changed_reservation" in kinds
    shown = runner.invoke(app, ["suggest", scenario])
    assert shown.exit_code == 0 and "“" in shown.stdout  # the cited sentence


def test_bad_database_is_a_clear_error(tmp_path):
    result = runner.invoke(app, ["timeline", "--actor", "IRN", "--db", "nonsense://"])
    assert result.exit_code == 2 and "database URL" in result.stderr


def test_a_bad_file_stops_the_whole_ingest_before_any_write(tmp_path, db_url):
    import pytest

    pytest.importorskip("spacy")
    from redline.store import open_store, stored_statements

    good = tmp_path / "good.txt"
    good.write_text("Peru rejected the offer from Chile.", encoding="utf-8")
    junk = tmp_path / "junk.txt"
    junk.write_bytes(bytes(range(256)) * 10)
    result = runner.invoke(app, ["ingest", str(good), str(junk), "--db", db_url])
    assert result.exit_code == 2 and "junk.txt: binary data" in result.stderr
    with open_store(db_url) as store:
        assert stored_statements(store) == ()


def test_timeline_csv_is_the_json_statements(tmp_path, db_url, examples):
    import csv
    import io

    import pytest

    pytest.importorskip("spacy")
    article = tmp_path / "a.txt"
    article.write_text("Iran's president said missiles are a red line.", encoding="utf-8")
    scenario = str(examples / "us-iran-2026.yaml")
    stored = runner.invoke(app, ["ingest", str(article), "--scenario", scenario, "--date",
                                 "2026-02-01", "--db", db_url])
    assert stored.exit_code == 0, stored.output
    as_json = runner.invoke(app, ["timeline", "--actor", "IRN", "--db", db_url, "-f", "json"])
    as_csv = runner.invoke(app, ["timeline", "--actor", "IRN", "--db", db_url, "-f", "csv"])
    assert as_json.exit_code == 0 and as_csv.exit_code == 0, as_csv.output
    statements = json.loads(as_json.stdout)["statements"]
    rows = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert len(rows) == len(statements) >= 1
    for row, statement in zip(rows, statements, strict=True):
        for key in ("date", "actor", "issue", "stance"):
            assert row[key] == ("" if statement[key] is None else str(statement[key]))
