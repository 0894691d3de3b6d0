"""`redline forecast` and `redline backtest deu`."""

from __future__ import annotations

import inspect
import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from redline.cli.app import app, out, user_errors
from redline.cli.situation import (
    AgendaOpt,
    DateOpt,
    EventsOpt,
    InfluenceOpt,
    refusal_lines,
    resolve,
    show,
)
from redline.forecast import (
    MODELS,
    IssueSpace,
    forecast,
    from_scenario,
    load_space,
    read_ktab_xml,
)
from redline.forecast.backtest import backtest, compare
from redline.forecast.crossval import grouped_report
from redline.forecast.deu import read_deu
from redline.forecast.space import ForecastInputError
from redline.limits import MAX_OUTCOMES
from redline.report.words import forecast_answer, reconciliation_text
from redline.scenario.situation import Situation


class OutputFormat(StrEnum):
    """``--format`` of ``redline forecast``: text or json."""
    text = "text"
    json = "json"


class TableFormat(StrEnum):
    """``--format`` of ``redline backtest deu``: text, json or csv."""
    text = "text"
    json = "json"
    csv = "csv"


FormatOpt = Annotated[OutputFormat, typer.Option("--format", "-f", help="text or json.")]
MODEL_HELP = f"Model: {', '.join(MODELS)}."
SetOpt = Annotated[list[str] | None, typer.Option(
    "--set", help="A model parameter, key=value (repeatable), e.g. --set rounds=4.")]


def _model(name: str, allow_all: bool = False) -> str:
    if name in MODELS or (allow_all and name == "all"):
        return name
    choices = ", ".join([*MODELS, *(["all"] if allow_all else [])])
    raise ForecastInputError(f"--model {name!r} is not a model. Fix: use one of {choices}")


def _parameters(settings: list[str] | None, model: str) -> dict[str, Any]:
    """``--set key=value`` pairs as model parameters (numbers and true/false parsed, no eval)."""
    found: dict[str, Any] = {}
    for item in settings or []:
        key, sep, text = item.partition("=")
        if not sep or not key.strip():
            raise ForecastInputError(f"--set {item!r}: expected key=value, e.g. --set rounds=4")
        value: Any = text.strip()
        for kind in (int, float):
            try:
                value = kind(value)
                break
            except ValueError:
                continue
        if isinstance(value, str) and value.lower() in ("true", "false"):
            value = value.lower() == "true"
        found[key.strip()] = value
    if found:
        names = inspect.signature(MODELS[model]).parameters
        unknown = [k for k in found if k not in names or k == "space"]
        if unknown and not any(p.kind is p.VAR_KEYWORD for p in names.values()):
            allowed = [k for k in names if k != "space"]
            fix = f"use one of {', '.join(allowed)}" if allowed else "drop it: it takes none"
            raise ForecastInputError(f"--set {', '.join(unknown)}: model {model} has no such "
                                     f"parameter. Fix: {fix}")
    return found


def _print_json(data: Any) -> None:
    print(json.dumps(data, indent=2, ensure_ascii=False))


SCENARIO_SUFFIXES = (".yaml", ".yml", ".json")


