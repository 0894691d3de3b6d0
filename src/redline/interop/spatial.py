"""Spatial issue spaces (KTAB SMP CSV, DEU III TSV) as redline scenarios.

Each 0–100 issue becomes an issue with 101 ordered options "0" … "100". An actor at position p
values option x at 1 − |x − p| / 100 (the linear loss of spatial models), weighs the issues by its
saliences (normalised to sum 1, so absolute salience levels are not kept), and has its capability
as power. Positions are rounded to whole numbers. Every actor becomes a party (an agreement needs
all of them), since these formats name no veto players; edit the roles where that is wrong. The
status quo (DEU's reference point) becomes the issue's status quo where known.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

from redline.forecast import IssueSpace, load_space

GRID = 101


def space_document(space: IssueSpace, title: str) -> dict[str, Any]:
    """A `redline/1` document for an issue space."""
    labels = [str(x) for x in range(GRID)]
    grid = np.arange(GRID, dtype=float)
    issues: list[dict[str, Any]] = []
    for k, issue in enumerate(space.issues):
        entry: dict[str, Any] = {"id": _identifier(issue, "i"), "name": space.issue_names[k],
                                 "options": labels}
        if math.isfinite(space.status_quo[k]):
            entry["status_quo"] = labels[int(round(space.status_quo[k]))]
        issues.append(entry)
    actors, preferences = [], {}
    for a, actor in enumerate(space.actors):
        ident = _identifier(actor, "a")
        actors.append({"id": ident, "name": actor, "role": "party",
                       "power": float(space.capabilities[a])})
        weights: dict[str, float] = {}
        values: dict[str, list[float]] = {}
        for k, issue_entry in enumerate(issues):
            position, salience = space.positions[a, k], space.saliences[a, k]
            if not math.isfinite(position):
                continue
            weights[issue_entry["id"]] = float(salience) if math.isfinite(salience) else 0.0
            spot = float(round(position))
            values[issue_entry["id"]] = [round(1.0 - abs(x - spot) / 100.0, 6) for x in grid]
        if not any(w > 0 for w in weights.values()):
            continue  # an actor with no salient position has no preferences to state
        preferences[ident] = {"weights": weights, "values": values}
    kept = [a for a in actors if a["id"] in preferences]
    return {"format": "redline/1", "title": title,
            "description": f"Converted from the issue space in {space.source}.",
            "actors": kept, "issues": issues, "preferences": preferences}


def read_spatial(path: Path) -> dict[str, Any]:
    """Read a KTAB SMP CSV, an actor-table CSV or a DEU III TSV as a scenario document."""
    return space_document(load_space(path), path.stem)


def _identifier(text: str, prefix: str) -> str:
    cleaned = "".join(c if c.isalnum() or c in "_-" else "-" for c in text.strip()).strip("-")
    return cleaned if cleaned[:1].isalpha() or cleaned[:1] == "_" else f"{prefix}{cleaned}"
