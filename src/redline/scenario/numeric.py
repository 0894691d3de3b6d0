"""Numeric issues: a number in a range, its grid, its value functions and the grid's error bound.

A numeric issue (``range: [low, high]``, optionally ``integer``, ``step``, ``unit``, ``marks``) is
compiled once, when the document is read, into the labels of a grid: the range's ends, every
``step`` from ``low``, the status quo and the ``marks`` (put red-line thresholds there). Engines
that enumerate (agendas, explanations, forecasts, simulation, Monte Carlo, report, dashboard) see
an ordered issue whose options are these numbers; rules compare by number. The default grid:
every whole number of an integer issue when there are at most :data:`MAX_WHOLE` of them, else
about :data:`DEFAULT_POINTS` points.

A party values a numeric issue with a piecewise-linear function (``points: [[x, v], ...]``, flat
beyond the first and last point; ``linear: [v_low, v_high]`` is the two-point case). On the grid
the value is that function at the grid point. The **grid error** of a party is

    sum_i w_i * max slope_i * max gap_i

over the numeric issues whose grid leaves gaps: any package of numbers has a grid package within
that utility of it for the party, moving each number to an end of its gap (the Lipschitz bound of
a piecewise-linear function). :mod:`redline.space.continuous` solves two-party problems exactly.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from redline.errors import RedlineError
from redline.scenario.rules import Compare, Member, Node, parse_rule

if TYPE_CHECKING:  # model imports this module
    from redline.scenario.model import Number

MAX_WHOLE = 201
DEFAULT_POINTS = 101


def label(value: float, integer: bool = False) -> str:
    """The option label of a number: a whole number for integer issues, else up to 12
    significant digits (``3.67``, ``0.5``, ``12``)."""
    if integer:
        return str(int(round(value)))
    text = f"{value:.12g}"
    return "0" if text == "-0" else text


def _number(raw: Any, what: str) -> float:
    if isinstance(raw, bool) or not isinstance(raw, int | float | str):
        raise ValueError(f"{what} must be a number, got {raw!r}")
    try:
        value = float(raw)
    except ValueError:
        raise ValueError(f"{what} must be a number, got {raw!r}") from None
    if not math.isfinite(value):
        raise ValueError(f"{what} must be a finite number, got {raw!r}")
    return value


MAX_NUMBER = 1e15
"""The largest magnitude of a numeric issue's range ends (a grid must stay computable)."""


def _finite(raw: Any) -> bool:
    return isinstance(raw, int | float) and not isinstance(raw, bool) and \
        math.isfinite(raw) and abs(raw) <= MAX_NUMBER


def _numbers_fit(bounds: Any, step: Any, marks: Any) -> bool:
    """Whether the range ends, step and marks are numbers the grid can use (other types are
    reported by the grid's own checks)."""
    if not all(_finite(b) or not isinstance(b, int | float) for b in bounds):
        return False
    low, high = bounds
    if not (isinstance(low, int | float) and isinstance(high, int | float) and low < high):
        return True  # the grid's checks say what is wrong
    if isinstance(step, int | float) and not isinstance(step, bool) and \
            not (math.isfinite(step) and 0 < step <= high - low):
        return False
    if not isinstance(marks, list | tuple):
        return True  # marks that are not a list: the grid's checks say what is wrong
    return all(not isinstance(m, int | float) or (math.isfinite(m) and low <= m <= high)
               for m in marks if not isinstance(m, bool))


def grid(low: float, high: float, integer: bool = False, step: float | None = None,
         extra: tuple[float, ...] = ()) -> NDArray[np.float64]:
    """The grid of a numeric issue: sorted distinct points from `low` to `high`."""
    if step is None:
        whole = integer and high - low + 1 <= MAX_WHOLE
        step = 1.0 if whole else (high - low) / (DEFAULT_POINTS - 1)
        if integer:
            step = max(1.0, float(math.ceil(step)))
    count = int(math.floor((high - low) / step + 1e-9))
    points = [low + k * step for k in range(count + 1)] + [high, *extra]
    if integer:
        points = [float(round(p)) for p in points]
    return np.array(sorted({float(label(p, integer)) for p in points if low <= p <= high}))


