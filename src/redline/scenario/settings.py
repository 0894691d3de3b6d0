"""One named setting of a scenario, read and changed by name: the handle of break-even and sweeps.

Names (the same in `redline thresholds`, `redline sweep` and their JSON):

- ``ACTOR.reservation``: the actor's no-deal value, in [0, 1];
- ``ACTOR.weights.ISSUE``: the actor's *normalised* weight on the issue, in [0, 1]; setting it to
  t scales the actor's other weights so that they keep their proportions and sum to 1 - t (the
  rule of :func:`redline.scenario.pressure.pull_weight`; with no weight elsewhere the rest is
  shared equally). A utility is then u(o; t) = t v_k(o_k) + (1 - t) b(o), linear in t;
- ``RED_LINE.credibility``: the probability that a red line binds, in [0, 1].

Settings apply to the scenario's compiled utilities (after events and influence, when those were
applied first), never to the document's uncertain numbers.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from redline.errors import RedlineError
from redline.scenario.model import point
from redline.scenario.pressure import pull_weight
from redline.scenario.scenario import Scenario

KINDS = ("reservation", "weights", "credibility")


class SettingError(RedlineError):
    """A setting name or value that does not fit the scenario."""


@dataclass(frozen=True)
class Setting:
    """A parsed setting name: ``owner`` is an actor id or a red-line id."""

    name: str
    owner: str
    kind: str  # one of KINDS
    issue: str | None = None


def parse_setting(scenario: Scenario, name: str) -> Setting:
    """``USA.reservation`` / ``USA.weights.missiles`` / ``usa-red-line.credibility`` -> Setting."""
    parts = name.strip().split(".")
    fix = ("use ACTOR.reservation, ACTOR.weights.ISSUE or RED_LINE.credibility, "
           "e.g. " + _example(scenario))
    if len(parts) == 2 and parts[1] == "reservation":
        _actor(scenario, parts[0], name)
        return Setting(name, parts[0], "reservation")
    if len(parts) == 3 and parts[1] == "weights":
        _actor(scenario, parts[0], name)
        if parts[2] not in scenario.issue_ids:
            raise SettingError(f"setting {name!r}: unknown issue {parts[2]!r}; the issues are "
                               f"{', '.join(scenario.issue_ids)}")
        if len(scenario.issue_ids) < 2:
            raise SettingError(f"setting {name!r}: with a single issue its weight is always 1; "
                               "vary the reservation instead")
        return Setting(name, parts[0], "weights", parts[2])
    if len(parts) == 2 and parts[1] == "credibility":
        ids = [r.id for r in scenario.red_lines]
        if parts[0] not in ids:
            raise SettingError(f"setting {name!r}: unknown red line {parts[0]!r}; the red lines "
                               f"are {', '.join(ids) or '(none)'}")
        return Setting(name, parts[0], "credibility")
    raise SettingError(f"setting {name!r} is not understood. Fix: {fix}")


def _example(scenario: Scenario) -> str:
    actor = scenario.parties[0] if scenario.parties else "ACTOR"
    return f"{actor}.reservation or {actor}.weights.{scenario.issue_ids[0]}"


def _actor(scenario: Scenario, actor: str, name: str) -> None:
    if actor not in scenario.utilities:
        known = ", ".join(scenario.utilities) or "(none)"
        raise SettingError(f"setting {name!r}: {actor!r} has no preferences; the actors with "
                           f"preferences are {known}")


def current_value(scenario: Scenario, setting: Setting) -> float:
    """The setting's value in `scenario` (credibility at its point value)."""
    if setting.kind == "reservation":
        return float(scenario.utilities[setting.owner].reservation)
    if setting.kind == "weights":
        assert setting.issue is not None
        return float(scenario.utilities[setting.owner].weights[setting.issue])
    red = next(r for r in scenario.red_lines if r.id == setting.owner)
    return point(red.credibility)


def with_setting(scenario: Scenario, setting: Setting, value: float) -> Scenario:
    """A copy of `scenario` with the setting at `value` (which must lie in [0, 1])."""
    if not 0.0 <= value <= 1.0:
        raise SettingError(f"setting {setting.name}: {value:g} is outside [0, 1]; give a value "
                           "between 0 and 1")
    if setting.kind == "credibility":
        document = scenario.document.model_copy(update={"red_lines": [
            r.model_copy(update={"credibility": value}) if r.id == setting.owner else r
            for r in scenario.document.red_lines]})
        return dataclasses.replace(scenario, document=document)
    utilities = dict(scenario.utilities)
    utility = utilities[setting.owner]
    if setting.kind == "reservation":
        utilities[setting.owner] = dataclasses.replace(utility, reservation=float(value))
    else:
        assert setting.issue is not None
        utilities[setting.owner] = pull_weight(utility, setting.issue, float(value), 1.0)
    return dataclasses.replace(scenario, utilities=utilities)