@app.command("forecast")
@user_errors
def forecast_command(
    source: Annotated[Path, typer.Argument(
        help="A scenario (.yaml/.json), a KTAB SMP .csv or .xml, an actor-table .csv or a "
        "DEU .tsv.")],
    model: Annotated[str, typer.Option("--model", "-m", help=MODEL_HELP)] = "compromise",
    output: Annotated[TableFormat, typer.Option(
        "--format", "-f", help="text, json, or csv (one issue a row).")] = TableFormat.text,
    settings: SetOpt = None,
    agenda: AgendaOpt = None,
    events: EventsOpt = "active",
    influence: InfluenceOpt = "none",
    date: DateOpt = None,
    max_outcomes: Annotated[int, typer.Option(
        "--max-outcomes", min=1, help="Enumeration limit of the reconciliation.")] = MAX_OUTCOMES,
) -> None:
    """Forecast where each issue settles (0–100 scale) with a collective-decision model; for a
    scenario, read the forecast as a package and reconcile it with the bargaining space."""
    name = _model(model)
    parameters = _parameters(settings, name)
    if source.suffix.lower() in SCENARIO_SUFFIXES:
        current = resolve(source, agenda, events, influence, date)
        answer = forecast_answer(current, name, parameters, max_outcomes=max_outcomes)
        if output is TableFormat.json:
            _print_json({"source": str(source), **answer})
            return
        if output is TableFormat.csv:
            _print_csv(answer)
            return
        show(current)
        _render(answer, str(source), current)
        return
    if agenda is not None or date is not None or (events, influence) != ("active", "none"):
        raise ForecastInputError("--agenda, --events, --influence and --date apply to "
                                 "scenarios. Fix: drop them, or forecast a .yaml/.json scenario")
    space = load_space(source)
    if name == "smp" and source.suffix.lower() == ".xml":  # the scenario's own switches
        parameters = {**read_ktab_xml(source).smp_parameters(), **parameters}
    result = forecast(space, name, **parameters)
    if output is TableFormat.json:
        _print_json({"format": "redline-forecast/1", "source": str(source), **result.to_dict(),
                     "situation": None})
        return
    if output is TableFormat.csv:
        _print_csv(result.to_dict())
        return
    _render(result.to_dict(), str(source), None, space)


def _print_csv(data: dict[str, Any]) -> None:
    from redline.report.tables import forecast_rows, to_csv

    print(to_csv(forecast_rows(data)), end="")


def _render(data: dict[str, Any], source: str, current: Situation | None,
            space: IssueSpace | None = None) -> None:
    """The forecast table; for a scenario, its package and the reconciliation in words."""
    params = ", ".join(f"{k}={v}" for k, v in data["parameters"].items()) or "defaults"
    out.print(f"[bold]{data['method']}[/] forecast for {source} ({params}); "
              f"{len(data['actors'])} actors, {data['rounds']} round(s)"
              + ("" if data["converged"] else ", not converged"))
    if current is not None:
        for line in refusal_lines(current):
            out.print(line)
    package = data.get("package")
    numbers = data.get("numbers") or {}
    table = Table("issue", "forecast (0–100)", *(["nearest option"] if package else []), "start",
                  "lowest position", "highest position")
    first = data["trajectory"][0]
    for k, issue in enumerate(data["issues"]):
        value = data["outcome"][k]
        column = [] if space is None else \
            space.positions[:, k][space.present[:, k]].tolist()
        if space is None and current is not None:
            column = actor_positions(current, issue)
        off = current is not None and issue not in current.agenda
        label = current.scenario.issue(issue).name if current is not None else \
            space.issue_names[k] if space is not None else issue
        table.add_row(label + (" (off the table)" if off else ""),
                      "-" if value is None else f"{value:.1f}",
                      *([_option(package[issue], numbers.get(issue))] if package else []),
                      "-" if first[k] is None else f"{first[k]:.1f}",
                      f"{min(column):.1f}" if column else "-",
                      f"{max(column):.1f}" if column else "-")
    out.print(table)
    if current is not None:
        out.print(reconciliation_text(data))


def _option(label: str, number: float | None) -> str:
    """A package's option; on a numeric issue the forecast number itself and its grid point."""
    return label if number is None else f"{number:.4g} (grid {label})"


def actor_positions(current: Situation, issue: str) -> list[float]:
    """Where the actors with preferences start on an issue's 0–100 scale (their best option)."""
    space = from_scenario(current.scenario)
    k = space.issues.index(issue)
    found: list[float] = space.positions[:, k][space.present[:, k]].tolist()
    return found


backtest_app = typer.Typer(help="Backtest forecasting models on observed decisions.",
                           no_args_is_help=True)
app.add_typer(backtest_app, name="backtest")


