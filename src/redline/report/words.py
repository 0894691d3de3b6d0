"""Answers in plain words, shared by the command line, the report and the dashboard.

`forecast_answer` is the one place a forecast of a scenario is put beside the bargaining view
of the same situation (the `redline-forecast/1` JSON with its ``nearest_acceptable`` package);
`reconciliation_text` says what that means in one paragraph.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from redline.forecast.situated import forecast_situation
from redline.scenario.situation import Situation
from redline.space.nearest import DEFAULT_MAX_OUTCOMES, nearest_acceptable


def forecast_answer(current: Situation, model: str = "compromise",
                    parameters: Mapping[str, Any] | None = None, *,
                    max_outcomes: int = DEFAULT_MAX_OUTCOMES) -> dict[str, Any]:
    """A model's forecast of a situation, its package, and the nearest package every party can
    accept (`redline-forecast/1`)."""
    result = forecast_situation(current, model, **dict(parameters or {}))
    target = {i: v for i, v in result.forecast.by_issue().items() if i in current.agenda}
    nearest = nearest_acceptable(current, target, max_outcomes=max_outcomes)
    return {**result.to_dict(), "acceptable": result.acceptable,
            "nearest_acceptable": nearest.to_dict()}


def _package_words(package: Mapping[str, str], issues: list[str]) -> str:
    return ", ".join(f"{i} {package[i]}" for i in issues)


def reconciliation_text(answer: Mapping[str, Any]) -> str:
    """The forecast and the bargaining view of one situation, reconciled in words."""
    situation = answer["situation"]
    agenda = list(situation["agenda"])
    name = f"The {answer['method']} forecast"
    if not answer["talks"]:
        who = ", ".join(f"{r['actor']} ({r['red_line']})" for r in situation["refused_by"])
        return (f"No talks on this agenda: {who} refuses to negotiate it. {name} shows where "
                "positions would settle if talks were held; no package is on the table.")
    package = _package_words(answer["package"], agenda)
    problems = []
    if answer["red_line_breaches"]:
        problems.append("breaks " + ", ".join(answer["red_line_breaches"]))
    if answer["below_reservation"]:
        problems.append("leaves " + ", ".join(answer["below_reservation"])
                        + " worse off than no deal")
    if not problems:
        return (f"{name} ({package}) is a package every party can accept: it breaks no "
                "party's red line and gives each at least its no-deal value.")
    nearest = answer["nearest_acceptable"]
    head = f"{name} ({package}) {' and '.join(problems)}"
    if nearest["package"] is None:
        return (f"{head}; no package is acceptable to every party in this situation (the ZOPA "
                "is empty: see `redline explain`).")
    near = _package_words(nearest["package"]["outcome"], agenda)
    return (f"{head}; the nearest package every party can accept is {near} (on average "
            f"{nearest['distance']:.1f} points away on the 0–100 scales).")
