"""Which way an actor leans on an issue, and rule text in that direction.

Options are ordered. An actor *leans up* on an issue when its values rise along the option
order (it prefers later options), *down* when they fall. A move of the issue against the
actor's leaning, away from the status quo, is a concession by that actor; a move with it is a
gain. Rules are written in the scenario's rule language (`redline.scenario.rules`), so a
proposed red line or linkage is checked like any other.
"""

from __future__ import annotations

from redline.limits import TOLERANCE
from redline.scenario import Scenario
from redline.scenario.model import Issue

_EPSILON = TOLERANCE


def leaning(scenario: Scenario, actor: str, issue: str) -> int:
    """+1 if `actor` prefers later options of `issue`, -1 earlier ones, 0 when the scenario
    does not say (no preferences, or values that do not rise or fall overall): the sign of the
    least-squares slope of its values over the option positions."""
    utility = scenario.utilities.get(actor)
    if utility is None or issue not in utility.values:
        return 0
    values = [float(v) for v in utility.values[issue]]
    n = len(values)
    mean_x, mean_v = (n - 1) / 2, sum(values) / n
    slope = sum((x - mean_x) * (v - mean_v) for x, v in enumerate(values))
    return 0 if abs(slope) < _EPSILON else 1 if slope > 0 else -1


def status_quo(issue: Issue) -> str:
    """The issue's status-quo option, or its first option when it names none."""
    return str(issue.status_quo or issue.options[0])


def _toward(issue: Issue, direction: int, strict: bool) -> str:
    """A rule on `issue` relative to its status quo: `strict`, a move in `direction` (+1 later
    options, -1 earlier ones, 0 any move); else staying or moving that way (``== sq`` when the
    status quo already sits at that end)."""
    sq = status_quo(issue)
    if direction == 0:
        return f"{issue.id} != '{sq}'" if strict else f"{issue.id} == '{sq}'"
    if strict:
        return f"{issue.id} {'>' if direction > 0 else '<'} '{sq}'"
    at_end = issue.options.index(sq) == (len(issue.options) - 1 if direction > 0 else 0)
    return f"{issue.id} == '{sq}'" if at_end else \
        f"{issue.id} {'>=' if direction > 0 else '<='} '{sq}'"


def can_move(issue: Issue, direction: int) -> bool:
    """Whether `issue` has an option beyond its status quo in `direction`."""
    at = issue.options.index(status_quo(issue))
    return direction == 0 or (at < len(issue.options) - 1 if direction > 0 else at > 0)


def no_worse(scenario: Scenario, actor: str, issue: Issue) -> str:
    """The red line "no worse than today for `actor`": the issue stays at its status quo or
    moves the actor's way (``missiles == 'no-limits'`` for Iran). Where the status quo is
    already the actor's worst end, that says nothing, so its red line is a move its way
    (``missiles > 'no-limits'`` for the United States: no deal without missile limits)."""
    direction = leaning(scenario, actor, issue.id)
    if direction != 0 and not can_move(issue, -direction):
        return _toward(issue, direction, strict=True)
    return _toward(issue, direction, strict=False)


def concession(scenario: Scenario, actor: str, issue: Issue) -> str:
    """Any concession of `actor` on `issue`: a move from the status quo against its leaning
    (``inspections > 'limited'`` for Iran); with no leaning known, any move."""
    return _toward(issue, -leaning(scenario, actor, issue.id), strict=True)


def gain(scenario: Scenario, actor: str, issue: Issue) -> str:
    """Any gain of `actor` on `issue`: a move from the status quo with its leaning
    (``sanctions > 'none'`` for Iran); with no leaning known, any move."""
    return _toward(issue, leaning(scenario, actor, issue.id), strict=True)
