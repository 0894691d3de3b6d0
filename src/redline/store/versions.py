"""Versions of a stored scenario: each saved text numbered 1, 2, ... with the time it was saved
and the date the document gives itself (its `date:` field), oldest first."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from redline.store.database import Store, StoreError
from redline.store.schema import scenario_versions


@dataclass(frozen=True)
class ScenarioVersion:
    """One saved text of a scenario: its number, title, YAML, the date the document gives itself,
    and when it was saved."""
    scenario_id: str
    version: int
    title: str
    yaml: str
    date: str | None  # the document's own date (ISO), if it gives one
    saved: datetime

    def to_dict(self, with_text: bool = False) -> dict[str, Any]:
        """The version as JSON, with its YAML text when ``with_text``."""
        data = {"scenario_id": self.scenario_id, "version": self.version, "title": self.title,
                "date": self.date, "saved": self.saved.isoformat()}
        if with_text:
            data["yaml"] = self.yaml
        return data


def _version(row: Any) -> ScenarioVersion:
    saved = row["saved"]
    if saved.tzinfo is None:  # SQLite keeps no zone; we always write UTC
        saved = saved.replace(tzinfo=UTC)
    return ScenarioVersion(row["scenario_id"], row["version"], row["title"], row["yaml"],
                           row["date"], saved)


def scenario_history(store: Store, scenario_id: str) -> tuple[ScenarioVersion, ...]:
    """Every version of a scenario, oldest first (empty when none was saved)."""
    from sqlalchemy import select

    with store.engine.connect() as conn:
        rows = conn.execute(select(scenario_versions).where(
            scenario_versions.c.scenario_id == scenario_id).order_by(
            scenario_versions.c.version)).mappings().all()
    return tuple(_version(r) for r in rows)


def get_version(store: Store, scenario_id: str, version: int | None = None) -> ScenarioVersion:
    """One version (default: the latest); a clear error naming the versions there are."""
    history = scenario_history(store, scenario_id)
    if not history:
        raise StoreError(f"scenario {scenario_id!r} has no stored versions. Fix: save one with "
                         f"`redline versions {scenario_id} --save FILE`")
    if version is None:
        return history[-1]
    for item in history:
        if item.version == version:
            return item
    raise StoreError(f"scenario {scenario_id!r} has no version {version}; it has versions "
                     f"{', '.join(str(v.version) for v in history)}")


def save_version(store: Store, scenario_id: str, title: str, yaml_text: str,
                 date: str | None = None) -> ScenarioVersion:
    """Append a version, unless the text equals the latest one (which is then returned)."""
    from sqlalchemy import func, select

    if not scenario_id.strip():
        raise StoreError("a stored scenario needs a non-empty id. Fix: give it an id")
    with store.engine.begin() as conn:
        latest = conn.execute(select(scenario_versions).where(
            scenario_versions.c.scenario_id == scenario_id).order_by(
            scenario_versions.c.version.desc()).limit(1)).mappings().first()
        if latest is not None and latest["yaml"] == yaml_text:
            return _version(latest)
        number = (conn.execute(select(func.max(scenario_versions.c.version)).where(
            scenario_versions.c.scenario_id == scenario_id)).scalar() or 0) + 1
        now = datetime.now(UTC)
        conn.execute(scenario_versions.insert().values(
            scenario_id=scenario_id, version=number, title=title, yaml=yaml_text, date=date,
            saved=now))
    return ScenarioVersion(scenario_id, number, title, yaml_text, date, now)


def delete_history(store: Store, scenario_id: str) -> int:
    """Delete every version of a scenario; how many there were."""
    from sqlalchemy import delete

    with store.engine.begin() as conn:
        result = conn.execute(delete(scenario_versions).where(
            scenario_versions.c.scenario_id == scenario_id))
    return int(result.rowcount or 0)
