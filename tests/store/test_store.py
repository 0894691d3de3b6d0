"""The store against SQLite: migrations, idempotent transactional ingest, merged duplicates,
timeline, suggestions, scenarios."""

from __future__ import annotations

import importlib

import pytest
import yaml
from sqlalchemy import func, inspect, select

from redline.store import (
    StoreError,
    delete_scenario,
    get_scenario,
    ingest,
    list_scenarios,
    open_store,
    put_scenario,
    resolve_url,
    stored_statements,
    suggest,
    timeline,
)
from redline.store.schema import articles, statement_sources, statements


def _count(store, table):
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_open_runs_the_migrations(store):
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from redline.store.database import MIGRATIONS

    names = set(inspect(store.engine).get_table_names())
    assert {"articles", "statements", "statement_sources", "scenarios", "feed_items",
            "scenario_versions", "alembic_version"} <= names
    assert {"resolved_actor", "resolved_issue", "condition_issue", "matched"} <= {
        c["name"] for c in inspect(store.engine).get_columns("statements")}
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    heads = ScriptDirectory.from_config(config).get_heads()
    assert len(heads) == 1, f"the migrations must form one line, found heads {heads}"
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("select version_num from alembic_version").scalar() == \
            heads[0]


def test_reopening_keeps_data_and_schema(db_url):
    with open_store(db_url) as first:
        put_scenario(first, "s1", "One", "format: redline/1\n")
    with open_store(db_url) as second:  # migrations are idempotent
        assert [s.id for s in list_scenarios(second)] == ["s1"]


def test_ingest_is_idempotent(store, extracted):
    report = ingest(store, extracted["first"].articles)
    assert (report.articles_added, report.statements_added) == (1, 2)
    again = ingest(store, extracted["first"].articles)
    assert (again.articles_added, again.articles_known, again.statements_added) == (0, 1, 0)
    assert _count(store, articles) == 1 and _count(store, statement_sources) == 2


def test_duplicates_across_outlets_are_merged_with_sources_kept(store, extracted):
    ingest(store, extracted["first"].articles)
    report = ingest(store, extracted["second"].articles)
    assert report.statements_added == 0 and report.statements_merged == 1
    [red] = [s for s in stored_statements(store, "IRN", "enrichment") if s.stance == "red_line"]
    assert {c.source for c in red.citations} == {"outlet-a/1", "outlet-b/7"}
    assert red.speaker == "Abbas Araghchi" and red.date == "2026-02-09"
    assert all(c.sentence and c.rule.startswith("RL-") for c in red.citations)


def test_interrupted_ingest_writes_nothing(store, extracted, monkeypatch):
    module = importlib.import_module("redline.store.ingest")  # the module, not the function

    calls = {"n": 0}
    real = module.statement_key

    def failing(statement):
        calls["n"] += 1
        if calls["n"] == 2:  # after the article and one statement were inserted
            raise KeyboardInterrupt
        return real(statement)

    monkeypatch.setattr(module, "statement_key", failing)
    with pytest.raises(KeyboardInterrupt):
        ingest(store, extracted["first"].articles)
    assert _count(store, articles) == 0 and _count(store, statements) == 0
    monkeypatch.setattr(module, "statement_key", real)
    assert ingest(store, extracted["first"].articles).articles_added == 1  # and it recovers


def test_timeline_shows_the_move(store, extracted):
    for key in ("first", "second", "later"):
        ingest(store, extracted[key].articles)
    line = timeline(store, "irn", "enrichment")
    assert [(s.date, s.stance) for s in line.statements] == [
        ("2026-02-09", "red_line"), ("2026-03-02", "conditional_offer")]
    assert [(m.before, m.after, m.direction) for m in line.moves] == [
        ("red_line", "conditional_offer", "softer")]
    assert line.to_dict()["moves"][0]["date"] == "2026-03-02"


