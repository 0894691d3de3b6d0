"""redline: analyse multi-party negotiations with red lines.

The Python API in brief::

    import redline
    scenario = redline.load("examples/us-iran-2026.yaml")  # path, YAML/JSON text, or a dict
    analysis = redline.analyze(scenario)                   # frozen; .to_dict() is the JSON output
    current = redline.situation(scenario, ["enrichment", "sanctions"])  # the CLI's defaults
    redline.analyze(current)                               # ... the same answer as the CLI's
"""

from __future__ import annotations

from redline.errors import RedlineError, RuleSyntaxError, ScenarioError
from redline.scenario import Scenario, Situation, load, parse_rule, situation
from redline.space import Analysis, analyze, outcome_space, pareto_mask
from redline.version import __version__

__all__ = [
    "Analysis",
    "RedlineError",
    "RuleSyntaxError",
    "Scenario",
    "ScenarioError",
    "Situation",
    "__version__",
    "analyze",
    "load",
    "outcome_space",
    "pareto_mask",
    "parse_rule",
    "situation",
]
