"""The one result type every forecasting model returns."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

import numpy as np
from numpy.typing import NDArray


def _plain(value: Any) -> Any:
    """JSON-ready copy of numbers, arrays and containers (NaN becomes None)."""
    if isinstance(value, np.ndarray):
        return _plain(value.tolist())
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (float, np.floating)):
        return None if np.isnan(value) else float(value)
    if isinstance(value, (np.integer,)):
        return int(value)
    return value


@dataclass(frozen=True)
class Forecast:
    """A model's forecast of the collective decision on each issue (0–100 scale).

    ``trajectory`` is (rounds + 1) x issues: the model's forecast after each round, row 0 the
    forecast from the initial positions. ``positions`` is (rounds + 1) x actors x issues where
    the model moves actors (empty for one-shot models). ``details`` holds model-specific extras
    (e.g. the weighted median, risk attitudes, exchanges made).
    """

    method: str
    parameters: Mapping[str, Any]
    actors: tuple[str, ...]
    issues: tuple[str, ...]
    outcome: NDArray[np.float64]
    trajectory: NDArray[np.float64]
    positions: NDArray[np.float64] = field(default_factory=lambda: np.empty((0, 0, 0)))
    converged: bool = True
    details: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for name in ("outcome", "trajectory", "positions"):
            array = np.array(getattr(self, name), dtype=float)
            array.setflags(write=False)
            object.__setattr__(self, name, array)
        object.__setattr__(self, "parameters", MappingProxyType(dict(self.parameters)))
        object.__setattr__(self, "details", MappingProxyType(dict(self.details)))
        if self.outcome.shape != (len(self.issues),):
            raise ValueError(f"outcome shape {self.outcome.shape} != ({len(self.issues)},)")

    @property
    def rounds(self) -> int:
        """How many rounds the model ran (rows of the trajectory after the start)."""
        return int(self.trajectory.shape[0]) - 1

    def by_issue(self) -> dict[str, float]:
        """The forecast outcome on each issue's 0–100 scale, by issue."""
        return {k: float(v) for k, v in zip(self.issues, self.outcome, strict=True)}

    def _repr_html_(self) -> str:
        """The result in a Jupyter notebook (see :mod:`redline.notebook`)."""
        from redline.notebook import result_html

        return result_html(self.to_dict())

    def to_dict(self) -> dict[str, Any]:
        """The forecast as JSON: method, parameters, actors, issues, outcome, rounds,
        convergence, trajectory, model details and, when the model moves them, the actors' final
        positions."""
        data = {
            "method": self.method,
            "parameters": _plain(dict(self.parameters)),
            "actors": list(self.actors),
            "issues": list(self.issues),
            "outcome": _plain(self.outcome),
            "rounds": self.rounds,
            "converged": self.converged,
            "trajectory": _plain(self.trajectory),
            "details": _plain(dict(self.details)),
        }
        if self.positions.size:
            data["positions"] = _plain(self.positions)
        return data
