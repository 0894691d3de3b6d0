"""One resolved situation: a scenario plus the analyst's choices, the object every engine reads.

A *situation* is what a question is asked about: the scenario after pressure (the chosen events,
then the chosen influence edges, see :mod:`redline.scenario.pressure`), the agenda (the issues on
the table; the others stay at their status quo), the date it is taken at, and what follows
directly from these: each party's reservation after pressure and which parties refuse to sit
down with this agenda (their agenda red lines). Every engine (analysis, agendas, explanations,
forecasts, simulation, tournaments, Monte Carlo, the report and the dashboard) consumes a
situation resolved here, and every JSON answer carries :meth:`Situation.to_dict` as its
``situation`` block, so answers given side by side are about the same thing.

Defaults, the same for every command and the Python API's :func:`situation`:

- ``agenda``: every issue;
- ``events``: ``"active"``, the events marked ``active: true`` (``"all"``, ``"none"`` or ids);
- ``influence``: ``"none"`` (``"all"`` or ``FROM:TO:ISSUE`` names);
- ``date``: none. Given a date, events dated after it are not applied by ``"active"`` or
  ``"all"`` (naming one explicitly is an error): the situation as it stood that day.

A :class:`~redline.scenario.scenario.Scenario` handed straight to an engine is taken exactly as it
is (no events applied): :func:`situate` turns it into a situation with no pressure.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from redline.errors import RedlineError
from redline.limits import TOLERANCE
from redline.scenario.model import Issue
from redline.scenario.pressure import apply_pressure, select_events, select_influence
from redline.scenario.rules import evaluate
from redline.scenario.scenario import Scenario
from redline.version import __version__

DEFAULT_EVENTS = "active"
DEFAULT_INFLUENCE = "none"
RATIONALITY_SLACK = TOLERANCE
"""Per issue: the rounding allowance when a package is compared with a reservation."""


class SituationError(RedlineError):
    """An agenda, event choice or date that does not fit the scenario."""


class AgendaError(SituationError):
    """An agenda that does not fit the scenario (unknown issue, empty, no status quo)."""


@dataclass(frozen=True)
class Situation:
    """A scenario under the analyst's choices, resolved once (see the module docstring)."""

    scenario: Scenario  # after pressure
    loaded: Scenario  # as written
    agenda: tuple[str, ...]  # on the table, in scenario order
    events: tuple[str, ...] = ()
    influence: tuple[str, ...] = ()
    date: dt.date | None = None
    changes: Mapping[str, Any] = field(default_factory=dict)
    refused_by: tuple[tuple[str, str], ...] = ()  # (actor, agenda red line)
    notices: tuple[str, ...] = ()
    version: str = __version__

    @property
    def title(self) -> str:
        """The scenario's title."""
        return self.scenario.title

    @property
    def parties(self) -> tuple[str, ...]:
        """The ids of the parties (actors holding a veto)."""
        return self.scenario.parties

    @property
    def talks(self) -> bool:
        """False when a party refuses to negotiate with this agenda on the table."""
        return not self.refused_by

    @property
    def off_agenda(self) -> dict[str, str]:
        """Issues off the table and the status quo option each keeps."""
        return {i.id: str(i.status_quo) for i in self.scenario.issues if i.id not in self.agenda}

    @property
    def reservations(self) -> dict[str, float]:
        """Each party's no-deal value after pressure (parties with preferences)."""
        return {p: self.scenario.utilities[p].reservation for p in self.parties
                if p in self.scenario.utilities}

    def influence_names(self) -> list[str]:
        """The influence edges applied, as FROM:TO:ISSUE names."""
        return list(self.influence)

    def with_agenda(self, agenda: Sequence[str] | None) -> Situation:
        """The same pressure and date with another agenda."""
        return _settle(self.loaded, self.scenario, agenda, self.events, self.influence,
                       self.date, self.changes, self.notices)

    def package(self, options: Mapping[str, int]) -> dict[str, int]:
        """A full package (option index per issue) from options on the agenda: issues off the
        table take their status quo."""
        full = {i.id: i.options.index(i.status_quo) for i in self.scenario.issues
                if i.id not in self.agenda and i.status_quo is not None}
        for issue in self.agenda:
            if issue not in options:
                raise SituationError(f"the package gives no option for {issue!r}, which is on "
                                     "the agenda. Fix: give an option for every agenda issue")
            full[issue] = int(options[issue])
        return {i: full[i] for i in self.scenario.issue_ids}

    def labels(self, package: Mapping[str, int]) -> dict[str, str]:
        """The option labels of a package given as option indices, by issue."""
        return {i: self.scenario.issue(i).options[k] for i, k in package.items()}

    def describe(self) -> str:
        """One line for text output: what this situation assumes."""
        parts = [f"agenda: {', '.join(self.agenda) or '(none)'}"]
        if self.off_agenda:
            parts.append("off the table (status quo): "
                         + ", ".join(f"{i} {o}" for i, o in self.off_agenda.items()))
        parts.append(f"events: {', '.join(self.events) or 'none'}")
        if self.influence:
            parts.append(f"influence: {', '.join(self.influence)}")
        if self.date is not None:
            parts.append(f"as of {self.date.isoformat()}")
        grid = self.grid()
        if grid:
            errors = ", ".join(f"{p} {e:.3g}" for p, e in grid["grid_error"].items())
            parts.append("numbers on a grid: " + ", ".join(
                f"{i} {g['points']} points"
                + (f" of {g['whole_numbers']} whole numbers" if g.get("whole_numbers") else "")
                for i, g in grid["issues"].items())
                + f" (utility error at most {errors})")
        return "; ".join(parts)

    def grid(self) -> dict[str, Any]:
        """The grids of the numeric issues on the agenda and the utility each party can lose to
        them (:func:`redline.scenario.numeric.grid_error`); empty without numeric issues."""
        scenario = self.scenario
        numeric = [i for i in scenario.numeric_issues if i in self.agenda]
        if not numeric:
            return {}
        issues = {}
        for issue_id in numeric:
            issue = scenario.issue(issue_id)
            values = scenario.grid_values(issue_id)
            issues[issue_id] = {"range": list(issue.range or ()), "unit": issue.unit,
                                "integer": issue.integer, "points": len(values),
                                "max_gap": float(max(values[1:] - values[:-1]))}
            low, high = issue.range or (0.0, 0.0)
            if issue.integer and len(values) < high - low + 1:  # the grid skips whole numbers
                issues[issue_id]["whole_numbers"] = int(high - low + 1)
        errors = scenario.grid_errors(self.agenda)
        return {"issues": issues,
                "grid_error": {p: round(e, 12) for p, e in errors.items() if p in self.parties}}

    def to_dict(self) -> dict[str, Any]:
        """The ``situation`` block of every JSON answer."""
        return {
            "scenario": self.title,
            "agenda": list(self.agenda),
            "off_agenda": self.off_agenda,
            "events": list(self.events),
            "influence": list(self.influence),
            "date": None if self.date is None else self.date.isoformat(),
            "reservations": {p: round(d, 12) for p, d in self.reservations.items()},
            "refused_by": [{"actor": a, "red_line": r} for a, r in self.refused_by],
            **({"numbers": self.grid()} if self.grid() else {}),
        }


