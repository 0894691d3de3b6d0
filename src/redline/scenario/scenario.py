"""A validated scenario: the document plus its numeric form (normalised weights, value tables)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray

from redline.errors import Problem, ScenarioError
from redline.limits import active
from redline.scenario.budget import check_counts
from redline.scenario.decision import VotingGame, voting_game
from redline.scenario.document import Located, format_path
from redline.scenario.model import (
    Actor,
    Document,
    Issue,
    Preference,
    RedLine,
    ValueFunction,
    point,
)
from redline.scenario.numeric import function_points, grid_error, max_gap, values_of
from redline.scenario.rules import BoundRule
from redline.scenario.validation import check


@dataclass(frozen=True)
class Utility:
    """One actor's additive utility: normalised weights and per-issue option values."""

    weights: Mapping[str, float]
    values: Mapping[str, NDArray[np.float64]]  # issue id -> value per option (read-only arrays)
    reservation: float
    # numeric issues: issue id -> the value function's breakpoints (xs, values), exact
    functions: Mapping[str, tuple[NDArray[np.float64], NDArray[np.float64]]] = field(
        default_factory=dict)
    discount: float | None = None

    def table(self, issue: str) -> NDArray[np.float64]:
        """w_i * v_i(option) for one issue: the issue's contribution to utility, per option."""
        return self.weights[issue] * self.values[issue]


@dataclass(frozen=True)
class Scenario:
    """A scenario that passed validation. Build one with :func:`redline.load`."""

    document: Document
    origin: str
    utilities: Mapping[str, Utility]
    rules: Mapping[str, BoundRule]
    notices: tuple[str, ...] = field(default=())

    # --- views of the document ---------------------------------------------------------------
    @property
    def title(self) -> str:
        """The scenario's title."""
        return self.document.title

    @property
    def actors(self) -> tuple[Actor, ...]:
        """The actors, in document order."""
        return tuple(self.document.actors)

    @property
    def issues(self) -> tuple[Issue, ...]:
        """The issues, in document order."""
        return tuple(self.document.issues)

    @property
    def red_lines(self) -> tuple[RedLine, ...]:
        """The red lines, in document order."""
        return tuple(self.document.red_lines)

    @property
    def parties(self) -> tuple[str, ...]:
        """Actors with a veto over any agreement, in document order."""
        return tuple(a.id for a in self.document.actors if a.role == "party")

    @property
    def issue_ids(self) -> tuple[str, ...]:
        """The issue ids, in document order."""
        return tuple(i.id for i in self.document.issues)

    def voting_game(self) -> VotingGame:
        """The decision rule as a voting game over the parties (unanimity when none is given)."""
        return voting_game(self.document, self.parties)

    def actor(self, actor_id: str) -> Actor:
        """The actor with this id (KeyError when there is none)."""
        for a in self.document.actors:
            if a.id == actor_id:
                return a
        raise KeyError(actor_id)

    def issue(self, issue_id: str) -> Issue:
        """The issue with this id (KeyError when there is none)."""
        for i in self.document.issues:
            if i.id == issue_id:
                return i
        raise KeyError(issue_id)

    def option_counts(self) -> dict[str, int]:
        """How many options each issue has, by issue id."""
        return {i.id: len(i.options) for i in self.document.issues}

    @property
    def numeric_issues(self) -> tuple[str, ...]:
        """Issues that are numbers in a range (enumerated on their grid)."""
        return tuple(i.id for i in self.document.issues if i.range is not None)

    def grid_values(self, issue_id: str) -> NDArray[np.float64]:
        """The numbers of a numeric issue's grid, in option order."""
        return values_of(self.issue(issue_id).options)

    def grid_errors(self, agenda: Sequence[str] | None = None) -> dict[str, float]:
        """Per party with preferences: the most utility the grids of the numeric issues (on
        `agenda`, default all) can cost it (:func:`redline.scenario.numeric.grid_error`)."""
        on = set(self.issue_ids if agenda is None else agenda)
        gaps = {i.id: max_gap(i.options, i.integer) for i in self.issues
                if i.range is not None and i.id in on}
        return {p: grid_error(u.weights, u.functions, gaps) for p, u in self.utilities.items()}

    def to_dict(self) -> dict[str, Any]:
        """The scenario document as plain JSON-ready data."""
        data: dict[str, Any] = self.document.model_dump(mode="json", by_alias=True,
                                                        exclude_none=True)
        for issue in data["issues"]:
            if issue.get("range") is None:
                issue.pop("integer", None)
                issue.pop("marks", None)
            else:  # the options are the grid (read back, they must match it)
                if not issue.get("marks"):
                    issue.pop("marks", None)
                if not issue.get("integer"):
                    issue.pop("integer", None)
        for pref in data.get("preferences", {}).values():
            if pref.get("normalise_weights", True):
                pref.pop("normalise_weights", None)
        return data

    def with_document(self, document: Document) -> Scenario:
        """A new scenario from an edited document (validated again)."""
        return from_document(document, self.origin)


