"""Alembic environment: runs on the connection redline hands over (see store.database)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from redline.store.database import StoreError
from redline.store.schema import metadata

config = context.config
connection = config.attributes.get("connection")

if connection is not None:
    context.configure(connection=connection, target_metadata=metadata,
                      render_as_batch=connection.dialect.name == "sqlite")
    context.run_migrations()
else:  # `alembic -c ... upgrade head` from the command line
    url = config.get_main_option("sqlalchemy.url")
    if url is None:
        raise StoreError(f"{config.config_file_name}: no sqlalchemy.url to migrate. Fix: set "
                         "sqlalchemy.url in its [alembic] section, or let redline migrate "
                         "(every `redline` command that opens the store does)")
    engine = create_engine(url)
    with engine.begin() as conn:
        context.configure(connection=conn, target_metadata=metadata,
                          render_as_batch=conn.dialect.name == "sqlite")
        context.run_migrations()
