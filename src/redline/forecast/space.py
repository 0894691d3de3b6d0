"""The common input of every forecasting model: actors placed on 0–100 issue scales."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from redline.errors import RedlineError

SCALE = 100.0
"""Every issue is a continuum from 0 to SCALE."""


class ForecastInputError(RedlineError):
    """A decision that a forecasting model cannot use, or a file that cannot be read as one."""


def source_text(source: str | Path, text: str | None = None,
                error: type[ForecastInputError] = ForecastInputError) -> str:
    """The text of an input file (BOM-tolerant UTF-8), or `text` where the caller read it
    already; an unreadable file is one `error` naming it."""
    if text is not None:
        return text
    try:
        return Path(source).read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise error(f"{source}: cannot read the file ({exc.strerror})") from None


def _frozen(array: NDArray[np.float64]) -> NDArray[np.float64]:
    array = np.array(array, dtype=float)
    array.setflags(write=False)
    return array


@dataclass(frozen=True)
class IssueSpace:
    """Actors, their capabilities, and their positions and saliences on each issue.

    ``issue_groups`` says which issues belong together (DEU: the proposal), for models that
    trade across issues. ``issue_rules`` names each issue's decision rule where known (DEU:
    the legislative procedure and the Council's voting rule, e.g. ``"COD QMV"``), for the
    procedural model; blank where unknown. ``positions`` and ``saliences`` are (actors x issues) arrays; NaN
    marks an actor that takes no position on an issue (DEU has many). Saliences are in [0, 1]
    (the file's 0–100 divided by 100); positions, ``status_quo`` and ``outcome`` are on the
    0–100 scale. ``outcome`` is the observed decision where known (DEU), for backtests; NaN
    where unknown.
    """

    actors: tuple[str, ...]
    issues: tuple[str, ...]
    capabilities: NDArray[np.float64]
    positions: NDArray[np.float64]
    saliences: NDArray[np.float64]
    status_quo: NDArray[np.float64]
    outcome: NDArray[np.float64]
    source: str = "<space>"
    issue_names: tuple[str, ...] = field(default=())
    issue_groups: tuple[str, ...] = field(default=())
    issue_rules: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        n, m = len(self.actors), len(self.issues)
        for name, shape in (("capabilities", (n,)), ("positions", (n, m)),
                            ("saliences", (n, m)), ("status_quo", (m,)), ("outcome", (m,))):
            value = _frozen(getattr(self, name))
            if value.shape != shape:
                raise ValueError(f"IssueSpace.{name} has shape {value.shape}, expected {shape}")
            object.__setattr__(self, name, value)
        if not self.issue_names:
            object.__setattr__(self, "issue_names", self.issues)
        if not self.issue_groups:
            object.__setattr__(self, "issue_groups", ("all",) * m)
        if not self.issue_rules:
            object.__setattr__(self, "issue_rules", ("",) * m)
        if len(self.issue_names) != m or len(self.issue_groups) != m or len(
                self.issue_rules) != m:
            raise ValueError("IssueSpace.issue_names, issue_groups and issue_rules need one "
                             "entry per issue")

    @property
    def n_actors(self) -> int:
        """How many actors are placed."""
        return len(self.actors)

    @property
    def n_issues(self) -> int:
        """How many issues there are."""
        return len(self.issues)

    @property
    def present(self) -> NDArray[np.bool_]:
        """(actors x issues): True where the actor has a position and a salience."""
        return ~np.isnan(self.positions) & ~np.isnan(self.saliences)

    def subset(self, issues: list[int] | NDArray[np.int64]) -> IssueSpace:
        """The same actors on a selection of issues (by index)."""
        idx = np.asarray(issues, dtype=int)
        return IssueSpace(
            actors=self.actors, issues=tuple(self.issues[i] for i in idx),
            capabilities=self.capabilities, positions=self.positions[:, idx],
            saliences=self.saliences[:, idx], status_quo=self.status_quo[idx],
            outcome=self.outcome[idx], source=self.source,
            issue_names=tuple(self.issue_names[i] for i in idx),
            issue_groups=tuple(self.issue_groups[i] for i in idx),
            issue_rules=tuple(self.issue_rules[i] for i in idx))

    def with_capabilities(self, capabilities: NDArray[np.float64]) -> IssueSpace:
        """The same space with the actors' capabilities replaced."""
        return IssueSpace(self.actors, self.issues, capabilities, self.positions,
                          self.saliences, self.status_quo, self.outcome, self.source,
                          self.issue_names, self.issue_groups, self.issue_rules)

    def to_dict(self) -> dict[str, Any]:
        """The space as JSON: source, actors, issues, capabilities, positions, saliences, status
        quo and outcome (missing values as null)."""
        def clean(a: NDArray[np.float64]) -> Any:
            return [None if np.isnan(v) else float(v) for v in a] if a.ndim == 1 else [
                clean(row) for row in a]
        return {"source": self.source, "actors": list(self.actors), "issues": list(self.issues),
                "capabilities": clean(self.capabilities), "positions": clean(self.positions),
                "saliences": clean(self.saliences), "status_quo": clean(self.status_quo),
                "outcome": clean(self.outcome)}


def issue_space(actors: list[str] | tuple[str, ...], capabilities: Any, positions: Any,
                saliences: Any, *, issues: list[str] | tuple[str, ...] | None = None,
                status_quo: Any = None, outcome: Any = None,
                source: str = "<space>") -> IssueSpace:
    """Build an :class:`IssueSpace` from plain lists, checking ranges with clear errors."""
    pos = np.atleast_2d(np.asarray(positions, dtype=float))
    if pos.shape[0] != len(actors) and pos.shape[1] == len(actors):
        pos = pos.T
    sal = np.asarray(saliences, dtype=float).reshape(pos.shape)
    cap = np.asarray(capabilities, dtype=float).reshape(len(actors))
    m = pos.shape[1]
    names = tuple(issues) if issues is not None else tuple(f"issue{k + 1}" for k in range(m))
    sq = np.full(m, np.nan) if status_quo is None else np.asarray(status_quo, float).reshape(m)
    out = np.full(m, np.nan) if outcome is None else np.asarray(outcome, float).reshape(m)
    if np.any(cap < 0) or not np.all(np.isfinite(cap)):
        raise ForecastInputError(f"{source}: capabilities must be finite and >= 0")
    if np.any((pos < 0) | (pos > SCALE)):
        raise ForecastInputError(f"{source}: positions must lie on the 0–{SCALE:g} scale")
    if np.any((sal < 0) | (sal > 1)):
        raise ForecastInputError(f"{source}: saliences must lie in [0, 1]")
    return IssueSpace(tuple(actors), names, cap, pos, sal, sq, out, source)


def random_space(n_actors: int, n_issues: int, rng: np.random.Generator, *,
                 missing: float = 0.0) -> IssueSpace:
    """A synthetic issue space for tests and benchmarks: uniform positions on 0–100,
    saliences in [0.05, 1], log-normal capabilities; ``missing`` is the share of
    (actor, issue) cells left blank (every issue keeps at least two actors)."""
    pos = rng.uniform(0, SCALE, size=(n_actors, n_issues)).round(1)
    sal = rng.uniform(0.05, 1.0, size=(n_actors, n_issues)).round(2)
    cap = rng.lognormal(0.0, 0.5, size=n_actors).round(3)
    if missing > 0:
        blank = rng.random((n_actors, n_issues)) < missing
        blank[:2] = False
        pos = np.where(blank, np.nan, pos)
        sal = np.where(blank, np.nan, sal)
    return IssueSpace(tuple(f"A{i + 1}" for i in range(n_actors)),
                      tuple(f"I{k + 1}" for k in range(n_issues)), cap, pos, sal,
                      np.full(n_issues, np.nan), np.full(n_issues, np.nan), "<random>")
