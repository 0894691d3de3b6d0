"""Fixtures for the store tests: a fresh SQLite database per test, our own articles."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import tempfile
import uuid
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run(command: list[str], user: str | None) -> None:
    if user:
        command = ["runuser", "-u", user, "--", *command]
    subprocess.run(command, check=True, capture_output=True, timeout=120)


def _server_program(name: str) -> str | None:
    """A PostgreSQL server program on PATH, else in Debian's versioned folder (newest first)."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
                        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0)
    return str(candidates[-1]) if candidates else None


@pytest.fixture(scope="session")
def postgres_base():
    """A PostgreSQL server for the tests: $REDLINE_TEST_POSTGRES, else a throwaway one started
    with initdb/pg_ctl when they and the psycopg driver are installed; else the test skips."""
    given = os.environ.get("REDLINE_TEST_POSTGRES")
    if given:
        yield given
        return
    if importlib.util.find_spec("psycopg") is None:
        pytest.skip("PostgreSQL tests need the psycopg driver (pip install 'redline[postgres]')")
    initdb, pg_ctl = _server_program("initdb"), _server_program("pg_ctl")
    if not (initdb and pg_ctl):
        pytest.skip("PostgreSQL tests need initdb and pg_ctl (Debian: apt-get install postgresql), "
                    "or REDLINE_TEST_POSTGRES")
    user = None
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        if shutil.which("runuser") is None or not _has_user("postgres"):
            pytest.skip("running as root without a 'postgres' user to start PostgreSQL")
        user = "postgres"
    # not under pytest's tmp folder: its parents are private to root, and a socket path must be
    # short
    folder = Path(tempfile.mkdtemp(prefix="redline-pg-"))
    if user:
        shutil.chown(folder, user)
    data = folder / "data"
    _run([initdb, "-D", str(data), "-A", "trust", "-U", "redline"], user)
    _run([pg_ctl, "-D", str(data), "-l", str(folder / "log"), "-w", "-o",
          f"-p 5432 -k {folder} -c listen_addresses='' -c fsync=off", "start"], user)
    try:
        yield f"postgresql+psycopg://redline@/postgres?host={folder}&port=5432"
    finally:
        _run([pg_ctl, "-D", str(data), "-m", "immediate", "stop"], user)
        shutil.rmtree(folder, ignore_errors=True)


def _has_user(name: str) -> bool:
    import pwd

    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path) -> str:
    """A fresh, empty database: a SQLite file, and a new PostgreSQL database where one runs."""
    pytest.importorskip("sqlalchemy", reason="the store extra is not installed")
    pytest.importorskip("alembic", reason="the store extra is not installed")
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
        return
    base = request.getfixturevalue("postgres_base")
    from sqlalchemy import create_engine, make_url, text

    name = f"redline_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(base).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture
def store(db_url):
    from redline.store import open_store

    with open_store(db_url) as opened:
        yield opened


@pytest.fixture(scope="session")
def scenario():
    from redline.scenario import load

    return load(ROOT / "examples" / "us-iran-2026.yaml")


@pytest.fixture(scope="session")
def extracted(scenario):
    """Three short articles of our own: two outlets report the same red line, a later one
    shows Iran softening on enrichment."""
    pytest.importorskip("spacy", reason="the nlp extra is not installed")
    from redline.news import extract_articles, read_text

    first = read_text("Iran's foreign minister said on Monday that uranium enrichment is a "
                      "red line.\nIran rejected any limits on its stockpile.", "outlet-a/1")
    second = read_text("Speaking on Monday, Iran's foreign minister said uranium enrichment "
                       "was a red line for Tehran.", "outlet-b/7")
    later = read_text("Iran said it was willing to cap enrichment if sanctions were eased.",
                      "outlet-a/2")
    return {
        "first": extract_articles(first, scenario, date(2026, 2, 11)),
        "second": extract_articles(second, scenario, date(2026, 2, 11)),
        "later": extract_articles(later, scenario, date(2026, 3, 2)),
    }