@backtest_app.command("deu")
@user_errors
def backtest_deu(
    file: Annotated[Path, typer.Argument(help="A DEU III tab-separated file.")],
    model: Annotated[str, typer.Option("--model", "-m", help=MODEL_HELP + " Or 'all'.")] = "all",
    output: FormatOpt = OutputFormat.text,
    seed: Annotated[int, typer.Option(help="Seed of the bootstrap resampling.")] = 0,
    resamples: Annotated[int, typer.Option(help="Bootstrap resamples.", min=100)] = 2000,
    min_positions: Annotated[int, typer.Option(
        help="Drop issues with fewer actors holding a position and a salience.", min=1)] = 2,
    settings: SetOpt = None,
    folds: Annotated[int, typer.Option(
        help="Folds of the cross-validation grouped by proposal.", min=2)] = 10,
) -> None:
    """MAE of models against DEU outcomes, with bootstrap intervals, a paired comparison
    against the compromise model, and cross-validation grouped by proposal."""
    name = _model(model, allow_all=True)
    if settings and name == "all":
        raise ForecastInputError("--set needs one --model. Fix: name the model to tune")
    parameters = _parameters(settings, name) if name != "all" else {}
    space, filtering = read_deu(file, min_positions=min_positions)
    if output is OutputFormat.json and name != "all":
        single = backtest(space, name, **parameters)
        cv = grouped_report(space, [single], folds=folds, seed=seed).models[name]
        _print_json({**single.to_dict(), "grouped_cv": cv.to_dict()})
        return
    names = list(MODELS) if name == "all" else ["compromise", name]
    results = [backtest(space, m, **(parameters if m == name else {}))
               for m in dict.fromkeys(names)]
    comparison = compare(results, seed=seed, resamples=resamples)
    grouped = grouped_report(space, results, folds=folds, seed=seed)
    if output is OutputFormat.json:
        _print_json({"filtering": filtering.to_dict(),
                     "models": [r.to_dict() for r in results],
                     "comparison": comparison.to_dict(),
                     "grouped_cv": grouped.to_dict()})
        return
    out.print(f"DEU backtest of {file}: {filtering.kept} issues kept of {filtering.rows} "
              f"({len(filtering.no_outcome)} without an outcome, "
              f"{len(filtering.too_few_positions)} with fewer than {min_positions} positions; "
              f"{filtering.positions_without_salience} positions without salience ignored)")
    table = Table("model", "MAE", "95% CI", "minus compromise", "95% CI (paired)",
                  "issues better", "grouped CV")
    for r in sorted(results, key=lambda r: r.mae):
        m, d = comparison.mae[r.model], comparison.difference[r.model]
        table.add_row(r.model, f"{m.estimate:.2f}", f"{m.low:.2f} – {m.high:.2f}",
                      f"{d.estimate:+.2f}", f"{d.low:+.2f} – {d.high:+.2f}",
                      f"{100 * comparison.wins[r.model]:.0f}%",
                      f"{grouped.models[r.model].mae:.2f}")
    for title, tuned in (("select (in folds)", grouped.select),
                         ("stack (in folds)", grouped.stack)):
        if tuned is not None:
            table.add_row(title, f"{tuned.in_sample_mae:.2f}", "", "", "", "",
                          f"{tuned.mae:.2f}")
    out.print(table)
    out.print(f"[dim]Grouped CV: {grouped.select.folds} folds of whole proposals, "
              f"{grouped.select.repeats} repeats (fold seeds {seed}–{seed + 4}). A fixed model "
              "learns nothing from the data, so its grouped-CV MAE equals its MAE; 'select' and "
              "'stack' choose inside the folds, and their MAE column is in-sample.[/]")
    out.print(f"[dim]Bootstrap: {resamples} resamples of issues, seed {seed}; the same "
              "resamples for every model, so differences are paired. A model beats the "
              "compromise only where the paired interval lies below 0.[/]")

