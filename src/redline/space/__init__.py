"""The bargaining space: outcomes, utilities, Pareto frontier, solution concepts."""

from redline.scenario.situation import AgendaError
from redline.space.analysis import (
    METHODS,
    Analysis,
    Frontier,
    MethodError,
    Package,
    Solution,
    SpaceTooLarge,
    analyze,
)
from redline.space.coalitions import CoalitionDeal, Coalitions, analyze_coalitions
from redline.space.continuous import ExactAnalysis, ExactUnavailable, exact_bargaining
from redline.space.merge import MergeTooLarge
from redline.space.nearest import Nearest, nearest_acceptable
from redline.space.outcomes import OutcomeSpace, outcome_space
from redline.space.pareto import pareto_mask
from redline.space.partial import PartialAgreement, PartialAgreements, partial_agreements
from redline.space.polytope import ExactSolutions, exact_analysis, exact_solutions
from redline.space.power import Power, power_indices
from redline.space.sweep import Sweep, SweepError, SweepStep, sweep
from redline.space.thresholds import Threshold, Thresholds, thresholds

__all__ = [
    "AgendaError",
    "Analysis",
    "CoalitionDeal",
    "Coalitions",
    "ExactAnalysis",
    "ExactSolutions",
    "ExactUnavailable",
    "Frontier",
    "METHODS",
    "MergeTooLarge",
    "MethodError",
    "Nearest",
    "OutcomeSpace",
    "Package",
    "PartialAgreement",
    "PartialAgreements",
    "Power",
    "Solution",
    "SpaceTooLarge",
    "Sweep",
    "SweepError",
    "SweepStep",
    "Threshold",
    "Thresholds",
    "analyze",
    "analyze_coalitions",
    "exact_analysis",
    "exact_bargaining",
    "exact_solutions",
    "nearest_acceptable",
    "outcome_space",
    "pareto_mask",
    "sweep",
    "thresholds",
    "partial_agreements",
    "power_indices",
]
