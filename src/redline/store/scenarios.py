"""Scenarios kept in the database (for the web dashboard): list, get, put, delete."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

from redline.store.database import Store, StoreError
from redline.store.schema import scenarios


@dataclass(frozen=True)
class StoredScenario:
    """A scenario kept in the database: id, title, YAML text and when it was last stored."""
    id: str
    title: str
    yaml: str
    updated: datetime

    def to_dict(self) -> dict[str, Any]:
        """The stored scenario as JSON, its update time in ISO format."""
        out = asdict(self)
        out["updated"] = self.updated.isoformat()
        return out


def _row(row: Any) -> StoredScenario:
    updated = row["updated"]
    if updated.tzinfo is None:  # SQLite keeps no zone; we always write UTC
        updated = updated.replace(tzinfo=UTC)
    return StoredScenario(row["id"], row["title"], row["yaml"], updated)


def list_scenarios(store: Store) -> tuple[StoredScenario, ...]:
    """Every stored scenario, by id."""
    from sqlalchemy import select

    with store.engine.connect() as conn:
        rows = conn.execute(select(scenarios).order_by(scenarios.c.id)).mappings().all()
    return tuple(_row(r) for r in rows)


def get_scenario(store: Store, scenario_id: str) -> StoredScenario:
    """The stored scenario with this id; :class:`StoreError` when there is none."""
    from sqlalchemy import select

    with store.engine.connect() as conn:
        row = conn.execute(select(scenarios).where(
            scenarios.c.id == scenario_id)).mappings().first()
    if row is None:
        raise StoreError(f"scenario {scenario_id!r} is not in the database. Fix: list the "
                         "stored scenarios, or store it first")
    return _row(row)


def put_scenario(store: Store, scenario_id: str, title: str, yaml_text: str,
                 date: str | None = None) -> StoredScenario:
    """Insert or replace a scenario's YAML text (the caller validates it); the text is also kept
    as a new version (see :mod:`redline.store.versions`) unless it equals the latest one."""
    from sqlalchemy import delete

    from redline.store.versions import save_version

    if not scenario_id.strip():
        raise StoreError("a stored scenario needs a non-empty id. Fix: give it an id")
    now = datetime.now(UTC)
    with store.engine.begin() as conn:
        conn.execute(delete(scenarios).where(scenarios.c.id == scenario_id))
        conn.execute(scenarios.insert().values(id=scenario_id, title=title, yaml=yaml_text,
                                               updated=now))
    save_version(store, scenario_id, title, yaml_text, date)
    return StoredScenario(scenario_id, title, yaml_text, now)


def delete_scenario(store: Store, scenario_id: str) -> bool:
    """Delete a scenario and its versions; True if it was there."""
    from sqlalchemy import delete

    from redline.store.versions import delete_history

    delete_history(store, scenario_id)
    with store.engine.begin() as conn:
        result = conn.execute(delete(scenarios).where(scenarios.c.id == scenario_id))
    return bool(result.rowcount)
