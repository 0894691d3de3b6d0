"""redline: analyse multi-party negotiations with red lines.

The Python API in brief::

    import redline
    scenario = redline.load("examples/us-iran-2026.yaml")  # path, YAML/JSON text, or a dict
    analysis = redline.analyze(scenario)                   # frozen; .to_dict() is the JSON output
"""

from __future__ import annotations

from redline.errors import RedlineError, RuleSyntaxError, ScenarioError
from redline.scenario import Scenario, load, parse_rule
from redline.space import Analysis, analyze, outcome_space, pareto_mask
from redline.version import __version__

__all__ = [
    "Analysis",
    "RedlineError",
    "RuleSyntaxError",
    "Scenario",
    "ScenarioError",
    "__version__",
    "analyze",
    "load",
    "outcome_space",
    "pareto_mask",
    "parse_rule",
]
