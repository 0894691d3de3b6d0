"""Drawing concrete scenarios from the distributions written in a scenario document.

Every uncertain quantity of a document becomes one *parameter* with a coordinate q in [0, 1]:

- a number written ``{low, mode, high}`` is triangular; q is its quantile, so the drawn value is the
  triangular inverse CDF at q (q uniform gives the triangular distribution);
- a red line whose credibility is below 1 (or is itself a distribution) gets a ``binds`` parameter:
  it binds in a draw when q < credibility. When the credibility is triangular, it is a parameter
  of its own, drawn first, so a red line binds with probability equal to the mean credibility
  (low + mode + high) / 3, and a sensitivity analysis can tell the two apart.

A point of [0, 1]^D is thus a whole concrete scenario (:func:`realise`); :func:`draw` takes the
point from a `numpy.random.Generator`. Red lines that do not bind in a draw are left out of it.
The point "as written" (:meth:`Parameters.modes`) puts every number at its mode and keeps every
red line.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray
from pydantic import BaseModel

from redline.errors import RedlineError
from redline.scenario.model import Issue, Preference, Triangular, point
from redline.scenario.scenario import Scenario, Utility
from redline.scenario.scenario import compile_utility as scenario_utility

Path = tuple[str | int, ...]


class SamplingError(RedlineError):
    """A draw that gives an unusable scenario (e.g. every weight of an actor at 0)."""


@dataclass(frozen=True)
class Parameter:
    """An uncertain quantity of a document: its readable name and path, and either a triangular
    distribution (low, mode, high) or, for ``binds``, the red line's credibility."""
    name: str  # readable, e.g. "preferences.USA.reservation" or "red_lines.usa-x.binds"
    path: Path  # where it sits in the document (for "binds": the red line)
    kind: str  # "triangular" or "binds"
    low: float
    mode: float
    high: float  # for "binds": low = mode = high = credibility as written (its mode)

    def value(self, q: float) -> float:
        """The triangular inverse CDF at q (for "binds": q itself)."""
        if self.kind == "binds":
            return q
        return triangular_quantile(self.low, self.mode, self.high, q)

    def mode_quantile(self) -> float:
        """The coordinate q of the value as written: the mode's quantile for a triangular
        parameter, 0 (binds) for a red line."""
        if self.kind == "binds":
            return 0.0  # binds, as written
        span = self.high - self.low
        return (self.mode - self.low) / span if span > 0 else 0.5


def triangular_quantile(low: float, mode: float, high: float, q: float) -> float:
    """The inverse CDF of the triangular distribution (low, mode, high) at q; ``low`` when the
    range is empty."""
    span = high - low
    if span <= 0:
        return low
    cut = (mode - low) / span
    if q < cut:
        return float(low + np.sqrt(q * span * (mode - low)))
    return float(high - np.sqrt((1.0 - q) * span * (high - mode)))


def _walk(node: Any, path: Path) -> Iterator[tuple[Path, Triangular]]:
    if isinstance(node, Triangular):
        yield path, node
    elif isinstance(node, BaseModel):
        for name in type(node).model_fields:
            yield from _walk(getattr(node, name), (*path, name))
    elif isinstance(node, list | tuple):  # tuples: a value function's points and linear ends
        for index, item in enumerate(node):
            yield from _walk(item, (*path, index))
    elif isinstance(node, dict):
        for key, item in node.items():
            yield from _walk(item, (*path, key))


def _readable(document: Any, path: Path) -> str:
    parts: list[str] = []
    node = document
    for part in path:
        if isinstance(part, int) and isinstance(node, list):
            item = node[part]
            label = getattr(item, "id", None) or getattr(item, "actor", None)
            if label is None and hasattr(item, "from_"):
                label = f"{item.from_}:{item.to}:{item.issue}"
            parts.append(str(label) if label is not None else str(part))
            node = item
        else:
            parts.append(str(part).rstrip("_"))
            node = getattr(node, str(part)) if isinstance(node, BaseModel) else node[part]
    return ".".join(parts)