def grid_fields(data: dict[str, Any]) -> dict[str, Any]:
    """A raw numeric issue with its ``options`` (the grid labels, rebuilt from range, step, marks
    and status quo whatever options were written) and its status quo as a label; raises
    ValueError (reported at the issue) when the range or a number does not fit."""
    raw = data["range"]
    if not isinstance(raw, list | tuple) or len(raw) != 2:
        raise ValueError(f"range must be [low, high], got {raw!r}")
    if not _numbers_fit(raw, data.get("step"), data.get("marks") or []):
        # A number outside its range (NaN, an infinity, 1e308, a step or mark that does not
        # fit): validation names it at its own place; the placeholder grid is never used.
        return {**data, "options": ["0", "1"], "status_quo": None}
    low, high = _number(raw[0], "range low"), _number(raw[1], "range high")
    if not low < high:
        raise ValueError(f"range needs low < high, got [{low:g}, {high:g}]")
    integer = bool(data.get("integer", False))
    if integer and (low != int(low) or high != int(high)):
        raise ValueError(f"an integer issue needs whole-number ends, got [{low:g}, {high:g}]")
    step = data.get("step")
    step = None if step is None else _number(step, "step")
    if step is not None and (step <= 0 or step > high - low):
        raise ValueError(f"step must be in (0, {high - low:g}], got {step:g}")
    if integer and step is not None and step != int(step):
        raise ValueError(f"an integer issue needs a whole-number step, got {step:g}")
    marks = data.get("marks") or []
    if not isinstance(marks, list | tuple):
        raise ValueError(f"marks must be a list of numbers, got {marks!r}")
    extra = [_number(m, "a mark") for m in marks]
    outside = [m for m in extra if not low <= m <= high]
    if outside:
        raise ValueError(f"marks {outside} lie outside the range [{low:g}, {high:g}]")
    if integer and any(m != int(m) for m in extra):
        raise ValueError(f"marks {[m for m in extra if m != int(m)]} of an integer issue are not "
                         "whole numbers; give whole numbers (the grid would round them)")
    quo = data.get("status_quo")
    if quo is not None:
        value = _number(quo, "status_quo")
        if not low <= value <= high:
            raise ValueError(f"status_quo {value:g} lies outside the range [{low:g}, {high:g}]")
        if integer and value != int(value):
            raise ValueError(f"status_quo {value:g} of an integer issue is not a whole number")
        extra.append(value)
    points = grid(low, high, integer, step, tuple(extra))
    out = dict(data)  # written options (as a scenario's to_dict gives them) are the grid again
    out["options"] = [label(p, integer) for p in points]
    if quo is not None:
        out["status_quo"] = label(_number(quo, "status_quo"), integer)
    return out


def threshold_marks(issues: Any, red_lines: Any) -> Any:
    """Raw issues with, on each integer issue whose grid skips whole numbers, the whole numbers
    at the thresholds its red lines name added to its ``marks``: c - 1, c and c + 1 for a whole
    c, floor(c) and ceil(c) otherwise, inside the range. So ``months == 152`` or ``months < 152``
    has its boundary on the grid, as every whole number would. Anything malformed is left as it
    is for validation to report."""
    if not isinstance(issues, list) or not isinstance(red_lines, list):
        return issues
    named: dict[str, list[float]] = {}
    for red in red_lines:
        rule = red.get("rule") if isinstance(red, dict) else None
        if isinstance(rule, str):
            try:
                tree = parse_rule(rule)
            except RedlineError:
                continue
            for issue, number in _numbers_in(tree):
                named.setdefault(issue, []).append(number)
    out: list[Any] = []
    for raw in issues:
        ident = raw.get("id") if isinstance(raw, dict) else None
        numbers = named.get(ident) if isinstance(ident, str) else None  # a bad id: validation's
        if numbers and raw.get("integer") is True and isinstance(raw.get("marks") or [], list) \
                and _skips_whole_numbers(raw):
            low, high = raw["range"]
            near = {float(k) for c in numbers
                    for k in ((c - 1, c, c + 1) if c == int(c) else (math.floor(c), math.ceil(c)))
                    if low <= k <= high}
            marks = list(raw.get("marks") or [])
            raw = {**raw, "marks": marks + sorted(near - {float(m) for m in marks if _finite(m)})}
        out.append(raw)
    return out


