"""`redline extract` from the command line: JSON output, text output, clear errors."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from redline.cli import commands  # noqa: F401
from redline.cli.app import app

runner = CliRunner()


def test_extract_json_with_scenario_and_date(tmp_path, examples, nlp):
    path = tmp_path / "a.txt"
    path.write_text("Israel urged Washington to demand limits on Iran's missile programme "
                    "last week.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--scenario",
                                 str(examples / "us-iran-2026.yaml"), "--date", "2026-02-10",
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["method"] == "dependency-rules"
    [statement] = data["statements"]
    assert statement["actor"] == "ISR" and statement["stance"] == "urge"
    assert statement["addressee"] == "USA" and statement["resolved"]["issue"] == "missiles"
    assert statement["resolved"]["actor"] == "ISR" and statement["resolved"]["addressee"] == "USA"
    assert statement["date"] == "2026-02-03" and statement["source"] == str(path)


def test_extract_text_output(tmp_path, nlp):
    path = tmp_path / "a.txt"
    path.write_text("Peru rejected the offer from Chile.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0 and "reject" in result.stdout and "PER" in result.stdout


def test_bad_inputs_are_one_message_and_exit_2(tmp_path):
    junk = tmp_path / "junk.bin"
    junk.write_bytes(b"\x00\xff" * 1000)
    for args, expected in (
        (["extract", str(junk)], "binary data"),
        (["extract", str(tmp_path / "missing.txt")], "no such file"),
        (["extract", str(tmp_path), "--date", "yesterday"], "YYYY-MM-DD"),
    ):
        result = runner.invoke(app, args)
        assert result.exit_code == 2, (args, result.output)
        assert expected in result.stderr and "Traceback" not in result.stderr


def test_extract_text_shows_scenario_ids_and_what_is_unresolved(tmp_path, examples, nlp):
    path = tmp_path / "a.txt"
    path.write_text("Shamkhani said Tehran's missile capabilities are a red line.\n"
                    "France welcomed the talks.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(path), "--scenario",
                                 str(examples / "us-iran-2026.yaml"), "--date", "2026-02-10"],
                           env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    red = next(line for line in result.stdout.splitlines() if "red_line" in line)
    assert "IRN" in red and "missiles" in red and "Shamkhani" in red
    support = next(line for line in result.stdout.splitlines() if "support" in line)
    assert "? (FRA)" in support and "? (talks)" in support  # not in the scenario: said so
