"""`redline report`, `redline plot`, `redline serve`, `redline convert`."""

from __future__ import annotations

import importlib.util
import ipaddress
import json
import os
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from redline.cli.analysis import ScenarioArg
from redline.cli.app import app, out, user_errors
from redline.cli.situation import AgendaOpt, DateOpt, EventsOpt, InfluenceOpt, resolve, split_ids
from redline.errors import RedlineError
from redline.limits import MAX_OUTCOMES
from redline.output import write_file
from redline.scenario import load


class ReportFormat(StrEnum):
    """``--format`` of ``redline report``: html, pdf or xlsx."""
    html = "html"
    pdf = "pdf"
    xlsx = "xlsx"


class PlotKind(StrEnum):
    """``--kind`` of ``redline plot``: which figure."""
    space = "space"


def _read_result(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise RedlineError(f"{path}: no such file; give the JSON output of a redline command"
                           ) from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise RedlineError(f"{path}: not JSON ({exc}); save a command's --format json output"
                           ) from None
    if not isinstance(data, dict):
        raise RedlineError(f"{path}: expected a JSON object with a 'format' field")
    return data


@app.command("report")
@user_errors
def report_command(
    scenario: ScenarioArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="File to write.")],
    agenda: AgendaOpt = None,
    fmt: Annotated[ReportFormat, typer.Option(
        "--format", "-f", help="html, pdf, or xlsx (the report's tables, one sheet each).")]
    = ReportFormat.html,
    include: Annotated[list[Path] | None, typer.Option(
        "--include", "-i",
        help="JSON output of another redline command (e.g. montecarlo) to add as a section.")]
    = None,
    max_outcomes: Annotated[int, typer.Option("--max-outcomes", min=1)] = MAX_OUTCOMES,
    events: EventsOpt = "active",
    influence: InfluenceOpt = "none",
    date: DateOpt = None,
    runs: Annotated[int, typer.Option(
        "--runs", "-n", min=1, help="Monte Carlo draws and simulated sessions.")] = 1000,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the stochastic sections.")] = 0,
    sobol: Annotated[int, typer.Option(
        "--sobol", min=0, help="Sobol base sample (power of 2; 0: tornado only).")] = 256,
    db: Annotated[str | None, typer.Option(
        "--db", help="Add the statements stored in this database (a URL, or 'default' for "
                     "$REDLINE_DB / your data directory) about the scenario's actors.")] = None,
) -> None:
    """Write a self-contained report (HTML, or PDF with the 'pdf' extra)."""
    from redline.report import Options, build_report, write_pdf

    loaded = load(scenario)
    agenda_ids = split_ids(agenda)
    options = Options(agenda=tuple(agenda_ids) if agenda_ids else None,
                      max_outcomes=max_outcomes, runs=runs, seed=seed, sobol=sobol,
                      events=events if events in ("active", "all", "none")
                      else tuple(split_ids(events) or ()),
                      influence=influence if influence in ("all", "none")
                      else tuple(split_ids(influence) or ()), date=date)
    given = [_read_result(p) for p in include or []]
    if db is not None:
        from redline.report.stored import stored_statements

        given.append(stored_statements(loaded, "" if db == "default" else db))
    if fmt is ReportFormat.xlsx:
        from redline.report import gather, write_workbook

        write_workbook(gather(loaded, options, given), output)
        out.print(f"workbook written to {output}")
        return
    html = build_report(loaded, options, given)
    if fmt is ReportFormat.pdf:
        write_pdf(html, output)
    else:
        write_file(output, html)
    out.print(f"report written to {output}")