def _skips_whole_numbers(issue: dict[str, Any]) -> bool:
    bounds = issue.get("range")
    if not isinstance(bounds, list | tuple) or len(bounds) != 2 or not all(
            _finite(b) for b in bounds) or not bounds[0] < bounds[1]:
        return False
    step = issue.get("step")
    if step is not None:
        return not (_finite(step) and step <= 1)
    return bool(bounds[1] - bounds[0] + 1 > MAX_WHOLE)


def _numbers_in(node: Node) -> list[tuple[str, float]]:
    """(issue, number) of every numeric comparison in a parsed rule."""
    if isinstance(node, Compare | Member):
        texts = (node.option,) if isinstance(node, Compare) else node.options
        found = []
        for text in texts:
            try:
                value = float(text)
            except ValueError:
                continue
            if math.isfinite(value) and abs(value) <= MAX_NUMBER:
                found.append((node.issue, value))
        return found
    children = getattr(node, "operands", None) or [
        getattr(node, name) for name in ("operand", "premise", "conclusion") if hasattr(node, name)]
    return [pair for child in children for pair in _numbers_in(child)]


def values_of(options: list[str]) -> NDArray[np.float64]:
    """The numbers of a numeric issue's grid, from its labels."""
    return np.array([float(o) for o in options])


def _mode(value: Number) -> float:
    """`model.point`: a value's point value, the mode when it is uncertain."""
    return float(value) if isinstance(value, int | float) else value.mode


def function_points(points: list[tuple[float, Number]] | None,
                    linear: tuple[Number, Number] | None, low: float, high: float
                    ) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Breakpoints (xs, values) of a value function over [low, high], flat beyond its points and
    with the range's ends added, so that it is linear between consecutive breakpoints (uncertain
    values at their point values)."""
    if linear is not None:
        return np.array([low, high]), np.array([_mode(linear[0]), _mode(linear[1])])
    assert points is not None
    xs = np.array([p[0] for p in points], dtype=float)
    vs = np.array([_mode(p[1]) for p in points], dtype=float)
    inside = (xs > low) & (xs < high)
    bx = np.concatenate([[low], xs[inside], [high]])
    return bx, np.interp(bx, xs, vs)


def max_slope(xs: NDArray[np.float64], vs: NDArray[np.float64]) -> float:
    """The steepest |dv/dx| of a piecewise-linear function (inf for a step: breakpoints too
    close for the division)."""
    if len(xs) < 2:
        return 0.0
    dv, dx = np.abs(np.diff(vs)), np.diff(xs)
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        slopes = np.where(dv == 0, 0.0, dv / dx)
    return float(np.max(slopes))


def _grid_loss(xs: NDArray[np.float64], vs: NDArray[np.float64], gap: float) -> float:
    """What one issue's value can lose to a grid with gaps up to `gap`: max slope x gap, and
    never more than the function's whole range (a step loses at most its height)."""
    slope = max_slope(xs, vs)
    if gap == 0 or slope == 0:
        return 0.0
    return min(slope * gap, float(np.max(vs) - np.min(vs)))


def max_gap(options: list[str], integer: bool) -> float:
    """The widest gap of a grid that the issue's numbers can fall into (0 when an integer issue's
    grid holds every whole number)."""
    gaps = np.diff(values_of(options))
    widest = float(gaps.max()) if len(gaps) else 0.0
    return 0.0 if integer and widest <= 1.0 else widest


def grid_error(weights: Mapping[str, float],
               functions: Mapping[str, tuple[NDArray[np.float64], NDArray[np.float64]]],
               gaps: Mapping[str, float]) -> float:
    """sum_i w_i * min(max slope_i * max gap_i, range_i): the utility a party can lose to the
    grid."""
    return float(sum(weights[i] * _grid_loss(*functions[i], gaps[i]) for i in functions
                     if i in gaps))