def refusals(scenario: Scenario, agenda: Sequence[str],
             parties: Sequence[str] | None = None) -> tuple[tuple[str, str], ...]:
    """Agenda red lines of the parties that the agenda triggers: (actor, red line id)."""
    on_table = set(agenda)
    who = scenario.parties if parties is None else tuple(parties)
    return tuple(
        (red.actor, red.id)
        for red in scenario.red_lines
        if red.refuses_agenda is not None and red.actor in who
        and on_table.intersection(red.refuses_agenda)
    )


def check_agenda(scenario: Scenario, agenda: Sequence[str] | None) -> tuple[str, ...]:
    """The agenda in scenario order, checked: known issues, at least one, and a status quo for
    every issue left off the table."""
    ids = scenario.issue_ids
    chosen = list(ids) if agenda is None else [a for a in dict.fromkeys(agenda) if a]
    unknown = [i for i in chosen if i not in ids]
    if unknown:
        raise AgendaError(f"agenda: unknown issue {', '.join(map(repr, unknown))}; the "
                             f"issues are {', '.join(ids)}. Fix: name issues from that list")
    if not chosen:
        raise AgendaError("agenda: no issue on the table. Fix: name at least one issue")
    for issue in scenario.issues:
        if issue.id not in chosen and issue.status_quo is None:
            raise AgendaError(f"issue {issue.id!r} is left off the agenda but has no "
                                 "status_quo. Fix: give it a status_quo in the scenario or put "
                                 "it on the agenda")
    return tuple(i for i in ids if i in chosen)


