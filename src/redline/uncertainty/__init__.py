"""Uncertainty: sampling whole scenarios, Monte Carlo runs, sensitivity; local, processes or Dask."""

from redline.uncertainty.bargaining import Bargaining, summarise, tally_runs
from redline.uncertainty.engines import ENGINES, EngineError, run_chunks
from redline.uncertainty.montecarlo import MonteCarlo, MonteCarloError, run
from redline.uncertainty.report import MonteCarloReport, montecarlo
from redline.uncertainty.sensitivity import SensitivityError, sobol, tornado
from redline.uncertainty.summary import Tally
from redline.uncertainty.sweeps import sweep

__all__ = [
    "ENGINES",
    "Bargaining",
    "EngineError",
    "MonteCarlo",
    "MonteCarloError",
    "MonteCarloReport",
    "SensitivityError",
    "Tally",
    "montecarlo",
    "run",
    "run_chunks",
    "sobol",
    "summarise",
    "sweep",
    "tally_runs",
    "tornado",
]
