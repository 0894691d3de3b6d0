"""Two-party Pareto frontiers made of straight pieces, and bargaining solutions on them, exactly.

The utility pairs reachable in a *cell* (one option per discrete issue, one piece per real issue
on which every value function is linear) form a zonotope c + sum_k [0, 1] g_k. Its upper-right
boundary is found the classic way (Raiffa 1982, ch. 10: concede on issues in order of marginal
rate of substitution): from the point best for B, add the trading generators (one party gains,
the other loses) in increasing order of |Delta u_B| / |Delta u_A|. The frontier of a union of
cells is the non-dominated part of the upper envelope of these staircases,
F(x) = max_t G_t(x) with G_t(x) = max{b : (a, b) in segment t, a >= x}, computed interval by
interval between breakpoints, adding the crossings of the lines that meet inside an interval.

Solutions on a frontier of segments are closed forms: the Nash product is a quadratic along a
segment (its stationary point or an end), Kalai–Smorodinsky and egalitarian points are where the
segment meets a ray from d, utilitarian points are vertices.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from redline.limits import TOLERANCE

EPS = TOLERANCE


@dataclass(frozen=True)
class Staircase:
    """The upper-right boundary of one cell: vertices (from B's best to A's best) and, per edge,
    which generator it fills (index into the cell's generators, in that order)."""

    vertices: NDArray[np.float64]  # (n + 1, 2)
    order: tuple[int, ...]  # generator filled along edge j
    start: tuple[float, ...]  # each generator's fill (0 or 1) at the first vertex


def staircase(base: NDArray[np.float64], generators: NDArray[np.float64]) -> Staircase:
    """The Pareto boundary of base + sum_k [0, 1] generators[k] (2-D)."""
    fill = []
    point = np.array(base, dtype=float)
    trades = []
    for k, (a, b) in enumerate(generators):
        if a >= 0 and b >= 0:  # both gain: always taken
            fill.append(1.0)
            point = point + (a, b)
        elif a <= 0 and b <= 0:  # both lose: never
            fill.append(0.0)
        elif b > 0:  # B gains: start taken, give it up for A
            fill.append(1.0)
            point = point + (a, b)
            trades.append((-b / -a, k))
        else:  # A gains: start without, take it for A
            fill.append(0.0)
            trades.append((-b / a, k))
    trades.sort()
    vertices = [point]
    for _, k in trades:
        a, b = generators[k]
        step = (-a, -b) if fill[k] == 1.0 else (a, b)
        vertices.append(vertices[-1] + step)
    return Staircase(np.array(vertices), tuple(k for _, k in trades), tuple(fill))


@dataclass(frozen=True)
class Piece:
    """A straight piece of the frontier (a point when both ends coincide), from the end better
    for B to the end better for A, with the segment it lies on (for the package)."""

    start: tuple[float, float]
    end: tuple[float, float]
    segment: int


def envelope(segments: NDArray[np.float64]) -> list[Piece]:
    """The Pareto frontier of a union of segments (rows: a0, b0, a1, b1 with a0 <= a1 and
    b0 >= b1), as pieces ordered by A's utility."""
    keep = np.flatnonzero(~_dominated(segments))
    pieces = _sweep(segments[keep])
    return [Piece(p.start, p.end, int(keep[p.segment])) for p in pieces]


def _dominated(segments: NDArray[np.float64]) -> NDArray[np.bool_]:
    """Segments every point of which some segment end dominates: an end beats the segment's best
    corner (a1, b0)."""
    _, b0, a1, _ = segments.T
    ends = np.concatenate([segments[:, :2], segments[:, 2:]])
    order = np.argsort(-ends[:, 0], kind="stable")
    xs, best = ends[order, 0], np.maximum.accumulate(ends[order, 1])

    def reach(x: NDArray[np.float64], strict: bool) -> NDArray[np.float64]:
        # the highest b among ends with a >= x (a > x when strict)
        if strict:
            count = np.searchsorted(-xs, -x - EPS, side="left")
        else:
            count = np.searchsorted(-xs, -x + EPS, side="right")
        return np.asarray(np.where(count > 0, best[np.maximum(count - 1, 0)], -np.inf))

    # an end strictly better than the corner in one utility and no worse in the other: every
    # point of the segment is at most the corner, so each is dominated (none is that end)
    beaten = (reach(a1, strict=False) > b0 + EPS) | (reach(a1, strict=True) >= b0 - EPS)
    return np.asarray(beaten, dtype=bool)


def _sweep(segments: NDArray[np.float64]) -> list[Piece]:
    a0, b0, a1, b1 = segments.T
    xs = np.unique(np.concatenate([a0, a1]))
    run = np.where(a1 - a0 > EPS, (b1 - b0) / np.maximum(a1 - a0, EPS), 0.0)
    pieces: list[Piece] = []
    for k, x in enumerate(xs):
        # at x itself: the best point whose segment reaches x (a jump ends here)
        alive = a1 >= x - EPS
        height = np.where(x <= a0, b0, b0 + run * (x - a0))
        best = np.flatnonzero(alive & (height >= height[alive].max() - EPS))
        pieces.append(Piece((x, float(height[best[0]])), (x, float(height[best[0]])),
                            int(best[0])))
        if k + 1 < len(xs):
            pieces += _interval(x, xs[k + 1], a0, b0, a1, run)
    return _pareto(pieces)


def _interval(left: float, right: float, a0: NDArray[np.float64], b0: NDArray[np.float64],
              a1: NDArray[np.float64], run: NDArray[np.float64]) -> list[Piece]:
    """Upper envelope on [left, right] of the segments alive over all of it (each one line)."""
    alive = np.flatnonzero(a1 >= right - EPS)
    inside = a0[alive] <= left + EPS
    slope = np.where(inside, run[alive], 0.0)
    start = np.where(inside, b0[alive] + run[alive] * (left - a0[alive]), b0[alive])
    out = []
    x = left
    top = start.max()
    current = int(np.flatnonzero(start >= top - EPS)[np.argmax(slope[start >= top - EPS])])
    while x < right - EPS:
        y = start[current] + slope[current] * (x - left)
        steeper = slope > slope[current] + EPS
        cross = np.full(len(slope), np.inf)
        cross[steeper] = x + (y - (start[steeper] + slope[steeper] * (x - left))) / (
            slope[steeper] - slope[current])
        cross[cross <= x + EPS] = np.inf
        step = float(min(cross.min(), right))
        out.append(Piece((x, y), (step, start[current] + slope[current] * (step - left)),
                         int(alive[current])))
        if step >= right - EPS:
            break
        options = np.flatnonzero(np.abs(cross - step) <= EPS)
        current = int(options[np.argmax(slope[options])])
        x = step
    return out


def _pareto(pieces: list[Piece]) -> list[Piece]:
    """Keep what no point further right reaches: strictly falling pieces, and the right end of a
    flat stretch; drop what lies below a later point."""
    kept: list[Piece] = []
    best_later = -np.inf
    for piece in reversed(pieces):
        (x0, y0), (x1, y1) = piece.start, piece.end
        if y1 <= best_later + EPS and y0 <= best_later + EPS:
            continue
        if y0 - y1 <= EPS:  # flat: only its right end, if nothing later is as high
            if y1 > best_later + EPS:
                kept.append(Piece((x1, y1), (x1, y1), piece.segment))
                best_later = y1
            continue
        if y1 <= best_later + EPS:  # the lower part is beaten: cut where it reaches best_later
            cut = x0 + (y0 - best_later) / (y0 - y1) * (x1 - x0)
            piece = Piece((x0, y0), (cut, best_later), piece.segment)
            kept.append(piece)
        else:
            kept.append(piece)
        best_later = y0
    kept.reverse()
    return _merge(kept)


def _merge(pieces: list[Piece]) -> list[Piece]:
    """Join consecutive collinear pieces of the same segment."""
    merged: list[Piece] = []
    for piece in pieces:
        if merged and merged[-1].segment == piece.segment and np.allclose(
                merged[-1].end, piece.start, atol=EPS):
            merged[-1] = Piece(merged[-1].start, piece.end, piece.segment)
        else:
            merged.append(piece)
    return merged


def rational(pieces: list[Piece], d: tuple[float, float]) -> list[Piece]:
    """The parts of the frontier at least as good as no deal for both parties."""
    out = []
    for piece in pieces:
        (x0, y0), (x1, y1) = piece.start, piece.end
        if x1 < d[0] - EPS or y0 < d[1] - EPS:
            continue
        if x0 < d[0] and x1 - x0 > EPS:  # move the start right to x = d_A
            t = (d[0] - x0) / (x1 - x0)
            x0, y0 = d[0], y0 + t * (y1 - y0)
        if y1 < d[1] and y0 - y1 > EPS:  # move the end left to y = d_B
            t = (y0 - d[1]) / (y0 - y1)
            x1, y1 = x0 + t * (x1 - x0), d[1]
        out.append(Piece((x0, y0), (x1, y1), piece.segment))
    return out


def _candidates(piece: Piece, direction: tuple[float, float], d: tuple[float, float]
                ) -> list[tuple[float, float]]:
    """The ends of a piece and where it meets the ray d + t * direction."""
    (x0, y0), (x1, y1) = piece.start, piece.end
    points = [(x0, y0), (x1, y1)]
    ux, uy = direction
    dx, dy = x1 - x0, y1 - y0
    det = dx * uy - dy * ux
    if abs(det) > EPS:
        s = ((d[0] - x0) * uy - (d[1] - y0) * ux) / det  # x0 + s dx = d + t u
        if 0 <= s <= 1:
            points.append((x0 + s * dx, y0 + s * dy))
    return points


def solve(pieces: list[Piece], d: tuple[float, float]) -> dict[str, tuple[float, float, int]]:
    """Nash, Kalai–Smorodinsky, egalitarian and utilitarian points of a frontier already cut to
    the individually rational part: name -> (u_A, u_B, piece index)."""
    if not pieces:
        return {}
    ideal = (max(p.end[0] for p in pieces), max(p.start[1] for p in pieces))
    span = (max(ideal[0] - d[0], EPS), max(ideal[1] - d[1], EPS))
    best: dict[str, tuple[float, tuple[float, float, int]]] = {}

    def offer(name: str, score: float, point: tuple[float, float], k: int) -> None:
        if name not in best or score > best[name][0] + EPS:
            best[name] = (score, (point[0], point[1], k))

    for k, piece in enumerate(pieces):
        for x, y in _nash_points(piece, d):
            offer("nash", (x - d[0]) * (y - d[1]), (x, y), k)
        for x, y in _candidates(piece, span, d):
            offer("kalai_smorodinsky", min((x - d[0]) / span[0], (y - d[1]) / span[1]), (x, y), k)
        for x, y in _candidates(piece, (1.0, 1.0), d):
            offer("egalitarian", min(x - d[0], y - d[1]), (x, y), k)
        for x, y in (piece.start, piece.end):
            offer("utilitarian", x + y, (x, y), k)
    return {name: choice for name, (_, choice) in best.items()}


def _nash_points(piece: Piece, d: tuple[float, float]) -> list[tuple[float, float]]:
    (x0, y0), (x1, y1) = piece.start, piece.end
    points = [(x0, y0), (x1, y1)]
    if x1 - x0 > EPS:
        m = (y1 - y0) / (x1 - x0)
        if m < 0:  # (x - dA)(y0 + m (x - x0) - dB) is largest where its derivative is 0
            x = (m * d[0] - (y0 - m * x0 - d[1])) / (2 * m)
            if x0 < x < x1:
                points.append((x, y0 + m * (x - x0)))
    return points