def compile_utility(preference: Preference, issues: Sequence[Issue]) -> Utility:
    """Normalised weights and per-option value tables of one actor (numbers at their point
    values); the weights must add up to more than 0."""
    raw = {i.id: point(preference.weights.get(i.id, 0.0)) for i in issues}
    total = sum(raw.values())
    if total <= 0:
        raise ValueError("the weights add up to 0")
    if not preference.normalise_weights:
        total = 1.0
    values: dict[str, NDArray[np.float64]] = {}
    functions: dict[str, tuple[NDArray[np.float64], NDArray[np.float64]]] = {}
    for issue in issues:
        table = preference.values.get(issue.id)
        if issue.range is not None:
            low, high = issue.range
            if isinstance(table, ValueFunction):
                xs, vs = function_points(table.points, table.linear, low, high)
            else:  # no value given: indifferent
                xs, vs = np.array([low, high]), np.zeros(2)
            xs.setflags(write=False)
            vs.setflags(write=False)
            functions[issue.id] = (xs, vs)
            array = np.interp(values_of(issue.options), xs, vs)
        elif table is None or isinstance(table, ValueFunction):
            array = np.zeros(len(issue.options))
        elif isinstance(table, list):
            array = np.array([point(v) for v in table], dtype=float)
        else:
            array = np.array([point(table[o]) for o in issue.options], dtype=float)
        array.setflags(write=False)
        values[issue.id] = array
    return Utility({k: v / total for k, v in raw.items()}, values, point(preference.reservation),
                   functions, preference.discount)


def missing_reservations(doc: Document) -> list[str]:
    """A warning for each party whose preferences give no reservation (no-deal value).

    The value then defaults to 0, the least a utility can be: the party would accept any deal
    its red lines allow. That is rarely what an analyst means, so it is said, never silent.
    """
    parties = {a.id for a in doc.actors if a.role == "party"}
    return [f"warning: preferences.{who} has no reservation, so no deal counts as 0 for {who} "
            f"(any deal its red lines allow beats it). Fix: give preferences.{who}.reservation, "
            "the utility of no agreement in [0, 1]"
            for who, pref in doc.preferences.items()
            if who in parties and "reservation" not in pref.model_fields_set]


def from_document(doc: Document, origin: str = "<scenario>",
                  located: Located | None = None) -> Scenario:
    """Validate cross-references and compile the numeric form of a document."""
    check_counts(doc, origin, active())
    found, rules = check(doc)
    if found:
        problems = [
            Problem(format_path(path), message, fix,
                    located.line_of(path) if located is not None else None)
            for path, message, fix in found
        ]
        raise ScenarioError(origin, problems)
    notices: list[str] = []
    utilities: dict[str, Utility] = {}
    for who, pref in doc.preferences.items():
        total = sum(point(w) for w in pref.weights.values())
        if abs(total - 1.0) > 1e-9 and pref.normalise_weights:
            notices.append(f"preferences.{who}.weights add up to {total:g}; "
                           "normalised to sum 1")
        utilities[who] = compile_utility(pref, doc.issues)
    notices.extend(missing_reservations(doc))
    return Scenario(doc, origin, utilities, rules, tuple(notices))
