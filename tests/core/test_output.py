"""Result files are written whole into new folders, and an unwritable place is one clear error."""

from __future__ import annotations

import pytest

from redline.errors import RedlineError
from redline.output import write_file


def test_creates_missing_folders_and_replaces_whole(tmp_path):
    target = tmp_path / "out" / "deeper" / "report.html"
    write_file(target, "first")
    write_file(target, b"second")
    assert target.read_text() == "second"
    assert [p.name for p in target.parent.iterdir()] == ["report.html"]  # no temporary left


def test_unwritable_places_give_one_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(RedlineError, match="cannot write"):
        write_file(blocker / "report.html", "x")
    with pytest.raises(RedlineError, match="is a folder"):
        write_file(tmp_path, "x")


def test_report_command_writes_into_a_new_folder(tmp_path, examples):
    from typer.testing import CliRunner

    import redline.cli.commands  # noqa: F401
    from redline.cli.app import app

    target = tmp_path / "new" / "report.html"
    result = CliRunner().invoke(app, ["report", str(examples / "logrolling.yaml"),
                                      "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert target.read_text().startswith("<!DOCTYPE html>")