@app.command("plot")
@user_errors
def plot_command(
    scenario: ScenarioArg,
    output: Annotated[Path, typer.Option("--output", "-o", help="Figure file: .svg or .png.")],
    kind: Annotated[PlotKind, typer.Option("--kind", help="Which figure.")] = PlotKind.space,
    agenda: AgendaOpt = None,
    events: EventsOpt = "active",
    influence: InfluenceOpt = "none",
    date: DateOpt = None,
    parties: Annotated[str | None, typer.Option(
        "--parties", help="Two party ids for the axes (default: the first two).")] = None,
) -> None:
    """Draw a figure: the utility space (outcomes, feasible ones, frontier, solutions)."""
    from redline.report import plot_space, space_points
    from redline.space import analyze

    current = resolve(scenario, agenda, events, influence, date)
    analysis = analyze(current).to_dict()
    pair = (0, 1)
    if parties:
        chosen = split_ids(parties) or []
        names = analysis["parties"]
        if len(chosen) != 2 or any(p not in names for p in chosen):
            raise RedlineError(f"--parties takes two of the parties {', '.join(names)}, "
                               "e.g. --parties " + ",".join(names[:2]))
        pair = (names.index(chosen[0]), names.index(chosen[1]))
    plot_space(analysis, space_points(current.scenario, current.agenda), output, pair)
    out.print(f"{kind.value} figure written to {output}")


@app.command("serve")
@user_errors
def serve_command(
    host: Annotated[str, typer.Option(help="Interface to bind (default: this machine only).")]
    = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8000,
    db: Annotated[str | None, typer.Option(
        "--db", help="Database URL for stored scenarios (default: $REDLINE_DB, else the SQLite "
                     "file in your data directory).")] = None,
    allow_host: Annotated[list[str] | None, typer.Option(
        "--allow-host", help="Another Host name to answer (repeatable), e.g. the machine's "
        "LAN name when serving on 0.0.0.0; localhost and --host are always answered.")] = None,
) -> None:
    """Serve the dashboard and JSON API (needs the 'web' extra)."""
    missing = [m for m in ("fastapi", "uvicorn") if importlib.util.find_spec(m) is None]
    if missing:
        raise RedlineError(f"`redline serve` needs the 'web' extra ({', '.join(missing)} "
                           "missing): pip install 'redline[web]'")
    import uvicorn

    if not loopback(host):
        out.print(f"warning: serving on {host}: anyone who can reach this address can use the "
                  "dashboard (it has no login); use --host 127.0.0.1 to keep it local")
    if db:
        os.environ["REDLINE_DB"] = db  # read by the store when the app starts
    # the Host allow-list of the app (DNS-rebinding guard): --host and every --allow-host
    os.environ["REDLINE_SERVE_HOST"] = ",".join([host, *(allow_host or [])])
    out.print(f"redline dashboard on http://{host}:{port}/  (Ctrl-C to stop)")
    # uvicorn builds the app from its factory by name: the CLI stays beside the web layer.
    uvicorn.run(WEB_APP, factory=True, host=host, port=port, log_level="warning")


WEB_APP = "redline.web.app:create_served_app"


def loopback(host: str) -> bool:
    """Whether ``host`` is ``localhost`` or a loopback address (serving there is local only)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command("convert")
@user_errors
def convert_command(
    paths: Annotated[list[Path], typer.Argument(
        help="IN... OUT: a scenario (.yaml/.json), a KTAB SMP .csv, a DEU III .tsv, or a GENIUS "
             "domain .xml followed by its profile .xml files; then the output: a scenario "
             "(.yaml/.json) or a GENIUS domain .xml (one profile per party is written beside it).")],
    genius_weights: Annotated[str, typer.Option(
        "--genius-weights", help="GENIUS input: 'normalised' (rescaled to sum 1, the default) "
                                 "or 'as-read' (as GENIUS uses them).")] = "normalised",
) -> None:
    """Convert between redline scenarios, GENIUS XML (domain + profiles), KTAB CSV and DEU TSV."""
    from redline.interop.convert import convert

    if len(paths) < 2:
        raise RedlineError("give an input and an output, e.g. "
                           "redline convert examples/us-iran-2026.yaml us-iran.xml")
    if genius_weights not in ("normalised", "as-read"):
        raise RedlineError(f"--genius-weights {genius_weights!r}: give 'normalised' or 'as-read'")
    written, notices = convert(paths[:-1], paths[-1],
                               normalise_weights=genius_weights == "normalised")
    for notice in notices:
        out.print(f"note: {notice}")
    for path in written:
        out.print(f"wrote {path}")
