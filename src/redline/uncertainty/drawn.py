"""A block of draws at once: the numbers of many concrete scenarios as arrays, one row per draw.

:func:`redline.scenario.sampling.realise` builds one concrete scenario from one point of
[0, 1]^D, and :func:`redline.scenario.pressure.apply_pressure` then moves its reservations and
weights. For the bargaining analysis only a few numbers of that scenario matter: each actor's
normalised weights, value tables and reservation, and which red lines bind. :func:`drawn`
computes exactly those numbers for a whole block of points with numpy, one row per point,
repeating the same floating-point operations in the same order as the per-draw path, so that
every number is bit for bit the one the per-draw path gives (a test holds this on scenarios
that draw every kind of number, with events and influence edges).

A parameter this module does not know (a path other than a preference, an event effect, an
influence strength, a red line's credibility or an actor's power), or a point value of a
numeric issue's value function (its table on the grid is an interpolation, left to
:func:`redline.scenario.sampling.realise`), makes :func:`supported` false: the caller then
evaluates draw by draw.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from redline.scenario import Scenario, point
from redline.scenario.pressure import PressureError, edge_id, find_edge, find_event
from redline.scenario.sampling import Parameters, SamplingError
from redline.space.outcomes import MAX_WEIGHT_TOTAL

Column = NDArray[np.float64]  # one number per draw: shape (B,)
KNOWN = ("preferences", "events", "influence", "red_lines", "actors")


@dataclass(frozen=True)
class Drawn:
    """The bargaining numbers of a block of B drawn scenarios after pressure.

    Per actor with preferences, per scenario issue: the normalised weight (B,), the value
    table (B, options) or (1, options) when not drawn, and the reservation (B,). `binds` is
    (B, red lines) in document order. `integer_weights[party]` are the weights and their total
    that put utilities on the exact integer grid of :mod:`redline.space.outcomes` (the raw
    weights as written when pressure left them alone, else the normalised ones and 1)."""

    size: int
    weights: dict[str, list[Column]]
    values: dict[str, list[NDArray[np.float64]]]
    reservations: dict[str, Column]
    binds: NDArray[np.bool_]
    integer_weights: dict[str, tuple[list[Column], Column]]

    def take(self, rows: NDArray[np.int64]) -> Drawn:
        """The draws at `rows` only."""
        def pick(v: NDArray[np.float64]) -> NDArray[np.float64]:
            return v[rows] if v.shape[0] == self.size else v

        return Drawn(len(rows), {a: [w[rows] for w in ws] for a, ws in self.weights.items()},
                     {a: [pick(v) for v in vs] for a, vs in self.values.items()},
                     {a: d[rows] for a, d in self.reservations.items()}, self.binds[rows],
                     {a: ([w[rows] for w in ws], t[rows])
                      for a, (ws, t) in self.integer_weights.items()})


def float_sum(columns: Sequence[Column]) -> Column:
    """Python's built-in `sum` of floats, element by element over columns: plain left-to-right
    addition before Python 3.12, Neumaier's compensated sum since (CPython's `builtin_sum`)."""
    total = np.array(columns[0], dtype=float, copy=True)
    if sys.version_info < (3, 12):
        for column in columns[1:]:
            total = total + column
        return total
    compensation = np.zeros_like(total)
    for column in columns[1:]:
        t = total + column
        compensation += np.where(np.abs(total) >= np.abs(column), (total - t) + column,
                                 (column - t) + total)
        total = t
    return np.where((compensation != 0) & np.isfinite(compensation), total + compensation, total)


def triangular_quantiles(low: float, mode: float, high: float, q: Column) -> Column:
    """`sampling.triangular_quantile` over an array of q, operation for operation."""
    span = high - low
    if span <= 0:
        return np.full(q.shape, float(low))
    cut = (mode - low) / span
    left = low + np.sqrt(q * span * (mode - low))
    right = high - np.sqrt((1.0 - q) * span * (high - mode))
    return np.where(q < cut, left, right)


def supported(params: Parameters) -> bool:
    """Whether every parameter sits where :func:`drawn` knows how to draw it."""
    return all(p.path and p.path[0] in KNOWN and not _value_function(p.path)
               for p in params.items)


def _value_function(path: tuple[str | int, ...]) -> bool:
    """A value of a numeric issue's value function: preferences.A.values.i.points.k.1 or
    preferences.A.values.i.linear.k."""
    return (len(path) > 5 and path[0] == "preferences" and path[2] == "values"
            and path[4] in ("points", "linear"))


def drawn(params: Parameters, points: NDArray[np.float64], events: Sequence[str] = (),
          influence: Sequence[str] = ()) -> Drawn:
    """The bargaining numbers of the scenarios at `points` (B, D), after events and influence."""
    scenario = params.scenario
    size = len(points)
    values_at: dict[tuple[str | int, ...], Column] = {}
    for k, parameter in enumerate(params.items):
        if parameter.kind == "triangular":
            values_at[parameter.path] = triangular_quantiles(
                parameter.low, parameter.mode, parameter.high, points[:, k])
    binds = np.ones((size, len(scenario.red_lines)), dtype=bool)
    for k, parameter in enumerate(params.items):
        if parameter.kind == "binds":
            index = int(parameter.path[1])
            credibility = values_at.get((*parameter.path, "credibility"), parameter.mode)
            binds[:, index] = points[:, k] < credibility
    weights, values, reservations, raw = _preferences(scenario, values_at, size)
    _apply_events(scenario, events, values_at, weights, reservations, size)
    _apply_influence(scenario, influence, values_at, weights, size)
    integer = {actor: integer_weights(raw[actor], weights[actor]) for actor in weights}
    return Drawn(size, weights, values, reservations, binds, integer)


def _preferences(scenario: Scenario, values_at: dict[tuple[str | int, ...], Column], size: int
                 ) -> tuple[dict[str, list[Column]], dict[str, list[NDArray[np.float64]]],
                            dict[str, Column], dict[str, list[Column]]]:
    """Per actor: normalised weights, value tables, reservation, and the raw weights written."""
    issues = scenario.issues
    weights: dict[str, list[Column]] = {}
    values: dict[str, list[NDArray[np.float64]]] = {}
    reservations: dict[str, Column] = {}
    raw_weights: dict[str, list[Column]] = {}
    for actor, preference in scenario.document.preferences.items():
        base = scenario.utilities[actor]
        raw = [values_at.get(("preferences", actor, "weights", i.id),
                             np.full(size, point(preference.weights.get(i.id, 0.0))))
               for i in issues]
        raw_weights[actor] = raw
        drawn_here = any(path[:2] == ("preferences", actor) for path in values_at)
        if drawn_here:
            total = float_sum(raw)
            if (total <= 0).any():
                raise SamplingError(f"preferences.{actor}.weights: a draw gave every weight 0; "
                                    "give at least one weight a positive low value")
            weights[actor] = [w / total for w in raw]
        else:
            weights[actor] = [np.full(size, base.weights[i.id]) for i in issues]
        tables = []
        for issue in issues:
            table: NDArray[np.float64] = base.values[issue.id][None, :]
            for option, label in enumerate(issue.options):
                path_by: list[tuple[str | int, ...]] = [
                    ("preferences", actor, "values", issue.id, option),
                    ("preferences", actor, "values", issue.id, label)]
                found = [values_at[p] for p in path_by if p in values_at]
                if found:
                    if table.shape[0] != size:
                        table = np.repeat(table, size, axis=0)
                    table[:, option] = found[0]
            tables.append(table)
        values[actor] = tables
        reservations[actor] = values_at.get(("preferences", actor, "reservation"),
                                            np.full(size, base.reservation))
    return weights, values, reservations, raw_weights


def _amount(values_at: dict[tuple[str | int, ...], Column], path: tuple[str | int, ...],
            written: object, size: int) -> Column:
    if path in values_at:
        return values_at[path]
    return np.full(size, point(written))  # type: ignore[arg-type]


def _apply_events(scenario: Scenario, events: Sequence[str],
                  values_at: dict[tuple[str | int, ...], Column],
                  weights: dict[str, list[Column]], reservations: dict[str, Column],
                  size: int) -> None:
    """`pressure.apply_event` for each chosen event, in document order, on every draw at once."""
    wanted = {find_event(scenario, e).id for e in events}
    ids = scenario.issue_ids
    for k, event in enumerate(scenario.document.events):
        if event.id not in wanted:
            continue
        for j, effect in enumerate(event.effects):
            where = f"events.{event.id}.effects[{j}]"
            if effect.actor not in weights:
                raise PressureError(f"event {event.id!r}: actor {effect.actor!r} has no "
                                    f"preferences in the scenario; add preferences."
                                    f"{effect.actor} or remove the event {event.id!r}")
            base = ("events", k, "effects", j)
            if effect.reservation is not None:
                amount = _amount(values_at, (*base, "reservation"), effect.reservation, size)
                reservations[effect.actor] = np.clip(reservations[effect.actor] + amount,
                                                     0.0, 1.0)
            if effect.weights:
                shifts = {i: _amount(values_at, (*base, "weights", i), v, size)
                          for i, v in effect.weights.items()}
                moved = [w + shifts.get(i, 0.0) for i, w in zip(ids, weights[effect.actor],
                                                                 strict=True)]
                raw = [np.where(m > 0.0, m, 0.0) for m in moved]
                total = float_sum(raw)
                if (total <= 0).any():
                    raise PressureError(f"{where}: the weight shifts leave every weight at 0; "
                                        "make the shifts smaller")
                weights[effect.actor] = [r / total for r in raw]


def _apply_influence(scenario: Scenario, influence: Sequence[str],
                     values_at: dict[tuple[str | int, ...], Column],
                     weights: dict[str, list[Column]], size: int) -> None:
    """`pressure.apply_influence` for each chosen edge, in document order."""
    wanted = {edge_id(find_edge(scenario, e)) for e in influence}
    ids = scenario.issue_ids
    for k, edge in enumerate(scenario.document.influence):
        if edge_id(edge) not in wanted:
            continue
        for actor in (edge.from_, edge.to):
            if actor not in weights:
                raise PressureError(f"influence {edge_id(edge)}: actor {actor!r} has no "
                                    f"preferences in the scenario; add preferences.{actor} "
                                    f"or remove the influence {edge_id(edge)}")
        strength = _amount(values_at, ("influence", k, "strength"), edge.strength, size)
        target = weights[edge.to]
        at = ids.index(edge.issue)
        goal = weights[edge.from_][at]
        old = target[at]
        new = old + strength * (goal - old)
        others = [w for i, w in enumerate(target) if i != at]
        rest = float_sum(others) if others else np.zeros(size)
        safe = np.where(rest > 0, rest, 1.0)
        moved = list(target)
        moved[at] = new
        for i, w in enumerate(target):
            if i != at:
                share = np.where(rest > 0, w / safe, 1.0 / len(others))
                moved[i] = (1.0 - new) * share
        weights[edge.to] = moved


def integer_weights(raw: list[Column], weights: list[Column]) -> tuple[list[Column], Column]:
    """`OutcomeSpace.raw_weights` per draw: the raw weights and their total when they give the
    normalised weights exactly, else the normalised weights and 1."""
    total = float_sum(raw)
    exact = (total > 0) & (total <= MAX_WEIGHT_TOTAL)
    safe = np.where(total > 0, total, 1.0)
    for r, w in zip(raw, weights, strict=True):
        exact &= (r / safe) == w
    chosen = [np.where(exact, r, w) for r, w in zip(raw, weights, strict=True)]
    return chosen, np.where(exact, total, 1.0)
