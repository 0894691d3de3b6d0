"""Uncertainty: sampling whole scenarios, Monte Carlo runs, sensitivity; local, processes or Dask."""

from redline.uncertainty.bargaining import Bargaining, summarise
from redline.uncertainty.engines import ENGINES, EngineError, run_chunks
from redline.uncertainty.montecarlo import MonteCarlo, MonteCarloError, run
from redline.uncertainty.report import MonteCarloReport, montecarlo
from redline.uncertainty.sensitivity import SensitivityError, sobol, tornado

__all__ = [
    "ENGINES",
    "Bargaining",
    "EngineError",
    "MonteCarlo",
    "MonteCarloError",
    "MonteCarloReport",
    "SensitivityError",
    "montecarlo",
    "run",
    "run_chunks",
    "sobol",
    "summarise",
    "tornado",
]
