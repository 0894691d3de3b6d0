"""Scenario versions in the store: numbered, dated, unchanged text not duplicated; diff by id."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from redline.cli import commands  # noqa: F401
from redline.cli.app import app

runner = CliRunner()


def test_versions_are_numbered_and_kept(store):
    from redline.store import delete_scenario, get_version, put_scenario, scenario_history

    put_scenario(store, "case", "Case", "format: redline/1\n", "2026-02-01")
    put_scenario(store, "case", "Case", "format: redline/1\n")  # same text: no new version
    put_scenario(store, "case", "Case v2", "format: redline/1\ntitle: x\n", "2026-03-01")
    history = scenario_history(store, "case")
    assert [(v.version, v.title, v.date) for v in history] == [
        (1, "Case", "2026-02-01"), (2, "Case v2", "2026-03-01")]
    assert history[0].saved <= history[1].saved
    assert get_version(store, "case").version == 2
    assert get_version(store, "case", 1).yaml == "format: redline/1\n"
    delete_scenario(store, "case")
    assert scenario_history(store, "case") == ()


def test_cli_saves_versions_and_diffs_them(db_url, examples, tmp_path):
    original = examples / "us-iran-2026.yaml"
    changed = tmp_path / "v2.yaml"
    changed.write_text(original.read_text(encoding="utf-8").replace(
        "credibility: 0.8", "credibility: 0.6"), encoding="utf-8")
    for path in (original, changed):
        result = runner.invoke(app, ["versions", "us-iran", "--save", str(path), "--db", db_url,
                                     "--format", "json"])
        assert result.exit_code == 0, result.output
    assert [v["version"] for v in json.loads(result.stdout)["versions"]] == [1, 2]
    result = runner.invoke(app, ["diff", "store:us-iran@1", "store:us-iran", "--db", db_url,
                                 "--format", "json"])
    assert result.exit_code == 0, result.output
    assert [c["path"] for c in json.loads(result.stdout)["inputs"]] == [
        "red_lines[irn-nuclear-for-sanctions].credibility"]
    missing = runner.invoke(app, ["diff", "store:us-iran@7", str(original), "--db", db_url])
    assert missing.exit_code == 2 and "has versions 1, 2" in missing.output


def test_a_database_at_the_first_revision_upgrades_in_place(tmp_path):
    import pytest

    pytest.importorskip("alembic")
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine, inspect

    from redline.store import list_scenarios, open_store, scenario_history
    from redline.store.database import MIGRATIONS

    url = f"sqlite:///{tmp_path / 'old.sqlite3'}"
    engine = create_engine(url)
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
        connection.exec_driver_sql(
            "insert into scenarios (id, title, yaml, updated) values "
            "('old', 'Old', 'format: redline/1', '2026-01-01 00:00:00')")
    assert "scenario_versions" not in inspect(engine).get_table_names()
    engine.dispose()
    with open_store(url) as store:
        assert [s.id for s in list_scenarios(store)] == ["old"]
        assert scenario_history(store, "old") == ()