@dataclass(frozen=True)
class Parameters:
    """The uncertain parameters of a scenario, in document order (triangulars, then binds)."""

    scenario: Scenario
    items: tuple[Parameter, ...]

    def __len__(self) -> int:
        return len(self.items)

    @property
    def names(self) -> tuple[str, ...]:
        """The parameters' readable names, in order."""
        return tuple(p.name for p in self.items)

    def modes(self) -> NDArray[np.float64]:
        """The coordinates of the document as written: each parameter's mode quantile."""
        return np.array([p.mode_quantile() for p in self.items], dtype=float)


def parameters(scenario: Scenario) -> Parameters:
    """Every uncertain parameter of a scenario."""
    document = scenario.document
    items = [Parameter(_readable(document, path), path, "triangular", t.low, t.mode, t.high)
             for path, t in _walk(document, ())]
    for index, red in enumerate(document.red_lines):
        credibility = red.credibility
        c = credibility.mode if isinstance(credibility, Triangular) else float(credibility)
        if isinstance(credibility, Triangular) or c < 1.0:
            items.append(Parameter(f"red_lines.{red.id}.binds", ("red_lines", index), "binds",
                                   c, c, c))
    return Parameters(scenario, tuple(items))


def _set(node: Any, path: Path, value: Any) -> Any:
    """A copy of `node` with the value at `path` replaced (pydantic models copied, not mutated)."""
    if not path:
        return value
    head, rest = path[0], path[1:]
    if isinstance(node, BaseModel):
        name = str(head)
        return node.model_copy(update={name: _set(getattr(node, name), rest, value)})
    if isinstance(node, list):
        copy = list(node)
        copy[int(head)] = _set(node[int(head)], rest, value)
        return copy
    if isinstance(node, tuple):
        return tuple(_set(item, rest, value) if k == int(head) else item
                     for k, item in enumerate(node))
    copy_map = dict(node)
    copy_map[head] = _set(node[head], rest, value)
    return copy_map


def realise(params: Parameters, point: Sequence[float] | NDArray[np.float64]) -> Scenario:
    """The concrete scenario at a point of [0, 1]^D."""
    q = np.asarray(point, dtype=float)
    if q.shape != (len(params),):
        raise ValueError(f"expected {len(params)} coordinates, got shape {q.shape}")
    document = params.scenario.document
    values: dict[Path, float] = {}
    dropped: set[int] = set()
    for parameter, coordinate in zip(params.items, q, strict=True):
        if parameter.kind == "triangular":
            values[parameter.path] = parameter.value(float(coordinate))
    for parameter, coordinate in zip(params.items, q, strict=True):
        if parameter.kind == "binds":
            index = int(parameter.path[1])
            credibility = values.get((*parameter.path, "credibility"), parameter.mode)
            if not coordinate < credibility:
                dropped.add(index)
    for path, value in values.items():
        document = _set(document, path, value)
    base = params.scenario
    dropped_ids = {document.red_lines[k].id for k in dropped}
    if dropped:
        document = document.model_copy(update={"red_lines": [
            r for k, r in enumerate(document.red_lines) if k not in dropped]})
    # The document was validated with every value anywhere in [low, high]: the rules compiled
    # for it still hold; only the utilities of actors with drawn preferences are recompiled.
    utilities = dict(base.utilities)
    for actor in {str(path[1]) for path in values if path[0] == "preferences"}:
        utilities[actor] = compile_utility(document.preferences[actor], document.issues, actor)
    rules = {k: v for k, v in base.rules.items() if k not in dropped_ids}
    return dataclasses.replace(base, document=document, utilities=utilities, rules=rules,
                               notices=())


def compile_utility(preference: Preference, issues: Sequence[Issue], actor: str) -> Utility:
    """Normalised weights and value tables of a preference whose numbers are plain floats."""
    if sum(point(preference.weights.get(i.id, 0.0)) for i in issues) <= 0:
        raise SamplingError(f"preferences.{actor}.weights: a draw gave every weight 0; "
                            "give at least one weight a positive low value")
    return scenario_utility(preference, issues)


def draw(params: Parameters, rng: np.random.Generator) -> tuple[NDArray[np.float64], Scenario]:
    """A random point (uniform on [0, 1]^D) and its concrete scenario."""
    point = rng.random(len(params))
    return point, realise(params, point)
