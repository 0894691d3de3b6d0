"""Opening the database: the URL (argument, $REDLINE_DB, or a SQLite file in the user's data
directory), the engine, and the Alembic migrations, run on every open."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from redline.errors import RedlineError

ENV = "REDLINE_DB"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"


class StoreError(RedlineError):
    """The database cannot be opened or used as asked."""


def _require() -> tuple[Any, Any]:
    try:
        import sqlalchemy
        from alembic import command
    except ImportError:
        raise StoreError("the store needs SQLAlchemy and Alembic. Fix: pip install "
                         "'redline[store]'") from None
    return sqlalchemy, command


def default_url() -> str:
    """SQLite in the user's data directory (platformdirs), e.g. ~/.local/share/redline."""
    try:
        from platformdirs import user_data_dir
    except ImportError:
        raise StoreError("the store needs platformdirs. Fix: pip install 'redline[store]'"
                         ) from None
    folder = Path(user_data_dir("redline", appauthor=False))
    folder.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{folder / 'redline.sqlite3'}"


def resolve_url(url: str | None = None) -> str:
    """The URL to use: the one given, else $REDLINE_DB, else the default SQLite file."""
    if url:
        return url
    from_env = os.environ.get(ENV, "").strip()
    return from_env or default_url()


@dataclass(frozen=True)
class Store:
    """An open database: an SQLAlchemy engine whose schema is at the latest migration."""

    url: str
    engine: Any

    def close(self) -> None:
        """Release the engine's connections."""
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _sqlite_pragmas(engine: Any) -> None:
    sqlalchemy, _ = _require()

    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    sqlalchemy.event.listen(engine, "connect", _on_connect)


def migrate(engine: Any) -> None:
    """Bring the schema to the latest Alembic revision (in one transaction)."""
    _, command = _require()
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    # no sqlalchemy.url: env.py runs on the connection handed over below (and a URL with "%"
    # would upset Alembic's config parser)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def open_store(url: str | None = None) -> Store:
    """Open (and create or migrate) the database at `url` (see `resolve_url`)."""
    sqlalchemy, _ = _require()
    url = resolve_url(url)
    try:
        sqlite = url.startswith("sqlite")
        # SQLite: wait for a concurrent writer (another ingest) instead of failing at once
        engine = sqlalchemy.create_engine(url, connect_args={"timeout": 30} if sqlite else {})
    except (sqlalchemy.exc.ArgumentError, ImportError, ValueError) as exc:
        raise StoreError(f"--db {url!r}: not a usable database URL ({exc}). Fix: give an "
                         "SQLAlchemy URL such as sqlite:///path/to/file.sqlite3 or "
                         "postgresql+psycopg://user@host/db") from None
    if engine.dialect.name == "sqlite":
        _sqlite_pragmas(engine)
    try:
        migrate(engine)
    except sqlalchemy.exc.DBAPIError as exc:  # unreachable, locked, or not a database at all
        engine.dispose()
        raise StoreError(f"{url}: cannot open the database ({exc.orig}). Fix: check the "
                         "path or server, and your permissions") from None
    return Store(url, engine)
