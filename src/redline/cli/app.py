"""The `redline` Typer application and the error boundary shared by every command."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import ParamSpec, TypeVar

import typer
from rich.console import Console
from rich.markup import escape

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


def user_errors(func: Callable[P, R]) -> Callable[P, R]:
    """Turn a user's mistake (RedlineError) into one clear message and exit status 2."""

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return func(*args, **kwargs)
        except RedlineError as exc:
            err.print(f"[bold red]error:[/] {escape(str(exc))}", markup=True, highlight=False)
            raise typer.Exit(code=2) from None

    return wrapper


def main() -> None:
    """Console-script entry point."""
    from redline.cli import commands  # noqa: F401  (registers the commands)

    app(prog_name="redline")
    sys.exit(0)
