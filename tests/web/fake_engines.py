"""Stand-in engines for the API tests, at module level: the server runs engines in a child
process, so they must be importable by name (a function local to a test cannot be pickled)."""

from __future__ import annotations

import time
from typing import Any


def sessions(scenario: Any, parameters: dict[str, Any], progress: Any) -> dict[str, Any]:
    for k in range(1, 5):
        progress(k / 4)
        time.sleep(0.01)
    return {"format": "redline-simulation/1", "runs": parameters["runs"],
            "parties": list(scenario.parties)}


def agendas(scenario: Any, parameters: dict[str, Any], progress: Any) -> dict[str, Any]:
    return {"format": "redline-agendas/1", "issues": list(scenario.issue_ids)}


def spin(scenario: Any, parameters: dict[str, Any], progress: Any) -> dict[str, Any]:
    """Burns CPU until killed: what a runaway computation looks like."""
    total = 0
    while True:
        total += 1


def hog(scenario: Any, parameters: dict[str, Any], progress: Any) -> dict[str, Any]:
    """Asks for more memory than any computation may have."""
    blocks = [bytearray(256 * 1024**2) for _ in range(64)]
    return {"blocks": len(blocks)}


def nap(scenario: Any, parameters: dict[str, Any], progress: Any) -> dict[str, Any]:
    """Waits (no CPU) for parameters["seconds"], then answers: work that is slow on the wall
    clock but cheap in CPU time, as any computation is on a machine shared many ways."""
    import time

    time.sleep(float(parameters.get("seconds", 2.0)))
    return {"format": "redline-agendas/1", "issues": list(scenario.issue_ids)}