def _dated_events(scenario: Scenario, events: Any, date: dt.date | None
                  ) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Event ids for a choice, without those dated after `date` (and notices saying so)."""
    chosen = select_events(scenario, events)
    if date is None:
        return chosen, ()
    dated = {e.id: e.date for e in scenario.document.events}
    later = [e for e in chosen if dated[e] is not None and dated[e] > date]  # type: ignore[operator]
    named = not (events is None or events in ("active", "all"))
    if later and named:
        raise SituationError(f"--events: {', '.join(later)} is dated after the situation date "
                             f"{date.isoformat()}. Fix: drop it or choose a later --date")
    notices = tuple(f"event {e} (dated {dated[e]}) comes after {date.isoformat()}: not applied"
                    for e in later)
    return tuple(e for e in chosen if e not in later), notices


def _settle(loaded: Scenario, pressured: Scenario, agenda: Sequence[str] | None,
            events: tuple[str, ...], influence: tuple[str, ...], date: dt.date | None,
            changes: Mapping[str, Any], notices: tuple[str, ...]) -> Situation:
    on_table = check_agenda(pressured, agenda)
    return Situation(pressured, loaded, on_table, events, influence, date, changes,
                     refusals(pressured, on_table), notices)


def situation(scenario: Scenario, agenda: Sequence[str] | str | None = None, *,
              events: Sequence[str] | str | None = DEFAULT_EVENTS,
              influence: Sequence[str] | str | None = DEFAULT_INFLUENCE,
              date: dt.date | str | None = None) -> Situation:
    """Resolve a scenario and the analyst's choices into one situation.

    `agenda`: issue ids on the table (a list or ``"a,b"``; default every issue). `events`:
    ``"active"`` (default), ``"all"``, ``"none"`` or ids. `influence`: ``"none"`` (default),
    ``"all"`` or ``FROM:TO:ISSUE`` names. `date`: an ISO date or ``datetime.date``.
    """
    when = _date(date)
    if isinstance(agenda, str):
        agenda = [a.strip() for a in agenda.split(",")]
    chosen_events, notices = _dated_events(scenario, events, when)
    chosen_edges = select_influence(scenario, influence)
    pressure = apply_pressure(scenario, chosen_events, chosen_edges)
    return _settle(scenario, pressure.scenario, agenda, pressure.events, pressure.influence,
                   when, pressure.changes, notices)


def situate(subject: Scenario | Situation, agenda: Sequence[str] | None = None) -> Situation:
    """A situation from what an engine was given: a situation as it is (with `agenda`, the same
    pressure on that agenda), or a scenario taken exactly as it is (no events applied)."""
    if isinstance(subject, Situation):
        return subject if agenda is None else subject.with_agenda(agenda)
    return situation(subject, agenda, events="none", influence="none")


def _date(date: dt.date | str | None) -> dt.date | None:
    if date is None or isinstance(date, dt.date):
        return date
    try:
        return dt.date.fromisoformat(date.strip())
    except ValueError:
        raise SituationError(f"--date {date!r} is not a date. Fix: write it as YYYY-MM-DD, "
                             "e.g. 2026-02-01") from None


# --- one package under the situation ---------------------------------------------------------


def option_scale(n_options: int) -> NDArray[np.float64]:
    """Where each of ``n_options`` ordered options sits on the 0–100 scale of the forecasting
    models (index / (n - 1) * 100; a single option sits at 0)."""
    if n_options < 2:
        return np.zeros(max(n_options, 0))
    return np.arange(n_options) / (n_options - 1) * 100.0


def issue_scale(issue: Issue) -> NDArray[np.float64]:
    """Where each option of an issue sits on the 0–100 scale: by its number for a numeric issue
    ((x - low) / (high - low) * 100, so a grid with marks keeps the numbers' proportions), by
    its rank otherwise (:func:`option_scale`)."""
    if issue.range is None:
        return option_scale(len(issue.options))
    low, high = issue.range
    return (np.array([float(o) for o in issue.options]) - low) / (high - low) * 100.0


def scale_number(issue: Issue, value: float) -> float | None:
    """The number a 0–100 value stands for on a numeric issue (None for an issue of options)."""
    if issue.range is None or value != value:
        return None
    low, high = issue.range
    return low + value / 100.0 * (high - low)


# ----------------------------------------------------------


def package_utilities(current: Situation, package: Mapping[str, int]) -> dict[str, float]:
    """Each party's utility of a full package (option index per issue), after pressure."""
    utilities = current.scenario.utilities
    return {p: float(sum(utilities[p].table(i)[k] for i, k in package.items()))
            for p in current.parties if p in utilities}


def red_line_breaches(current: Situation, package: Mapping[str, int]) -> tuple[str, ...]:
    """Ids of the parties' outcome red lines that a full package breaks."""
    scenario = current.scenario
    counts = scenario.option_counts()
    broken = []
    for red in scenario.red_lines:
        if red.rule is None or red.actor not in current.parties:
            continue
        holds = evaluate(scenario.rules[red.id],
                         lambda issue, table: np.asarray(table[package[issue]]), counts)
        if not bool(holds):
            broken.append(red.id)
    return tuple(broken)


def below_reservation(current: Situation, package: Mapping[str, int]) -> tuple[str, ...]:
    """Parties that a full package leaves worse off than no deal."""
    slack = RATIONALITY_SLACK * max(1, len(package))
    reservations = current.reservations
    return tuple(p for p, u in package_utilities(current, package).items()
                 if u < reservations[p] - slack)
