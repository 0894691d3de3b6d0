"""GENIUS integer and real issues: their bounds and evaluators, as redline value functions.

GENIUS (``genius.core.utility.EvaluatorInteger`` and ``EvaluatorReal``) evaluates

- an integer issue by ``<evaluator ftype="linear" slope=s offset=c>``: e(x) = c + s (x - low);
- a real issue by ``ftype="linear"`` with ``parameter0`` = offset and ``parameter1`` = slope,
  e(x) = offset + slope * x; ``constant`` (``parameter0``); or ``triangular`` (``parameter0``
  lower, ``parameter1`` upper, ``parameter2`` top: 0 outside [lower, upper], rising linearly to
  1 at the top);

and clips the linear forms to [0, 1]. Unlike discrete issues these evaluations are not divided by
their maximum. Each is piecewise linear, so it is carried over exactly as ``points``; a clip that
bites inside the range is said in a notice (the points include the kinks it makes).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import TYPE_CHECKING

from redline.errors import RedlineError
from redline.limits import TOLERANCE

if TYPE_CHECKING:
    from redline.interop.genius import GeniusIssue


class GeniusError(RedlineError):
    """A GENIUS file that cannot be read."""


def _attribute(node: ET.Element, names: tuple[str, ...], origin: str, what: str) -> float:
    for name in names:
        raw = node.get(name)
        if raw is not None:
            try:
                return float(raw)
            except ValueError:
                break
    raise GeniusError(f"{origin}: {what} needs a number in {' or '.join(names)}; give it "
                      f"(e.g. {names[0]}=\"0\")")


def issue_bounds(node: ET.Element, kind: str, origin: str) -> tuple[float, float]:
    """The lower and upper bound of an integer or real issue: attributes of the issue, or of its
    ``<range>`` child."""
    name = node.get("name")
    where = node if node.get("lowerbound") is not None else node.find("range")
    if where is None:
        raise GeniusError(f"{origin}: {kind} issue {name!r} has no bounds; give it lowerbound and "
                          "upperbound (or a <range lowerbound=... upperbound=...>)")
    low = _attribute(where, ("lowerbound",), origin, f"issue {name!r}")
    high = _attribute(where, ("upperbound",), origin, f"issue {name!r}")
    if not low < high:
        raise GeniusError(f"{origin}: issue {name!r} has lowerbound {low:g} >= upperbound "
                          f"{high:g}; give lowerbound < upperbound")
    return low, high


def clipped_line(offset: float, slope: float, low: float, high: float
                 ) -> list[tuple[float, float]]:
    """Points of x -> min(1, max(0, offset + slope * x)) over [low, high], kinks included."""
    xs = {low, high}
    if slope != 0:
        for level in (0.0, 1.0):
            x = (level - offset) / slope
            if low < x < high:
                xs.add(x)
    return [(x, min(1.0, max(0.0, offset + slope * x))) for x in sorted(xs)]


def evaluator_points(node: ET.Element, issue: GeniusIssue, origin: str,
                     notices: list[str] | None) -> list[tuple[float, float]]:
    """The value function of an integer or real issue in a profile, as points (x, value)."""
    assert issue.bounds is not None
    low, high = issue.bounds
    evaluator = node.find("evaluator")
    what = f"the evaluator of issue {issue.name!r}"
    if evaluator is None:
        raise GeniusError(f"{origin}: issue {issue.name!r} has no <evaluator>; give it one, e.g. "
                          '<evaluator ftype="linear" .../>')
    ftype = (evaluator.get("ftype") or "linear").lower()
    if ftype == "constant":
        value = _attribute(evaluator, ("parameter0", "offset"), origin, what)
        return [(low, value), (high, value)]
    if ftype == "triangular":
        lower = _attribute(evaluator, ("parameter0",), origin, what)
        upper = _attribute(evaluator, ("parameter1",), origin, what)
        top = _attribute(evaluator, ("parameter2",), origin, what)
        if not lower <= top <= upper:
            raise GeniusError(f"{origin}: {what} needs parameter0 <= parameter2 <= parameter1")
        xs = sorted({low, high, *(x for x in (lower, top, upper) if low < x < high)})
        return [(x, _triangle(x, lower, upper, top)) for x in xs]
    if ftype != "linear":
        raise GeniusError(f"{origin}: {what} has ftype {ftype!r}; redline reads linear, "
                          "constant and triangular evaluators")
    if issue.kind == "integer":
        slope = _attribute(evaluator, ("slope", "parameter1"), origin, what)
        offset = _attribute(evaluator, ("offset", "parameter0"), origin, what) - slope * low
    else:
        slope = _attribute(evaluator, ("parameter1", "slope"), origin, what)
        offset = _attribute(evaluator, ("parameter0", "offset"), origin, what)
    ends = (offset + slope * low, offset + slope * high)
    if notices is not None and not all(0.0 <= e <= 1.0 for e in ends):
        notices.append(f"{origin}: {what} runs from {ends[0]:g} to {ends[1]:g}; clipped to "
                       "[0, 1] as GENIUS does")
    return clipped_line(offset, slope, low, high)


def _triangle(x: float, lower: float, upper: float, top: float) -> float:
    if x < lower or x > upper:
        return 0.0
    if x < top:
        return (x - lower) / (top - lower)
    if x > top:
        return (upper - x) / (upper - top)
    return 1.0


def linear_evaluator(points: list[tuple[float, float]], low: float, high: float,
                     integer: bool) -> dict[str, str] | None:
    """GENIUS evaluator attributes for a value function that is one straight line over the
    range, clipped to [0, 1] as GENIUS clips (None when it is not: GENIUS then gets the grid as
    a discrete issue)."""
    offset, slope = points[0][1], 0.0
    for (x0, v0), (x1, v1) in zip(points, points[1:], strict=False):
        if v1 != v0:
            slope = (v1 - v0) / (x1 - x0)
            offset = v0 - slope * x0
            break
    if any(abs(min(1.0, max(0.0, offset + slope * x)) - v) > TOLERANCE for x, v in points):
        return None
    if integer:
        return {"ftype": "linear", "slope": repr(slope), "offset": repr(offset + slope * low)}
    return {"ftype": "linear", "parameter0": repr(offset), "parameter1": repr(slope)}
