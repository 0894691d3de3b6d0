"""`redline plot`: the utility-space figure as SVG (our own renderer) or PNG (matplotlib)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from redline.errors import RedlineError
from redline.output import write_file
from redline.report.figures import SOLUTION_MARKS, space_figure


def plot_space(analysis: dict[str, Any], space: dict[str, Any] | None, path: str | Path,
               pair: tuple[int, int] = (0, 1)) -> None:
    """Write the utility space of parties `pair` to `path`; the suffix (.svg/.png) picks the kind."""
    target = Path(path)
    suffix = target.suffix.lower()
    parties = analysis["parties"]
    if len(parties) < 2:
        raise RedlineError("a utility-space plot needs at least two parties in the scenario")
    if suffix == ".svg":
        write_file(target, space_figure(analysis, space, *pair) + "\n")
    elif suffix == ".png":
        _png(analysis, space, target, pair)
    else:
        raise RedlineError(f"cannot write a figure to {target.name!r}: "
                           "give an output file ending in .svg or .png")


def _png(analysis: dict[str, Any], space: dict[str, Any] | None, target: Path,
         pair: tuple[int, int]) -> None:
    try:
        import matplotlib
    except ImportError:
        raise RedlineError("PNG figures need matplotlib: pip install 'redline[plot]' "
                           "(or write .svg, which needs nothing)") from None
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    i, j = pair
    a, b = analysis["parties"][i], analysis["parties"][j]
    figure, axes = plt.subplots(figsize=(6, 4.6), dpi=120)
    if space and space.get("points"):
        pts = space["points"]
        bad = [p for p, f in zip(pts, space["feasible"], strict=True) if not f]
        good = [p for p, f in zip(pts, space["feasible"], strict=True) if f]
        if bad:
            axes.scatter([p[i] for p in bad], [p[j] for p in bad], s=5, c="#b0b0b0", alpha=0.5,
                         label="breaks a red line")
        if good:
            axes.scatter([p[i] for p in good], [p[j] for p in good], s=6, c="#1f5fa8", alpha=0.55,
                         label="satisfies every red line")
    front = sorted((p["utilities"][a], p["utilities"][b]) for p in analysis["pareto"])
    if front:
        axes.plot([x for x, _ in front], [y for _, y in front], "o-", c="#2e8b57", ms=4,
                  label="Pareto frontier (ZOPA)")
    markers = {"diamond": "D", "square": "s"}
    for name, (label, color, shape) in SOLUTION_MARKS.items():
        s = analysis["solutions"].get(name)
        if s:
            axes.scatter([s["utilities"][a]], [s["utilities"][b]], s=70, c=color,
                         marker=markers.get(shape, "o"), edgecolors="#222", label=label, zorder=5)
    axes.axvline(analysis["reservations"][a], ls="--", c="#555", lw=1)
    axes.axhline(analysis["reservations"][b], ls="--", c="#555", lw=1)
    axes.set_xlim(0, 1)
    axes.set_ylim(0, 1)
    axes.set_xlabel(f"utility of {a}")
    axes.set_ylabel(f"utility of {b}")
    axes.set_title(f"Utility space: {a} vs {b}")
    axes.legend(fontsize=7, loc="lower left")
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", metadata={"Software": None})
    plt.close(figure)
    write_file(target, buffer.getvalue())
