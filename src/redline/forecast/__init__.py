"""Collective-decision models: where will an issue settle, given every actor's position,
salience and capability? One module per model, one shared result type (:class:`Forecast`).

Inputs are :class:`IssueSpace` objects, read from a redline scenario (:func:`from_scenario`),
a KTAB SMP CSV (:func:`read_ktab_csv`), a DEU III TSV (:func:`read_deu`) or a plain actor
table (:func:`read_actor_table`); :func:`load_space` picks the reader from the file name.
"""

from __future__ import annotations

from pathlib import Path

from redline.forecast.actor_table import looks_like_actor_table, read_actor_table
from redline.forecast.backtest import Backtest, Comparison, backtest, compare
from redline.forecast.bdm import bdm
from redline.forecast.compromise import compromise
from redline.forecast.crossval import CrossValidation, cross_validate, grouped_folds
from redline.forecast.deu import read_deu
from redline.forecast.exchange import exchange
from redline.forecast.ktab_csv import read_ktab_csv
from redline.forecast.ktab_xml import KtabScenario, read_ktab_xml
from redline.forecast.models import MODELS, ForecastMeasure, forecast
from redline.forecast.nash import nash_bargaining
from redline.forecast.procedural import procedural
from redline.forecast.result import Forecast
from redline.forecast.scenario_space import from_scenario
from redline.forecast.selection import select_on_split
from redline.forecast.situated import SituatedForecast, forecast_situation
from redline.forecast.smp import smp
from redline.forecast.space import (
    ForecastInputError,
    IssueSpace,
    issue_space,
    random_space,
    source_text,
)


def load_space(path: str | Path) -> IssueSpace:
    """Read a file as an issue space: ``.tsv`` DEU III, ``.csv`` KTAB SMP or actor table,
    ``.xml`` a KTAB SMP XML scenario, anything else a redline scenario (YAML or JSON)."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".xml":
        return read_ktab_xml(path).space
    if suffix == ".tsv":
        return read_deu(path, require_outcome=False)[0]
    if suffix == ".csv":
        text = source_text(path)
        if looks_like_actor_table(text):
            return read_actor_table(path, text=text)
        return read_ktab_csv(path, text=text)
    return from_scenario(str(path))


__all__ = [
    "Backtest",
    "Comparison",
    "CrossValidation",
    "Forecast",
    "ForecastMeasure",
    "ForecastInputError",
    "IssueSpace",
    "KtabScenario",
    "MODELS",
    "SituatedForecast",
    "backtest",
    "bdm",
    "compare",
    "compromise",
    "cross_validate",
    "exchange",
    "forecast",
    "forecast_situation",
    "from_scenario",
    "grouped_folds",
    "issue_space",
    "load_space",
    "nash_bargaining",
    "procedural",
    "random_space",
    "read_actor_table",
    "read_deu",
    "read_ktab_csv",
    "read_ktab_xml",
    "select_on_split",
    "smp",
]
