"""`redline extract`, `code-events`, `ingest`, `timeline`, `suggest`: news and the store."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from redline.cli.analysis import OutputFormat, TableFormat, TableFormatOpt, print_data, print_json
from redline.cli.app import app, out, user_errors
from redline.errors import RedlineError

FilesArg = Annotated[list[Path], typer.Argument(help="Article files or folders (text, HTML, "
                                                     "RSS/Atom).")]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="text or json.")]
ScenarioOpt = Annotated[Path | None, typer.Option(
    "--scenario", "-s", help="Scenario whose issue ids to match statements to.")]
DateOpt = Annotated[str | None, typer.Option(
    "--date", "-d", help="Article date (YYYY-MM-DD), for relative dates like 'last week'.")]
DbOpt = Annotated[str | None, typer.Option(
    "--db", help="SQLAlchemy database URL (default: $REDLINE_DB, else SQLite in the user data "
                 "folder).")]


class InputError(RedlineError):
    """A bad input line or file for a news command."""


def _scenario(path: Path | None) -> Any:
    if path is None:
        return None
    from redline.scenario import load

    return load(path)


def _extract(files: list[Path], scenario: Path | None, day: str | None) -> Any:
    from redline.news import extract
    from redline.news.dates import parse_date

    return extract(files, _scenario(scenario), parse_date(day) if day else None)


def _statement_table(rows: list[Any], title: str) -> Table:
    table = Table(title=title, show_lines=False)
    for column in ("date", "actor", "stance", "issue", "speaker", "detail", "rule / sources"):
        table.add_column(column)
    for s in rows:
        detail = s.condition and f"if {s.condition}" or s.addressee and f"to {s.addressee}" or ""
        if getattr(s, "mediator", None):
            detail += f" via {s.mediator}"
        cited = getattr(s, "citations", None)
        origin = f"{len(cited)} source(s)" if cited is not None else s.rule
        table.add_row(s.date or "", s.actor or "?", s.stance, s.issue or "", s.speaker or "",
                      detail, origin)
    return table


@app.command("extract")
@user_errors
def extract_command(files: FilesArg, scenario: ScenarioOpt = None, date: DateOpt = None,
                    output: FormatOpt = OutputFormat.text) -> None:
    """Statements of position (with provenance) from news articles."""
    result = _extract(files, scenario, date)
    if output is OutputFormat.json:
        print_json(result.to_dict())
        return
    for item in result.articles:
        if item.article.note:
            out.print(f"[dim]{item.article.source}: {item.article.note}[/]")
    out.print(_statement_table(list(result.statements), f"{len(result.statements)} statements"))


@app.command("code-events")
@user_errors
def code_events_command(
    file: Annotated[Path, typer.Argument(help="JSON lines: {\"id\", \"text\", \"date\"?}.")],
    output: Annotated[str, typer.Option("--format", "-f", help="jsonl or text.")] = "jsonl",
) -> None:
    """PLOVER event category, source and target actors for each line of a JSONL file."""
    from redline.news.events import code_events

    if not file.is_file():
        raise InputError(f"{file}: no such file. Fix: check the path")
    records = []
    for number, line in enumerate(file.read_text(encoding="utf-8", errors="replace")
                                  .splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{file} (line {number}): not JSON ({exc.msg}). Fix: one JSON "
                             "object per line, e.g. {\"id\": \"1\", \"text\": \"...\"}") from None
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(f"{file} (line {number}): needs a \"text\" string. Fix: write "
                             "{\"id\": ..., \"text\": \"...\"}")
        record.setdefault("id", str(number))
        records.append(record)
    coded = code_events(records)
    if output == "text":
        table = Table(title=f"{len(coded)} events")
        for column in ("id", "event", "source", "target", "rule"):
            table.add_column(column)
        for event in coded:
            table.add_row(event.id, event.event or "-", ",".join(event.source),
                          ",".join(event.target), event.rule)
        out.print(table)
        return
    for event in coded:
        data = event.to_dict()
        print(json.dumps({k: data[k] for k in ("id", "event", "source", "target", "rule")},
                         ensure_ascii=False))


@app.command("ingest")
@user_errors
def ingest_command(files: FilesArg, scenario: ScenarioOpt = None, date: DateOpt = None,
                   db: DbOpt = None, output: FormatOpt = OutputFormat.text) -> None:
    """Extract statements from articles and store them (idempotent; all or nothing)."""
    from redline.store import ingest, open_store

    result = _extract(files, scenario, date)
    with open_store(db) as store:
        report = ingest(store, result.articles)
    if output is OutputFormat.json:
        print_json({**report.to_dict(), "db": store.url})
        return
    out.print(f"{report.articles_added} article(s) added, {report.articles_known} already "
              f"stored; {report.statements_added} new statement(s), "
              f"{report.statements_merged} merged with stored ones ({store.url})")


@app.command("timeline")
@user_errors
def timeline_command(
    actor: Annotated[str, typer.Option("--actor", "-a", help="Actor code, e.g. IRN.")],
    issue: Annotated[str | None, typer.Option("--issue", "-i", help="Issue id.")] = None,
    db: DbOpt = None, output: TableFormatOpt = TableFormat.text,
) -> None:
    """How an actor's position (on an issue) moved over time, from stored statements."""
    from redline.store import open_store, timeline

    with open_store(db) as store:
        result = timeline(store, actor, issue)
    if print_data(output, "timeline", result.to_dict()):
        return
    out.print(_statement_table(list(result.statements),
                               f"{result.actor} on {issue or 'all issues'}"))
    for move in result.moves:
        out.print(f"{move.date or '?'}: {move.before} -> {move.after} ({move.direction})")


@app.command("suggest", help="Proposed scenario edits from stored statements, each citing its "
                              "sentence (the scenario file is never changed).")
@user_errors
def suggest_command(
    scenario: Annotated[Path, typer.Argument(help="Scenario file to propose edits for.")],
    since: Annotated[str | None, typer.Option("--since", help="Only statements dated "
                                              "YYYY-MM-DD or later.")] = None,
    db: DbOpt = None, output: FormatOpt = OutputFormat.text,
) -> None:
    """Proposed scenario edits from stored statements, each citing its sentence."""
    from redline.news.dates import parse_date
    from redline.store import open_store, suggest

    loaded = _scenario(scenario)
    if since:
        since = parse_date(since, "--since").isoformat()
    with open_store(db) as store:
        result = suggest(store, loaded, since)
    if output is OutputFormat.json:
        print_json(result.to_dict())
        return
    if not result.items:
        out.print("no suggestions: the stored statements agree with the scenario")
    for item in result.items:
        out.print(f"[bold]{item.kind}[/] {item.actor} {item.issue or ''}: {item.reason}")
        for cite in item.citations:
            out.print(f"  [dim]“{cite.sentence}” ({cite.source})[/]")
        out.print("  " + item.fragment.replace("\n", "\n  "))
