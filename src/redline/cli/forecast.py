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
from redline.forecast import MODELS, forecast, load_space
from redline.forecast.backtest import backtest, compare
from redline.forecast.deu import read_deu
from redline.forecast.space import ForecastInputError
from redline.scenario import load


class OutputFormat(StrEnum):
    text = "text"
    json = "json"


class TableFormat(StrEnum):
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


@app.command("forecast")
@user_errors
def forecast_command(
    source: Annotated[Path, typer.Argument(
        help="A scenario (.yaml/.json), a KTAB SMP .csv, an actor-table .csv or a DEU .tsv.")],
    model: Annotated[str, typer.Option("--model", "-m", help=MODEL_HELP)] = "compromise",
    output: Annotated[TableFormat, typer.Option(
        "--format", "-f", help="text, json, or csv (one issue a row).")] = TableFormat.text,
    settings: SetOpt = None,
) -> None:
    """Forecast where each issue settles (0–100 scale) with a collective-decision model."""
    name = _model(model)
    parameters = _parameters(settings, name)
    space = load_space(source)
    try:
        result = forecast(space, name, **parameters)
    except ValueError as exc:
        raise ForecastInputError(f"--set: {exc}") from None
    if output is TableFormat.json:
        _print_json({"source": str(source), **result.to_dict()})
        return
    if output is TableFormat.csv:
        from redline.report.tables import forecast_rows, to_csv

        print(to_csv(forecast_rows(result.to_dict())), end="")
        return
    params = ", ".join(f"{k}={v}" for k, v in result.parameters.items()) or "defaults"
    out.print(f"[bold]{result.method}[/] forecast for {source} ({params}); "
              f"{space.n_actors} actors, {result.rounds} round(s)"
              + ("" if result.converged else ", not converged"))
    labels = _option_labels(source, space.issues)
    table = Table("issue", "forecast (0–100)", *(["nearest option"] if labels else []), "start",
                  "lowest position", "highest position")
    for k, issue in enumerate(space.issue_names):
        column = space.positions[:, k][space.present[:, k]]
        nearest = [_nearest(labels[k], result.outcome[k])] if labels else []
        table.add_row(issue, f"{result.outcome[k]:.1f}", *nearest,
                      f"{result.trajectory[0, k]:.1f}",
                      f"{column.min():.1f}" if column.size else "-",
                      f"{column.max():.1f}" if column.size else "-")
    out.print(table)


def _option_labels(source: Path, issues: tuple[str, ...]) -> list[list[str]] | None:
    """A scenario's option labels per forecast issue (option order is the 0–100 scale)."""
    if source.suffix.lower() not in (".yaml", ".yml", ".json"):
        return None
    scenario = load(source)
    return [list(scenario.issue(issue).options) for issue in issues]


def _nearest(labels: list[str], value: float) -> str:
    """The option whose place on the 0–100 scale is nearest to `value`."""
    if value != value:  # NaN: no forecast for this issue
        return "-"
    return labels[int(round(value / 100 * (len(labels) - 1)))]


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
) -> None:
    """MAE of models against DEU outcomes, with bootstrap intervals and a paired comparison
    against the compromise model."""
    name = _model(model, allow_all=True)
    if settings and name == "all":
        raise ForecastInputError("--set needs one --model. Fix: name the model to tune")
    parameters = _parameters(settings, name) if name != "all" else {}
    space, filtering = read_deu(file, min_positions=min_positions)
    try:
        if output is OutputFormat.json and name != "all":
            _print_json(backtest(space, name, **parameters).to_dict())
            return
        names = list(MODELS) if name == "all" else ["compromise", name]
        results = [backtest(space, m, **(parameters if m == name else {}))
                   for m in dict.fromkeys(names)]
    except ValueError as exc:
        raise ForecastInputError(f"--set: {exc}") from None
    comparison = compare(results, seed=seed, resamples=resamples)
    if output is OutputFormat.json:
        _print_json({"filtering": filtering.to_dict(),
                     "models": [r.to_dict() for r in results],
                     "comparison": comparison.to_dict()})
        return
    out.print(f"DEU backtest of {file}: {filtering.kept} issues kept of {filtering.rows} "
              f"({len(filtering.no_outcome)} without an outcome, "
              f"{len(filtering.too_few_positions)} with fewer than {min_positions} positions; "
              f"{filtering.positions_without_salience} positions without salience ignored)")
    table = Table("model", "MAE", "95% CI", "minus compromise", "95% CI (paired)",
                  "issues better")
    for r in sorted(results, key=lambda r: r.mae):
        m, d = comparison.mae[r.model], comparison.difference[r.model]
        table.add_row(r.model, f"{m.estimate:.2f}", f"{m.low:.2f} – {m.high:.2f}",
                      f"{d.estimate:+.2f}", f"{d.low:+.2f} – {d.high:+.2f}",
                      f"{100 * comparison.wins[r.model]:.0f}%")
    out.print(table)
    out.print(f"[dim]Bootstrap: {resamples} resamples of issues, seed {seed}; the same "
              "resamples for every model, so differences are paired. A model beats the "
              "compromise only where the paired interval lies below 0.[/]")