def test_suggestions_cite_sentences_and_leave_the_scenario_alone(store, extracted, scenario,
                                                               examples):
    path = examples / "us-iran-2026.yaml"
    before = path.read_bytes()
    for key in ("first", "second", "later"):
        ingest(store, extracted[key].articles)
    result = suggest(store, scenario)
    kinds = {(s.kind, s.actor, s.issue) for s in result.items}
    # the shipped scenario has no IRN red line on enrichment or on the stockpile's limits
    assert ("new_red_line", "IRN", "enrichment") in kinds
    assert ("changed_reservation", "IRN", None) in kinds
    red = next(s for s in result.items if s.kind == "new_red_line" and s.issue == "enrichment")
    assert yaml.safe_load(red.fragment)["red_lines"][0]["rule"] == "enrichment == 'current'"
    assert red.citations
    assert "red line" in red.citations[0].sentence
    change = next(s for s in result.items if s.kind == "changed_reservation")
    assert "softer" in change.reason and "reservation: -0.05" in change.fragment
    assert path.read_bytes() == before
    assert suggest(store, scenario, since="2027-01-01").items == ()


def test_suggested_conditional_rule_parses(store, scenario):
    from redline.news import extract_articles, read_text
    from redline.scenario import parse_rule

    found = extract_articles(read_text(
        "Iran said it would allow more inspections only in exchange for sanctions relief.\n"
        "Iran would accept a test moratorium on missiles only in exchange for sanctions relief.",
        "x"), scenario)
    assert [s.stance for s in found.statements] == ["conditional_offer"] * 2
    ingest(store, found.articles)
    items = [s for s in suggest(store, scenario).items if s.kind == "conditional_offer"]
    # inspections-for-sanctions is already a red line of IRN in the scenario; missiles is not
    assert [s.issue for s in items] == ["missiles"]
    assert "sanctions" in items[0].reason
    rule = yaml.safe_load(items[0].fragment)["red_lines"][0]["rule"]
    # Iran's concession on missiles (a move from no limits) implies its gain on sanctions
    assert rule == "missiles > 'no-limits' implies sanctions > 'none'"
    parse_rule(rule)


def test_scenarios_table(store):
    assert list_scenarios(store) == ()
    put_scenario(store, "b", "B", "format: redline/1\n")
    first = put_scenario(store, "a", "A", "x: 1\n")
    updated = put_scenario(store, "a", "A2", "x: 2\n")
    assert [s.id for s in list_scenarios(store)] == ["a", "b"]
    got = get_scenario(store, "a")
    assert (got.title, got.yaml) == ("A2", "x: 2\n") and got.updated >= first.updated
    assert got.updated == updated.updated
    assert delete_scenario(store, "a") and not delete_scenario(store, "a")
    with pytest.raises(StoreError, match="not in the database"):
        get_scenario(store, "a")


def test_database_url_resolution(monkeypatch, tmp_path):
    monkeypatch.setenv("REDLINE_DB", "sqlite:///from-env.sqlite3")
    assert resolve_url() == "sqlite:///from-env.sqlite3"
    assert resolve_url("sqlite:///given.sqlite3") == "sqlite:///given.sqlite3"
    monkeypatch.delenv("REDLINE_DB")
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    url = resolve_url()
    assert url.startswith("sqlite:///") and url.endswith("redline.sqlite3")


def test_bad_urls_are_clear_errors(tmp_path):
    pytest.importorskip("sqlalchemy")
    with pytest.raises(StoreError, match="not a usable database URL"):
        open_store("nonsense://")
    with pytest.raises(StoreError, match="cannot open"):
        open_store(f"sqlite:///{tmp_path / 'missing-dir' / 'x.sqlite3'}")


def test_a_refusing_database_is_a_clear_error(store, extracted, monkeypatch):
    from sqlalchemy.exc import OperationalError

    module = importlib.import_module("redline.store.ingest")

    def locked(*args):
        raise OperationalError("INSERT ...", {}, Exception("database is locked"))

    monkeypatch.setattr(module, "_ingest", locked)
    with pytest.raises(StoreError, match="database is locked.*nothing was stored.*Fix"):
        ingest(store, extracted["first"].articles)


def test_migrations_and_table_definitions_agree(store):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from redline.store.schema import metadata

    with store.engine.connect() as conn:
        differences = compare_metadata(MigrationContext.configure(conn), metadata)
    assert differences == []
