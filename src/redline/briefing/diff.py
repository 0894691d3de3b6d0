"""Two versions of a scenario: what changed in the inputs, and what that changed in the answers.

Inputs are compared as documents: lists of things with an id (actors, issues, red lines, events,
sources) are matched by id and influence edges by FROM:TO:ISSUE, so reordering a list changes
nothing and each change has a stable path (``red_lines[usa-no-high-enrichment].credibility``).

Results are compared on each version's own situation (its events and influence applied, the same
agenda): the verdict, the ZOPA size, the Nash package, the binding red lines and the forecast of
each issue (the compromise model's position, as its nearest option).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from redline.briefing.verdict import Verdict, verdict
from redline.scenario import Scenario
from redline.version import __version__

KEYED = {"actors": "id", "issues": "id", "red_lines": "id", "events": "id", "sources": "id",
         "effects": "actor"}


@dataclass(frozen=True)
class Change:
    """One difference between two versions: where it is (a document or answer path) and the old
    and new values."""
    path: str
    old: Any
    new: Any

    def to_dict(self) -> dict[str, Any]:
        """The change as JSON: path, old, new."""
        return {"path": self.path, "old": self.old, "new": self.new}


@dataclass(frozen=True)
class Diff:
    """Two versions of a scenario: the inputs that changed, and the answers (verdicts) of each."""
    old_title: str
    new_title: str
    inputs: tuple[Change, ...]
    old: Verdict
    new: Verdict
    method: str = "document-paths"
    parameters: dict[str, Any] = field(default_factory=dict)
    version: str = __version__

    @property
    def results(self) -> tuple[Change, ...]:
        """The answers that differ between the two versions."""
        changes = []
        for key in ("verdict", "agenda", "zopa_size", "nash", "binding_red_lines", "refused_by",
                    "forecast"):  # the situation block itself differs whenever inputs do
            a, b = getattr(self.old, key), getattr(self.new, key)
            if a != b:
                changes.append(Change(key, _plain(a), _plain(b)))
        return tuple(changes)

    def _repr_html_(self) -> str:
        """The result in a Jupyter notebook (see :mod:`redline.notebook`)."""
        from redline.notebook import result_html

        return result_html(self.to_dict())

    def to_dict(self) -> dict[str, Any]:
        """The ``redline-diff/1`` JSON document: input changes, both versions' answers and the
        answers that changed."""
        return {"format": "redline-diff/1", "old": self.old_title, "new": self.new_title,
                "inputs": [c.to_dict() for c in self.inputs],
                "results": {"old": self.old.to_dict(), "new": self.new.to_dict(),
                            "changed": [c.to_dict() for c in self.results]},
                "method": self.method, "parameters": self.parameters, "version": self.version}


def _plain(value: Any) -> Any:
    return list(value) if isinstance(value, tuple) else value


def _edge(item: dict[str, Any]) -> str:
    return f"{item.get('from')}:{item.get('to')}:{item.get('issue')}"


def _keyed(items: list[Any], key: str | None) -> dict[str, Any] | None:
    """A list of mappings as {id: item} when every item has a distinct id; else None."""
    if not all(isinstance(i, dict) for i in items):
        return None
    names = [_edge(i) if key is None else i.get(key) for i in items]
    if any(n is None for n in names) or len(set(names)) != len(names):
        return None
    return dict(zip(names, items, strict=True))


def input_changes(old: Any, new: Any, path: str = "") -> list[Change]:
    """Every difference between two JSON-like documents, with its path."""
    if isinstance(old, dict) and isinstance(new, dict):
        changes = []
        for key in [*old, *(k for k in new if k not in old)]:
            changes += input_changes(old.get(key), new.get(key),
                                     f"{path}.{key}" if path else str(key))
        return changes
    if isinstance(old, list) and isinstance(new, list):
        name = path.rsplit(".", 1)[-1]
        key = KEYED.get(name) if name != "influence" else None
        if name in KEYED or name == "influence":
            a, b = _keyed(old, key), _keyed(new, key)
            if a is not None and b is not None:
                changes = []
                for item in [*a, *(k for k in b if k not in a)]:
                    changes += input_changes(a.get(item), b.get(item), f"{path}[{item}]")
                return changes
    if old != new:
        return [Change(path, old, new)]
    return []


def diff(old: Scenario, new: Scenario, agenda: Sequence[str] | None = None, *,
         events: str = "active", influence: str = "none", date: str | None = None) -> Diff:
    """What changed from `old` to `new`: inputs by path, and the answers, each version in its
    own situation under the same options."""
    return Diff(old.title, new.title, tuple(input_changes(old.to_dict(), new.to_dict())),
                verdict(old, agenda, events=events, influence=influence, date=date),
                verdict(new, agenda, events=events, influence=influence, date=date),
                parameters={"agenda": None if agenda is None else list(agenda),
                            "events": events, "influence": influence, "date": date})
