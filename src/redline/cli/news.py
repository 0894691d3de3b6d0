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

FilesArg = Annotated[list[str], typer.Argument(help="Article files, folders or http(s) URLs "
                                                    "(text, HTML, RSS/Atom).")]
SourcesArg = Annotated[list[str] | None, typer.Argument(
    help="Article files, folders or http(s) URLs (text, HTML, RSS/Atom).")]
TimeoutOpt = Annotated[float, typer.Option("--timeout", help="Seconds to wait for a web server.",
                                           min=0.1)]
FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="text or json.")]
ScenarioOpt = Annotated[Path | None, typer.Option(
    "--scenario", "-s", help="Scenario whose actors, issues and options to resolve statements "
                             "to (by their names and aliases).")]
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


def _articles(sources: list[str], timeout: float) -> list[Any]:
    """The articles of files, folders and http(s) URLs, all read before anything is stored."""
    from redline.news.fetching import is_url, read_url
    from redline.news.reading import expand, read_file

    found: list[Any] = []
    for source in sources:
        if is_url(source):
            found.extend(read_url(source, timeout))
        else:
            found.extend(a for path in expand([source]) for a in read_file(path))
    return found


def _extract(files: list[str], scenario: Path | None, day: str | None,
             timeout: float = 20.0) -> Any:
    from redline.news import extract_articles
    from redline.news.dates import parse_date

    published = parse_date(day) if day else None  # the options first: they are quick to check
    loaded = _scenario(scenario)
    return extract_articles(_articles(files, timeout), loaded, published)


def _ids(s: Any) -> tuple[str, str, str | None, str | None, str | None]:
    """Actor, issue, option, addressee and condition's issue to show: scenario ids where the
    statement was resolved (an unresolved one as "? (the text's words)"), else the raw fields."""
    resolved = getattr(s, "resolved", None)
    if resolved is None and getattr(s, "scenario", None):  # a stored statement
        resolved = s
        actor, issue = s.resolved_actor, s.resolved_issue
        option, addressee, price = s.resolved_option, s.resolved_addressee, s.condition_issue
    elif resolved is not None:
        actor, issue, option = resolved.actor, resolved.issue, resolved.option
        addressee, price = resolved.addressee, resolved.condition_issue
    else:
        return s.actor or "?", s.issue or "", None, s.addressee, None
    return (actor or f"? ({s.actor or 'unknown'})", issue or (f"? ({s.issue})" if s.issue else ""),
            option, addressee or s.addressee, price)


def _statement_table(rows: list[Any], title: str) -> Table:
    table = Table(title=title, show_lines=False)
    for column in ("date", "actor", "stance", "issue", "speaker", "detail", "rule / sources"):
        table.add_column(column)
    for s in rows:
        actor, issue, option, addressee, price = _ids(s)
        if option:
            issue += f" = {option}"
        condition = f"if {s.condition}" + (f" [{price}]" if price else "") if s.condition \
            else ""
        detail = condition or addressee and f"to {addressee}" or ""
        if getattr(s, "mediator", None):
            detail += f" via {s.mediator}"
        cited = getattr(s, "citations", None)
        origin = f"{len(cited)} source(s)" if cited is not None else s.rule
        table.add_row(s.date or "", actor, s.stance, issue, s.speaker or "", detail, origin)
    return table


@app.command("extract")
@user_errors
def extract_command(files: FilesArg, scenario: ScenarioOpt = None, date: DateOpt = None,
                    output: FormatOpt = OutputFormat.text, timeout: TimeoutOpt = 20.0) -> None:
    """Statements of position (with provenance) from news articles (files or URLs)."""
    result = _extract(files, scenario, date, timeout)
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
def ingest_command(
    files: SourcesArg = None, scenario: ScenarioOpt = None, date: DateOpt = None,
    db: DbOpt = None, output: FormatOpt = OutputFormat.text,
    feed: Annotated[list[str] | None, typer.Option(
        "--feed", help="An RSS/Atom feed URL: store its new items only (repeatable).")] = None,
    follow_links: Annotated[bool, typer.Option(
        "--follow/--no-follow", help="Read each new feed item's linked page (default), or "
                                     "only the feed's own text.")] = True,
    timeout: TimeoutOpt = 20.0,
) -> None:
    """Extract statements from articles (files, URLs, new feed items) and store them
    (idempotent; all or nothing for files and URLs, feed by feed for feeds)."""
    from redline.news.dates import parse_date
    from redline.store import ingest, open_store
    from redline.store.feeds import poll_feed

    if not files and not feed:
        raise InputError("nothing to ingest. Fix: name article files, folders or URLs, or "
                         "give --feed URL")
    result = _extract(files, scenario, date, timeout) if files else None
    loaded = _scenario(scenario) if feed else None
    with open_store(db) as store:
        reports = [ingest(store, result.articles)] if result is not None else []
        polls = [poll_feed(store, url, loaded, parse_date(date) if date else None,
                           follow_links, timeout) for url in feed or ()]
    if output is OutputFormat.json:
        print_json({**(reports[0].to_dict() if reports else {}), "db": store.url,
                    "feeds": [p.to_dict() for p in polls]})
        return
    for report in reports:
        out.print(f"{report.articles_added} article(s) added, {report.articles_known} already "
                  f"stored; {report.statements_added} new statement(s), "
                  f"{report.statements_merged} merged with stored ones ({store.url})")
    for p in polls:
        out.print(_poll_line(p))


def _poll_line(p: Any) -> str:
    if p.error:
        return f"{p.feed}: {p.error}"
    line = f"{p.feed}: {p.new} new item(s) of {p.entries}"
    if p.ingest is not None:
        line += (f"; {p.ingest.statements_added} new statement(s), "
                 f"{p.ingest.statements_merged} merged")
    return line


@app.command("timeline")
@user_errors
def timeline_command(
    actor: Annotated[str, typer.Option("--actor", "-a", help="Actor code, e.g. IRN.")],
    issue: Annotated[str | None, typer.Option("--issue", "-i", help="Issue id.")] = None,
    db: DbOpt = None, output: TableFormatOpt = TableFormat.text, scenario: ScenarioOpt = None,
) -> None:
    """How an actor's position (on an issue) moved over time, from stored statements (read in
    the scenario's ids with --scenario)."""
    from redline.store import open_store, timeline

    loaded = _scenario(scenario)
    with open_store(db) as store:
        result = timeline(store, actor, issue, loaded)
    if print_data(output, "timeline", result.to_dict()):
        return
    out.print(_statement_table(list(result.statements),
                               f"{result.actor} on {issue or 'all issues'}"))
    for move in result.moves:
        out.print(f"{move.issue}: {move.since or '?'} {move.before} -> {move.date or '?'} "
                  f"{move.after} ({move.direction})")


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
