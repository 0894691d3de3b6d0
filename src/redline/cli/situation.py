"""The options every command shares to say which situation it answers about.

`--agenda`, `--events`, `--influence` and `--date` mean the same thing, with the same defaults,
in every command; :func:`resolve` turns them into one
:class:`~redline.scenario.situation.Situation` and :func:`show` prints what it assumed.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from redline.cli.app import out
from redline.scenario import load
from redline.scenario.situation import DEFAULT_EVENTS, DEFAULT_INFLUENCE, Situation, situation

AgendaOpt = Annotated[
    str | None,
    typer.Option("--agenda", "-a", help="Comma-separated issue ids on the table (default: all)."),
]
EventsOpt = Annotated[str, typer.Option(
    "--events", help="Events applied: active (default: those marked active: true), all, none, "
    "or ids a,b.")]
InfluenceOpt = Annotated[str, typer.Option(
    "--influence", help="Influence edges applied: none (default), all, or FROM:TO:ISSUE names.")]
DateOpt = Annotated[str | None, typer.Option(
    "--date", help="The situation as of this date (YYYY-MM-DD): later events are not applied.")]


def split_ids(text: str | None) -> list[str] | None:
    """Comma-separated ids as a list (blanks dropped); None when the option was not given."""
    if text is None:
        return None
    return [part.strip() for part in text.split(",") if part.strip()]


def resolve(path: Path | str, agenda: str | None = None, events: str = DEFAULT_EVENTS,
            influence: str = DEFAULT_INFLUENCE, date: str | None = None) -> Situation:
    """Load a scenario and resolve the command's situation options."""
    return situation(load(path), split_ids(agenda), events=events, influence=influence,
                     date=date)


def show(current: Situation) -> None:
    """Print the scenario's notices and the one line saying what the answer assumes."""
    for notice in (*current.loaded.notices, *current.notices):
        out.print(f"[dim]note: {notice}[/]")
    out.print(f"[dim]Situation: {current.describe()}[/]")
    if current.changes:
        moved = []
        for actor, change in current.changes.items():
            if "reservation" in change:
                a, b = change["reservation"]
                moved.append(f"{actor} no-deal value {a:.2f} -> {b:.2f}")
        if moved:
            out.print(f"[dim]Pressure: {'; '.join(moved)}[/]")


def refusal_lines(current: Situation) -> list[str]:
    """'No talks' lines: who refuses which issues on the table, by which red line, and the fix."""
    lines = []
    for actor, red_id in current.refused_by:
        red = next(r for r in current.scenario.red_lines if r.id == red_id)
        issues = ", ".join(i for i in (red.refuses_agenda or []) if i in current.agenda)
        lines.append(f"[bold red]No talks:[/] {actor} refuses to negotiate with {issues} on the "
                     f"table (red line {red_id}). Try --agenda without {issues}.")
    return lines
