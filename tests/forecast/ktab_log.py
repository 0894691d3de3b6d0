"""Read the parts of a KTAB SMP run log that the comparison tests use."""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np


def _matrix(lines: list[str], start: int, rows: int) -> np.ndarray:
    return np.array([[float(v) for v in lines[start + k].split()] for k in range(rows)])


def first_turn(path: Path, n: int) -> dict[str, np.ndarray]:
    """Turn 0's risk-neutral values, inferred risk attitudes, and objective utilities."""
    lines = path.read_text().splitlines()
    at = {key: next(k for k, line in enumerate(lines) if line.startswith(key))
          for key in ("Raw actor-pos value matrix", "Inferred risk attitudes",
                      "Risk-aware actor-pos utility matrix", "Estimate by 0 of",
                      "Estimate by 1 of")}
    return {
        "values": _matrix(lines, at["Raw actor-pos value matrix"] + 1, n),
        "risk": _matrix(lines, at["Inferred risk attitudes"] + 1, n).ravel(),
        "utility": _matrix(lines, at["Risk-aware actor-pos utility matrix"] + 1, n),
        "estimate_by_1": _matrix(lines, at["Estimate by 1 of"] + 1, n),
    }


def position_history(path: Path) -> tuple[list[str], np.ndarray]:
    """Actor names and positions per turn: array (turns + 1) x actors x dimensions."""
    lines = path.read_text().splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith("History of actor pos"))
    rows: dict[str, list[list[float]]] = {}
    for line in lines[start + 1:]:
        match = re.match(r"^(\S+), (.+) Position:\s+(.*)$", line)
        if not match:
            break
        rows.setdefault(match.group(1), []).append([float(v) for v in match.group(3).split()])
    names = list(rows)
    array = np.array([rows[a] for a in names])  # actors x dims x turns
    return names, np.transpose(array, (2, 0, 1))


def win_probability_history(path: Path) -> np.ndarray:
    """Each actor's winning probability per state: array (turns + 1) x actors."""
    lines = path.read_text().splitlines()
    start = next(k for k, line in enumerate(lines) if line.startswith("History of actors' win"))
    rows = []
    for line in lines[start + 1:]:
        match = re.match(r"^(\S+), prob :\s+(.*)$", line)
        if not match:
            break
        rows.append([float(v) for v in match.group(2).split()])
    return np.array(rows).T
