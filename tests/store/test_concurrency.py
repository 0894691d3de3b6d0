"""Two ingests of one batch at once both finish; a file that is not a database is a message."""

from __future__ import annotations

import importlib
import multiprocessing

import pytest
from sqlalchemy import func, select

from redline.store import StoreError, ingest, open_store
from redline.store.schema import articles, statements


def _count(store, table):
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()


def test_losing_the_race_on_a_unique_key_runs_the_ingest_again(store, extracted, monkeypatch):
    """The other ingest commits the same article between our check and our insert: our
    transaction fails on the unique key, rolls back, and the retry finds the article known."""
    from sqlalchemy.exc import IntegrityError

    module = importlib.import_module("redline.store.ingest")
    real = module._ingest
    calls = {"n": 0}

    def racing(target, batch, select_, *rest):
        calls["n"] += 1
        if calls["n"] == 1:
            with open_store(store.url) as other:
                real(other, batch, select_, *rest)  # the other process wins the race ...
            raise IntegrityError("INSERT INTO articles", {}, Exception("UNIQUE constraint"))
        return real(target, batch, select_, *rest)  # ... and ours runs again

    monkeypatch.setattr(module, "_ingest", racing)
    report = ingest(store, iter(extracted["first"].articles))  # a one-shot iterator, too
    assert calls["n"] == 2
    assert report.articles_added == 0 and report.articles_known == len(extracted["first"].articles)
    assert _count(store, articles) == len(extracted["first"].articles)


def _ingest_in_process(url, batch, start, results):
    start.wait()
    try:
        with open_store(url) as store:
            results.put(("ok", ingest(store, batch).to_dict()))
    except Exception as exc:  # noqa: BLE001 - the test reports whatever escaped
        results.put(("error", repr(exc)))


def test_two_processes_ingesting_one_batch_both_finish(db_url, extracted):
    batch = extracted["first"].articles + extracted["second"].articles
    with open_store(db_url) as store:  # migrated once, before the race
        pass
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(2), context.Queue()
    workers = [context.Process(target=_ingest_in_process, args=(db_url, batch, start, results))
               for _ in range(2)]
    for worker in workers:
        worker.start()
    outcomes = [results.get(timeout=120) for _ in workers]
    for worker in workers:
        worker.join(timeout=60)
    assert [kind for kind, _ in outcomes] == ["ok", "ok"], outcomes
    reports = [report for _, report in outcomes]
    assert sum(r["articles_added"] for r in reports) == len(batch)  # each article stored once
    assert sum(r["articles_known"] for r in reports) == len(batch)
    with open_store(db_url) as store:
        assert _count(store, articles) == len(batch)
        assert _count(store, statements) == len({s.key for s in _stored(store)})


def _stored(store):
    with store.engine.connect() as conn:
        return conn.execute(select(statements.c.key)).all()


def test_a_file_that_is_not_a_database_is_a_clear_error(tmp_path):
    pytest.importorskip("sqlalchemy", reason="the store extra is not installed")
    junk = tmp_path / "notes.sqlite3"
    junk.write_text("these are notes, not a database\n" * 100, encoding="utf-8")
    with pytest.raises(StoreError, match="not a database"):
        open_store(f"sqlite:///{junk}")
