"""The `redline` Typer application and the error boundary shared by every command."""

from __future__ import annotations

import functools
import math
import sys
from collections.abc import Callable
from typing import Annotated, Any, ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

from redline import limits
from redline.errors import RedlineError

app = typer.Typer(
    name="redline",
    help="Analyse multi-party negotiations with red lines.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

out = Console(highlight=False, width=None if sys.stdout.isatty() else 120)
err = Console(stderr=True, highlight=False, soft_wrap=True)

P = ParamSpec("P")
R = TypeVar("R")


class OptionRangeError(RedlineError):
    """A command-line number outside the range its option allows."""


SEED_MAX = 2**63 - 1
OPTION_RANGES: dict[str, tuple[float, float]] = {
    # option parameter -> [low, high]; every command's options of these names are held to it.
    "seed": (0, SEED_MAX),
    "runs": (1, 10_000_000),
    "rounds": (1, 1_000_000),
    "breakdown": (0.0, 1.0),
    "workers": (1, 1024),
    "reach": (1, 1_000),
    "top": (1, 1_000_000),
    "max_size": (1, 64),
    "max_agendas": (1, 2**62),
    "max_outcomes": (1, 2**62),
    "resamples": (100, 10_000_000),
    "min_positions": (1, 1_000_000),
    "sobol": (0, 2**20),
    "sobol_samples": (0, 2**20),
    "port": (1, 65_535),
    "folds": (2, 10_000),
    "timeout": (0.1, 3_600.0),
    "max_polls": (1, 10_000_000),
    "montecarlo": (0, 10_000_000),
    "max_coalitions": (1, 1_000_000),
    "max_partial_agendas": (1, 2**62),
    "quota": (0, 2**62),
    "share": (0.0, 1.0),
    "samples": (1, 100_000_000),
    "start": (0.0, 1e6),  # a sweep's ends: reservations, credibilities, weights (at most 1e6)
    "stop": (0.0, 1e6),
    "steps": (2, 1001),
    "max_work": (1, 2**62),
    "max_mediation": (1, 2**62),
    "max_turns": (1, 2**62),
}
"""The allowed range of every numeric option, by parameter name, in one place."""


def check_options(values: dict[str, Any]) -> None:
    """Refuse a numeric option outside its range (OPTION_RANGES) and any NaN or infinity."""
    for name, value in values.items():
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        flag = "--" + name.replace("_", "-")
        if isinstance(value, float) and not math.isfinite(value):
            raise OptionRangeError(f"{flag} {value}: not a number. Fix: give a finite number")
        low, high = OPTION_RANGES.get(name, (-math.inf, math.inf))
        if not low <= value <= high:
            raise OptionRangeError(f"{flag} {value}: outside [{_number(low)}, {_number(high)}]. "
                                   f"Fix: give a number in that range")


def _number(x: float) -> str:
    return f"{x:,}" if isinstance(x, int) else f"{x:g}"


def user_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a user's mistake (RedlineError) into one clear message and exit status 2; numeric
    options are checked against OPTION_RANGES first."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            check_options(kwargs)
            return func(*args, **kwargs)
        except RedlineError as exc:
            err.print(f"[bold red]error:[/] {escape(str(exc))}", markup=True, highlight=False)
            raise typer.Exit(code=2) from None

    return wrapper


def parse_limits(pairs: list[str]) -> limits.Limits:
    """`NAME=N` pairs (e.g. parties=80) over the default budgets."""
    known = limits.DEFAULT_LIMITS.to_dict()
    changes: dict[str, int] = {}
    for pair in pairs:
        name, _, number = pair.partition("=")
        key = name.strip().replace("-", "_")
        if key not in known or not number.strip().isdigit() or int(number) < 1:
            names = ", ".join(k.replace("_", "-") for k in known)
            raise typer.BadParameter(f"{pair!r}: give NAME=N with N >= 1 and NAME one of {names}",
                                     param_hint="--limit")
        changes[key] = int(number)
    return limits.Limits(**{**known, **changes})


@app.callback()
def budgets(
    limit: Annotated[list[str] | None, typer.Option(
        "--limit", metavar="NAME=N",
        help="Raise a budget of the scenario reader for this command, e.g. parties=80 "
             "(document-bytes, nesting, nodes, list-items, actors, parties, issues, options, "
             "red-lines).")] = None,
) -> None:
    """Analyse multi-party negotiations with red lines."""
    limits.use(parse_limits(limit or []))


def main() -> None:
    """Console-script entry point. Text that the terminal cannot encode is escaped, not fatal."""
    from redline.cli import commands  # noqa: F401  (registers the commands)

    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
    app(prog_name="redline")
    sys.exit(0)
