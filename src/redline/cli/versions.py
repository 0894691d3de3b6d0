"""`redline diff` and `redline versions`: two versions of a scenario, and the versions the store
keeps. A version is a file, or ``store:ID`` / ``store:ID@N`` for a stored one (`--db`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.markup import escape
from rich.table import Table

from redline.cli.analysis import FormatOpt, OutputFormat, print_json
from redline.cli.app import app, out, user_errors
from redline.cli.situation import AgendaOpt, DateOpt, EventsOpt, InfluenceOpt, split_ids
from redline.errors import RedlineError
from redline.scenario import Scenario, load, parse
from redline.scenario.document import read_text

STORED = "store:"
DbOpt = Annotated[str | None, typer.Option(
    "--db", help="SQLAlchemy database URL of the store (for store:ID versions; default: "
                 "$REDLINE_DB, else SQLite in the user data folder).")]
VersionArg = Annotated[str, typer.Argument(
    help="A scenario file, or store:ID[@N] for a version kept in the store.")]


def load_version(reference: str, db: str | None) -> Scenario:
    """A scenario from a file or from the store (``store:ID`` is the latest version)."""
    if not reference.startswith(STORED):
        return load(Path(reference))
    from redline.store import get_version, open_store

    name, _, number = reference[len(STORED):].partition("@")
    if number and not number.isdigit():
        raise RedlineError(f"{reference}: the version after '@' must be a number, e.g. "
                           f"{STORED}{name}@2")
    with open_store(db) as store:
        version = get_version(store, name, int(number) if number else None)
    return parse(read_text(version.yaml, reference), reference)


def _cell(value: Any) -> str:
    """A value for a table cell (escaped: paths such as red_lines[x] are not rich markup)."""
    if value is None:
        return "-"
    if isinstance(value, str | int | float | bool):
        return escape(str(value))
    return escape(json.dumps(value, ensure_ascii=False))


@app.command("diff")
@user_errors
def diff_command(
    old: VersionArg,
    new: VersionArg,
    agenda: AgendaOpt = None,
    events: EventsOpt = "active",
    influence: InfluenceOpt = "none",
    date: DateOpt = None,
    db: DbOpt = None,
    output: FormatOpt = OutputFormat.text,
) -> None:
    """What changed between two versions of a scenario: inputs by path, and the answers
    (verdict, ZOPA, Nash package, binding red lines, forecasts)."""
    from redline.briefing import diff

    result = diff(load_version(old, db), load_version(new, db), split_ids(agenda),
                  events=events, influence=influence, date=date)
    data = result.to_dict()
    data["paths"] = {"old": old, "new": new}
    if output is OutputFormat.json:
        print_json(data)
        return
    render_diff(data)


def render_diff(data: dict[str, Any]) -> None:
    """Print a scenario diff for people: the inputs that changed, then the answers that changed."""
    out.print(f"[bold]{data['paths']['old']}[/] -> [bold]{data['paths']['new']}[/]")
    if data["inputs"]:
        table = Table("input", "old", "new", title=f"{len(data['inputs'])} input(s) changed")
        for change in data["inputs"]:
            table.add_row(change["path"], _cell(change["old"]), _cell(change["new"]))
        out.print(table)
    else:
        out.print("The inputs are the same.")
    changed = data["results"]["changed"]
    if not changed:
        out.print("The answers are the same: verdict, ZOPA, Nash package, binding red lines "
                  "and forecasts.")
        return
    table = Table("answer", "old", "new", title="What that changed")
    for change in changed:
        table.add_row(change["path"], _cell(change["old"]), _cell(change["new"]))
    out.print(table)


@app.command("versions")
@user_errors
def versions_command(
    scenario_id: Annotated[str, typer.Argument(help="The stored scenario's id.")],
    save: Annotated[Path | None, typer.Option(
        "--save", help="Store this scenario file as the next version first.")] = None,
    db: DbOpt = None,
    output: FormatOpt = OutputFormat.text,
) -> None:
    """The versions the store keeps of a scenario (with --save, store a new one first)."""
    from redline.store import open_store, save_version, scenario_history

    with open_store(db) as store:
        if save is not None:
            loaded = load(save)
            date = loaded.document.date.isoformat() if loaded.document.date else None
            save_version(store, scenario_id, loaded.title, save.read_text(encoding="utf-8"),
                         date)
        history = scenario_history(store, scenario_id)
    if output is OutputFormat.json:
        print_json({"format": "redline-versions/1", "scenario_id": scenario_id,
                    "versions": [v.to_dict() for v in history]})
        return
    if not history:
        out.print(f"No stored versions of {scenario_id!r}. Save one with --save FILE.")
        return
    table = Table("version", "saved (UTC)", "document date", "title",
                  title=f"Versions of {scenario_id}")
    for v in history:
        table.add_row(str(v.version), v.saved.strftime("%Y-%m-%d %H:%M"), v.date or "-",
                      v.title)
    out.print(table)
    out.print(f"Compare two: redline diff {STORED}{scenario_id}@1 "
              f"{STORED}{scenario_id}@{history[-1].version}")
