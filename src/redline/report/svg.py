"""Charts as inline SVG text: scatter (utility space), horizontal bars (tornado), lines (trajectories).

Plain string building, no plotting library: the same data always gives the same bytes (numbers are
printed with fixed precision, nothing depends on time, locale or a random state).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape

WIDTH = 680
HEIGHT = 420
MARGIN = (30, 190, 48, 56)  # top, right, bottom, left (legend at right)

PALETTE = ("#1f5fa8", "#c0392b", "#2e8b57", "#8e44ad", "#d68910", "#17a2b8", "#6c757d")


@dataclass(frozen=True)
class Layer:
    """One set of points drawn the same way: a mark shape, a colour, and optional labels."""

    name: str
    points: Sequence[tuple[float, float]]
    color: str
    shape: str = "circle"  # circle, diamond, square, cross
    size: float = 3.0
    opacity: float = 1.0
    labels: Sequence[str] = field(default_factory=tuple)
    line: bool = False  # connect the points in order (a frontier, a trajectory)


def _n(x: float) -> str:
    """A coordinate with two decimals and no negative zero."""
    text = f"{x:.2f}"
    return "0.00" if text == "-0.00" else text


def _ticks(low: float, high: float, count: int = 5) -> list[float]:
    step = (high - low) / count
    return [low + step * k for k in range(count + 1)]


class _Frame:
    """Maps data coordinates into the plotting area of an SVG canvas."""

    def __init__(self, x_range: tuple[float, float], y_range: tuple[float, float],
                 width: int = WIDTH, height: int = HEIGHT):
        self.width, self.height = width, height
        top, right, bottom, left = MARGIN
        self.left, self.top = left, top
        self.inner_w = width - left - right
        self.inner_h = height - top - bottom
        x0, x1 = x_range
        y0, y1 = y_range
        self.x0, self.x1 = x0, (x1 if x1 > x0 else x0 + 1.0)
        self.y0, self.y1 = y0, (y1 if y1 > y0 else y0 + 1.0)

    def x(self, value: float) -> float:
        return self.left + (value - self.x0) / (self.x1 - self.x0) * self.inner_w

    def y(self, value: float) -> float:
        return self.top + self.inner_h - (value - self.y0) / (self.y1 - self.y0) * self.inner_h

    def axes(self, x_label: str, y_label: str, x_ticks: Sequence[float],
             y_ticks: Sequence[float]) -> list[str]:
        parts = [f'<rect x="{self.left}" y="{self.top}" width="{self.inner_w}" '
                 f'height="{self.inner_h}" fill="#fbfbfb" stroke="#999"/>']
        for t in x_ticks:
            px = _n(self.x(t))
            parts.append(f'<line x1="{px}" y1="{self.top}" x2="{px}" '
                         f'y2="{self.top + self.inner_h}" stroke="#e3e3e3"/>')
            parts.append(f'<text x="{px}" y="{self.top + self.inner_h + 16}" '
                         f'text-anchor="middle">{_tick(t)}</text>')
        for t in y_ticks:
            py = _n(self.y(t))
            parts.append(f'<line x1="{self.left}" y1="{py}" x2="{self.left + self.inner_w}" '
                         f'y2="{py}" stroke="#e3e3e3"/>')
            parts.append(f'<text x="{self.left - 6}" y="{py}" text-anchor="end" '
                         f'dominant-baseline="middle">{_tick(t)}</text>')
        parts.append(f'<text x="{_n(self.left + self.inner_w / 2)}" y="{self.height - 10}" '
                     f'text-anchor="middle" class="axis">{escape(x_label)}</text>')
        parts.append(f'<text x="14" y="{_n(self.top + self.inner_h / 2)}" text-anchor="middle" '
                     f'class="axis" transform="rotate(-90 14 {_n(self.top + self.inner_h / 2)})">'
                     f'{escape(y_label)}</text>')
        return parts


def _tick(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") if abs(value) < 1000 else f"{value:.0f}"


def _svg(width: int, height: int, title: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
            f'width="{width}" height="{height}" role="img" font-family="sans-serif" '
            f'font-size="11"><title>{escape(title)}</title>'
            '<style>.axis{font-size:12px;fill:#333}</style>' + "".join(body) + "</svg>")


def _mark(shape: str, x: float, y: float, size: float, color: str, opacity: float) -> str:
    paint = f'fill="{color}"' + (f' fill-opacity="{opacity:.2f}"' if opacity < 1 else "")
    if shape == "diamond":
        return (f'<path d="M{_n(x)} {_n(y - size)}L{_n(x + size)} {_n(y)}L{_n(x)} {_n(y + size)}'
                f'L{_n(x - size)} {_n(y)}Z" {paint} stroke="#222" stroke-width="0.8"/>')
    if shape == "square":
        return (f'<rect x="{_n(x - size)}" y="{_n(y - size)}" width="{_n(2 * size)}" '
                f'height="{_n(2 * size)}" {paint} stroke="#222" stroke-width="0.8"/>')
    if shape == "cross":
        return (f'<path d="M{_n(x - size)} {_n(y - size)}L{_n(x + size)} {_n(y + size)}'
                f'M{_n(x - size)} {_n(y + size)}L{_n(x + size)} {_n(y - size)}" '
                f'stroke="{color}" stroke-width="2"/>')
    return f'<circle cx="{_n(x)}" cy="{_n(y)}" r="{_n(size)}" {paint}/>'


def scatter(layers: Sequence[Layer], x_label: str, y_label: str, title: str,
            x_range: tuple[float, float] = (0.0, 1.0), y_range: tuple[float, float] = (0.0, 1.0),
            guides: Sequence[tuple[str, float, str]] = ()) -> str:
    """A scatter plot; `guides` are reference lines (axis 'x' or 'y', value, label)."""
    frame = _Frame(x_range, y_range)
    body = frame.axes(x_label, y_label, _ticks(*x_range), _ticks(*y_range))
    for axis, value, label in guides:
        if axis == "x":
            px = _n(frame.x(value))
            body.append(f'<line x1="{px}" y1="{frame.top}" x2="{px}" '
                        f'y2="{frame.top + frame.inner_h}" stroke="#555" stroke-dasharray="5 4"/>')
            body.append(f'<text x="{px}" y="{frame.top - 4}" text-anchor="middle">'
                        f'{escape(label)}</text>')
        else:
            py = _n(frame.y(value))
            body.append(f'<line x1="{frame.left}" y1="{py}" x2="{frame.left + frame.inner_w}" '
                        f'y2="{py}" stroke="#555" stroke-dasharray="5 4"/>')
            body.append(f'<text x="{frame.left + frame.inner_w - 2}" y="{_n(frame.y(value) - 4)}" '
                        f'text-anchor="end">{escape(label)}</text>')
    for layer in layers:
        group = [f'<g class="layer" data-name="{escape(layer.name)}">']
        if layer.line and len(layer.points) > 1:
            path = " ".join(f"{_n(frame.x(x))},{_n(frame.y(y))}" for x, y in layer.points)
            group.append(f'<polyline points="{path}" fill="none" stroke="{layer.color}" '
                         f'stroke-width="1.5"/>')
        for k, (x, y) in enumerate(layer.points):
            group.append(_mark(layer.shape, frame.x(x), frame.y(y), layer.size, layer.color,
                               layer.opacity))
            if k < len(layer.labels) and layer.labels[k]:
                group.append(f'<text x="{_n(frame.x(x) + layer.size + 3)}" '
                             f'y="{_n(frame.y(y) - layer.size - 2)}">{escape(layer.labels[k])}</text>')
        group.append("</g>")
        body.extend(group)
    body.extend(_legend(layers, frame))
    return _svg(frame.width, frame.height, title, body)


def _legend(layers: Sequence[Layer], frame: _Frame) -> list[str]:
    parts = []
    x = frame.left + frame.inner_w + 14
    y = frame.top + 8
    for layer in layers:
        if not layer.name:
            continue
        parts.append(_mark(layer.shape, x, y, 4, layer.color, max(layer.opacity, 0.6)))
        for k, line in enumerate(_wrap(layer.name)):
            parts.append(f'<text x="{x + 9}" y="{y}" dominant-baseline="middle">'
                         f'{"" if k == 0 else "  "}{escape(line)}</text>')
            y += 14
        y += 1
    return parts


def _wrap(name: str, width: int = 28) -> list[str]:
    """A legend entry in lines of about `width` characters, broken after ' = ' or spaces."""
    lines: list[str] = []
    current = ""
    for word in name.replace(" = ", " =\0").replace(" ", "\0").split("\0"):
        piece = word if not current else current + " " + word
        if current and len(piece) > width:
            lines.append(current)
            current = word
        else:
            current = piece
    return [*lines, current] if current else lines


def tornado(rows: Sequence[tuple[str, float, float]], base: float | None, title: str,
            x_label: str) -> str:
    """Horizontal bars between the result at each parameter's low and high value, in the order
    given; a dashed line at the result with every parameter at its mode, when known."""
    height = 40 + 26 * max(1, len(rows)) + 40
    values = ([] if base is None else [base]) + [v for _, lo, hi in rows for v in (lo, hi)]
    low, high = min(values), max(values)
    pad = (high - low) * 0.05 or 0.05
    longest = max((len(name) for name, _, _ in rows), default=10)
    left = min(360, 20 + 6 * longest)  # room for the parameter names (about 6 px a character)
    width = left + 460
    top, right = 30, 20
    inner = width - left - right

    def px(value: float) -> float:
        return left + (value - (low - pad)) / ((high + pad) - (low - pad)) * inner

    body = []
    for k, (name, lo, hi) in enumerate(rows):
        y = top + 26 * k
        a, b = sorted((px(lo), px(hi)))
        body.append(f'<text x="{left - 6}" y="{y + 10}" text-anchor="end" '
                    f'dominant-baseline="middle">{escape(name)}</text>')
        body.append(f'<rect x="{_n(a)}" y="{y}" width="{_n(max(b - a, 1.0))}" height="20" '
                    f'fill="{PALETTE[0]}" fill-opacity="0.75"/>')
        body.append(f'<text x="{_n(b + 4)}" y="{y + 10}" dominant-baseline="middle">'
                    f'{lo:.3f} – {hi:.3f}</text>')
    axis_y = top + 26 * max(1, len(rows)) + 4
    if base is not None:
        body.append(f'<line x1="{_n(px(base))}" y1="{top - 6}" x2="{_n(px(base))}" '
                    f'y2="{axis_y}" stroke="#222" stroke-dasharray="4 3"/>')
        body.append(f'<text x="{_n(px(base))}" y="{top - 10}" text-anchor="middle">base '
                    f'{base:.3f}</text>')
    body.append(f'<text x="{_n(left + inner / 2)}" y="{axis_y + 24}" text-anchor="middle" '
                f'class="axis">{escape(x_label)}</text>')
    return _svg(width, height, title, body)


def lines(series: Sequence[tuple[str, Sequence[tuple[float, float]]]], title: str,
          x_label: str, y_label: str, y_range: tuple[float, float]) -> str:
    """Line chart of named series (e.g. an issue's forecast position by round)."""
    xs = [x for _, points in series for x, _ in points] or [0.0, 1.0]
    layers = [Layer(name, points, PALETTE[k % len(PALETTE)], size=2.5, line=True)
              for k, (name, points) in enumerate(series)]
    return scatter(layers, x_label, y_label, title, (min(xs), max(xs)), y_range)
