"""Where the dashboard keeps scenarios: a small protocol, and an in-memory implementation.

The web layer only talks to a `ScenarioRepository`; the SQLite store (`redline.store`) plugs in
through `StoreRepository` when it is installed. Documents are kept as plain JSON data (the
`Scenario.to_dict()` form) and are validated by the loader before they are stored.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from redline.errors import RedlineError
from redline.scenario import load

if TYPE_CHECKING:
    from redline.store import Store

SCENARIO_ID = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_\-]{0,63}$")


class UnknownScenario(RedlineError):
    """No scenario with that id in the repository."""


@dataclass(frozen=True)
class Entry:
    """A stored scenario as listed: its id and title."""
    id: str
    title: str


class ScenarioRepository(Protocol):
    """Scenario documents by id."""

    def list(self) -> list[Entry]:
        """Every stored scenario's id and title, by id."""
        ...

    def get(self, scenario_id: str) -> dict[str, Any] | None:
        """The scenario document with this id, or None."""
        ...

    def put(self, scenario_id: str, document: dict[str, Any]) -> bool:
        """Store (create or replace); True when it was created."""
        ...

    def delete(self, scenario_id: str) -> bool:
        """Delete the scenario with this id; True when there was one."""
        ...


class MemoryRepository:
    """Scenarios in a dict guarded by a lock: for tests and for a dashboard without a database."""

    def __init__(self) -> None:
        self._documents: dict[str, dict[str, Any]] = {}
        self._lock = threading.Lock()

    def list(self) -> list[Entry]:
        """Every stored scenario's id and title, by id."""
        with self._lock:
            return [Entry(k, str(v.get("title", k))) for k, v in sorted(self._documents.items())]

    def get(self, scenario_id: str) -> dict[str, Any] | None:
        """A copy of the scenario document with this id, or None."""
        with self._lock:
            found = self._documents.get(scenario_id)
            return None if found is None else _copy(found)

    def put(self, scenario_id: str, document: dict[str, Any]) -> bool:
        """Store a copy of the document (create or replace); True when it was created."""
        with self._lock:
            created = scenario_id not in self._documents
            self._documents[scenario_id] = _copy(document)
            return created

    def delete(self, scenario_id: str) -> bool:
        """Delete the scenario with this id; True when there was one."""
        with self._lock:
            return self._documents.pop(scenario_id, None) is not None


class StoreRepository:
    """Scenarios in the redline database (`redline.store`, the same one as the news store), kept
    as YAML text; read back through the loader."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def list(self) -> list[Entry]:
        """Every scenario in the database: id and title."""
        from redline.store import list_scenarios

        return [Entry(s.id, s.title) for s in list_scenarios(self._store)]

    def get(self, scenario_id: str) -> dict[str, Any] | None:
        """The scenario with this id, read back through the loader as a document, or None."""
        from redline.store import StoreError, get_scenario

        try:
            stored = get_scenario(self._store, scenario_id)
        except StoreError:
            return None
        return load(stored.yaml).to_dict()

    def put(self, scenario_id: str, document: dict[str, Any]) -> bool:
        """Store the document as YAML text in the database (create or replace); True when it was
        created."""
        import yaml

        from redline.store import put_scenario

        created = self.get(scenario_id) is None
        text = yaml.safe_dump(document, sort_keys=False, allow_unicode=True)
        put_scenario(self._store, scenario_id, str(document.get("title", scenario_id)), text)
        return created

    def delete(self, scenario_id: str) -> bool:
        """Delete the scenario with this id from the database; True when there was one."""
        from redline.store import delete_scenario

        return bool(delete_scenario(self._store, scenario_id))


def _copy(document: dict[str, Any]) -> dict[str, Any]:
    import copy

    return copy.deepcopy(document)


def slug(title: str, taken: Iterable[str]) -> str:
    """A new scenario id from a title: lower-case words joined by '-', made unique."""
    base = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")[:56] or "scenario"
    if not base[0].isalnum():
        base = "s" + base
    used = set(taken)
    candidate, n = base, 2
    while candidate in used:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def seed_examples(repository: ScenarioRepository, folder: Path) -> list[str]:
    """Put every shipped example (folder/*.yaml) into the repository unless its id is taken."""
    added: list[str] = []
    if not folder.is_dir():
        return added
    present = {e.id for e in repository.list()}
    for path in sorted(folder.glob("*.yaml")):
        if path.stem in present or not SCENARIO_ID.match(path.stem):
            continue
        repository.put(path.stem, load(path).to_dict())
        added.append(path.stem)
    return added
